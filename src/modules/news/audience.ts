import type { Database } from '../../db/index.ts';
import { unitPath, unitTree } from '../org/index.ts';

/**
 * Targeting. A news item's audience is a set of org units; none means everyone. A unit covers
 * every unit below it, so an item for a directorate reaches everyone in its units (and the
 * directorate's own staff). Targeting decides what is pushed to whom (the front page, must-read
 * receipts and reminders), never who may read: every published item is readable and searchable
 * by everyone.
 */

/** The user's own unit and every unit above it: an item for any of them is for the user. */
export async function unitsAbove(database: Database, unitId: number | null): Promise<number[]> {
  if (unitId == null) return [];
  return (await unitPath(database, unitId)).map((u) => u.id);
}

/** The given units and every unit below them. */
export function unitsCovered(
  tree: ReadonlyArray<{ id: number; parent_id: number | null }>,
  roots: readonly number[],
): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of tree) {
    if (u.parent_id == null) continue;
    const list = children.get(u.parent_id) ?? [];
    list.push(u.id);
    children.set(u.parent_id, list);
  }
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export interface AudienceUnit {
  id: number;
  name: string;
}

/** The audience of each item (empty = everyone), in the unit tree's order. */
export async function audiencesOf(
  database: Database,
  newsIds: readonly number[],
): Promise<Map<number, AudienceUnit[]>> {
  const out = new Map<number, AudienceUnit[]>();
  if (!newsIds.length) return out;
  const rows = await database.db
    .selectFrom('news_audience')
    .innerJoin('org_units', 'org_units.id', 'news_audience.unit_id')
    .select(['news_audience.news_id', 'org_units.id', 'org_units.name'])
    .where('news_audience.news_id', 'in', [...new Set(newsIds)])
    .orderBy('org_units.sort_order')
    .orderBy('org_units.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.news_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.news_id, list);
  }
  return out;
}

export interface TargetedUser {
  id: string;
  displayName: string;
  unitId: number | null;
}

/** The active users an item is for: everyone, or the members of the audience's units and the units below them. */
export async function targetedUsers(database: Database, newsId: number): Promise<TargetedUser[]> {
  const audience = await database.db
    .selectFrom('news_audience')
    .select('unit_id')
    .where('news_id', '=', newsId)
    .execute();
  let query = database.db.selectFrom('users').select(['id', 'display_name', 'org_unit_id']).where('is_active', '=', 1);
  if (audience.length) {
    const covered = unitsCovered(
      await unitTree(database),
      audience.map((a) => a.unit_id),
    );
    query = query.where('org_unit_id', 'in', [...covered]);
  }
  const rows = await query.orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.org_unit_id }));
}

/** Whether an item (by its audience) is for a user whose units-above are `above`. */
export function isFor(audience: readonly AudienceUnit[], above: readonly number[]): boolean {
  return audience.length === 0 || audience.some((a) => above.includes(a.id));
}
