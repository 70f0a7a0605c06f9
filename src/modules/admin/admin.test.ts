import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieFrom, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';

const userForm = (over: Record<string, string | string[]> = {}) => ({
  username: 'lise.berg',
  displayName: 'Lise Berg',
  email: 'lise.berg@skovlund.dk',
  phone: '72 00 11 22',
  title: 'Jurist',
  orgUnitId: '',
  managerUsername: 'sekretariat',
  password: 'en-lang-adgangskode',
  roles: ['caseworker', 'employee'],
  isActive: '1',
  ...over,
});

describe.each(DIALECTS)('administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterAll(async () => t.cleanup());

  const userId = async (username: string) =>
    (await t.db.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  describe('users', () => {
    it('keeps what was typed and explains each error when the form is wrong', async () => {
      const res = await t.post('/admin/users', userForm({ username: 'Lise Berg!', displayName: '', email: 'ikke-en-mail', password: 'kort', managerUsername: 'findes.ikke' }), { cookie: admin });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Der er 5 fejl i formularen');
      expect(html).toContain('Brugernavnet må kun indeholde');
      expect(html).toContain('Skriv brugerens fulde navn');
      expect(html).toContain('Skriv en gyldig e-mailadresse');
      expect(html).toContain('Adgangskoden skal være mindst 12 tegn');
      expect(html).toContain('Vælg en leder fra listen');
      expect(html).toContain('value="Lise Berg!"');
      expect(html).toContain('value="ikke-en-mail"');
      expect(html).toContain('value="72 00 11 22"');
      expect(html).not.toContain('value="kort"');
      expect(await t.db.database.db.selectFrom('users').select('id').where('display_name', '=', 'Lise Berg').execute()).toHaveLength(0);
    });

    it('creates a user who can then sign in, and logs it', async () => {
      const res = await t.post('/admin/users', userForm(), { cookie: admin });
      expect(res.status).toBe(303);
      const list = await t.get('/admin/users?q=lise', { cookie: withCookies(admin, res) });
      const html = await list.text();
      expect(html).toContain('Brugeren Lise Berg er oprettet.');
      expect(html).toContain('Lise Berg');
      const cookie = await t.signIn('lise.berg', 'en-lang-adgangskode');
      const home = await (await t.get('/', { cookie })).text();
      expect(home).toContain('Goddag, Lise Berg');
      expect(home).toContain('Mette Aagaard'); // her manager
      const logged = await t.db.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').execute();
      expect(logged.some((r) => r.details?.includes('lise.berg'))).toBe(true);
    });

    it('refuses a user name that is taken', async () => {
      const res = await t.post('/admin/users', userForm({ displayName: 'En Anden' }), { cookie: admin });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('Brugernavnet er allerede i brug');
    });

    it('closing access ends the user’s sessions at once', async () => {
      const cookie = await t.signIn('lise.berg', 'en-lang-adgangskode');
      const id = await userId('lise.berg');
      const res = await t.post(`/admin/users/${id}`, userForm({ password: '', isActive: [] as unknown as string }), { cookie: admin });
      expect(res.status).toBe(303);
      expect((await t.get('/', { cookie })).status).toBe(303);
      const again = await t.post('/login', { username: 'lise.berg', password: 'en-lang-adgangskode' });
      expect(again.status).toBe(422);
      expect(sessionCookieFrom(again)).toBeNull();
    });

    it('will not let an administrator remove their own admin role or access', async () => {
      const id = await userId('admin');
      const base = { username: 'admin', displayName: 'Annette Vinther', password: '', managerUsername: '', roles: ['admin', 'employee'] };
      const dropRole = await t.post(`/admin/users/${id}`, userForm({ ...base, roles: ['employee'] }), { cookie: admin });
      expect(dropRole.status).toBe(422);
      expect(await dropRole.text()).toContain('Du kan ikke fjerne din egen administratorrolle');
      const close = await t.post(`/admin/users/${id}`, userForm({ ...base, isActive: [] as unknown as string }), { cookie: admin });
      expect(close.status).toBe(422);
      expect((await t.get('/admin', { cookie: admin })).status).toBe(200);
    });

    it('edits roles, and the audit entry says what changed', async () => {
      const id = await userId('medarbejder');
      const form = await (await t.get(`/admin/users/${id}`, { cookie: admin })).text();
      expect(form).toContain('value="medarbejder"');
      const res = await t.post(
        `/admin/users/${id}`,
        userForm({ username: 'medarbejder', displayName: 'Sofie Kragh', email: '', phone: '', title: 'Borgerservicemedarbejder', managerUsername: '', password: '', roles: ['employee', 'caseworker'] }),
        { cookie: admin },
      );
      expect(res.status).toBe(303);
      const entry = await t.db.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'user.update')
        .where('entity_id', '=', id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const details = JSON.parse(entry.details!);
      expect(details.changed.roles).toEqual({ from: 'employee', to: 'caseworker,employee' });
      expect(details.password_changed).toBe(false);
    });

    it('pages through users by name without OFFSET', async () => {
      const first = await (await t.get('/admin/users', { cookie: admin })).text();
      const next = /href="\/admin\/users\?after=([^"]+)"/.exec(first);
      expect(next).not.toBeNull();
      const second = await (await t.get(`/admin/users?after=${next![1]}`, { cookie: admin })).text();
      const names = (html: string) => [...html.matchAll(/class="font-semibold">([^<]+)<\/a>/g)].map((m) => m[1]);
      const a = names(first);
      const b = names(second);
      expect(a.length).toBe(50);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((n) => b.includes(n))).toEqual([]);
    });
  });

  describe('audit page', () => {
    it('filters by user and action, verifies the chain, and logs its own use', async () => {
      const res = await t.get('/admin/audit?actor=annette&action=session', { cookie: admin });
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('Loggede ind');
      expect(html).not.toContain('Indlæste demokommunen');
      const own = await t.db.database.db.selectFrom('audit_log').select('action').where('action', '=', 'audit.view').execute();
      expect(own.length).toBeGreaterThanOrEqual(1);
    });

    it('checks the whole chain only on a POST from its own form, never on a GET any page could send', async () => {
      const verifications = async () =>
        Number((await t.db.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'audit.verify').executeTakeFirstOrThrow()).n);
      const before = await verifications();
      // The old address runs nothing any more, opened as a page or as an <img> on some page (which
      // is not even served the log, nor logged as reading it).
      const get = await t.get('/admin/audit?verify=1', { cookie: admin });
      expect(get.status).toBe(200);
      expect(await get.text()).not.toContain('Kæden er intakt');
      expect(await verifications()).toBe(before);
      const views = async () => (await t.db.database.db.selectFrom('audit_log').select('id').where('action', '=', 'audit.view').execute()).length;
      const viewsBefore = await views();
      const img = await t.get('/admin/audit?verify=1', { cookie: admin, headers: { 'Sec-Fetch-Dest': 'image', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Site': 'same-origin' } });
      expect(img.status).toBe(404);
      expect(await img.text()).not.toContain('Loggede ind');
      expect(await views()).toBe(viewsBefore);
      expect(await verifications()).toBe(before);
      // The page offers the check as a form post that keeps the filter.
      const page = await (await t.get('/admin/audit?action=session', { cookie: admin })).text();
      const form = /<form method="post" action="\/admin\/audit\/verifications">[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
      expect(form).toContain('<input type="hidden" name="action" value="session"');
      // A cross-site post is refused by the CSRF check.
      const forged = await t.app.request('http://localhost/admin/audit/verifications', {
        method: 'POST',
        headers: { Cookie: admin, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(forged.status).toBe(403);
      expect(await verifications()).toBe(before);
      // Our own form runs it and shows the result on the audit page, filter kept.
      const res = await t.post('/admin/audit/verifications', { action: 'session' }, { cookie: admin });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/audit?action=session');
      expect(await verifications()).toBe(before + 1);
      const shown = await (await t.get(res.headers.get('location')!, { cookie: withCookies(admin, res) })).text();
      expect(shown).toMatch(/Kæden er intakt: [\d.]+ hændelser kontrolleret/);
      // Only those allowed to verify may.
      const caseworker = await t.signIn('sagsbehandler');
      expect((await t.post('/admin/audit/verifications', {}, { cookie: caseworker })).status).toBe(403);
      expect(await verifications()).toBe(before + 1);
    });

    it('rejects a malformed date with a message, not an error', async () => {
      const res = await t.get('/admin/audit?from=26-11-2026', { cookie: admin });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Skriv en dato som åååå-mm-dd');
      expect(html).toContain('value="26-11-2026"');
    });

    it('answers htmx with the results fragment and a live announcement', async () => {
      const res = await t.get('/admin/audit?action=user', { cookie: admin, headers: { 'HX-Request': 'true' } });
      const html = await res.text();
      expect(html).not.toContain('<html');
      expect(html).toContain('id="audit-results"');
      expect(html).toMatch(/<div id="live" hx-swap-oob="innerHTML">\d+ hændelser vist<\/div>/);
    });
  });

  describe('jobs page', () => {
    it('runs the clean-up by hand and shows the result', async () => {
      const res = await t.post('/admin/jobs/session-cleanup/runs', {}, { cookie: admin });
      expect(res.status).toBe(303);
      const html = await (await t.get('/admin/jobs', { cookie: withCookies(admin, res) })).text();
      expect(html).toContain('Jobbet &quot;Oprydning i udløbne sessioner&quot; er kørt');
      expect(html).toContain('Gennemført');
      expect(html).toContain('Manuelt');
    });

    it('answers 404 for a job that does not exist', async () => {
      expect((await t.post('/admin/jobs/no-such-job/runs', {}, { cookie: admin })).status).toBe(404);
    });
  });
});
