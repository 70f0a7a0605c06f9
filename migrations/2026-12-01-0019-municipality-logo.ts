import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { instantType } from '../src/db/migration-helpers.ts';

/**
 * The municipality's logo (Administration → Indstillinger → Kommunen): a PNG in the blob store,
 * shown in the page header. A table rather than a setting so that the blob has a reference with
 * a foreign key (the blob collector keeps what a row refers to, src/files/gc.ts). At most one
 * row is current: the newest; replacing or removing the logo deletes the old row.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await db.schema
    .createTable('municipality_logos')
    .addColumn('sha256', 'text', (c) => c.primaryKey().references('blobs.sha256'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', instant, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}
