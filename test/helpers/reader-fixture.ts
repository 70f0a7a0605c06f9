import { createTestApp, type TestApp } from './app.ts';
import type { Dialect } from '../../src/db/index.ts';
import { nowIso } from '../../src/db/index.ts';
import { insertTestKle } from './kle.ts';
import { makePdf } from './files.ts';
import { createCase, emptyCaseInput } from '../../src/modules/cases/service.ts';
import { journalise, uploadDocuments } from '../../src/modules/documents/service.ts';
import { personOfUser, publishVersion } from '../../src/modules/publication/index.ts';

/**
 * Test fixtures for minutes and the reader (minutes.test.ts, reader.test.ts, the browser test):
 * on top of the demo seed, two committees of our own so the tests do not depend on the seed's
 * meetings:
 *
 * - "Testudvalget for Teknik" with `politiker` (as a member), Anne Andersen (member, no account),
 *   Bo Berg (member, no account) and Sif Stedfortræder (substitute). Its meeting has an open item
 *   with a case and two attachments (one closed) and a closed item; the agenda is published.
 * - "Testudvalget for Social" where `politiker` is not a member, with one open and one closed item.
 */

export interface ReaderFixture {
  t: TestApp;
  cookie: Record<'sekretariat' | 'politiker' | 'medarbejder' | 'sagsbehandler', string>;
  userId: Record<string, string>;
  persons: { politiker: number; anne: number; bo: number; sif: number };
  /** Politiker's committee. */
  meeting: number;
  openItem: number;
  closedItem: number;
  caseId: number;
  openAttachment: number;
  closedAttachment: number;
  /** The other committee (politiker not a member). */
  otherMeeting: number;
  otherOpenItem: number;
  otherClosedItem: number;
  otherClosedAttachment: number;
}

export async function createReaderFixture(dialect: Dialect): Promise<ReaderFixture> {
  const t = await createTestApp(dialect);
  const db = t.db.database.db;
  const at = nowIso();
  const userId: Record<string, string> = {};
  for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) userId[u.username] = u.id;
  const secretariat = { id: userId.sekretariat!, name: 'Mette Aagaard' };

  const person = async (name: string, user: string | null) => {
    if (user) {
      const existing = await personOfUser(t.db.database, user);
      if (existing) return existing.id;
    }
    return (
      await db
        .insertInto('council_persons')
        .values({
          user_id: user,
          name,
          given_name: null,
          family_name: null,
          party: 'A',
          email: null,
          phone: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const persons = {
    politiker: await person('Jørgen Ellehammer', userId.politiker!),
    anne: await person('Anne Andersen', null),
    bo: await person('Bo Berg', null),
    sif: await person('Sif Stedfortræder', null),
  };
  const committee = async (name: string, members: Array<[number, 'chair' | 'member' | 'substitute']>) => {
    const c = await db
      .insertInto('committees')
      .values({
        name,
        short_name: null,
        kind: 'standing',
        mandate: null,
        term_start: null,
        term_end: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [p, role] of members) {
      await db
        .insertInto('committee_memberships')
        .values({
          committee_id: c.id,
          person_id: p,
          role,
          starts_on: '2020-01-01',
          ends_on: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })
        .execute();
    }
    return c.id;
  };
  const teknik = await committee('Testudvalget for Teknik', [
    [persons.anne, 'chair'],
    [persons.politiker, 'member'],
    [persons.bo, 'member'],
    [persons.sif, 'substitute'],
  ]);
  const social = await committee('Testudvalget for Social', [
    [persons.anne, 'chair'],
    [persons.bo, 'member'],
  ]);

  // A case with two journalised documents, for the open item's attachments.
  await insertTestKle(t.db.database);
  const unit = (
    await db.selectFrom('users').select('org_unit_id').where('id', '=', userId.sagsbehandler!).executeTakeFirstOrThrow()
  ).org_unit_id;
  const caseworker = { id: userId.sagsbehandler!, name: 'Kasper Lindholm' };
  const created = await createCase(
    t.db.database,
    emptyCaseInput({ title: 'Cykelsti langs Åvej', kleNumber: '02.00.00', facetCode: 'G01', unitId: String(unit) }),
    { ...caseworker, roles: ['caseworker'], orgUnitId: unit },
  );
  if (!created.ok) throw new Error('fixture case');
  const caseId = created.id;
  const fullCase = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const files = [
    {
      name: 'skitseprojekt.pdf',
      type: 'application/pdf',
      bytes: await makePdf(['Skitseprojekt for cykelstien langs Åvej', 'Tværprofil og belægning.']),
    },
    {
      name: 'lodsejerliste.pdf',
      type: 'application/pdf',
      bytes: await makePdf(['Lodsejerliste', 'Navne og adresser på lodsejere.']),
    },
  ];
  const up = await uploadDocuments(
    t.db.database,
    t.services.blobs,
    fullCase,
    files,
    { title: '', direction: 'internal', documentDate: '2026-11-01', sender: '', recipient: '' },
    caseworker,
  );
  if (!up.ok) throw new Error('fixture upload');
  for (const id of up.ids) {
    const doc = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await journalise(t.db.database, fullCase, doc, caseworker);
  }
  const caseDocs = up.ids.map((id) => ({ id }));
  const caseRow = await db
    .selectFrom('cases')
    .select(['number', 'title'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const paper = await db
    .insertInto('papers')
    .values({
      case_id: caseId,
      reference: caseRow.number,
      title: caseRow.title,
      created_at: at,
      created_by: secretariat.id,
      updated_at: at,
      deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const meetingOf = async (committeeId: number, startsAt: string) =>
    (
      await db
        .insertInto('meetings')
        .values({
          committee_id: committeeId,
          title: 'Ordinært møde',
          starts_at: startsAt,
          ends_at: null,
          location_id: null,
          status: 'planned',
          agenda_published_at: null,
          minutes_published_at: null,
          created_at: at,
          created_by: secretariat.id,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const item = async (
    meetingId: number,
    number: number,
    title: string,
    closed: boolean,
    presentation: string,
    paperId: number | null = null,
  ) =>
    (
      await db
        .insertInto('agenda_items')
        .values({
          meeting_id: meetingId,
          paper_id: paperId,
          number,
          title,
          closed: closed ? 1 : 0,
          closed_reason: closed ? 'Personsag' : null,
          presentation,
          recommendation: 'Forvaltningen indstiller, at udvalget godkender forslaget.',
          economy: '',
          decision: null,
          decided_at: null,
          decision_document_id: null,
          created_at: at,
          created_by: secretariat.id,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const attach = async (itemId: number, documentId: number, title: string, closed: boolean, position: number) =>
    (
      await db
        .insertInto('agenda_attachments')
        .values({
          item_id: itemId,
          document_id: documentId,
          title,
          closed: closed ? 1 : 0,
          position,
          created_at: at,
          created_by: secretariat.id,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const soon = new Date(Date.now() + 3 * 86400_000).toISOString();
  const meeting = await meetingOf(teknik, soon);
  const openItem = await item(
    meeting,
    1,
    'Cykelsti langs Åvej',
    false,
    'Forvaltningen foreslår en dobbeltrettet cykelsti langs Åvej.\n\nStrækningen er 1,2 km.',
    paper.id,
  );
  const closedItem = await item(
    meeting,
    2,
    'Salg af ejendommen Skolevej 4',
    true,
    'Køberen er en lokal erhvervsdrivende. Hemmeligt tilbud på 4,2 mio. kr.',
  );
  const openAttachment = await attach(openItem, caseDocs[0]!.id, 'Skitseprojekt for cykelstien', false, 1);
  const closedAttachment = await attach(openItem, caseDocs[1]!.id, 'Lodsejerliste med navne', true, 2);
  const otherMeeting = await meetingOf(social, soon);
  const otherOpenItem = await item(
    otherMeeting,
    1,
    'Åbningstider i borgerservice',
    false,
    'Borgerservice foreslår længere åbent om torsdagen.',
  );
  const otherClosedItem = await item(
    otherMeeting,
    2,
    'Tilskud til plejefamilie Hansen',
    true,
    'Plejefamilien Hansen søger fortroligt tilskud til flytning.',
  );
  const otherClosedAttachment = await attach(
    otherClosedItem,
    caseDocs[0]!.id,
    'Fortrolig indstilling om plejefamilien',
    false,
    1,
  );

  for (const id of [meeting, otherMeeting]) {
    await publishVersion(t.db.database, id, 'agenda', { actor: secretariat });
    await db
      .updateTable('meetings')
      .set({ status: 'published', agenda_published_at: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  const cookie = {
    sekretariat: await t.signIn('sekretariat'),
    politiker: await t.signIn('politiker'),
    medarbejder: await t.signIn('medarbejder'),
    sagsbehandler: await t.signIn('sagsbehandler'),
  };
  return {
    t,
    cookie,
    userId,
    persons,
    meeting,
    openItem,
    closedItem,
    caseId,
    openAttachment,
    closedAttachment,
    otherMeeting,
    otherOpenItem,
    otherClosedItem,
    otherClosedAttachment,
  };
}
