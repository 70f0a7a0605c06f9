import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * In-app notifications: what a user should know about (a deadline reminder, later mentions,
 * replies, invitations). Stored as a kind plus parameters, rendered in the reader's language.
 * `dedupe_key` makes producers idempotent: a job that runs twice never notifies twice.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await addIdColumn(db.schema.createTable('notifications'), dialect, 'id', true)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .addColumn('read_at', instantType(dialect))
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
}
