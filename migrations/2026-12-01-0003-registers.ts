import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { instantType } from '../src/db/migration-helpers.ts';

/**
 * The local CPR and CVR registers (src/modules/registers): a copy of the persons and companies
 * the municipality may look up, imported from CSV (the demo, tests, municipalities with a
 * replica). The Serviceplatformen clients (SF1520/SF1530) answer the same interfaces later.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await db.schema
    .createTable('register_persons')
    // 10 digits, no dash.
    .addColumn('cpr', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    // Navne- og adressebeskyttelse.
    .addColumn('protected_address', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`protected_address in (0, 1)`),
    )
    .addColumn('deceased', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`deceased in (0, 1)`),
    )
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('register_companies')
    // 8 digits.
    .addColumn('cvr', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
}
