import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/** Each employee's own shortcuts on the intranet front page. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await addIdColumn(db.schema.createTable('user_shortcuts'), dialect)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', instantType(dialect), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_shortcuts_user').on('user_shortcuts').columns(['user_id', 'position']).execute();
}
