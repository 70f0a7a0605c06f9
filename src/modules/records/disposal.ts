import { sql, type ExpressionBuilder } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { DisposalRunStatus } from '../../db/schema/records.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { collectBlobs } from '../../files/gc.ts';
import { copenhagenDate, startOfCopenhagenDay, type MessageKey } from '../../i18n/index.ts';
import { AUTO_REASON, type BlockerKind } from './disposal-format.ts';

/**
 * Disposal (kassation): a records manager draws up a list of the cases whose retention has
 * passed, takes cases off it with a reason, approves it (a second, explicit step), and executes
 * it; only then are the cases deleted for good. See docs/records.md, "Disposal".
 *
 * Which cases are listed (as of a Copenhagen date, `as_of`):
 * - `retention = 'dispose'` with `retention_years`, **archived** (a closed case can still be
 *   reopened; only the archive is final), closed more than `retention_years` years before `as_of`:
 *   the period counts from the day the case was closed (sagens afslutning), so a case closed on
 *   10 March 2020 with 5 years is listed from 11 March 2025 (on 29 February, the day before).
 * - `retention = 'preserve'`, archived, and held by an archival version whose delivery to the
 *   archive is recorded (`archival_exports.status = 'delivered'`, `archival_export_cases`): the
 *   archive keeps it now.
 * - Never: `retention = 'review'`, or 'dispose' without years (a person must decide first).
 *
 * Cases that cannot be deleted without breaking another record are listed but taken off the list
 * automatically, with the reason (`excluded_reason = 'auto:<kind>'`, see `BlockerKind` in disposal-format.ts): cases the
 * political process refers to (papers, agenda items and attachments, decision write-backs), cases
 * a room's file was sent to, cases with sub-cases that are not disposed of with them, and cases an
 * unfinished access request is about. The same check runs again just before each deletion.
 *
 * Execution deletes each case in its own transaction (the database's guards on journalised
 * documents let a delete through only for a case on an executing list, migration 0011), records
 * `disposed_at` and the counts on its row, and then removes the files nothing refers to any more
 * from disk (`collectBlobs`). An interrupted execution is finished by executing the list again.
 * The rows of `disposal_run_cases` are the disposal record: number, classification, rule, dates,
 * counts, who approved (on the list) — never a title, a name or a CPR number; nor do the audit
 * entries written here carry one.
 */

/**
 * Every column that refers to a case or a document, and how disposal deals with it: `delete` (the
 * rows go with the case), `block` (the case is not disposed of; see BlockerKind) or `self` (the
 * case's own documents and sub-cases). A test compares this list with the live schema's foreign
 * keys, so a new table that refers to cases cannot be forgotten.
 */
export const CASE_REFERENCES: ReadonlyArray<{ table: string; column: string; how: 'delete' | 'block' | 'self' }> = [
  { table: 'cases', column: 'parent_id', how: 'block' },
  { table: 'case_access', column: 'case_id', how: 'delete' },
  { table: 'case_parties', column: 'case_id', how: 'delete' },
  { table: 'case_notes', column: 'case_id', how: 'delete' },
  { table: 'case_deadlines', column: 'case_id', how: 'delete' },
  { table: 'case_relations', column: 'case_id', how: 'delete' },
  { table: 'case_relations', column: 'related_id', how: 'delete' },
  { table: 'case_views', column: 'case_id', how: 'delete' },
  { table: 'documents', column: 'case_id', how: 'self' },
  { table: 'documents', column: 'parent_id', how: 'self' },
  { table: 'document_versions', column: 'document_id', how: 'delete' },
  { table: 'room_file_versions', column: 'case_id', how: 'block' },
  { table: 'room_file_versions', column: 'case_document_id', how: 'block' },
  { table: 'papers', column: 'case_id', how: 'block' },
  { table: 'agenda_items', column: 'decision_document_id', how: 'block' },
  { table: 'agenda_attachments', column: 'document_id', how: 'block' },
  { table: 'decision_writebacks', column: 'case_id', how: 'block' },
  { table: 'decision_writebacks', column: 'document_id', how: 'block' },
  { table: 'decision_writebacks', column: 'note_id', how: 'block' },
  { table: 'digital_post_outbox', column: 'case_id', how: 'delete' },
  { table: 'access_requests', column: 'case_id', how: 'delete' },
  { table: 'access_requests', column: 'extension_document_id', how: 'delete' },
  { table: 'access_requests', column: 'answer_document_id', how: 'delete' },
  { table: 'access_request_cases', column: 'case_id', how: 'delete' },
  { table: 'access_request_documents', column: 'document_id', how: 'delete' },
  { table: 'letters', column: 'case_id', how: 'delete' },
  { table: 'letters', column: 'party_id', how: 'delete' },
  { table: 'letters', column: 'document_id', how: 'delete' },
];

export interface DisposalRun {
  id: number;
  status: DisposalRunStatus;
  as_of: string;
  created_at: string;
  created_by: string | null;
  createdByName: string | null;
  approved_at: string | null;
  approved_by: string | null;
  approvedByName: string | null;
  executed_at: string | null;
  /** Cases on the list (excluded ones included), taken off it, and disposed of. */
  total: number;
  excluded: number;
  disposed: number;
}

export interface DisposalCase {
  run_id: number;
  case_id: number;
  case_number: string;
  kle_number: string;
  facet_code: string;
  retention: string;
  retention_years: number | null;
  export_id: number | null;
  closed_at: string | null;
  document_count: number;
  file_count: number;
  excluded: boolean;
  excluded_reason: string | null;
  excludedByName: string | null;
  disposed_at: string | null;
  /** The title while the case exists (never stored on the list). */
  title: string | null;
}

const OPEN: DisposalRunStatus[] = ['proposed', 'approved', 'executing'];

/** The date `years` years before a yyyy-mm-dd date (29 February → 28 February: never later). */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  let md = date.slice(5);
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}

function runsQuery(database: Database) {
  return database.db
    .selectFrom('disposal_runs')
    .leftJoin('users as creator', 'creator.id', 'disposal_runs.created_by')
    .leftJoin('users as approver', 'approver.id', 'disposal_runs.approved_by')
    .select((eb) => [
      'disposal_runs.id',
      'disposal_runs.status',
      'disposal_runs.as_of',
      'disposal_runs.created_at',
      'disposal_runs.created_by',
      'creator.display_name as createdByName',
      'disposal_runs.approved_at',
      'disposal_runs.approved_by',
      'approver.display_name as approvedByName',
      'disposal_runs.executed_at',
      eb
        .selectFrom('disposal_run_cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('disposal_run_cases.run_id', '=', 'disposal_runs.id')
        .as('total'),
      eb
        .selectFrom('disposal_run_cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('disposal_run_cases.run_id', '=', 'disposal_runs.id')
        .where('disposal_run_cases.excluded', '=', 1)
        .as('excluded'),
      eb
        .selectFrom('disposal_run_cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('disposal_run_cases.run_id', '=', 'disposal_runs.id')
        .where('disposal_run_cases.disposed_at', 'is not', null)
        .as('disposed'),
    ]);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['execute']>>[number];
const runFromRow = (r: RunRow): DisposalRun => ({
  ...r,
  id: Number(r.id),
  total: Number(r.total ?? 0),
  excluded: Number(r.excluded ?? 0),
  disposed: Number(r.disposed ?? 0),
});

export async function disposalRuns(database: Database, limit = 20): Promise<DisposalRun[]> {
  const rows = await runsQuery(database).orderBy('disposal_runs.id', 'desc').limit(limit).execute();
  return rows.map(runFromRow);
}

export async function loadDisposalRun(database: Database, id: number): Promise<DisposalRun | null> {
  const row = await runsQuery(database).where('disposal_runs.id', '=', id).executeTakeFirst();
  return row ? runFromRow(row) : null;
}

/** The cases on a list, with each case's title while it still exists. */
export async function disposalCases(database: Database, runId: number): Promise<DisposalCase[]> {
  const rows = await database.db
    .selectFrom('disposal_run_cases')
    .leftJoin('cases', 'cases.id', 'disposal_run_cases.case_id')
    .leftJoin('users', 'users.id', 'disposal_run_cases.excluded_by')
    .selectAll('disposal_run_cases')
    .select(['cases.title', 'users.display_name as excludedByName'])
    .where('disposal_run_cases.run_id', '=', runId)
    .orderBy('disposal_run_cases.case_number')
    .execute();
  return rows.map((r) => ({
    ...r,
    run_id: Number(r.run_id),
    case_id: Number(r.case_id),
    document_count: Number(r.document_count),
    file_count: Number(r.file_count),
    export_id: r.export_id === null ? null : Number(r.export_id),
    excluded: r.excluded === 1,
    title: r.disposed_at ? null : (r.title ?? null),
  }));
}

type CaseRef = ExpressionBuilder<DB, 'cases'>;

/** Why each of these cases cannot be disposed of now (cases without a blocker are absent). */
async function blockersOf(
  database: Database,
  caseIds: number[],
  opts: { alsoDisposed?: ReadonlySet<number> } = {},
): Promise<Map<number, BlockerKind>> {
  const found = new Map<number, BlockerKind>();
  if (!caseIds.length) return found;
  const db = database.db;
  const docsOf = (eb: CaseRef) =>
    eb.selectFrom('documents').select('documents.id').whereRef('documents.case_id', '=', 'cases.id');
  for (let i = 0; i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('cases')
      .select((eb) => [
        'cases.id',
        eb
          .or([
            eb.exists(eb.selectFrom('papers').select('papers.id').whereRef('papers.case_id', '=', 'cases.id')),
            eb.exists(
              eb
                .selectFrom('agenda_items')
                .select('agenda_items.id')
                .where('agenda_items.decision_document_id', 'in', docsOf(eb)),
            ),
            eb.exists(
              eb
                .selectFrom('agenda_attachments')
                .select('agenda_attachments.id')
                .where('agenda_attachments.document_id', 'in', docsOf(eb)),
            ),
            // decision_writebacks (the minutes module's table, not in the shared DB type).
            sql<boolean>`exists (select 1 from decision_writebacks w where w.case_id = cases.id
              or w.document_id in (select d.id from documents d where d.case_id = cases.id)
              or w.note_id in (select n.id from case_notes n where n.case_id = cases.id))`,
          ])
          .as('meetings'),
        eb
          .or([
            eb.exists(
              eb
                .selectFrom('room_file_versions')
                .select('room_file_versions.id')
                .whereRef('room_file_versions.case_id', '=', 'cases.id'),
            ),
            eb.exists(
              eb
                .selectFrom('room_file_versions')
                .select('room_file_versions.id')
                .where('room_file_versions.case_document_id', 'in', docsOf(eb)),
            ),
          ])
          .as('rooms'),
        eb
          .or([
            eb.exists(
              eb
                .selectFrom('access_request_cases')
                .innerJoin('access_requests', 'access_requests.id', 'access_request_cases.request_id')
                .select('access_requests.id')
                .whereRef('access_request_cases.case_id', '=', 'cases.id')
                .where('access_requests.status', 'in', ['new', 'open']),
            ),
            eb.exists(
              eb
                .selectFrom('access_requests')
                .select('access_requests.id')
                .whereRef('access_requests.case_id', '=', 'cases.id')
                .where('access_requests.status', 'in', ['new', 'open']),
            ),
          ])
          .as('accessRequest'),
      ])
      .where('cases.id', 'in', ids)
      .execute();
    const children = await db.selectFrom('cases').select(['id', 'parent_id']).where('parent_id', 'in', ids).execute();
    for (const r of rows) {
      const id = Number(r.id);
      const kind: BlockerKind | null = truthy(r.meetings)
        ? 'meetings'
        : truthy(r.rooms)
          ? 'rooms'
          : truthy(r.accessRequest)
            ? 'accessRequest'
            : children.some((c) => Number(c.parent_id) === id && !opts.alsoDisposed?.has(Number(c.id)))
              ? 'subcases'
              : null;
      if (kind) found.set(id, kind);
    }
  }
  return found;
}

/** SQLite answers a boolean expression with 0/1, PostgreSQL with true/false. */
const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

/** The documents and distinct stored files of these cases. */
async function countsOf(
  database: Database,
  caseIds: number[],
): Promise<Map<number, { documents: number; files: number }>> {
  const out = new Map<number, { documents: number; files: number }>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    const rows = await database.db
      .selectFrom('documents')
      .leftJoin('document_versions', 'document_versions.document_id', 'documents.id')
      .select([
        'documents.case_id',
        'documents.id',
        'document_versions.blob_sha256',
        'document_versions.rendition_sha256',
      ])
      .where('documents.case_id', 'in', ids)
      .execute();
    for (const id of ids) {
      const mine = rows.filter((r) => Number(r.case_id) === id);
      const files = new Set(mine.flatMap((r) => [r.blob_sha256, r.rendition_sha256]).filter((x): x is string => !!x));
      out.set(id, { documents: new Set(mine.map((r) => r.id)).size, files: files.size });
    }
  }
  return out;
}

export type DisposalError = { ok: false; error: MessageKey };

/**
 * Draws up a disposal list as of a day (default: today in Copenhagen). Refused while another list
 * is still open (proposed, approved or executing), so that no case is on two lists.
 */
export async function proposeDisposal(
  database: Database,
  actor: AuditActor,
  opts: { asOf?: string; ip?: string | null } = {},
): Promise<{ ok: true; id: number; cases: number; excluded: number } | DisposalError> {
  const asOf = opts.asOf ?? copenhagenDate(new Date());
  return writeTransaction(database, async (tx) => {
    const open = await tx.db.selectFrom('disposal_runs').select('id').where('status', 'in', OPEN).executeTakeFirst();
    if (open) return { ok: false, error: 'records.disposal.error.openList' } as const;
    const years = await tx.db
      .selectFrom('cases')
      .select('retention_years')
      .distinct()
      .where('status', '=', 'archived')
      .where('retention', '=', 'dispose')
      .where('retention_years', 'is not', null)
      .execute();
    const columns = ['id', 'number', 'kle_number', 'facet_code', 'retention', 'retention_years', 'closed_at'] as const;
    type Candidate = {
      id: number;
      number: string;
      kle_number: string;
      facet_code: string;
      retention: string;
      retention_years: number | null;
      closed_at: string | null;
      export_id: number | null;
    };
    const candidates: Candidate[] = [];
    for (const { retention_years: y } of years) {
      const before = startOfCopenhagenDay(yearsBefore(asOf, Number(y))).toISOString();
      const rows = await tx.db
        .selectFrom('cases')
        .select([...columns])
        .where('status', '=', 'archived')
        .where('retention', '=', 'dispose')
        .where('retention_years', '=', Number(y))
        .where('closed_at', '<', before)
        .execute();
      candidates.push(...rows.map((r) => ({ ...r, export_id: null })));
    }
    const preserved = await tx.db
      .selectFrom('cases')
      .select([...columns.map((c) => `cases.${c}` as const)])
      .select((eb) =>
        eb
          .selectFrom('archival_export_cases')
          .innerJoin('archival_exports', 'archival_exports.id', 'archival_export_cases.export_id')
          .select((e) => e.fn.min('archival_exports.id').as('x'))
          .whereRef('archival_export_cases.case_id', '=', 'cases.id')
          .where('archival_exports.status', '=', 'delivered')
          .as('export_id'),
      )
      .where('cases.status', '=', 'archived')
      .where('cases.retention', '=', 'preserve')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('archival_export_cases')
            .innerJoin('archival_exports', 'archival_exports.id', 'archival_export_cases.export_id')
            .select('archival_export_cases.case_id')
            .whereRef('archival_export_cases.case_id', '=', 'cases.id')
            .where('archival_exports.status', '=', 'delivered'),
        ),
      )
      .execute();
    candidates.push(...preserved.map((r) => ({ ...r, export_id: r.export_id === null ? null : Number(r.export_id) })));
    const ids = candidates.map((c) => c.id);
    const blocked = await blockersOf(tx, ids, { alsoDisposed: new Set(ids) });
    const counts = await countsOf(tx, ids);
    const { id } = await tx.db
      .insertInto('disposal_runs')
      .values({ status: 'proposed', as_of: asOf, created_at: nowIso(), created_by: actor.id, note: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < candidates.length; i += 200) {
      await tx.db
        .insertInto('disposal_run_cases')
        .values(
          candidates.slice(i, i + 200).map((c) => ({
            run_id: id,
            case_id: c.id,
            case_number: c.number,
            kle_number: c.kle_number,
            facet_code: c.facet_code,
            retention: c.retention,
            retention_years: c.retention_years,
            export_id: c.export_id,
            closed_at: c.closed_at,
            document_count: counts.get(c.id)?.documents ?? 0,
            file_count: counts.get(c.id)?.files ?? 0,
            excluded: blocked.has(c.id) ? 1 : 0,
            excluded_reason: blocked.has(c.id) ? `${AUTO_REASON}${blocked.get(c.id)}` : null,
            excluded_by: null,
            disposed_at: null,
          })),
        )
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: 'disposal.propose',
      entityType: 'disposal',
      entityId: id,
      summary: `Drew up disposal list ${id} as of ${asOf}: ${candidates.length} cases, ${blocked.size} kept back automatically`,
      details: { asOf, cases: candidates.length, excluded: blocked.size },
      ip: opts.ip ?? null,
    });
    return { ok: true, id, cases: candidates.length, excluded: blocked.size } as const;
  });
}

/** Takes a case off a proposed list, with the records manager's reason (required). */
export async function excludeFromDisposal(
  database: Database,
  runId: number,
  caseId: number,
  reason: string,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | DisposalError> {
  const text = reason.trim();
  if (!text) return { ok: false, error: 'records.disposal.error.reason' };
  if (text.length > 500) return { ok: false, error: 'records.disposal.error.reasonLong' };
  return writeTransaction(database, async (tx) => {
    const run = await tx.db.selectFrom('disposal_runs').select('status').where('id', '=', runId).executeTakeFirst();
    if (!run) return { ok: false, error: 'records.disposal.error.notFound' } as const;
    if (run.status !== 'proposed') return { ok: false, error: 'records.disposal.error.notProposed' } as const;
    const row = await tx.db
      .updateTable('disposal_run_cases')
      .set({ excluded: 1, excluded_reason: text, excluded_by: actor.id })
      .where('run_id', '=', runId)
      .where('case_id', '=', caseId)
      .where('excluded', '=', 0)
      .returning('case_number')
      .executeTakeFirst();
    if (!row) return { ok: false, error: 'records.disposal.error.notOnList' } as const;
    await appendAudit(tx, {
      actor,
      action: 'disposal.exclude',
      entityType: 'case',
      entityId: caseId,
      summary: `Took case ${row.case_number} off disposal list ${runId}`,
      details: { run: runId, number: row.case_number, reason: text },
      ip: opts.ip ?? null,
    });
    return { ok: true } as const;
  });
}

/** Approves a proposed list (the second step): only an approved list can be executed. */
export async function approveDisposal(
  database: Database,
  runId: number,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | DisposalError> {
  return writeTransaction(database, async (tx) => {
    const left = await tx.db
      .selectFrom('disposal_run_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', runId)
      .where('excluded', '=', 0)
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) {
      const exists = await tx.db.selectFrom('disposal_runs').select('id').where('id', '=', runId).executeTakeFirst();
      return { ok: false, error: exists ? 'records.disposal.error.empty' : 'records.disposal.error.notFound' } as const;
    }
    const now = nowIso();
    const done = await tx.db
      .updateTable('disposal_runs')
      .set({ status: 'approved', approved_at: now, approved_by: actor.id })
      .where('id', '=', runId)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) return { ok: false, error: 'records.disposal.error.notProposed' } as const;
    await appendAudit(tx, {
      actor,
      action: 'disposal.approve',
      entityType: 'disposal',
      entityId: runId,
      summary: `Approved disposal list ${runId}: ${Number(left.n)} cases`,
      details: { cases: Number(left.n) },
      ip: opts.ip ?? null,
    });
    return { ok: true } as const;
  });
}

/** Cancels a list that has not begun to be executed (a new list can then be drawn up). */
export async function cancelDisposal(
  database: Database,
  runId: number,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | DisposalError> {
  return writeTransaction(database, async (tx) => {
    const done = await tx.db
      .updateTable('disposal_runs')
      .set({ status: 'cancelled' })
      .where('id', '=', runId)
      .where('status', 'in', ['proposed', 'approved'])
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) return { ok: false, error: 'records.disposal.error.notCancellable' } as const;
    await appendAudit(tx, {
      actor,
      action: 'disposal.cancel',
      entityType: 'disposal',
      entityId: runId,
      summary: `Cancelled disposal list ${runId}`,
      ip: opts.ip ?? null,
    });
    return { ok: true } as const;
  });
}

export interface ExecuteOptions {
  ip?: string | null;
  /** Fault injection (tests): the transaction of the case after this many disposals fails, as a crash would. */
  failAfter?: number;
}

export interface ExecuteResult {
  ok: true;
  disposed: number;
  /** Taken off the list at the last moment by the check (a meeting or a room began to refer to it). */
  excluded: number;
  /** Stored files removed from disk. */
  filesRemoved: number;
}

class InjectedFailure extends Error {}

/** Case URLs in notifications and shortcuts: /cases/12, /cases/12/…, /cases/12#…, /cases/12?… */
function caseLink(column: 'link' | 'url', id: number) {
  const ref = sql.ref(column);
  const base = `/cases/${id}`;
  return sql<boolean>`(${ref} = ${base} or ${ref} like ${`${base}/%`} or ${ref} like ${`${base}#%`} or ${ref} like ${`${base}?%`})`;
}

/** Deletes one case and everything that hangs on it (inside the caller's transaction); the hashes of its files. */
async function deleteCase(tx: Database, caseId: number): Promise<{ documents: number; hashes: string[] }> {
  const db = tx.db;
  const docs = (await db.selectFrom('documents').select('id').where('case_id', '=', caseId).execute()).map((d) => d.id);
  const versions = docs.length
    ? await db
        .selectFrom('document_versions')
        .select(['blob_sha256', 'rendition_sha256'])
        .where('document_id', 'in', docs)
        .execute()
    : [];
  const hashes = [
    ...new Set(versions.flatMap((v) => [v.blob_sha256, v.rendition_sha256]).filter((h): h is string => !!h)),
  ];

  // Access requests: the AKT case's own request, and decisions of any request on this case's documents.
  const ownRequests = (await db.selectFrom('access_requests').select('id').where('case_id', '=', caseId).execute()).map(
    (r) => r.id,
  );
  let items = ownRequests.length
    ? (
        await db.selectFrom('access_request_documents').select('id').where('request_id', 'in', ownRequests).execute()
      ).map((r) => r.id)
    : [];
  if (docs.length)
    items = [
      ...items,
      ...(await db.selectFrom('access_request_documents').select('id').where('document_id', 'in', docs).execute()).map(
        (r) => r.id,
      ),
    ];
  if (items.length) {
    await db.deleteFrom('access_request_document_bases').where('item_id', 'in', items).execute();
    await db.deleteFrom('access_request_redactions').where('item_id', 'in', items).execute();
    await db.deleteFrom('access_request_documents').where('id', 'in', items).execute();
  }
  await db.deleteFrom('access_request_cases').where('case_id', '=', caseId).execute();
  if (ownRequests.length) {
    await db.deleteFrom('access_request_cases').where('request_id', 'in', ownRequests).execute();
    await db.deleteFrom('access_requests').where('id', 'in', ownRequests).execute();
  }
  if (docs.length) {
    await db
      .updateTable('access_requests')
      .set({ extension_document_id: null })
      .where('extension_document_id', 'in', docs)
      .execute();
    await db
      .updateTable('access_requests')
      .set({ answer_document_id: null })
      .where('answer_document_id', 'in', docs)
      .execute();
  }

  // Letters and their Digital Post messages (the MeMo XML holds names, addresses, CPR numbers).
  await db.deleteFrom('letters').where('case_id', '=', caseId).execute();
  await db.deleteFrom('digital_post_outbox').where('case_id', '=', caseId).execute();

  // Notifications that point at the case (their text names it), the e-mails sent for them, shortcuts.
  const notes = (await db.selectFrom('notifications').select('id').where(caseLink('link', caseId)).execute()).map(
    (n) => n.id,
  );
  if (notes.length) {
    await db
      .deleteFrom('mail_outbox')
      .where(
        'dedupe_key',
        'in',
        notes.map((n) => `notification:${n}`),
      )
      .execute();
    await db.deleteFrom('notifications').where('id', 'in', notes).execute();
  }
  await db.deleteFrom('user_shortcuts').where(caseLink('url', caseId)).execute();

  await db.deleteFrom('search_entries').where('case_id', '=', caseId).execute();
  await db
    .deleteFrom('case_relations')
    .where((eb) => eb.or([eb('case_id', '=', caseId), eb('related_id', '=', caseId)]))
    .execute();
  await db.deleteFrom('case_views').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_access').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_deadlines').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_notes').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_parties').where('case_id', '=', caseId).execute();
  if (docs.length) {
    await db
      .updateTable('documents')
      .set({ parent_id: null })
      .where('id', 'in', docs)
      .where('parent_id', 'is not', null)
      .execute();
    await db.deleteFrom('document_versions').where('document_id', 'in', docs).execute();
    await db.deleteFrom('documents').where('id', 'in', docs).execute();
  }
  await db.deleteFrom('cases').where('id', '=', caseId).execute();
  return { documents: docs.length, hashes };
}

/**
 * Executes an approved list (or finishes one whose execution was interrupted): each case in its
 * own transaction, sub-cases before their parents, files removed from disk after each commit.
 */
export async function executeDisposal(
  database: Database,
  blobs: BlobStore,
  runId: number,
  actor: AuditActor,
  opts: ExecuteOptions = {},
): Promise<ExecuteResult | DisposalError> {
  const run = await database.db.selectFrom('disposal_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return { ok: false, error: 'records.disposal.error.notFound' };
  if (run.status === 'proposed') return { ok: false, error: 'records.disposal.error.notApproved' };
  if (run.status === 'executed') return { ok: false, error: 'records.disposal.error.executed' };
  if (run.status === 'cancelled') return { ok: false, error: 'records.disposal.error.cancelled' };
  if (run.status === 'approved') {
    const started = await writeTransaction(database, async (tx) => {
      const r = await tx.db
        .updateTable('disposal_runs')
        .set({ status: 'executing' })
        .where('id', '=', runId)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      if (!Number(r.numUpdatedRows)) return false;
      await appendAudit(tx, {
        actor,
        action: 'disposal.execute.start',
        entityType: 'disposal',
        entityId: runId,
        summary: `Began executing disposal list ${runId}`,
        ip: opts.ip ?? null,
      });
      return true;
    });
    if (!started) return { ok: false, error: 'records.disposal.error.notApproved' };
  }

  const items = await database.db
    .selectFrom('disposal_run_cases')
    .selectAll()
    .where('run_id', '=', runId)
    .where('excluded', '=', 0)
    .where('disposed_at', 'is', null)
    // Sub-cases are younger than their parents: going from the newest, a parent comes after its children.
    .orderBy('case_id', 'desc')
    .execute();
  let disposed = 0;
  let excluded = 0;
  let filesRemoved = 0;
  for (const item of items) {
    const caseId = Number(item.case_id);
    const since = new Date();
    const outcome = await writeTransaction(database, async (tx) => {
      const blocked = (await blockersOf(tx, [caseId])).get(caseId);
      if (blocked) {
        await tx.db
          .updateTable('disposal_run_cases')
          .set({ excluded: 1, excluded_reason: `${AUTO_REASON}${blocked}`, excluded_by: null })
          .where('run_id', '=', runId)
          .where('case_id', '=', caseId)
          .execute();
        await appendAudit(tx, {
          actor: null,
          action: 'disposal.exclude',
          entityType: 'case',
          entityId: caseId,
          summary: `Kept case ${item.case_number} back from disposal list ${runId}: ${blocked}`,
          details: { run: runId, number: item.case_number, automatic: blocked },
        });
        return { kind: 'blocked' as const };
      }
      const { documents, hashes } = await deleteCase(tx, caseId);
      const at = nowIso();
      await tx.db
        .updateTable('disposal_run_cases')
        .set({ disposed_at: at, document_count: documents, file_count: hashes.length })
        .where('run_id', '=', runId)
        .where('case_id', '=', caseId)
        .execute();
      await appendAudit(tx, {
        actor,
        action: 'case.dispose',
        entityType: 'case',
        entityId: caseId,
        summary: `Disposed of case ${item.case_number} (${item.kle_number} ${item.facet_code}) under disposal list ${runId}`,
        details: {
          run: runId,
          number: item.case_number,
          kle: item.kle_number,
          facet: item.facet_code,
          retention: item.retention,
          years: item.retention_years,
          export: item.export_id,
          documents,
          files: hashes.length,
        },
        ip: opts.ip ?? null,
      });
      if (opts.failAfter !== undefined && disposed >= opts.failAfter)
        throw new InjectedFailure(`injected failure after ${disposed} cases`);
      return { kind: 'disposed' as const, hashes };
    });
    if (outcome.kind === 'blocked') {
      excluded++;
      continue;
    }
    disposed++;
    // After the commit: the bytes go now (what another row still uses stays; a crash here leaves
    // unreferenced files, which the nightly blob-cleanup removes).
    filesRemoved += (await collectBlobs(database, blobs, outcome.hashes, { since })).removed.length;
  }

  await writeTransaction(database, async (tx) => {
    const r = await tx.db
      .updateTable('disposal_runs')
      .set({ status: 'executed', executed_at: nowIso() })
      .where('id', '=', runId)
      .where('status', '=', 'executing')
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return;
    await appendAudit(tx, {
      actor,
      action: 'disposal.execute',
      entityType: 'disposal',
      entityId: runId,
      summary: `Executed disposal list ${runId}: ${disposed} cases disposed of, ${excluded} kept back`,
      details: { disposed, excluded, filesRemoved },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, disposed, excluded, filesRemoved };
}
