import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { lockKey, nowIso, writeTransaction, type Database } from '../../db/index.ts';
import type { OrgUnit } from '../../db/schema.ts';
import { toId } from '../../db/sql.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { leadershipByUnit, type LeaderPerson, type UnitLeadership } from './leaders.ts';
import type { UnitMergeStep } from './merge-steps.ts';

/**
 * The organisation's admin (/admin/org, `org.manage`): the tree with head counts and leaders,
 * creating and editing units, moving one under another, merging one into another and deleting an
 * empty one. What other modules hang on a unit (cases, access grants, news audiences) is counted
 * and moved by the `UnitMergeStep`s they hand in through src/app.tsx; the organisation's own
 * parts (people, sub-units, leaders) are handled here.
 *
 * Sort order among siblings is the name (sort_order is kept as it is and read first, as the org
 * chart does; these pages do not change it).
 */

export type UnitKind = OrgUnit['kind'];

/**
 * The columns referring to a unit that the organisation handles itself in a merge (people,
 * sub-units, leaders); every other one must be covered by a `UnitMergeStep` (a test reads the schema).
 */
export const ORG_OWN_REFERENCES: readonly string[] = [
  'users.org_unit_id',
  'org_units.parent_id',
  'org_unit_leaders.unit_id',
];
export const UNIT_KINDS: readonly UnitKind[] = ['municipality', 'directorate', 'unit'];

export interface AdminUnit {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  name: string;
  shortName: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  depth: number;
  /** Active people placed in this unit. */
  directCount: number;
  /** Active people in this unit and every unit under it. */
  totalCount: number;
  leaders: LeaderPerson[];
  leadersNamed: boolean;
  children: AdminUnit[];
}

export interface AdminTree {
  roots: AdminUnit[];
  /** Every unit in tree order (parents first, siblings by sort order and name). */
  ordered: AdminUnit[];
  byId: Map<number, AdminUnit>;
}

/** The whole tree, with head counts and leaders, in four grouped queries (none per unit). */
export async function adminTree(database: Database): Promise<AdminTree> {
  const [units, counts, leadership] = await Promise.all([
    database.db.selectFrom('org_units').selectAll().orderBy('sort_order').orderBy('name').orderBy('id').execute(),
    database.db
      .selectFrom('users')
      .select((eb) => ['org_unit_id', eb.fn.countAll<number>().as('n')])
      .where('is_active', '=', 1)
      .where('org_unit_id', 'is not', null)
      .groupBy('org_unit_id')
      .execute(),
    leadershipByUnit(database),
  ]);
  return buildTree(units, new Map(counts.map((c) => [Number(c.org_unit_id), Number(c.n)])), leadership);
}

function buildTree(units: OrgUnit[], direct: Map<number, number>, leadership: Map<number, UnitLeadership>): AdminTree {
  const byId = new Map<number, AdminUnit>();
  for (const u of units) {
    const l = leadership.get(u.id);
    byId.set(u.id, {
      id: u.id,
      parentId: u.parent_id,
      kind: u.kind,
      name: u.name,
      shortName: u.short_name,
      email: u.email,
      phone: u.phone,
      externalId: u.external_id,
      depth: 0,
      directCount: direct.get(u.id) ?? 0,
      totalCount: 0,
      leaders: l?.effective ?? [],
      leadersNamed: l?.fromNamed ?? false,
      children: [],
    });
  }
  const roots: AdminUnit[] = [];
  for (const u of units) {
    const node = byId.get(u.id)!;
    const parent = u.parent_id != null ? byId.get(u.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const ordered: AdminUnit[] = [];
  const walk = (node: AdminUnit, depth: number): number => {
    node.depth = depth;
    ordered.push(node);
    let total = node.directCount;
    for (const c of node.children) total += walk(c, depth + 1);
    node.totalCount = total;
    return total;
  };
  for (const r of roots) walk(r, 0);
  return { roots, ordered, byId };
}

/** The unit and every unit under it, from a loaded tree. */
export function subtreeIds(tree: AdminTree, id: number): number[] {
  const out: number[] = [];
  const stack = [tree.byId.get(id)].filter((u): u is AdminUnit => !!u);
  while (stack.length) {
    const u = stack.pop()!;
    out.push(u.id);
    stack.push(...u.children);
  }
  return out;
}

/** The units from the root down to `id` (names for the pages). */
export function pathTo(tree: AdminTree, id: number): AdminUnit[] {
  const out: AdminUnit[] = [];
  for (let u = tree.byId.get(id); u && out.length < 50; u = u.parentId != null ? tree.byId.get(u.parentId) : undefined)
    out.unshift(u);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Create and edit

export interface UnitInput {
  name: string;
  shortName: string;
  kind: string;
  email: string;
  phone: string;
  /** Only when creating: the parent's id (empty for the municipality). */
  parentId: string;
}
export type UnitErrors = Partial<Record<keyof UnitInput, MessageKey>>;
export type UnitResult = { ok: true; id: number } | { ok: false; errors: UnitErrors } | { ok: false; missing: true };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{4,30}$/;

const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');

/** The checks shared by create and edit; `self` is the unit being edited. */
async function check(
  database: Database,
  input: UnitInput,
  parentId: number | null,
  self: OrgUnit | null,
): Promise<{ errors: UnitErrors; values: Omit<OrgUnit, 'id' | 'sort_order' | 'external_id' | 'created_at'> }> {
  const errors: UnitErrors = {};
  const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const shortName = input.shortName.trim();
  const email = input.email.trim();
  const phone = input.phone.trim();
  const kind = input.kind as UnitKind;
  if (!name) errors.name = 'orgAdmin.error.nameEmpty';
  else if (name.length > 120) errors.name = 'orgAdmin.error.nameLong';
  if (shortName.length > 20) errors.shortName = 'orgAdmin.error.shortLong';
  if (email && (email.length > 200 || !EMAIL.test(email))) errors.email = 'orgAdmin.error.email';
  if (phone && !PHONE.test(phone)) errors.phone = 'orgAdmin.error.phone';
  if (!UNIT_KINDS.includes(kind)) errors.kind = 'orgAdmin.error.kind';
  else if (kind === 'municipality' && parentId != null) errors.kind = 'orgAdmin.error.municipalityRoot';
  else if (kind !== 'municipality' && parentId == null) errors.kind = 'orgAdmin.error.rootMunicipality';
  if (!errors.kind && kind === 'municipality') {
    const other = await database.db
      .selectFrom('org_units')
      .select('id')
      .where('kind', '=', 'municipality')
      .$if(!!self, (q) => q.where('id', '<>', self!.id))
      .executeTakeFirst();
    if (other) errors.kind = 'orgAdmin.error.oneMunicipality';
  }
  if (name && !errors.name) {
    const siblings = await database.db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .$if(parentId == null, (q) => q.where('parent_id', 'is', null))
      .$if(parentId != null, (q) => q.where('parent_id', '=', parentId!))
      .execute();
    if (siblings.some((s) => s.id !== self?.id && fold(s.name) === fold(name)))
      errors.name = 'orgAdmin.error.nameTaken';
  }
  return {
    errors,
    values: {
      name,
      short_name: shortName || null,
      kind,
      email: email || null,
      phone: phone || null,
      parent_id: parentId,
    },
  };
}

export async function createUnit(
  database: Database,
  input: UnitInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<UnitResult> {
  let parentId: number | null = null;
  const errors: UnitErrors = {};
  if (input.parentId.trim()) {
    parentId = toId(input.parentId.trim());
    const parent = parentId
      ? await database.db.selectFrom('org_units').select('id').where('id', '=', parentId).executeTakeFirst()
      : null;
    if (!parent) errors.parentId = 'orgAdmin.error.parent';
  }
  const checked = await check(database, input, parentId, null);
  Object.assign(checked.errors, errors);
  if (Object.keys(checked.errors).length) return { ok: false, errors: checked.errors };
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, 'org_units');
    const { id } = await tx.db
      .insertInto('org_units')
      .values({ ...checked.values, sort_order: 0, external_id: null, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'org.unit.create',
      entityType: 'org_unit',
      entityId: id,
      summary: `Created the unit ${checked.values.name}`,
      details: { name: checked.values.name, after: checked.values },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id: Number(id) };
  });
}

/** Changes a unit's name, short name, kind, e-mail and phone (its place changes by a move). */
export async function updateUnit(
  database: Database,
  id: number,
  input: UnitInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<UnitResult> {
  const row = await database.db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return { ok: false, missing: true };
  const { errors, values } = await check(database, input, row.parent_id, row);
  if (Object.keys(errors).length) return { ok: false, errors };
  const before = { name: row.name, short_name: row.short_name, kind: row.kind, email: row.email, phone: row.phone };
  const after = {
    name: values.name,
    short_name: values.short_name,
    kind: values.kind,
    email: values.email,
    phone: values.phone,
  };
  if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true, id };
  await writeTransaction(database, async (tx) => {
    await tx.db.updateTable('org_units').set(after).where('id', '=', id).execute();
    await appendAudit(tx, {
      actor,
      action: 'org.unit.update',
      entityType: 'org_unit',
      entityId: id,
      summary: `Changed the unit ${values.name}`,
      details: { name: values.name, before, after },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, id };
}

// ---------------------------------------------------------------------------------------------
// What a unit holds (moves, merges, deletion)

export interface HeldItem {
  id: string;
  label: MessageKey;
  count: number;
}

/**
 * What is in the units given: people (active and inactive accounts placed there), sub-units
 * outside the list, and what each module's step counts. Leaders are not in it (they go with the unit).
 */
async function holdings(
  database: Database,
  unitIds: readonly number[],
  steps: readonly UnitMergeStep[],
  opts: { subUnitsOf?: number } = {},
): Promise<HeldItem[]> {
  const ids = unitIds.length ? [...unitIds] : [-1];
  const [people, subUnits, ...rest] = await Promise.all([
    database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_unit_id', 'in', ids)
      .executeTakeFirstOrThrow(),
    opts.subUnitsOf != null
      ? database.db
          .selectFrom('org_units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('parent_id', '=', opts.subUnitsOf)
          .executeTakeFirstOrThrow()
      : Promise.resolve({ n: 0 }),
    ...steps.map((s) => s.count(database, ids)),
  ]);
  return [
    { id: 'people', label: 'orgAdmin.held.people', count: Number(people.n) },
    ...(opts.subUnitsOf != null
      ? [{ id: 'subUnits', label: 'orgAdmin.held.subUnits' as MessageKey, count: Number(subUnits.n) }]
      : []),
    ...steps.map((s, i) => ({ id: s.id, label: s.label, count: Number(rest[i] ?? 0) })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Move

export type MoveError =
  | 'orgAdmin.move.error.root'
  | 'orgAdmin.move.error.self'
  | 'orgAdmin.move.error.descendant'
  | 'orgAdmin.move.error.same'
  | 'orgAdmin.move.error.target'
  | 'orgAdmin.move.error.nameTaken';

export interface MovePreview {
  unit: AdminUnit;
  from: AdminUnit | null;
  to: AdminUnit;
  /** Sub-units at every level under the unit. */
  subUnits: number;
  /** Active people in the unit and under it. */
  people: number;
  /** What the modules' steps count in the unit and under it. */
  held: HeldItem[];
  /** The new parent's leaders (they do not become leaders of the unit). */
  toLeaders: LeaderPerson[];
  /** The path of the new place, root first. */
  toPath: AdminUnit[];
}

/** Why `unitId` may not move under `toId`, if it may not. */
export function moveError(tree: AdminTree, unitId: number, toId: number): MoveError | null {
  const unit = tree.byId.get(unitId);
  const to = tree.byId.get(toId);
  if (!unit || !to) return 'orgAdmin.move.error.target';
  if (unit.parentId == null) return 'orgAdmin.move.error.root';
  if (unitId === toId) return 'orgAdmin.move.error.self';
  if (subtreeIds(tree, unitId).includes(toId)) return 'orgAdmin.move.error.descendant';
  if (unit.parentId === toId) return 'orgAdmin.move.error.same';
  if (to.children.some((c) => fold(c.name) === fold(unit.name))) return 'orgAdmin.move.error.nameTaken';
  return null;
}

/** The units `unitId` may move under, in tree order. */
export function moveTargets(tree: AdminTree, unitId: number): AdminUnit[] {
  return tree.ordered.filter((u) => moveError(tree, unitId, u.id) === null);
}

export async function movePreview(
  database: Database,
  tree: AdminTree,
  unitId: number,
  toId: number,
  steps: readonly UnitMergeStep[],
): Promise<MovePreview | null> {
  const unit = tree.byId.get(unitId);
  const to = tree.byId.get(toId);
  if (!unit || !to) return null;
  const ids = subtreeIds(tree, unitId);
  return {
    unit,
    from: unit.parentId != null ? (tree.byId.get(unit.parentId) ?? null) : null,
    to,
    subUnits: ids.length - 1,
    people: unit.totalCount,
    // People are counted above (active ones, as the tree does).
    held: (await holdings(database, ids, steps)).filter((h) => h.id !== 'people'),
    toLeaders: to.leaders,
    toPath: pathTo(tree, toId),
  };
}

/** Moves a unit (with everything under it and in it) under another unit. */
export async function moveUnit(
  database: Database,
  unitId: number,
  toId: number,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; error: MoveError }> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, 'org_units');
    // Checked again inside the transaction, on the tree as it is now.
    const tree = await adminTree(tx);
    const error = moveError(tree, unitId, toId);
    if (error) return { ok: false as const, error };
    const unit = tree.byId.get(unitId)!;
    const from = tree.byId.get(unit.parentId!)!;
    const to = tree.byId.get(toId)!;
    await tx.db.updateTable('org_units').set({ parent_id: toId }).where('id', '=', unitId).execute();
    await appendAudit(tx, {
      actor,
      action: 'org.unit.move',
      entityType: 'org_unit',
      entityId: unitId,
      summary: `Moved the unit ${unit.name} from ${from.name} to ${to.name}`,
      details: {
        name: unit.name,
        from: from.name,
        to: to.name,
        before: { parent_id: from.id },
        after: { parent_id: to.id },
        subUnits: subtreeIds(tree, unitId).length - 1,
        people: unit.totalCount,
      },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Merge

export type MergeError =
  | 'orgAdmin.merge.error.root'
  | 'orgAdmin.merge.error.self'
  | 'orgAdmin.merge.error.descendant'
  | 'orgAdmin.merge.error.target'
  | 'orgAdmin.merge.error.nameTaken';

export interface MergePreview {
  from: AdminUnit;
  into: AdminUnit;
  /** People, sub-units and every step's count, for A alone. */
  held: HeldItem[];
  /** A's leaders (named, else by today's rule), who may become B's. */
  fromLeaders: LeaderPerson[];
  intoLeaders: LeaderPerson[];
  /** Whether B's leaders are named (else they come from who reports to whom). */
  intoNamed: boolean;
  /** A's sub-units whose name B already has among its own (refused). */
  clashes: string[];
}

export function mergeError(tree: AdminTree, fromId: number, intoId: number): MergeError | null {
  const from = tree.byId.get(fromId);
  const into = tree.byId.get(intoId);
  if (!from || !into) return 'orgAdmin.merge.error.target';
  if (from.parentId == null) return 'orgAdmin.merge.error.root';
  if (fromId === intoId) return 'orgAdmin.merge.error.self';
  if (subtreeIds(tree, fromId).includes(intoId)) return 'orgAdmin.merge.error.descendant';
  if (mergeClashes(from, into).length) return 'orgAdmin.merge.error.nameTaken';
  return null;
}

function mergeClashes(from: AdminUnit, into: AdminUnit): string[] {
  const names = new Set(into.children.filter((c) => c.id !== from.id).map((c) => fold(c.name)));
  return from.children.filter((c) => names.has(fold(c.name))).map((c) => c.name);
}

/** The units `fromId` may merge into, in tree order. */
export function mergeTargets(tree: AdminTree, fromId: number): AdminUnit[] {
  return tree.ordered.filter((u) => mergeError(tree, fromId, u.id) === null);
}

export async function mergePreview(
  database: Database,
  tree: AdminTree,
  fromId: number,
  intoId: number,
  steps: readonly UnitMergeStep[],
): Promise<MergePreview | null> {
  const from = tree.byId.get(fromId);
  const into = tree.byId.get(intoId);
  if (!from || !into) return null;
  return {
    from,
    into,
    held: await holdings(database, [fromId], steps, { subUnitsOf: fromId }),
    fromLeaders: from.leaders,
    intoLeaders: into.leaders,
    intoNamed: into.leadersNamed,
    clashes: mergeClashes(from, into),
  };
}

/**
 * Merges unit A into unit B in one transaction: A's people, sub-units and what every step moves
 * go to B; A's named leaders become B's when `keepLeaders` (after B's own, without doubles);
 * then A's row is deleted. One audit entry records A (id, name, external id) and the counts. If
 * any step fails, nothing has moved.
 */
export async function mergeUnits(
  database: Database,
  fromId: number,
  intoId: number,
  steps: readonly UnitMergeStep[],
  keepLeaders: boolean,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; counts: Record<string, number> } | { ok: false; error: MergeError }> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, 'org_units');
    const tree = await adminTree(tx);
    const error = mergeError(tree, fromId, intoId);
    if (error) return { ok: false as const, error };
    const from = tree.byId.get(fromId)!;
    const into = tree.byId.get(intoId)!;
    const row = await tx.db.selectFrom('org_units').selectAll().where('id', '=', fromId).executeTakeFirstOrThrow();
    const counts: Record<string, number> = {};
    counts.people = Number(
      (
        await tx.db
          .updateTable('users')
          .set({ org_unit_id: intoId })
          .where('org_unit_id', '=', fromId)
          .executeTakeFirst()
      ).numUpdatedRows,
    );
    counts.subUnits = Number(
      (
        await tx.db
          .updateTable('org_units')
          .set({ parent_id: intoId })
          .where('parent_id', '=', fromId)
          .executeTakeFirst()
      ).numUpdatedRows,
    );
    for (const step of steps) counts[step.id] = await step.move(tx, fromId, intoId);
    // Leaders: with keepLeaders, A's leaders (named, else by today's rule) are named B's leaders
    // after B's own. When B's own are not named yet (today's rule), they are named first, so that
    // naming A's does not push them out. Without it, A's named leaders go with A's row.
    let leadersMoved = 0;
    if (keepLeaders && from.leaders.length) {
      const named = await tx.db
        .selectFrom('org_unit_leaders')
        .select(['user_id'])
        .where('unit_id', '=', intoId)
        .orderBy('sort_order')
        .execute();
      const list = named.length ? named.map((r) => r.user_id) : into.leaders.map((l) => l.id);
      const add = [...(named.length ? [] : list)];
      for (const l of from.leaders)
        if (!list.includes(l.id)) {
          add.push(l.id);
          list.push(l.id);
          leadersMoved++;
        }
      let order = named.length;
      for (const userId of add)
        await tx.db
          .insertInto('org_unit_leaders')
          .values({ unit_id: intoId, user_id: userId, sort_order: order++, created_at: nowIso() })
          .execute();
    }
    counts.leaders = leadersMoved;
    await tx.db.deleteFrom('org_unit_leaders').where('unit_id', '=', fromId).execute();
    await tx.db.deleteFrom('org_units').where('id', '=', fromId).execute();
    await appendAudit(tx, {
      actor,
      action: 'org.unit.merge',
      entityType: 'org_unit',
      entityId: intoId,
      summary: `Merged the unit ${from.name} (#${fromId}) into ${into.name}`,
      details: {
        name: from.name,
        into: into.name,
        merged: {
          id: fromId,
          name: row.name,
          short_name: row.short_name,
          kind: row.kind,
          external_id: row.external_id,
        },
        counts,
        keepLeaders,
      },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, counts };
  });
}

// ---------------------------------------------------------------------------------------------
// Delete

/** What keeps a unit from being deleted (everything with a count above zero). */
export async function deletionBlockers(
  database: Database,
  unitId: number,
  steps: readonly UnitMergeStep[],
): Promise<HeldItem[]> {
  return (await holdings(database, [unitId], steps, { subUnitsOf: unitId })).filter((h) => h.count > 0);
}

/** Deletes an empty unit (never the root); its named leaders go with it. */
export async function deleteUnit(
  database: Database,
  unitId: number,
  steps: readonly UnitMergeStep[],
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<
  { ok: true } | { ok: false; blockers: HeldItem[] } | { ok: false; root: true } | { ok: false; missing: true }
> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, 'org_units');
    const row = await tx.db.selectFrom('org_units').selectAll().where('id', '=', unitId).executeTakeFirst();
    if (!row) return { ok: false as const, missing: true as const };
    if (row.parent_id == null) return { ok: false as const, root: true as const };
    const blockers = await deletionBlockers(tx, unitId, steps);
    if (blockers.length) return { ok: false as const, blockers };
    const leaders = await tx.db
      .selectFrom('org_unit_leaders')
      .select('user_id')
      .where('unit_id', '=', unitId)
      .execute();
    await tx.db.deleteFrom('org_unit_leaders').where('unit_id', '=', unitId).execute();
    await tx.db.deleteFrom('org_units').where('id', '=', unitId).execute();
    await appendAudit(tx, {
      actor,
      action: 'org.unit.delete',
      entityType: 'org_unit',
      entityId: unitId,
      summary: `Deleted the unit ${row.name}`,
      details: {
        name: row.name,
        before: { ...row, leaders: leaders.map((l) => l.user_id) },
      },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** The unit's row for the edit form. */
export async function unitRow(database: Database, id: number): Promise<OrgUnit | null> {
  return (await database.db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
