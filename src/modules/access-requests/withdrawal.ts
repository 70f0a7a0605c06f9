/**
 * Withdrawing a request: the requester no longer wants the documents (or the request was a
 * duplicate). The request gets status `withdrawn`, which stops decisions, redactions, the answer
 * and the deadline warnings; the reason is kept in the audit log (`accessRequest.withdraw`), where
 * the request page reads it back. The AKT case itself stays as it is (the caseworker closes it).
 */
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { AccessRequestRow } from './access.ts';

export const WITHDRAW_ACTION = 'accessRequest.withdraw';
const MAX_REASON = 4000;

export type WithdrawalErrors = Partial<Record<'reason', MessageKey>>;

/** A request may be withdrawn while it is new (from the public form) or open. */
export const canBeWithdrawn = (row: Pick<AccessRequestRow, 'status'>) => row.status === 'new' || row.status === 'open';

export async function withdrawRequest(
  database: Database,
  row: Pick<AccessRequestRow, 'id' | 'case_id' | 'status'>,
  input: { reason: string },
  by: AuditActor,
  opts: { ip?: string | null; at?: Date } = {},
): Promise<{ ok: true } | { ok: false; errors: WithdrawalErrors }> {
  const reason = input.reason.trim();
  if (!canBeWithdrawn(row)) return { ok: false, errors: { reason: 'akt.error.notOpen' } };
  if (!reason) return { ok: false, errors: { reason: 'akt.error.withdrawReason' } };
  if (reason.length > MAX_REASON) return { ok: false, errors: { reason: 'akt.error.tooLong' } };
  const at = (opts.at ?? new Date()).toISOString();
  return writeTransaction(database, async (tx) => {
    const changed = await tx.db
      .updateTable('access_requests')
      .set({ status: 'withdrawn', updated_at: at })
      .where('id', '=', row.id)
      .where('status', 'in', ['new', 'open'])
      .executeTakeFirst();
    // Answered or withdrawn by someone else meanwhile.
    if (Number(changed.numUpdatedRows) !== 1) return { ok: false, errors: { reason: 'akt.error.notOpen' } };
    await appendAudit(tx, {
      actor: by,
      action: WITHDRAW_ACTION,
      entityType: row.case_id ? 'case' : 'access_request',
      entityId: row.case_id ?? row.id,
      summary: 'Access request withdrawn',
      details: { request: row.id, reason },
      ip: opts.ip ?? null,
    });
    return { ok: true };
  });
}

/** When, by whom and why a request was withdrawn, from the audit log; null if it was not. */
export async function withdrawalOf(
  database: Database,
  row: Pick<AccessRequestRow, 'id' | 'case_id' | 'status'>,
): Promise<{ at: string; by: string | null; reason: string } | null> {
  if (row.status !== 'withdrawn') return null;
  const entries = await database.db
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'details'])
    .where('action', '=', WITHDRAW_ACTION)
    .where('entity_type', '=', row.case_id ? 'case' : 'access_request')
    .where('entity_id', '=', String(row.case_id ?? row.id))
    .orderBy('id', 'desc')
    .execute();
  for (const e of entries) {
    const details = e.details ? (JSON.parse(e.details) as { request?: number; reason?: string }) : {};
    if (details.request === row.id) return { at: e.at, by: e.actor_name, reason: details.reason ?? '' };
  }
  return null;
}
