import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { instantType } from '../src/db/migration-helpers.ts';

/**
 * The user administration at 10,000 users (issue 12, users part).
 *
 * - `password_resets`: one-time links an administrator makes for an account with a local
 *   password. Only the SHA-256 of the token is stored (like sessions), so a copy of the database
 *   cannot be used to reset anyone's password. A link is valid until `expires_at` (24 hours) and
 *   only once (`used_at`); making a new link for the same person ends the older ones.
 * - `user_roles_role`: the user list filtered by a rare role reads the role's holders from this
 *   index instead of probing every account (the primary key starts with the user).
 * - `users_break_glass`: the few break-glass accounts in name order (a partial index), so the
 *   list's break-glass filter reads only them.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('used_at', instant)
    .execute();
  await db.schema
    .createIndex('password_resets_user')
    .on('password_resets')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema.createIndex('user_roles_role').on('user_roles').columns(['role', 'user_id']).execute();
  await db.schema
    .createIndex('users_break_glass')
    .on('users')
    .columns(['display_name', 'id'])
    .where(sql.ref('break_glass'), '=', 1)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_break_glass').execute();
  await db.schema.dropIndex('user_roles_role').execute();
  await db.schema.dropTable('password_resets').execute();
}
