import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { OrgUnit } from '../../db/schema.ts';
import { containsText, escapeLike } from '../../db/sql.ts';

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
  manager: { id: string; username: string; displayName: string; title: string | null } | null;
  /** From the municipality down to the person's own unit. */
  unitPath: Array<Pick<OrgUnit, 'id' | 'name' | 'kind'>>;
}

/** The chain of units from the root down to `unitId` (recursive CTE, portable). */
export async function unitPath(
  database: Database,
  unitId: number,
): Promise<Array<Pick<OrgUnit, 'id' | 'name' | 'kind'>>> {
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

/** A person by id (any, e.g. the signed-in user) or by user name (active people only, as profiles are shown). */
export async function profile(database: Database, key: string, by: 'id' | 'username' = 'id'): Promise<Profile | null> {
  let query = database.db
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
      'manager.username as manager_username',
      'manager.display_name as manager_name',
      'manager.title as manager_title',
    ]);
  query =
    by === 'id'
      ? query.where('users.id', '=', key)
      : query.where('users.username', '=', key).where('users.is_active', '=', 1);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const path = row.org_unit_id ? await unitPath(database, row.org_unit_id) : [];
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    unitId: row.org_unit_id,
    unitName: row.unit_name,
    manager: row.manager_id
      ? {
          id: row.manager_id,
          username: row.manager_username!,
          displayName: row.manager_name!,
          title: row.manager_title,
        }
      : null,
    unitPath: path,
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

// ---------------------------------------------------------------------------------------------
// The people directory, colleagues, direct reports and the org chart. The directory reads the
// people module's `profiles` (photo) and `user_skills` (the skill filter) tables in SQL; the
// profile page with about me and skills is composed in people (`profileDetails`).

/** A person in the directory: the summary plus the photo (null shows the initials avatar). */
export interface DirectoryPerson extends PersonSummary {
  photoSha: string | null;
}

export interface DirectoryFilters {
  /** Words that must each occur in the name, title, user name or unit name. */
  text?: string;
  /** A unit; people in its sub-units count too. */
  unitId?: number | null;
  /** "Who knows about …": a skill, matched from the start of any of its words. */
  skill?: string;
}

/** Keyset position: the last row's display name and id. */
export interface DirectoryCursor {
  name: string;
  id: string;
}

/** Up to five words of search text. */
function words(text: string | undefined): string[] {
  return (text ?? '')
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 5);
}

/** The unit and every unit under it (recursive CTE, portable). */
export async function subUnitIds(database: Database, unitId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive tree(id, depth) as (
      select id, 0 from org_units where id = ${unitId}
      union all
      select u.id, tree.depth + 1 from org_units u join tree on u.parent_id = tree.id where tree.depth < 20
    )
    select id from tree`.execute(database.db);
  return rows.rows.map((r) => Number(r.id));
}

async function directoryQuery(database: Database, f: DirectoryFilters) {
  const unitIds = f.unitId ? await subUnitIds(database, f.unitId) : null;
  const skill = (f.skill ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
  const escaped = escapeLike(skill);
  let q = database.db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .where('users.is_active', '=', 1);
  for (const word of words(f.text)) {
    q = q.where((eb) =>
      eb.or([
        containsText('users.display_name', word),
        containsText('users.title', word),
        containsText('users.username', word),
        containsText('org_units.name', word),
      ]),
    );
  }
  if (unitIds) q = q.where('users.org_unit_id', 'in', unitIds.length ? unitIds : [-1]);
  if (skill) {
    // From the start of the skill or of any word in it: "GIS" finds "GIS" and "GIS-analyse",
    // not "logistik"; "byggesag" finds "byggesagsbehandling".
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_skills')
          .select('user_skills.user_id')
          .whereRef('user_skills.user_id', '=', 'users.id')
          .where((s) =>
            s.or([
              s('user_skills.skill_key', 'like', sql<string>`${`${escaped}%`} escape '\\'`),
              s('user_skills.skill_key', 'like', sql<string>`${`% ${escaped}%`} escape '\\'`),
              s('user_skills.skill_key', 'like', sql<string>`${`%-${escaped}%`} escape '\\'`),
              s('user_skills.skill_key', 'like', sql<string>`${`%/${escaped}%`} escape '\\'`),
            ]),
          ),
      ),
    );
  }
  return q;
}

/**
 * The people directory: active employees matching the filters, by name, paged by keyset on
 * (display_name, id) so that every page costs the same (index `users_directory`).
 */
export async function searchDirectory(
  database: Database,
  f: DirectoryFilters & { after?: DirectoryCursor | null; limit?: number },
): Promise<{ items: DirectoryPerson[]; next: DirectoryCursor | null }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  let q = (await directoryQuery(database, f)).select([
    'users.id',
    'users.username',
    'users.display_name',
    'users.title',
    'users.email',
    'users.phone',
    'users.org_unit_id',
    'org_units.name as unit_name',
    'profiles.photo_sha256',
  ]);
  if (f.after) {
    const { name, id } = f.after;
    // A row-value comparison, so both databases seek in the (display_name, id) index.
    q = q.where((eb) => eb(eb.refTuple('users.display_name', 'users.id'), '>', eb.tuple(name, id)));
  }
  const rows = await q
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  const items = rows.map(toDirectoryPerson);
  const last = items[items.length - 1];
  return { items, next: more && last ? { name: last.displayName, id: last.id } : null };
}

/** How many active employees match the filters. */
export async function countDirectory(database: Database, f: DirectoryFilters): Promise<number> {
  const row = await (
    await directoryQuery(database, f)
  )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function toDirectoryPerson(r: {
  id: string;
  username: string;
  display_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  org_unit_id: number | null;
  unit_name: string | null;
  photo_sha256: string | null;
}): DirectoryPerson {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    unitId: r.org_unit_id,
    unitName: r.unit_name,
    photoSha: r.photo_sha256,
  };
}

function personColumns() {
  return [
    'users.id',
    'users.username',
    'users.display_name',
    'users.title',
    'users.email',
    'users.phone',
    'users.org_unit_id',
    'org_units.name as unit_name',
    'profiles.photo_sha256',
  ] as const;
}

/** Active people in the same unit as the user (not the user), by name. */
export async function colleagues(database: Database, userId: string, limit = 50): Promise<DirectoryPerson[]> {
  const me = await database.db.selectFrom('users').select('org_unit_id').where('id', '=', userId).executeTakeFirst();
  if (!me?.org_unit_id) return [];
  const rows = await database.db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(personColumns())
    .where('users.org_unit_id', '=', me.org_unit_id)
    .where('users.id', '<>', userId)
    .where('users.is_active', '=', 1)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(limit)
    .execute();
  return rows.map(toDirectoryPerson);
}

/** The active people who have `userId` as their manager, by name. */
export async function directReports(database: Database, userId: string, limit = 200): Promise<DirectoryPerson[]> {
  const rows = await database.db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(personColumns())
    .where('users.manager_id', '=', userId)
    .where('users.is_active', '=', 1)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(limit)
    .execute();
  return rows.map(toDirectoryPerson);
}

/** A unit's leader as the chart shows them. */
export interface OrgLeader {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  photoSha: string | null;
}

export interface OrgNode {
  id: number;
  name: string;
  shortName: string | null;
  kind: OrgUnit['kind'];
  parentId: number | null;
  /** Active people placed directly in this unit. */
  directCount: number;
  /** Active people in this unit and every unit under it. */
  totalCount: number;
  /** The first of the unit's named leaders; else the member with the most direct reports (none when nobody in the unit manages anyone). */
  leader: OrgLeader | null;
  /** Sub-units, down to the depth asked for; `hasMore` says there are deeper ones. */
  children: OrgNode[];
  hasMore: boolean;
}

export interface OrgChart {
  focus: OrgNode;
  /** From the municipality down to the focused unit. */
  path: Array<Pick<OrgUnit, 'id' | 'name' | 'kind'>>;
  /** The people placed directly in the focused unit, by name. */
  people: DirectoryPerson[];
}

/**
 * The organisation as a tree for the org chart: the focused unit (the municipality when none is
 * given) with its sub-units `depth` levels down, head counts (direct and with every sub-unit)
 * and leaders, and the people of the focused unit. Two grouped queries cover every unit, so the
 * cost does not grow with the number of people outside the focused unit.
 */
export async function orgChart(
  database: Database,
  opts: { unitId?: number | null; depth?: number } = {},
): Promise<OrgChart | null> {
  const depth = opts.depth ?? 2;
  const [units, counts, reportCounts] = await Promise.all([
    database.db.selectFrom('org_units').selectAll().orderBy('sort_order').orderBy('name').execute(),
    database.db
      .selectFrom('users')
      .select((eb) => ['org_unit_id', eb.fn.countAll<number>().as('n')])
      .where('is_active', '=', 1)
      .where('org_unit_id', 'is not', null)
      .groupBy('org_unit_id')
      .execute(),
    // Reports per manager from the manager_id index alone; the few managers' rows come after.
    // (Grouping a self-join of users instead costs several times as much at 6,000 employees.)
    database.db
      .selectFrom('users')
      .select((eb) => ['manager_id', eb.fn.countAll<number>().as('n')])
      .where('is_active', '=', 1)
      .where('manager_id', 'is not', null)
      .groupBy('manager_id')
      .execute(),
  ]);
  const reportsOf = new Map(reportCounts.map((r) => [String(r.manager_id), Number(r.n)]));
  const managerRows = reportsOf.size
    ? await database.db
        .selectFrom('users as m')
        .leftJoin('profiles', 'profiles.user_id', 'm.id')
        .select(['m.id', 'm.username', 'm.display_name', 'm.title', 'm.org_unit_id', 'profiles.photo_sha256'])
        .where('m.id', 'in', [...reportsOf.keys()])
        .where('m.is_active', '=', 1)
        .execute()
    : [];
  const managers = managerRows.map((m) => ({ ...m, reports: reportsOf.get(m.id) ?? 0 }));
  const direct = new Map(counts.map((c) => [Number(c.org_unit_id), Number(c.n)]));
  const leaders = new Map<number, OrgLeader & { reports: number }>();
  for (const m of managers) {
    if (m.org_unit_id == null) continue;
    const reports = Number(m.reports);
    const current = leaders.get(m.org_unit_id);
    if (
      !current ||
      reports > current.reports ||
      (reports === current.reports && m.display_name < current.displayName)
    ) {
      leaders.set(m.org_unit_id, {
        id: m.id,
        username: m.username,
        displayName: m.display_name,
        title: m.title,
        photoSha: m.photo_sha256,
        reports,
      });
    }
  }
  // Named leaders (org_unit_leaders) come first: the first active one in the unit's order is the
  // one the chart shows; a unit where nobody is named keeps the member with the most reports.
  const named = await database.db
    .selectFrom('org_unit_leaders as l')
    .innerJoin('users as m', 'm.id', 'l.user_id')
    .leftJoin('profiles', 'profiles.user_id', 'm.id')
    .select(['l.unit_id', 'm.id', 'm.username', 'm.display_name', 'm.title', 'profiles.photo_sha256'])
    .where('m.is_active', '=', 1)
    .orderBy('l.unit_id')
    .orderBy('l.sort_order', 'desc')
    .orderBy('m.display_name', 'desc')
    .execute();
  // Descending, so the last write per unit is the first in its order.
  for (const m of named)
    leaders.set(Number(m.unit_id), {
      id: m.id,
      username: m.username,
      displayName: m.display_name,
      title: m.title,
      photoSha: m.photo_sha256,
      reports: 0,
    });
  const children = new Map<number | null, OrgUnit[]>();
  for (const u of units) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  const total = new Map<number, number>();
  const sum = (id: number, guard = 0): number => {
    const known = total.get(id);
    if (known !== undefined) return known;
    let n = direct.get(id) ?? 0;
    if (guard < 50) for (const c of children.get(id) ?? []) n += sum(c.id, guard + 1);
    total.set(id, n);
    return n;
  };
  const build = (u: OrgUnit, level: number): OrgNode => {
    const kids = children.get(u.id) ?? [];
    const leader = leaders.get(u.id);
    return {
      id: u.id,
      name: u.name,
      shortName: u.short_name,
      kind: u.kind,
      parentId: u.parent_id,
      directCount: direct.get(u.id) ?? 0,
      totalCount: sum(u.id),
      leader: leader
        ? {
            id: leader.id,
            username: leader.username,
            displayName: leader.displayName,
            title: leader.title,
            photoSha: leader.photoSha,
          }
        : null,
      children: level < depth ? kids.map((k) => build(k, level + 1)) : [],
      hasMore: level >= depth && kids.length > 0,
    };
  };
  const focusUnit = opts.unitId != null ? units.find((u) => u.id === opts.unitId) : (children.get(null) ?? [])[0];
  if (!focusUnit) return null;
  const [path, people] = await Promise.all([
    unitPath(database, focusUnit.id),
    database.db
      .selectFrom('users')
      .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .leftJoin('profiles', 'profiles.user_id', 'users.id')
      .select(personColumns())
      .where('users.org_unit_id', '=', focusUnit.id)
      .where('users.is_active', '=', 1)
      .orderBy('users.display_name')
      .orderBy('users.id')
      .execute(),
  ]);
  return { focus: build(focusUnit, 0), path, people: people.map(toDirectoryPerson) };
}

/** The unit an active person sits in, by user name (for highlighting them in the chart). */
export async function personPlacement(
  database: Database,
  username: string,
): Promise<{ id: string; username: string; displayName: string; unitId: number | null; unitPath: number[] } | null> {
  const row = await database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'org_unit_id'])
    .where('username', '=', username)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  const path = row.org_unit_id ? await unitPath(database, row.org_unit_id) : [];
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.org_unit_id,
    unitPath: path.map((u) => u.id),
  };
}

/** One active person as the directory shows them, by id. */
export async function directoryPerson(database: Database, userId: string): Promise<DirectoryPerson | null> {
  const row = await database.db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(personColumns())
    .where('users.id', '=', userId)
    .where('users.is_active', '=', 1)
    .executeTakeFirst();
  return row ? toDirectoryPerson(row) : null;
}
