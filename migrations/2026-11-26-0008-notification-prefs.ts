import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { instantType } from '../src/db/migration-helpers.ts';

/**
 * Notification preferences (each kind switchable per user, in the app and by e-mail), folding
 * (several replies in one thread become one notification), and what the digest needs: when the
 * user was last seen and when they were last sent a digest.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await db.schema
    .createTable('notification_prefs')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_prefs_pk', ['user_id', 'kind'])
    .execute();
  await db.schema.alterTable('notifications').addColumn('fold_key', 'text').execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('notifications').addColumn('emailed_at', instant).execute();
  await db.schema.createIndex('notifications_fold').on('notifications').columns(['user_id', 'fold_key']).execute();
  await db.schema.alterTable('users').addColumn('last_seen_at', instant).execute();
  await db.schema.alterTable('users').addColumn('last_digest_at', instant).execute();
}
