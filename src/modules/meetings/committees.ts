import type { Selectable } from 'kysely';
import { toId } from '../../db/sql.ts';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type {
  CommitteeKind,
  CommitteeTable,
  CouncilPersonTable,
  MeetingLocationTable,
  MembershipRole,
} from '../../db/schema/meetings.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * Committees (udvalg), the people on them and where they meet: council persons (elected members
 * and the citizens on task committees), legislative terms, memberships with roles and periods,
 * and meeting locations. The secretariat changes them; everyone with `meetings.view` reads.
 * Every change writes an audit entry in its own transaction.
 */

export const COMMITTEE_KINDS: readonly CommitteeKind[] = ['council', 'finance', 'standing', 'task', 'other'];
export const MEMBERSHIP_ROLES: readonly MembershipRole[] = ['chair', 'vice_chair', 'member', 'substitute'];

export type CommitteeRow = Selectable<CommitteeTable>;
export type PersonRow = Selectable<CouncilPersonTable>;
export type LocationRow = Selectable<MeetingLocationTable>;
export type Errors<K extends string> = Partial<Record<K, MessageKey>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date in yyyy-mm-dd. */
export function realDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const clean = (s: string | null | undefined, max = 300) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
const cleanText = (s: string | null | undefined, max = 20_000) =>
  (s ?? '').replace(/\r\n?/g, '\n').trim().slice(0, max);
const orNull = (s: string) => (s === '' ? null : s);

// --- Committees ---------------------------------------------------------------------------

export interface CommitteeInput {
  name: string;
  shortName: string;
  kind: string;
  mandate: string;
  termStart: string;
  termEnd: string;
  position: string;
}

export const emptyCommitteeInput = (over: Partial<CommitteeInput> = {}): CommitteeInput => ({
  name: '',
  shortName: '',
  kind: 'standing',
  mandate: '',
  termStart: '',
  termEnd: '',
  position: '',
  ...over,
});

export function inputFromCommittee(c: CommitteeRow): CommitteeInput {
  return {
    name: c.name,
    shortName: c.short_name ?? '',
    kind: c.kind,
    mandate: c.mandate ?? '',
    termStart: c.term_start ?? '',
    termEnd: c.term_end ?? '',
    position: String(c.position),
  };
}

export function validateCommittee(input: CommitteeInput): Errors<keyof CommitteeInput> {
  const e: Errors<keyof CommitteeInput> = {};
  const name = clean(input.name);
  if (!name) e.name = 'meetings.error.committeeName';
  else if (input.name.trim().length > 200) e.name = 'meetings.error.tooLong';
  if (clean(input.shortName).length > 20) e.shortName = 'meetings.error.shortName';
  if (!COMMITTEE_KINDS.includes(input.kind as CommitteeKind)) e.kind = 'meetings.error.kind';
  if (input.termStart && !realDate(input.termStart)) e.termStart = 'meetings.error.date';
  if (input.termEnd && !realDate(input.termEnd)) e.termEnd = 'meetings.error.date';
  if (!e.termStart && !e.termEnd && input.termStart && input.termEnd && input.termEnd < input.termStart)
    e.termEnd = 'meetings.error.endBeforeStart';
  // A task committee (Styrelsesloven §17 stk. 4) is set up for a period and a task.
  if (input.kind === 'task') {
    if (!input.termStart && !e.termStart) e.termStart = 'meetings.error.taskTerm';
    if (!input.termEnd && !e.termEnd) e.termEnd = 'meetings.error.taskTerm';
    if (!cleanText(input.mandate)) e.mandate = 'meetings.error.taskMandate';
  }
  if (input.position && !/^\d{1,4}$/.test(input.position.trim())) e.position = 'meetings.error.position';
  return e;
}

function committeeValues(input: CommitteeInput) {
  return {
    name: clean(input.name, 200),
    short_name: orNull(clean(input.shortName, 20)),
    kind: input.kind as CommitteeKind,
    mandate: orNull(cleanText(input.mandate)),
    term_start: orNull(input.termStart),
    term_end: orNull(input.termEnd),
    position: input.position ? Number(input.position.trim()) : 0,
  };
}

export async function createCommittee(
  database: Database,
  actor: AuditActor,
  input: CommitteeInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors<keyof CommitteeInput> }> {
  const errors = validateCommittee(input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const values = committeeValues(input);
  const id = await writeTransaction(database, async (tx) => {
    const at = nowIso();
    const row = await tx.db
      .insertInto('committees')
      .values({ ...values, created_at: at, updated_at: at, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'committee.create',
      entityType: 'committee',
      entityId: row.id,
      summary: `Created committee ${values.name}`,
      details: { kind: values.kind },
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updateCommittee(
  database: Database,
  actor: AuditActor,
  id: number,
  input: CommitteeInput,
): Promise<{ ok: true } | { ok: false; errors: Errors<keyof CommitteeInput> }> {
  const errors = validateCommittee(input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const values = committeeValues(input);
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('committees')
      .set({ ...values, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'committee.update',
      entityType: 'committee',
      entityId: id,
      summary: `Changed committee ${values.name}`,
      details: { kind: values.kind },
    });
  });
  return { ok: true };
}

/**
 * Deletes a committee made by mistake. Only one that has no meetings: a committee that has met
 * is history (end its memberships instead). The row stays, marked deleted, so OParl can show it
 * as deleted; its memberships go with it.
 */
/** Whether a committee has (undeleted) meetings: then it is history and cannot be deleted. */
export async function hasMeetings(database: Database, committeeId: number): Promise<boolean> {
  return !!(await database.db
    .selectFrom('meetings')
    .select('id')
    .where('committee_id', '=', committeeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst());
}

export async function deleteCommittee(
  database: Database,
  actor: AuditActor,
  committee: Pick<CommitteeRow, 'id' | 'name'>,
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  return writeTransaction(database, async (tx) => {
    if (await hasMeetings(tx, committee.id))
      return { ok: false as const, error: 'meetings.committee.delete.hasMeetings' as const };
    const at = nowIso();
    await tx.db
      .updateTable('committees')
      .set({ deleted_at: at, updated_at: at })
      .where('id', '=', committee.id)
      .execute();
    await tx.db
      .updateTable('committee_memberships')
      .set({ deleted_at: at, updated_at: at })
      .where('committee_id', '=', committee.id)
      .where('deleted_at', 'is', null)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'committee.delete',
      entityType: 'committee',
      entityId: committee.id,
      summary: `Deleted committee ${committee.name}`,
    });
    return { ok: true as const };
  });
}

export interface CommitteeSummary extends CommitteeRow {
  members: number;
  chair: string | null;
}

/** Every committee (not deleted), council first, then finance, standing, task; with member counts on `date`. */
export async function listCommittees(database: Database, date: string): Promise<CommitteeSummary[]> {
  const [committees, counts] = await Promise.all([
    database.db.selectFrom('committees').selectAll().where('deleted_at', 'is', null).execute(),
    database.db
      .selectFrom('committee_memberships')
      .innerJoin('council_persons', 'council_persons.id', 'committee_memberships.person_id')
      .select(['committee_memberships.committee_id', 'committee_memberships.role', 'council_persons.name'])
      .where('committee_memberships.deleted_at', 'is', null)
      .where('committee_memberships.starts_on', '<=', date)
      .where((eb) =>
        eb.or([eb('committee_memberships.ends_on', 'is', null), eb('committee_memberships.ends_on', '>=', date)]),
      )
      .execute(),
  ]);
  const order = (k: CommitteeKind) => COMMITTEE_KINDS.indexOf(k);
  return committees
    .map((c) => ({
      ...c,
      members: counts.filter((m) => m.committee_id === c.id && m.role !== 'substitute').length,
      chair: counts.find((m) => m.committee_id === c.id && m.role === 'chair')?.name ?? null,
    }))
    .sort((a, b) => order(a.kind) - order(b.kind) || a.position - b.position || a.name.localeCompare(b.name, 'da'));
}

export async function getCommittee(database: Database, id: number): Promise<CommitteeRow | undefined> {
  if (!toId(id)) return undefined;
  return database.db
    .selectFrom('committees')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

// --- Council persons ----------------------------------------------------------------------

export interface PersonInput {
  name: string;
  party: string;
  email: string;
  phone: string;
  /** The user name of the person's Samspil account, if they sign in. */
  username: string;
}

export const emptyPersonInput = (over: Partial<PersonInput> = {}): PersonInput => ({
  name: '',
  party: '',
  email: '',
  phone: '',
  username: '',
  ...over,
});

export async function inputFromPerson(database: Database, p: PersonRow): Promise<PersonInput> {
  const user = p.user_id
    ? await database.db.selectFrom('users').select('username').where('id', '=', p.user_id).executeTakeFirst()
    : undefined;
  return {
    name: p.name,
    party: p.party ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    username: user?.username ?? '',
  };
}

async function validatePerson(
  database: Database,
  input: PersonInput,
  selfId: number | null,
): Promise<{ errors: Errors<keyof PersonInput>; userId: string | null }> {
  const e: Errors<keyof PersonInput> = {};
  const name = clean(input.name);
  if (!name) e.name = 'meetings.error.personName';
  else if (name.length > 150) e.name = 'meetings.error.tooLong';
  if (clean(input.party).length > 10) e.party = 'meetings.error.party';
  const email = clean(input.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) e.email = 'meetings.error.email';
  if (clean(input.phone).length > 40) e.phone = 'meetings.error.tooLong';
  let userId: string | null = null;
  const username = clean(input.username).toLowerCase();
  if (username) {
    const user = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!user) e.username = 'meetings.error.unknownUser';
    else {
      const taken = await database.db
        .selectFrom('council_persons')
        .select('id')
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      if (taken && taken.id !== selfId) e.username = 'meetings.error.userTaken';
      else userId = user.id;
    }
  }
  return { errors: e, userId };
}

function splitName(name: string): { given: string | null; family: string | null } {
  const parts = name.split(' ');
  if (parts.length < 2) return { given: name || null, family: null };
  return { given: parts.slice(0, -1).join(' '), family: parts.at(-1)! };
}

export async function createPerson(
  database: Database,
  actor: AuditActor,
  input: PersonInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors<keyof PersonInput> }> {
  const { errors, userId } = await validatePerson(database, input, null);
  if (Object.keys(errors).length) return { ok: false, errors };
  const name = clean(input.name, 150);
  const { given, family } = splitName(name);
  const id = await writeTransaction(database, async (tx) => {
    const at = nowIso();
    const row = await tx.db
      .insertInto('council_persons')
      .values({
        user_id: userId,
        name,
        given_name: given,
        family_name: family,
        party: orNull(clean(input.party, 10)),
        email: orNull(clean(input.email)),
        phone: orNull(clean(input.phone, 40)),
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'council_person.create',
      entityType: 'council_person',
      entityId: row.id,
      summary: `Added ${name} to the council persons`,
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updatePerson(
  database: Database,
  actor: AuditActor,
  id: number,
  input: PersonInput,
): Promise<{ ok: true } | { ok: false; errors: Errors<keyof PersonInput> }> {
  const { errors, userId } = await validatePerson(database, input, id);
  if (Object.keys(errors).length) return { ok: false, errors };
  const name = clean(input.name, 150);
  const { given, family } = splitName(name);
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('council_persons')
      .set({
        user_id: userId,
        name,
        given_name: given,
        family_name: family,
        party: orNull(clean(input.party, 10)),
        email: orNull(clean(input.email)),
        phone: orNull(clean(input.phone, 40)),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'council_person.update',
      entityType: 'council_person',
      entityId: id,
      summary: `Changed council person ${name}`,
    });
  });
  return { ok: true };
}

export async function getPerson(database: Database, id: number): Promise<PersonRow | undefined> {
  if (!toId(id)) return undefined;
  return database.db
    .selectFrom('council_persons')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function listPersons(database: Database): Promise<Array<PersonRow & { username: string | null }>> {
  return database.db
    .selectFrom('council_persons')
    .leftJoin('users', 'users.id', 'council_persons.user_id')
    .selectAll('council_persons')
    .select('users.username')
    .where('council_persons.deleted_at', 'is', null)
    .orderBy('council_persons.family_name')
    .orderBy('council_persons.name')
    .execute();
}

// --- Memberships --------------------------------------------------------------------------

export interface MembershipInput {
  personId: string;
  role: string;
  startsOn: string;
  endsOn: string;
}

export interface MemberRow {
  membershipId: number;
  personId: number;
  name: string;
  party: string | null;
  role: MembershipRole;
  startsOn: string;
  endsOn: string | null;
  citizen: boolean;
}

const ROLE_ORDER: Record<MembershipRole, number> = { chair: 0, vice_chair: 1, member: 2, substitute: 3 };

/** Members of a committee on a date (yyyy-mm-dd), chair first, substitutes last. */
export async function membersOn(database: Database, committeeId: number, date: string): Promise<MemberRow[]> {
  const rows = await database.db
    .selectFrom('committee_memberships')
    .innerJoin('council_persons', 'council_persons.id', 'committee_memberships.person_id')
    .select([
      'committee_memberships.id',
      'committee_memberships.person_id',
      'committee_memberships.role',
      'committee_memberships.starts_on',
      'committee_memberships.ends_on',
      'council_persons.name',
      'council_persons.party',
      'council_persons.family_name',
    ])
    .where('committee_memberships.committee_id', '=', committeeId)
    .where('committee_memberships.deleted_at', 'is', null)
    .where('committee_memberships.starts_on', '<=', date)
    .where((eb) =>
      eb.or([eb('committee_memberships.ends_on', 'is', null), eb('committee_memberships.ends_on', '>=', date)]),
    )
    .execute();
  return rows
    .map((r) => ({
      membershipId: r.id,
      personId: r.person_id,
      name: r.name,
      party: r.party,
      role: r.role,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      citizen: !r.party,
      family: r.family_name ?? r.name,
    }))
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        a.family.localeCompare(b.family, 'da') ||
        a.name.localeCompare(b.name, 'da'),
    )
    .map(({ family: _f, ...m }) => m);
}

/** Earlier memberships (ended before `date`), newest first. */
export async function formerMembers(database: Database, committeeId: number, date: string): Promise<MemberRow[]> {
  const rows = await database.db
    .selectFrom('committee_memberships')
    .innerJoin('council_persons', 'council_persons.id', 'committee_memberships.person_id')
    .select([
      'committee_memberships.id',
      'committee_memberships.person_id',
      'committee_memberships.role',
      'committee_memberships.starts_on',
      'committee_memberships.ends_on',
      'council_persons.name',
      'council_persons.party',
    ])
    .where('committee_memberships.committee_id', '=', committeeId)
    .where('committee_memberships.deleted_at', 'is', null)
    .where('committee_memberships.ends_on', '<', date)
    .orderBy('committee_memberships.ends_on', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    membershipId: r.id,
    personId: r.person_id,
    name: r.name,
    party: r.party,
    role: r.role,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    citizen: !r.party,
  }));
}

export async function addMembership(
  database: Database,
  actor: AuditActor,
  committeeId: number,
  input: MembershipInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors<keyof MembershipInput> }> {
  const e: Errors<keyof MembershipInput> = {};
  const personId = toId(input.personId);
  const person = personId ? await getPerson(database, personId) : undefined;
  if (!person) e.personId = 'meetings.error.person';
  if (!MEMBERSHIP_ROLES.includes(input.role as MembershipRole)) e.role = 'meetings.error.role';
  if (!realDate(input.startsOn)) e.startsOn = 'meetings.error.date';
  if (input.endsOn && !realDate(input.endsOn)) e.endsOn = 'meetings.error.date';
  if (!e.startsOn && !e.endsOn && input.endsOn && input.endsOn < input.startsOn)
    e.endsOn = 'meetings.error.endBeforeStart';
  if (person && !e.startsOn && !e.endsOn) {
    // One membership per person and committee at a time.
    const overlap = await database.db
      .selectFrom('committee_memberships')
      .select('id')
      .where('committee_id', '=', committeeId)
      .where('person_id', '=', person.id)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', input.startsOn)]))
      .$if(!!input.endsOn, (q) => q.where('starts_on', '<=', input.endsOn))
      .executeTakeFirst();
    if (overlap) e.personId = 'meetings.error.overlap';
  }
  if (!e.role && !e.startsOn && (input.role === 'chair' || input.role === 'vice_chair')) {
    const holder = await database.db
      .selectFrom('committee_memberships')
      .select('id')
      .where('committee_id', '=', committeeId)
      .where('role', '=', input.role as MembershipRole)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', input.startsOn)]))
      .$if(!!input.endsOn, (q) => q.where('starts_on', '<=', input.endsOn))
      .executeTakeFirst();
    if (holder) e.role = 'meetings.error.roleTaken';
  }
  if (Object.keys(e).length) return { ok: false, errors: e };
  const id = await writeTransaction(database, async (tx) => {
    const at = nowIso();
    const row = await tx.db
      .insertInto('committee_memberships')
      .values({
        committee_id: committeeId,
        person_id: personId!,
        role: input.role as MembershipRole,
        starts_on: input.startsOn,
        ends_on: orNull(input.endsOn),
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'committee.membership.add',
      entityType: 'committee',
      entityId: committeeId,
      summary: `${person!.name} joined as ${input.role}`,
      details: { person: personId, role: input.role, from: input.startsOn, to: input.endsOn || null },
    });
    return row.id;
  });
  return { ok: true, id };
}

/** Ends a membership on a date (the last day as member); a date before its start removes it. */
export async function endMembership(
  database: Database,
  actor: AuditActor,
  committeeId: number,
  membershipId: number,
  endsOn: string,
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  if (!realDate(endsOn)) return { ok: false, error: 'meetings.error.date' };
  const m = await database.db
    .selectFrom('committee_memberships')
    .selectAll()
    .where('id', '=', membershipId)
    .where('committee_id', '=', committeeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!m) return { ok: false, error: 'meetings.error.person' };
  await writeTransaction(database, async (tx) => {
    const at = nowIso();
    if (endsOn < m.starts_on)
      await tx.db
        .updateTable('committee_memberships')
        .set({ deleted_at: at, updated_at: at })
        .where('id', '=', m.id)
        .execute();
    else
      await tx.db
        .updateTable('committee_memberships')
        .set({ ends_on: endsOn, updated_at: at })
        .where('id', '=', m.id)
        .execute();
    await appendAudit(tx, {
      actor,
      action: 'committee.membership.end',
      entityType: 'committee',
      entityId: committeeId,
      summary: `Membership ${m.id} ends ${endsOn}`,
      details: { person: m.person_id, endsOn },
    });
  });
  return { ok: true };
}

// --- Legislative terms --------------------------------------------------------------------

export interface TermInput {
  name: string;
  startsOn: string;
  endsOn: string;
}

export async function listTerms(database: Database) {
  return database.db
    .selectFrom('legislative_terms')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('starts_on', 'desc')
    .execute();
}

export async function createTerm(
  database: Database,
  actor: AuditActor,
  input: TermInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors<keyof TermInput> }> {
  const e: Errors<keyof TermInput> = {};
  const name = clean(input.name, 100);
  if (!name) e.name = 'meetings.error.termName';
  if (!realDate(input.startsOn)) e.startsOn = 'meetings.error.date';
  if (!realDate(input.endsOn)) e.endsOn = 'meetings.error.date';
  else if (!e.startsOn && input.endsOn < input.startsOn) e.endsOn = 'meetings.error.endBeforeStart';
  if (Object.keys(e).length) return { ok: false, errors: e };
  const id = await writeTransaction(database, async (tx) => {
    const at = nowIso();
    const row = await tx.db
      .insertInto('legislative_terms')
      .values({
        name,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'legislative_term.create',
      entityType: 'legislative_term',
      entityId: row.id,
      summary: `Added the legislative term ${name}`,
    });
    return row.id;
  });
  return { ok: true, id };
}

// --- Locations ----------------------------------------------------------------------------

export interface LocationInput {
  description: string;
  room: string;
  streetAddress: string;
  postalCode: string;
  locality: string;
}

export const emptyLocationInput = (): LocationInput => ({
  description: '',
  room: '',
  streetAddress: '',
  postalCode: '',
  locality: '',
});

export const inputFromLocation = (l: LocationRow): LocationInput => ({
  description: l.description,
  room: l.room ?? '',
  streetAddress: l.street_address ?? '',
  postalCode: l.postal_code ?? '',
  locality: l.locality ?? '',
});

function validateLocation(input: LocationInput): Errors<keyof LocationInput> {
  const e: Errors<keyof LocationInput> = {};
  if (!clean(input.description)) e.description = 'meetings.error.locationName';
  if (clean(input.postalCode) && !/^\d{4}$/.test(clean(input.postalCode))) e.postalCode = 'meetings.error.postalCode';
  return e;
}

function locationValues(input: LocationInput) {
  return {
    description: clean(input.description, 200),
    room: orNull(clean(input.room, 100)),
    street_address: orNull(clean(input.streetAddress, 200)),
    postal_code: orNull(clean(input.postalCode, 4)),
    locality: orNull(clean(input.locality, 100)),
  };
}

export async function listLocations(database: Database): Promise<LocationRow[]> {
  return database.db
    .selectFrom('meeting_locations')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('description')
    .orderBy('room')
    .execute();
}

export async function createLocation(
  database: Database,
  actor: AuditActor,
  input: LocationInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors<keyof LocationInput> }> {
  const e = validateLocation(input);
  if (Object.keys(e).length) return { ok: false, errors: e };
  const values = locationValues(input);
  const id = await writeTransaction(database, async (tx) => {
    const at = nowIso();
    const row = await tx.db
      .insertInto('meeting_locations')
      .values({ ...values, created_at: at, updated_at: at, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'meeting_location.create',
      entityType: 'meeting_location',
      entityId: row.id,
      summary: `Added the meeting place ${values.description}`,
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updateLocation(
  database: Database,
  actor: AuditActor,
  id: number,
  input: LocationInput,
): Promise<{ ok: true } | { ok: false; errors: Errors<keyof LocationInput> }> {
  const e = validateLocation(input);
  if (Object.keys(e).length) return { ok: false, errors: e };
  const values = locationValues(input);
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('meeting_locations')
      .set({ ...values, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting_location.update',
      entityType: 'meeting_location',
      entityId: id,
      summary: `Changed the meeting place ${values.description}`,
    });
  });
  return { ok: true };
}

export function locationLabel(l: Pick<LocationRow, 'description' | 'room'>): string {
  return [l.description, l.room].filter(Boolean).join(', ');
}
