import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { pageRoutes } from './routes.tsx';
import { addDays } from './service.ts';

/** The checks every page of ours must pass: one h1 to focus, no inline script, style or handlers. */
function expectCleanPage(html: string) {
  expect(html.match(/<h1\b/g) ?? []).toHaveLength(1);
  expect(html).toContain('<h1 id="page-title" tabindex="-1"');
  // Scripts only as files from our origin (the layout's three), never inline.
  expect(html.match(/<script\b(?![^>]*\ssrc=)/gi) ?? []).toEqual([]);
  // In tags (text that merely reads "onerror=" is escaped and harmless).
  expect(html).not.toMatch(/<[^>]*\sstyle=/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
}

describe.each(DIALECTS)('knowledge pages: routes (%s)', (dialect) => {
  let t: TestApp;
  let editor: string;
  let employee: string;
  let politician: string;
  let admin: string;
  const today = copenhagenDate(new Date());

  /** Creates a page as `cookie` through the form and returns its id. */
  async function createVia(cookie: string, form: Record<string, string>): Promise<number> {
    const res = await t.post('/pages', { ownerUsername: 'sekretariat', body: '', ...form }, { cookie });
    expect(res.status, await res.clone().text()).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/pages\/\d+$/);
    return Number(location.split('/').pop());
  }

  /** The edit form's current values, as a browser would send them back. */
  async function editFormOf(cookie: string, id: number): Promise<Record<string, string>> {
    const html = await (await t.get(`/pages/${id}/edit`, { cookie })).text();
    const value = (name: string) =>
      html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ??
      html.match(new RegExp(`value="([^"]*)"[^>]*name="${name}"`))?.[1] ??
      '';
    const body = html.match(/<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/)?.[1] ?? '';
    const parent =
      html.match(/<select[^>]*name="parentId"[\s\S]*?<\/select>/)?.[0].match(/<option value="([^"]*)" selected/)?.[1] ??
      '';
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    return {
      title: unescape(value('title')),
      body: unescape(body),
      parentId: parent,
      ownerUsername: value('ownerUsername'),
      reviewBy: value('reviewBy'),
      sortOrder: value('sortOrder'),
      baseRevision: value('baseRevision'),
      note: '',
    };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // The lead mounts the routes in the app; until then the test app gets them here, before the
    // first request builds the router.
    t.app.route('/pages', pageRoutes(t.db.database));
    editor = await t.signIn('sekretariat');
    employee = await t.signIn('medarbejder');
    politician = await t.signIn('politiker');
    admin = await t.signIn('admin');
  });
  afterAll(async () => t.cleanup());

  it('lets editors create pages, shows the tree with breadcrumbs and marks the current page', async () => {
    const handbook = await createVia(editor, {
      title: 'Personalehåndbog',
      body: 'Regler og vejledninger for ansatte.',
    });
    const res = await t.post(
      '/pages',
      {
        title: 'Ferie og fridage',
        body: 'Du har ret til fem ugers ferie.',
        parentId: String(handbook),
        ownerUsername: 'sekretariat',
      },
      { cookie: editor },
    );
    expect(res.status).toBe(303);
    const holiday = Number(res.headers.get('location')!.split('/').pop());
    const page = await t.get(`/pages/${holiday}`, { cookie: withCookies(editor, res) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Siden er oprettet.');
    expectCleanPage(html);
    // Breadcrumbs: the index, the parent, the page itself (current).
    const crumbs = html.match(/<nav aria-label="Brødkrummesti"[\s\S]*?<\/nav>/)![0];
    expect(crumbs).toContain('href="/pages"');
    expect(crumbs).toContain(`href="/pages/${handbook}">Personalehåndbog</a>`);
    expect(crumbs).toContain('aria-current="page"');
    // The tree beside the page: nested lists, the page marked current.
    const nav = html.match(/<nav aria-label="Sidetræ"[\s\S]*?<\/nav>/)![0];
    expect(nav).toMatch(
      new RegExp(
        `<a href="/pages/${handbook}"[^>]*>Personalehåndbog</a><ul[^>]*><li><a href="/pages/${holiday}" aria-current="page"`,
      ),
    );
    expect(html).toContain('Du har ret til fem ugers ferie.');

    const index = await (await t.get('/pages', { cookie: employee })).text();
    expectCleanPage(index);
    const tree = index.match(/<nav aria-label="Sidetræ"[\s\S]*?<\/nav>/)![0];
    expect(tree).toContain(`<a href="/pages/${holiday}">Ferie og fridage</a>`);
    expect(tree).not.toContain('aria-current');
    // Employees read but cannot create.
    expect(index).not.toContain('href="/pages/new"');
    expect((await t.get('/pages/new', { cookie: employee })).status).toBe(403);
    expect(
      (await t.post('/pages', { title: 'Min side', ownerUsername: 'medarbejder' }, { cookie: employee })).status,
    ).toBe(403);
    // The new-page form can start under a parent.
    const form = await (await t.get(`/pages/new?parent=${handbook}`, { cookie: admin })).text();
    expectCleanPage(form);
    expect(form).toContain(`<option value="${handbook}" selected`);
    expect(form).toContain('Ny side under &quot;Personalehåndbog&quot;');
    const audit = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'page')
      .where('entity_id', '=', String(holiday))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['page.create']);
  });

  it('re-renders the form with messages and the input kept', async () => {
    const res = await t.post(
      '/pages',
      {
        title: '',
        body: 'Min lange tekst om <b>arbejdstid</b>',
        ownerUsername: 'findes-ikke',
        reviewBy: '31-12-2027',
        sortOrder: '',
      },
      { cookie: editor },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expectCleanPage(html);
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('Der er 3 fejl i formularen');
    expect(html).toContain('<a href="#title" class="font-semibold text-red-800">Skriv en titel</a>');
    expect(html).toContain('Der er ingen aktiv bruger med det brugernavn');
    expect(html).toContain('Skriv datoen som åååå-mm-dd');
    expect(html).toMatch(/id="title"[^>]*aria-invalid="true"[^>]*aria-describedby="title-error"/);
    // Everything typed is still there (escaped).
    expect(html).toContain('Min lange tekst om &lt;b&gt;arbejdstid&lt;/b&gt;</textarea>');
    expect(html).toContain('value="findes-ikke"');
    expect(html).toContain('value="31-12-2027"');
  });

  it('lets owners, editors and admins edit, and nobody else', async () => {
    const id = await createVia(editor, {
      title: 'Borgerservice: telefontider',
      body: 'Vi har åbent 9-15.',
      ownerUsername: 'medarbejder',
    });
    // The owner, a plain employee, may edit.
    const page = await (await t.get(`/pages/${id}`, { cookie: employee })).text();
    expect(page).toContain(`href="/pages/${id}/edit"`);
    expect((await t.get(`/pages/${id}/edit`, { cookie: employee })).status).toBe(200);
    const form = await editFormOf(employee, id);
    expect(form).toMatchObject({
      title: 'Borgerservice: telefontider',
      body: 'Vi har åbent 9-15.',
      ownerUsername: 'medarbejder',
      baseRevision: '1',
    });
    const saved = await t.post(
      `/pages/${id}`,
      { ...form, body: 'Vi har åbent 9-16.', note: 'Nye tider' },
      { cookie: employee },
    );
    expect(saved.status).toBe(303);
    expect(await (await t.get(`/pages/${id}`, { cookie: withCookies(employee, saved) })).text()).toContain(
      'Siden er gemt som en ny version.',
    );

    // Someone who is neither owner nor editor: no edit link, 403 on every change.
    const other = await (await t.get(`/pages/${id}`, { cookie: politician })).text();
    expect(other).toContain('Vi har åbent 9-16.');
    expect(other).not.toContain(`href="/pages/${id}/edit"`);
    expect((await t.get(`/pages/${id}/edit`, { cookie: politician })).status).toBe(403);
    expect((await t.post(`/pages/${id}`, { ...form, body: 'Lukket.' }, { cookie: politician })).status).toBe(403);
    expect((await t.post(`/pages/${id}/archive`, {}, { cookie: politician })).status).toBe(403);
    const sagsbehandler = await t.signIn('sagsbehandler');
    expect((await t.post(`/pages/${id}`, { ...form, body: 'Lukket.' }, { cookie: sagsbehandler })).status).toBe(403);
    expect((await t.get(`/pages/${id}`, { cookie: employee })).status).toBe(200);
    expect(await (await t.get(`/pages/${id}`, { cookie: employee })).text()).not.toContain('Lukket.');

    // Editors and admins may.
    const byAdmin = await t.post(
      `/pages/${id}`,
      { ...(await editFormOf(admin, id)), reviewBy: addDays(today, 90) },
      { cookie: admin },
    );
    expect(byAdmin.status).toBe(303);
    expect((await t.get(`/pages/${id}/edit`, { cookie: editor })).status).toBe(200);
    // Saving unchanged writes nothing and says so.
    const unchanged = await t.post(`/pages/${id}`, await editFormOf(editor, id), { cookie: editor });
    expect(unchanged.status).toBe(303);
    expect(await (await t.get(`/pages/${id}`, { cookie: withCookies(editor, unchanged) })).text()).toContain(
      'Der var ingen ændringer at gemme.',
    );
    const revisions = await t.db.database.db
      .selectFrom('page_revisions')
      .select('revision')
      .where('page_id', '=', id)
      .execute();
    expect(revisions).toHaveLength(2);
    // Unknown pages: 404.
    expect((await t.get('/pages/987654', { cookie: employee })).status).toBe(404);
    expect((await t.get('/pages/987654/edit', { cookie: editor })).status).toBe(404);
  });

  it('never lets a script through, in the title or the text', async () => {
    const id = await createVia(editor, {
      title: '<script>alert("titel")</script>Farlig side',
      body: [
        '<script>alert("krop")</script>',
        '<img src=x onerror=alert(1)>',
        '[klik her](javascript:alert(2))',
        '<a href="#" onclick="alert(3)">link</a>',
        '<iframe src="https://evil.example"></iframe>',
        '![billede](https://evil.example/x.png)',
        '**Fed tekst** står tilbage.',
      ].join('\n\n'),
    });
    for (const path of [
      `/pages/${id}`,
      `/pages/${id}/revisions/1`,
      `/pages/${id}/history`,
      `/pages/${id}/edit`,
      '/pages',
    ]) {
      const html = await (await t.get(path, { cookie: editor })).text();
      expectCleanPage(html);
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toMatch(/<(img|a|iframe)\b[^>]*\s(onerror|onclick)=/i);
      expect(html, path).not.toMatch(/href="javascript:/i);
      expect(html, path).not.toContain('<iframe');
      expect(html, path).not.toContain('evil.example/x.png"');
    }
    const page = await (await t.get(`/pages/${id}`, { cookie: editor })).text();
    expect(page).toContain('&lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;Farlig side');
    expect(page).toContain('<strong>Fed tekst</strong> står tilbage.');
  });

  it('shows the history, a revision and a readable diff with both an added and a removed word', async () => {
    const id = await createVia(editor, {
      title: 'Arbejdstid',
      body: 'Normal arbejdstid er 37 timer om ugen.\n\nFlekstid aftales lokalt.',
    });
    const form = await editFormOf(editor, id);
    const saved = await t.post(
      `/pages/${id}`,
      {
        ...form,
        body: 'Normal arbejdstid er 37 timer om ugen.\n\nFlekstid aftales med lederen.',
        note: 'Hvem aftaler flekstid',
      },
      { cookie: editor },
    );
    expect(saved.status).toBe(303);

    const history = await (await t.get(`/pages/${id}/history`, { cookie: employee })).text();
    expectCleanPage(history);
    expect(history).toContain('Hvem aftaler flekstid');
    // A real GET form with two labelled selects and a submit button.
    const compare = history.match(/<form method="get" action="\/pages\/\d+\/diff"[\s\S]*?<\/form>/)![0];
    expect(compare).toContain('<label class="label" for="compare-from">');
    expect(compare).toMatch(/<select class="input" id="compare-from" name="from">[\s\S]*<option value="1" selected/);
    expect(compare).toMatch(/<select class="input" id="compare-to" name="to">[\s\S]*<option value="2" selected/);
    expect(compare).toContain('<button type="submit"');

    const rev1 = await (await t.get(`/pages/${id}/revisions/1`, { cookie: employee })).text();
    expectCleanPage(rev1);
    expect(rev1).toContain('Flekstid aftales lokalt.');
    expect(rev1).toContain('Den gældende version er version 2.');
    expect((await t.get(`/pages/${id}/revisions/3`, { cookie: employee })).status).toBe(404);

    const diff = await (await t.get(`/pages/${id}/diff?from=1&to=2`, { cookie: employee })).text();
    expectCleanPage(diff);
    expect(diff).toMatch(
      /<del class="[^"]*line-through[^"]*"><span class="sr-only">fjernet: <\/span>lokalt<span class="sr-only"> \(slut på fjernet tekst\) <\/span><\/del>/,
    );
    expect(diff).toMatch(
      /<ins class="[^"]*underline[^"]*"><span class="sr-only">tilføjet: <\/span>med lederen<span class="sr-only"> \(slut på tilføjet tekst\) <\/span><\/ins>/,
    );
    expect(diff).toContain('2 ord tilføjet, 1 ord fjernet.');
    // The same versions either way round, and nothing to see between a version and itself.
    expect(await (await t.get(`/pages/${id}/diff?from=2&to=2`, { cookie: employee })).text()).toContain(
      'Der er ingen forskel på de to versioner.',
    );
    expect((await t.get(`/pages/${id}/diff?from=1&to=7`, { cookie: employee })).status).toBe(404);
    // Without parameters: the latest change.
    expect(await (await t.get(`/pages/${id}/diff`, { cookie: employee })).text()).toContain('med lederen');
  });

  it('shows the pages that link here', async () => {
    const target = await createVia(editor, { title: 'Partshøring', body: 'Forvaltningslovens § 19.' });
    const source = await createVia(editor, {
      title: 'Sagsbehandlingens trin',
      body: `Husk [partshøring](/pages/${target}) før afgørelsen.`,
    });
    const html = await (await t.get(`/pages/${target}`, { cookie: employee })).text();
    const section = html.match(/<section[^>]*id="backlinks"[\s\S]*?<\/section>/)![0];
    expect(section).toContain('Sider der linker hertil');
    expect(section).toContain(`<a href="/pages/${source}">Sagsbehandlingens trin</a>`);
    const sourceHtml = await (await t.get(`/pages/${source}`, { cookie: employee })).text();
    expect(sourceHtml).toContain(`<a href="/pages/${target}">partshøring</a>`);
  });

  it('marks an overdue review date and reminds the owner on the page', async () => {
    const id = await createVia(editor, {
      title: 'Tavshedspligt',
      body: 'Du har tavshedspligt.',
      ownerUsername: 'medarbejder',
      reviewBy: addDays(today, 5),
    });
    // Time passes: the review date is now in the past.
    await t.db.database.db
      .updateTable('pages')
      .set({ review_by: addDays(today, -3) })
      .where('id', '=', id)
      .execute();
    const owner = await (await t.get(`/pages/${id}`, { cookie: employee })).text();
    expect(owner).toMatch(
      /<dd id="review-by"><time datetime="[\d-]+">[^<]+<\/time><span class="badge[^"]*">Overskredet<\/span><\/dd>/,
    );
    expect(owner).toContain('Siden skulle have været gennemgået senest');
    expect(await (await t.get('/pages', { cookie: employee })).text()).toContain('Dine sider, der skal gennemgås');
    // Readers see the date marked, but are not asked to review.
    const reader = await (await t.get(`/pages/${id}`, { cookie: politician })).text();
    expect(reader).toContain('Overskredet');
    expect(reader).not.toContain('Siden skulle have været gennemgået senest');
    // An old date may stay when saving other changes, but a new one may not be in the past.
    const form = await editFormOf(employee, id);
    expect(
      (await t.post(`/pages/${id}`, { ...form, body: 'Du har altid tavshedspligt.' }, { cookie: employee })).status,
    ).toBe(303);
    const past = await t.post(
      `/pages/${id}`,
      { ...(await editFormOf(employee, id)), reviewBy: addDays(today, -1) },
      { cookie: employee },
    );
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('Datoen for gennemgang må ikke ligge i fortiden');
  });

  it('searches pages by their text, as a full page and as an htmx fragment', async () => {
    const id = await createVia(editor, {
      title: 'Printere og fjernprint',
      body: 'Send udskriften til køen **Skovlund-Print** og hent den med dit adgangskort.',
    });
    const full = await t.get('/pages?q=adgangskort', { cookie: employee });
    const html = await full.text();
    expectCleanPage(html);
    expect(html).toContain(`<a href="/pages/${id}">Printere og fjernprint</a>`);
    expect(html).toContain('<mark class="rounded-sm bg-amber-200 px-0.5 text-slate-900">adgangskort</mark>');
    expect(html).toMatch(/<form method="get" action="\/pages" role="search"/);
    const fragment = await t.get('/pages?q=adgangskort', { cookie: employee, headers: { 'HX-Request': 'true' } });
    const part = await fragment.text();
    expect(part).not.toContain('<html');
    expect(part).toContain('id="page-search-results"');
    expect(part).toContain('1 side fundet');
    expect(fragment.headers.get('vary')).toContain('HX-Request');
    expect(await (await t.get('/pages?q=zyxwvu', { cookie: employee })).text()).toContain('Ingen sider matcher');
  });

  it('refuses to move a page under its own sub-page, and archives with a message', async () => {
    const a = await createVia(editor, { title: 'Kommunikation', body: '' });
    const b = await createVia(editor, { title: 'Klarsprog', body: 'Skriv kort.', parentId: String(a) });
    const form = await editFormOf(editor, a);
    // The form does not even offer the page's own sub-pages…
    const edit = await (await t.get(`/pages/${a}/edit`, { cookie: editor })).text();
    expectCleanPage(edit);
    expect(edit.match(/<select[^>]*name="parentId"[\s\S]*?<\/select>/)![0]).not.toContain(`value="${b}"`);
    // …and refuses one sent anyway.
    const res = await t.post(`/pages/${a}`, { ...form, parentId: String(b) }, { cookie: editor });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('En side kan ikke flyttes ind under sig selv eller en af sine undersider');

    const refused = await t.post(`/pages/${a}/archive`, {}, { cookie: editor });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Siden har undersider. Flyt eller arkivér dem først.');
    const archived = await t.post(`/pages/${b}/archive`, {}, { cookie: editor });
    expect(archived.status).toBe(303);
    const page = await (await t.get(`/pages/${b}`, { cookie: withCookies(editor, archived) })).text();
    expect(page).toContain('Siden er arkiveret.');
    expect(page).toContain('Den vises ikke i sidetræet');
    expect(await (await t.get('/pages', { cookie: employee })).text()).not.toContain(`href="/pages/${b}"`);
    const actions = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'page')
      .where('entity_id', '=', String(b))
      .orderBy('id')
      .execute();
    expect(actions.map((x) => x.action)).toEqual(['page.create', 'page.archive']);
  });

  it('keeps a text typed during someone else’s edit and shows what changed', async () => {
    const id = await createVia(editor, { title: 'Skrivevejledning', body: 'Skriv til borgeren.' });
    const mine = await editFormOf(editor, id);
    const theirs = await editFormOf(admin, id);
    expect(
      (await t.post(`/pages/${id}`, { ...theirs, body: 'Skriv til borgeren i øjenhøjde.' }, { cookie: admin })).status,
    ).toBe(303);
    const res = await t.post(`/pages/${id}`, { ...mine, body: 'Skriv klart til borgeren.' }, { cookie: editor });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('En anden har gemt en ny version, mens du redigerede.');
    expect(html).toContain('Skriv klart til borgeren.</textarea>');
    expect(html).toContain(`href="/pages/${id}/diff?from=1&amp;to=2"`);
    expect(html).toMatch(/name="baseRevision" value="2"/);
    // Saving again, having seen the change, wins.
    const again = await t.post(
      `/pages/${id}`,
      { ...mine, baseRevision: '2', body: 'Skriv klart til borgeren.' },
      { cookie: editor },
    );
    expect(again.status).toBe(303);
  });
});
