import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/index.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import { BlobStore } from '../../../files/blobs.ts';
import { copenhagenDate } from '../../../i18n/index.ts';
import { DEFAULT_RECORDS_SETTINGS, periodOf } from '../settings.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../../test/helpers/db.ts';
import {
  filesUnder,
  FIXTURE_PERIOD,
  fixturePeriod,
  FIXTURE_TODAY,
  FIXTURES,
  haveGhostscript,
  haveXmllint,
  insertCase,
  seedArchivedPeriod,
  xmllint,
  type SeededPeriod,
} from './export.fixtures.ts';
import { archivalExportJob, exportArchivalVersion } from './job.ts';
import { runArchivalExport } from './run.ts';
import { planArchivalExport } from './service.ts';
import { ALLOWED_COMPRESSION, ghostscript, readTiffInfo, type TiffConverter } from './tiff.ts';

const AVID = 'AVID.SA.18005.1';
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false });

/** The real Ghostscript converter, counting what it is asked to convert. */
function counting(inner: TiffConverter = ghostscript()) {
  const calls: string[] = [];
  const converter: TiffConverter = {
    available: () => inner.available(),
    async pdfToTiff(pdf, out, opts) {
      calls.push(out);
      return inner.pdfToTiff(pdf, out, opts);
    },
  };
  return { converter, calls };
}

const md5 = (file: string) => createHash('md5').update(fs.readFileSync(file)).digest('hex');
const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

type Row = Record<string, string | { '@_xsi:nil': string }>;
function tableRows(dir: string, n: number): Row[] {
  const xml = parser.parse(fs.readFileSync(path.join(dir, 'Tables', `table${n}`, `table${n}.xml`), 'utf8')) as {
    table: { row?: Row | Row[] };
  };
  return asList(xml.table.row);
}

describe.skipIf(!haveGhostscript).each(DIALECTS)('the archival version exporter (%s)', (dialect) => {
  let t: TestDatabase;
  let dataDir: string;
  let outDir: string;
  let blobs: BlobStore;
  let seeded: SeededPeriod;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-export-'));
    outDir = path.join(dataDir, 'out');
    blobs = new BlobStore(dataDir);
  });
  afterEach(async () => {
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const input = (over: Partial<Parameters<typeof planArchivalExport>[1]> = {}) => ({
    period: FIXTURE_PERIOD,
    avid: AVID,
    outDir,
    actor: null,
    today: FIXTURE_TODAY,
    ...over,
  });

  describe('a small period', () => {
    beforeEach(async () => {
      seeded = await seedArchivedPeriod(t.database, blobs);
    });

    it(
      'writes the AVID folder; every index and table validates against its schema; fileIndex has every MD5',
      { timeout: 120_000 },
      async () => {
        const { converter, calls } = counting();
        const { plan, result } = await exportArchivalVersion(t.database, blobs, input(), { converter });
        expect(plan).toMatchObject({ ok: true, cases: 2, documents: seeded.documents, disposeCases: 1 });
        expect(result).toMatchObject({ status: 'written', converted: seeded.documents });
        const dir = path.join(outDir, AVID);
        const files = filesUnder(dir);
        expect(files).toEqual(
          expect.arrayContaining([
            'Indices/archiveIndex.xml',
            'Indices/contextDocumentationIndex.xml',
            'Indices/docIndex.xml',
            'Indices/fileIndex.xml',
            'Indices/tableIndex.xml',
            'ContextDocumentation/docCollection1/1/1.tif',
            'ContextDocumentation/docCollection1/2/1.tif',
            ...['archiveIndex', 'contextDocumentationIndex', 'docIndex', 'fileIndex', 'tableIndex', 'XMLSchema'].map(
              (s) => `Schemas/standard/${s}.xsd`,
            ),
            ...[1, 2, 3, 4, 5, 6, 7].flatMap((n) => [
              `Tables/table${n}/table${n}.xml`,
              `Tables/table${n}/table${n}.xsd`,
            ]),
          ]),
        );
        expect(fs.statSync(path.join(dir, 'Schemas', 'localShared')).isDirectory()).toBe(true);
        // The standard schemas unchanged.
        expect(fs.readFileSync(path.join(dir, 'Schemas/standard/docIndex.xsd'))).toEqual(
          fs.readFileSync(path.join(FIXTURES, 'docIndex.xsd')),
        );
        // One TIFF per document, named 1.tif in a folder named by its docID; each converted once.
        const documents = files.filter((f) => f.startsWith('Documents/'));
        expect(documents).toEqual(
          Array.from({ length: seeded.documents }, (_, i) => `Documents/docCollection1/${i + 1}/1.tif`).sort(),
        );
        expect(calls).toHaveLength(seeded.documents + 2);
        expect(fs.readdirSync(outDir)).toEqual([AVID]);

        if (haveXmllint) {
          for (const index of ['archiveIndex', 'contextDocumentationIndex', 'docIndex', 'fileIndex', 'tableIndex']) {
            const r = xmllint(path.join(dir, 'Indices', `${index}.xml`), path.join(FIXTURES, `${index}.xsd`));
            expect(r.ok, `${index}: ${r.output}`).toBe(true);
          }
          for (let n = 1; n <= 7; n++) {
            const folder = path.join(dir, 'Tables', `table${n}`);
            const r = xmllint(path.join(folder, `table${n}.xml`), path.join(folder, `table${n}.xsd`));
            expect(r.ok, `table${n}: ${r.output}`).toBe(true);
          }
        }

        // fileIndex: every file but itself, once, with its MD5 and the medium's folder name.
        const index = parser.parse(fs.readFileSync(path.join(dir, 'Indices/fileIndex.xml'), 'utf8')) as {
          fileIndex: { f: Array<{ foN: string; fiN: string; md5: string }> };
        };
        const listed = index.fileIndex.f.map((f) => ({ path: `${f.foN.replace(/\\/g, '/')}/${f.fiN}`, md5: f.md5 }));
        expect(listed.map((f) => f.path).sort()).toEqual(
          files.filter((f) => f !== 'Indices/fileIndex.xml').map((f) => `${AVID}/${f}`),
        );
        for (const f of listed) expect(f.md5.toLowerCase(), f.path).toBe(md5(path.join(outDir, f.path)));
      },
    );

    it(
      'writes TIFF 6.0 baseline: 300 dpi, G4/LZW, colour only where there is colour, all pages in 1.tif',
      { timeout: 120_000 },
      async () => {
        await exportArchivalVersion(t.database, blobs, input(), {});
        const dir = path.join(outDir, AVID, 'Documents', 'docCollection1');
        const rows = await t.database.db
          .selectFrom('archival_export_documents as x')
          .innerJoin('documents as d', 'd.id', 'x.document_id')
          .select(['x.doc_id', 'd.title', 'x.pages', 'x.source', 'x.note', 'x.version'])
          .orderBy('x.doc_id')
          .execute();
        const byTitle = new Map(rows.map((r) => [r.title, r]));
        for (const r of rows) {
          const file = path.join(dir, String(r.doc_id), '1.tif');
          const head = fs.readFileSync(file).subarray(0, 4).toString('latin1');
          expect(['II*\0', 'MM\0*']).toContain(head);
          const info = await readTiffInfo(file);
          expect(info.pages).toHaveLength(Number(r.pages));
          for (const p of info.pages) {
            expect(ALLOWED_COMPRESSION.has(p.compression), r.title).toBe(true);
            expect(p.compression).toBe(5);
            expect([p.xResolution, p.yResolution]).toEqual([300, 300]);
            expect(p.strips).toBe(true);
          }
        }
        const photometric = async (title: string) =>
          (await readTiffInfo(path.join(dir, String(byTitle.get(title)!.doc_id), '1.tif'))).pages[0]!;
        // The red photo is colour (RGB, 3 × 8 bit); a letter is grey (8 bit).
        expect(await photometric('Foto af grunden')).toMatchObject({ photometric: 2, bitsPerSample: [8, 8, 8] });
        expect(await photometric('Ansøgning om byggetilladelse')).toMatchObject({ photometric: 1, bitsPerSample: [8] });
        expect(byTitle.get('Ansøgning om byggetilladelse')!.pages).toBe(2);
        // What each was made from.
        expect(byTitle.get('Ansøgning om byggetilladelse')!.source).toBe('pdf');
        expect(byTitle.get('Notat om sagen')!.source).toBe('rendition');
        expect(byTitle.get('Mail fra ansøger')!.source).toBe('converted');
        expect(byTitle.get('Foto af grunden')!.source).toBe('converted');
        expect(byTitle.get('Referat af møde')).toMatchObject({ source: 'text' });
        expect(byTitle.get('Referat af møde')!.note).toMatch(/tekst er sat op på ny/);
        expect(byTitle.get('Blokeret vedhæftning')).toMatchObject({ source: 'placeholder' });
        expect(byTitle.get('Afgørelse')!.version).toBe(2);
        expect(byTitle.has('Kladde, ikke journaliseret')).toBe(false);
        expect(byTitle.has('Forespørgsel')).toBe(false);

        // Bitonal on request: CCITT G4, 1 bit.
        const other = path.join(dataDir, 'bitonal');
        await t.database.db.updateTable('archival_exports').set({ status: 'failed' }).execute();
        const second = await exportArchivalVersion(
          t.database,
          blobs,
          input({ avid: 'AVID.SA.18006.1', outDir: other, tiffMode: 'bitonal' }),
          {},
        );
        expect(second.result).toMatchObject({ status: 'written' });
        const g4 = await readTiffInfo(path.join(other, 'AVID.SA.18006.1', 'Documents/docCollection1/2/1.tif'));
        expect(g4.pages[0]).toMatchObject({ compression: 4, bitsPerSample: [1] });
      },
    );

    it(
      'holds the period’s cases with their documents, parties, notes, classification and relations',
      { timeout: 120_000 },
      async () => {
        await exportArchivalVersion(t.database, blobs, input(), {});
        const dir = path.join(outDir, AVID);
        const cases = tableRows(dir, 1);
        expect(cases.map((c) => c.c2).sort()).toEqual([...seeded.inExport].sort());
        const permit = cases.find((c) => c.c3 === 'Byggetilladelse, carport Østergade 12')!; // trimmed
        expect(permit).toMatchObject({ c5: 'Emnesag', c12: 'Bevares', c11: 'false' });
        expect(cases.find((c) => c.c3 === 'Hjemmehjælp')).toMatchObject({
          c5: 'Borgersag',
          c12: 'Vurderes',
          c11: 'true',
        });
        expect(permit.c8).toEqual({ '@_xsi:nil': 'true' });
        expect(permit.c17).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

        const docs = tableRows(dir, 2);
        expect(docs).toHaveLength(seeded.documents);
        const attachment = docs.find((d) => d.c4 === 'Tegning (vedhæftet)')!;
        const mail = docs.find((d) => d.c4 === 'Mail fra ansøger')!;
        expect(attachment.c10).toBe(mail.c1);
        expect(docs.find((d) => d.c4 === 'Referat af møde')!.c17).toMatch(/layout/);
        expect(docs.find((d) => d.c4 === 'Ansøgning om byggetilladelse')!.c17).toEqual({ '@_xsi:nil': 'true' });

        const parties = tableRows(dir, 3);
        expect(parties.map((p) => [p.c3, p.c5, p.c6, p.c7])).toEqual([
          ['Person', 'Mette Sørensen', '010190-1234', { '@_xsi:nil': 'true' }],
          ['Virksomhed', 'Carport ApS', { '@_xsi:nil': 'true' }, '29189757'],
        ]);
        // The note lost the characters bilag 5 forbids; its C1 control is a character reference.
        const noteXml = fs.readFileSync(path.join(dir, 'Tables/table4/table4.xml'), 'utf8');
        expect(noteXml).toContain(
          'Ringet til ansøger om skur&#x85; – aftalt møde &amp; &quot;tegninger&quot; &lt;senest&gt;',
        );
        expect(noteXml).not.toMatch(/[\u0001\uE000]/);

        const subjects = tableRows(dir, 5).map((s) => s.c1);
        expect(subjects).toEqual(['02', '02.34', '02.34.02', '27', '27.00', '27.00.00']);
        expect(tableRows(dir, 6).map((f) => f.c1)).toEqual(['G01', 'P20']);
        const relations = tableRows(dir, 7);
        expect(relations).toHaveLength(3);
        const outside = relations.find((r) => typeof r.c3 === 'object')!;
        expect(outside.c2).toMatch(/^ARK-2025-/);

        const tableIndex = fs.readFileSync(path.join(dir, 'Indices/tableIndex.xml'), 'utf8');
        expect(tableIndex).toContain('<name>FK_dokument_sag</name><referencedTable>sag</referencedTable>');
        expect(tableIndex).toContain(
          '<primaryKey><name>PK_sagsrelation</name><column>sagID</column><column>relateret_sagsnummer</column></primaryKey>',
        );
        expect(tableIndex).toContain('<name>titel</name><columnID>c3</columnID><type>VARCHAR(37)</type>');
        expect(tableIndex).toContain('<functionalDescription>Dokumentidentifikation</functionalDescription>');

        const archiveIndex = fs.readFileSync(path.join(dir, 'Indices/archiveIndex.xml'), 'utf8');
        expect(archiveIndex).toContain('<archiveInformationPackageID>AVID.SA.18005</archiveInformationPackageID>');
        expect(archiveIndex).toContain('<documentsDisposal>true</documentsDisposal>');
        expect(archiveIndex).toContain('<cprNum>true</cprNum>');
        const docIndex = fs.readFileSync(path.join(dir, 'Indices/docIndex.xml'), 'utf8');
        expect(docIndex).toContain(`<doc><dID>${String(attachment.c1)}</dID><pID>${String(mail.c1)}</pID><mID>1</mID>`);
      },
    );

    it('refuses a period that has not ended, one with cases not yet archived, and bad AVIDs, and writes nothing', async () => {
      const refused = async (over: Partial<Parameters<typeof planArchivalExport>[1]>) => {
        const r = await planArchivalExport(t.database, input(over));
        expect(r.ok).toBe(false);
        return r.ok ? [] : r.problems.map((p) => ({ field: p.field, key: p.key, params: p.params }));
      };
      expect(await refused({ today: '2025-12-31' })).toEqual([
        { field: 'period', key: 'records.export.error.periodNotEnded', params: { end: '2025-12-31' } },
      ]);
      expect((await refused({ period: { start: '2021-01-01', end: '2024-12-31' } }))[0]!.key).toBe(
        'records.export.error.periodInvalid',
      );
      expect((await refused({ avid: 'AVID.SA.018005.1' }))[0]!.key).toBe('records.export.error.avidInvalid');
      expect((await refused({ avid: 'AVID.KBH.18005.1' }))[0]!.key).toBe('records.export.error.avidArchive');
      expect((await refused({ avid: 'AVID.SA.18005.2' }))[0]!.key).toBe('records.export.error.avidMedium');

      const open = await insertCase(t.database, seeded.unitId, {
        title: 'Ikke arkiveret',
        retention: 'preserve',
        status: 'closed',
        closedAt: '2025-11-01T10:00:00.000Z',
      });
      const problems = await refused({});
      expect(problems).toEqual([
        {
          field: 'period',
          key: 'records.export.error.notArchived',
          params: { count: 1, cases: open.number, more: 0 },
        },
      ]);
      expect(await t.database.db.selectFrom('archival_exports').select('id').execute()).toEqual([]);
      expect(fs.existsSync(path.join(outDir, AVID))).toBe(false);

      // Once archived, it goes; then the period and the AVID are taken.
      await t.database.db.updateTable('cases').set({ status: 'archived' }).where('id', '=', open.id).execute();
      const ok = await planArchivalExport(t.database, input());
      expect(ok).toMatchObject({ ok: true, cases: 3 });
      expect((await refused({ avid: 'AVID.SA.18006.1' }))[0]!.key).toBe('records.export.error.periodExported');
      const again = await refused({});
      expect(again.map((p) => p.key)).toEqual(['records.export.error.periodExported', 'records.export.error.avidUsed']);
    });

    it(
      'runs in slices; the job picks up the oldest unfinished export and finishes it, converting each document once',
      { timeout: 120_000 },
      async () => {
        const { converter, calls } = counting();
        const planned = await planArchivalExport(t.database, input());
        if (!planned.ok) throw new Error('not planned');
        const first = await runArchivalExport(t.database, blobs, planned.exportId, {
          trigger: 'manual',
          converter,
          maxDocuments: 3,
        });
        expect(first).toEqual({ status: 'running', converted: 3, remaining: seeded.documents - 3 });
        const row = await t.database.db.selectFrom('archival_exports').selectAll().executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: 'running', documents_done: 3 });

        const job = archivalExportJob(t.database, blobs, { converter });
        expect(job).toMatchObject({ name: 'archival-export', runOnStart: true, schedule: '*/5 * * * *' });
        expect(await job.run()).toEqual({
          counts: { converted: seeded.documents - 3, written: 1, failed: 0, remaining: 0 },
        });
        expect(calls).toHaveLength(seeded.documents + 2);
        expect(await job.run()).toEqual({ counts: { converted: 0, written: 0, failed: 0, remaining: 0 } });
        const runs = await t.database.db.selectFrom('records_runs').selectAll().orderBy('id').execute();
        expect(runs.map((r) => [r.kind, r.status, Number(r.done), Number(r.total), Number(r.export_id)])).toEqual([
          ['export', 'done', 3, seeded.documents, planned.exportId],
          ['export', 'done', seeded.documents, seeded.documents, planned.exportId],
        ]);
        expect(
          await t.database.db
            .selectFrom('archival_exports')
            .select(['status', 'documents_done'])
            .executeTakeFirstOrThrow(),
        ).toEqual({
          status: 'written',
          documents_done: seeded.documents,
        });
      },
    );

    it(
      'fails with a clear message when Ghostscript is missing, and resumes once it is there',
      { timeout: 120_000 },
      async () => {
        const missing: TiffConverter = {
          available: async () => null,
          pdfToTiff: () => Promise.reject(new Error('no')),
        };
        const planned = await planArchivalExport(t.database, input());
        if (!planned.ok) throw new Error('not planned');
        const r = await runArchivalExport(t.database, blobs, planned.exportId, {
          trigger: 'manual',
          converter: missing,
        });
        expect(r).toMatchObject({ status: 'failed' });
        const row = await t.database.db
          .selectFrom('archival_exports')
          .select(['status', 'error'])
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('failed');
        expect(row.error).toMatch(/Ghostscript \(gs\) er ikke installeret.*ghostscript/);
        // The job leaves a failed export alone; a resumption finishes it.
        expect((await archivalExportJob(t.database, blobs).run()).counts.written).toBe(0);
        expect(
          await runArchivalExport(t.database, blobs, planned.exportId, { trigger: 'cli', retryFailed: true }),
        ).toMatchObject({
          status: 'written',
        });
      },
    );
  });

  describe('the command line', () => {
    let cli: { database: Database; env: NodeJS.ProcessEnv };
    const current = periodOf(copenhagenDate(new Date()), DEFAULT_RECORDS_SETTINGS);
    const ended = { start: Number(current.start.slice(0, 4)) - 5, end: Number(current.start.slice(0, 4)) - 1 };

    beforeEach(async () => {
      // The CLI opens DATA_DIR/samspil.sqlite or DATABASE_URL, like the server.
      const database =
        dialect === 'sqlite' ? openDatabase({ sqliteFile: path.join(dataDir, 'samspil.sqlite') }) : t.database;
      if (dialect === 'sqlite') await migrateToLatest(database);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      if (dialect === 'postgres') env.DATABASE_URL = t.location.databaseUrl!;
      else delete env.DATABASE_URL;
      cli = { database, env };
    });
    afterEach(async () => {
      if (dialect === 'sqlite') await cli.database.destroy();
    });

    const spawnCli = (args: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/archive-export.ts', ...args], {
        env: cli.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
      const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      return { child, done, output: () => out };
    };

    // The CLI runs on this process's clock (it inherits a moved one): the period before the current one has ended.
    const seed = (extraDocuments: number) =>
      seedArchivedPeriod(cli.database, blobs, { extraDocuments, firstYear: ended.start });

    it(
      'writes an archival version, prints its progress, and says in Danish why it refuses',
      { timeout: 180_000 },
      async () => {
        seeded = await seed(0);
        const bad = spawnCli([
          '--period',
          `${current.start.slice(0, 4)}-${current.end.slice(0, 4)}`,
          '--avid',
          AVID,
          '--out',
          outDir,
        ]);
        expect(await bad.done).toBe(1);
        expect(bad.output()).toContain(`Fejl: Perioden er ikke slut endnu: den slutter ${current.end}.`);
        const usage = spawnCli(['--period', `${ended.start}-${ended.end}`]);
        expect(await usage.done).toBe(2);
        expect(usage.output()).toContain('Brug: npm run archive:export');

        const run = spawnCli(['--period', `${ended.start}-${ended.end}`, '--avid', AVID, '--out', outDir]);
        expect(await run.done, run.output()).toBe(0);
        expect(run.output()).toContain(`${AVID}: 2 sager og ${seeded.documents} dokumenter`);
        expect(run.output()).toContain(`Dokumenter konverteret: ${seeded.documents} af ${seeded.documents}`);
        expect(run.output()).toContain('Arkiveringsversionen er skrevet');
        expect(run.output()).toContain('Kontrollen efter bek. nr. 128 fandt ingen fejl.');
        expect(fs.existsSync(path.join(outDir, AVID, 'Indices', 'fileIndex.xml'))).toBe(true);
        const row = await cli.database.db.selectFrom('archival_exports').select(['status']).executeTakeFirstOrThrow();
        expect(row.status).toBe('valid');
        const runs = await cli.database.db.selectFrom('records_runs').select(['trigger', 'status']).execute();
        expect(runs).toEqual([{ trigger: 'cli', status: 'done' }]);
      },
    );

    it(
      'after a crash mid-export, a rerun finishes it: nothing lost, nothing converted twice, no stray files',
      { timeout: 180_000 },
      async () => {
        seeded = await seed(16);
        const planned = await planArchivalExport(
          cli.database,
          input({ period: fixturePeriod(ended.start), today: undefined }),
        );
        if (!planned.ok) throw new Error('not planned');
        const total = planned.documents;
        const first = spawnCli(['--resume', String(planned.exportId)]);
        // Kill it (SIGKILL: no clean-up of any kind) once a few documents are done.
        for (;;) {
          const row = await cli.database.db
            .selectFrom('archival_exports')
            .select('documents_done')
            .where('id', '=', planned.exportId)
            .executeTakeFirstOrThrow();
          if (Number(row.documents_done) >= 3) break;
          if (first.child.exitCode !== null)
            throw new Error(`the export ended before it was killed: ${first.output()}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        first.child.kill('SIGKILL');
        await first.done;

        const docs = await cli.database.db
          .selectFrom('archival_export_documents')
          .select(['doc_id', 'status', 'source'])
          .where('export_id', '=', planned.exportId)
          .execute();
        const done = docs.filter((d) => d.status === 'done');
        expect(done.length).toBeGreaterThanOrEqual(3);
        expect(done.length).toBeLessThan(total);
        const tif = (id: number) => path.join(outDir, AVID, 'Documents', 'docCollection1', String(id), '1.tif');
        // Renamed into place by the killed run but not yet marked done: recovered without converting.
        const recovered = docs.filter((d) => d.status !== 'done' && d.source !== null && fs.existsSync(tif(d.doc_id)));
        const mtimes = new Map(done.map((d) => [d.doc_id, fs.statSync(tif(d.doc_id)).mtimeMs]));
        expect(await cli.database.db.selectFrom('archival_exports').select('status').executeTakeFirstOrThrow()).toEqual(
          {
            status: 'running',
          },
        );

        // The dead run's heartbeat goes stale (five minutes on): until then it counts as alive.
        const { converter, calls } = counting();
        expect(await runArchivalExport(cli.database, blobs, planned.exportId, { trigger: 'cli', converter })).toEqual({
          status: 'skipped',
          reason: 'busy',
        });
        await cli.database.db
          .updateTable('records_runs')
          .set({ heartbeat_at: new Date(Date.now() - 10 * 60_000).toISOString() })
          .where('status', '=', 'running')
          .execute();
        const resumed = await runArchivalExport(cli.database, blobs, planned.exportId, { trigger: 'cli', converter });
        expect(resumed).toMatchObject({ status: 'written', converted: total - done.length - recovered.length });
        expect(calls).toHaveLength(total - done.length - recovered.length + 2);
        for (const [id, mtime] of mtimes)
          expect(fs.statSync(tif(id)).mtimeMs, `document ${id} was rewritten`).toBe(mtime);

        const files = filesUnder(path.join(outDir, AVID));
        expect(files.filter((f) => f.startsWith('Documents/'))).toHaveLength(total);
        expect(files.every((f) => /^[A-Za-z0-9/._]+$/.test(f) && !f.includes('.part'))).toBe(true);
        expect(fs.readdirSync(outDir)).toEqual([AVID]);
        const fileIndex = fs.readFileSync(path.join(outDir, AVID, 'Indices', 'fileIndex.xml'), 'utf8');
        const entries = [...fileIndex.matchAll(/<foN>([^<]+)<\/foN><fiN>([^<]+)<\/fiN>/g)].map(
          (m) => `${m[1]}\\${m[2]}`,
        );
        expect(new Set(entries).size).toBe(entries.length);
        expect(entries).toHaveLength(files.length - 1);
        const runs = await cli.database.db.selectFrom('records_runs').select('status').orderBy('id').execute();
        expect(runs.map((r) => r.status)).toEqual(['interrupted', 'done']);
        expect(
          await cli.database.db
            .selectFrom('archival_export_documents')
            .select('status')
            .where('status', '!=', 'done')
            .execute(),
        ).toEqual([]);
      },
    );
  });
});
