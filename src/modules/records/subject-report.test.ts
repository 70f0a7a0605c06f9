import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { allText } from '../../../test/helpers/pdf.ts';
import { addRequest, addTextDocument } from '../access-requests/access-requests.fixtures.ts';
import { createTestCase } from '../cases/cases.fixtures.ts';

/**
 * The data subject's report (/admin/records/subject-report): every case where a CPR or CVR
 * number is registered (parties of any role, the requester of an access request) and the
 * documents on them, confidential cases included and said so; each search and each PDF logged
 * with the masked number and the reason.
 */
const CPR = '020285-1234';
const MASKED = '020285-XXXX';
const CVR = '10000009';

describe.each(DIALECTS)("the data subject's report (%s)", (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const numbers: Record<string, string> = {};
  const ids: Record<string, number> = {};

  const numberOf = async (id: number) =>
    (await t.db.database.db.selectFrom('cases').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal', 'admin']) cookie[u] = await t.signIn(u);
    const cw = cookie.sagsbehandler!;
    const database = t.db.database;
    ids.citizen = await createTestCase(t, cw, {
      type: 'citizen',
      title: 'Ansøgning om handicapbil',
      partyName: 'Hanne Vig',
      partyCpr: CPR,
    });
    ids.secret = await createTestCase(t, cw, {
      type: 'citizen',
      title: 'Underretning om Hanne',
      partyName: 'Hanne Vig',
      partyCpr: CPR,
      confidential: '1',
      accessUsernames: 'sagsbehandler',
    });
    ids.represents = await createTestCase(t, cw, { title: 'Nabohøring Østergade' });
    const party = await t.post(
      `/cases/${ids.represents}/parties`,
      { kind: 'person', role: 'representative', name: 'Hanne Vig', cpr: CPR },
      { cookie: cw },
    );
    expect(party.status).toBe(303);
    ids.akt = await createTestCase(t, cw, { type: 'access_request', title: 'Aktindsigt i byggesag' });
    await addRequest(database, { caseId: ids.akt, cpr: CPR, name: 'Hanne Vig' });
    ids.company = await createTestCase(t, cw, {
      type: 'company',
      title: 'Miljøtilsyn Vig ApS',
      partyName: 'Vig ApS',
      partyCvr: CVR,
    });
    ids.unrelated = await createTestCase(t, cw, { title: 'Helt anden sag' });
    for (const [key, id] of Object.entries(ids)) numbers[key] = await numberOf(id);
    await addTextDocument(database, t.services.blobs, ids.citizen!, {
      title: 'Lægeerklæring',
      text: 'x',
      sender: 'Hanne Vig',
    });
    await addTextDocument(database, t.services.blobs, ids.secret!, { title: 'Underretning fra skolen', text: 'x' });
    await addTextDocument(database, t.services.blobs, ids.unrelated!, {
      title: 'Brev til Hanne Vig',
      text: 'x',
      direction: 'outgoing',
      recipient: 'Hanne Vig',
    });
    await addTextDocument(database, t.services.blobs, ids.unrelated!, { title: 'Intern note', text: 'x' });
  });
  afterAll(async () => t.cleanup());

  const search = (form: Record<string, string>, as = 'journal') =>
    t.post('/admin/records/subject-report', form, { cookie: cookie[as] });

  it('is for records managers only', async () => {
    expect((await t.get('/admin/records/subject-report', { cookie: cookie.journal })).status).toBe(200);
    for (const as of ['sagsbehandler', 'admin']) {
      expect((await t.get('/admin/records/subject-report', { cookie: cookie[as] })).status).toBe(403);
      expect((await search({ number: CPR, reason: 'x' }, as)).status).toBe(403);
      expect(
        (await t.post('/admin/records/subject-report/pdf', { number: CPR, reason: 'x' }, { cookie: cookie[as] }))
          .status,
      ).toBe(403);
    }
  });

  it('explains bad input in Danish and keeps what was typed', async () => {
    const bad = await search({ number: '12345', reason: 'Anmodning 2026-117' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Skriv et CPR-nummer (DDMMÅÅ-XXXX) eller et CVR-nummer (8 cifre)');
    expect(html).toContain('value="12345"');
    expect(html).toContain('Anmodning 2026-117');
    const badDate = await (await search({ number: '320185-1234', reason: 'x' })).text();
    expect(badDate).toContain('CPR-nummeret er ikke gyldigt');
    const badCvr = await (await search({ number: '10000008', reason: 'x' })).text();
    expect(badCvr).toContain('CVR-nummeret er ikke gyldigt');
    const noReason = await search({ number: CPR, reason: '' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Skriv en begrundelse for opslaget');
    // Nothing was looked up, so nothing was logged.
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'like', 'records.subjectReport.%')
      .execute();
    expect(logged).toHaveLength(0);
  });

  it('finds every case and document of a CPR number, confidential ones included, and logs the search', async () => {
    const res = await search({ number: '0202851234', reason: 'Anmodning 2026-117' });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const key of ['citizen', 'secret', 'represents', 'akt']) expect(html, key).toContain(numbers[key]);
    expect(html).not.toContain(numbers.company);
    expect(html).toContain('4 sager og 2 dokumenter.');
    expect(html).toContain('1 af sagerne er fortrolige');
    expect(html).toContain('Lægeerklæring');
    expect(html).toContain('Underretning fra skolen');
    expect(html).toContain('Hanne Vig (Partsrepræsentant)');
    expect(html).toContain('Hanne Vig (anmoder om aktindsigt)');
    // A document elsewhere addressed to the same name is a possible match, listed apart.
    expect(html).toContain('Mulige dokumenter på andre sager (navn)');
    expect(html).toContain('Brev til Hanne Vig');
    expect(html).not.toContain('Intern note');

    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .select(['summary', 'details', 'actor_name'])
      .where('action', '=', 'records.subjectReport.search')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toContain(MASKED);
    expect(entry.summary).toContain('4 cases');
    expect(`${entry.summary}${entry.details}`).not.toContain('1234');
    const details = JSON.parse(entry.details!);
    expect(details).toMatchObject({ cpr: MASKED, reason: 'Anmodning 2026-117', count: 4, documents: 2 });
    expect([...details.cases].sort()).toEqual(
      [numbers.citizen, numbers.secret, numbers.represents, numbers.akt].sort(),
    );
  });

  it('gives the report as a PDF with the case numbers, and logs the download', async () => {
    const res = await t.post(
      '/admin/records/subject-report/pdf',
      { number: CPR, reason: 'Anmodning 2026-117' },
      { cookie: cookie.journal },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    const text = await allText(new Uint8Array(await res.arrayBuffer()));
    for (const key of ['citizen', 'secret', 'represents', 'akt']) expect(text, key).toContain(numbers[key]);
    expect(text).toContain('Lægeerklæring');
    expect(text).toContain(CPR);
    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .select(['summary', 'details'])
      .where('action', '=', 'records.subjectReport.pdf')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toContain(MASKED);
    expect(JSON.parse(entry.details!)).toMatchObject({ cpr: MASKED, reason: 'Anmodning 2026-117', count: 4 });
  });

  it('finds a company by its CVR number', async () => {
    const html = await (await search({ number: CVR, reason: 'Virksomhedens anmodning' })).text();
    expect(html).toContain(numbers.company);
    expect(html).not.toContain(numbers.citizen);
    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'records.subjectReport.search')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({ cvr: CVR, count: 1 });
  });
});
