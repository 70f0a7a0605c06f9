import type { Database } from '../../db/index.ts';
import type { CommitteeKind, MembershipRole } from '../../db/schema/meetings.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { listPublicMeetings, municipality, publicMeeting, publicSnapshot, type PublicMeetingEntry } from './public.ts';
import {
  meetingClosures,
  type PublishedSnapshot,
  type SnapshotAttachment,
  type SnapshotItem,
} from '../publication/index.ts';

/**
 * OParl 1.1 (https://oparl.org, schemas vendored in test/fixtures/oparl-1.1/) over the political
 * process: System → Body (the municipality) → Organization (committees), Person (council
 * persons), Membership, LegislativeTerm, Meeting, AgendaItem, Consultation, Paper, File, Location.
 *
 * Meetings, agenda items, consultations, papers and files come only from published snapshots,
 * redacted for the public (public.ts): a closed agenda item is only its number, its order and
 * `public: false`; it has no consultation, so even the paper it concerns stays unknown; closed
 * attachments are not files at all. Papers are public once an open, published item concerns them.
 *
 * Objects are built here as plain JSON; oparl-routes.ts answers HTTP. Every object has an
 * absolute `id` under `<base>/oparl/v1.1` that resolves to it.
 */

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
const TYPE = (name: string) => `https://schema.oparl.org/1.1/${name}`;

export type OParlObject = { id: string; type: string; created?: string; modified?: string; deleted?: boolean } & Record<
  string,
  unknown
>;

/** The URLs of every OParl object and list. */
export class OParlUrls {
  readonly root: string;
  constructor(readonly base: string) {
    this.root = `${base}/oparl/v1.1`;
  }
  system = () => this.root;
  bodies = () => `${this.root}/bodies`;
  body = () => `${this.root}/body/1`;
  list = (
    name: 'organizations' | 'people' | 'meetings' | 'papers' | 'memberships' | 'legislative-terms' | 'locations',
  ) => `${this.root}/body/1/${name}`;
  organization = (id: number) => `${this.root}/organization/${id}`;
  organizationMeetings = (id: number) => `${this.root}/organization/${id}/meetings`;
  person = (id: number) => `${this.root}/person/${id}`;
  membership = (id: number) => `${this.root}/membership/${id}`;
  legislativeTerm = (id: number) => `${this.root}/legislative-term/${id}`;
  meeting = (id: number) => `${this.root}/meeting/${id}`;
  agendaItem = (id: number) => `${this.root}/agenda-item/${id}`;
  consultation = (id: number) => `${this.root}/consultation/${id}`;
  paper = (id: number) => `${this.root}/paper/${id}`;
  file = (id: number) => `${this.root}/file/${id}`;
  location = (id: number) => `${this.root}/location/${id}`;
  publicMeeting = (id: number) => `${this.base}/public/meetings/${id}`;
  publicCommittee = (id: number) => `${this.base}/public/committees/${id}`;
  publicAttachment = (meetingId: number, attachmentId: number) =>
    `${this.base}/public/meetings/${meetingId}/attachments/${attachmentId}`;
}

/** OParl date-time: ISO 8601 with an offset; our instants are UTC. */
const dt = (iso: string) => new Date(iso).toISOString();

/** A deleted main object keeps only id, type, created and modified (the time of deletion). */
function deletedObject(id: string, type: string, created: string, deletedAt: string): OParlObject {
  return { id, type: TYPE(type), created: dt(created), modified: dt(deletedAt), deleted: true };
}

const compact = <T extends Record<string, unknown>>(o: T): T => {
  for (const k of Object.keys(o)) if (o[k] === null || o[k] === undefined) delete o[k];
  return o;
};

// ---------------------------------------------------------------------------------------------
// System and Body

export async function systemObject(database: Database, urls: OParlUrls): Promise<OParlObject> {
  const body = await municipality(database);
  return compact({
    id: urls.system(),
    type: TYPE('System'),
    oparlVersion: OPARL_VERSION,
    body: urls.bodies(),
    name: `Samspil – ${body.name}`,
    contactEmail: body.email,
    website: urls.base,
    web: `${urls.base}/public/meetings`,
    created: dt(body.createdAt),
    modified: dt(body.createdAt),
  });
}

export async function bodyObject(database: Database, urls: OParlUrls): Promise<OParlObject> {
  const body = await municipality(database);
  const terms = await database.db
    .selectFrom('legislative_terms')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('starts_on')
    .execute();
  return compact({
    id: urls.body(),
    type: TYPE('Body'),
    system: urls.system(),
    name: body.name,
    shortName: body.shortName,
    contactEmail: body.email,
    classification: 'Kommune',
    organization: urls.list('organizations'),
    person: urls.list('people'),
    meeting: urls.list('meetings'),
    paper: urls.list('papers'),
    membership: urls.list('memberships'),
    legislativeTerm: terms.map((t) => legislativeTermObject(urls, t, true)),
    legislativeTermList: urls.list('legislative-terms'),
    locationList: urls.list('locations'),
    web: `${urls.base}/public/meetings`,
    created: dt(body.createdAt),
    modified: dt(body.createdAt),
  });
}

// ---------------------------------------------------------------------------------------------
// Table-backed objects (committees, persons, memberships, terms, locations)

interface Row {
  id: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A row's OParl modification time: its last change, or its deletion. */
export const rowModified = (r: Row) =>
  r.deleted_at && Date.parse(r.deleted_at) > Date.parse(r.updated_at) ? r.deleted_at : r.updated_at;

const KIND_LABEL: Record<CommitteeKind, string> = {
  council: 'Kommunalbestyrelse',
  finance: 'Økonomiudvalg',
  standing: 'Stående udvalg',
  task: 'Opgaveudvalg (Styrelsesloven § 17, stk. 4)',
  other: 'Andet udvalg',
};
const ROLE_LABEL: Record<MembershipRole, string> = {
  chair: 'Formand',
  vice_chair: 'Næstformand',
  member: 'Medlem',
  substitute: 'Stedfortræder',
};

export type CommitteeRow = Row & {
  name: string;
  short_name: string | null;
  kind: CommitteeKind;
  term_start: string | null;
  term_end: string | null;
};
export type PersonRow = Row & {
  name: string;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  phone: string | null;
};
export type MembershipRow = Row & {
  committee_id: number;
  person_id: number;
  role: MembershipRole;
  voting: number;
  starts_on: string;
  ends_on: string | null;
};
export type TermRow = Row & { name: string; starts_on: string; ends_on: string };
export type LocationRow = Row & {
  description: string;
  street_address: string | null;
  postal_code: string | null;
  locality: string | null;
  room: string | null;
};

export function organizationObject(urls: OParlUrls, c: CommitteeRow, membershipIds: number[]): OParlObject {
  if (c.deleted_at) return deletedObject(urls.organization(c.id), 'Organization', c.created_at, c.deleted_at);
  return compact({
    id: urls.organization(c.id),
    type: TYPE('Organization'),
    body: urls.body(),
    name: c.name,
    shortName: c.short_name,
    membership: membershipIds.map(urls.membership),
    meeting: urls.organizationMeetings(c.id),
    post: Object.values(ROLE_LABEL),
    organizationType: 'Gremium',
    classification: KIND_LABEL[c.kind],
    startDate: c.term_start,
    endDate: c.term_end,
    web: urls.publicCommittee(c.id),
    created: dt(c.created_at),
    modified: dt(rowModified(c)),
  });
}

export function membershipObject(urls: OParlUrls, m: MembershipRow, embedded = false): OParlObject {
  if (m.deleted_at) return deletedObject(urls.membership(m.id), 'Membership', m.created_at, m.deleted_at);
  return compact({
    id: urls.membership(m.id),
    type: TYPE('Membership'),
    person: embedded ? undefined : urls.person(m.person_id),
    organization: urls.organization(m.committee_id),
    role: ROLE_LABEL[m.role],
    votingRight: m.voting === 1,
    startDate: m.starts_on,
    endDate: m.ends_on,
    created: dt(m.created_at),
    modified: dt(rowModified(m)),
  });
}

/**
 * A council person. Contact details are published only for members of the city council (elected
 * politicians); citizen members of task committees show their name and memberships only.
 */
export function personObject(
  urls: OParlUrls,
  p: PersonRow,
  memberships: MembershipRow[],
  elected: boolean,
): OParlObject {
  if (p.deleted_at) return deletedObject(urls.person(p.id), 'Person', p.created_at, p.deleted_at);
  return compact({
    id: urls.person(p.id),
    type: TYPE('Person'),
    body: urls.body(),
    name: p.name,
    givenName: p.given_name,
    familyName: p.family_name,
    email: elected && p.email ? [p.email] : undefined,
    phone: elected && p.phone ? [p.phone] : undefined,
    membership: memberships.filter((m) => !m.deleted_at).map((m) => membershipObject(urls, m, true)),
    created: dt(p.created_at),
    modified: dt(rowModified(p)),
  });
}

export function legislativeTermObject(urls: OParlUrls, t: TermRow, embedded = false): OParlObject {
  if (t.deleted_at) return deletedObject(urls.legislativeTerm(t.id), 'LegislativeTerm', t.created_at, t.deleted_at);
  return compact({
    id: urls.legislativeTerm(t.id),
    type: TYPE('LegislativeTerm'),
    body: embedded ? undefined : urls.body(),
    name: t.name,
    startDate: t.starts_on,
    endDate: t.ends_on,
    created: dt(t.created_at),
    modified: dt(rowModified(t)),
  });
}

export function locationObject(urls: OParlUrls, l: LocationRow): OParlObject {
  if (l.deleted_at) return deletedObject(urls.location(l.id), 'Location', l.created_at, l.deleted_at);
  return compact({
    id: urls.location(l.id),
    type: TYPE('Location'),
    description: l.description,
    streetAddress: l.street_address,
    room: l.room,
    postalCode: l.postal_code,
    locality: l.locality,
    created: dt(l.created_at),
    modified: dt(rowModified(l)),
  });
}

// ---------------------------------------------------------------------------------------------
// Objects from published snapshots (meetings, agenda items, consultations, files, papers)

export function fileObject(
  urls: OParlUrls,
  meetingId: number,
  item: SnapshotItem,
  a: SnapshotAttachment,
  publishedAt: string,
  created: string,
  embedded = false,
): OParlObject {
  return compact({
    id: urls.file(a.id),
    type: TYPE('File'),
    name: a.title,
    fileName: a.filename,
    mimeType: a.mime,
    size: a.size,
    date: copenhagenDate(new Date(publishedAt)),
    accessUrl: urls.publicAttachment(meetingId, a.id),
    downloadUrl: `${urls.publicAttachment(meetingId, a.id)}?download=1`,
    agendaItem: embedded ? undefined : [urls.agendaItem(item.id)],
    meeting: embedded ? undefined : [urls.meeting(meetingId)],
    paper: embedded || !item.paperId ? undefined : [urls.paper(item.paperId)],
    created: dt(created),
    modified: dt(publishedAt),
  });
}

/** An agenda item of a public snapshot. A closed one says only that it exists. */
export function agendaItemObject(
  urls: OParlUrls,
  snapshot: PublishedSnapshot,
  item: SnapshotItem,
  order: number,
  publishedAt: string,
  created: string,
  embedded = false,
): OParlObject {
  const meetingId = snapshot.meeting.id;
  const base = {
    id: urls.agendaItem(item.id),
    type: TYPE('AgendaItem'),
    meeting: embedded ? undefined : urls.meeting(meetingId),
    number: String(item.number),
    order,
  };
  if (item.closed) return compact({ ...base, public: false, created: dt(created), modified: dt(publishedAt) });
  return compact({
    ...base,
    name: item.title,
    public: true,
    consultation: item.paperId ? urls.consultation(item.id) : undefined,
    resolutionText: snapshot.kind === 'minutes' && item.decision ? item.decision : undefined,
    auxiliaryFile: item.attachments.length
      ? item.attachments.map((a) => fileObject(urls, meetingId, item, a, publishedAt, created, true))
      : undefined,
    web: `${urls.publicMeeting(meetingId)}#punkt-${item.number}`,
    created: dt(created),
    modified: dt(publishedAt),
  });
}

const MEETING_STATE: Record<string, string> = {
  planned: 'Planlagt',
  published: 'Dagsorden offentliggjort',
  held: 'Afholdt',
  approved: 'Referat godkendt',
  cancelled: 'Aflyst',
};

/** A public meeting with its agenda items embedded (from the latest minutes, else the agenda). */
export async function meetingObject(
  database: Database,
  urls: OParlUrls,
  entry: PublicMeetingEntry,
): Promise<OParlObject> {
  if (entry.deletedAt) return deletedObject(urls.meeting(entry.id), 'Meeting', entry.firstPublishedAt, entry.deletedAt);
  const pm = await publicMeeting(database, entry.id);
  if (!pm) return deletedObject(urls.meeting(entry.id), 'Meeting', entry.firstPublishedAt, entry.modifiedAt);
  const shown = pm.minutes ?? pm.agenda!;
  const snap = shown.snapshot;
  const location = snap.meeting.locationId
    ? await database.db
        .selectFrom('meeting_locations')
        .selectAll()
        .where('id', '=', snap.meeting.locationId)
        .executeTakeFirst()
    : undefined;
  const attendance = pm.minutes?.snapshot.attendance;
  const participants = attendance
    ? [...attendance.present, ...attendance.substitutes].map((p) => urls.person(p.personId))
    : undefined;
  return compact({
    id: urls.meeting(entry.id),
    type: TYPE('Meeting'),
    name: snap.meeting.title,
    meetingState: MEETING_STATE[entry.status] ?? entry.status,
    cancelled: entry.status === 'cancelled',
    start: dt(snap.meeting.startsAt),
    end: snap.meeting.endsAt ? dt(snap.meeting.endsAt) : undefined,
    location: location ? locationObject(urls, location) : undefined,
    organization: [urls.organization(snap.meeting.committeeId)],
    participant: participants,
    agendaItem: snap.items.map((item, i) =>
      agendaItemObject(urls, snap, item, i + 1, shown.publishedAt, entry.firstPublishedAt, true),
    ),
    web: urls.publicMeeting(entry.id),
    created: dt(entry.firstPublishedAt),
    modified: dt(entry.modifiedAt),
  });
}

export interface Consultation {
  itemId: number;
  meetingId: number;
  committeeId: number;
  paperId: number;
  created: string;
  modified: string;
}

/** Every public consultation (an open, published item that concerns a paper). */
export function consultationsOf(entries: PublicMeetingEntry[]): Consultation[] {
  const list: Consultation[] = [];
  for (const e of entries) {
    if (e.deletedAt) continue;
    for (const item of e.publicItems) {
      if (item.paperId)
        list.push({
          itemId: item.id,
          meetingId: e.id,
          committeeId: e.committeeId,
          paperId: item.paperId,
          created: e.firstPublishedAt,
          modified: e.modifiedAt,
        });
    }
  }
  return list;
}

export function consultationObject(urls: OParlUrls, c: Consultation, embedded = false): OParlObject {
  return compact({
    id: urls.consultation(c.itemId),
    type: TYPE('Consultation'),
    paper: embedded ? undefined : urls.paper(c.paperId),
    agendaItem: urls.agendaItem(c.itemId),
    meeting: urls.meeting(c.meetingId),
    organization: [urls.organization(c.committeeId)],
    created: dt(c.created),
    modified: dt(c.modified),
  });
}

export type PaperRow = Row & { title: string; reference: string | null };

/** A paper's modification time includes its newest public consultation. */
export function paperModified(p: PaperRow, consultations: Consultation[]): string {
  return [rowModified(p), ...consultations.map((c) => c.modified)].reduce((a, b) =>
    Date.parse(a) >= Date.parse(b) ? a : b,
  );
}

export function paperObject(urls: OParlUrls, p: PaperRow, consultations: Consultation[]): OParlObject {
  if (p.deleted_at) return deletedObject(urls.paper(p.id), 'Paper', p.created_at, p.deleted_at);
  return compact({
    id: urls.paper(p.id),
    type: TYPE('Paper'),
    body: urls.body(),
    name: p.title,
    reference: p.reference,
    date: copenhagenDate(new Date(p.created_at)),
    paperType: 'Sag',
    consultation: consultations.map((c) => consultationObject(urls, c, true)),
    created: dt(p.created_at),
    modified: dt(paperModified(p, consultations)),
  });
}

/** One agenda item, looked up through its meeting's latest public version; undefined if not public. */
export async function findAgendaItem(
  database: Database,
  itemId: number,
): Promise<
  { meeting: NonNullable<Awaited<ReturnType<typeof publicMeeting>>>; item: SnapshotItem; order: number } | undefined
> {
  const row = await database.db
    .selectFrom('agenda_items')
    .select('meeting_id')
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!row) return undefined;
  const pm = await publicMeeting(database, row.meeting_id);
  if (!pm) return undefined;
  const snap = (pm.minutes ?? pm.agenda!).snapshot;
  const index = snap.items.findIndex((i) => i.id === itemId);
  if (index < 0) return undefined;
  return { meeting: pm, item: snap.items[index]!, order: index + 1 };
}

/**
 * One file (attachment): the public object when the latest public version lists it; a deleted
 * object when an earlier public version did (it was removed or closed since); else undefined.
 */
export async function fileLookup(
  database: Database,
  urls: OParlUrls,
  attachmentId: number,
): Promise<OParlObject | undefined> {
  const row = await database.db
    .selectFrom('agenda_attachments')
    .innerJoin('agenda_items', 'agenda_items.id', 'agenda_attachments.item_id')
    .select(['agenda_items.meeting_id'])
    .where('agenda_attachments.id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [entry] = await listPublicMeetings(database, { meetingIds: [row.meeting_id], includeDeleted: true });
  if (!entry) return undefined;
  const versions = await database.db
    .selectFrom('published_versions')
    .select(['id', 'kind', 'number', 'snapshot', 'published_at'])
    .where('meeting_id', '=', row.meeting_id)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  const raw = versions.map((v) => ({ ...v, snap: JSON.parse(v.snapshot) as PublishedSnapshot }));
  const closures = await meetingClosures(database, row.meeting_id);
  const find = (snap: PublishedSnapshot) => {
    for (const item of publicSnapshot(snap, closures).items) {
      const a = item.attachments.find((x) => x.id === attachmentId);
      if (a) return { item, a };
    }
    return undefined;
  };
  if (!entry.deletedAt) {
    for (const v of [entry.minutes, entry.agenda]) {
      if (!v) continue;
      const hit = find(raw.find((r) => r.id === v.id)!.snap);
      if (hit) return fileObject(urls, entry.id, hit.item, hit.a, v.publishedAt, entry.firstPublishedAt);
    }
  }
  // Once public (in any version, judged by the version's own closed flags), now gone: deleted.
  // Only the id and dates are shown, so the raw flags are read here and nothing is redacted.
  const onceVisible = raw.find((r) =>
    r.snap.items.some((i) => !i.closed && i.attachments.some((a) => a.id === attachmentId && !a.closed)),
  );
  if (!onceVisible) return undefined;
  return deletedObject(urls.file(attachmentId), 'File', onceVisible.published_at, entry.deletedAt ?? entry.modifiedAt);
}
