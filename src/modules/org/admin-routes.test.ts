import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { addPerson } from './org.fixtures.ts';

describe.each(DIALECTS)('org admin routes (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const db = () => t.db.database.db;
  const unit = (name: string) =>
    db().selectFrom('org_units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const u of ['admin', 'medarbejder', 'sagsbehandler', 'journal']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  it('answers 403 on every route to everyone but administrators', async () => {
    const byggeri = await unit('Byggeri');
    const other = await unit('Digitalisering og IT');
    const id = byggeri.id;
    const gets = [
      '/admin/org',
      '/admin/org/new',
      `/admin/org/${id}`,
      `/admin/org/${id}?q=a`,
      `/admin/org/${id}/move`,
      `/admin/org/${id}/move?to=${other.id}`,
      `/admin/org/${id}/merge`,
      `/admin/org/${id}/merge?into=${other.id}`,
      `/admin/org/${id}/deletion`,
    ];
    const posts: Array<[string, Record<string, string>]> = [
      ['/admin/org', { name: 'Ny', kind: 'unit', parentId: String(other.id) }],
      [`/admin/org/${id}`, { name: 'Omdøbt', kind: 'unit' }],
      [`/admin/org/${id}/move`, { to: String(other.id) }],
      [`/admin/org/${id}/merge`, { into: String(other.id), leaders: 'drop' }],
      [`/admin/org/${id}/deletion`, {}],
      [`/admin/org/${id}/leaders`, { userId: 'x' }],
      [`/admin/org/${id}/leaders/x/deletion`, {}],
      [`/admin/org/${id}/leaders/x/position`, { direction: 'up' }],
    ];
    for (const who of ['medarbejder', 'sagsbehandler', 'journal']) {
      for (const path of gets)
        expect((await t.get(path, { cookie: cookie[who] })).status, `${who} GET ${path}`).toBe(403);
      for (const [path, form] of posts)
        expect((await t.post(path, form, { cookie: cookie[who] })).status, `${who} POST ${path}`).toBe(403);
    }
    // Nothing changed.
    expect((await unit('Byggeri')).parent_id).toBe(byggeri.parent_id);
    // Not signed in: to the sign-in page.
    const anonymous = await t.get('/admin/org');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
  });

  it('shows the tree with head counts and leaders, linked from the admin page and the org chart', async () => {
    const res = await t.get('/admin/org', { cookie: cookie.admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    const byggeri = await unit('Byggeri');
    expect(html).toContain(`id="unit-${byggeri.id}"`);
    expect(html).toMatch(/\d+ \/ \d+ medarbejdere/);
    expect(html).toContain(`href="/admin/org/${byggeri.id}/move"`);
    expect(html).toContain('x-data="orgMove"');
    expect(await (await t.get('/admin', { cookie: cookie.admin })).text()).toContain('href="/admin/org"');
    expect(await (await t.get('/org', { cookie: cookie.admin })).text()).toContain('href="/admin/org"');
    expect(await (await t.get('/org', { cookie: cookie.medarbejder })).text()).not.toContain('href="/admin/org"');
  });

  it('re-renders a rejected form with 422, the message and what was typed', async () => {
    const parent = await unit('Teknik og Miljø');
    let res = await t.post(
      '/admin/org',
      { name: ' ', shortName: 'TYPED', kind: 'unit', email: 'skrevet@x', phone: '', parentId: String(parent.id) },
      { cookie: cookie.admin },
    );
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain('Skriv enhedens navn');
    expect(html).toContain('Skriv en e-mailadresse som navn@kommune.dk');
    expect(html).toContain('value="TYPED"');
    expect(html).toContain('value="skrevet@x"');
    res = await t.post(
      '/admin/org',
      { name: 'byggeri', kind: 'unit', parentId: String(parent.id) },
      { cookie: cookie.admin },
    );
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain('Der er allerede en enhed med det navn under samme overordnede enhed');
    expect(html).toContain('value="byggeri"');
    // In English for a user who chose English.
    res = await t.post(
      '/admin/org',
      { name: '', kind: 'unit', parentId: String(parent.id) },
      { cookie: `${cookie.admin}; samspil_lang=en` },
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Enter the unit&#39;s name');

    res = await t.post(
      '/admin/org',
      { name: 'Byggeri Nord', shortName: 'BYN', kind: 'unit', parentId: String(parent.id) },
      { cookie: cookie.admin },
    );
    expect(res.status).toBe(303);
    const made = await unit('Byggeri Nord');
    expect(res.headers.get('location')).toBe(`/admin/org/${made.id}`);
    res = await t.post(`/admin/org/${made.id}`, { name: '', kind: 'unit', shortName: 'BYN' }, { cookie: cookie.admin });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Skriv enhedens navn');
  });

  it('moves through the confirm page, and refuses a cycle with 422', async () => {
    const parent = await unit('Byggeri Nord');
    await t.post(
      '/admin/org',
      { name: 'Byggeri Nord, team', kind: 'unit', parentId: String(parent.id) },
      { cookie: cookie.admin },
    );
    const child = await unit('Byggeri Nord, team');
    await addPerson(t.db.database, 'Flemming Flyt', 'Byggeri Nord, team');
    let res = await t.get(`/admin/org/${parent.id}/move?to=${child.id}`, { cookie: cookie.admin });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('En enhed kan ikke flyttes under en af sine egne underenheder');
    res = await t.post(`/admin/org/${parent.id}/move`, { to: String(child.id) }, { cookie: cookie.admin });
    expect(res.status).toBe(422);
    const target = await unit('Digitalisering og IT');
    res = await t.get(`/admin/org/${parent.id}/move?to=${target.id}`, { cookie: cookie.admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Flyt Byggeri Nord?');
    expect(html).toContain('1 underenheder');
    expect(html).toContain('1 medarbejdere');
    expect(html).toContain(`name="to" value="${target.id}"`);
    res = await t.post(`/admin/org/${parent.id}/move`, { to: String(target.id) }, { cookie: cookie.admin });
    expect(res.status).toBe(303);
    expect((await unit('Byggeri Nord')).parent_id).toBe(target.id);
  });

  it('names leaders from a search that works without JavaScript', async () => {
    const u = await unit('Byggeri Nord');
    const person = await addPerson(t.db.database, 'Lone Ledersen', 'Byggeri Nord', 'Teamleder');
    let res = await t.get(`/admin/org/${u.id}?q=Ledersen`, { cookie: cookie.admin });
    expect(res.status).toBe(200);
    let html = await res.text();
    expect(html).toContain('Lone Ledersen');
    expect(html).toContain(`name="userId" value="${person}"`);
    res = await t.post(`/admin/org/${u.id}/leaders`, { userId: person }, { cookie: cookie.admin });
    expect(res.status).toBe(303);
    res = await t.post(`/admin/org/${u.id}/leaders`, { userId: person }, { cookie: cookie.admin });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Personen er allerede leder af enheden');
    html = await (await t.get('/admin/org', { cookie: cookie.admin })).text();
    expect(html).toContain('Lone Ledersen');
  });

  it('previews a merge, asks about the leaders (422 without an answer), and merges', async () => {
    const from = await unit('Byggeri Nord');
    const into = await unit('Digitalisering og IT');
    let res = await t.get(`/admin/org/${from.id}/merge?into=${into.id}`, { cookie: cookie.admin });
    expect(res.status).toBe(200);
    let html = await res.text();
    expect(html).toContain('Slå Byggeri Nord sammen?');
    expect(html).toContain('1 underenheder');
    expect(html).toContain('Lone Ledersen');
    res = await t.post(`/admin/org/${from.id}/merge`, { into: String(into.id) }, { cookie: cookie.admin });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Vælg, om lederne skal følge med');

    // Deleting refuses while something is in it, and offers the merge.
    res = await t.get(`/admin/org/${from.id}/deletion`, { cookie: cookie.admin });
    html = await res.text();
    expect(html).toContain('kan ikke slettes');
    expect(html).toContain(`href="/admin/org/${from.id}/merge"`);
    res = await t.post(`/admin/org/${from.id}/deletion`, {}, { cookie: cookie.admin });
    expect(res.status).toBe(422);

    res = await t.post(
      `/admin/org/${from.id}/merge`,
      { into: String(into.id), leaders: 'keep' },
      { cookie: cookie.admin },
    );
    expect(res.status).toBe(303);
    expect(
      await db().selectFrom('org_units').select('id').where('id', '=', from.id).executeTakeFirst(),
    ).toBeUndefined();
    expect((await unit('Byggeri Nord, team')).parent_id).toBe(into.id);
    const entry = await db()
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'org.unit.merge')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({
      merged: { id: from.id, name: 'Byggeri Nord' },
      counts: { people: 1, leaders: 1 },
    });
  });

  it('deletes an empty unit', async () => {
    const parent = await unit('Teknik og Miljø');
    await t.post(
      '/admin/org',
      { name: 'Kortvarig', kind: 'unit', parentId: String(parent.id) },
      { cookie: cookie.admin },
    );
    const u = await unit('Kortvarig');
    expect((await t.get(`/admin/org/${u.id}/deletion`, { cookie: cookie.admin })).status).toBe(200);
    const res = await t.post(`/admin/org/${u.id}/deletion`, {}, { cookie: cookie.admin });
    expect(res.status).toBe(303);
    expect(await db().selectFrom('org_units').select('id').where('id', '=', u.id).executeTakeFirst()).toBeUndefined();
  });
});
