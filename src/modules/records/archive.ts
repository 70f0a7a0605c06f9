import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import type { RecordsRunTrigger } from '../../db/schema/records.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { archiveCase } from '../cases/index.ts';
import { finishRun, latestRuns, progress, startRun, STALE_MS, type RecordsRun } from './runs.ts';
import { recordsSettings } from './settings.ts';

/**
 * The nightly archive job: closed cases whose grace period (`records.archive_grace_days`) has
 * passed become archived, through the one way to archive a case (`archiveCase` in the cases
 * module: compare-and-set on the status, an audit entry, the search entry rebuilt).
 *
 * Crash safety: each case is archived in a transaction of its own, which also records it in
 * `archive_run_cases` (unique per case). A crash loses at most the case in hand (rolled back),
 * nothing is done twice (the compare-and-set finds an archived case no longer closed, and the
 * unique index refuses a second row), and the next run — the next night, or one started by
 * hand — finds the rest still closed and due. Each run is a `records_runs` row with the
 * cases due at its start as `total` and a heartbeat after every case; a run whose process died is
 * marked interrupted by the next `startRun`.
 */

export const ARCHIVE_JOB = 'records-archive';

export interface ArchiveOptions {
  trigger?: RecordsRunTrigger;
  startedBy?: string | null;
  /** The clock for "due" (tests): cases closed before now − grace days. */
  now?: Date;
  /**
   * Fault injection (tests): after this many cases are archived, the next case's transaction
   * fails after its change was made, as a crash would, so that it is rolled back.
   */
  failAfter?: number;
}

export interface ArchiveResult {
  runId: number;
  /** Cases due when the run started. */
  due: number;
  archived: number;
  /** Due at the start but no longer closed when reached (reopened, or archived by another run). */
  skipped: number;
}

/** The instant before which a closed case is due for archiving. */
export function archiveCutoff(graceDays: number, now = new Date()): Date {
  return new Date(now.getTime() - graceDays * 86_400_000);
}

function dueQuery(database: Database, cutoff: Date) {
  return database.db
    .selectFrom('cases')
    .where('status', '=', 'closed')
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', cutoff.toISOString());
}

/** The cases the next run would archive (oldest first), and how many there are in all. */
export async function casesDue(
  database: Database,
  opts: { now?: Date; limit?: number } = {},
): Promise<{ total: number; cases: Array<{ id: number; number: string; closed_at: string }> }> {
  const { archiveGraceDays } = await recordsSettings(database);
  const cutoff = archiveCutoff(archiveGraceDays, opts.now);
  const [count, cases] = await Promise.all([
    dueQuery(database, cutoff)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    dueQuery(database, cutoff)
      .select(['id', 'number', 'closed_at'])
      .orderBy('closed_at')
      .orderBy('id')
      .limit(opts.limit ?? 100)
      .execute(),
  ]);
  return { total: Number(count.n), cases: cases.map((c) => ({ ...c, closed_at: c.closed_at! })) };
}

class InjectedFailure extends Error {}

/** One archive run: archives every case due at its start, one transaction per case. */
export async function runArchive(database: Database, opts: ArchiveOptions = {}): Promise<ArchiveResult> {
  const { archiveGraceDays } = await recordsSettings(database);
  const cutoff = archiveCutoff(archiveGraceDays, opts.now);
  const due = await dueQuery(database, cutoff).select(['id', 'number']).orderBy('closed_at').orderBy('id').execute();
  const run = await startRun(database, 'archive', opts.trigger ?? 'cli', {
    startedBy: opts.startedBy ?? null,
    total: due.length,
  });
  let archived = 0;
  let skipped = 0;
  try {
    for (const [i, c] of due.entries()) {
      const done = await writeTransaction(database, async (tx) => {
        const row = await archiveCase(tx, c.id, null, { details: { run: run.id, job: ARCHIVE_JOB } });
        if (!row) return false;
        await tx.db
          .insertInto('archive_run_cases')
          .values({ run_id: run.id, case_id: row.id, case_number: row.number, archived_at: row.archivedAt })
          .execute();
        if (opts.failAfter !== undefined && archived >= opts.failAfter)
          throw new InjectedFailure(`injected failure after ${archived} cases`);
        return true;
      });
      if (done) archived++;
      else skipped++;
      await progress(database, run.id, i + 1);
    }
  } catch (err) {
    await finishRun(database, run.id, 'failed', {
      error: err instanceof Error ? err.message : String(err),
      due: due.length,
      archived,
      skipped,
    });
    throw err;
  }
  await finishRun(database, run.id, 'done', { due: due.length, archived, skipped });
  return { runId: run.id, due: due.length, archived, skipped };
}

/** The archive job for the scheduler: nightly, and once at start-up to catch up after downtime. */
export function archiveJob(database: Database): JobDefinition {
  return {
    name: ARCHIVE_JOB,
    schedule: '30 2 * * *',
    // A run that outlives its lease could overlap the next one: harmless (compare-and-set and the
    // unique index), only slower.
    leaseMs: 60 * 60_000,
    title: 'jobs.records-archive',
    result: 'jobs.records-archive.result',
    async run(ctx) {
      const r = await runArchive(database, { trigger: ctx?.trigger ?? 'cli', startedBy: ctx?.startedBy ?? null });
      return { counts: { due: r.due, archived: r.archived, skipped: r.skipped } };
    },
  };
}

export interface ArchiveRunView extends RecordsRun {
  /** The cases the run archived, with the case's id while it exists (a disposed case keeps its number here). */
  cases: Array<{ caseId: number; number: string; exists: boolean }>;
  /** A `running` row whose heartbeat stopped: its process died (the next run marks it interrupted). */
  stale: boolean;
}

/** The last runs of the archive job, each with the cases it archived. */
export async function archiveRuns(database: Database, limit = 10, now = new Date()): Promise<ArchiveRunView[]> {
  const runs = await latestRuns(database, 'archive', limit);
  if (!runs.length) return [];
  const rows = await database.db
    .selectFrom('archive_run_cases')
    .leftJoin('cases', 'cases.id', 'archive_run_cases.case_id')
    .select([
      'archive_run_cases.run_id',
      'archive_run_cases.case_id',
      'archive_run_cases.case_number',
      'cases.id as live',
    ])
    .where(
      'archive_run_cases.run_id',
      'in',
      runs.map((r) => r.id),
    )
    .orderBy('archive_run_cases.case_number')
    .execute();
  return runs.map((r) => ({
    ...r,
    stale: r.status === 'running' && Date.parse(r.heartbeat_at) < now.getTime() - STALE_MS,
    cases: rows
      .filter((x) => Number(x.run_id) === r.id)
      .map((x) => ({ caseId: Number(x.case_id), number: x.case_number, exists: x.live !== null })),
  }));
}

/** The run the progress bar shows: the newest archive run, or null when there has been none. */
export async function currentArchiveRun(database: Database): Promise<RecordsRun | null> {
  const [latest] = await latestRuns(database, 'archive', 1);
  return latest ?? null;
}
