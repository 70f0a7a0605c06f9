import type { Database } from '../../db/index.ts';
import type { OrgUnit } from '../../db/schema.ts';
import { isRole, ROLES, type Role } from '../../policy/index.ts';
import { EMAIL_PATTERN, USERNAME_PATTERN } from '../users/index.ts';
import type { FormatId, LeaderRecord, PersonRecord, Records, RowError, UnitRecord } from './formats.ts';

/**
 * The plan of an import: what the files would change in the database as it is now. The same
 * function makes the preview and, inside the apply transaction, the plan that is compared with
 * the preview, so it must be deterministic: the same files and the same database give the same
 * JSON.
 *
 * References: a unit or person in the files is `u:<external id>` / `p:<external id>` (it may not
 * have a database id yet); one only in the database is `U:<id>` / `P:<id>`.
 *
 * Matching: by external id first; then, for a first import into a database made by hand, units
 * by name under the same parent and people by username (only rows without an external id yet),
 * and the external id is recorded.
 */

export type UnitKind = OrgUnit['kind'];

export type ChangeField =
  | 'externalId'
  | 'name'
  | 'shortName'
  | 'kind'
  | 'email'
  | 'phone'
  | 'parent'
  | 'username'
  | 'title'
  | 'unit'
  | 'manager'
  | 'active'
  | 'roles';

export interface Change {
  field: ChangeField;
  before: string | null;
  after: string | null;
}

export interface UnitColumns {
  name?: string;
  short_name?: string | null;
  kind?: UnitKind;
  email?: string | null;
  phone?: string | null;
  external_id?: string;
}

export interface PlannedUnit {
  ref: string;
  externalId: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  email: string | null;
  phone: string | null;
  parent: string | null;
  parentName: string | null;
  file: string;
  line: number;
}

export interface UnitUpdate {
  id: number;
  ref: string;
  name: string;
  set: UnitColumns;
  /** The new parent when moved. */
  parent?: string | null;
  changes: Change[];
  renamed: boolean;
  moved: boolean;
}

export interface PersonColumns {
  username?: string;
  display_name?: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  is_active?: number;
  external_id?: string;
}

export interface PlannedPerson {
  ref: string;
  externalId: string;
  username: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  unit: string | null;
  unitName: string | null;
  manager: string | null;
  managerName: string | null;
  roles: Role[];
  /** false: the account is made closed (Entra ID's accountEnabled False). */
  active: boolean;
  file: string;
  line: number;
}

export interface PersonUpdate {
  id: string;
  ref: string;
  username: string;
  name: string;
  set: PersonColumns;
  unit?: string | null;
  manager?: string | null;
  addRoles: Role[];
  changes: Change[];
  moved: boolean;
}

export interface PersonRef {
  id: string;
  username: string;
  name: string;
}

export interface LeaderChange {
  unit: string;
  unitName: string;
  person: string;
  personName: string;
}

export interface PlanCounts {
  unitsCreated: number;
  unitsRenamed: number;
  unitsMoved: number;
  unitsChanged: number;
  unitsUnchanged: number;
  peopleCreated: number;
  peopleChanged: number;
  peopleMoved: number;
  peopleDeactivated: number;
  peopleUnchanged: number;
  leadersAdded: number;
  leadersRemoved: number;
  errors: number;
}

export interface Plan {
  files: Array<{ name: string; format: FormatId; rows: number }>;
  errors: RowError[];
  units: { created: PlannedUnit[]; updated: UnitUpdate[]; unchanged: number };
  people: { created: PlannedPerson[]; updated: PersonUpdate[]; deactivated: PersonRef[]; unchanged: number };
  leaders: { added: LeaderChange[]; removed: LeaderChange[] };
  counts: PlanCounts;
}

export interface PlanOptions {
  deactivateMissing: boolean;
  /** The administrator importing (never deactivated); null on the command line. */
  actorId: string | null;
}

const MAX_NAME = 200;
const MAX_TEXT = 200;

const KINDS: Record<string, UnitKind> = {
  kommune: 'municipality',
  municipality: 'municipality',
  forvaltning: 'directorate',
  directorate: 'directorate',
  enhed: 'unit',
  afdeling: 'unit',
  unit: 'unit',
};

/** ja/nej as written in a spreadsheet; undefined when it is neither. */
function yesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'sand'].includes(v)) return true;
  if (['', 'nej', 'n', 'no', '0', 'false', 'falsk'].includes(v)) return false;
  return undefined;
}

const orNull = (s: string | undefined | null) => (s ? s : null);

interface DbUnit {
  id: number;
  parent_id: number | null;
  kind: UnitKind;
  name: string;
  short_name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
}

interface DbUser {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  org_unit_id: number | null;
  manager_id: string | null;
  is_active: number;
  external_id: string | null;
  break_glass: number;
}

async function snapshot(database: Database) {
  const [units, users, roles, leaders] = await Promise.all([
    database.db
      .selectFrom('org_units')
      .select(['id', 'parent_id', 'kind', 'name', 'short_name', 'email', 'phone', 'external_id'])
      .orderBy('id')
      .execute(),
    database.db
      .selectFrom('users')
      .select([
        'id',
        'username',
        'display_name',
        'email',
        'phone',
        'title',
        'org_unit_id',
        'manager_id',
        'is_active',
        'external_id',
        'break_glass',
      ])
      .orderBy('username')
      .execute(),
    database.db.selectFrom('user_roles').select(['user_id', 'role']).execute(),
    database.db
      .selectFrom('org_unit_leaders')
      .select(['unit_id', 'user_id'])
      .orderBy('unit_id')
      .orderBy('sort_order')
      .orderBy('user_id')
      .execute(),
  ]);
  return { units: units as DbUnit[], users: users as DbUser[], roles, leaders };
}

export async function buildPlan(
  database: Database,
  files: Plan['files'],
  records: Records,
  options: PlanOptions,
): Promise<Plan> {
  const db = await snapshot(database);
  const errors: RowError[] = [...records.errors];
  const err = (rec: { file: string; line: number }, code: RowError['code'], value?: string) =>
    errors.push(
      value === undefined ? { file: rec.file, line: rec.line, code } : { file: rec.file, line: rec.line, code, value },
    );

  // ---- Units ---------------------------------------------------------------------------------
  const dbUnitById = new Map(db.units.map((u) => [u.id, u]));
  const dbUnitByExt = new Map(db.units.filter((u) => u.external_id).map((u) => [u.external_id!, u]));
  const fileUnit = new Map<string, UnitRecord>();
  const badUnit = new Set<UnitRecord>();
  for (const rec of records.units) {
    const before = errors.length;
    if (!rec.externalId) err(rec, 'missingId');
    else if (fileUnit.has(rec.externalId)) err(rec, 'duplicateId', rec.externalId);
    if (!rec.name) err(rec, 'missingName');
    else if (rec.name.length > MAX_NAME) err(rec, 'tooLong', rec.name.slice(0, 40));
    if (rec.kind && !KINDS[rec.kind.toLowerCase()]) err(rec, 'invalidKind', rec.kind);
    if (rec.email && !EMAIL_PATTERN.test(rec.email)) err(rec, 'invalidEmail', rec.email);
    if ((rec.shortName?.length ?? 0) > MAX_TEXT || (rec.phone?.length ?? 0) > MAX_TEXT) err(rec, 'tooLong');
    if (rec.externalId && !fileUnit.has(rec.externalId)) fileUnit.set(rec.externalId, rec);
    if (errors.length > before) badUnit.add(rec);
  }
  const unitRecs = [...fileUnit.values()];
  // OS2mo: top units name the organisation (not a unit) as their parent. When all units whose
  // parent is unknown name the same one, that is the organisation: they are top units.
  const unknownParents = new Set(
    unitRecs
      .filter(
        (r) =>
          r.os2mo && r.parentExternalId && !fileUnit.has(r.parentExternalId) && !dbUnitByExt.has(r.parentExternalId),
      )
      .map((r) => r.parentExternalId),
  );
  const organisation = unknownParents.size === 1 ? [...unknownParents][0]! : null;
  const parentOf = (r: UnitRecord) => (r.parentExternalId === organisation ? '' : r.parentExternalId);
  for (const r of unitRecs) {
    const p = parentOf(r);
    if (p && !fileUnit.has(p) && !dbUnitByExt.has(p)) {
      err(r, 'unknownParent', p);
      badUnit.add(r);
    }
  }
  // Parents before children (Kahn); what is left is in a cycle within the file.
  const ordered: UnitRecord[] = [];
  {
    const placed = new Set<string>();
    let pending = unitRecs.slice();
    for (;;) {
      const ready = pending.filter((r) => {
        const p = parentOf(r);
        return !p || !fileUnit.has(p) || placed.has(p);
      });
      if (!ready.length) break;
      for (const r of ready) {
        placed.add(r.externalId);
        ordered.push(r);
      }
      pending = pending.filter((r) => !placed.has(r.externalId));
    }
    for (const r of pending) {
      err(r, 'cycle', r.externalId);
      badUnit.add(r);
    }
  }
  const matchedUnit = new Map<string, DbUnit>();
  const claimedUnit = new Set<number>();
  for (const r of ordered) {
    let match = dbUnitByExt.get(r.externalId);
    if (!match) {
      const p = parentOf(r);
      const parentId = !p ? null : fileUnit.has(p) ? (matchedUnit.get(p)?.id ?? undefined) : dbUnitByExt.get(p)?.id;
      if (parentId !== undefined)
        match = db.units.find(
          (u) => u.external_id === null && !claimedUnit.has(u.id) && u.parent_id === parentId && u.name === r.name,
        );
    }
    if (match) {
      matchedUnit.set(r.externalId, match);
      claimedUnit.add(match.id);
    }
  }
  const fileExtOfUnitId = new Map([...matchedUnit].map(([ext, u]) => [u.id, ext]));
  const unitRefOfDb = (id: number) => (fileExtOfUnitId.has(id) ? `u:${fileExtOfUnitId.get(id)}` : `U:${id}`);
  const unitRefOfExt = (ext: string): string | null =>
    fileUnit.has(ext) ? `u:${ext}` : dbUnitByExt.has(ext) ? unitRefOfDb(dbUnitByExt.get(ext)!.id) : null;
  /** A unit's name after the import, or (`before`) as it is now. */
  const unitName = (ref: string | null, before = false): string | null => {
    if (!ref) return null;
    if (ref.startsWith('u:'))
      return (before ? matchedUnit.get(ref.slice(2))?.name : undefined) ?? fileUnit.get(ref.slice(2))?.name ?? null;
    return dbUnitById.get(Number(ref.slice(2)))?.name ?? null;
  };
  const parentRef = (r: UnitRecord): string | null => {
    const p = parentOf(r);
    return p ? unitRefOfExt(p) : null;
  };
  // The tree after the import: no unit may become its own ancestor through units not in the file.
  {
    const parentAfter = new Map<string, string | null>();
    for (const u of db.units)
      parentAfter.set(unitRefOfDb(u.id), u.parent_id === null ? null : unitRefOfDb(u.parent_id));
    for (const r of ordered) parentAfter.set(`u:${r.externalId}`, parentRef(r));
    for (const r of ordered) {
      if (badUnit.has(r)) continue;
      const seen = new Set<string>();
      let at: string | null = `u:${r.externalId}`;
      while (at && !seen.has(at)) {
        seen.add(at);
        at = parentAfter.get(at) ?? null;
      }
      if (at) {
        err(r, 'cycle', r.externalId);
        badUnit.add(r);
      }
    }
  }
  const createdUnits: PlannedUnit[] = [];
  const updatedUnits: UnitUpdate[] = [];
  let unitsUnchanged = 0;
  for (const r of ordered) {
    const kind = r.kind ? KINDS[r.kind.toLowerCase()] : undefined;
    const match = matchedUnit.get(r.externalId);
    const parent = parentRef(r);
    if (!match) {
      createdUnits.push({
        ref: `u:${r.externalId}`,
        externalId: r.externalId,
        name: r.name,
        shortName: orNull(r.shortName),
        kind: kind ?? 'unit',
        email: orNull(r.email),
        phone: orNull(r.phone),
        parent,
        parentName: unitName(parent),
        file: r.file,
        line: r.line,
      });
      continue;
    }
    const set: UnitColumns = {};
    const changes: Change[] = [];
    const field = <K extends keyof UnitColumns>(
      f: ChangeField,
      column: K,
      before: string | null,
      after: UnitColumns[K],
    ) => {
      if ((after ?? null) === before) return;
      set[column] = after;
      changes.push({ field: f, before, after: (after as string | null | undefined) ?? null });
    };
    if (match.external_id === null) field('externalId', 'external_id', null, r.externalId);
    field('name', 'name', match.name, r.name);
    if (r.shortName !== undefined) field('shortName', 'short_name', match.short_name, orNull(r.shortName));
    if (kind) field('kind', 'kind', match.kind, kind);
    if (r.email !== undefined) field('email', 'email', match.email, orNull(r.email));
    if (r.phone !== undefined) field('phone', 'phone', match.phone, orNull(r.phone));
    const parentBefore = match.parent_id === null ? null : unitRefOfDb(match.parent_id);
    const moved = parentBefore !== parent;
    if (moved) changes.push({ field: 'parent', before: unitName(parentBefore, true), after: unitName(parent) });
    if (!changes.length) {
      unitsUnchanged++;
      continue;
    }
    updatedUnits.push({
      id: match.id,
      ref: `u:${r.externalId}`,
      name: r.name,
      set,
      ...(moved ? { parent } : {}),
      changes,
      renamed: set.name !== undefined,
      moved,
    });
  }

  // ---- People --------------------------------------------------------------------------------
  const dbUserById = new Map(db.users.map((u) => [u.id, u]));
  const dbUserByExt = new Map(db.users.filter((u) => u.external_id).map((u) => [u.external_id!, u]));
  const dbUserByUsername = new Map(db.users.map((u) => [u.username, u]));
  const rolesOf = new Map<string, Set<string>>();
  for (const r of db.roles) (rolesOf.get(r.user_id) ?? rolesOf.set(r.user_id, new Set()).get(r.user_id)!).add(r.role);

  const filePerson = new Map<string, PersonRecord>();
  const fileUsername = new Map<string, PersonRecord>();
  const leaderFlag = new Map<PersonRecord, boolean>();
  const activeFlag = new Map<PersonRecord, boolean>();
  for (const rec of records.people) {
    if (!rec.externalId) err(rec, 'missingId');
    else if (filePerson.has(rec.externalId)) err(rec, 'duplicateId', rec.externalId);
    else filePerson.set(rec.externalId, rec);
    if (!rec.name) err(rec, 'missingName');
    else if (rec.name.length > MAX_NAME) err(rec, 'tooLong', rec.name.slice(0, 40));
    if ([rec.title, rec.phone].some((v) => (v?.length ?? 0) > MAX_TEXT)) err(rec, 'tooLong');
    if (rec.username) {
      rec.username = rec.username.toLowerCase();
      if (!USERNAME_PATTERN.test(rec.username)) err(rec, 'invalidUsername', rec.username);
      else if (fileUsername.has(rec.username)) err(rec, 'duplicateUsername', rec.username);
      else fileUsername.set(rec.username, rec);
    }
    if (rec.email && !EMAIL_PATTERN.test(rec.email)) err(rec, 'invalidEmail', rec.email);
    for (const role of rec.roles ?? []) if (!isRole(role)) err(rec, 'unknownRole', role);
    if (rec.leader !== undefined) {
      const flag = yesNo(rec.leader);
      if (flag === undefined) err(rec, 'invalidLeader', rec.leader);
      else leaderFlag.set(rec, flag);
    }
    if (rec.active !== undefined) {
      const flag = rec.active === '' ? true : yesNo(rec.active);
      if (flag === undefined) err(rec, 'invalidActive', rec.active);
      else activeFlag.set(rec, flag);
    }
  }
  const personRecs = [...filePerson.values()];
  const matchedUser = new Map<string, DbUser>();
  const claimedUser = new Set<string>();
  for (const r of personRecs) {
    let match = dbUserByExt.get(r.externalId);
    if (!match && r.username) {
      const byName = dbUserByUsername.get(r.username);
      if (byName && byName.external_id === null && !claimedUser.has(byName.id)) match = byName;
    }
    if (match) {
      matchedUser.set(r.externalId, match);
      claimedUser.add(match.id);
    }
  }
  const fileExtOfUserId = new Map([...matchedUser].map(([ext, u]) => [u.id, ext]));
  const personRefOfDb = (id: string) => (fileExtOfUserId.has(id) ? `p:${fileExtOfUserId.get(id)}` : `P:${id}`);
  const personName = (ref: string | null, before = false): string | null => {
    if (!ref) return null;
    if (ref.startsWith('p:'))
      return (
        (before ? matchedUser.get(ref.slice(2))?.display_name : undefined) ?? filePerson.get(ref.slice(2))?.name ?? null
      );
    return dbUserById.get(ref.slice(2))?.display_name ?? null;
  };

  /** A unit by name: in the files, or in the database (one only). */
  const unitByName = (rec: { file: string; line: number }, name: string): string | null | undefined => {
    const candidates = new Set<string>();
    for (const u of unitRecs) if (u.name === name) candidates.add(`u:${u.externalId}`);
    for (const u of db.units) if (u.name === name) candidates.add(unitRefOfDb(u.id));
    if (candidates.size === 1) return [...candidates][0]!;
    err(rec, candidates.size ? 'ambiguousUnit' : 'unknownUnit', name);
    return undefined;
  };
  /** The person's unit after the import; undefined when the files do not say. */
  const unitOf = new Map<PersonRecord, string | null | undefined>();
  for (const r of personRecs) {
    let ref: string | null | undefined;
    if (r.unitExternalId) {
      ref = unitRefOfExt(r.unitExternalId);
      if (!ref) {
        // OS2mo's people report also names the unit: a unit made by hand is found by its name.
        if (r.unitName) ref = unitByName(r, r.unitName);
        else err(r, 'unknownUnit', r.unitExternalId);
      }
    } else if (r.unitName) ref = unitByName(r, r.unitName);
    else if (r.unitExternalId !== undefined || r.unitName !== undefined) ref = null;
    unitOf.set(r, ref);
  }

  const personByKey = (key: string): string | null => {
    if (filePerson.has(key)) return `p:${key}`;
    const byUsername = fileUsername.get(key.toLowerCase());
    if (byUsername) return `p:${byUsername.externalId}`;
    const db1 = dbUserByExt.get(key) ?? dbUserByUsername.get(key.toLowerCase());
    return db1 ? personRefOfDb(db1.id) : null;
  };

  const createdPeople: PlannedPerson[] = [];
  const updatedPeople: PersonUpdate[] = [];
  let peopleUnchanged = 0;
  for (const r of personRecs) {
    const match = matchedUser.get(r.externalId);
    const ref = `p:${r.externalId}`;
    let manager: string | null | undefined;
    if (r.manager !== undefined) {
      manager = r.manager ? personByKey(r.manager) : null;
      if (r.manager && !manager) err(r, 'managerNotFound', r.manager);
      else if (manager === ref) err(r, 'managerSelf', r.manager);
    }
    const unit = unitOf.get(r);
    const roles = (r.roles ?? []).filter(isRole);
    if (r.username && (!match || match.username !== r.username)) {
      const holder = dbUserByUsername.get(r.username);
      if (holder && holder.id !== match?.id) err(r, 'usernameTaken', r.username);
    }
    if (!match) {
      if (!r.username) err(r, 'missingUsername');
      createdPeople.push({
        ref,
        externalId: r.externalId,
        username: r.username ?? '',
        name: r.name,
        email: orNull(r.email),
        phone: orNull(r.phone),
        title: orNull(r.title),
        unit: unit ?? null,
        unitName: unitName(unit ?? null),
        manager: manager ?? null,
        managerName: personName(manager ?? null),
        roles: [...new Set<Role>(['employee', ...roles])].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
        active: activeFlag.get(r) ?? true,
        file: r.file,
        line: r.line,
      });
      continue;
    }
    const set: PersonColumns = {};
    const changes: Change[] = [];
    const field = <K extends keyof PersonColumns>(
      f: ChangeField,
      column: K,
      before: string | null,
      after: string | null,
    ) => {
      if (after === before) return;
      (set as Record<string, unknown>)[column] = after;
      changes.push({ field: f, before, after });
    };
    if (match.external_id === null) field('externalId', 'external_id', null, r.externalId);
    if (r.username) field('username', 'username', match.username, r.username);
    field('name', 'display_name', match.display_name, r.name);
    if (r.email !== undefined) field('email', 'email', match.email, orNull(r.email));
    if (r.phone !== undefined) field('phone', 'phone', match.phone, orNull(r.phone));
    if (r.title !== undefined) field('title', 'title', match.title, orNull(r.title));
    const active = activeFlag.get(r) ?? true;
    if (!!match.is_active !== active) {
      set.is_active = active ? 1 : 0;
      changes.push({ field: 'active', before: match.is_active ? 'yes' : 'no', after: active ? 'yes' : 'no' });
    }
    const unitBefore = match.org_unit_id === null ? null : unitRefOfDb(match.org_unit_id);
    const moved = unit !== undefined && unit !== unitBefore;
    if (moved) changes.push({ field: 'unit', before: unitName(unitBefore, true), after: unitName(unit) });
    const managerBefore = match.manager_id === null ? null : personRefOfDb(match.manager_id);
    const managerChanged = manager !== undefined && manager !== managerBefore;
    if (managerChanged)
      changes.push({ field: 'manager', before: personName(managerBefore, true), after: personName(manager ?? null) });
    const held = rolesOf.get(match.id) ?? new Set<string>();
    const addRoles = roles.filter((role) => !held.has(role));
    if (addRoles.length) {
      const ordered = (list: string[]) =>
        list
          .filter(isRole)
          .sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))
          .join(', ');
      changes.push({ field: 'roles', before: ordered([...held]) || null, after: ordered([...held, ...addRoles]) });
    }
    if (!changes.length) {
      peopleUnchanged++;
      continue;
    }
    updatedPeople.push({
      id: match.id,
      ref,
      username: r.username ?? match.username,
      name: r.name,
      set,
      ...(moved ? { unit } : {}),
      ...(managerChanged ? { manager } : {}),
      addRoles,
      changes,
      moved,
    });
  }

  const inFile = new Set(records.people.map((r) => r.externalId).filter(Boolean));
  const deactivated: PersonRef[] = options.deactivateMissing
    ? db.users
        .filter(
          (u) =>
            u.external_id !== null &&
            u.is_active === 1 &&
            !inFile.has(u.external_id) &&
            u.break_glass !== 1 &&
            u.id !== options.actorId &&
            !claimedUser.has(u.id),
        )
        .map((u) => ({ id: u.id, username: u.username, name: u.display_name }))
    : [];

  // ---- Leaders -------------------------------------------------------------------------------
  const added: LeaderChange[] = [];
  const removed: LeaderChange[] = [];
  if (records.hasLeaderInfo) {
    const desired = new Map<string, string[]>();
    const want = (unit: string, person: string) => {
      const list = desired.get(unit) ?? desired.set(unit, []).get(unit)!;
      if (!list.includes(person)) list.push(person);
    };
    const managed = new Set<string>();
    for (const r of unitRecs) managed.add(`u:${r.externalId}`);
    for (const r of personRecs) {
      const match = matchedUser.get(r.externalId);
      const unit = unitOf.get(r) ?? (match?.org_unit_id != null ? unitRefOfDb(match.org_unit_id) : undefined);
      if (!unit) continue;
      managed.add(unit);
      if (leaderFlag.get(r)) want(unit, `p:${r.externalId}`);
    }
    for (const l of records.leaders) leader(l);
    function leader(l: LeaderRecord) {
      if (!l.unitName || !l.personName) {
        err(l, l.unitName ? 'missingName' : 'unknownUnit', l.unitName || undefined);
        return;
      }
      const unit = unitByName(l, l.unitName);
      if (!unit) return;
      managed.add(unit);
      const named = personRecs.filter((p) => p.name === l.personName);
      const inUnit = named.filter((p) => unitOf.get(p) === unit);
      const pick = inUnit.length ? inUnit : named;
      if (pick.length === 1) return want(unit, `p:${pick[0]!.externalId}`);
      if (pick.length > 1) return err(l, 'leaderAmbiguous', l.personName);
      const inDb = db.users.filter((u) => u.is_active && u.display_name === l.personName);
      if (inDb.length === 1) return want(unit, personRefOfDb(inDb[0]!.id));
      err(l, inDb.length ? 'leaderAmbiguous' : 'leaderNotFound', l.personName);
    }
    const current = new Map<string, string[]>();
    for (const row of db.leaders) {
      const unit = unitRefOfDb(row.unit_id);
      (current.get(unit) ?? current.set(unit, []).get(unit)!).push(personRefOfDb(row.user_id));
    }
    const order = [...managed].sort();
    for (const unit of order) {
      const now = current.get(unit) ?? [];
      const next = desired.get(unit) ?? [];
      for (const p of next)
        if (!now.includes(p))
          added.push({ unit, unitName: unitName(unit) ?? '', person: p, personName: personName(p) ?? '' });
      for (const p of now)
        if (!next.includes(p))
          removed.push({ unit, unitName: unitName(unit) ?? '', person: p, personName: personName(p) ?? '' });
    }
  }

  const byNames = (a: LeaderChange, b: LeaderChange) =>
    a.unitName.localeCompare(b.unitName, 'da') ||
    a.personName.localeCompare(b.personName, 'da') ||
    (a.person < b.person ? -1 : 1);
  added.sort(byNames);
  removed.sort(byNames);
  errors.sort(
    (a, b) => files.findIndex((f) => f.name === a.file) - files.findIndex((f) => f.name === b.file) || a.line - b.line,
  );
  return {
    files,
    errors,
    units: { created: createdUnits, updated: updatedUnits, unchanged: unitsUnchanged },
    people: { created: createdPeople, updated: updatedPeople, deactivated, unchanged: peopleUnchanged },
    leaders: { added, removed },
    counts: {
      unitsCreated: createdUnits.length,
      unitsRenamed: updatedUnits.filter((u) => u.renamed).length,
      unitsMoved: updatedUnits.filter((u) => u.moved).length,
      unitsChanged: updatedUnits.length,
      unitsUnchanged,
      peopleCreated: createdPeople.length,
      peopleChanged: updatedPeople.filter((p) => p.changes.some((c) => c.field !== 'unit')).length,
      peopleMoved: updatedPeople.filter((p) => p.moved).length,
      peopleDeactivated: deactivated.length,
      peopleUnchanged,
      leadersAdded: added.length,
      leadersRemoved: removed.length,
      errors: errors.length,
    },
  };
}
