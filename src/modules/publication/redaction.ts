import type { Database } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import type { PublishedSnapshot, SnapshotItem } from './snapshot.ts';

/**
 * Who may see what of a meeting: the one place for the rules on closed items (lukkede punkter),
 * closed attachments and members kept out of an item (conflict of interest). Every view of a
 * published version (reader, employee pages, public pages, PDFs, OParl, search) goes through
 * `redactSnapshot`, which needs the meeting's `Closures` (from `meetingClosures` or
 * `closuresOfMeetings`, nowhere else).
 *
 * - The secretariat sees everything.
 * - A member of the committee (chair, vice-chair, member on the meeting's date; a substitute only
 *   when recorded as attending that meeting) sees closed items and closed attachments, except an
 *   item they are kept out of.
 * - Everyone else (employees, the public, the open API) sees that a closed item exists (its number)
 *   and nothing more, and never a closed attachment.
 * - Closed stays closed in the history: an item or attachment closed in the meeting's latest
 *   agenda or latest minutes counts as closed in every version of that meeting, and a member kept
 *   out of an item there is kept out of it in every version. An item opened by mistake and closed
 *   again in a later version is therefore not readable through the earlier version, its PDF, its
 *   attachments or the "what changed" list between versions.
 */

export interface MeetingViewer {
  /** null for the public. */
  userId: string | null;
  secretariat: boolean;
  /** The viewer's council person id, when they have one. */
  personId: number | null;
  /** Whether the viewer is a member of the meeting's committee for this meeting. */
  member: boolean;
}

export const PUBLIC_VIEWER: MeetingViewer = Object.freeze({
  userId: null,
  secretariat: false,
  personId: null,
  member: false,
});

/** The council person a user is, if any. */
export async function personOfUser(
  database: Database,
  userId: string,
): Promise<{ id: number; name: string } | undefined> {
  return database.db
    .selectFrom('council_persons')
    .select(['id', 'name'])
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Whether a council person is a member of a committee on a date (yyyy-mm-dd), substitutes excluded. */
export async function isMemberOn(
  database: Database,
  personId: number,
  committeeId: number,
  date: string,
): Promise<boolean> {
  const row = await database.db
    .selectFrom('committee_memberships')
    .select('id')
    .where('person_id', '=', personId)
    .where('committee_id', '=', committeeId)
    .where('role', '!=', 'substitute')
    .where('deleted_at', 'is', null)
    .where('starts_on', '<=', date)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', date)]))
    .executeTakeFirst();
  return !!row;
}

/** How a signed-in user (or the public, for null) sees one meeting. */
export async function viewerFor(
  database: Database,
  user: Actor | null | undefined,
  meeting: { id: number; committee_id: number; starts_at: string },
): Promise<MeetingViewer> {
  if (!user) return PUBLIC_VIEWER;
  const secretariat = can(user, 'meetings.manage');
  const person = await personOfUser(database, user.id);
  if (!person) return { userId: user.id, secretariat, personId: null, member: false };
  let member = await isMemberOn(database, person.id, meeting.committee_id, copenhagenDate(new Date(meeting.starts_at)));
  if (!member) {
    // A substitute who attended (or is called in for) this meeting.
    const sub = await database.db
      .selectFrom('meeting_attendance')
      .select('person_id')
      .where('meeting_id', '=', meeting.id)
      .where('person_id', '=', person.id)
      .where('substitute_for', 'is not', null)
      .executeTakeFirst();
    member = !!sub;
  }
  return { userId: user.id, secretariat, personId: person.id, member };
}

/**
 * What is closed in a meeting's latest published agenda and latest published minutes (minutes
 * awaiting approval included: closing is never a disclosure). Applied by `redactSnapshot` to every
 * version of that meeting. Only `closuresOfMeetings`/`meetingClosures` make one, from the database.
 */
declare const closuresBrand: unique symbol;

export interface Closures {
  /** Only made here: a hand-built value does not type-check. */
  readonly [closuresBrand]: true;
  readonly meetingId: number;
  readonly items: ReadonlySet<number>;
  readonly attachments: ReadonlySet<number>;
  /** Item id → council persons kept out of it. */
  readonly keptOut: ReadonlyMap<number, ReadonlySet<number>>;
}

interface VersionClosures {
  items: number[];
  attachments: number[];
  keptOut: Array<[number, number]>;
}

/**
 * Per database and published version id; versions are immutable (the database refuses
 * UPDATE/DELETE), so this never goes stale. Keyed by the database too, because ids repeat across
 * databases (the tests open several in one process).
 */
const closuresCache = new WeakMap<Database, Map<number, VersionClosures>>();
const CLOSURES_LIMIT = 50_000;

function closuresOfSnapshot(snapshot: PublishedSnapshot): VersionClosures {
  const out: VersionClosures = { items: [], attachments: [], keptOut: [] };
  for (const item of snapshot.items) {
    if (item.closed) out.items.push(item.id);
    for (const a of item.attachments) if (a.closed) out.attachments.push(a.id);
    for (const d of item.disqualified) if (d.keptOut) out.keptOut.push([item.id, d.personId]);
  }
  return out;
}

/** The closures of several meetings (every id gets one; a meeting with nothing published, an empty one). */
export async function closuresOfMeetings(database: Database, meetingIds: number[]): Promise<Map<number, Closures>> {
  const ids = [...new Set(meetingIds)];
  const versionClosures = closuresCache.get(database) ?? new Map<number, VersionClosures>();
  closuresCache.set(database, versionClosures);
  const latest: Array<{ id: number; meeting_id: number }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    latest.push(
      ...(await database.db
        .selectFrom('published_versions as pv')
        .select(['pv.id', 'pv.meeting_id'])
        .where('pv.meeting_id', 'in', chunk)
        .where((eb) =>
          eb(
            'pv.number',
            '=',
            eb
              .selectFrom('published_versions as p2')
              .select((e) => e.fn.max('p2.number').as('n'))
              .whereRef('p2.meeting_id', '=', 'pv.meeting_id')
              .whereRef('p2.kind', '=', 'pv.kind'),
          ),
        )
        .execute()),
    );
  }
  const found = new Map<number, VersionClosures>();
  for (const v of latest) {
    const cached = versionClosures.get(v.id);
    if (cached) found.set(v.id, cached);
  }
  const missing = latest.map((v) => v.id).filter((id) => !found.has(id));
  for (let i = 0; i < missing.length; i += 200) {
    const rows = await database.db
      .selectFrom('published_versions')
      .select(['id', 'snapshot'])
      .where('id', 'in', missing.slice(i, i + 200))
      .execute();
    if (versionClosures.size + rows.length > CLOSURES_LIMIT) versionClosures.clear();
    for (const row of rows) {
      const vc = closuresOfSnapshot(JSON.parse(row.snapshot) as PublishedSnapshot);
      versionClosures.set(row.id, vc);
      found.set(row.id, vc);
    }
  }
  const byMeeting = new Map<
    number,
    { meetingId: number; items: Set<number>; attachments: Set<number>; keptOut: Map<number, Set<number>> }
  >();
  for (const id of ids)
    byMeeting.set(id, { meetingId: id, items: new Set(), attachments: new Set(), keptOut: new Map() });
  for (const v of latest) {
    const c = byMeeting.get(v.meeting_id)!;
    const vc = found.get(v.id)!;
    for (const id of vc.items) c.items.add(id);
    for (const id of vc.attachments) c.attachments.add(id);
    for (const [itemId, personId] of vc.keptOut) {
      const set = c.keptOut.get(itemId) ?? new Set<number>();
      set.add(personId);
      c.keptOut.set(itemId, set);
    }
  }
  return byMeeting as unknown as Map<number, Closures>;
}

/** The closures of one meeting: what is closed in its latest agenda and minutes. */
export async function meetingClosures(database: Database, meetingId: number): Promise<Closures> {
  return (await closuresOfMeetings(database, [meetingId])).get(meetingId)!;
}

/**
 * Whether the viewer may read the content of an item (title, sections, decision, attachments),
 * with the meeting's latest closures applied.
 */
export function mayReadItem(
  item: Pick<SnapshotItem, 'id' | 'closed' | 'disqualified'>,
  viewer: MeetingViewer,
  closures: Closures,
): boolean {
  if (viewer.secretariat) return true;
  if (!item.closed && !closures.items.has(item.id)) return true;
  if (!viewer.member) return false;
  if (viewer.personId !== null && closures.keptOut.get(item.id)?.has(viewer.personId)) return false;
  return !item.disqualified.some((d) => d.keptOut && d.personId === viewer.personId);
}

/** Whether the viewer may see a closed attachment (open ones follow the item). */
export function maySeeClosedAttachments(viewer: MeetingViewer): boolean {
  return viewer.secretariat || viewer.member;
}

/**
 * The snapshot as this viewer may see it, with the meeting's latest closures applied whichever
 * version this is: an item closed in this version or in the closures, which the viewer may not
 * read, keeps only its id, number and `closed: true` (title and every section emptied, no
 * attachments, no earlier steps, no decision); an attachment closed in this version or in the
 * closures is removed for those who may not see closed attachments; a closed earlier step's
 * decision is removed likewise. Members and the secretariat, who may read closed content, see
 * each version's own flags (the secretariat can tell that an earlier version had an item open).
 * Returns a new object; the input is not changed. Throws when the closures are another meeting's.
 */
export function redactSnapshot(
  snapshot: PublishedSnapshot,
  viewer: MeetingViewer,
  closures: Closures,
): PublishedSnapshot {
  if (closures.meetingId !== snapshot.meeting.id)
    throw new Error(`closures of meeting ${closures.meetingId} used for meeting ${snapshot.meeting.id}`);
  const closedAttachments = maySeeClosedAttachments(viewer);
  const items = snapshot.items.map((item): SnapshotItem => {
    if (!mayReadItem(item, viewer, closures)) {
      return {
        id: item.id,
        number: item.number,
        title: '',
        closed: true,
        closedReason: null,
        paperId: null,
        caseId: null,
        caseNumber: null,
        presentation: '',
        recommendation: '',
        economy: '',
        attachments: [],
        earlier: [],
        disqualified: [],
        ...(snapshot.kind === 'minutes' ? { decision: null, dissents: [] } : {}),
      };
    }
    return {
      ...item,
      attachments: item.attachments.filter((a) => closedAttachments || (!a.closed && !closures.attachments.has(a.id))),
      earlier: item.earlier.map((e) =>
        e.closed && !viewer.secretariat && !viewer.member ? { ...e, decision: null } : e,
      ),
      // Case ids point into case management, which the public cannot use anyway; keep the number.
      caseId: viewer.userId ? item.caseId : null,
    };
  });
  return { ...snapshot, items };
}
