import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { addDays } from '../../calendar/workdays.ts';
import { MAX_SHORTCUTS, safeShortcutUrl } from './shortcuts.ts';

/**
 * The intranet front page and the global search, on both databases: news, the caseworker's own
 * deadlines, personal shortcuts (validated, private, audited), and search across every kind the
 * reader may see.
 */

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('safeShortcutUrl', () => {
  it('keeps local paths and https addresses, and nothing that could run or leave unseen', () => {
    expect(safeShortcutUrl(' /pages/3 ')).toBe('/pages/3');
    expect(safeShortcutUrl('https://www.retsinformation.dk/eli/lta/2024/1')).toBe(
      'https://www.retsinformation.dk/eli/lta/2024/1',
    );
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      '//evil.example',
      '/\\evil.example',
      'http://plain.example',
      'ftp://x',
      '',
      'pages/3',
      '/a b',
    ]) {
      expect(safeShortcutUrl(bad), bad).toBeNull();
    }
  });
});

describe.each(DIALECTS)('front page and global search (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'medarbejder', 'sekretariat']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  it('shows the news, and deadlines only to those who work with cases', async () => {
    const news = await t.post(
      '/news',
      { title: 'Ny kantineordning fra december', summary: 'Kantinen får nye åbningstider.', body: 'Læs mere her.' },
      { cookie: cookie.sekretariat },
    );
    expect(news.status).toBe(303);
    const byggeri = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const created = await t.post(
      '/cases',
      {
        type: 'subject',
        title: 'Tilbygning til børnehave',
        description: '',
        kleNumber: '02.00.00',
        facetCode: 'G01',
        unitId: String(byggeri),
        caseworkerUsername: 'sagsbehandler',
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(created.status).toBe(303);
    const caseId = Number(created.headers.get('location')!.split('/').pop());
    const tomorrow = addDays(copenhagenDate(new Date()), 1);
    expect(
      (
        await t.post(
          `/cases/${caseId}/deadlines`,
          { title: 'Høringssvar fra naboer', dueOn: tomorrow },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);

    const caseworker = mainOf(await (await t.get('/', { cookie: cookie.sagsbehandler })).text());
    expect(caseworker).toContain('Ny kantineordning fra december');
    expect(caseworker).toContain('Dine frister');
    expect(caseworker).toContain('Høringssvar fra naboer');
    expect(caseworker).toContain(`href="/cases/${caseId}#deadlines"`);
    // The manager is linked to their profile, which is addressed by user name.
    const managerName = (
      await t.db.database.db
        .selectFrom('users as u')
        .innerJoin('users as m', 'm.id', 'u.manager_id')
        .select('m.username')
        .where('u.username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).username;
    expect(caseworker).toContain(`href="/people/${managerName}"`);
    expect((await t.get(`/people/${managerName}`, { cookie: cookie.sagsbehandler })).status).toBe(200);

    const employee = await (await t.get('/', { cookie: cookie.medarbejder })).text();
    expect(mainOf(employee)).toContain('Ny kantineordning fra december');
    expect(mainOf(employee)).not.toContain('Dine frister');
    expect(mainOf(employee)).not.toContain('Høringssvar fra naboer');
    // The intranet's own navigation, with the front page marked as current.
    expect(employee).toMatch(/<nav aria-label="Intranettet"[\s\S]*?<a href="\/" aria-current="page"/);
  });

  it('adds and removes personal shortcuts, refusing unsafe addresses without losing what was typed', async () => {
    const bad = await t.post(
      '/shortcuts',
      { label: 'Farlig', url: 'javascript:alert(1)' },
      { cookie: cookie.medarbejder },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Skriv en side i Samspil (begynder med /) eller en https-adresse');
    expect(badHtml).toContain('value="Farlig"');
    expect(badHtml).not.toContain('href="javascript:');

    const ok = await t.post(
      '/shortcuts',
      { label: 'Personalehåndbogen', url: '/pages' },
      { cookie: cookie.medarbejder },
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/#my-shortcuts');
    await t.post(
      '/shortcuts',
      { label: 'Retsinformation', url: 'https://www.retsinformation.dk/' },
      { cookie: cookie.medarbejder },
    );
    const home = mainOf(await (await t.get('/', { cookie: cookie.medarbejder })).text());
    expect(home).toMatch(/<a href="\/pages" class="font-semibold">Personalehåndbogen<\/a>/);
    expect(home).toContain('href="https://www.retsinformation.dk/"');
    // Shortcuts are one's own: a colleague sees none of them and cannot remove them.
    expect(mainOf(await (await t.get('/', { cookie: cookie.sagsbehandler })).text())).not.toContain(
      'Personalehåndbogen',
    );
    const rows = await t.db.database.db.selectFrom('user_shortcuts').select(['id', 'label']).orderBy('id').execute();
    const first = rows.find((r) => r.label === 'Personalehåndbogen')!;
    await t.post(`/shortcuts/${first.id}/deletion`, {}, { cookie: cookie.sagsbehandler });
    expect(
      await t.db.database.db.selectFrom('user_shortcuts').select('id').where('id', '=', first.id).executeTakeFirst(),
    ).toBeTruthy();
    expect((await t.post(`/shortcuts/${first.id}/deletion`, {}, { cookie: cookie.medarbejder })).status).toBe(303);
    expect(
      await t.db.database.db.selectFrom('user_shortcuts').select('id').where('id', '=', first.id).executeTakeFirst(),
    ).toBeUndefined();
    const audit = await t.db.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'shortcut.create')
      .execute();
    expect(audit.map((a) => a.summary)).toContain('Added shortcut Personalehåndbogen');

    // At most twelve.
    for (let i = 0; i < MAX_SHORTCUTS; i++)
      await t.post('/shortcuts', { label: `Genvej ${i}`, url: `/pages/${i + 1}` }, { cookie: cookie.sagsbehandler });
    const tooMany = await t.post(
      '/shortcuts',
      { label: 'En for meget', url: '/news' },
      { cookie: cookie.sagsbehandler },
    );
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain('Du kan højst have 12 genveje');
  });

  it('searches people, news, knowledge pages, units and (for caseworkers) cases in one place', async () => {
    const page = await t.post(
      '/pages',
      { title: 'Kantinens menuplan', body: 'Menuplanen for kantinen ligger her.', ownerUsername: 'sekretariat' },
      { cookie: cookie.sekretariat },
    );
    expect(page.status).toBe(303);
    const pageId = page.headers.get('location')!.split('/').pop();
    const employee = await (await t.get('/search?q=kantinen', { cookie: cookie.medarbejder })).text();
    const results = employee.slice(employee.indexOf('id="search-results"'));
    expect(results).toContain('id="hits-news"');
    expect(text(results)).toContain('Ny kantineordning fra december');
    expect(results).toContain('id="hits-pages"');
    expect(results).toContain(`href="/pages/${pageId}"`);
    expect(text(results)).toContain('Kantinens menuplan');
    expect(results).not.toContain('id="hits-cases"');

    const person = await (await t.get('/search?q=Kasper', { cookie: cookie.medarbejder })).text();
    expect(person).toContain('href="/people/sagsbehandler"');
    const unit = await (await t.get('/search?q=Byggeri', { cookie: cookie.medarbejder })).text();
    expect(unit).toMatch(/href="\/org\?unit=\d+">Byggeri<\/a>/);

    const caseworker = text(await (await t.get('/search?q=børnehave', { cookie: cookie.sagsbehandler })).text());
    expect(caseworker).toContain('Tilbygning til børnehave');
    const employeeCases = text(
      mainOf(await (await t.get('/search?q=børnehave', { cookie: cookie.medarbejder })).text()),
    );
    expect(employeeCases).not.toContain('Tilbygning til børnehave');
  });
});
