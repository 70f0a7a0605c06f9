import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';

/**
 * Small helpers that hide the few places SQLite and PostgreSQL differ in DDL.
 * Migrations call these instead of branching on the dialect themselves.
 */

/** An auto-numbered primary key: identity on PostgreSQL, AUTOINCREMENT on SQLite (never reused). */
export function addIdColumn<T extends string>(
  table: CreateTableBuilder<T, any>,
  dialect: Dialect,
  name = 'id',
  big = false,
): CreateTableBuilder<T, any> {
  if (dialect === 'postgres') {
    return table.addColumn(name, big ? 'bigint' : 'integer', (c) => c.generatedByDefaultAsIdentity().primaryKey());
  }
  return table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** The column type for an instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
export function instantType(dialect: Dialect) {
  return dialect === 'postgres' ? sql`timestamptz` : sql`text`;
}

/** The column type for binary data. */
export function blobType(dialect: Dialect) {
  return dialect === 'postgres' ? sql`bytea` : sql`blob`;
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** Makes a table append-only at the database level: UPDATE and DELETE raise an error. */
export async function forbidUpdatesAndDeletes(db: Kysely<any>, dialect: Dialect, table: string): Promise<void> {
  const message = `${table} is append-only`;
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create or replace function ${table}_append_only() returns trigger language plpgsql as $$
         begin raise exception '${message}'; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_update_delete before update or delete on ${table}
         for each row execute function ${table}_append_only()`,
      )
      .execute(db);
    return;
  }
  for (const op of ['update', 'delete']) {
    await sql
      .raw(
        `create trigger ${table}_no_${op} before ${op} on ${table}
         begin select raise(abort, '${message}'); end`,
      )
      .execute(db);
  }
}
