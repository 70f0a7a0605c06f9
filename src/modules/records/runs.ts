import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import type { RecordsRunKind, RecordsRunTrigger } from '../../db/schema/records.ts';

/**
 * Runs of the records work (the archive job, exports) with their progress, for the progress bar
 * on the admin pages and for picking up after a crash:
 *
 * - `startRun` first marks as `interrupted` every `running` run of the same kind whose heartbeat
 *   is older than `STALE_MS` (its process died: a live run touches its heartbeat with every step),
 *   then inserts the new run. Only one process runs a kind at a time (the scheduler's run lease);
 *   the work itself must be idempotent so that a new run finishes what an interrupted one left.
 * - `progress` sets `done`/`total` and the heartbeat; `finishRun` closes the run as done or failed.
 */

export const STALE_MS = 5 * 60_000;

export type RecordsRun = {
  id: number;
  kind: RecordsRunKind;
  trigger: RecordsRunTrigger;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  total: number;
  done: number;
  export_id: number | null;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  started_by: string | null;
  detail: string | null;
};

function fromRow(r: Record<string, unknown>): RecordsRun {
  return {
    ...(r as RecordsRun),
    id: Number(r.id),
    total: Number(r.total),
    done: Number(r.done),
    export_id: r.export_id === null ? null : Number(r.export_id),
  };
}

export async function markStaleRuns(database: Database, kind: RecordsRunKind, now = new Date()): Promise<number> {
  const stale = new Date(now.getTime() - STALE_MS).toISOString();
  const result = await database.db
    .updateTable('records_runs')
    .set({ status: 'interrupted', finished_at: now.toISOString() })
    .where('kind', '=', kind)
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', stale)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function startRun(
  database: Database,
  kind: RecordsRunKind,
  trigger: RecordsRunTrigger,
  opts: { startedBy?: string | null; exportId?: number | null; total?: number } = {},
): Promise<RecordsRun> {
  await markStaleRuns(database, kind);
  const now = nowIso();
  const row = await database.db
    .insertInto('records_runs')
    .values({
      kind,
      trigger,
      status: 'running',
      total: opts.total ?? 0,
      done: 0,
      export_id: opts.exportId ?? null,
      started_at: now,
      heartbeat_at: now,
      finished_at: null,
      started_by: opts.startedBy ?? null,
      detail: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

export async function progress(database: Database, runId: number, done: number, total?: number): Promise<void> {
  await database.db
    .updateTable('records_runs')
    .set({ done, heartbeat_at: nowIso(), ...(total === undefined ? {} : { total }) })
    .where('id', '=', runId)
    .execute();
}

export async function finishRun(
  database: Database,
  runId: number,
  status: 'done' | 'failed',
  detail: Record<string, unknown>,
): Promise<void> {
  const now = nowIso();
  await database.db
    .updateTable('records_runs')
    .set({ status, detail: JSON.stringify(detail), finished_at: now, heartbeat_at: now })
    .where('id', '=', runId)
    .execute();
}

export async function latestRuns(database: Database, kind: RecordsRunKind, limit = 20): Promise<RecordsRun[]> {
  const rows = await database.db
    .selectFrom('records_runs')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}
