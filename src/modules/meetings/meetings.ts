import type { Selectable } from 'kysely';
import { notifyCancelled } from './notify.ts';
import { toId } from '../../db/sql.ts';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { ChangeKind, MeetingStatus, MeetingTable } from '../../db/schema/meetings.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import { getSetting, putSetting } from '../../db/settings.ts';
import { realDate, type Errors } from './committees.ts';
import { closingDays } from '../../calendar/closing-days.ts';
import { isLateNotice } from '../../calendar/workdays.ts';
import {
  latestVersion,
  publishVersion,
  type PublishedSnapshot,
  type PublishedVersion,
  type SnapshotItem,
} from '../publication/index.ts';

/**
 * Meetings: planning (date, time in Europe/Copenhagen, place), the status path planned →
 * published → held → approved (or cancelled), publication of the agenda as sealed versions,
 * and the comparison of two published versions ("what changed").
 */

export type MeetingRow = Selectable<MeetingTable>;

export interface MeetingWithCommittee extends MeetingRow {
  committee_name: string;
  committee_kind: string;
  location_description: string | null;
  location_room: string | null;
}

// --- Time ---------------------------------------------------------------------------------

const hm = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Copenhagen wall-clock time (HH:MM) of an instant. */
export function copenhagenTime(instant: Date): string {
  return hm.format(instant);
}

/** The UTC instant (ISO) of a Copenhagen date and wall-clock time; null for a time that does not exist. */
export function copenhagenInstant(date: string, time: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!m || !realDate(date)) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(y, mo - 1, d, h - offset, min));
    if (
      copenhagenDate(candidate) === date &&
      copenhagenTime(candidate) === `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
    )
      return candidate.toISOString();
  }
  return null;
}

// --- Settings -----------------------------------------------------------------------------

export const NOTICE_SETTING = 'meetings.noticeWorkingDays';
export const DEFAULT_NOTICE_DAYS = 4;

/** How many working days before a meeting its agenda should be published (default 4). */
export async function noticeWorkingDays(database: Database): Promise<number> {
  const raw = await getSetting(database, NOTICE_SETTING);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 30 ? n : DEFAULT_NOTICE_DAYS;
}

export async function setNoticeWorkingDays(
  database: Database,
  actor: AuditActor,
  raw: string,
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  const value = raw.trim();
  if (!/^\d{1,2}$/.test(value) || Number(value) > 30) return { ok: false, error: 'meetings.error.noticeDays' };
  await writeTransaction(database, async (tx) => {
    await putSetting(tx, NOTICE_SETTING, String(Number(value)));
    await appendAudit(tx, {
      actor,
      action: 'settings.update',
      summary: `Agenda notice set to ${Number(value)} working days`,
      details: { key: NOTICE_SETTING, value: Number(value) },
    });
  });
  return { ok: true };
}

// --- Meetings -----------------------------------------------------------------------------

export interface MeetingInput {
  committeeId: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  locationId: string;
}

export const emptyMeetingInput = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  committeeId: '',
  title: 'Ordinært møde',
  date: '',
  startTime: '16:00',
  endTime: '',
  locationId: '',
  ...over,
});

export function inputFromMeeting(m: MeetingRow): MeetingInput {
  const start = new Date(m.starts_at);
  return {
    committeeId: String(m.committee_id),
    title: m.title,
    date: copenhagenDate(start),
    startTime: copenhagenTime(start),
    endTime: m.ends_at ? copenhagenTime(new Date(m.ends_at)) : '',
    locationId: m.location_id ? String(m.location_id) : '',
  };
}

async function validateMeeting(
  database: Database,
  input: MeetingInput,
): Promise<{ errors: Errors<keyof MeetingInput>; startsAt: string | null; endsAt: string | null }> {
  const e: Errors<keyof MeetingInput> = {};
  const committeeId = toId(input.committeeId);
  const committee = committeeId
    ? await database.db
        .selectFrom('committees')
        .select('id')
        .where('id', '=', committeeId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!committee) e.committeeId = 'meetings.error.committee';
  const title = input.title.trim();
  if (!title) e.title = 'meetings.error.meetingTitle';
  else if (title.length > 200) e.title = 'meetings.error.tooLong';
  if (!realDate(input.date)) e.date = 'meetings.error.date';
  let startsAt: string | null = null;
  let endsAt: string | null = null;
  if (!e.date) {
    startsAt = copenhagenInstant(input.date, input.startTime);
    if (!startsAt) e.startTime = 'meetings.error.time';
    if (input.endTime.trim()) {
      endsAt = copenhagenInstant(input.date, input.endTime);
      if (!endsAt) e.endTime = 'meetings.error.time';
      else if (startsAt && endsAt <= startsAt) e.endTime = 'meetings.error.endTime';
    }
  }
  if (input.locationId) {
    const id = toId(input.locationId);
    const loc = id
      ? await database.db
          .selectFrom('meeting_locations')
          .select('id')
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!loc) e.locationId = 'meetings.error.location';
  }
  return { errors: e, startsAt, endsAt };
}

export async function createMeeting(
  database: Database,
  actor: AuditActor,
  input: MeetingInput,
): Promise<{ ok: true; id: number } | { ok: false; errors: Errors<keyof MeetingInput> }> {
  const { errors, startsAt, endsAt } = await validateMeeting(database, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = await writeTransaction(database, async (tx) => {
    const at = nowIso();
    const row = await tx.db
      .insertInto('meetings')
      .values({
        committee_id: toId(input.committeeId)!,
        title: input.title.trim(),
        starts_at: startsAt!,
        ends_at: endsAt,
        location_id: toId(input.locationId),
        status: 'planned',
        agenda_published_at: null,
        minutes_published_at: null,
        created_at: at,
        created_by: actor.id,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: row.id,
      summary: `Planned "${input.title.trim()}" on ${input.date}`,
      details: { committee: toId(input.committeeId), startsAt },
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updateMeeting(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  input: MeetingInput,
): Promise<{ ok: true } | { ok: false; errors: Errors<keyof MeetingInput> }> {
  // A meeting cannot move to another committee once its agenda is out.
  if (meeting.status !== 'planned') input = { ...input, committeeId: String(meeting.committee_id) };
  const { errors, startsAt, endsAt } = await validateMeeting(database, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('meetings')
      .set({
        committee_id: toId(input.committeeId)!,
        title: input.title.trim(),
        starts_at: startsAt!,
        ends_at: endsAt,
        location_id: toId(input.locationId),
        updated_at: nowIso(),
      })
      .where('id', '=', meeting.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `Changed "${input.title.trim()}"`,
      details: { startsAt, endsAt, location: input.locationId || null },
    });
  });
  return { ok: true };
}

export async function getMeeting(database: Database, id: number): Promise<MeetingWithCommittee | undefined> {
  if (!toId(id)) return undefined;
  return database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .leftJoin('meeting_locations', 'meeting_locations.id', 'meetings.location_id')
    .selectAll('meetings')
    .select([
      'committees.name as committee_name',
      'committees.kind as committee_kind',
      'meeting_locations.description as location_description',
      'meeting_locations.room as location_room',
    ])
    .where('meetings.id', '=', id)
    .where('meetings.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Whether someone who is not the secretariat may see the meeting at all: its agenda was published. */
export const isVisibleMeeting = (m: Pick<MeetingRow, 'agenda_published_at'>) => m.agenda_published_at !== null;

export interface MeetingListOptions {
  /** The secretariat sees planned meetings too. */
  includePlanned: boolean;
  committeeId?: number;
  /** Upcoming: from this instant on, earliest first; recent: before it, latest first. */
  when: 'upcoming' | 'recent';
  now?: Date;
  limit?: number;
  /** Only these committees. */
  committeeIds?: number[];
}

export async function listMeetings(database: Database, o: MeetingListOptions): Promise<MeetingWithCommittee[]> {
  const now = (o.now ?? new Date()).toISOString();
  // A meeting counts as upcoming until the end of its day.
  const cutoff = new Date(new Date(now).getTime() - 12 * 3600_000).toISOString();
  if (o.committeeIds && o.committeeIds.length === 0) return [];
  let q = database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .leftJoin('meeting_locations', 'meeting_locations.id', 'meetings.location_id')
    .selectAll('meetings')
    .select([
      'committees.name as committee_name',
      'committees.kind as committee_kind',
      'meeting_locations.description as location_description',
      'meeting_locations.room as location_room',
    ])
    .where('meetings.deleted_at', 'is', null);
  if (!o.includePlanned) q = q.where('meetings.agenda_published_at', 'is not', null);
  if (o.committeeId) q = q.where('meetings.committee_id', '=', o.committeeId);
  if (o.committeeIds) q = q.where('meetings.committee_id', 'in', o.committeeIds);
  q =
    o.when === 'upcoming'
      ? q.where('meetings.starts_at', '>=', cutoff).orderBy('meetings.starts_at', 'asc')
      : q.where('meetings.starts_at', '<', cutoff).orderBy('meetings.starts_at', 'desc');
  return q
    .orderBy('meetings.id')
    .limit(o.limit ?? 50)
    .execute();
}

/** A committee's meetings in one calendar year (Copenhagen), for the yearly plan. */
export async function meetingPlan(
  database: Database,
  committeeId: number,
  year: number,
  includePlanned: boolean,
): Promise<MeetingWithCommittee[]> {
  const from = new Date(Date.UTC(year - 1, 11, 31, 12)).toISOString();
  const to = new Date(Date.UTC(year, 11, 31, 23, 59)).toISOString();
  let q = database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .leftJoin('meeting_locations', 'meeting_locations.id', 'meetings.location_id')
    .selectAll('meetings')
    .select([
      'committees.name as committee_name',
      'committees.kind as committee_kind',
      'meeting_locations.description as location_description',
      'meeting_locations.room as location_room',
    ])
    .where('meetings.committee_id', '=', committeeId)
    .where('meetings.deleted_at', 'is', null)
    .where('meetings.starts_at', '>=', from)
    .where('meetings.starts_at', '<=', to)
    .orderBy('meetings.starts_at');
  if (!includePlanned) q = q.where('meetings.agenda_published_at', 'is not', null);
  const rows = await q.execute();
  return rows.filter((m) => copenhagenDate(new Date(m.starts_at)).startsWith(String(year)));
}

// --- Status -------------------------------------------------------------------------------

/** The moves the secretariat may make by hand (publication and approval have their own paths too). */
const TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  planned: ['cancelled'],
  published: ['held', 'cancelled'],
  held: ['approved', 'published'],
  approved: [],
  cancelled: ['planned'],
};

export function allowedTransitions(
  m: Pick<MeetingRow, 'status' | 'agenda_published_at' | 'minutes_published_at'>,
): MeetingStatus[] {
  return TRANSITIONS[m.status].filter((to) => {
    if (to === 'approved') return m.minutes_published_at !== null;
    if (to === 'planned') return m.agenda_published_at === null;
    return true;
  });
}

export async function changeStatus(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  to: string,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  if (!allowedTransitions(meeting).includes(to as MeetingStatus)) return { ok: false, error: 'meetings.error.status' };
  const result = await writeTransaction(database, async (tx) => {
    const fresh = await tx.db
      .selectFrom('meetings')
      .select('status')
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    if (fresh.status !== meeting.status) return { ok: false as const, error: 'meetings.error.status' as const };
    await tx.db
      .updateTable('meetings')
      .set({ status: to as MeetingStatus, updated_at: nowIso() })
      .where('id', '=', meeting.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: `meeting.status.${to}`,
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `"${meeting.title}": ${meeting.status} → ${to}`,
      details: { from: meeting.status, to },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
  // Members who received the agenda hear that the meeting is off.
  if (result.ok && to === 'cancelled') await notifyCancelled(database, meeting.id);
  return result;
}

// --- Publication --------------------------------------------------------------------------

export interface PublishInput {
  changeKind: string;
  changeNote: string;
}

export type PublishResult =
  | { ok: true; version: PublishedVersion; late: boolean; deadline: string }
  | { ok: false; errors: Errors<'changeKind' | 'changeNote' | 'items' | 'status'> };

/**
 * Publishes the agenda: the first time as version 1 (the meeting becomes `published`), later as
 * an addendum (tillægsdagsorden) or a new version, each with a required change note. One
 * transaction: the sealed version, its audit entry and the meeting's status commit together.
 * A late publication (fewer working days before the meeting than the rule) is allowed; the
 * result says so, and the editor warns beforehand.
 */
export async function publishAgenda(
  database: Database,
  actor: AuditActor,
  meetingId: number,
  input: PublishInput,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<PublishResult> {
  const [noticeDays, closing] = await Promise.all([noticeWorkingDays(database), closingDays(database)]);
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `published_versions:${meetingId}:agenda`);
    const meeting = await tx.db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', meetingId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    const e: Errors<'changeKind' | 'changeNote' | 'items' | 'status'> = {};
    if (meeting.status !== 'planned' && meeting.status !== 'published') e.status = 'meetings.error.publishStatus';
    const count = await tx.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meeting_id', '=', meetingId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(count.n) === 0) e.items = 'meetings.error.noItems';
    const previous = await latestVersion(tx, meetingId, 'agenda');
    const note = input.changeNote.replace(/\r\n?/g, '\n').trim();
    if (previous) {
      if (input.changeKind !== 'addendum' && input.changeKind !== 'version') e.changeKind = 'meetings.error.changeKind';
      if (!note) e.changeNote = 'meetings.error.changeNote';
      else if (note.length > 2000) e.changeNote = 'meetings.error.tooLong';
    }
    if (Object.keys(e).length) return { ok: false as const, errors: e };
    const version = await publishVersion(tx, meetingId, 'agenda', {
      actor,
      changeKind: previous ? (input.changeKind as ChangeKind) : null,
      changeNote: previous ? note : null,
      ip: opts.ip ?? null,
    });
    const at = version.publishedAt;
    await tx.db
      .updateTable('meetings')
      .set({
        status: meeting.status === 'planned' ? 'published' : meeting.status,
        agenda_published_at: meeting.agenda_published_at ?? at,
        updated_at: at,
      })
      .where('id', '=', meetingId)
      .execute();
    const { late, deadline } = isLateNotice(meeting.starts_at, opts.now ?? new Date(), noticeDays, closing);
    return { ok: true as const, version, late, deadline };
  });
}

// --- What changed between two versions ----------------------------------------------------

export type ChangedField =
  'title' | 'number' | 'closed' | 'presentation' | 'recommendation' | 'economy' | 'attachments' | 'decision';

export interface SnapshotDiff {
  added: SnapshotItem[];
  removed: SnapshotItem[];
  changed: Array<{ item: SnapshotItem; before: SnapshotItem; fields: ChangedField[] }>;
  meetingChanged: Array<'title' | 'startsAt' | 'location'>;
}

/**
 * Compares two snapshots item by item (agenda item ids are stable across versions). Both must
 * already be redacted for the same viewer with the same closures (access.ts), so a change inside
 * a closed item, or an item opened and closed again, shows only to those who may read it.
 */
export function diffSnapshots(before: PublishedSnapshot, after: PublishedSnapshot): SnapshotDiff {
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Map(after.items.map((i) => [i.id, i]));
  const attachmentsKey = (i: SnapshotItem) =>
    i.attachments.map((a) => `${a.documentId}:${a.version}:${a.title}:${a.closed}`).join('|');
  const changed: SnapshotDiff['changed'] = [];
  for (const item of after.items) {
    const prev = old.get(item.id);
    if (!prev) continue;
    const fields: ChangedField[] = [];
    if (prev.title !== item.title) fields.push('title');
    if (prev.number !== item.number) fields.push('number');
    if (prev.closed !== item.closed) fields.push('closed');
    for (const f of ['presentation', 'recommendation', 'economy'] as const) if (prev[f] !== item[f]) fields.push(f);
    if (attachmentsKey(prev) !== attachmentsKey(item)) fields.push('attachments');
    if ((prev.decision ?? null) !== (item.decision ?? null)) fields.push('decision');
    if (fields.length) changed.push({ item, before: prev, fields });
  }
  const meetingChanged: SnapshotDiff['meetingChanged'] = [];
  if (before.meeting.title !== after.meeting.title) meetingChanged.push('title');
  if (before.meeting.startsAt !== after.meeting.startsAt) meetingChanged.push('startsAt');
  if (before.meeting.location !== after.meeting.location) meetingChanged.push('location');
  return {
    added: after.items.filter((i) => !old.has(i.id)),
    removed: before.items.filter((i) => !now.has(i.id)),
    changed,
    meetingChanged,
  };
}

export const isEmptyDiff = (d: SnapshotDiff) =>
  !d.added.length && !d.removed.length && !d.changed.length && !d.meetingChanged.length;

/** The committees a council person sits on today (substitutes excluded), for "my meetings". */
export async function committeesOfPerson(database: Database, personId: number, date: string): Promise<number[]> {
  const rows = await database.db
    .selectFrom('committee_memberships')
    .select('committee_id')
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .where('starts_on', '<=', date)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', date)]))
    .execute();
  return [...new Set(rows.map((r) => r.committee_id))];
}
