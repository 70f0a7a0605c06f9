import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { UNIT_MERGE_STEPS } from '../../app.tsx';
import { ORG_OWN_REFERENCES } from './admin.ts';

/**
 * Every column with a foreign key to org_units must be moved by a merge: by the organisation
 * itself (people, sub-units, leaders) or by a `UnitMergeStep` that src/app.tsx hands in. A new
 * table that refers to units and is not covered fails here, so a merge can never leave rows
 * pointing at a deleted unit (or, for a cascading key, lose them silently).
 */
describe.each(DIALECTS)('unit merge steps cover the schema (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.cleanup());

  it('knows every column that refers to an organisational unit', async () => {
    const fks =
      dialect === 'postgres'
        ? (
            await sql<{ tbl: string; col: string; ref: string }>`
              select cl.relname as tbl, att.attname as col, ref.relname as ref
              from pg_constraint c
              join pg_class cl on cl.oid = c.conrelid
              join pg_class ref on ref.oid = c.confrelid
              join pg_attribute att on att.attrelid = c.conrelid and att.attnum = any(c.conkey)
              join pg_namespace ns on ns.oid = cl.relnamespace
              where c.contype = 'f' and ns.nspname = current_schema()`.execute(t.database.db)
          ).rows
        : (
            await sql<{ tbl: string; col: string; ref: string }>`
              select m.name as tbl, p."from" as col, p."table" as ref
              from sqlite_master m join pragma_foreign_key_list(m.name) p
              where m.type = 'table'`.execute(t.database.db)
          ).rows;
    const referring = fks
      .filter((f) => f.ref === 'org_units')
      .map((f) => `${f.tbl}.${f.col}`)
      .sort();
    const covered = [...ORG_OWN_REFERENCES, ...UNIT_MERGE_STEPS.flatMap((s) => s.covers)];
    expect(referring.filter((r) => !covered.includes(r))).toEqual([]);
    // And no step claims a column that is not there (a renamed column would otherwise slip by).
    expect(covered.filter((c) => !referring.includes(c))).toEqual([]);
    expect(referring.length).toBeGreaterThanOrEqual(6);
  });
});
