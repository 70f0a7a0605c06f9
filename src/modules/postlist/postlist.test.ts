import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { installClock } from '../../clock.ts';
import { FORM_LIMIT, isoWeekOf, isPublished, looksLikeCpr, parseIsoWeek } from './service.ts';
import { buildPostlistFixture, CPR, NOW, type PostlistFixture } from './postlist.fixtures.ts';

describe('ISO weeks and publication', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOf('2026-12-02')).toMatchObject({ year: 2026, week: 49, monday: '2026-11-30', sunday: '2026-12-06' });
    expect(isoWeekOf('2027-01-01')).toMatchObject({ year: 2026, week: 53 });
    expect(isoWeekOf('2024-12-30')).toMatchObject({ year: 2025, week: 1 });
    expect(isoWeekOf('2021-01-03')).toMatchObject({ year: 2020, week: 53 });
    expect(parseIsoWeek('2026-W53')?.monday).toBe('2026-12-28');
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('nonsense')).toBeNull();
  });

  it('publishes a week on the Monday after it, in Copenhagen time', () => {
    const week48 = parseIsoWeek('2026-W48')!;
    expect(isPublished(week48, new Date('2026-11-29T22:59:00Z'))).toBe(false); // Sunday 23:59 in Copenhagen
    expect(isPublished(week48, new Date('2026-11-29T23:00:00Z'))).toBe(true); // Monday 00:00
  });

  it('recognises CPR numbers in titles', () => {
    for (const s of ['Ansøgning 010190-1234', 'cpr 0101901234', '010190 1234']) expect(looksLikeCpr(s)).toBe(true);
    for (const s of ['Sag 02.34.02-P20-1-26', 'Lokalplan 1234', 'Tlf. 12345678', '320190-1234'])
      expect(looksLikeCpr(s)).toBe(false);
  });
});

describe.each(DIALECTS)('the public post list (%s)', (dialect) => {
  let t: TestApp;
  let f: PostlistFixture;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    installClock({ SAMSPIL_CLOCK: NOW });
    t = await createTestApp(dialect);
    for (const u of ['sagsbehandler', 'journal', 'medarbejder']) cookie[u] = await t.signIn(u);
    f = await buildPostlistFixture(t, cookie.sagsbehandler!, cookie.journal!);
  });
  afterAll(async () => {
    await t.cleanup();
    installClock({});
  });

  const markUrl = (id: number) => `/cases/${f.caseId}/documents/${id}/postlist`;

  it('lets staff mark a document from its page, refusing a title with a CPR number', async () => {
    const page = await (
      await t.get(`/cases/${f.caseId}/documents/${f.personalDoc}`, { cookie: cookie.sagsbehandler })
    ).text();
    expect(page).toContain(`action="${markUrl(f.personalDoc)}"`);
    let res = await t.post(
      markUrl(f.personalDoc),
      { on: '1', postlistTitle: `Ansøgning ${CPR}` },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('ser ud til at indeholde et CPR-nummer');
    res = await t.post(markUrl(f.personalDoc), { on: '1', postlistTitle: '' }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    res = await t.post(markUrl(f.internalDoc), { on: '1', postlistTitle: 'Notat' }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    res = await t.post(
      markUrl(f.personalDoc),
      { on: '1', postlistTitle: 'Ansøgning om byggetilladelse til carport' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const row = await t.db.database.db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', f.personalDoc)
      .executeTakeFirstOrThrow();
    expect(row.on_postlist).toBe(1);
    expect(row.postlist_title).toBe('Ansøgning om byggetilladelse til carport');
    const audit = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'document.postlist.add')
      .execute();
    expect(audit).toHaveLength(1);
    // Someone without case.edit cannot.
    expect((await t.post(markUrl(f.personalDoc), { on: '0' }, { cookie: cookie.medarbejder })).status).toBe(404);
  });

  it('shows published weeks to anyone, with no personal data and never a CPR number', async () => {
    const res = await t.get('/postliste');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Uge 48, 2026');
    expect(html).toContain('Ansøgning om byggetilladelse til carport');
    expect(html).toContain('Svar på ansøgning om byggetilladelse');
    expect(html).toContain('Byggetilladelse'); // the KLE subject instead of the case title
    expect(html).toContain(f.caseNumber);
    expect(html).toContain('Indgående');
    expect(html).toContain('Udgående');
    // Not yet published, confidential, and personal data: nowhere on the page.
    expect(html).not.toContain('Partshøring om carport');
    expect(html).not.toContain('Uge 49');
    expect(html).not.toContain('Notat i fortrolig sag');
    for (const s of ['Jens Hansen', 'Østergade', CPR, CPR.replace('-', ''), '010190', 'Svar til Jens'])
      expect(html).not.toContain(s);
    expect(html).not.toMatch(/\d{6}-?\d{4}/);
    const running = await (await t.get('/postliste?week=2026-W49')).text();
    expect(running).toContain('Ugen er ikke offentliggjort endnu.');
    expect(running).not.toContain('Partshøring om carport');
    expect((await t.get('/postliste?week=banan')).status).toBe(404);
  });

  it('is linked from the sign-in page', async () => {
    expect(await (await t.get('/login')).text()).toContain('href="/postliste"');
  });

  it('takes a request for access from anyone, prefilled with the document, and shows a receipt', async () => {
    const form = await t.get(`/postliste/anmodning?document=${f.listedDoc}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`Aktindsigt i dokumentet »Svar på ansøgning om byggetilladelse« på sag ${f.caseNumber}`);
    expect(html).not.toContain('Jens Hansen');
    // A document not on a published week is not prefilled.
    expect(await (await t.get(`/postliste/anmodning?document=${f.thisWeekDoc}`)).text()).not.toContain('Partshøring');
    const res = await t.post('/postliste/anmodning', {
      name: 'Karen Journalist',
      email: 'karen@avisen.dk',
      kind: 'journalist',
      asksFor: 'Aktindsigt i dokumentet',
      document: String(f.listedDoc),
      website: '',
    });
    expect(res.status).toBe(303);
    const receipt = await t.get(res.headers.get('location')!);
    const text = await receipt.text();
    expect(text).toContain('Tak for din anmodning');
    expect(text).toContain('11.12.2026');
    const row = await t.db.database.db
      .selectFrom('access_requests')
      .selectAll()
      .where('requester_email', '=', 'karen@avisen.dk')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'new',
      case_id: null,
      channel: 'form',
      requester_kind: 'journalist',
      law: 'offl',
      received_on: '2026-12-02',
      deadline: '2026-12-11',
    });
  });

  it('re-renders a bad request with the input kept, drops robots, and limits requests per address', async () => {
    let res = await t.post('/postliste/anmodning', {
      name: 'Ole',
      email: 'ikke-en-adresse',
      kind: 'citizen',
      asksFor: 'Noget',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Skriv en gyldig e-mailadresse');
    expect(html).toContain('value="ikke-en-adresse"');
    const count = async () =>
      Number(
        (
          await t.db.database.db
            .selectFrom('access_requests')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    res = await t.post('/postliste/anmodning', {
      name: 'Robot',
      email: 'robot@example.org',
      kind: 'other',
      asksFor: 'Spam',
      website: 'http://spam.example',
    });
    expect(res.status).toBe(303);
    expect(await count()).toBe(before);
    const ok = { name: 'Ole', email: 'ole@example.org', kind: 'citizen', asksFor: 'Noget' };
    const headers = { 'X-Forwarded-For': '203.0.113.9' };
    const statuses: number[] = [];
    for (let i = 0; i <= FORM_LIMIT.perHour; i++)
      statuses.push((await t.post('/postliste/anmodning', ok, { headers })).status);
    expect(statuses.filter((s) => s === 303).length).toBeGreaterThanOrEqual(1);
    expect(statuses.at(-1)).toBe(429);
  });
});
