import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../test/helpers/files.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { seededRandom } from '../../../seeds/index.ts';
import { seedPeople } from '../../../seeds/people.ts';
import { writeTransaction } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { detectType } from '../../files/types.ts';
import { GIF_1X1, makePng } from '../documents/documents.fixtures.ts';

const MAX_PHOTO = 64 * 1024;

/** What a screen reader would get as text, roughly: tags out, entities decoded, spaces folded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** The directory's results part of a page, as text. */
function results(html: string): string {
  return text(html.slice(html.indexOf('id="people-results"')));
}

/** Pages must not carry inline styles or event handlers (the CSP forbids them). */
function expectCspClean(html: string) {
  expect(html).not.toMatch(/\sstyle=/i);
  expect(html).not.toMatch(/\son[a-z]+=/i);
}

describe.each(DIALECTS)('people, org chart and my page (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const db = () => t.db.database.db;
  const idOf = async (username: string) =>
    (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const unitId = async (name: string) =>
    (await db().selectFrom('org_units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    // The photo limit is the smaller of 5 MB and the upload limit: keep it small here.
    t = await createTestApp(dialect, { config: { uploadMaxFileBytes: MAX_PHOTO } });
    await insertTestKle(t.db.database);
    const users = await db()
      .selectFrom('users')
      .select(['id', 'display_name', 'username', 'title', 'org_unit_id'])
      .execute();
    await writeTransaction(t.db.database, (tx) =>
      seedPeople(tx, { blobs: t.services.blobs, random: seededRandom(77), users }),
    );
    for (const u of ['sagsbehandler', 'medarbejder', 'admin', 'journal']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  it('seeds skills, about texts, two real photos and real personal files for the demo accounts', async () => {
    const files = await db()
      .selectFrom('personal_files')
      .innerJoin('users', 'users.id', 'personal_files.user_id')
      .select(['users.username', 'personal_files.name', 'personal_files.mime', 'personal_files.blob_sha256'])
      .execute();
    expect(new Set(files.map((f) => f.username))).toEqual(
      new Set(['admin', 'sagsbehandler', 'journal', 'sekretariat', 'politiker', 'medarbejder']),
    );
    for (const f of files) {
      const detected = await detectType(await t.services.blobs.read(f.blob_sha256), f.name);
      expect(detected.ok && detected.mime, f.name).toBe(f.mime);
    }
    const photos = await db()
      .selectFrom('profiles')
      .select(['photo_sha256', 'photo_mime'])
      .where('photo_sha256', 'is not', null)
      .execute();
    expect(photos).toHaveLength(2);
    for (const p of photos)
      expect((await detectType(await t.services.blobs.read(p.photo_sha256!), 'foto.png')).ok).toBe(true);
    const withSkills = await db().selectFrom('user_skills').select('user_id').distinct().execute();
    const everyone = await db().selectFrom('users').select('id').execute();
    expect(withSkills.length).toBeGreaterThan(everyone.length / 2);
  });

  // --- Directory -------------------------------------------------------------------------------

  it('lists everyone in the directory and finds people by name, title, unit (with sub-units) and skill', async () => {
    const active = await db().selectFrom('users').select('id').where('is_active', '=', 1).execute();
    const all = await (await t.get('/people', { cookie: cookie.medarbejder })).text();
    expect(all).toContain('id="page-title"');
    expect(text(all)).toContain(`${active.length} medarbejdere`);
    expectCspClean(all);

    const byName = results(await (await t.get('/people?q=kasper+lindholm', { cookie: cookie.medarbejder })).text());
    expect(byName).toContain('Kasper Lindholm');
    expect(byName).toContain('1 medarbejder');

    const byTitle = results(await (await t.get('/people?q=byggesagsbehandler', { cookie: cookie.medarbejder })).text());
    expect(byTitle).toContain('Kasper Lindholm');
    expect(byTitle).not.toContain('Sofie Kragh');

    // A directorate includes the people of its units.
    const tm = await unitId('Teknik og Miljø');
    const subtree = await db()
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select('users.display_name')
      .where((eb) => eb.or([eb('org_units.id', '=', tm), eb('org_units.parent_id', '=', tm)]))
      .execute();
    const byUnit = results(await (await t.get(`/people?unit=${tm}`, { cookie: cookie.medarbejder })).text());
    expect(byUnit).toContain(`${subtree.length} medarbejdere`);
    expect(byUnit).toContain('Kasper Lindholm'); // sits in Byggeri, under Teknik og Miljø
    expect(byUnit).not.toContain('Sofie Kragh'); // Borgerservice
    for (const p of subtree) expect(byUnit).toContain(p.display_name);

    // Who knows about BR18? Exactly the people with that skill.
    const br18 = await db()
      .selectFrom('user_skills')
      .innerJoin('users', 'users.id', 'user_skills.user_id')
      .select('users.display_name')
      .where('skill_key', '=', 'br18')
      .execute();
    expect(br18.map((r) => r.display_name)).toContain('Kasper Lindholm');
    const bySkill = await (await t.get('/people?skill=br18', { cookie: cookie.medarbejder })).text();
    expect(results(bySkill)).toContain(br18.length === 1 ? '1 medarbejder' : `${br18.length} medarbejdere`);
    for (const p of br18) expect(results(bySkill)).toContain(p.display_name);
    expect(results(bySkill)).not.toContain('Sofie Kragh');
    // The search form keeps what was asked.
    expect(bySkill).toMatch(/id="skill"[^>]*value="br18"|value="br18"[^>]*id="skill"/);

    const nobody = text(await (await t.get('/people?q=zzzqqq', { cookie: cookie.medarbejder })).text());
    expect(nobody).toContain('Ingen medarbejdere passer på søgningen');
  });

  it('pages through the directory by keyset without repeats', async () => {
    const total = Number(
      (
        await db()
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('is_active', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const seen: string[] = [];
    let url: string | null = '/people';
    let pages = 0;
    while (url && pages < 10) {
      const html = await (await t.get(url, { cookie: cookie.medarbejder })).text();
      const section = html.slice(html.indexOf('id="people-results"'));
      seen.push(
        ...[...section.matchAll(/<a href="\/people\/([a-z0-9._-]+)" class="font-semibold">/g)].map((m) => m[1]!),
      );
      const next = section.match(/<a class="btn-secondary" href="(\/people\?[^"]*after=[^"]*)">Vis flere<\/a>/);
      url = next ? next[1]!.replace(/&amp;/g, '&') : null;
      pages++;
    }
    expect(pages).toBe(Math.ceil(total / 50));
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
  });

  it('answers htmx with just the results and announces the count', async () => {
    const res = await t.get('/people?q=kasper+lindholm', {
      cookie: cookie.medarbejder,
      headers: { 'HX-Request': 'true' },
    });
    const html = await res.text();
    expect(res.headers.get('vary')).toContain('HX-Request');
    expect(html).not.toContain('<html');
    expect(html).toContain('id="people-results"');
    expect(html).toMatch(/<div id="live" hx-swap-oob="innerHTML">1 medarbejder<\/div>/);
  });

  it('refuses an unknown unit with a message and keeps the rest of the search', async () => {
    const res = await t.get('/people?unit=999999&q=kasper', { cookie: cookie.medarbejder });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enheden findes ikke');
    expect(html).toContain('value="kasper"');
  });

  // --- Profiles ----------------------------------------------------------------------------------

  it('shows a profile with title, contact details, manager and the path through the organisation', async () => {
    const me = await db()
      .selectFrom('users')
      .select(['manager_id', 'email'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const manager = await db()
      .selectFrom('users')
      .select(['display_name', 'username'])
      .where('id', '=', me.manager_id!)
      .executeTakeFirstOrThrow();
    const res = await t.get('/people/sagsbehandler', { cookie: cookie.medarbejder });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1 id="page-title" tabindex="-1"[^>]*>Kasper Lindholm<\/h1>/);
    expect(html).toContain('Byggesagsbehandler');
    expect(html).toContain(`href="mailto:${me.email}"`);
    expect(html).toContain(`<a href="/people/${manager.username}" class="font-semibold">${manager.display_name}</a>`);
    const path = text(html.slice(html.indexOf('aria-label="Vejen fra kommunen til enheden"')));
    expect(path.indexOf('Skovlund Kommune')).toBeLessThan(path.indexOf('Teknik og Miljø'));
    expect(path.indexOf('Teknik og Miljø')).toBeLessThan(path.indexOf('Byggeri'));
    expect(html).toContain('BR18');
    expect(html).toContain('href="/org?person=sagsbehandler"');
    // Another employee sees no edit button; without a photo the initials stand in, named.
    expect(html).not.toContain('href="/people/sagsbehandler/edit"');
    expect(html).toContain('role="img" aria-label="Kasper Lindholm"');
    expect(html).toContain('>KL<');
    expectCspClean(html);

    expect((await t.get('/people/ingen.saadan', { cookie: cookie.medarbejder })).status).toBe(404);
  });

  it('lets only the owner (or an administrator) edit a profile', async () => {
    expect((await t.get('/people/sagsbehandler/edit', { cookie: cookie.medarbejder })).status).toBe(403);
    const refused = await t.post(
      '/people/sagsbehandler',
      { about: 'Hacket', skills: 'x' },
      { cookie: cookie.medarbejder },
    );
    expect(refused.status).toBe(403);
    expect((await profileRow('sagsbehandler'))?.about).not.toBe('Hacket');

    const own = await t.get('/people/sagsbehandler', { cookie: cookie.sagsbehandler });
    expect(await own.text()).toContain('href="/people/sagsbehandler/edit"');
    const form = await t.get('/people/sagsbehandler/edit', { cookie: cookie.sagsbehandler });
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('enctype="multipart/form-data"');
    expect(formHtml).toContain('<label class="label" for="about">');

    const saved = await t.post(
      '/people/sagsbehandler',
      { about: 'Jeg behandler byggesager i Skovlund.', skills: 'BR18, Byggesagsbehandling\nGIS, br18' },
      { cookie: cookie.sagsbehandler },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/people/sagsbehandler');
    const page = await (
      await t.get('/people/sagsbehandler', { cookie: withCookies(cookie.sagsbehandler!, saved) })
    ).text();
    expect(page).toContain('Profilen er gemt.');
    expect(page).toContain('Jeg behandler byggesager i Skovlund.');
    const skills = await db()
      .selectFrom('user_skills')
      .select('skill')
      .where('user_id', '=', await idOf('sagsbehandler'))
      .orderBy('position')
      .execute();
    expect(skills.map((s) => s.skill)).toEqual(['BR18', 'Byggesagsbehandling', 'GIS']);
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'profile.update')
      .where('entity_id', '=', await idOf('sagsbehandler'))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('Kasper Lindholm');
    expect(JSON.parse(entry.details!).fields).toEqual(['about', 'skills']);

    // An administrator may correct anyone's profile.
    expect((await t.get('/people/medarbejder/edit', { cookie: cookie.admin })).status).toBe(200);
    const byAdmin = await t.post(
      '/people/medarbejder',
      { about: 'Rettet af IT.', skills: 'Digital Post' },
      { cookie: cookie.admin },
    );
    expect(byAdmin.status).toBe(303);
    expect((await profileRow('medarbejder'))?.about).toBe('Rettet af IT.');
  });

  async function profileRow(username: string) {
    return db()
      .selectFrom('profiles')
      .selectAll()
      .where('user_id', '=', await idOf(username))
      .executeTakeFirst();
  }

  it('refuses bad profile input with messages and keeps what was typed', async () => {
    const long = 'x'.repeat(2001);
    const skills = Array.from({ length: 31 }, (_, i) => `kompetence ${i}`).join(', ');
    const res = await t.post('/people/journal', { about: long, skills }, { cookie: cookie.journal });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toContain(
      '<a href="#about" class="font-semibold text-red-800">&quot;Om mig&quot; må højst være 2000 tegn</a>',
    );
    expect(html).toContain('Angiv højst 30 kompetencer');
    expect(html).toMatch(/<textarea[^>]*id="about"[^>]*aria-invalid="true"/);
    expect(html).toContain(long);
    expect(html).toContain('kompetence 30');
    expect((await profileRow('journal'))?.about ?? '').not.toBe(long);
  });

  it('accepts JPEG, PNG and WebP photos only, serves them with an ETag and shows them with the name as alt text', async () => {
    const photo = (name: string, content: Buffer, type = 'image/png') =>
      t.upload(
        '/people/sagsbehandler',
        { about: 'Jeg behandler byggesager i Skovlund.', skills: 'BR18' },
        [{ field: 'photo', name, type, content }],
        { cookie: cookie.sagsbehandler },
      );

    const fake = await photo('portræt.png', Buffer.from('dette er ikke et billede'));
    expect(fake.status).toBe(422);
    const fakeHtml = await fake.text();
    expect(fakeHtml).toContain('Fotoet skal være et JPEG-, PNG- eller WebP-billede');
    expect(fakeHtml).toContain('Jeg behandler byggesager i Skovlund.'); // kept
    expect((await photo('animation.gif', GIF_1X1, 'image/gif')).status).toBe(422);
    const big = await photo(
      'stort.png',
      makePng(400, 400, [10, 20, 30]).length > MAX_PHOTO
        ? makePng(400, 400)
        : Buffer.concat([makePng(10, 10), Buffer.alloc(MAX_PHOTO)]),
    );
    expect(big.status).toBe(422);
    expect(await big.text()).toContain('Fotoet er for stort');
    expect((await profileRow('sagsbehandler'))?.photo_sha256 ?? null).toBeNull();

    const png = makePng(48, 48, [24, 76, 120]);
    const ok = await photo('portræt.png', png);
    expect(ok.status).toBe(303);
    const row = await profileRow('sagsbehandler');
    expect(row?.photo_mime).toBe('image/png');
    const sha = row!.photo_sha256!;
    const page = await (await t.get('/people/sagsbehandler', { cookie: cookie.medarbejder })).text();
    const src = `/people/sagsbehandler/photo?v=${sha.slice(0, 16)}`;
    expect(page).toMatch(new RegExp(`<img src="${src.replace(/[?]/g, '\\?')}" alt="Kasper Lindholm"`));
    // In lists the name stands beside the photo, so the photo is decorative there.
    const list = await (await t.get('/people?q=kasper', { cookie: cookie.medarbejder })).text();
    expect(list).toContain(`<img src="${src}" alt=""`);

    const res = await t.get(src, { cookie: cookie.medarbejder });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBe(`"${sha}"`);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const unversioned = await t.get('/people/sagsbehandler/photo', { cookie: cookie.medarbejder });
    expect(unversioned.headers.get('cache-control')).toBe('private, no-cache');
    const again = await t.get(src, { cookie: cookie.medarbejder, headers: { 'If-None-Match': `"${sha}"` } });
    expect(again.status).toBe(304);
    expect((await t.get('/people/medarbejder/photo', { cookie: cookie.medarbejder })).status).toBe(404);
    expect((await t.get(src)).status).not.toBe(200); // signed-in users only

    // Removing the photo brings the initials back.
    const removed = await t.post(
      '/people/sagsbehandler',
      { about: 'Jeg behandler byggesager i Skovlund.', skills: 'BR18', removePhoto: '1' },
      { cookie: cookie.sagsbehandler },
    );
    expect(removed.status).toBe(303);
    expect((await profileRow('sagsbehandler'))?.photo_sha256).toBeNull();
    expect(await (await t.get('/people/sagsbehandler', { cookie: cookie.medarbejder })).text()).toContain(
      'role="img" aria-label="Kasper Lindholm"',
    );
  });

  // --- Org chart ---------------------------------------------------------------------------------

  it('draws every unit in the chart and mirrors it in the accessible list', async () => {
    const res = await t.get('/org', { cookie: cookie.medarbejder });
    expect(res.status).toBe(200);
    const html = await res.text();
    expectCspClean(html);
    const split = html.indexOf('id="org-list"');
    expect(split).toBeGreaterThan(0);
    const chart = html.slice(html.indexOf('id="org-chart-title"'), split);
    const list = html.slice(split);
    const units = await db().selectFrom('org_units').select(['id', 'name']).execute();
    expect(units.length).toBeGreaterThan(20);
    for (const u of units) {
      expect(chart, u.name).toContain(u.name);
      expect(list, u.name).toContain(u.name);
    }
    // A labelled, keyboard-scrollable region; the list is nested <ul>s with labels, no ARIA widget.
    expect(chart).toMatch(
      /role="region" aria-label="Organisationsdiagram for Skovlund Kommune, kan rulles vandret" tabindex="0"/,
    );
    expect(list).toContain('aria-label="Enheder under Skovlund Kommune"');
    expect(list).toContain('aria-label="Enheder under Teknik og Miljø"');
    expect(list).not.toContain('role="tree"');
    // Head counts: the municipality counts everyone.
    const everyone = await db().selectFrom('users').select('id').where('is_active', '=', 1).execute();
    expect(text(list)).toContain(`(Kommune, ${everyone.length} medarbejdere`);
    // Print: chart controls hidden, the scroll box opened up.
    expect(html).toContain('print:overflow-visible');
    expect(html).toMatch(/class="[^"]*print:hidden[^"]*"><form method="get" action="\/org"/);
  });

  it('zooms into a unit with breadcrumbs up the tree and the unit’s people', async () => {
    const byggeri = await unitId('Byggeri');
    const tm = await unitId('Teknik og Miljø');
    const html = await (await t.get(`/org?unit=${byggeri}`, { cookie: cookie.medarbejder })).text();
    const crumbs = html.slice(
      html.indexOf('aria-label="Placering i organisationen"'),
      html.indexOf('</nav>', html.indexOf('aria-label="Placering i organisationen"')),
    );
    expect(crumbs).toContain(`href="/org?unit=${tm}"`);
    expect(crumbs).toMatch(/<span aria-current="page" class="font-semibold">Byggeri<\/span>/);
    expect(html).toContain('Medarbejdere i Byggeri');
    expect(html).toContain('href="/people/sagsbehandler"');
    const main = html.slice(html.indexOf('<main'));
    expect(main).not.toContain('href="/people/medarbejder"');
    expect(html).toContain(`Et niveau op: Teknik og Miljø`);
    expect((await t.get('/org?unit=999999', { cookie: cookie.medarbejder })).status).toBe(404);
    expect((await t.get('/org?unit=abc', { cookie: cookie.medarbejder })).status).toBe(404);
  });

  it('highlights where a person sits, in words as well as colour', async () => {
    const html = await (await t.get('/org?person=sagsbehandler', { cookie: cookie.medarbejder })).text();
    expect(text(html)).toContain('Kasper Lindholm sidder i Byggeri og er markeret nedenfor.');
    const card = html.slice(
      html.indexOf('id="person-sagsbehandler"'),
      html.indexOf('</li>', html.indexOf('id="person-sagsbehandler"')),
    );
    expect(card).toContain('border-amber-500');
    expect(card).toContain('Den valgte person');
    expect(text(html)).toContain('Her sidder Kasper Lindholm');

    // From the top, the way down to the person is marked on each unit above them.
    const root = await db()
      .selectFrom('org_units')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const top = text(
      await (await t.get(`/org?person=sagsbehandler&unit=${root.id}`, { cookie: cookie.medarbejder })).text(),
    );
    expect(top).toContain('Kasper Lindholm sidder under Skovlund Kommune');
    expect(top).toContain('Kasper Lindholm sidder i denne enhed eller under den');
    expect((await t.get('/org?person=ingen.saadan', { cookie: cookie.medarbejder })).status).toBe(404);
  });

  // --- My page -----------------------------------------------------------------------------------

  it("shows a caseworker's cases, deadlines, documents, notifications and place in the organisation", async () => {
    const unit = await unitId('Byggeri');
    const created = await t.post(
      '/cases',
      {
        type: 'subject',
        title: 'Carport på Mølledamsvej 7',
        kleNumber: '02.34.02',
        facetCode: 'P20',
        unitId: String(unit),
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(created.status).toBe(303);
    const caseId = Number(created.headers.get('location')!.split('/').pop());
    const due = copenhagenDate(new Date(Date.now() + 3 * 86_400_000));
    expect(
      (
        await t.post(
          `/cases/${caseId}/deadlines`,
          { title: 'Partshøring slutter', dueOn: due, remindOn: '' },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    const pdf = await makePdf(['Ansøgning om carport', 'Carporten bliver 3 meter høj.']);
    const up = await t.upload(
      `/cases/${caseId}/documents`,
      { direction: 'incoming', documentDate: '2026-11-20', title: 'Ansøgning om carport', sender: '', recipient: '' },
      [{ field: 'files', name: 'ansøgning.pdf', content: pdf }],
      { cookie: cookie.sagsbehandler },
    );
    expect(up.status).toBe(303);
    await t.get(`/cases/${caseId}`, { cookie: cookie.sagsbehandler }); // recently viewed
    await db()
      .insertInto('notifications')
      .values({
        user_id: await idOf('sagsbehandler'),
        kind: 'test',
        params: '{}',
        link: null,
        dedupe_key: null,
        created_at: new Date().toISOString(),
        read_at: null,
      })
      .execute();

    const res = await t.get('/me', { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(200);
    const html = await res.text();
    expectCspClean(html);
    expect(html).toMatch(/<h1 id="page-title" tabindex="-1"[^>]*>Min side<\/h1>/);
    const section = (id: string) =>
      html.slice(
        html.indexOf(`aria-labelledby="${id}"`),
        html.indexOf('</section>', html.indexOf(`aria-labelledby="${id}"`)),
      );
    expect(section('me-cases')).toContain('Carport på Mølledamsvej 7');
    expect(section('me-deadlines')).toContain('Partshøring slutter');
    expect(section('me-recent')).toContain('Carport på Mølledamsvej 7');
    expect(section('me-documents')).toContain('Ansøgning om carport');
    expect(section('me-notifications')).toContain('1 ulæste');
    const place = text(section('me-place'));
    expect(place).toContain('Skovlund Kommune');
    expect(place).toContain('Byggeri');
    const manager = await db()
      .selectFrom('users as u')
      .innerJoin('users as m', 'm.id', 'u.manager_id')
      .select('m.display_name')
      .where('u.username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    expect(place).toContain(manager.display_name);
    const colleagues = await db()
      .selectFrom('users')
      .select('display_name')
      .where('org_unit_id', '=', unit)
      .where('username', '<>', 'sagsbehandler')
      .execute();
    for (const c of colleagues) expect(place).toContain(c.display_name);
  });

  it('hides the case sections from an employee without case access', async () => {
    const html = await (await t.get('/me', { cookie: cookie.medarbejder })).text();
    expect(html).not.toContain('id="me-cases"');
    expect(html).not.toContain('id="me-deadlines"');
    expect(html).not.toContain('id="me-documents"');
    expect(html).toContain('id="me-notifications"');
    expect(html).toContain('id="me-files"');
    expect(text(html)).toContain('Sofie Kragh');
    expect(html).toContain('href="/org?person=medarbejder"');
    // The seed gave every demo account a few personal files.
    expect(html).toContain('Sådan bestiller borgeren pas.pdf');
  });
});
