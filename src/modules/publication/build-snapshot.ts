import type { Database } from '../../db/index.ts';
import type { PublishedKind } from '../../db/schema/meetings.ts';
import type {
  PublishedSnapshot,
  SnapshotAttachment,
  SnapshotEarlierStep,
  SnapshotItem,
  SnapshotPerson,
} from './snapshot.ts';

/**
 * Reading a meeting's live agenda or minutes into a `PublishedSnapshot` (what `publishVersion`
 * freezes, and what the editor compares with the latest version). One query per part; the parts
 * are put together by `buildSnapshot`.
 */

type MeetingHeader = Awaited<ReturnType<typeof loadMeetingHeader>>;
type ItemRow = Awaited<ReturnType<typeof loadItems>>[number];
type AttachmentRow = Awaited<ReturnType<typeof loadAttachments>>[number];
type DisqualificationRow = Awaited<ReturnType<typeof loadDisqualifications>>[number];
type EarlierRow = Awaited<ReturnType<typeof loadEarlierSteps>>[number];
type DissentRow = Awaited<ReturnType<typeof loadDissents>>[number];

function locationText(
  loc:
    | {
        description: string;
        room: string | null;
        street_address: string | null;
        postal_code: string | null;
        locality: string | null;
      }
    | undefined,
): string | null {
  if (!loc) return null;
  const place = [loc.street_address, [loc.postal_code, loc.locality].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [loc.description, loc.room, place].filter(Boolean).join(', ');
}

const person = (r: { person_id: number; name: string; party: string | null }): SnapshotPerson => ({
  personId: r.person_id,
  name: r.name,
  party: r.party,
});

async function loadMeetingHeader(database: Database, meetingId: number) {
  return database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select([
      'meetings.id',
      'meetings.committee_id',
      'meetings.title',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.location_id',
      'committees.name as committee_name',
    ])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirstOrThrow();
}

async function loadLocation(database: Database, locationId: number | null) {
  return locationId
    ? await database.db.selectFrom('meeting_locations').selectAll().where('id', '=', locationId).executeTakeFirst()
    : undefined;
}

async function loadItems(database: Database, meetingId: number) {
  return database.db
    .selectFrom('agenda_items')
    .leftJoin('papers', 'papers.id', 'agenda_items.paper_id')
    .leftJoin('cases', 'cases.id', 'papers.case_id')
    .select([
      'agenda_items.id',
      'agenda_items.number',
      'agenda_items.title',
      'agenda_items.closed',
      'agenda_items.closed_reason',
      'agenda_items.paper_id',
      'agenda_items.presentation',
      'agenda_items.recommendation',
      'agenda_items.economy',
      'agenda_items.decision',
      'papers.case_id',
      'cases.number as case_number',
    ])
    .where('agenda_items.meeting_id', '=', meetingId)
    .where('agenda_items.deleted_at', 'is', null)
    .orderBy('agenda_items.number')
    .orderBy('agenda_items.id')
    .execute();
}

async function loadAttachments(database: Database, itemIds: number[]) {
  if (!itemIds.length) return [];
  return database.db
    .selectFrom('agenda_attachments')
    .innerJoin('documents', 'documents.id', 'agenda_attachments.document_id')
    .innerJoin('document_versions', (j) =>
      j
        .onRef('document_versions.document_id', '=', 'documents.id')
        .onRef('document_versions.version', '=', 'documents.current_version'),
    )
    .select([
      'agenda_attachments.id',
      'agenda_attachments.item_id',
      'agenda_attachments.title',
      'agenda_attachments.closed',
      'documents.id as document_id',
      'documents.current_version',
      'document_versions.blob_sha256',
      'document_versions.rendition_sha256',
      'document_versions.filename',
      'document_versions.mime',
      'document_versions.size',
    ])
    .where('agenda_attachments.item_id', 'in', itemIds)
    .where('agenda_attachments.deleted_at', 'is', null)
    .orderBy('agenda_attachments.item_id')
    .orderBy('agenda_attachments.position')
    .execute();
}

async function loadDisqualifications(database: Database, itemIds: number[]) {
  if (!itemIds.length) return [];
  return database.db
    .selectFrom('item_disqualifications')
    .innerJoin('council_persons', 'council_persons.id', 'item_disqualifications.person_id')
    .select([
      'item_disqualifications.item_id',
      'item_disqualifications.person_id',
      'item_disqualifications.kept_out',
      'item_disqualifications.reason',
      'council_persons.name',
      'council_persons.party',
    ])
    .where('item_disqualifications.item_id', 'in', itemIds)
    .orderBy('council_persons.name')
    .execute();
}

/**
 * The same papers' earlier steps (other meetings before this one); decisions only once those
 * meetings' minutes are published (applied in `toEarlierSteps`).
 */
async function loadEarlierSteps(
  database: Database,
  meeting: Pick<MeetingHeader, 'id' | 'starts_at'>,
  paperIds: number[],
) {
  if (!paperIds.length) return [];
  return database.db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select([
      'agenda_items.id',
      'agenda_items.paper_id',
      'agenda_items.closed',
      'agenda_items.decision',
      'meetings.id as meeting_id',
      'meetings.starts_at',
      'meetings.minutes_published_at',
      'committees.name as committee_name',
    ])
    .where('agenda_items.paper_id', 'in', paperIds)
    .where('agenda_items.deleted_at', 'is', null)
    .where('meetings.deleted_at', 'is', null)
    .where('meetings.id', '!=', meeting.id)
    .where('meetings.starts_at', '<', meeting.starts_at)
    .orderBy('meetings.starts_at')
    .execute();
}

async function loadDissents(database: Database, itemIds: number[]) {
  if (!itemIds.length) return [];
  return database.db
    .selectFrom('item_dissents')
    .innerJoin('council_persons', 'council_persons.id', 'item_dissents.person_id')
    .select([
      'item_dissents.item_id',
      'item_dissents.person_id',
      'item_dissents.text',
      'council_persons.name',
      'council_persons.party',
    ])
    .where('item_dissents.item_id', 'in', itemIds)
    .orderBy('item_dissents.id')
    .execute();
}

async function loadAttendance(
  database: Database,
  meetingId: number,
): Promise<NonNullable<PublishedSnapshot['attendance']>> {
  const rows = await database.db
    .selectFrom('meeting_attendance')
    .innerJoin('council_persons as p', 'p.id', 'meeting_attendance.person_id')
    .leftJoin('council_persons as f', 'f.id', 'meeting_attendance.substitute_for')
    .select([
      'meeting_attendance.person_id',
      'meeting_attendance.status',
      'meeting_attendance.substitute_for',
      'p.name',
      'p.party',
      'f.name as for_name',
      'f.party as for_party',
    ])
    .where('meeting_attendance.meeting_id', '=', meetingId)
    .orderBy('p.name')
    .execute();
  return {
    present: rows.filter((r) => r.status === 'present' && r.substitute_for === null).map(person),
    absent: rows.filter((r) => r.status === 'absent').map(person),
    substitutes: rows
      .filter((r) => r.status === 'present' && r.substitute_for !== null)
      .map((r) => ({ ...person(r), for: { personId: r.substitute_for!, name: r.for_name ?? '', party: r.for_party } })),
  };
}

/** An attachment as frozen: the PDF rendition instead of the original when there is one. */
function toSnapshotAttachment(a: AttachmentRow): SnapshotAttachment {
  const rendition = a.rendition_sha256 && a.mime !== 'application/pdf';
  return {
    id: a.id,
    documentId: a.document_id,
    version: a.current_version,
    title: a.title,
    closed: a.closed === 1,
    blobSha256: rendition ? a.rendition_sha256! : a.blob_sha256,
    filename: rendition ? a.filename.replace(/\.[^.]+$/, '') + '.pdf' : a.filename,
    mime: rendition ? 'application/pdf' : a.mime,
    size: a.size,
  };
}

function toEarlierSteps(item: ItemRow, earlier: EarlierRow[]): SnapshotEarlierStep[] {
  if (!item.paper_id) return [];
  return earlier
    .filter((e) => e.paper_id === item.paper_id)
    .map((e) => ({
      itemId: e.id,
      meetingId: e.meeting_id,
      committeeName: e.committee_name,
      startsAt: e.starts_at,
      decision: e.minutes_published_at ? e.decision : null,
      closed: e.closed === 1,
    }));
}

interface ItemParts {
  attachments: AttachmentRow[];
  disqualified: DisqualificationRow[];
  earlier: EarlierRow[];
  dissents: DissentRow[];
}

function toSnapshotItem(item: ItemRow, parts: ItemParts, kind: PublishedKind): SnapshotItem {
  const base: SnapshotItem = {
    id: item.id,
    number: item.number,
    title: item.title,
    closed: item.closed === 1,
    closedReason: item.closed_reason,
    paperId: item.paper_id,
    caseId: item.case_id,
    caseNumber: item.case_number,
    presentation: item.presentation,
    recommendation: item.recommendation,
    economy: item.economy,
    attachments: parts.attachments.filter((a) => a.item_id === item.id).map(toSnapshotAttachment),
    earlier: toEarlierSteps(item, parts.earlier),
    disqualified: parts.disqualified
      .filter((d) => d.item_id === item.id)
      .map((d) => ({ ...person(d), keptOut: d.kept_out === 1, reason: d.reason })),
  };
  if (kind === 'minutes') {
    base.decision = item.decision;
    base.dissents = parts.dissents.filter((d) => d.item_id === item.id).map((d) => ({ ...person(d), text: d.text }));
  }
  return base;
}

/** The live state of a meeting as a snapshot. Throws when the meeting does not exist. */
export async function buildSnapshot(
  database: Database,
  meetingId: number,
  kind: PublishedKind,
): Promise<PublishedSnapshot> {
  const meeting = await loadMeetingHeader(database, meetingId);
  const location = await loadLocation(database, meeting.location_id);
  const items = await loadItems(database, meetingId);
  const itemIds = items.map((i) => i.id);
  const paperIds = [...new Set(items.map((i) => i.paper_id).filter((p): p is number => p !== null))];
  const parts: ItemParts = {
    attachments: await loadAttachments(database, itemIds),
    disqualified: await loadDisqualifications(database, itemIds),
    earlier: await loadEarlierSteps(database, meeting, paperIds),
    dissents: kind === 'minutes' ? await loadDissents(database, itemIds) : [],
  };

  const snapshot: PublishedSnapshot = {
    kind,
    meeting: {
      id: meeting.id,
      committeeId: meeting.committee_id,
      committeeName: meeting.committee_name,
      title: meeting.title,
      startsAt: meeting.starts_at,
      endsAt: meeting.ends_at,
      locationId: meeting.location_id,
      location: locationText(location),
    },
    items: items.map((item) => toSnapshotItem(item, parts, kind)),
  };
  if (kind === 'minutes') snapshot.attendance = await loadAttendance(database, meetingId);
  return snapshot;
}
