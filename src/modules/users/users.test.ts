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

describe.each(DIALECTS)('user administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterAll(async () => t.cleanup());

  const userId = async (username: string) =>
    (await t.db.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;

  describe('users', () => {
    it('keeps what was typed and explains each error when the form is wrong', async () => {
      const res = await t.post(
        '/admin/users',
        userForm({
          username: 'Lise Berg!',
          displayName: '',
          email: 'ikke-en-mail',
          password: 'kort',
          managerUsername: 'findes.ikke',
        }),
        { cookie: admin },
      );
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
      expect(
        await t.db.database.db.selectFrom('users').select('id').where('display_name', '=', 'Lise Berg').execute(),
      ).toHaveLength(0);
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
      const logged = await t.db.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'user.create')
        .execute();
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
      const res = await t.post(`/admin/users/${id}`, userForm({ password: '', isActive: [] as unknown as string }), {
        cookie: admin,
      });
      expect(res.status).toBe(303);
      expect((await t.get('/', { cookie })).status).toBe(303);
      const again = await t.post('/login', { username: 'lise.berg', password: 'en-lang-adgangskode' });
      expect(again.status).toBe(422);
      expect(sessionCookieFrom(again)).toBeNull();
    });

    it('will not let an administrator remove their own admin role or access', async () => {
      const id = await userId('admin');
      const base = {
        username: 'admin',
        displayName: 'Annette Vinther',
        password: '',
        managerUsername: '',
        roles: ['admin', 'employee'],
      };
      const dropRole = await t.post(`/admin/users/${id}`, userForm({ ...base, roles: ['employee'] }), {
        cookie: admin,
      });
      expect(dropRole.status).toBe(422);
      expect(await dropRole.text()).toContain('Du kan ikke fjerne din egen administratorrolle');
      const close = await t.post(`/admin/users/${id}`, userForm({ ...base, isActive: [] as unknown as string }), {
        cookie: admin,
      });
      expect(close.status).toBe(422);
      expect((await t.get('/admin', { cookie: admin })).status).toBe(200);
    });

    it('edits roles, and the audit entry says what changed', async () => {
      const id = await userId('medarbejder');
      const form = await (await t.get(`/admin/users/${id}/edit`, { cookie: admin })).text();
      expect(form).toContain('value="medarbejder"');
      const res = await t.post(
        `/admin/users/${id}`,
        userForm({
          username: 'medarbejder',
          displayName: 'Sofie Kragh',
          email: '',
          phone: '',
          title: 'Borgerservicemedarbejder',
          managerUsername: '',
          password: '',
          roles: ['employee', 'caseworker'],
        }),
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
});
