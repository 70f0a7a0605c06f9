import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../test/helpers/files.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { copenhagenDate } from '../../i18n/index.ts';

describe.each(DIALECTS)('case search (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let open: number;
  let secret: number;
  let citizen: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal', 'sekretariat', 'medarbejder']) cookie[u] = await t.signIn(u);
    const unit = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const create = async (f: Record<string, string>) => {
      const res = await t.post(
        '/cases',
        { type: 'subject', kleNumber: '02.34.02', facetCode: 'P20', unitId: String(unit), ...f },
        { cookie: cookie.sagsbehandler },
      );
      expect(res.status).toBe(303);
      return Number(res.headers.get('location')!.split('/').pop());
    };
    open = await create({
      title: 'Carport på Østergade 12',
      description: 'Ansøgning om byggetilladelse til carport med redskabsrum.',
    });
    await t.post(
      `/cases/${open}/notes`,
      { body: 'Naboen har ringet om skyggegener.' },
      { cookie: cookie.sagsbehandler },
    );
    await t.post(
      `/cases/${open}/parties`,
      { kind: 'company', role: 'party', name: 'Tømrerfirmaet Ravn ApS', cvr: '29403473' },
      { cookie: cookie.sagsbehandler },
    );
    const pdf = await makePdf([
      'Afgørelse',
      'Kommunen meddeler hermed dispensation fra bebyggelsesprocenten for grunden.',
    ]);
    await t.upload(
      `/cases/${open}/documents`,
      { direction: 'outgoing', documentDate: '2026-11-20', sender: '', recipient: '' },
      [{ field: 'files', name: 'Afgørelse.pdf', content: pdf }],
      { cookie: cookie.sagsbehandler },
    );
    secret = await create({
      title: 'Tjenstlig samtale om carport-sagen',
      description: 'Fortrolig personalesag om hemmeligholdelse.',
      confidential: '1',
      accessUsernames: 'journal',
    });
    const secretPdf = await makePdf(['Referat', 'Hemmeligt referat om dispensation og bebyggelsesprocenten.']);
    await t.upload(
      `/cases/${secret}/documents`,
      { direction: 'internal', documentDate: '2026-11-20', sender: '', recipient: '' },
      [{ field: 'files', name: 'Referat.pdf', content: secretPdf }],
      { cookie: cookie.sagsbehandler },
    );
    citizen = await create({
      type: 'citizen',
      title: 'Hjælpemidler til borger',
      kleNumber: '27.00.00',
      partyName: 'Lise Lotte Holm',
      partyCpr: '120356-1234',
    });
  });
  afterAll(async () => t.cleanup());

  const search = async (q: string, as = 'sagsbehandler', extra = '') =>
    (await t.get(`/cases/search?q=${encodeURIComponent(q)}${extra}`, { cookie: cookie[as] })).text();

  it('finds cases by title, description, note, party and case number, with Danish letters and prefixes', async () => {
    const number = (
      await t.db.database.db.selectFrom('cases').select('number').where('id', '=', open).executeTakeFirstOrThrow()
    ).number;
    for (const q of [
      'Østergade',
      'østergade',
      'byggetilladelse',
      'byggetilladelsen',
      'skyggegener',
      'Tømrerfirmaet',
      'tømrerfirma',
      'Ravn',
      'carporten',
      number,
    ]) {
      expect(await search(q), q).toContain(`href="/cases/${open}"`);
    }
  });

  it('finds documents by the text inside them and marks the match', async () => {
    const html = await search('bebyggelsesprocenten');
    expect(html).toMatch(new RegExp(`href="/cases/${open}/documents/\\d+"`));
    expect(html).toMatch(/<mark[^>]*>bebyggelsesprocenten<\/mark>/i);
  });

  it('never shows a confidential case’s hits to outsiders, and shows them to its access group', async () => {
    for (const q of ['hemmeligholdelse', 'tjenstlig', 'hemmeligt referat', 'bebyggelsesprocenten']) {
      const outsider = await search(q, 'sekretariat');
      expect(outsider, q).not.toContain(`/cases/${secret}`);
      expect(outsider, q).not.toContain('Hemmeligt');
    }
    expect(await search('hemmeligt referat', 'journal')).toContain(`/cases/${secret}/documents/`);
    expect(await search('hemmeligholdelse', 'journal')).toContain(`href="/cases/${secret}"`);
  });

  it('survives any input', async () => {
    for (const q of [
      'e-mail',
      '"',
      '*',
      'AND OR NOT',
      'NEAR(a b',
      "'; drop table cases; --",
      '💥',
      'a'.repeat(500),
      '^carport',
    ]) {
      const res = await t.get(`/cases/search?q=${encodeURIComponent(q)}`, { cookie: cookie.sagsbehandler });
      expect(res.status, q).toBe(200);
    }
  });

  it('looks up a CPR number exactly, masks it, and logs the search', async () => {
    const html = await search('120356-1234');
    const results = html.slice(html.indexOf('id="case-search-results"'));
    expect(results).toContain(`href="/cases/${citizen}"`);
    expect(results).toContain('120356-XXXX');
    expect(results).not.toContain('120356-1234');
    expect(results).toContain('er logget');
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'search.cpr')
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toContain('120356-XXXX');
    expect(logged[0]!.details).not.toContain('1234');
    // The CPR number is not in the full-text index.
    const indexed = await t.db.database.db.selectFrom('search_entries').select('body').execute();
    expect(JSON.stringify(indexed)).not.toContain('120356');
  });

  it('filters by type, status and dates', async () => {
    expect(await search('carport', 'sagsbehandler', '&type=citizen')).not.toContain(`/cases/${open}"`);
    expect(await search('carport', 'sagsbehandler', '&status=closed')).not.toContain(`/cases/${open}"`);
    expect(await search('carport', 'sagsbehandler', '&status=open')).toContain(`/cases/${open}"`);
    expect(await search('carport', 'sagsbehandler', '&from=2999-01-01')).not.toContain(`/cases/${open}"`);
    // The app reads dates in Copenhagen time (between 23:00 and 24:00 UTC it is already tomorrow there).
    const today = copenhagenDate(new Date());
    expect(await search('carport', 'sagsbehandler', `&from=${today}&to=${today}`)).toContain(`/cases/${open}"`);
    const bad = await t.get('/cases/search?q=carport&from=1.1.2026', { cookie: cookie.sagsbehandler });
    expect(bad.status).toBe(422);
  });

  it('shows case hits in the global search only to those with a case role', async () => {
    const caseworker = await (await t.get('/search?q=carport', { cookie: cookie.sagsbehandler })).text();
    expect(caseworker).toContain('Sager og dokumenter');
    expect(caseworker).toContain(`href="/cases/${open}"`);
    const employee = await (await t.get('/search?q=carport', { cookie: cookie.medarbejder })).text();
    expect(employee).not.toContain('Sager og dokumenter');
    expect(employee).not.toContain('/cases/');
  });
});
