import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { PublishedKind } from '../../db/schema/meetings.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import { wordDiff, type DiffPart } from '../pages/index.ts';
import { loadMeeting, type MeetingRow } from '../minutes/index.ts';
import {
  approvalState,
  latestVersion,
  mayReadItem,
  meetingClosures,
  personOfUser,
  publishedVersions,
  redactSnapshot,
  verifySeals,
  viewerFor,
  type ApprovalState,
  type Closures,
  type MeetingViewer,
  type PublishedSnapshot,
  type PublishedVersion,
  type SnapshotAttachment,
  type SnapshotItem,
} from '../publication/index.ts';

/**
 * The politicians' reader: my committees' meetings, and each meeting's latest published agenda or
 * minutes as this viewer may see it. Everything shown comes from published snapshots passed
 * through `redactSnapshot` (access.ts), never from the live tables.
 */

export interface ReaderListEntry {
  id: number;
  committeeName: string;
  title: string;
  startsAt: string;
  status: MeetingRow['status'];
  minutesPublished: boolean;
  /** Minutes wait for this reader's approval. */
  approvalNeeded: boolean;
}

/** My committees' meetings with a published agenda: upcoming (soonest first) and past (newest first). */
export async function readerMeetings(
  database: Database,
  user: Actor,
  now = new Date(),
): Promise<{ person: { id: number; name: string } | undefined; upcoming: ReaderListEntry[]; past: ReaderListEntry[] }> {
  const person = await personOfUser(database, user.id);
  const secretariat = can(user, 'meetings.manage');
  let committeeIds: number[] | null = null;
  let periods: Array<{ committee_id: number; starts_on: string; ends_on: string | null }> = [];
  let substituteMeetings = new Set<number>();
  if (!secretariat) {
    if (!person) return { person, upcoming: [], past: [] };
    periods = await database.db
      .selectFrom('committee_memberships')
      .select(['committee_id', 'starts_on', 'ends_on'])
      .where('person_id', '=', person.id)
      .where('deleted_at', 'is', null)
      .execute();
    const subs = await database.db
      .selectFrom('meeting_attendance')
      .select('meeting_id')
      .where('person_id', '=', person.id)
      .where('substitute_for', 'is not', null)
      .execute();
    substituteMeetings = new Set(subs.map((s) => s.meeting_id));
    committeeIds = [...new Set(periods.map((p) => p.committee_id))];
    if (!committeeIds.length && !substituteMeetings.size) return { person, upcoming: [], past: [] };
  }
  const rows = await database.db
    .selectFrom('meetings as m')
    .innerJoin('committees as c', 'c.id', 'm.committee_id')
    .select([
      'm.id',
      'm.committee_id',
      'm.title',
      'm.starts_at',
      'm.status',
      'm.minutes_published_at',
      'c.name as committee_name',
    ])
    .where('m.deleted_at', 'is', null)
    .where('m.status', '!=', 'planned')
    .where(sql<boolean>`exists (select 1 from published_versions pv where pv.meeting_id = m.id and pv.kind = 'agenda')`)
    .$if(committeeIds !== null, (qb) =>
      qb.where((eb) => {
        const ors = [];
        if (committeeIds!.length) ors.push(eb('m.committee_id', 'in', committeeIds!));
        if (substituteMeetings.size) ors.push(eb('m.id', 'in', [...substituteMeetings]));
        return eb.or(ors);
      }),
    )
    .orderBy('m.starts_at', 'desc')
    .limit(400)
    .execute();
  // A member sees the meetings of the periods they sat on the committee (and any they attended as a substitute).
  const mine = rows.filter((m) => {
    if (committeeIds === null || substituteMeetings.has(m.id)) return true;
    const date = copenhagenDate(new Date(m.starts_at));
    return periods.some(
      (p) => p.committee_id === m.committee_id && p.starts_on <= date && (p.ends_on === null || p.ends_on >= date),
    );
  });
  // Minutes waiting for this person's approval.
  const held = mine.filter((m) => m.status === 'held').map((m) => m.id);
  const waiting = new Set<number>();
  if (person && held.length) {
    for (const id of held) {
      const v = await latestVersion(database, id, 'minutes');
      if (!v) continue;
      const state = await approvalState(database, v);
      if (
        state.expected.some((e) => e.personId === person.id) &&
        !state.approvals.some((a) => a.personId === person.id)
      )
        waiting.add(id);
    }
  }
  const cutoff = now.getTime() - 6 * 3600_000;
  const entries = mine.map((m): ReaderListEntry => ({
    id: m.id,
    committeeName: m.committee_name,
    title: m.title,
    startsAt: m.starts_at,
    status: m.status,
    minutesPublished: !!m.minutes_published_at,
    approvalNeeded: waiting.has(m.id),
  }));
  return {
    person,
    upcoming: entries.filter((e) => new Date(e.startsAt).getTime() >= cutoff).reverse(),
    past: entries.filter((e) => new Date(e.startsAt).getTime() < cutoff).slice(0, 60),
  };
}

export interface ItemChange {
  itemId: number;
  number: number;
  title: string;
  kind: 'added' | 'changed' | 'removed';
  /** Which parts changed (for 'changed'). */
  sections: Array<
    'title' | 'presentation' | 'recommendation' | 'economy' | 'decision' | 'attachments' | 'closed' | 'dissents'
  >;
}

const attachmentKey = (a: SnapshotAttachment) => `${a.id}:${a.version}:${a.title}`;

/** What changed between two versions as one viewer sees them (both already redacted). */
export function changesBetween(before: PublishedSnapshot, after: PublishedSnapshot): ItemChange[] {
  const old = new Map(before.items.map((i) => [i.id, i]));
  const out: ItemChange[] = [];
  for (const item of after.items) {
    const was = old.get(item.id);
    if (!was) {
      out.push({ itemId: item.id, number: item.number, title: item.title, kind: 'added', sections: [] });
      continue;
    }
    const sections: ItemChange['sections'] = [];
    if (was.title !== item.title) sections.push('title');
    if (was.presentation !== item.presentation) sections.push('presentation');
    if (was.recommendation !== item.recommendation) sections.push('recommendation');
    if (was.economy !== item.economy) sections.push('economy');
    if ((was.decision ?? null) !== (item.decision ?? null)) sections.push('decision');
    if (JSON.stringify(was.dissents ?? []) !== JSON.stringify(item.dissents ?? [])) sections.push('dissents');
    if (was.attachments.map(attachmentKey).join('|') !== item.attachments.map(attachmentKey).join('|'))
      sections.push('attachments');
    if (was.closed !== item.closed) sections.push('closed');
    if (sections.length)
      out.push({ itemId: item.id, number: item.number, title: item.title, kind: 'changed', sections });
  }
  const now = new Set(after.items.map((i) => i.id));
  for (const item of before.items)
    if (!now.has(item.id))
      out.push({ itemId: item.id, number: item.number, title: item.title, kind: 'removed', sections: [] });
  return out;
}

export interface ReaderMeeting {
  meeting: MeetingRow;
  viewer: MeetingViewer;
  /** What is closed in the meeting's latest agenda and minutes (applied to every version shown). */
  closures: Closures;
  kind: PublishedKind;
  /** Which kinds this viewer may open (agenda always; minutes once sent and visible). */
  kinds: PublishedKind[];
  version: PublishedVersion;
  /** The version's snapshot as this viewer may see it. */
  snapshot: PublishedSnapshot;
  previous: { number: number; snapshot: PublishedSnapshot } | null;
  changes: ItemChange[];
  /** Minutes only. */
  approval: (ApprovalState & { mine: 'needed' | 'given' | 'none'; givenAt: string | null }) | null;
  seals: { ok: true } | { ok: false; number: number } | null;
}

/**
 * A meeting in the reader: the latest published agenda, or the minutes (published ones for every
 * reader; minutes awaiting approval for the secretariat and the members present). Undefined when
 * the meeting has nothing published (the route answers 404).
 */
export async function readerMeeting(
  database: Database,
  user: Actor,
  meetingId: number,
  want?: PublishedKind,
): Promise<ReaderMeeting | undefined> {
  const meeting = await loadMeeting(database, meetingId);
  if (!meeting) return undefined;
  const [agenda, minutes, viewer, closures] = await Promise.all([
    latestVersion(database, meetingId, 'agenda'),
    latestVersion(database, meetingId, 'minutes'),
    viewerFor(database, user, meeting),
    meetingClosures(database, meetingId),
  ]);
  if (!agenda) return undefined;
  let approval: ReaderMeeting['approval'] = null;
  let minutesVisible = false;
  if (minutes) {
    const state = await approvalState(database, minutes);
    const present = viewer.personId !== null && state.expected.some((e) => e.personId === viewer.personId);
    minutesVisible = !!meeting.minutes_published_at || (meeting.status === 'held' && (viewer.secretariat || present));
    const given = state.approvals.find((a) => a.personId === viewer.personId);
    approval = {
      ...state,
      mine: given ? 'given' : present && meeting.status === 'held' ? 'needed' : 'none',
      givenAt: given?.approvedAt ?? null,
    };
  }
  const kinds: PublishedKind[] = minutesVisible ? ['agenda', 'minutes'] : ['agenda'];
  const kind: PublishedKind = want && kinds.includes(want) ? want : minutesVisible ? 'minutes' : 'agenda';
  const version = kind === 'minutes' ? minutes! : agenda;
  const snapshot = redactSnapshot(version.snapshot, viewer, closures);
  let previous: ReaderMeeting['previous'] = null;
  if (version.number > 1) {
    const all = await publishedVersions(database, meetingId, kind);
    const prev = all.find((v) => v.number === version.number - 1);
    if (prev) previous = { number: prev.number, snapshot: redactSnapshot(prev.snapshot, viewer, closures) };
  }
  const changes = previous ? changesBetween(previous.snapshot, snapshot) : [];
  const seals = kind === 'minutes' ? await verifySeals(database, meetingId, 'minutes') : null;
  return {
    meeting,
    viewer,
    closures,
    kind,
    kinds,
    version,
    snapshot,
    previous,
    changes,
    approval: kind === 'minutes' ? approval : approval?.mine === 'needed' ? approval : null,
    seals,
  };
}

export interface ReaderItem {
  item: SnapshotItem;
  readable: boolean;
  keptOut: boolean;
  prev: SnapshotItem | null;
  next: SnapshotItem | null;
  change: ItemChange | null;
  /** Word differences of the changed text sections against the previous version. */
  diffs: Partial<Record<'title' | 'presentation' | 'recommendation' | 'economy' | 'decision', DiffPart[]>>;
}

/** One item of a reader meeting (already redacted), with its neighbours and what changed. */
export function readerItem(m: ReaderMeeting, itemId: number, original?: SnapshotItem): ReaderItem | undefined {
  const index = m.snapshot.items.findIndex((i) => i.id === itemId);
  if (index < 0) return undefined;
  const item = m.snapshot.items[index]!;
  const full = original ?? m.version.snapshot.items.find((i) => i.id === itemId)!;
  const readable = mayReadItem(full, m.viewer, m.closures);
  const keptOut =
    !readable &&
    m.viewer.member &&
    (full.disqualified.some((d) => d.keptOut && d.personId === m.viewer.personId) ||
      (m.viewer.personId !== null && !!m.closures.keptOut.get(itemId)?.has(m.viewer.personId)));
  const change = m.changes.find((c) => c.itemId === itemId) ?? null;
  const diffs: ReaderItem['diffs'] = {};
  const before = m.previous?.snapshot.items.find((i) => i.id === itemId);
  if (readable && before && change) {
    for (const s of ['title', 'presentation', 'recommendation', 'economy', 'decision'] as const) {
      if (change.sections.includes(s))
        diffs[s] = wordDiff((before[s] ?? '') as string, (item[s] ?? '') as string, { elide: s !== 'title' });
    }
  }
  return {
    item,
    readable,
    keptOut,
    prev: m.snapshot.items[index - 1] ?? null,
    next: m.snapshot.items[index + 1] ?? null,
    change,
    diffs,
  };
}

/**
 * The published version (raw snapshot and viewer) in which this viewer may open an attachment:
 * the latest minutes first, then the latest agenda. `serveSnapshotAttachment` redacts it for the
 * viewer again before sending, so a closed attachment never resolves for someone who may not see it.
 */
export async function readerAttachment(
  database: Database,
  user: Actor,
  meetingId: number,
  attachmentId: number,
): Promise<{ snapshot: PublishedSnapshot; viewer: MeetingViewer; closures: Closures } | undefined> {
  for (const kind of ['minutes', 'agenda'] as const) {
    const m = await readerMeeting(database, user, meetingId, kind);
    if (!m || m.kind !== kind) continue;
    if (m.snapshot.items.some((item) => item.attachments.some((a) => a.id === attachmentId)))
      return { snapshot: m.version.snapshot, viewer: m.viewer, closures: m.closures };
  }
  return undefined;
}
