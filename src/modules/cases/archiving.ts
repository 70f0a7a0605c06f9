import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { reindexCase } from './search-index.ts';

/**
 * The one way a case is archived (closed → archived): by a records manager on the case page
 * (`changeStatus(…, 'archive', …)`) and by the nightly archive job (src/modules/records/archive.ts).
 *
 * Runs inside the caller's transaction, so that the caller can record more in the same commit
 * (the archive job records the case in `archive_run_cases`). The status is changed by
 * compare-and-set (`where status = 'closed'`): a case reopened in the meantime, or archived by
 * someone else first, is left alone and `null` is answered, so no case is archived twice and no
 * second audit entry is written. The audit entry names the case by its number only (never its
 * title), and the search entry is rebuilt (the case stays searchable, as archived).
 */
export async function archiveCase(
  tx: Database,
  caseId: number,
  actor: AuditActor | null,
  opts: { ip?: string | null; details?: Record<string, unknown> } = {},
): Promise<{ id: number; number: string; archivedAt: string } | null> {
  const now = nowIso();
  const row = await tx.db
    .updateTable('cases')
    .set({ status: 'archived', archived_at: now, updated_at: now })
    .where('id', '=', caseId)
    .where('status', '=', 'closed')
    .returning(['id', 'number'])
    .executeTakeFirst();
  if (!row) return null;
  await appendAudit(tx, {
    actor,
    action: 'case.archive',
    entityType: 'case',
    entityId: row.id,
    summary: `archive case ${row.number}`,
    details: { from: 'closed', to: 'archived', ...opts.details },
    ip: opts.ip ?? null,
  });
  await reindexCase(tx, row.id);
  return { id: row.id, number: row.number, archivedAt: now };
}
