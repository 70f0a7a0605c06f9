import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { lockKey, nowIso, writeTransaction, type Database } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * A unit's leaders. The people named in `org_unit_leaders` (in their order) are the leaders
 * everywhere: who sees and manages the unit's cases (cases/access.ts) and who the org chart
 * shows. A unit where nobody active is named keeps the rule from before the table existed: its
 * leaders are the active people placed in it whom another active person there reports to
 * (users.manager_id). Inactive people named stay in the table (an admin sees and removes them)
 * but lead nothing.
 */

export interface LeaderPerson {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  isActive: boolean;
}

/** The ids of the unit's leaders: the named ones (in order), else today's rule. */
export async function unitLeaders(database: Database, unitId: number): Promise<string[]> {
  const named = await database.db
    .selectFrom('org_unit_leaders as l')
    .innerJoin('users', 'users.id', 'l.user_id')
    .select('users.id')
    .where('l.unit_id', '=', unitId)
    .where('users.is_active', '=', 1)
    .orderBy('l.sort_order')
    .orderBy('users.display_name')
    .execute();
  if (named.length) return named.map((r) => r.id);
  return fallbackLeaderIds(database, unitId);
}

/** The rule before named leaders: active people of the unit whom another active person there reports to. */
async function fallbackLeaderIds(database: Database, unitId: number): Promise<string[]> {
  const rows = await database.db
    .selectFrom('users as staff')
    .innerJoin('users as leader', 'leader.id', 'staff.manager_id')
    .select('leader.id')
    .distinct()
    .where('staff.org_unit_id', '=', unitId)
    .where('staff.is_active', '=', 1)
    .where('leader.org_unit_id', '=', unitId)
    .where('leader.is_active', '=', 1)
    .execute();
  return rows.map((r) => r.id).sort();
}

export interface UnitLeadership {
  /** Everyone named, in order (inactive ones too, marked). */
  named: LeaderPerson[];
  /** Who leads: the active named ones, else the people today's rule finds. */
  effective: LeaderPerson[];
  /** Whether `effective` comes from the named list. */
  fromNamed: boolean;
}

/**
 * Every unit's leaders in three grouped queries (named leaders, the fallback pairs, nothing per
 * unit), for the admin tree and the org chart.
 */
export async function leadershipByUnit(database: Database): Promise<Map<number, UnitLeadership>> {
  const [named, fallback] = await Promise.all([
    database.db
      .selectFrom('org_unit_leaders as l')
      .innerJoin('users', 'users.id', 'l.user_id')
      .select(['l.unit_id', 'users.id', 'users.username', 'users.display_name', 'users.title', 'users.is_active'])
      .orderBy('l.unit_id')
      .orderBy('l.sort_order')
      .orderBy('users.display_name')
      .execute(),
    database.db
      .selectFrom('users as staff')
      .innerJoin('users as leader', 'leader.id', 'staff.manager_id')
      .select([
        'leader.org_unit_id as unit_id',
        'leader.id',
        'leader.username',
        'leader.display_name',
        'leader.title',
        'leader.is_active',
      ])
      .distinct()
      .where('staff.is_active', '=', 1)
      .where('leader.is_active', '=', 1)
      .whereRef('staff.org_unit_id', '=', 'leader.org_unit_id')
      .orderBy('leader.display_name')
      .execute(),
  ]);
  const out = new Map<number, UnitLeadership>();
  const entry = (unitId: number) => {
    let e = out.get(unitId);
    if (!e) {
      e = { named: [], effective: [], fromNamed: false };
      out.set(unitId, e);
    }
    return e;
  };
  for (const r of named) entry(Number(r.unit_id)).named.push(person(r));
  for (const e of out.values()) {
    e.effective = e.named.filter((p) => p.isActive);
    e.fromNamed = e.effective.length > 0;
  }
  for (const r of fallback) {
    if (r.unit_id == null) continue;
    const e = entry(Number(r.unit_id));
    if (!e.fromNamed) e.effective.push(person(r));
  }
  return out;
}

function person(r: { id: string; username: string; display_name: string; title: string | null; is_active: number }) {
  return { id: r.id, username: r.username, displayName: r.display_name, title: r.title, isActive: r.is_active === 1 };
}

/** One unit's leadership (the admin page of the unit). */
export async function unitLeadership(database: Database, unitId: number): Promise<UnitLeadership> {
  const [named, fallbackIds] = await Promise.all([
    database.db
      .selectFrom('org_unit_leaders as l')
      .innerJoin('users', 'users.id', 'l.user_id')
      .select(['users.id', 'users.username', 'users.display_name', 'users.title', 'users.is_active'])
      .where('l.unit_id', '=', unitId)
      .orderBy('l.sort_order')
      .orderBy('users.display_name')
      .execute(),
    fallbackLeaderIds(database, unitId),
  ]);
  const namedPeople = named.map(person);
  const active = namedPeople.filter((p) => p.isActive);
  if (active.length) return { named: namedPeople, effective: active, fromNamed: true };
  const fallback = fallbackIds.length
    ? await database.db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'title', 'is_active'])
        .where('id', 'in', fallbackIds)
        .orderBy('display_name')
        .execute()
    : [];
  return { named: namedPeople, effective: fallback.map(person), fromNamed: false };
}

export type LeaderResult = { ok: true } | { ok: false; error: MessageKey };

interface Opts {
  ip?: string | null;
}

async function orderedLeaders(tx: Database, unitId: number): Promise<string[]> {
  const rows = await tx.db
    .selectFrom('org_unit_leaders')
    .select(['user_id'])
    .where('unit_id', '=', unitId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Writes the order 0..n-1 (the table's sort_order) for the given list. */
async function writeOrder(tx: Database, unitId: number, ids: readonly string[]): Promise<void> {
  for (const [i, userId] of ids.entries())
    await tx.db
      .updateTable('org_unit_leaders')
      .set({ sort_order: i })
      .where('unit_id', '=', unitId)
      .where('user_id', '=', userId)
      .execute();
}

/** Names an active person as one of the unit's leaders (last in the order). */
export async function addLeader(
  database: Database,
  unitId: number,
  userId: string,
  actor: AuditActor,
  opts: Opts = {},
): Promise<LeaderResult> {
  const [unit, user] = await Promise.all([
    database.db.selectFrom('org_units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst(),
    database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', '=', userId)
      .where('is_active', '=', 1)
      .executeTakeFirst(),
  ]);
  if (!unit) return { ok: false, error: 'orgAdmin.error.unitMissing' };
  if (!user) return { ok: false, error: 'orgAdmin.leaders.error.person' };
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `org_unit_leaders:${unitId}`);
    const before = await orderedLeaders(tx, unitId);
    if (before.includes(userId)) return { ok: false as const, error: 'orgAdmin.leaders.error.already' as const };
    await tx.db
      .insertInto('org_unit_leaders')
      .values({ unit_id: unitId, user_id: userId, sort_order: before.length, created_at: nowIso() })
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'org.leader.add',
      entityType: 'org_unit',
      entityId: unitId,
      summary: `Named ${user.display_name} a leader of ${unit.name}`,
      details: { unit: unit.name, name: user.display_name, userId, before, after: [...before, userId] },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** Removes a person from the unit's named leaders. */
export async function removeLeader(
  database: Database,
  unitId: number,
  userId: string,
  actor: AuditActor,
  opts: Opts = {},
): Promise<LeaderResult> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `org_unit_leaders:${unitId}`);
    const unit = await tx.db.selectFrom('org_units').select(['name']).where('id', '=', unitId).executeTakeFirst();
    const before = await orderedLeaders(tx, unitId);
    if (!unit || !before.includes(userId))
      return { ok: false as const, error: 'orgAdmin.leaders.error.notNamed' as const };
    const user = await tx.db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
    await tx.db.deleteFrom('org_unit_leaders').where('unit_id', '=', unitId).where('user_id', '=', userId).execute();
    const after = before.filter((id) => id !== userId);
    await writeOrder(tx, unitId, after);
    await appendAudit(tx, {
      actor,
      action: 'org.leader.remove',
      entityType: 'org_unit',
      entityId: unitId,
      summary: `Removed ${user?.display_name ?? userId} from the leaders of ${unit.name}`,
      details: { unit: unit.name, name: user?.display_name ?? userId, userId, before, after },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** Moves a named leader one place up or down in the unit's order. */
export async function moveLeader(
  database: Database,
  unitId: number,
  userId: string,
  direction: 'up' | 'down',
  actor: AuditActor,
  opts: Opts = {},
): Promise<LeaderResult> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `org_unit_leaders:${unitId}`);
    const unit = await tx.db.selectFrom('org_units').select(['name']).where('id', '=', unitId).executeTakeFirst();
    const before = await orderedLeaders(tx, unitId);
    const at = before.indexOf(userId);
    if (!unit || at < 0) return { ok: false as const, error: 'orgAdmin.leaders.error.notNamed' as const };
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= before.length) return { ok: true as const };
    const after = [...before];
    [after[at], after[to]] = [after[to]!, after[at]!];
    await writeOrder(tx, unitId, after);
    await appendAudit(tx, {
      actor,
      action: 'org.leader.reorder',
      entityType: 'org_unit',
      entityId: unitId,
      summary: `Reordered the leaders of ${unit.name}`,
      details: { unit: unit.name, before, after },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}
