import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { containsText } from '../../db/sql.ts';
import { isRole, ROLES, type Role } from '../../policy/index.ts';
import { STALE_DAYS, type UserCursor, type UserFilters } from './filters.ts';

/**
 * The user list of the administration, built to stay fast at 10,000+ accounts on both databases:
 * every filter is a condition on `users` (or an indexed `in` sub-select on `user_roles` by role and
 * `user_identities` by user), the order is (display_name, id) read from the `users_display_name`
 * index, and paging is by keyset on that pair, so page 200 costs what page 1 costs. The count of
 * matches is one `count(*)` over the same conditions.
 */

export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  unitName: string | null;
  isActive: boolean;
  breakGlass: boolean;
  lastSignInAt: string | null;
  roles: Role[];
}

/** The unit and every unit under it (recursive CTE, portable; an org tree has hundreds of units, not more). */
async function unitAndBelow(database: Database, unitId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive tree(id, depth) as (
      select id, 0 from org_units where id = ${unitId}
      union all
      select u.id, tree.depth + 1 from org_units u join tree on u.parent_id = tree.id where tree.depth < 20
    )
    select id from tree`.execute(database.db);
  return rows.rows.map((r) => Number(r.id));
}

async function filtered(database: Database, f: UserFilters) {
  let query = database.db.selectFrom('users');
  const q = f.q.trim();
  if (q) {
    query = query.where((eb) =>
      eb.or([
        containsText('users.display_name', q),
        containsText('users.username', q),
        containsText('users.email', q),
        containsText('users.title', q),
      ]),
    );
  }
  if (f.role) {
    const role = f.role;
    query = query.where('users.id', 'in', (eb) =>
      eb.selectFrom('user_roles').select('user_roles.user_id').where('user_roles.role', '=', role),
    );
  }
  if (f.unitId) {
    const ids = f.subUnits ? await unitAndBelow(database, f.unitId) : [f.unitId];
    query = query.where('users.org_unit_id', 'in', ids.length ? ids : [-1]);
  }
  if (f.status) query = query.where('users.is_active', '=', f.status === 'active' ? 1 : 0);
  if (f.breakGlass) query = query.where('users.break_glass', '=', 1);
  switch (f.signIn) {
    case null:
      break;
    case 'local':
      query = query.where('users.password_hash', 'is not', null);
      break;
    case 'sso':
      query = query.where('users.id', 'in', (eb) => eb.selectFrom('user_identities').select('user_identities.user_id'));
      break;
    case 'never':
      query = query.where('users.last_sign_in_at', 'is', null);
      break;
    case 'stale': {
      const cutoff = new Date(new Date(nowIso()).getTime() - STALE_DAYS * 86400_000).toISOString();
      query = query.where((eb) =>
        eb.or([eb('users.last_sign_in_at', 'is', null), eb('users.last_sign_in_at', '<', cutoff)]),
      );
      break;
    }
  }
  return query;
}

/** One page of the users matching the filters, by name, and the cursor of the next page. */
export async function listUsers(
  database: Database,
  f: UserFilters,
  opts: { after?: UserCursor | null; limit?: number } = {},
): Promise<{ items: UserListItem[]; next: UserCursor | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  let query = (await filtered(database, f))
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.title',
      'users.is_active',
      'users.break_glass',
      'users.last_sign_in_at',
      'org_units.name as unit_name',
    ]);
  if (opts.after) {
    const { name, id } = opts.after;
    // A row-value comparison, so both databases seek in the (display_name, id) index.
    query = query.where((eb) => eb(eb.refTuple('users.display_name', 'users.id'), '>', eb.tuple(name, id)));
  }
  const rows = await query
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  const roles = rows.length
    ? await database.db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where(
          'user_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const byUser = new Map<string, Role[]>();
  for (const r of roles) if (isRole(r.role)) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role]);
  const items = rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    title: r.title,
    unitName: r.unit_name,
    isActive: !!r.is_active,
    breakGlass: !!r.break_glass,
    lastSignInAt: r.last_sign_in_at,
    roles: (byUser.get(r.id) ?? []).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
  }));
  const last = items[items.length - 1];
  return { items, next: more && last ? { name: last.displayName, id: last.id } : null };
}

/** How many users match the filters. */
export async function countUsers(database: Database, f: UserFilters): Promise<number> {
  const row = await (
    await filtered(database, f)
  )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
