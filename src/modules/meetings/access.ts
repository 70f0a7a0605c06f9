import { createHash } from 'node:crypto';
import type { Database } from '../../db/index.ts';
import type { PublishedKind } from '../../db/schema/meetings.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import type { PublishedSnapshot, PublishedVersion, SnapshotItem } from './snapshot.ts';

/**
 * Who may see what of a meeting: the one place for the rules on closed items (lukkede punkter),
 * closed attachments and members kept out of an item (conflict of interest). Every view of a
 * published version (reader, employee pages, public pages, PDFs, OParl, search) goes through
 * `redactSnapshot`.
 *
 * - The secretariat sees everything.
 * - A member of the committee (chair, vice-chair, member on the meeting's date; a substitute only
 *   when recorded as attending that meeting) sees closed items and closed attachments, except an
 *   item they are kept out of.
 * - Everyone else (employees, the public, the open API) sees that a closed item exists (its number)
 *   and nothing more, and never a closed attachment.
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

export const PUBLIC_VIEWER: MeetingViewer = Object.freeze({ userId: null, secretariat: false, personId: null, member: false });

/** The council person a user is, if any. */
export async function personOfUser(database: Database, userId: string): Promise<{ id: number; name: string } | undefined> {
  return database.db.selectFrom('council_persons').select(['id', 'name']).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Whether a council person is a member of a committee on a date (yyyy-mm-dd), substitutes excluded. */
export async function isMemberOn(database: Database, personId: number, committeeId: number, date: string): Promise<boolean> {
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

/** Whether the viewer may read the content of an item (title, sections, decision, attachments). */
export function mayReadItem(item: Pick<SnapshotItem, 'closed' | 'disqualified'>, viewer: MeetingViewer): boolean {
  if (viewer.secretariat) return true;
  if (!item.closed) return true;
  if (!viewer.member) return false;
  return !item.disqualified.some((d) => d.keptOut && d.personId === viewer.personId);
}

/** Whether the viewer may see a closed attachment (open ones follow the item). */
export function maySeeClosedAttachments(viewer: MeetingViewer): boolean {
  return viewer.secretariat || viewer.member;
}

/**
 * The snapshot as this viewer may see it: a closed item the viewer may not read keeps only its
 * id, number and `closed` flag (title and every section emptied, no attachments, no earlier
 * steps, no decision); closed attachments are removed for those who may not see them; a closed
 * earlier step's decision is removed likewise. Returns a new object; the input is not changed.
 */
export function redactSnapshot(snapshot: PublishedSnapshot, viewer: MeetingViewer): PublishedSnapshot {
  const closedAttachments = maySeeClosedAttachments(viewer);
  const items = snapshot.items.map((item): SnapshotItem => {
    if (!mayReadItem(item, viewer)) {
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
      attachments: item.attachments.filter((a) => !a.closed || closedAttachments),
      earlier: item.earlier.map((e) => (e.closed && !viewer.secretariat && !viewer.member ? { ...e, decision: null } : e)),
      // Case ids point into case management, which the public cannot use anyway; keep the number.
      caseId: viewer.userId ? item.caseId : null,
    };
  });
  return { ...snapshot, items };
}

/** The seal of a published version: SHA-256 over the previous seal and the snapshot JSON. */
export function sealOf(previousSha256: string | null, snapshotJson: string): string {
  return createHash('sha256').update(previousSha256 ?? '').update('\n').update(snapshotJson).digest('hex');
}

function toVersion(row: {
  id: number;
  meeting_id: number;
  kind: PublishedKind;
  number: number;
  change_kind: 'addendum' | 'version' | null;
  change_note: string | null;
  snapshot: string;
  previous_sha256: string | null;
  sha256: string;
  published_at: string;
  published_by: string | null;
}): PublishedVersion {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    kind: row.kind,
    number: row.number,
    changeKind: row.change_kind,
    changeNote: row.change_note,
    snapshot: JSON.parse(row.snapshot) as PublishedSnapshot,
    previousSha256: row.previous_sha256,
    sha256: row.sha256,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

/** Every published version of a meeting's agenda or minutes, oldest first. */
export async function publishedVersions(database: Database, meetingId: number, kind: PublishedKind): Promise<PublishedVersion[]> {
  const rows = await database.db.selectFrom('published_versions').selectAll().where('meeting_id', '=', meetingId).where('kind', '=', kind).orderBy('number').execute();
  return rows.map(toVersion);
}

/** The latest published version of a meeting's agenda or minutes. */
export async function latestVersion(database: Database, meetingId: number, kind: PublishedKind): Promise<PublishedVersion | undefined> {
  const row = await database.db
    .selectFrom('published_versions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', kind)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** Whether every version of a meeting's agenda or minutes still matches its seal and chain. */
export async function verifySeals(database: Database, meetingId: number, kind: PublishedKind): Promise<{ ok: true } | { ok: false; number: number }> {
  const rows = await database.db.selectFrom('published_versions').select(['number', 'snapshot', 'previous_sha256', 'sha256']).where('meeting_id', '=', meetingId).where('kind', '=', kind).orderBy('number').execute();
  let previous: string | null = null;
  for (const row of rows) {
    if (row.previous_sha256 !== previous || sealOf(previous, row.snapshot) !== row.sha256) return { ok: false, number: row.number };
    previous = row.sha256;
  }
  return { ok: true };
}
