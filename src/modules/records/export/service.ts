import { mkdir, access, constants as fsConstants, readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { appendAudit, type AuditActor } from '../../../audit/service.ts';
import type { Database } from '../../../db/index.ts';
import { nowIso, writeTransaction } from '../../../db/index.ts';
import type { ArchivalExportStatus } from '../../../db/schema/records.ts';
import { copenhagenDate, startOfCopenhagenDay, nextDay, type MessageKey, type Params } from '../../../i18n/index.ts';
import { periodOf, recordsSettings, type ArchivalPeriod, type RecordsSettings } from '../settings.ts';
import { mediaName, parseAvid, AVID_NUMBER } from './avid.ts';
import { TIFF_MODES, type TiffMode } from './tiff.ts';

/**
 * Planning an archival version of a period (bek. 128/2020) and what the admin pages read.
 *
 * Which cases: those closed in the period (a case belongs to the period it was closed in, counted
 * in Copenhagen time), now archived, whose retention is `preserve` or `review`. `review` means
 * not yet decided: such cases go in, to be safe. `dispose` cases are left out: they are disposed of
 * under their rule when it expires (the disposal list), never delivered; the context
 * documentation says how many were left out. Documents: the journalised ones, in their current
 * version (documents.current_version).
 *
 * Refused, with the reasons in Danish: a period that is not one of the configured archival
 * periods, a period that has not ended, a period with cases closed in it but not yet archived
 * (they are listed), a period with nothing to deliver, a period that already has an export that
 * did not fail, an AVID that is malformed, of another archive or already used, and an output
 * folder that cannot be written or already holds the AVID folder.
 *
 * The export row, its cases and its documents with their docIDs and collections are written in
 * one transaction before any file, so the numbering never changes when a run is resumed.
 */

/** Documents per docCollection folder (bilag 4, 4.G.3). */
export const COLLECTION_SIZE = 10_000;

export type ExportField = 'period' | 'avid' | 'outDir' | 'tiffMode';

export interface ExportProblem {
  field: ExportField;
  key: MessageKey;
  params?: Params;
}

export interface PlanInput {
  period: ArchivalPeriod;
  /** The medium's name, AVID.<archive>.<number>.1. */
  avid: string;
  /** The folder the AVID folder is written into. */
  outDir: string;
  tiffMode?: TiffMode;
  actor: AuditActor | null;
  ip?: string | null;
  /** Today in Copenhagen (yyyy-mm-dd); injected by tests. */
  today?: string;
  /** Documents per docCollection (at most COLLECTION_SIZE, the order's limit); smaller in tests. */
  collectionSize?: number;
}

export type PlanResult =
  | { ok: true; exportId: number; avid: string; cases: number; documents: number; disposeCases: number }
  | { ok: false; problems: ExportProblem[] };

/** The UTC instants a period covers: [from, until). */
export function periodInstants(period: ArchivalPeriod): { from: string; until: string } {
  return {
    from: startOfCopenhagenDay(period.start).toISOString(),
    until: startOfCopenhagenDay(nextDay(period.end)).toISOString(),
  };
}

/** "2021-2025" → the period, when it is one of the configured periods. */
export function parsePeriod(
  text: string,
  s: Pick<RecordsSettings, 'periodYears' | 'periodFirstYear'>,
): ArchivalPeriod | null {
  const m = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const p = periodOf(`${m[1]}-01-01`, s);
  return p.start === `${m[1]}-01-01` && p.end === `${m[2]}-12-31` ? p : null;
}

export function periodLabel(p: ArchivalPeriod): string {
  return `${p.start.slice(0, 4)}-${p.end.slice(0, 4)}`;
}

/** The AVID medium name for an archival version number the archive gave, with the settings' archive code. */
export function avidFor(number: string, settings: Pick<RecordsSettings, 'archiveCode'>): string | null {
  const n = number.trim();
  return AVID_NUMBER.test(n) ? `AVID.${settings.archiveCode}.${n}.1` : null;
}

function closedIn(period: ArchivalPeriod) {
  const { from, until } = periodInstants(period);
  return { from, until };
}

const NOT_ARCHIVED_SHOWN = 20;

export async function planArchivalExport(database: Database, input: PlanInput): Promise<PlanResult> {
  const settings = await recordsSettings(database);
  const problems: ExportProblem[] = [];
  const today = input.today ?? copenhagenDate(new Date());
  const period = input.period;
  const configured = periodOf(period.start, settings);
  const { from, until } = closedIn(period);
  let counts = { eligible: 0, dispose: 0 };

  if (configured.start !== period.start || configured.end !== period.end) {
    problems.push({
      field: 'period',
      key: 'records.export.error.periodInvalid',
      params: { years: settings.periodYears, first: settings.periodFirstYear },
    });
  } else if (today <= period.end) {
    problems.push({ field: 'period', key: 'records.export.error.periodNotEnded', params: { end: period.end } });
  } else {
    const notArchived = await database.db
      .selectFrom('cases')
      .select('number')
      .where('status', '=', 'closed')
      .where('closed_at', '>=', from)
      .where('closed_at', '<', until)
      .orderBy('number')
      .execute();
    if (notArchived.length) {
      const shown = notArchived.slice(0, NOT_ARCHIVED_SHOWN).map((c) => c.number);
      problems.push({
        field: 'period',
        key:
          notArchived.length > NOT_ARCHIVED_SHOWN
            ? 'records.export.error.notArchivedMore'
            : 'records.export.error.notArchived',
        params: { count: notArchived.length, cases: shown.join(', '), more: notArchived.length - shown.length },
      });
    }
    counts = await periodCounts(database, period);
    if (!notArchived.length && counts.eligible === 0)
      problems.push({ field: 'period', key: 'records.export.error.noCases' });
    const earlier = await database.db
      .selectFrom('archival_exports')
      .select(['avid', 'status'])
      .where('period_start', '=', period.start)
      .where('status', 'not in', ['failed', 'invalid'])
      .executeTakeFirst();
    if (earlier)
      problems.push({ field: 'period', key: 'records.export.error.periodExported', params: { avid: earlier.avid } });
  }

  const avid = parseAvid(input.avid);
  if (!avid)
    problems.push({ field: 'avid', key: 'records.export.error.avidInvalid', params: { code: settings.archiveCode } });
  else if (avid.archive !== settings.archiveCode)
    problems.push({ field: 'avid', key: 'records.export.error.avidArchive', params: { code: settings.archiveCode } });
  else if (avid.medium !== 1) problems.push({ field: 'avid', key: 'records.export.error.avidMedium' });
  else {
    const used = await database.db
      .selectFrom('archival_exports')
      .select('status')
      .where('avid', '=', mediaName(avid))
      .executeTakeFirst();
    if (used) problems.push({ field: 'avid', key: 'records.export.error.avidUsed', params: { avid: mediaName(avid) } });
  }

  const tiffMode = input.tiffMode ?? 'auto';
  if (!TIFF_MODES.includes(tiffMode)) problems.push({ field: 'tiffMode', key: 'records.export.error.tiffMode' });

  const outDir = path.resolve(input.outDir);
  if (!input.outDir.trim())
    problems.push({ field: 'outDir', key: 'records.export.error.outDir', params: { detail: '–' } });
  else {
    try {
      await mkdir(outDir, { recursive: true });
      await access(outDir, fsConstants.W_OK);
      if (avid) {
        const existing = await readdir(path.join(outDir, mediaName(avid))).catch(() => null);
        if (existing && existing.length)
          problems.push({ field: 'outDir', key: 'records.export.error.outExists', params: { avid: mediaName(avid) } });
      }
    } catch (err) {
      problems.push({
        field: 'outDir',
        key: 'records.export.error.outDir',
        params: { detail: err instanceof Error ? err.message : String(err) },
      });
    }
  }
  if (problems.length || !avid) return { ok: false, problems };

  const name = mediaName(avid);
  try {
    return await writeTransaction(database, async (tx) => {
      const now = nowIso();
      const { id } = await tx.db
        .insertInto('archival_exports')
        .values({
          avid: name,
          period_start: period.start,
          period_end: period.end,
          status: 'pending',
          out_dir: outDir,
          created_at: now,
          created_by: input.actor?.id ?? null,
          started_at: null,
          finished_at: null,
          validation: null,
          validated_at: null,
          delivered_at: null,
          delivered_by: null,
          delivery_reference: null,
          error: null,
          tiff_mode: tiffMode,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const exportId = Number(id);
      const cases = await eligibleCases(tx, period)
        .select(['id', 'number'])
        .orderBy('closed_at')
        .orderBy('id')
        .execute();
      for (let i = 0; i < cases.length; i += 500)
        await tx.db
          .insertInto('archival_export_cases')
          .values(
            cases.slice(i, i + 500).map((c) => ({ export_id: exportId, case_id: Number(c.id), case_number: c.number })),
          )
          .execute();
      const docs = await tx.db
        .selectFrom('documents as d')
        .innerJoin('archival_export_cases as x', 'x.case_id', 'd.case_id')
        .innerJoin('cases as c', 'c.id', 'd.case_id')
        .where('x.export_id', '=', exportId)
        .where('d.journalised_at', 'is not', null)
        .select(['d.id', 'd.case_id', 'd.current_version'])
        .orderBy('c.closed_at')
        .orderBy('c.id')
        .orderBy('d.number')
        .orderBy('d.id')
        .execute();
      const perCollection = Math.min(COLLECTION_SIZE, Math.max(1, input.collectionSize ?? COLLECTION_SIZE));
      const rows = docs.map((d, i) => ({
        export_id: exportId,
        doc_id: i + 1,
        case_id: Number(d.case_id),
        document_id: Number(d.id),
        version: Number(d.current_version),
        collection: Math.floor(i / perCollection) + 1,
        pages: null,
        error: null,
        source: null,
        note: null,
      }));
      for (let i = 0; i < rows.length; i += 500)
        await tx.db
          .insertInto('archival_export_documents')
          .values(rows.slice(i, i + 500))
          .execute();
      await tx.db
        .updateTable('archival_exports')
        .set({ case_count: cases.length, document_count: rows.length })
        .where('id', '=', exportId)
        .execute();
      await appendAudit(tx, {
        actor: input.actor,
        action: 'records.export.create',
        entityType: 'archival_export',
        entityId: exportId,
        summary: `Planned archival version ${name} of ${periodLabel(period)}: ${cases.length} cases, ${rows.length} documents`,
        details: { avid: name, period, cases: cases.length, documents: rows.length, outDir, tiffMode },
        ip: input.ip ?? null,
      });
      return {
        ok: true as const,
        exportId,
        avid: name,
        cases: cases.length,
        documents: rows.length,
        disposeCases: counts.dispose,
      };
    });
  } catch (err) {
    // Another planner took the AVID between the check and the insert.
    const taken = await database.db
      .selectFrom('archival_exports')
      .select('id')
      .where('avid', '=', name)
      .executeTakeFirst();
    if (taken)
      return { ok: false, problems: [{ field: 'avid', key: 'records.export.error.avidUsed', params: { avid: name } }] };
    throw err;
  }
}

function eligibleCases(database: Database, period: ArchivalPeriod) {
  const { from, until } = closedIn(period);
  return database.db
    .selectFrom('cases')
    .where('status', '=', 'archived')
    .where('closed_at', '>=', from)
    .where('closed_at', '<', until)
    .where('retention', 'in', ['preserve', 'review']);
}

/** Archived cases of a period that go into its archival version, and those left out under a dispose rule. */
export async function periodCounts(
  database: Database,
  period: ArchivalPeriod,
): Promise<{ eligible: number; dispose: number; notArchived: number }> {
  const { from, until } = closedIn(period);
  const rows = await database.db
    .selectFrom('cases')
    .select(['status', 'retention', sql<number>`count(*)`.as('n')])
    .where('status', 'in', ['closed', 'archived'])
    .where('closed_at', '>=', from)
    .where('closed_at', '<', until)
    .groupBy(['status', 'retention'])
    .execute();
  let eligible = 0;
  let dispose = 0;
  let notArchived = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'closed') notArchived += n;
    else if (r.retention === 'dispose') dispose += n;
    else eligible += n;
  }
  return { eligible, dispose, notArchived };
}

export interface ExportablePeriod {
  period: ArchivalPeriod;
  label: string;
  ended: boolean;
  eligible: number;
  dispose: number;
  notArchived: number;
  exportedAs: string | null;
}

/** The configured periods up to today's that have archived cases, newest first. */
export async function exportablePeriods(
  database: Database,
  today = copenhagenDate(new Date()),
): Promise<ExportablePeriod[]> {
  const settings = await recordsSettings(database);
  const out: ExportablePeriod[] = [];
  const last = periodOf(today, settings);
  const exports = await database.db
    .selectFrom('archival_exports')
    .select(['avid', 'period_start', 'status'])
    .where('status', 'not in', ['failed', 'invalid'])
    .execute();
  for (let p = periodOf(`${settings.periodFirstYear}-01-01`, settings); p.start <= last.start;) {
    const counts = await periodCounts(database, p);
    if (counts.eligible + counts.dispose > 0)
      out.push({
        period: p,
        label: periodLabel(p),
        ended: today > p.end,
        ...counts,
        exportedAs: exports.find((e) => e.period_start === p.start)?.avid ?? null,
      });
    p = periodOf(`${Number(p.end.slice(0, 4)) + 1}-01-01`, settings);
  }
  return out.reverse();
}

export interface ArchivalExport {
  id: number;
  avid: string;
  periodStart: string;
  periodEnd: string;
  status: ArchivalExportStatus;
  outDir: string;
  folder: string;
  caseCount: number;
  documentCount: number;
  documentsDone: number;
  tiffMode: TiffMode;
  createdAt: string;
  createdBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  validation: string | null;
  validatedAt: string | null;
  deliveredAt: string | null;
  deliveredBy: string | null;
  deliveryReference: string | null;
  error: string | null;
}

function selectExports(database: Database) {
  return database.db
    .selectFrom('archival_exports as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .leftJoin('users as d', 'd.id', 'e.delivered_by')
    .selectAll('e')
    .select(['u.display_name as created_by_name', 'd.display_name as delivered_by_name']);
}

function toExport(r: Awaited<ReturnType<ReturnType<typeof selectExports>['executeTakeFirstOrThrow']>>): ArchivalExport {
  return {
    id: Number(r.id),
    avid: r.avid,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    outDir: r.out_dir,
    folder: path.join(r.out_dir, r.avid),
    caseCount: Number(r.case_count),
    documentCount: Number(r.document_count),
    documentsDone: Number(r.documents_done),
    tiffMode: r.tiff_mode,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    validation: r.validation,
    validatedAt: r.validated_at,
    deliveredAt: r.delivered_at,
    deliveredBy: r.delivered_by_name,
    deliveryReference: r.delivery_reference,
    error: r.error,
  };
}

export async function listArchivalExports(database: Database, limit = 100): Promise<ArchivalExport[]> {
  const rows = await selectExports(database).orderBy('e.id', 'desc').limit(limit).execute();
  return rows.map(toExport);
}

export async function getArchivalExport(database: Database, id: number): Promise<ArchivalExport | null> {
  const row = await selectExports(database).where('e.id', '=', id).executeTakeFirst();
  return row ? toExport(row) : null;
}

export interface ExportDocumentSummary {
  sources: Record<string, number>;
  failed: number;
  noted: Array<{
    docId: number;
    caseNumber: string;
    title: string;
    source: string | null;
    note: string | null;
    error: string | null;
  }>;
}

/** How an export's documents were converted: counts per source, and the documents with a note or an error. */
export async function exportDocumentSummary(
  database: Database,
  id: number,
  limit = 200,
): Promise<ExportDocumentSummary> {
  const groups = await database.db
    .selectFrom('archival_export_documents')
    .select(['source', 'status', sql<number>`count(*)`.as('n')])
    .where('export_id', '=', id)
    .groupBy(['source', 'status'])
    .execute();
  const sources: Record<string, number> = {};
  let failed = 0;
  for (const g of groups) {
    if (g.status === 'failed') failed += Number(g.n);
    if (g.source) sources[g.source] = (sources[g.source] ?? 0) + Number(g.n);
  }
  const noted = await database.db
    .selectFrom('archival_export_documents as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .innerJoin('archival_export_cases as c', (j) =>
      j.onRef('c.export_id', '=', 'x.export_id').onRef('c.case_id', '=', 'x.case_id'),
    )
    .where('x.export_id', '=', id)
    .where((eb) => eb.or([eb('x.note', 'is not', null), eb('x.status', '=', 'failed')]))
    .select(['x.doc_id', 'c.case_number', 'd.title', 'x.source', 'x.note', 'x.error'])
    .orderBy('x.doc_id')
    .limit(limit)
    .execute();
  return {
    sources,
    failed,
    noted: noted.map((n) => ({
      docId: Number(n.doc_id),
      caseNumber: n.case_number,
      title: n.title,
      source: n.source,
      note: n.note,
      error: n.error,
    })),
  };
}

export type DeliveryResult =
  { ok: true } | { ok: false; problems: Array<{ field: 'date' | 'reference' | 'status'; key: MessageKey }> };

/**
 * Records that a valid archival version was delivered to the archive: the date and the archive's
 * receipt or journal number. Only a `valid` export can be delivered; the audit log keeps who did it.
 */
export async function recordDelivery(
  database: Database,
  id: number,
  input: { date: string; reference: string },
  actor: AuditActor,
  opts: { ip?: string | null; today?: string } = {},
): Promise<DeliveryResult> {
  const problems: Array<{ field: 'date' | 'reference' | 'status'; key: MessageKey }> = [];
  const date = input.date.trim();
  const reference = input.reference.trim();
  const today = opts.today ?? copenhagenDate(new Date());
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(`${date}T12:00:00Z`)) ||
    new Date(`${date}T12:00:00Z`).toISOString().slice(0, 10) !== date
  )
    problems.push({ field: 'date', key: 'records.export.error.deliveryDate' });
  else if (date > today) problems.push({ field: 'date', key: 'records.export.error.deliveryFuture' });
  if (!reference) problems.push({ field: 'reference', key: 'records.export.error.deliveryReference' });
  else if (reference.length > 200)
    problems.push({ field: 'reference', key: 'records.export.error.deliveryReferenceLong' });
  if (problems.length) return { ok: false, problems };
  return writeTransaction(database, async (tx) => {
    const row = await tx.db
      .selectFrom('archival_exports')
      .select(['avid', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.status !== 'valid')
      return {
        ok: false as const,
        problems: [{ field: 'status' as const, key: 'records.export.error.deliveryStatus' as MessageKey }],
      };
    const deliveredAt = startOfCopenhagenDay(date).toISOString();
    await tx.db
      .updateTable('archival_exports')
      .set({ status: 'delivered', delivered_at: deliveredAt, delivered_by: actor.id, delivery_reference: reference })
      .where('id', '=', id)
      .where('status', '=', 'valid')
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'records.export.deliver',
      entityType: 'archival_export',
      entityId: id,
      summary: `Recorded delivery of ${row.avid} on ${date}: ${reference}`,
      details: { avid: row.avid, date, reference },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}
