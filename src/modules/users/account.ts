import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';

/**
 * An account's access: deactivating it (its sessions end in the same transaction, so a cookie
 * stops working at once; its password-reset links end too; everything it made, cases included,
 * stays), reactivating it, and ending all its sessions ("sign out everywhere"). The routes ask
 * the policy first (`users.lockOut` refuses one's own account).
 */

async function findAccount(database: Database, id: string) {
  return database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'is_active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type AccessResult = { ok: true; name: string; sessionsEnded: number } | { ok: false; notFound: true };

export async function deactivateUser(
  database: Database,
  id: string,
  actor: AuditActor,
  ip: string | null,
): Promise<AccessResult> {
  return writeTransaction(database, async (tx) => {
    const user = await findAccount(tx, id);
    if (!user) return { ok: false, notFound: true } as const;
    await tx.db.updateTable('users').set({ is_active: 0, updated_at: nowIso() }).where('id', '=', id).execute();
    const ended = await tx.db.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    await tx.db
      .updateTable('password_resets')
      .set({ used_at: nowIso() })
      .where('user_id', '=', id)
      .where('used_at', 'is', null)
      .execute();
    const sessionsEnded = Number(ended.numDeletedRows);
    if (user.is_active)
      await appendAudit(tx, {
        actor,
        action: 'user.deactivate',
        entityType: 'user',
        entityId: id,
        summary: `Deactivated user ${user.username}`,
        details: { username: user.username, sessions_ended: sessionsEnded },
        ip,
      });
    return { ok: true, name: user.display_name, sessionsEnded };
  });
}

export async function reactivateUser(
  database: Database,
  id: string,
  actor: AuditActor,
  ip: string | null,
): Promise<AccessResult> {
  return writeTransaction(database, async (tx) => {
    const user = await findAccount(tx, id);
    if (!user) return { ok: false, notFound: true } as const;
    if (!user.is_active) {
      await tx.db.updateTable('users').set({ is_active: 1, updated_at: nowIso() }).where('id', '=', id).execute();
      await appendAudit(tx, {
        actor,
        action: 'user.reactivate',
        entityType: 'user',
        entityId: id,
        summary: `Reactivated user ${user.username}`,
        details: { username: user.username },
        ip,
      });
    }
    return { ok: true, name: user.display_name, sessionsEnded: 0 };
  });
}

/** Ends every session of the account (it stays active: the person signs in again). */
export async function endSessions(
  database: Database,
  id: string,
  actor: AuditActor,
  ip: string | null,
): Promise<AccessResult> {
  return writeTransaction(database, async (tx) => {
    const user = await findAccount(tx, id);
    if (!user) return { ok: false, notFound: true } as const;
    const ended = await tx.db.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await appendAudit(tx, {
      actor,
      action: 'user.sessions.end',
      entityType: 'user',
      entityId: id,
      summary: `Ended ${sessionsEnded} session(s) of user ${user.username}`,
      details: { username: user.username, sessions_ended: sessionsEnded },
      ip,
    });
    return { ok: true, name: user.display_name, sessionsEnded };
  });
}
