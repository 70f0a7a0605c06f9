import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { STANDARD_DIR } from '../settings.ts';
import {
  isTrue,
  parseArchiveIndex,
  parseContextIndex,
  readRecords,
  type ArchiveIndex,
  type ContextDocument,
} from './indices.ts';
import { Findings, type Finding, type ValidationReport } from './report.ts';
import { AVID_FOLDER, checkStructure, findMedia, walkMedium, type Medium, type Structure } from './structure.ts';
import { checkTableXsd, KEY_SEP, parseTableIndex, TableScanner, type Problem, type TableDef } from './tables.ts';
import { checkTiff, readTiff, TiffFormatError } from './tiff.ts';
import { TextScanner } from './utf8.ts';
import { validateWithSchema, xmllintVersion, XmllintMissingError } from './xmllint.ts';

export interface ValidateOptions {
  /** The xmllint program (default `xmllint` on PATH). */
  xmllint?: string;
  /** Where the National Archives' index schemas are (default: the app's copy, STANDARD_DIR). */
  standardDir?: string;
  /** How many files are read, and xmllint runs started, at once (default: up to 4). */
  concurrency?: number;
  /** Findings kept per code before the rest are summed up in one line (default 200). */
  maxFindingsPerCode?: number;
}

/** The validator could not run (no xmllint, no folder): not a verdict on the version. Danish message. */
export class ValidatorUnavailableError extends Error {
  constructor(
    readonly code: 'xmllint-missing' | 'folder-unreadable',
    message: string,
  ) {
    super(message);
  }
}

const INDEX_SCHEMA: Record<string, string> = {
  'fileIndex.xml': 'fileIndex.xsd',
  'archiveIndex.xml': 'archiveIndex.xsd',
  'contextDocumentationIndex.xml': 'contextDocumentationIndex.xsd',
  'tableIndex.xml': 'tableIndex.xsd',
  'docIndex.xml': 'docIndex.xsd',
  'researchIndex.xml': 'researchIndex.xsd',
};

const FIG = (point: string) => `bilag 6, punkt 6. C. 1, figur 6.3, ${point}`;

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * Validates an archival version folder (AVID.<archive>.<no>.<medium>; later media of the same
 * version beside it are included). Resolves with the findings; rejects with
 * ValidatorUnavailableError when it cannot check at all.
 */
export async function validateArchivalVersion(dir: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const started = performance.now();
  const bin = options.xmllint ?? 'xmllint';
  const standardDir = options.standardDir ?? STANDARD_DIR;
  const concurrency = options.concurrency ?? Math.max(1, Math.min(4, os.availableParallelism()));
  const stat = await fsp.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new ValidatorUnavailableError('folder-unreadable', `Mappen ${dir} findes ikke eller er ikke en mappe.`);
  }
  try {
    await xmllintVersion(bin);
  } catch (e) {
    if (e instanceof XmllintMissingError) throw new ValidatorUnavailableError('xmllint-missing', e.message);
    throw e;
  }

  const findings = new Findings(options.maxFindingsPerCode ?? 200);
  const add = (f: Finding) => findings.add(f);
  const counts: Record<string, number> = {};

  const { avid, media: found } = await findMedia(dir);
  const media: Medium[] = [];
  for (const m of found) media.push(await walkMedium(m.dir, m.name, m.number));
  const first = media[0]!;
  const byName = new Map(media.map((m) => [m.name, m]));
  const where = (m: Medium, rel: string) => (m === first ? rel : rel ? `${m.name}/${rel}` : m.name);
  const abs = (m: Medium, rel: string) => path.join(m.dir, ...rel.split('/'));

  if (!AVID_FOLDER.test(first.name)) {
    add({
      code: 'avid-name',
      section: 'bilag 4, punkt 4. B. 1',
      message: `Mappen hedder "${first.name}", men skal hedde med mediets navn: arkiveringsversionsID'et (AVID, en kode på 2–4 bogstaver og et løbenummer, adskilt af punktum, jf. 4. B. 4.a) og medienummeret, fx AVID.SA.18005.1.`,
    });
  }

  const structure = checkStructure(media, add);
  const has = (rel: string) => first.files.has(rel);

  // The index files (4. C. 1) and their schemas (4. F. 2).
  const documentsExist = structure.documents.size > 0 || media.some((m) => m.dirs.has('Documents'));
  const required = ['fileIndex.xml', 'archiveIndex.xml', 'contextDocumentationIndex.xml', 'tableIndex.xml'];
  for (const f of required) {
    if (!has(`Indices/${f}`))
      add({
        code: 'index-missing',
        section: 'bilag 4, punkt 4. C. 1.a',
        path: `Indices/${f}`,
        message: `Indeksfilen ${f} mangler.`,
      });
  }
  if (documentsExist && !has('Indices/docIndex.xml')) {
    add({
      code: 'index-missing',
      section: 'bilag 4, punkt 4. C. 1.b',
      path: 'Indices/docIndex.xml',
      message: 'Arkiveringsversionen indeholder dokumenter, men indeksfilen docIndex.xml mangler.',
    });
  }
  if (has('Indices/docIndex.xml') && !media.some((m) => m.dirs.has('Documents'))) {
    add({
      code: 'folder-missing',
      section: 'bilag 4, punkt 4. B. 2, figur 4.1',
      path: 'Documents',
      message: 'Der er en docIndex.xml, men mappen Documents med dokumenterne mangler.',
    });
  }
  const neededSchemas = [
    'fileIndex.xsd',
    'archiveIndex.xsd',
    'contextDocumentationIndex.xsd',
    'tableIndex.xsd',
    'XMLSchema.xsd',
  ];
  if (has('Indices/docIndex.xml')) neededSchemas.push('docIndex.xsd');
  if (has('Indices/researchIndex.xml')) neededSchemas.push('researchIndex.xsd');
  if (first.dirs.has('Schemas/standard')) {
    for (const s of neededSchemas) {
      if (!has(`Schemas/standard/${s}`)) {
        add({
          code: 'schema-missing',
          section: 'bilag 4, punkt 4. F. 2',
          path: `Schemas/standard/${s}`,
          message: `Standardskemaet ${s} mangler i Schemas/standard.`,
        });
      }
    }
  }

  // Parse the indices (their schema validity is xmllint's job below; here only what they say).
  const readText = async (rel: string) => (has(rel) ? fsp.readFile(abs(first, rel), 'utf8') : null);
  const parsed = async <T>(rel: string, parse: (xml: string) => T): Promise<T | null> => {
    const xml = await readText(rel);
    if (xml === null) return null;
    try {
      return parse(xml);
    } catch {
      return null; // not well-formed: xmllint reports it
    }
  };
  const tableDefs = (await parsed('Indices/tableIndex.xml', parseTableIndex)) ?? [];
  const archiveIndex = await parsed('Indices/archiveIndex.xml', parseArchiveIndex);
  const contextIndex = await parsed('Indices/contextDocumentationIndex.xml', parseContextIndex);
  const safeRecords = (rel: string, record: string) =>
    has(rel) ? readRecords(abs(first, rel), record).catch(() => null) : Promise.resolve(null);
  const fileIndex = await safeRecords('Indices/fileIndex.xml', 'f');
  const docIndex = await safeRecords('Indices/docIndex.xml', 'doc');
  const defByFolder = new Map(tableDefs.map((t) => [t.folder, t]));
  // The column tuples each table's scan collects: its foreign keys' columns, and the columns other
  // tables' foreign keys refer to (the primary key is always collected).
  const keyTuples = new Map<string, string[][]>();
  for (const t of tableDefs) {
    for (const fk of t.foreignKeys) {
      const target = tableDefs.find((x) => x.name === fk.referencedTable);
      keyTuples.set(t.folder, [...(keyTuples.get(t.folder) ?? []), fk.references.map((r) => r.column)]);
      if (target)
        keyTuples.set(target.folder, [...(keyTuples.get(target.folder) ?? []), fk.references.map((r) => r.referenced)]);
    }
  }
  const scanned = new Map<string, TableScanner>();

  // xmllint: each index against its standard schema, each table against its own (4. C. 1.d, 4. D. 4–5).
  const lint: { schema: string; file: string; m: Medium; rel: string; kind: 'index' | 'table' }[] = [];
  for (const [f, s] of Object.entries(INDEX_SCHEMA)) {
    if (has(`Indices/${f}`))
      lint.push({
        schema: path.join(standardDir, s),
        file: abs(first, `Indices/${f}`),
        m: first,
        rel: `Indices/${f}`,
        kind: 'index',
      });
  }
  for (const [folder, t] of structure.tables) {
    const xml = `Tables/${folder}/${folder}.xml`;
    const xsd = `Tables/${folder}/${folder}.xsd`;
    if (!t.medium.files.has(xml)) continue;
    if (t.medium.files.has(xsd))
      lint.push({ schema: abs(t.medium, xsd), file: abs(t.medium, xml), m: t.medium, rel: xml, kind: 'table' });
    else {
      add({
        code: 'table-xsd-missing',
        severity: 'warning',
        section: 'bilag 4, punkt 4. D. 5',
        path: where(t.medium, xsd),
        message: `Tabellen ${folder} har intet skema ${folder}.xsd. Bekendtgørelsen tillader det, men så kan tabellens datatyper ikke kontrolleres, og Rigsarkivets testværktøjer forventer skemaet.`,
      });
    }
  }
  counts.xmlFiles = lint.length;
  const linting = pool(lint, Math.max(1, concurrency - 1), async (job) => {
    const run = await validateWithSchema(bin, job.schema, [job.file]);
    if (run.schemaError !== undefined) {
      add({
        code: job.kind === 'table' ? 'table-xsd-invalid' : 'xsd-invalid',
        section: job.kind === 'table' ? 'bilag 4, punkt 4. D. 5' : 'bilag 4, punkt 4. C. 1.d',
        path: job.kind === 'table' ? where(job.m, job.rel.replace(/\.xml$/, '.xsd')) : job.rel,
        message: `Skemaet ${path.basename(job.schema)} er ikke et gyldigt XML-skema (xmllint: ${run.schemaError.replaceAll(job.schema, path.basename(job.schema))}).`,
      });
      return;
    }
    for (const r of run.results) {
      if (r.ok) continue;
      const more = r.errorCount > r.errors.length ? ` … og ${r.errorCount - r.errors.length} fejl mere.` : '';
      const detail = r.errors.map((e) => (e.line ? `linje ${e.line}: ${e.text}` : e.text)).join(' | ');
      add({
        code: 'xsd-invalid',
        section: job.kind === 'table' ? 'bilag 4, punkt 4. D. 4' : 'bilag 4, punkt 4. C. 1.d',
        path: where(job.m, job.rel),
        message: `Filen overholder ikke skemaet ${path.basename(job.schema)}: ${r.errorCount} fejl (xmllint: ${detail.replaceAll(job.file, path.basename(job.file))})${more}`,
      });
    }
  });

  // One pass over every file: MD5 for fileIndex (4. C. 2.b), the text rules of 5. D. for the
  // indices, tables and GML, and the table rows.
  const md5 = new Map<string, string>();
  const rowsCounted = new Map<string, number>();
  let bytes = 0;
  const buffers: Buffer[] = [];
  const all = media.flatMap((m) => [...m.files].sort().map((rel) => ({ m, rel })));
  await pool(all, concurrency, async ({ m, rel }) => {
    const hash = createHash('md5');
    const isIndex = m === first && /^Indices\/[^/]+\.xml$/.test(rel);
    const table = /^Tables\/(table[1-9][0-9]*)\/\1\.xml$/.exec(rel);
    const isGml = /^Documents\/.*\.(gml|xsd)$/i.test(rel) || /^Schemas\/localShared\//.test(rel);
    const text = isIndex || table || isGml ? new TextScanner() : null;
    const rows = table ? new TableScanner(defByFolder.get(table[1]!), keyTuples.get(table[1]!)) : null;
    const buf = buffers.pop() ?? Buffer.allocUnsafe(1 << 20);
    try {
      // One reused buffer per reader (nothing keeps a chunk), so millions of small files and a
      // few huge ones cost no garbage.
      const fh = await fsp.open(abs(m, rel), 'r');
      try {
        for (let pos = 0; ;) {
          const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
          if (bytesRead === 0) break;
          const b = buf.subarray(0, bytesRead);
          pos += bytesRead;
          hash.update(b);
          bytes += bytesRead;
          text?.feed(b);
          rows?.feed(b);
        }
      } finally {
        await fh.close();
      }
    } catch (e) {
      add({
        code: 'file-unreadable',
        section: 'bilag 4, punkt 4. C. 2.a',
        path: where(m, rel),
        message: `Filen kan ikke læses: ${(e as Error).message}`,
      });
      return;
    }
    buffers.push(buf);
    md5.set(`${m.name}/${rel}`, hash.digest('hex'));
    for (const p of text?.end() ?? []) add({ ...p, path: where(m, rel) });
    if (rows && table) {
      let problems: Problem[];
      try {
        problems = rows.end();
      } catch {
        problems = []; // not well-formed: xmllint reports it
      }
      rowsCounted.set(table[1]!, rows.rows);
      scanned.set(table[1]!, rows);
      for (const p of problems) add({ ...p, path: where(m, rel) });
    }
  });
  counts.files = all.length;
  counts.md5Bytes = bytes;

  checkFileIndex(fileIndex);
  checkSchemas();
  checkTables();
  checkDocuments();
  checkContext(contextIndex);
  checkArchiveIndex(archiveIndex);
  await checkFormats();
  await linting;

  counts.tables = structure.tables.size;
  counts.rows = [...rowsCounted.values()].reduce((a, b) => a + b, 0);
  counts.documents = structure.documents.size;
  counts.contextDocuments = structure.context.size;
  counts.millis = Math.round(performance.now() - started);
  const list = findings.finish();
  return { ok: !list.some((f) => f.severity !== 'warning'), avid: first.name, findings: list, counts };

  function checkFileIndex(records: Record<string, string>[] | null): void {
    if (!records) return;
    const listed = new Set<string>();
    let compared = 0;
    for (const r of records) {
      const folder = (r.foN ?? '').replace(/\\/g, '/');
      const name = r.fiN ?? '';
      const [mediumName, ...restParts] = folder.split('/');
      const rest = restParts.join('/');
      const m = byName.get(mediumName ?? '');
      const shown = `${folder}/${name}`;
      if (!m) {
        add({
          code: 'fileindex-path',
          section: 'bilag 4, punkt 4. C. 2.b, figur 4.2',
          path: 'Indices/fileIndex.xml',
          message: `Stien "${r.foN ?? ''}" i fileIndex.xml begynder ikke med navnet på et af arkiveringsversionens medier (${media.map((x) => x.name).join(', ')}).`,
        });
        continue;
      }
      const rel = rest ? `${rest}/${name}` : name;
      if (m === first && rel === 'Indices/fileIndex.xml') continue; // 4. C. 2.a: fileIndex.xml is exempt
      const key = `${m.name}/${rel}`;
      if (listed.has(key)) {
        add({
          code: 'file-listed-twice',
          section: 'bilag 4, punkt 4. C. 2.a',
          path: where(m, rel),
          message: `Filen står flere gange i fileIndex.xml (${shown}).`,
        });
        continue;
      }
      listed.add(key);
      const actual = md5.get(key);
      if (actual === undefined) {
        if (!m.files.has(rel)) {
          add({
            code: 'file-missing',
            section: 'bilag 4, punkt 4. C. 2.a',
            path: where(m, rel),
            message: `Filen står i fileIndex.xml, men findes ikke i arkiveringsversionen.`,
          });
        }
        continue;
      }
      compared++;
      if (actual !== (r.md5 ?? '').toLowerCase()) {
        add({
          code: 'md5-mismatch',
          section: 'bilag 4, punkt 4. C. 2.b, figur 4.2',
          path: where(m, rel),
          message: `Filens MD5-kontrolsum er ${actual}, men fileIndex.xml angiver ${r.md5 || '(ingen)'}.`,
        });
      }
    }
    counts.md5 = compared;
    for (const m of media) {
      for (const rel of m.files) {
        if (m === first && rel === 'Indices/fileIndex.xml') continue;
        if (!listed.has(`${m.name}/${rel}`)) {
          add({
            code: 'file-unreferenced',
            section: 'bilag 4, punkt 4. C. 2.a',
            path: where(m, rel),
            message: 'Filen findes i arkiveringsversionen, men står ikke i fileIndex.xml.',
          });
        }
      }
    }
  }

  function checkSchemas(): void {
    for (const rel of first.files) {
      const m = /^Schemas\/standard\/([^/]+\.xsd)$/.exec(rel);
      if (!m) continue;
      const official = path.join(standardDir, m[1]!);
      if (!fs.existsSync(official)) continue;
      const want = createHash('md5').update(fs.readFileSync(official)).digest('hex');
      if (md5.get(`${first.name}/${rel}`) !== want) {
        add({
          code: 'schema-changed',
          section: 'bilag 4, punkt 4. F. 3',
          path: rel,
          message: `Skemaet ${m[1]} er ikke identisk med det, Rigsarkivet stiller til rådighed; standardskemaerne må ikke ændres.`,
        });
      }
    }
  }

  function checkTables(): void {
    const seenFolders = new Set<string>();
    const tableNames = new Set<string>();
    const keyNames = new Set<string>();
    const byTableName = new Map<string, TableDef>(tableDefs.map((t) => [t.name, t]));
    const ti = 'Indices/tableIndex.xml';
    for (const t of tableDefs) {
      const label = `Tabellen ${t.name} (${t.folder})`;
      if (seenFolders.has(t.folder)) {
        add({
          code: 'table-listed-twice',
          section: 'bilag 4, punkt 4. D. 1',
          path: ti,
          message: `${label}: mappen ${t.folder} er angivet for flere tabeller i tableIndex.xml.`,
        });
      }
      seenFolders.add(t.folder);
      if (tableNames.has(t.name)) {
        add({
          code: 'table-name-duplicate',
          section: 'bilag 4, punkt 4. C. 5.a',
          path: ti,
          message: `${label}: tabelnavnet er brugt for flere tabeller.`,
        });
      }
      tableNames.add(t.name);
      if (/^"?[0-9]/.test(t.name)) {
        add({
          code: 'table-name',
          section: FIG('3.a'),
          path: ti,
          message: `${label}: et tabelnavn må ikke begynde med et tal.`,
        });
      }
      const ids = t.columns.map((c) => c.columnID);
      const bad = ids.findIndex((id, i) => id !== `c${i + 1}`);
      if (bad >= 0) {
        add({
          code: 'table-column-id',
          section: FIG('4.b'),
          path: ti,
          message: `${label}: kolonne nr. ${bad + 1} har columnID "${ids[bad]}"; columnID er »c« efterfulgt af kolonnens plads i tabellen (c${bad + 1}).`,
        });
      }
      const colNames = new Set<string>();
      for (const c of t.columns) {
        if (colNames.has(c.name))
          add({
            code: 'column-name-duplicate',
            section: 'bilag 4, punkt 4. C. 5.a',
            path: ti,
            message: `${label}: kolonnenavnet ${c.name} er brugt flere gange.`,
          });
        colNames.add(c.name);
      }
      for (const [name, point] of [[t.primaryKey.name, '5.a'], ...t.foreignKeys.map((f) => [f.name, '6.a'])] as const) {
        if (!name) continue;
        if (keyNames.has(name))
          add({
            code: 'key-name-duplicate',
            section: FIG(point),
            path: ti,
            message: `${label}: nøglenavnet ${name} er ikke unikt inden for arkiveringsversionen.`,
          });
        keyNames.add(name);
      }
      for (const c of t.primaryKey.columns) {
        if (!colNames.has(c))
          add({
            code: 'key-column',
            section: FIG('5.b'),
            path: ti,
            message: `${label}: primærnøglens kolonne ${c} findes ikke i tabellen.`,
          });
      }
      for (const fk of t.foreignKeys) {
        const target = byTableName.get(fk.referencedTable);
        if (!target) {
          add({
            code: 'foreign-key',
            section: FIG('6.b'),
            path: ti,
            message: `${label}: fremmednøglen ${fk.name} refererer til tabellen ${fk.referencedTable}, som ikke findes.`,
          });
          continue;
        }
        for (const ref of fk.references) {
          if (!colNames.has(ref.column)) {
            add({
              code: 'foreign-key',
              section: FIG('6.d'),
              path: ti,
              message: `${label}: fremmednøglen ${fk.name} refererer fra kolonnen ${ref.column}, som ikke findes i tabellen.`,
            });
          }
          if (!target.columns.some((c) => c.name === ref.referenced)) {
            add({
              code: 'foreign-key',
              section: FIG('6.e'),
              path: ti,
              message: `${label}: fremmednøglen ${fk.name} refererer til kolonnen ${ref.referenced}, som ikke findes i tabellen ${target.name}.`,
            });
          }
        }
      }
      const folder = structure.tables.get(t.folder);
      if (!folder) {
        add({
          code: 'table-folder-missing',
          section: 'bilag 4, punkt 4. D. 1',
          path: `Tables/${t.folder}`,
          message: `${label} står i tableIndex.xml, men mappen Tables/${t.folder} findes ikke.`,
        });
        continue;
      }
      const counted = rowsCounted.get(t.folder);
      if (counted !== undefined && counted !== t.rows) {
        add({
          code: 'table-rows',
          section: FIG('3.g'),
          path: where(folder.medium, `Tables/${t.folder}/${t.folder}.xml`),
          message: `${label}: tableIndex.xml angiver ${t.rows} rækker, men ${t.folder}.xml har ${counted}.`,
        });
      }
      for (const fk of t.foreignKeys) {
        const target = byTableName.get(fk.referencedTable);
        const from = scanned.get(t.folder)?.keys.get(fk.references.map((r) => r.column).join(KEY_SEP));
        const to = target && scanned.get(target.folder)?.keys.get(fk.references.map((r) => r.referenced).join(KEY_SEP));
        if (!from?.complete || !to?.complete) continue;
        let missing = 0;
        let example = '';
        for (const v of from.values) {
          if (to.values.has(v)) continue;
          if (missing++ === 0) example = v.split(KEY_SEP).join(', ');
        }
        if (missing) {
          add({
            code: 'foreign-key-value',
            severity: 'warning',
            section: FIG('6.c'),
            path: where(folder.medium, `Tables/${t.folder}/${t.folder}.xml`),
            message: `${label}: fremmednøglen ${fk.name} peger med ${missing} ${missing === 1 ? 'værdi' : 'forskellige værdier'} (fx ${example}) på rækker, som ikke findes i ${target!.name}. Bekendtgørelsen kræver ikke udtrykkeligt referentiel integritet, så det er en advarsel, men tableIndex.xml beskriver da en nøgle, data ikke overholder.`,
          });
        }
      }
      const xsd = `Tables/${t.folder}/${t.folder}.xsd`;
      if (folder.medium.files.has(xsd)) {
        for (const p of checkTableXsd(fs.readFileSync(abs(folder.medium, xsd), 'utf8'), t)) {
          add({
            ...p,
            path: where(folder.medium, xsd),
            ...(p.code === 'table-namespace' ? { severity: 'warning' as const } : {}),
          });
        }
      }
    }
    if (has(ti)) {
      for (const [folder, { medium }] of structure.tables) {
        if (!seenFolders.has(folder)) {
          add({
            code: 'table-unlisted',
            section: 'bilag 4, punkt 4. C. 5.a',
            path: where(medium, `Tables/${folder}`),
            message: `Tabelmappen ${folder} er ikke angivet i tableIndex.xml; samtlige tabeller skal angives.`,
          });
        }
      }
    }
  }

  function checkDocuments(): void {
    if (!docIndex) return;
    const ids = new Set(docIndex.map((d) => d.dID ?? ''));
    const seen = new Set<string>();
    for (const d of docIndex) {
      const id = d.dID ?? '';
      if (seen.has(id)) {
        add({
          code: 'document-listed-twice',
          section: 'bilag 4, punkt 4. G. 4',
          path: 'Indices/docIndex.xml',
          message: `Dokument-ID ${id} står flere gange i docIndex.xml.`,
        });
        continue;
      }
      seen.add(id);
      const folder = structure.documents.get(id);
      const medium = media.find((x) => String(x.number) === d.mID);
      const at = `${medium?.name ?? `${avid}.${d.mID ?? ''}`}/Documents/${d.dCf ?? ''}/${id}`;
      if (!medium) {
        add({
          code: 'document-medium',
          section: 'bilag 4, punkt 4. C. 6.b, figur 4.4',
          path: 'Indices/docIndex.xml',
          message: `Dokument ${id} ligger ifølge docIndex.xml (mID ${d.mID ?? ''}) på mediet ${avid}.${d.mID ?? ''}, som ikke findes.`,
        });
      }
      if (!folder) {
        add({
          code: 'document-missing',
          section: 'bilag 4, punkt 4. C. 6.a',
          path: `Documents/${d.dCf ?? ''}/${id}`,
          message: `Dokument ${id} står i docIndex.xml, men dokumentmappen ${at} findes ikke.`,
        });
        continue;
      }
      if (folder.collection !== d.dCf || (medium && medium !== folder.medium)) {
        add({
          code: 'document-location',
          section: 'bilag 4, punkt 4. C. 6.b, figur 4.4',
          path: where(folder.medium, folder.rel),
          message: `Dokument ${id} ligger i ${folder.medium.name}/${folder.rel}, men docIndex.xml angiver ${at} (mID, dCf).`,
        });
      }
      if (folder.format && folder.format !== (d.aFt ?? '').toLowerCase()) {
        add({
          code: 'document-type',
          section: 'bilag 4, punkt 4. C. 6.b, figur 4.4',
          path: where(folder.medium, folder.rel),
          message: `Dokument ${id} er i formatet ${folder.format}, men docIndex.xml angiver aFt "${d.aFt ?? ''}".`,
        });
      }
      if (d.pID && !ids.has(d.pID)) {
        add({
          code: 'document-parent',
          section: 'bilag 4, punkt 4. C. 6.b, figur 4.4',
          path: 'Indices/docIndex.xml',
          message: `Dokument ${id} har det overordnede dokument (pID) ${d.pID}, som ikke står i docIndex.xml.`,
        });
      }
      if (folder.format === 'gml') {
        const x = d.gmlXsd ?? '';
        const present = /^localSchema/i.test(x)
          ? first.files.has(`Schemas/localShared/${x}`)
          : x !== '' && folder.files.includes(x);
        if (!present) {
          add({
            code: 'gml-schema-missing',
            section: 'bilag 5, punkt 5. G. 4.a',
            path: where(folder.medium, folder.rel),
            message: x
              ? `GML-dokument ${id} henviser (gmlXsd) til skemaet ${x}, som ikke findes.`
              : `GML-dokument ${id} mangler en henvisning (gmlXsd) til sit skema i docIndex.xml.`,
          });
        }
      }
    }
    for (const [id, folder] of structure.documents) {
      if (!seen.has(id)) {
        add({
          code: 'document-unlisted',
          section: 'bilag 4, punkt 4. C. 6.a',
          path: where(folder.medium, folder.rel),
          message: `Dokumentmappen ${id} står ikke i docIndex.xml.`,
        });
      }
    }
  }

  function checkContext(docs: ContextDocument[] | null): void {
    if (!docs) return;
    const seen = new Set<string>();
    for (const d of docs) {
      if (seen.has(d.id)) {
        add({
          code: 'document-id-duplicate',
          section: 'bilag 4, punkt 4. E. 4',
          path: 'Indices/contextDocumentationIndex.xml',
          message: `Kontekstdokument-ID ${d.id} står flere gange i contextDocumentationIndex.xml.`,
        });
      }
      seen.add(d.id);
      if (!structure.context.has(d.id)) {
        add({
          code: 'context-document-missing',
          section: 'bilag 4, punkt 4. C. 4.a',
          path: 'Indices/contextDocumentationIndex.xml',
          message: `Kontekstdokument ${d.id} (»${d.title}«) står i contextDocumentationIndex.xml, men findes ikke i ContextDocumentation.`,
        });
      }
      if (d.categories.length === 0) {
        add({
          code: 'context-category',
          section: 'bilag 4, punkt 4. C. 4.b, figur 4.3',
          path: 'Indices/contextDocumentationIndex.xml',
          message: `Kontekstdokument ${d.id} (»${d.title}«) er ikke placeret i nogen dokumentkategori (mindst én skal være true, jf. bilag 6, figur 6.2).`,
        });
      }
    }
    for (const [id, folder] of structure.context) {
      if (!seen.has(id)) {
        add({
          code: 'context-document-unlisted',
          section: 'bilag 4, punkt 4. C. 4.a',
          path: folder.rel,
          message: `Kontekstdokumentet ${id} står ikke i contextDocumentationIndex.xml.`,
        });
      }
    }
  }

  function checkArchiveIndex(ai: ArchiveIndex | null): void {
    if (!ai) return;
    const p = 'Indices/archiveIndex.xml';
    const value = (k: string) => ai.fields.get(k)?.[0];
    const fig = 'bilag 6, punkt 6. A. 1, figur 6.1';
    if (AVID_FOLDER.test(first.name) && ai.id !== avid) {
      add({
        code: 'avid-mismatch',
        section: 'bilag 4, punkt 4. B. 1',
        path: p,
        message: `archiveInformationPackageID er "${ai.id}", men mappens navn ${first.name} svarer til arkiveringsversionsID'et ${avid} (plus medienummeret).`,
      });
    }
    const hasDocs = structure.documents.size > 0;
    const says = value('containsDigitalDocuments');
    if (says !== undefined && isTrue(says) !== hasDocs) {
      add({
        code: 'archive-index-inconsistent',
        section: fig,
        path: p,
        message: hasDocs
          ? 'containsDigitalDocuments er false, men arkiveringsversionen indeholder dokumenter.'
          : 'containsDigitalDocuments er true, men arkiveringsversionen indeholder ingen dokumenter.',
      });
    }
    if (hasDocs) {
      for (const k of ['documentPeriodStart', 'documentPeriodEnd', 'archiveTypeClosedFiles']) {
        if (value(k) === undefined)
          add({
            code: 'archive-index-field',
            section: fig,
            path: p,
            message: `${k} skal angives, når arkiveringsversionen indeholder digitale dokumenter.`,
          });
      }
    }
    if (value('form') === undefined && ai.fields.size > 0) {
      add({
        code: 'archive-index-field',
        severity: 'warning',
        section: fig,
        path: p,
        message:
          'form (FORM-version og -klassifikation) skal angives for it-systemer fra offentlige myndigheder; validatoren kan ikke se, hvem der har skabt data, så det er en advarsel.',
      });
    }
    if (isTrue(value('searchRelatedOtherRecords')) && value('relatedRecordsName') === undefined) {
      add({
        code: 'archive-index-field',
        section: fig,
        path: p,
        message: 'relatedRecordsName skal angives, når searchRelatedOtherRecords er true.',
      });
    }
    const gml = [...structure.documents.values()].some((d) => d.format === 'gml');
    const geo = value('containsGeodata');
    if (geo !== undefined && isTrue(geo) !== gml) {
      add({
        code: 'archive-index-inconsistent',
        section: fig,
        path: p,
        message: gml
          ? 'containsGeodata er false, men arkiveringsversionen indeholder GML-filer.'
          : 'containsGeodata er true, men arkiveringsversionen indeholder ingen GML-filer.',
      });
    }
    if (isTrue(value('researchSIP')) && !has('Indices/researchIndex.xml')) {
      add({
        code: 'index-missing',
        section: 'bilag 4, punkt 4. C. 1.c',
        path: 'Indices/researchIndex.xml',
        message: 'researchSIP er true, men indeksfilen researchIndex.xml mangler.',
      });
    }
  }

  /** TIFF pages (bilag 5, 5. E.) and the signatures of the other formats (5. E.–5. F.). */
  async function checkFormats(): Promise<void> {
    const docs = [...structure.documents.values(), ...structure.context.values()];
    const files = docs.flatMap((d) =>
      d.files.map((f) => ({ d, f, ext: f.slice(f.lastIndexOf('.') + 1).toLowerCase() })),
    );
    let tiffs = 0;
    let pages = 0;
    await pool(files, concurrency, async ({ d, f, ext }) => {
      const rel = `${d.rel}/${f}`;
      const file = abs(d.medium, rel);
      const shown = where(d.medium, rel);
      if (ext === 'tif') {
        tiffs++;
        try {
          const tiff = await readTiff(file);
          pages += tiff.pages.length;
          for (const p of checkTiff(tiff)) add({ ...p, path: shown });
        } catch (e) {
          if (!(e instanceof TiffFormatError)) throw e;
          add({
            code: 'tiff-header',
            section: 'bilag 5, punkt 5. E. 1',
            path: shown,
            message: `Filen er ikke en gyldig TIFF 6.0-fil: ${e.message}.`,
          });
        }
        return;
      }
      const sig = SIGNATURES[ext];
      if (!sig) return;
      const head = Buffer.alloc(16);
      const fh = await fsp.open(file, 'r');
      try {
        await fh.read(head, 0, 16, 0);
      } finally {
        await fh.close();
      }
      if (!sig.test(head))
        add({
          code: 'file-signature',
          section: sig.section,
          path: shown,
          message: `Filen har ekstensionen .${ext}, men indholdet er ikke ${sig.name}.`,
        });
    });
    counts.tiffFiles = tiffs;
    counts.tiffPages = pages;
  }
}

const SIGNATURES: Record<string, { name: string; section: string; test: (b: Buffer) => boolean }> = {
  jp2: {
    name: 'JPEG 2000 (ISO/IEC 15444-1)',
    section: 'bilag 5, punkt 5. E. 1',
    test: (b) => b.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a])),
  },
  mp3: {
    name: 'MP3',
    section: 'bilag 5, punkt 5. F. 1',
    test: (b) => b.toString('latin1', 0, 3) === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  },
  wav: {
    name: 'WAVE',
    section: 'bilag 5, punkt 5. F. 2',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WAVE',
  },
  mpg: {
    name: 'MPEG-2 eller MPEG-4',
    section: 'bilag 5, punkt 5. F. 3',
    test: (b) =>
      (b[0] === 0 && b[1] === 0 && b[2] === 1 && (b[3] === 0xba || b[3] === 0xb3)) ||
      b[0] === 0x47 ||
      b.toString('latin1', 4, 8) === 'ftyp',
  },
};

export type { Structure };
