import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { OrgUnit } from '../../db/schema.ts';
import { containsText } from '../../db/sql.ts';

/**
 * The organisation: units in a tree (municipality → directorates → units) and the people in
 * them. Other modules read the organisation through this service only.
 */

export interface PersonSummary {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  unitId: number | null;
  unitName: string | null;
}

export interface Profile extends PersonSummary {
  manager: { id: string; displayName: string; title: string | null } | null;
  /** From the municipality down to the person's own unit. */
  unitPath: Array<Pick<OrgUnit, 'id' | 'name' | 'kind'>>;
  roles: string[];
}

/** The chain of units from the root down to `unitId` (recursive CTE, portable). */
export async function unitPath(database: Database, unitId: number): Promise<Array<Pick<OrgUnit, 'id' | 'name' | 'kind'>>> {
  const rows = await sql<{ id: number; name: string; kind: OrgUnit['kind']; parent_id: number | null; depth: number }>`
    with recursive chain(id, name, kind, parent_id, depth) as (
      select id, name, kind, parent_id, 0 from org_units where id = ${unitId}
      union all
      select u.id, u.name, u.kind, u.parent_id, chain.depth + 1
      from org_units u join chain on u.id = chain.parent_id
      where chain.depth < 20
    )
    select id, name, kind, parent_id, depth from chain order by depth desc`.execute(database.db);
  return rows.rows.map(({ id, name, kind }) => ({ id, name, kind }));
}

export async function profile(database: Database, userId: string): Promise<Profile | null> {
  const row = await database.db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .leftJoin('users as manager', 'manager.id', 'users.manager_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.title',
      'users.email',
      'users.phone',
      'users.org_unit_id',
      'org_units.name as unit_name',
      'manager.id as manager_id',
      'manager.display_name as manager_name',
      'manager.title as manager_title',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  const [path, roles] = await Promise.all([
    row.org_unit_id ? unitPath(database, row.org_unit_id) : Promise.resolve([]),
    database.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute(),
  ]);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    unitId: row.org_unit_id,
    unitName: row.unit_name,
    manager: row.manager_id ? { id: row.manager_id, displayName: row.manager_name!, title: row.manager_title } : null,
    unitPath: path,
    roles: roles.map((r) => r.role),
  };
}

/** People whose name, title, user name or unit contains the text; active accounts only. */
export async function searchPeople(database: Database, text: string, limit = 20): Promise<PersonSummary[]> {
  const q = text.trim();
  if (!q) return [];
  const rows = await database.db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.title',
      'users.email',
      'users.phone',
      'users.org_unit_id',
      'org_units.name as unit_name',
    ])
    .where('users.is_active', '=', 1)
    .where((eb) =>
      eb.or([
        containsText('users.display_name', q),
        containsText('users.title', q),
        containsText('users.username', q),
        containsText('org_units.name', q),
      ]),
    )
    .orderBy('users.display_name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    unitId: r.org_unit_id,
    unitName: r.unit_name,
  }));
}

/** Units whose name contains the text. */
export async function searchUnits(database: Database, text: string, limit = 10): Promise<OrgUnit[]> {
  const q = text.trim();
  if (!q) return [];
  return database.db
    .selectFrom('org_units')
    .selectAll()
    .where((eb) => eb.or([containsText('name', q), containsText('short_name', q)]))
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** Every unit, in tree order (parents before children), with its depth. */
export async function unitTree(database: Database): Promise<Array<OrgUnit & { depth: number }>> {
  const all = await database.db.selectFrom('org_units').selectAll().orderBy('sort_order').orderBy('name').execute();
  const children = new Map<number | null, OrgUnit[]>();
  for (const u of all) {
    const list = children.get(u.parent_id) ?? [];
    list.push(u);
    children.set(u.parent_id, list);
  }
  const out: Array<OrgUnit & { depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
