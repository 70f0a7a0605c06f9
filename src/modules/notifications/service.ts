import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import type { NotificationTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';

/**
 * In-app notifications. Producers call `notify()` with a dedupe key, so running a job twice (or on
 * two instances) never notifies twice. Messages are catalog keys `notifications.kind.<kind>` with
 * the stored parameters, so each reader sees them in their own language.
 */

export type NotificationRow = Selectable<NotificationTable>;

export interface NewNotification {
  userId: string;
  kind: string;
  params: Record<string, string | number>;
  link?: string | null;
  /** Same key, same notification: inserted once. */
  dedupeKey?: string | null;
}

/** Returns true when the notification was new. */
export async function notify(database: Database, n: NewNotification): Promise<boolean> {
  const inserted = await database.db
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      kind: n.kind,
      params: JSON.stringify(n.params),
      link: n.link ?? null,
      dedupe_key: n.dedupeKey ?? null,
      created_at: nowIso(),
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function unreadCount(database: Database, userId: string): Promise<number> {
  const row = await database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(database: Database, userId: string, limit = 50): Promise<NotificationRow[]> {
  return database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}

export async function markRead(database: Database, userId: string, id?: number): Promise<void> {
  let q = database.db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  await q.execute();
}
