import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../../db/index.ts';
import { nowIso } from '../../../db/index.ts';
import type { RecordsRunTrigger } from '../../../db/schema/records.ts';
import type { BlobStore } from '../../../files/blobs.ts';
import { copenhagenDate } from '../../../i18n/index.ts';
import { finishRun, markStaleRuns, progress, startRun } from '../runs.ts';
import { STANDARD_DIR, STANDARD_SCHEMAS } from '../settings.ts';
import type { ValidationReport } from '../validator/index.ts';
import { packageId, parseAvid } from './avid.ts';
import { renderContextPdf, systemDescription, versionDescription, type ContextFacts } from './context-docs.ts';
import {
  archiveIndexXml,
  contextDocumentationIndexXml,
  docIndexXml,
  fileIndexXml,
  listFiles,
  type ContextDocument,
} from './indices.ts';
import { periodCounts } from './service.ts';
import { conversionNote, pdfCandidates, type VersionForExport } from './sources.ts';
import { exportedVersions, loadTables, SOURCE_LABEL, tableIndexXml, tableSchema, tableXml } from './tables.ts';
import {
  ALLOWED_COMPRESSION,
  ConversionError,
  ConverterUnavailableError,
  DEFAULT_CONVERSION_TIMEOUT_MS,
  ghostscript,
  readTiffInfo,
  type TiffConverter,
  type TiffMode,
} from './tiff.ts';

/**
 * Writes an archival version that planArchivalExport set up, resumably:
 *
 * 1. Documents, one by one in docID order, skipping those already `done`: the best PDF for the
 *    document (sources.ts) → Ghostscript → a TIFF in the export's work folder (beside the AVID
 *    folder, never inside it) → its page count and compression checked → the row records source,
 *    note and pages → the TIFF renamed into `Documents/docCollectionN/<docID>/1.tif` → the row
 *    marked `done`, `documents_done` and the run's progress updated. A run that dies after the
 *    rename but before `done` left a complete file and a recorded source: the next run marks it
 *    done without converting it again. Each document is converted once.
 * 2. When every document is done: the context documentation, the tables, the indices, and last
 *    fileIndex.xml with the MD5 of every file. These are made anew by every run that reaches this
 *    step (each written under a temporary name and renamed), so a run that died here is simply
 *    repeated. Then the status is `written` (or `valid`/`invalid` when a validator is given).
 *
 * A run may stop early (a time budget for the scheduled job, a document count for tests); the
 * export stays `running` and the next run goes on from there. Each run is a records_runs row
 * (kind `export`) with its progress and a heartbeat, touched during long conversions too.
 */

export interface RunExportOptions {
  trigger: RecordsRunTrigger;
  startedBy?: string | null;
  converter?: TiffConverter;
  /** Stop converting after this many documents (the run resumes later). */
  maxDocuments?: number;
  /** Stop converting after this instant (ms since the epoch). */
  deadline?: number;
  /** Resume an export that failed (the scheduled job leaves failed exports alone). */
  retryFailed?: boolean;
  /** Per Ghostscript run. */
  timeoutMs?: number;
  /** Checks the written folder; with it the export ends `valid` or `invalid` instead of `written`. */
  validate?: (dir: string) => Promise<ValidationReport>;
  onProgress?: (done: number, total: number) => void;
}

export type RunExportResult =
  | { status: 'written' | 'valid' | 'invalid'; converted: number; dir: string }
  | { status: 'running'; converted: number; remaining: number }
  | { status: 'failed'; converted: number; error: string }
  | { status: 'skipped'; reason: 'not-found' | 'finished' | 'failed' | 'busy' };

const HEARTBEAT_MS = 60_000;

export async function runArchivalExport(
  database: Database,
  blobs: BlobStore,
  exportId: number,
  opts: RunExportOptions,
): Promise<RunExportResult> {
  const row = await database.db
    .selectFrom('archival_exports')
    .selectAll()
    .where('id', '=', exportId)
    .executeTakeFirst();
  if (!row) return { status: 'skipped', reason: 'not-found' };
  if (row.status === 'failed' && !opts.retryFailed) return { status: 'skipped', reason: 'failed' };
  if (!['pending', 'running', 'failed'].includes(row.status)) return { status: 'skipped', reason: 'finished' };
  const avid = parseAvid(row.avid);
  if (!avid) throw new Error(`export ${exportId}: malformed AVID ${row.avid}`);

  // Another process (the server's job, or the command line) is working on it right now.
  await markStaleRuns(database, 'export');
  const live = await database.db
    .selectFrom('records_runs')
    .select('id')
    .where('kind', '=', 'export')
    .where('export_id', '=', exportId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (live) return { status: 'skipped', reason: 'busy' };

  const converter = opts.converter ?? ghostscript();
  const total = Number(row.document_count);
  const run = await startRun(database, 'export', opts.trigger, {
    startedBy: opts.startedBy ?? null,
    exportId,
    total,
  });
  const dir = path.join(row.out_dir, row.avid);
  const work = path.join(row.out_dir, `.${row.avid}.work`);
  let converted = 0;
  let done = Number(row.documents_done);

  // The heartbeat says "alive" through long conversions and the final writing, so that no other
  // process takes the export over (runs.ts: a run silent for STALE_MS is taken for dead).
  const heartbeat = setInterval(
    () => void progress(database, run.id, done, total).catch(() => undefined),
    HEARTBEAT_MS,
  );

  const fail = async (error: string): Promise<RunExportResult> => {
    await database.db
      .updateTable('archival_exports')
      .set({ status: 'failed', error, finished_at: nowIso() })
      .where('id', '=', exportId)
      .execute();
    await finishRun(database, run.id, 'failed', { error, converted });
    return { status: 'failed', converted, error };
  };

  try {
    const version = await converter.available();
    if (!version)
      return await fail(
        'Ghostscript (gs) er ikke installeret, så dokumenterne kan ikke konverteres til TIFF. Installér Debian-pakken ghostscript, og genoptag eksporten.',
      );

    await database.db
      .updateTable('archival_exports')
      .set({ status: 'running', error: null, started_at: row.started_at ?? nowIso() })
      .where('id', '=', exportId)
      .execute();
    // A dead run's half-written files live only in the work folder.
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    for (const sub of [
      'Indices',
      'Tables',
      'Documents',
      'ContextDocumentation/docCollection1',
      'Schemas/standard',
      'Schemas/localShared',
    ])
      await mkdir(path.join(dir, sub), { recursive: true });

    // --- 1. Documents -------------------------------------------------------------------------
    for (;;) {
      if (opts.maxDocuments !== undefined && converted >= opts.maxDocuments) break;
      if (opts.deadline !== undefined && Date.now() >= opts.deadline) break;
      const batch = await pendingDocuments(database, exportId, 50);
      if (!batch.length) break;
      for (const d of batch) {
        if (opts.maxDocuments !== undefined && converted >= opts.maxDocuments) break;
        if (opts.deadline !== undefined && Date.now() >= opts.deadline) break;
        const target = path.join(dir, 'Documents', `docCollection${d.collection}`, String(d.docId), '1.tif');
        if (d.source !== null && (await isTiff(target))) {
          // Renamed into place by a run that died before it could mark the row done.
          await markDone(database, exportId, d.docId);
        } else {
          await convertDocument(database, blobs, converter, exportId, d, target, work, row.tiff_mode, opts.timeoutMs);
          converted++;
        }
        done = await countDone(database, exportId);
        await progress(database, run.id, done, total);
        opts.onProgress?.(done, total);
      }
    }

    const left = await database.db
      .selectFrom('archival_export_documents')
      .select([sql<number>`count(*)`.as('n'), 'status'])
      .where('export_id', '=', exportId)
      .where('status', '!=', 'done')
      .groupBy('status')
      .execute();
    const failed = Number(left.find((l) => l.status === 'failed')?.n ?? 0);
    const pending = Number(left.find((l) => l.status === 'pending')?.n ?? 0);
    if (pending > 0) {
      await finishRun(database, run.id, 'done', { converted, remaining: pending + failed });
      return { status: 'running', converted, remaining: pending + failed };
    }
    if (failed > 0) {
      const ids = await database.db
        .selectFrom('archival_export_documents')
        .select('doc_id')
        .where('export_id', '=', exportId)
        .where('status', '=', 'failed')
        .orderBy('doc_id')
        .limit(20)
        .execute();
      return await fail(
        `${failed} dokumenter kunne ikke skrives som TIFF (dokumentID ${ids.map((i) => i.doc_id).join(', ')}${failed > ids.length ? ' …' : ''}). Se dokumenternes fejl, ret årsagen, og genoptag eksporten.`,
      );
    }

    // --- 2. Context documentation, tables, indices --------------------------------------------
    await writeFinalParts(database, exportId, dir, work, converter, version, opts.timeoutMs);

    let status: 'written' | 'valid' | 'invalid' = 'written';
    let validation: string | null = null;
    if (opts.validate) {
      const report = await opts.validate(dir);
      status = report.ok ? 'valid' : 'invalid';
      validation = JSON.stringify(report);
    }
    const now = nowIso();
    await database.db
      .updateTable('archival_exports')
      .set({
        status,
        finished_at: now,
        error: null,
        ...(validation === null ? {} : { validation, validated_at: now }),
      })
      .where('id', '=', exportId)
      .execute();
    await rm(work, { recursive: true, force: true });
    await finishRun(database, run.id, 'done', { converted, status });
    return { status, converted, dir };
  } catch (err) {
    if (err instanceof ConverterUnavailableError)
      return await fail(
        `Ghostscript (gs) er ikke installeret: ${err.message}. Installér Debian-pakken ghostscript, og genoptag eksporten.`,
      );
    const message = err instanceof Error ? err.message : String(err);
    return await fail(`Eksporten stoppede: ${message}`);
  } finally {
    clearInterval(heartbeat);
  }
}

interface PendingDocument extends VersionForExport {
  collection: number;
  source: string | null;
}

async function pendingDocuments(database: Database, exportId: number, limit: number): Promise<PendingDocument[]> {
  const rows = await exportedVersions(database, exportId)
    .where('x.status', '=', 'pending')
    .select([
      'x.doc_id',
      'x.collection',
      'x.source',
      'd.title',
      'v.filename',
      'v.mime',
      'v.blob_sha256',
      'v.rendition_sha256',
      'v.rendition_status',
      'v.text_content',
    ])
    .orderBy('x.doc_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    docId: Number(r.doc_id),
    collection: Number(r.collection),
    source: r.source,
    title: r.title,
    filename: r.filename,
    mime: r.mime,
    blobSha256: r.blob_sha256,
    renditionSha256: r.rendition_sha256,
    renditionStatus: r.rendition_status,
    textContent: r.text_content,
  }));
}

async function countDone(database: Database, exportId: number): Promise<number> {
  const r = await database.db
    .selectFrom('archival_export_documents')
    .select(sql<number>`count(*)`.as('n'))
    .where('export_id', '=', exportId)
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  await database.db.updateTable('archival_exports').set({ documents_done: n }).where('id', '=', exportId).execute();
  return n;
}

async function markDone(database: Database, exportId: number, docId: number): Promise<void> {
  await database.db
    .updateTable('archival_export_documents')
    .set({ status: 'done', error: null })
    .where('export_id', '=', exportId)
    .where('doc_id', '=', docId)
    .execute();
}

async function isTiff(file: string): Promise<boolean> {
  try {
    const info = await readTiffInfo(file);
    return info.pages.length > 0;
  } catch {
    return false;
  }
}

const tmpName = (work: string, ext: string) => path.join(work, `${randomBytes(8).toString('hex')}.${ext}`);

/** Writes bytes durably under a temporary name in `work`, then renames them to `target`. */
async function writeAtomically(
  work: string,
  target: string,
  content: string | Uint8Array | Iterable<string>,
): Promise<void> {
  const tmp = tmpName(work, 'part');
  const handle = await open(tmp, 'wx');
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
    else for (const piece of content) await handle.write(piece);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await mkdir(path.dirname(target), { recursive: true });
  await rename(tmp, target);
}

/** Converts one document, trying its PDF candidates in turn; records the outcome on its row. */
async function convertDocument(
  database: Database,
  blobs: BlobStore,
  converter: TiffConverter,
  exportId: number,
  d: PendingDocument,
  target: string,
  work: string,
  mode: TiffMode,
  timeoutMs = DEFAULT_CONVERSION_TIMEOUT_MS,
): Promise<void> {
  const reasons: string[] = [];
  for (const candidate of pdfCandidates(d, blobs, reasons)) {
    let pdf: Uint8Array | null;
    try {
      pdf = await candidate.pdf();
    } catch (err) {
      // A stored file that cannot be read (missing blob): say so and try the next candidate.
      reasons.push(
        `${SOURCE_LABEL[candidate.source]} kunne ikke læses (${err instanceof Error ? err.message : String(err)})`,
      );
      continue;
    }
    if (!pdf) continue;
    const pdfFile = tmpName(work, 'pdf');
    const tifFile = tmpName(work, 'tif');
    await writeFile(pdfFile, pdf);
    try {
      await converter.pdfToTiff(pdfFile, tifFile, { mode, timeoutMs });
      const info = await readTiffInfo(tifFile);
      const bad = info.pages.find((p) => !ALLOWED_COMPRESSION.has(p.compression) || !p.strips);
      if (!info.pages.length || bad) throw new ConversionError('Ghostscript wrote a TIFF that is not baseline');
      // Recorded before the rename: a run that dies after the rename finds the source and the file.
      await database.db
        .updateTable('archival_export_documents')
        .set({
          source: candidate.source,
          note: conversionNote(candidate.source, reasons),
          pages: info.pages.length,
          error: null,
        })
        .where('export_id', '=', exportId)
        .where('doc_id', '=', d.docId)
        .execute();
      const handle = await open(tifFile, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tifFile, target);
      await markDone(database, exportId, d.docId);
      return;
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      reasons.push(`${SOURCE_LABEL[candidate.source]} kunne ikke konverteres (${err.message})`);
    } finally {
      await rm(pdfFile, { force: true });
      await rm(tifFile, { force: true });
    }
  }
  await database.db
    .updateTable('archival_export_documents')
    .set({ status: 'failed', error: reasons.join('; ') || 'ingen PDF at konvertere' })
    .where('export_id', '=', exportId)
    .where('doc_id', '=', d.docId)
    .execute();
}

async function databaseProduct(database: Database): Promise<string> {
  if (database.dialect === 'postgres') {
    const r = await sql<{ v: string }>`select version() as v`.execute(database.db);
    return (r.rows[0]?.v ?? 'PostgreSQL').split(' on ')[0]!;
  }
  const r = await sql<{ v: string }>`select sqlite_version() as v`.execute(database.db);
  return `SQLite ${r.rows[0]?.v ?? ''}`.trim();
}

async function municipalityName(database: Database): Promise<string> {
  const row = await database.db
    .selectFrom('org_units')
    .select('name')
    .where('kind', '=', 'municipality')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.name ?? 'Kommunen';
}

async function writeFinalParts(
  database: Database,
  exportId: number,
  dir: string,
  work: string,
  converter: TiffConverter,
  converterVersion: string,
  timeoutMs?: number,
): Promise<void> {
  const row = await database.db
    .selectFrom('archival_exports')
    .selectAll()
    .where('id', '=', exportId)
    .executeTakeFirstOrThrow();
  const avid = parseAvid(row.avid)!;
  const creator = await municipalityName(database);
  const product = await databaseProduct(database);
  const producedOn = copenhagenDate(new Date());
  const period = { start: row.period_start, end: row.period_end };

  // Schemas/standard: the National Archives' schemas, unchanged (bilag 4, 4.F.3).
  for (const schema of STANDARD_SCHEMAS) {
    const tmp = tmpName(work, 'xsd');
    await copyFile(path.join(STANDARD_DIR, schema), tmp);
    await rename(tmp, path.join(dir, 'Schemas', 'standard', schema));
  }

  const { tables, removedCharacters } = await loadTables(database, exportId);
  for (const [i, t] of tables.entries()) {
    const folder = `table${i + 1}`;
    await writeAtomically(work, path.join(dir, 'Tables', folder, `${folder}.xsd`), tableSchema(t.def, folder));
    await writeAtomically(work, path.join(dir, 'Tables', folder, `${folder}.xml`), tableXml(t, folder));
  }
  await writeAtomically(
    work,
    path.join(dir, 'Indices', 'tableIndex.xml'),
    tableIndexXml(tables, { dialect: database.dialect, databaseProduct: product }),
  );

  const docs = await exportedVersions(database, exportId)
    .select(['x.doc_id', 'x.collection', 'x.source', 'd.id', 'd.parent_id', 'd.document_date', 'v.filename'])
    .orderBy('x.doc_id')
    .execute();
  const docIdOf = new Map(docs.map((d) => [Number(d.id), Number(d.doc_id)]));
  if (docs.length)
    await writeAtomically(
      work,
      path.join(dir, 'Indices', 'docIndex.xml'),
      docIndexXml(
        docs.map((d) => ({
          docId: Number(d.doc_id),
          parentDocId: d.parent_id === null ? null : (docIdOf.get(Number(d.parent_id)) ?? null),
          collection: Number(d.collection),
          originalFilename: d.filename,
        })),
        avid.medium,
      ),
    );
  else await rm(path.join(dir, 'Indices', 'docIndex.xml'), { force: true });

  // The context documentation, made from what the version holds.
  const sources: Record<string, number> = {};
  for (const d of docs) if (d.source) sources[d.source] = (sources[d.source] ?? 0) + 1;
  const counts = await periodCounts(database, period);
  const facts: ContextFacts = {
    creator,
    avid: packageId(avid),
    periodStart: period.start,
    periodEnd: period.end,
    producedOn,
    cases: Number(row.case_count),
    documents: docs.length,
    disposeCases: counts.dispose,
    sources,
    tiffMode: row.tiff_mode,
    converter: converterVersion,
    removedCharacters,
    databaseProduct: product,
  };
  const contextDocs: ContextDocument[] = [];
  for (const [i, make] of [systemDescription, versionDescription].entries()) {
    const { doc, blocks } = make(facts);
    const id = i + 1;
    const pdfFile = tmpName(work, 'pdf');
    const tifFile = tmpName(work, 'tif');
    await writeFile(pdfFile, await renderContextPdf(doc.title, blocks, creator));
    await converter.pdfToTiff(pdfFile, tifFile, { mode: 'gray', timeoutMs });
    await rm(pdfFile, { force: true });
    const target = path.join(dir, 'ContextDocumentation', 'docCollection1', String(id), '1.tif');
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tifFile, target);
    contextDocs.push({ id, ...doc });
  }
  await writeAtomically(
    work,
    path.join(dir, 'Indices', 'contextDocumentationIndex.xml'),
    contextDocumentationIndexXml(contextDocs),
  );

  // archiveIndex.xml.
  const previous = await database.db
    .selectFrom('archival_exports')
    .select('avid')
    .where('status', '=', 'delivered')
    .where('id', '!=', exportId)
    .orderBy('id')
    .execute();
  const flags = await database.db
    .selectFrom('cases')
    .where(
      'id',
      'in',
      database.db.selectFrom('archival_export_cases').select('case_id').where('export_id', '=', exportId),
    )
    .select([
      sql<number>`sum(case when confidential = 1 then 1 else 0 end)`.as('confidential'),
      sql<number>`sum(case when type = 'citizen' then 1 else 0 end)`.as('citizen'),
    ])
    .executeTakeFirstOrThrow();
  const parties = await database.db
    .selectFrom('case_parties')
    .where(
      'case_id',
      'in',
      database.db.selectFrom('archival_export_cases').select('case_id').where('export_id', '=', exportId),
    )
    .select([
      sql<number>`sum(case when cpr is not null and cpr <> '' then 1 else 0 end)`.as('cpr'),
      sql<number>`sum(case when cvr is not null and cvr <> '' then 1 else 0 end)`.as('cvr'),
    ])
    .executeTakeFirstOrThrow();
  const dates = docs.map((d) => d.document_date).sort();
  await writeAtomically(
    work,
    path.join(dir, 'Indices', 'archiveIndex.xml'),
    archiveIndexXml({
      packageId: packageId(avid),
      previous: [
        ...new Set(
          previous
            .map((p) => parseAvid(p.avid))
            .filter((p) => p !== null)
            .map(packageId),
        ),
      ].filter((p) => p !== packageId(avid)),
      periodStart: period.start,
      periodEnd: period.end,
      documentPeriod: dates.length ? { start: dates[0]!, end: dates[dates.length - 1]! } : null,
      creator,
      systemName: 'Samspil',
      alternativeNames: ['Samspil ESDH'],
      systemPurpose:
        'Kommunens elektroniske sags- og dokumenthåndtering (ESDH): oprettelse og behandling af sager, journalisering af dokumenter, parter, journalnotater, aktindsigt, arkivering og kassation.',
      systemContent:
        'Kommunens sager afsluttet i perioden, klassificeret efter KL’s Emnesystematik (KLE), med deres journaliserede dokumenter, parter (borgere med CPR-nummer, virksomheder med CVR-nummer), journalnotater og relationer.',
      cprNum: Number(parties.cpr ?? 0) > 0,
      cvrNum: Number(parties.cvr ?? 0) > 0,
      containsDigitalDocuments: docs.length > 0,
      documentsDisposal: counts.dispose > 0,
      // Citizen cases and confidential cases may hold sensitive personal data.
      personalDataRestrictedInfo: Number(flags.citizen ?? 0) > 0 || Number(flags.confidential ?? 0) > 0,
      otherAccessTypeRestrictions: Number(flags.confidential ?? 0) > 0,
      archiveApproval: avid.archive,
    }),
  );

  // Last: fileIndex.xml over every other file.
  const files = await listFiles(dir);
  await writeAtomically(work, path.join(dir, 'Indices', 'fileIndex.xml'), fileIndexXml(files, row.avid));
}
