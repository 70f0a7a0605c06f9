/**
 * Test fixtures for the public pages, the iCalendar feeds and OParl: a committee and the city
 * council with members, a meeting with an open item (one open and one closed attachment), a
 * closed item (with its own paper and attachment), an agenda published twice and minutes; a
 * cancelled meeting, a deleted one and an unpublished one. Every secret is a distinct string the
 * tests search for in whole response bodies.
 */
import type { TestApp } from './app.ts';
import { nowIso } from '../../src/db/index.ts';
import { makePdf } from '../../src/modules/documents/documents.fixtures.ts';
import { publishVersion } from '../../src/modules/publication/index.ts';

export const SECRETS = {
  closedTitle: 'Salg af ejendommen Skolevej 4',
  closedText: 'Køberens tilbud er 4,2 mio. kr. og fortroligt',
  closedRecommendation: 'Forvaltningen indstiller salg til Hemmelig Køber ApS',
  closedDecision: 'Ejendommen sælges til Hemmelig Køber ApS',
  closedPaper: 'Skolevej 4 – fortroligt ejendomssalg',
  closedItemAttachment: 'Købers årsregnskab',
  closedAttachment: 'Naboens helbredsoplysninger',
  closedAttachmentFile: 'helbred-nabo.pdf',
  unpublishedTitle: 'Upubliceret møde om budget',
  draftTitle: 'Kladde: endnu ikke offentliggjort punkt',
  /** The decision in minutes sent for approval but not yet approved: not public yet. */
  pendingDecision: 'Forslaget om ny svømmehal godkendes uden ændringer',
} as const;

export const OPEN = {
  title: 'Cykelsti langs Åvej',
  presentation: 'Der ønskes en cykelsti langs Åvej; strækningen er 1,2 km.',
  decision: 'Udvalget godkendte indstillingen, dog; med en bemærkning.',
  attachment: 'Kort over strækningen',
  addedTitle: 'Orientering om vejvedligehold',
  paper: 'Cykelsti langs Åvej (sag)',
} as const;

export interface PublicFixture {
  committeeId: number;
  /** Held; minutes sent for approval, not approved. */
  pendingId: number;
  councilId: number;
  meetingId: number;
  cancelledId: number;
  deletedId: number;
  unpublishedId: number;
  openItemId: number;
  closedItemId: number;
  addedItemId: number;
  openAttachmentId: number;
  closedAttachmentId: number;
  closedItemAttachmentId: number;
  openPaperId: number;
  closedPaperId: number;
  politicianPersonId: number;
  citizenPersonId: number;
  agendaV1Id: number;
  agendaV2Id: number;
  minutesId: number;
}

export async function buildPublicFixture(t: TestApp): Promise<PublicFixture> {
  const db = t.db.database.db;
  const at = nowIso();
  const secretary = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', 'sekretariat')
    .executeTakeFirstOrThrow();
  const politician = await db
    .selectFrom('users')
    .select(['id'])
    .where('username', '=', 'politiker')
    .executeTakeFirstOrThrow();
  const actor = { id: secretary.id, name: secretary.display_name };
  const unit = await db
    .selectFrom('org_units')
    .select('id')
    .where('kind', '=', 'unit')
    .orderBy('id')
    .executeTakeFirstOrThrow();

  const term = { created_at: at, updated_at: at, deleted_at: null };
  await db
    .insertInto('legislative_terms')
    .values({ name: 'Valgperioden 2026–2029', starts_on: '2026-01-01', ends_on: '2029-12-31', ...term })
    .execute();
  const committee = async (name: string, kind: 'council' | 'standing', mandate: string | null) =>
    (
      await db
        .insertInto('committees')
        .values({ name, short_name: null, kind, mandate, term_start: '2026-01-01', term_end: null, ...term })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const committeeId = await committee(
    'Udvalget for Teknik og Miljø',
    'standing',
    'Udvalget varetager veje, trafik og miljø.',
  );
  const councilId = await committee('Kommunalbestyrelsen', 'council', null);
  const person = async (name: string, userId: string | null, party: string | null, email: string | null) =>
    (
      await db
        .insertInto('council_persons')
        .values({
          user_id: userId,
          name,
          given_name: name.split(' ')[0]!,
          family_name: name.split(' ').slice(1).join(' '),
          party,
          email,
          phone: email ? '72 10 00 01' : null,
          ...term,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const politicianPersonId = await person('Jørgen Ellehammer', politician.id, 'A', 'jorgen@skovlund.dk');
  const other = await person('Anne Bech', null, 'V', 'anne@skovlund.dk');
  const citizenPersonId = await person('Birthe Mølgaard', null, null, 'birthe.privat@example.org');
  const member = (committee_id: number, person_id: number, role: 'chair' | 'member') =>
    db
      .insertInto('committee_memberships')
      .values({ committee_id, person_id, role, starts_on: '2026-01-01', ends_on: null, ...term })
      .execute();
  await member(committeeId, politicianPersonId, 'chair');
  await member(committeeId, other, 'member');
  await member(committeeId, citizenPersonId, 'member');
  await member(councilId, politicianPersonId, 'member');
  await member(councilId, other, 'member');
  const location = await db
    .insertInto('meeting_locations')
    .values({
      description: 'Rådhuset',
      street_address: 'Torvet 1',
      postal_code: '7100',
      locality: 'Skovlund',
      room: 'Mødelokale 2',
      ...term,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // A case with journalised documents for attachments.
  const kle = await db
    .selectFrom('kle_subjects')
    .select('number')
    .where('level', '=', 3)
    .orderBy('number')
    .executeTakeFirstOrThrow();
  const facet = await db.selectFrom('kle_facets').select('code').orderBy('code').executeTakeFirstOrThrow();
  const { id: caseId } = await db
    .insertInto('cases')
    .values({
      number: 'EMN-2026-000901',
      type: 'subject',
      title: 'Cykelsti langs Åvej',
      description: null,
      status: 'open',
      kle_number: kle.number,
      facet_code: facet.code,
      parent_id: null,
      unit_id: unit.id,
      caseworker_id: null,
      confidential: 0,
      retention: 'preserve',
      retention_years: null,
      retention_overridden: 0,
      address: null,
      geometry: null,
      geo_lat: null,
      geo_lng: null,
      created_at: at,
      created_by: secretary.id,
      updated_at: at,
      closed_at: null,
      archived_at: null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  let docNumber = 0;
  const document = async (title: string, filename: string, text: string) => {
    const pdf = await makePdf([text]);
    const sha = await t.services.blobs.put(t.db.database, pdf);
    docNumber += 1;
    const { id } = await db
      .insertInto('documents')
      .values({
        case_id: caseId,
        number: docNumber,
        title,
        kind: 'file',
        direction: 'internal',
        document_date: at.slice(0, 10),
        sender: null,
        recipient: null,
        parent_id: null,
        current_version: 1,
        journalised_at: at,
        journalised_by: secretary.id,
        finalised_at: at,
        finalised_by: secretary.id,
        created_at: at,
        created_by: secretary.id,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('document_versions')
      .values({
        document_id: id,
        version: 1,
        blob_sha256: sha,
        filename,
        mime: 'application/pdf',
        size: pdf.length,
        text_status: 'extracted',
        text_content: text,
        rendition_sha256: null,
        rendition_status: 'not_needed',
        locked: 1,
        note: null,
        created_at: at,
        created_by: secretary.id,
      })
      .execute();
    return id;
  };
  const openDoc = await document(OPEN.attachment, 'kort-aavej.pdf', 'Kort over Åvej');
  const closedDoc = await document(SECRETS.closedAttachment, SECRETS.closedAttachmentFile, SECRETS.closedAttachment);
  const closedItemDoc = await document(SECRETS.closedItemAttachment, 'aarsregnskab.pdf', SECRETS.closedItemAttachment);

  const paper = async (title: string, reference: string) =>
    (
      await db
        .insertInto('papers')
        .values({
          case_id: caseId,
          reference,
          title,
          created_at: at,
          created_by: secretary.id,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const openPaperId = await paper(OPEN.paper, 'EMN-2026-000901');
  const closedPaperId = await paper(SECRETS.closedPaper, 'EMN-2026-000902');

  const meeting = async (
    title: string,
    startsAt: string,
    status: 'planned' | 'published' | 'held' | 'cancelled' | 'approved',
    deleted = false,
  ) =>
    (
      await db
        .insertInto('meetings')
        .values({
          committee_id: committeeId,
          title,
          starts_at: startsAt,
          ends_at: null,
          location_id: location.id,
          status,
          agenda_published_at: status === 'planned' ? null : at,
          minutes_published_at: null,
          created_at: at,
          created_by: secretary.id,
          updated_at: at,
          deleted_at: deleted ? at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const future = new Date(Date.now() + 10 * 24 * 3600_000);
  future.setUTCHours(15, 0, 0, 0);
  const meetingId = await meeting(
    'Ordinært møde',
    new Date(Date.now() - 3 * 24 * 3600_000).toISOString().slice(0, 11) + '15:00:00.000Z',
    'approved',
  );
  const item = async (
    meeting_id: number,
    number: number,
    title: string,
    closed: number,
    paper_id: number | null,
    presentation: string,
    recommendation = 'Forvaltningen indstiller, at forslaget godkendes.',
  ) =>
    (
      await db
        .insertInto('agenda_items')
        .values({
          meeting_id,
          paper_id,
          number,
          title,
          closed,
          closed_reason: closed ? 'Forhandlinger om ejendomshandel' : null,
          presentation,
          recommendation,
          economy: '',
          decision: null,
          decided_at: null,
          decision_document_id: null,
          created_at: at,
          created_by: null,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const openItemId = await item(meetingId, 1, OPEN.title, 0, openPaperId, OPEN.presentation);
  const closedItemId = await item(
    meetingId,
    2,
    SECRETS.closedTitle,
    1,
    closedPaperId,
    SECRETS.closedText,
    SECRETS.closedRecommendation,
  );
  const attach = async (item_id: number, document_id: number, title: string, closed: number, position: number) =>
    (
      await db
        .insertInto('agenda_attachments')
        .values({
          item_id,
          document_id,
          title,
          closed,
          position,
          created_at: at,
          created_by: null,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const openAttachmentId = await attach(openItemId, openDoc, OPEN.attachment, 0, 1);
  const closedAttachmentId = await attach(openItemId, closedDoc, SECRETS.closedAttachment, 1, 2);
  const closedItemAttachmentId = await attach(closedItemId, closedItemDoc, SECRETS.closedItemAttachment, 0, 1);

  const agendaV1 = await publishVersion(t.db.database, meetingId, 'agenda', { actor });
  const addedItemId = await item(meetingId, 3, OPEN.addedTitle, 0, null, 'Orientering om vintertjenesten.');
  const agendaV2 = await publishVersion(t.db.database, meetingId, 'agenda', {
    actor,
    changeKind: 'addendum',
    changeNote: 'Punkt 3 er tilføjet.',
  });
  await db.updateTable('agenda_items').set({ decision: OPEN.decision }).where('id', '=', openItemId).execute();
  await db
    .updateTable('agenda_items')
    .set({ decision: SECRETS.closedDecision })
    .where('id', '=', closedItemId)
    .execute();
  await db
    .insertInto('meeting_attendance')
    .values({
      meeting_id: meetingId,
      person_id: politicianPersonId,
      status: 'present',
      substitute_for: null,
      note: null,
      updated_at: at,
      updated_by: null,
    })
    .execute();
  await db
    .insertInto('meeting_attendance')
    .values({
      meeting_id: meetingId,
      person_id: other,
      status: 'absent',
      substitute_for: null,
      note: null,
      updated_at: at,
      updated_by: null,
    })
    .execute();
  const minutes = await publishVersion(t.db.database, meetingId, 'minutes', { actor });
  // The members approved the minutes: now they are public.
  await db
    .updateTable('meetings')
    .set({ status: 'approved', minutes_published_at: nowIso() })
    .where('id', '=', meetingId)
    .execute();
  // A draft change after publication must never show.
  await db.updateTable('agenda_items').set({ title: SECRETS.draftTitle }).where('id', '=', addedItemId).execute();

  const cancelledId = await meeting('Ekstraordinært møde', future.toISOString(), 'published');
  await item(cancelledId, 1, 'Høring om trafikplan', 0, null, 'Trafikplanen sendes i høring.');
  await publishVersion(t.db.database, cancelledId, 'agenda', { actor });
  await db
    .updateTable('meetings')
    .set({ status: 'cancelled', updated_at: nowIso() })
    .where('id', '=', cancelledId)
    .execute();

  const deletedId = await meeting('Fejloprettet møde', future.toISOString(), 'published');
  await publishVersion(t.db.database, deletedId, 'agenda', { actor });
  await db.updateTable('meetings').set({ deleted_at: nowIso() }).where('id', '=', deletedId).execute();

  // Held, agenda public, minutes sent to the members for approval but not approved yet.
  const pendingId = await meeting(
    'Møde med referat til godkendelse',
    new Date(Date.now() - 2 * 24 * 3600_000).toISOString().slice(0, 11) + '15:00:00.000Z',
    'held',
  );
  const pendingItem = await item(pendingId, 1, 'Ny svømmehal', 0, null, 'Forslag om en ny svømmehal.');
  await publishVersion(t.db.database, pendingId, 'agenda', { actor });
  await db
    .updateTable('agenda_items')
    .set({ decision: SECRETS.pendingDecision })
    .where('id', '=', pendingItem)
    .execute();
  await publishVersion(t.db.database, pendingId, 'minutes', { actor });

  const unpublishedId = await meeting(SECRETS.unpublishedTitle, future.toISOString(), 'planned');
  await item(unpublishedId, 1, SECRETS.unpublishedTitle, 0, null, 'Kladde');

  return {
    committeeId,
    councilId,
    meetingId,
    cancelledId,
    deletedId,
    unpublishedId,
    pendingId,
    openItemId,
    closedItemId,
    addedItemId,
    openAttachmentId,
    closedAttachmentId,
    closedItemAttachmentId,
    openPaperId,
    closedPaperId,
    politicianPersonId,
    citizenPersonId,
    agendaV1Id: agendaV1.id,
    agendaV2Id: agendaV2.id,
    minutesId: minutes.id,
  };
}

/** Every secret string, for searching whole response bodies. */
export const SECRET_STRINGS: string[] = Object.values(SECRETS);
