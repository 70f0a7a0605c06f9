import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { allText, inspectPdf } from '../../../test/helpers/pdf.ts';
import { CLOSING_DAYS_SETTING } from '../../calendar/closing-days.ts';
import type { Database } from '../../db/index.ts';
import { putSetting } from '../../db/settings.ts';
import type { Role } from '../../policy/index.ts';
import { createCase, emptyCaseInput } from '../cases/index.ts';
import { makePdf } from '../documents/documents.fixtures.ts';
import { getDocument, journalise, uploadDocuments } from '../documents/index.ts';
import { sendDeadlineWarnings, workingDaysLeft } from './deadlines.ts';
import { emptyRequestInput, markAnswered, receiveFormRequest, registerRequest } from './service.ts';
import { DEFAULT_CLOSING_DAYS } from '../../calendar/workdays.ts';

type Actor = { id: string; name: string; roles: Role[]; orgUnitId: number | null };

async function actorFor(database: Database, username: string): Promise<Actor> {
  const u = await database.db
    .selectFrom('users')
    .select(['id', 'display_name', 'org_unit_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  return { id: u.id, name: u.display_name, roles: roles.map((r) => r.role as Role), orgUnitId: u.org_unit_id };
}

describe.each(DIALECTS)('access requests (%s)', (dialect) => {
  let t: TestApp;
  let db: Database;
  const cookie: Record<string, string> = {};
  let worker: Actor;
  let records: Actor;
  let caseA: { id: number; number: string };
  let secret: { id: number; number: string };
  let journalisedDoc: number;

  async function addDoc(c: { id: number }, title: string, text: string, by: Actor, journal = true) {
    const row = await db.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const up = await uploadDocuments(
      db,
      t.services.blobs,
      row,
      [{ name: `${title}.pdf`, type: 'application/pdf', bytes: await makePdf([text]) }],
      { title, direction: 'incoming', documentDate: '2026-11-20', sender: 'Borger', recipient: '' },
      by,
    );
    if (!up.ok) throw new Error('upload failed');
    if (journal) await journalise(db, row, (await getDocument(db, c.id, up.ids[0]!))!, by);
    return up.ids[0]!;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    db = t.db.database;
    for (const u of ['sagsbehandler', 'journal', 'medarbejder', 'sekretariat', 'admin']) cookie[u] = await t.signIn(u);
    worker = await actorFor(db, 'sagsbehandler');
    records = await actorFor(db, 'journal');
    const a = await createCase(
      db,
      emptyCaseInput({ title: 'Carport på Østergade 12', kleNumber: '02.34.02', unitId: String(worker.orgUnitId) }),
      worker,
    );
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    caseA = a;
    journalisedDoc = await addDoc(caseA, 'Ansøgning om byggetilladelse', 'Jeg søger om en carport.', worker);
    await addDoc(caseA, 'Udkast til svar', 'Ikke journaliseret.', worker, false);
    const s = await createCase(
      db,
      emptyCaseInput({
        title: 'Personalesag',
        kleNumber: '02.34.02',
        unitId: String(records.orgUnitId),
        caseworkerUsername: 'journal',
        confidential: true,
        accessUsernames: 'journal',
      }),
      records,
    );
    if (!s.ok) throw new Error(JSON.stringify(s.errors));
    secret = s;
    await addDoc(secret, 'Advarsel', 'Fortroligt.', records);
  });
  afterAll(async () => t.cleanup());

  it('counts 7 working days from receipt past Easter and a closing day (the one calendar)', async () => {
    // Received Wednesday 24 March 2027: Maundy Thursday, Good Friday, Easter Monday are holidays.
    const now = new Date('2027-03-24T12:00:00Z');
    const input = emptyRequestInput({
      name: 'Lise Holm',
      email: 'lise@example.dk',
      receivedAt: '2027-03-24T10:00',
      asksFor: 'Byggesagen',
      caseNumbers: caseA.number,
    });
    const plain = await registerRequest(db, input, worker, { now });
    expect(plain.ok).toBe(true);
    const row = async (id: number) =>
      db.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await row((plain as { id: number }).id)).deadline).toBe('2027-04-07');
    await putSetting(db, CLOSING_DAYS_SETTING, JSON.stringify([{ day: '2027-03-31', label: 'Lukkedag' }]));
    try {
      const closed = await registerRequest(db, input, worker, { now });
      const r = await row((closed as { id: number }).id);
      expect(r.deadline).toBe('2027-04-08');
      expect(r.received_on).toBe('2027-03-24');
    } finally {
      await putSetting(db, CLOSING_DAYS_SETTING, JSON.stringify(DEFAULT_CLOSING_DAYS));
    }
    expect(workingDaysLeft('2027-03-24', '2027-04-07', DEFAULT_CLOSING_DAYS)).toBe(7);
    expect(workingDaysLeft('2027-04-09', '2027-04-07', DEFAULT_CLOSING_DAYS)).toBe(-2);
  });

  it('registers a request as an AKT case with its links and document rows in one go', async () => {
    const res = await t.post(
      '/access-requests',
      {
        kind: 'party',
        name: 'Jens Hansen',
        email: 'jens@example.dk',
        cpr: '',
        cvr: '',
        channel: 'email',
        receivedAt: '',
        asksFor: 'Alle dokumenter i min byggesag',
        caseNumbers: caseA.number,
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    const r = await db.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(r.status).toBe('open');
    expect(r.law).toBe('fvl');
    const akt = await db.db.selectFrom('cases').selectAll().where('id', '=', r.case_id!).executeTakeFirstOrThrow();
    expect(akt.type).toBe('access_request');
    expect(akt.number).toMatch(/^AKT-\d{4}-\d{6}$/);
    expect(akt.title).toBe('Aktindsigt: Alle dokumenter i min byggesag');
    const rel = await db.db
      .selectFrom('case_relations')
      .select(['case_id', 'related_id'])
      .where((eb) => eb.or([eb('case_id', '=', akt.id), eb('related_id', '=', akt.id)]))
      .execute();
    expect(rel).toHaveLength(2);
    expect(
      (await db.db.selectFrom('access_request_cases').selectAll().where('request_id', '=', id).execute()).map(
        (x) => x.case_id,
      ),
    ).toEqual([caseA.id]);
    // Only the journalised document, on its current version, undecided.
    const items = await db.db.selectFrom('access_request_documents').selectAll().where('request_id', '=', id).execute();
    expect(items.map((i) => [i.document_id, i.version, i.decision])).toEqual([[journalisedDoc, 1, null]]);
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'accessRequest.%')
      .execute();
    expect(audit).toContainEqual({ action: 'accessRequest.register', entity_id: String(akt.id) });
    expect(audit).toContainEqual({ action: 'accessRequest.linked', entity_id: String(caseA.id) });

    const page = await (await t.get(`/access-requests/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Jens Hansen');
    expect(page).toContain('Ansøgning om byggetilladelse');
    expect(page).not.toContain('Udkast til svar');
    const linked = await (await t.get(`/cases/${caseA.id}`, { cookie: cookie.sagsbehandler })).text();
    expect(linked).toContain('Aktindsigt i denne sag');
    expect(linked).toContain(`href="/access-requests/${id}"`);
    const aktPage = await (await t.get(`/cases/${akt.id}`, { cookie: cookie.sagsbehandler })).text();
    expect(aktPage).toContain('Aktindsigtsanmodning');
    expect(aktPage).toContain(`href="/access-requests/${id}"`);
    // Someone without access-request rights sees the case but not the section.
    const plain = await t.get(`/cases/${caseA.id}`, { cookie: cookie.sekretariat });
    expect(plain.status).toBe(200);
    expect(await plain.text()).not.toContain('Aktindsigt i denne sag');
    const list = await (await t.get('/access-requests', { cookie: cookie.sagsbehandler })).text();
    expect(list).toContain(akt.number);
    expect(list).toContain('href="/access-requests"');
  });

  it('refuses bad input with 422, keeps it, and never links a case the user cannot see', async () => {
    const before = await db.db.selectFrom('access_requests').select('id').execute();
    const res = await t.post(
      '/access-requests',
      {
        kind: 'citizen',
        name: 'Karen Blixen',
        email: 'ikke-en-mail',
        cpr: '3113001234',
        channel: 'letter',
        receivedAt: '',
        asksFor: 'Min sag',
        caseNumbers: secret.number,
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Karen Blixen"');
    expect(html).toContain('Skriv en gyldig e-mailadresse');
    expect(html).toContain('CPR-nummeret er ikke gyldigt');
    expect(html).toContain('Et eller flere sagsnumre findes ikke, eller du har ikke adgang til sagen.');
    expect(await db.db.selectFrom('access_requests').select('id').execute()).toHaveLength(before.length);
  });

  it('hides a confidential request from those outside its case (404), and the lists from non-staff (403)', async () => {
    const r = await registerRequest(
      db,
      emptyRequestInput({
        name: 'Pressen',
        email: 'p@example.dk',
        asksFor: 'Personalesagen',
        caseNumbers: secret.number,
      }),
      records,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const akt = await db.db
      .selectFrom('cases')
      .select('confidential')
      .where('id', '=', r.caseId)
      .executeTakeFirstOrThrow();
    expect(akt.confidential).toBe(1);
    expect((await t.get(`/access-requests/${r.id}`, { cookie: cookie.journal })).status).toBe(200);
    expect((await t.get(`/access-requests/${r.id}`, { cookie: cookie.sagsbehandler })).status).toBe(404);
    expect((await t.get(`/access-requests/${r.id}/documents/1`, { cookie: cookie.sagsbehandler })).status).toBe(404);
    expect((await t.get(`/access-requests/99999`, { cookie: cookie.sagsbehandler })).status).toBe(404);
    expect(await (await t.get('/access-requests?filter=all', { cookie: cookie.sagsbehandler })).text()).not.toContain(
      'Personalesagen',
    );
    expect((await t.get('/access-requests', { cookie: cookie.medarbejder })).status).toBe(403);
    expect((await t.get('/access-requests/new', { cookie: cookie.medarbejder })).status).toBe(403);
  });

  it('writes a fristbrev: the new date must be after the deadline; the letter is a journalised PDF', async () => {
    const r = await registerRequest(
      db,
      emptyRequestInput({
        name: 'Ole Fristesen',
        address: 'Torvet 1\n9999 Byen',
        asksFor: 'Budget',
        caseNumbers: caseA.number,
      }),
      worker,
    );
    if (!r.ok) throw new Error('register');
    const row = await db.db.selectFrom('access_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    const bad = await t.post(
      `/access-requests/${r.id}/extension`,
      { reason: 'Mange dokumenter', newDate: row.deadline },
      { cookie: cookie.sagsbehandler },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Den nye frist skal ligge efter den nuværende frist.');
    expect(badHtml).toContain('Mange dokumenter');
    const newDate = new Date(Date.parse(`${row.deadline}T12:00:00Z`) + 10 * 86400_000).toISOString().slice(0, 10);
    const ok = await t.post(
      `/access-requests/${r.id}/extension`,
      { reason: 'Sagen rummer mange dokumenter, der skal gennemgås.', newDate },
      { cookie: cookie.sagsbehandler },
    );
    expect(ok.status).toBe(303);
    const after = await db.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(after.extended_deadline).toBe(newDate);
    const doc = await db.db
      .selectFrom('documents')
      .innerJoin('document_versions', 'document_versions.document_id', 'documents.id')
      .selectAll()
      .where('documents.id', '=', after.extension_document_id!)
      .executeTakeFirstOrThrow();
    expect(doc.case_id).toBe(r.caseId);
    expect(doc.direction).toBe('outgoing');
    expect(doc.journalised_at).not.toBeNull();
    expect(doc.mime).toBe('application/pdf');
    const pdf = new Uint8Array(await t.services.blobs.read(doc.blob_sha256));
    const tagged = await inspectPdf(pdf);
    expect([tagged.marked, tagged.hasStructTree, tagged.lang]).toEqual([true, true, 'da-DK']);
    const text = await allText(pdf);
    expect(text).toContain('Sagen rummer mange dokumenter');
    expect(text).toContain('Ole Fristesen');
    // On the AKT case's timeline and in the audit log.
    expect(
      await db.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', String(r.caseId))
        .where('action', 'in', ['accessRequest.extend', 'document.journalise'])
        .execute(),
    ).toHaveLength(2);
  });

  it('warns the caseworker once before the deadline and once when it has passed', async () => {
    const r = await registerRequest(
      db,
      emptyRequestInput({
        name: 'Varsel',
        email: 'v@example.dk',
        asksFor: 'Varsler',
        receivedAt: '2027-03-24T10:00',
        caseNumbers: caseA.number,
      }),
      worker,
      { now: new Date('2027-03-24T12:00:00Z') },
    );
    if (!r.ok) throw new Error('register');
    // Deadline 7 April 2027 (Wednesday); 2 working days before is Monday 5 April.
    const mine = () =>
      db.db.selectFrom('notifications').select('kind').where('link', '=', `/access-requests/${r.id}`).execute();
    await sendDeadlineWarnings(db, '2027-04-02');
    expect(await mine()).toHaveLength(0);
    await sendDeadlineWarnings(db, '2027-04-05');
    await sendDeadlineWarnings(db, '2027-04-06');
    expect((await mine()).map((n) => n.kind)).toEqual(['accessRequest.deadline']);
    await sendDeadlineWarnings(db, '2027-04-08');
    await sendDeadlineWarnings(db, '2027-04-09');
    expect((await mine()).map((n) => n.kind).sort()).toEqual(['accessRequest.deadline', 'accessRequest.overdue']);
    const overdue = await (await t.get('/access-requests/overdue', { cookie: cookie.sagsbehandler })).text();
    expect(overdue).toContain('Anmodninger med overskredet frist');
    expect((await t.services.scheduler.runJob('access-request-deadlines', 'manual')).status).toBe('ok');
  });

  it('lets only admins and records managers keep the legal bases', async () => {
    expect((await t.get('/admin/legal-bases', { cookie: cookie.sagsbehandler })).status).toBe(403);
    expect((await t.get('/admin/legal-bases', { cookie: cookie.medarbejder })).status).toBe(403);
    expect(
      (
        await t.post(
          '/admin/legal-bases',
          { law: 'offl', section: '§ 99', title: 'x' },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(403);
    const page = await (await t.get('/admin/legal-bases', { cookie: cookie.admin })).text();
    expect(page).toContain('§ 30, nr. 1');
    expect(page).toContain('Enkeltpersoners private, herunder økonomiske, forhold');
    const dup = await t.post(
      '/admin/legal-bases',
      { law: 'offl', section: '§ 23', title: 'Igen', position: '' },
      { cookie: cookie.admin },
    );
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Den paragraf findes allerede for den lov.');
    expect(
      (
        await t.post(
          '/admin/legal-bases',
          { law: 'offl', section: '§ 35 a', title: 'Prøve', position: '999' },
          { cookie: cookie.admin },
        )
      ).status,
    ).toBe(303);
    const added = await db.db
      .selectFrom('legal_bases')
      .selectAll()
      .where('section', '=', '§ 35 a')
      .executeTakeFirstOrThrow();
    expect(
      (await t.post(`/admin/legal-bases/${added.id}`, { title: 'Prøve 2', position: '5' }, { cookie: cookie.journal }))
        .status,
    ).toBe(303);
    const changed = await db.db
      .selectFrom('legal_bases')
      .selectAll()
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect([changed.title, changed.active, Number(changed.position)]).toEqual(['Prøve 2', 0, 5]);
  });

  it('records a decision per document: bases and reason required unless full access', async () => {
    const r = await registerRequest(
      db,
      emptyRequestInput({ name: 'Afgørelse', email: 'a@example.dk', asksFor: 'Afgørelser', caseNumbers: caseA.number }),
      worker,
    );
    if (!r.ok) throw new Error('register');
    const item = await db.db
      .selectFrom('access_request_documents')
      .selectAll()
      .where('request_id', '=', r.id)
      .executeTakeFirstOrThrow();
    const url = `/access-requests/${r.id}/documents/${item.id}`;
    const page = await (await t.get(url, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Jeg søger om en carport.');
    expect(page).toContain(`/cases/${caseA.id}/documents/${journalisedDoc}/versions/1/file`);
    const bad = await t.post(
      `${url}/decision`,
      { decision: 'partial', extraction: 'Carporten er 3 m høj.' },
      { cookie: cookie.sagsbehandler },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Vælg mindst én hjemmel ved delvis aktindsigt og afslag.');
    expect(html).toContain('Skriv en begrundelse ved delvis aktindsigt og afslag.');
    expect(html).toContain('Carporten er 3 m høj.');
    const basis = await db.db
      .selectFrom('legal_bases')
      .select('id')
      .where('section', '=', '§ 30, nr. 1')
      .executeTakeFirstOrThrow();
    const ok = await t.post(
      `${url}/decision`,
      {
        decision: 'refused',
        basisIds: [String(basis.id)],
        reason: 'Oplysninger om private forhold.',
        meroffentlighed: '',
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(ok.status).toBe(303);
    const saved = await db.db
      .selectFrom('access_request_documents')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect([saved.decision, saved.reason, saved.decided_by]).toEqual([
      'refused',
      'Oplysninger om private forhold.',
      worker.id,
    ]);
    const bases = await db.db
      .selectFrom('access_request_document_bases')
      .select('legal_basis_id')
      .where('item_id', '=', item.id)
      .execute();
    expect(bases.map((b) => b.legal_basis_id)).toEqual([basis.id]);
    expect(
      await db.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'accessRequest.decide')
        .where('entity_id', '=', String(r.caseId))
        .execute(),
    ).toHaveLength(1);
    const requestPage = await (await t.get(`/access-requests/${r.id}`, { cookie: cookie.sagsbehandler })).text();
    expect(requestPage).toContain('offl. § 30, nr. 1');
    // Someone who may see the case but not register requests cannot decide.
    expect((await t.post(`${url}/decision`, { decision: 'full' }, { cookie: cookie.medarbejder })).status).toBe(404);

    await markAnswered(db, r.id, { channel: 'email', documentId: journalisedDoc, by: worker });
    const answered = await db.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect([answered.status, answered.answer_channel, answered.answered_by]).toEqual(['answered', 'email', worker.id]);
    expect(await (await t.get('/access-requests?filter=answered', { cookie: cookie.sagsbehandler })).text()).toContain(
      'Afgørelser',
    );
  });

  it('registers a request from the public form through the same path, keeping its time of receipt', async () => {
    const at = new Date(Math.floor(Date.now() / 1000 - 86400) * 1000);
    const { id } = await receiveFormRequest(db, {
      kind: 'journalist',
      name: 'Sara Presse',
      email: 's@example.dk',
      asksFor: 'Postlisten',
      at,
    });
    expect(await (await t.get('/access-requests?filter=new', { cookie: cookie.sagsbehandler })).text()).toContain(
      'Sara Presse',
    );
    const res = await t.post(
      `/access-requests/${id}/registration`,
      {
        kind: 'journalist',
        name: 'Sara Presse',
        email: 's@example.dk',
        asksFor: 'Postlisten',
        caseNumbers: caseA.number,
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const row = await db.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.status, row.received_at, row.channel]).toEqual(['open', at.toISOString(), 'form']);
    expect(row.case_id).not.toBeNull();
  });
});
