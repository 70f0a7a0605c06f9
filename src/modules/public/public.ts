import type { Database } from '../../db/index.ts';
import type { CommitteeKind, MeetingStatus, MembershipRole, PublishedKind } from '../../db/schema/meetings.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import {
  closuresOfMeetings,
  meetingClosures,
  PUBLIC_VIEWER,
  redactSnapshot,
  type Closures,
  type PublishedSnapshot,
  type PublishedVersion,
  type SnapshotItem,
} from '../publication/index.ts';

/**
 * What the public may see of the political process: meetings with a published agenda, read from
 * published snapshots only (never from the live agenda tables), always through `redactSnapshot`
 * with `PUBLIC_VIEWER`. Used by the public pages, the iCalendar feeds and the OParl API.
 *
 * An item or attachment that is closed in the meeting's latest agenda or latest minutes is
 * treated as closed in every version: `redactSnapshot` applies the meeting's `Closures`
 * (access.ts), for the public exactly as for everyone else.
 *
 * Lists need only a meeting's header and its items' ids and flags, so a small summary of every
 * published version is kept in memory, keyed by the version's id. Published versions never
 * change (the database refuses UPDATE and DELETE), so the cache needs no invalidation, and it
 * holds no titles or text: nothing closed can leak from it.
 */

export interface VersionRow {
  id: number;
  meetingId: number;
  kind: PublishedKind;
  number: number;
  publishedAt: string;
  changeKind: 'addendum' | 'version' | null;
  changeNote: string | null;
  sha256: string;
}

interface VersionSummary {
  meeting: PublishedSnapshot['meeting'];
  /** Each item's id, number and own closed flag; paper and open attachments of open items only. */
  items: Array<{ id: number; number: number; closed: boolean; paperId: number | null; attachmentIds: number[] }>;
}

const SUMMARY_LIMIT = 50_000;
/** Per database (ids repeat across databases, e.g. in tests) and version id. */
const summaryCache = new WeakMap<Database, Map<number, VersionSummary>>();

function summarise(snapshot: PublishedSnapshot): VersionSummary {
  return {
    meeting: snapshot.meeting,
    items: snapshot.items.map((i) => ({
      id: i.id,
      number: i.number,
      closed: i.closed,
      paperId: i.closed ? null : i.paperId,
      attachmentIds: i.closed ? [] : i.attachments.filter((a) => !a.closed).map((a) => a.id),
    })),
  };
}

async function summariesOf(database: Database, versionIds: number[]): Promise<Map<number, VersionSummary>> {
  const summaries = summaryCache.get(database) ?? new Map<number, VersionSummary>();
  summaryCache.set(database, summaries);
  const missing = versionIds.filter((id) => !summaries.has(id));
  for (let i = 0; i < missing.length; i += 200) {
    const rows = await database.db
      .selectFrom('published_versions')
      .select(['id', 'snapshot'])
      .where('id', 'in', missing.slice(i, i + 200))
      .execute();
    if (summaries.size + rows.length > SUMMARY_LIMIT) summaries.clear();
    for (const row of rows) summaries.set(row.id, summarise(JSON.parse(row.snapshot) as PublishedSnapshot));
  }
  return new Map(versionIds.map((id) => [id, summaries.get(id)!] as const).filter(([, s]) => !!s));
}

/**
 * Every public version's metadata (no snapshots), optionally of some meetings only. Minutes are
 * public only once approved (meetings.minutes_published_at): a version sent to the members for
 * approval is not yet the minutes.
 */
async function versionRows(database: Database, meetingIds?: number[]): Promise<VersionRow[]> {
  let q = database.db
    .selectFrom('published_versions')
    .innerJoin('meetings', 'meetings.id', 'published_versions.meeting_id')
    .select([
      'published_versions.id',
      'published_versions.meeting_id',
      'published_versions.kind',
      'published_versions.number',
      'published_versions.published_at',
      'published_versions.change_kind',
      'published_versions.change_note',
      'published_versions.sha256',
    ])
    .where((eb) =>
      eb.or([eb('published_versions.kind', '=', 'agenda'), eb('meetings.minutes_published_at', 'is not', null)]),
    )
    .orderBy('published_versions.meeting_id')
    .orderBy('published_versions.kind')
    .orderBy('published_versions.number');
  if (meetingIds) {
    if (meetingIds.length === 0) return [];
    q = q.where('published_versions.meeting_id', 'in', meetingIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    kind: r.kind,
    number: r.number,
    publishedAt: r.published_at,
    changeKind: r.change_kind,
    changeNote: r.change_note,
    sha256: r.sha256,
  }));
}

export interface PublicMeetingEntry {
  id: number;
  committeeId: number;
  committeeName: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  locationId: number | null;
  location: string | null;
  /** Live status: only whether the meeting is cancelled, held or approved is taken from it. */
  status: MeetingStatus;
  deletedAt: string | null;
  agenda: VersionRow | null;
  minutes: VersionRow | null;
  versions: VersionRow[];
  /** When the meeting first became public. */
  firstPublishedAt: string;
  /** The latest public change: a publication, a cancellation or a deletion. */
  modifiedAt: string;
  /** The open items (in every latest version) and their papers. */
  publicItems: Array<{ id: number; number: number; paperId: number | null; attachmentIds: number[] }>;
  closedItemCount: number;
}

const maxIso = (...values: Array<string | null | undefined>): string =>
  values.filter((v): v is string => !!v).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));

/**
 * Every meeting that has a published agenda or minutes, header from its latest published version
 * (minutes before agenda), newest first. Deleted meetings are included only when asked for (OParl
 * shows them as deleted).
 */
export async function listPublicMeetings(
  database: Database,
  opts: { committeeId?: number; meetingIds?: number[]; includeDeleted?: boolean } = {},
): Promise<PublicMeetingEntry[]> {
  const versions = await versionRows(database, opts.meetingIds);
  const byMeeting = new Map<number, VersionRow[]>();
  for (const v of versions) byMeeting.set(v.meetingId, [...(byMeeting.get(v.meetingId) ?? []), v]);
  if (byMeeting.size === 0) return [];
  const meetingIds = [...byMeeting.keys()];
  const meetings = new Map<
    number,
    { status: MeetingStatus; deleted_at: string | null; updated_at: string; committee_id: number }
  >();
  for (let i = 0; i < meetingIds.length; i += 500) {
    const rows = await database.db
      .selectFrom('meetings')
      .select(['id', 'status', 'deleted_at', 'updated_at', 'committee_id'])
      .where('id', 'in', meetingIds.slice(i, i + 500))
      .execute();
    for (const r of rows) meetings.set(r.id, r);
  }
  const latest = (list: VersionRow[], kind: PublishedKind) => list.filter((v) => v.kind === kind).at(-1) ?? null;
  const latestIds = [...byMeeting.values()]
    .flatMap((list) => [latest(list, 'agenda'), latest(list, 'minutes')])
    .filter((v): v is VersionRow => !!v)
    .map((v) => v.id);
  const sums = await summariesOf(database, latestIds);
  const closures = await closuresOfMeetings(database, meetingIds);

  const entries: PublicMeetingEntry[] = [];
  for (const [meetingId, list] of byMeeting) {
    const live = meetings.get(meetingId);
    if (!live) continue;
    if (live.deleted_at && !opts.includeDeleted) continue;
    if (opts.committeeId !== undefined && live.committee_id !== opts.committeeId) continue;
    const agenda = latest(list, 'agenda');
    const minutes = latest(list, 'minutes');
    const head = sums.get((minutes ?? agenda)!.id);
    if (!head) continue;
    const closed = closures.get(meetingId)!;
    const lastPublished = list.reduce((a, v) => maxIso(a, v.publishedAt), list[0]!.publishedAt);
    entries.push({
      id: meetingId,
      committeeId: head.meeting.committeeId,
      committeeName: head.meeting.committeeName,
      title: head.meeting.title,
      startsAt: head.meeting.startsAt,
      endsAt: head.meeting.endsAt,
      locationId: head.meeting.locationId,
      location: head.meeting.location,
      status: live.status,
      deletedAt: live.deleted_at,
      agenda,
      minutes,
      versions: list,
      firstPublishedAt: list.reduce(
        (a, v) => (Date.parse(v.publishedAt) < Date.parse(a) ? v.publishedAt : a),
        list[0]!.publishedAt,
      ),
      modifiedAt: maxIso(lastPublished, live.status === 'cancelled' ? live.updated_at : null, live.deleted_at),
      publicItems: head.items
        .filter((i) => !i.closed && !closed.items.has(i.id))
        .map((i) => ({
          id: i.id,
          number: i.number,
          paperId: i.paperId,
          attachmentIds: i.attachmentIds.filter((a) => !closed.attachments.has(a)),
        })),
      closedItemCount: head.items.filter((i) => i.closed || closed.items.has(i.id)).length,
    });
  }
  entries.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt) || b.id - a.id);
  return entries;
}

/** The year (in Copenhagen) a meeting is held. */
export function meetingYear(entry: Pick<PublicMeetingEntry, 'startsAt'>): number {
  return Number(copenhagenDate(new Date(entry.startsAt)).slice(0, 4));
}

/** The public view of one version of a meeting: `redactSnapshot` with `PUBLIC_VIEWER` and the meeting's closures. */
export function publicSnapshot(snapshot: PublishedSnapshot, closures: Closures): PublishedSnapshot {
  return redactSnapshot(snapshot, PUBLIC_VIEWER, closures);
}

export interface PublicMeeting {
  entry: PublicMeetingEntry;
  /** The latest agenda and minutes as the public sees them. */
  agenda: PublishedVersion | null;
  minutes: PublishedVersion | null;
  /** The version asked for (an earlier one, or the latest minutes, else the latest agenda). */
  shown: PublishedVersion;
  /** What is closed in the meeting's latest agenda and minutes (access.ts). */
  closures: Closures;
}

async function loadVersions(database: Database, ids: number[]): Promise<Map<number, PublishedSnapshot>> {
  if (ids.length === 0) return new Map();
  const rows = await database.db
    .selectFrom('published_versions')
    .select(['id', 'snapshot'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.snapshot) as PublishedSnapshot]));
}

function asVersion(row: VersionRow, snapshot: PublishedSnapshot, previousSha256: string | null): PublishedVersion {
  return { ...row, snapshot, previousSha256, publishedBy: null };
}

/**
 * One public meeting with its latest agenda and minutes (redacted for the public), or undefined
 * when it has no published version or is deleted. `versionId` picks an earlier version to show.
 */
export async function publicMeeting(
  database: Database,
  meetingId: number,
  opts: { versionId?: number; kind?: PublishedKind } = {},
): Promise<PublicMeeting | undefined> {
  const [entry] = await listPublicMeetings(database, { meetingIds: [meetingId] });
  if (!entry) return undefined;
  const wanted = opts.versionId !== undefined ? entry.versions.find((v) => v.id === opts.versionId) : undefined;
  if (opts.versionId !== undefined && !wanted) return undefined;
  const ids = [entry.agenda?.id, entry.minutes?.id, wanted?.id].filter((id): id is number => id !== undefined);
  const raw = await loadVersions(database, [...new Set(ids)]);
  const closures = await meetingClosures(database, meetingId);
  const previousOf = (v: VersionRow) =>
    entry.versions.find((p) => p.kind === v.kind && p.number === v.number - 1)?.sha256 ?? null;
  const make = (v: VersionRow | null) =>
    v ? asVersion(v, publicSnapshot(raw.get(v.id)!, closures), previousOf(v)) : null;
  const agenda = make(entry.agenda);
  const minutes = make(entry.minutes);
  let shown: PublishedVersion;
  if (wanted) shown = make(wanted)!;
  else if (opts.kind === 'agenda' && agenda) shown = agenda;
  else shown = (minutes ?? agenda)!;
  return { entry, agenda, minutes, shown, closures };
}

/** Every version of a meeting, redacted for the public with the latest closures (for diffs). */
export async function publicVersionHistory(database: Database, meeting: PublicMeeting): Promise<PublishedVersion[]> {
  const raw = await loadVersions(
    database,
    meeting.entry.versions.map((v) => v.id),
  );
  return meeting.entry.versions.map((v, _i, all) => {
    const previous = all.find((p) => p.kind === v.kind && p.number === v.number - 1);
    return asVersion(v, publicSnapshot(raw.get(v.id)!, meeting.closures), previous?.sha256 ?? null);
  });
}

export type VersionChange =
  | { kind: 'added' | 'removed' | 'changed' | 'attachments'; number: number; title: string; closed: boolean }
  | { kind: 'renumbered'; from: number; number: number; title: string; closed: boolean };

/** What changed between two public versions of the same kind, item by item (by item id). */
export function diffVersions(previous: PublishedSnapshot, next: PublishedSnapshot): VersionChange[] {
  const before = new Map(previous.items.map((i) => [i.id, i]));
  const after = new Map(next.items.map((i) => [i.id, i]));
  const changes: VersionChange[] = [];
  const text = (i: SnapshotItem) =>
    JSON.stringify([
      i.title,
      i.presentation,
      i.recommendation,
      i.economy,
      i.decision ?? null,
      i.dissents ?? [],
      i.closed,
    ]);
  const files = (i: SnapshotItem) => JSON.stringify(i.attachments.map((a) => [a.id, a.title, a.blobSha256]));
  for (const item of next.items) {
    const old = before.get(item.id);
    if (!old) {
      changes.push({ kind: 'added', number: item.number, title: item.title, closed: item.closed });
      continue;
    }
    if (old.number !== item.number)
      changes.push({
        kind: 'renumbered',
        from: old.number,
        number: item.number,
        title: item.title,
        closed: item.closed,
      });
    if (text(old) !== text(item))
      changes.push({ kind: 'changed', number: item.number, title: item.title, closed: item.closed });
    if (files(old) !== files(item))
      changes.push({ kind: 'attachments', number: item.number, title: item.title, closed: item.closed });
  }
  for (const item of previous.items) {
    if (!after.has(item.id))
      changes.push({ kind: 'removed', number: item.number, title: item.title, closed: item.closed });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Committees and members (live tables: who sits where is public information).

export interface PublicCommittee {
  id: number;
  name: string;
  shortName: string | null;
  kind: CommitteeKind;
  mandate: string | null;
  termStart: string | null;
  termEnd: string | null;
  memberCount: number;
}

export async function listPublicCommittees(database: Database): Promise<PublicCommittee[]> {
  const today = copenhagenDate(new Date());
  const rows = await database.db
    .selectFrom('committees')
    .select(['id', 'name', 'short_name', 'kind', 'mandate', 'term_start', 'term_end'])
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('name')
    .execute();
  const counts = await database.db
    .selectFrom('committee_memberships')
    .select(['committee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .where('role', '!=', 'substitute')
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .groupBy('committee_id')
    .execute();
  const count = new Map(counts.map((c) => [c.committee_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    mandate: r.mandate,
    termStart: r.term_start,
    termEnd: r.term_end,
    memberCount: count.get(r.id) ?? 0,
  }));
}

export interface PublicMember {
  personId: number;
  name: string;
  party: string | null;
  role: MembershipRole;
  startsOn: string;
  endsOn: string | null;
}

/** A committee and its current members (chair first), or undefined when it does not exist. */
export async function publicCommittee(
  database: Database,
  committeeId: number,
): Promise<{ committee: PublicCommittee; members: PublicMember[] } | undefined> {
  const committee = (await listPublicCommittees(database)).find((c) => c.id === committeeId);
  if (!committee) return undefined;
  const today = copenhagenDate(new Date());
  const rows = await database.db
    .selectFrom('committee_memberships')
    .innerJoin('council_persons', 'council_persons.id', 'committee_memberships.person_id')
    .select([
      'council_persons.id as person_id',
      'council_persons.name',
      'council_persons.party',
      'committee_memberships.role',
      'committee_memberships.starts_on',
      'committee_memberships.ends_on',
    ])
    .where('committee_memberships.committee_id', '=', committeeId)
    .where('committee_memberships.deleted_at', 'is', null)
    .where('council_persons.deleted_at', 'is', null)
    .where('committee_memberships.starts_on', '<=', today)
    .where((eb) =>
      eb.or([eb('committee_memberships.ends_on', 'is', null), eb('committee_memberships.ends_on', '>=', today)]),
    )
    .execute();
  const order: Record<MembershipRole, number> = { chair: 0, vice_chair: 1, member: 2, substitute: 3 };
  const members = rows
    .map((r) => ({
      personId: r.person_id,
      name: r.name,
      party: r.party,
      role: r.role,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
    }))
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name, 'da'));
  return { committee, members };
}

/** The municipality (the OParl Body): the root of the organisation. */
export async function municipality(
  database: Database,
): Promise<{ name: string; shortName: string | null; email: string | null; createdAt: string }> {
  const row = await database.db
    .selectFrom('org_units')
    .select(['name', 'short_name', 'email', 'created_at'])
    .where('kind', '=', 'municipality')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { name: row.name, shortName: row.short_name, email: row.email, createdAt: row.created_at }
    : { name: 'Kommunen', shortName: null, email: null, createdAt: '2026-01-01T00:00:00.000Z' };
}
