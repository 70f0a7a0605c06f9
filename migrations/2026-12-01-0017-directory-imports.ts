import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * The directory import (issue 12): every upload or command-line run of people and units from the
 * municipality's HR or identity system (OS2mo, an HR system's CSV, Samspil's own format).
 *
 * A row holds the files as read (decoded text, never a CPR number: those columns are dropped when
 * the file is read), the plan shown as the preview, and — once applied — the report. "Importér"
 * applies the stored files only if planning them again inside the transaction gives the same
 * plan, so nothing is applied that the administrator did not see.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await addIdColumn(db.schema.createTable('directory_imports'), dialect)
    // null: the command line (npm run directory:import)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('applied_at', instant)
    .addColumn('report', 'text')
    .execute();
  await db.schema.createIndex('directory_imports_created').on('directory_imports').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_imports').execute();
}
