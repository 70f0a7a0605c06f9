import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieFrom, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { hashPassword } from '../../auth/password.ts';
import { nowIso, type Database } from '../../db/index.ts';
import { NO_FILTERS, type UserFilters } from './filters.ts';
import { countUsers, listUsers } from './list.ts';
import { RESET_MAX_FAILURES, tokenHash } from './password-reset.ts';

const DAY = 86400_000;
const ago = (days: number) => new Date(new Date(nowIso()).getTime() - days * DAY).toISOString();

async function addUnit(database: Database, name: string, parentId: number | null): Promise<number> {
  const row = await database.db
    .insertInto('org_units')
    .values({
      parent_id: parentId,
      kind: 'unit',
      name,
      short_name: null,
      email: null,
      phone: null,
      sort_order: 0,
      created_at: nowIso(),
      external_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addAccount(
  database: Database,
  a: {
    name: string;
    unitId: number | null;
    roles: string[];
    active?: boolean;
    password?: string | null;
    sso?: boolean;
    lastSignIn?: string | null;
    breakGlass?: boolean;
    title?: string;
    email?: string | null;
  },
): Promise<{ id: string; username: string }> {
  const id = randomUUID();
  const username = `${a.name.toLowerCase().replace(/[^a-z]+/g, '.')}.${id.slice(0, 4)}`;
  const now = nowIso();
  await database.db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: a.name,
      email: a.email === undefined ? `${username}@skovlund.dk` : a.email,
      phone: null,
      title: a.title ?? 'Konsulent',
      org_unit_id: a.unitId,
      manager_id: null,
      password_hash: a.password ? await hashPassword(a.password, 1024) : null,
      locale: null,
      is_active: a.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
      last_sign_in_at: a.lastSignIn ?? null,
      break_glass: a.breakGlass ? 1 : 0,
    })
    .execute();
  if (a.roles.length)
    await database.db
      .insertInto('user_roles')
      .values(a.roles.map((role) => ({ user_id: id, role })))
      .execute();
  if (a.sso)
    await database.db
      .insertInto('user_identities')
      .values({ issuer: 'https://idp.test', subject: randomUUID(), user_id: id, created_at: now, last_used_at: now })
      .execute();
  return { id, username };
}

describe.each(DIALECTS)('user administration at scale (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let parent: number;
  let child: number;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    const db = t.db.database;
    adminId = (await db.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow())
      .id;
    parent = await addUnit(db, 'Qx Forvaltning', null);
    child = await addUnit(db, 'Qx Team', parent);
    people.a = (
      await addAccount(db, {
        name: 'Qxfilter Anna',
        unitId: parent,
        roles: ['caseworker', 'employee'],
        password: 'en-lang-adgangskode-a',
        lastSignIn: ago(1),
        title: 'Qxtitel jurist',
      })
    ).id;
    people.b = (
      await addAccount(db, {
        name: 'Qxfilter Bent',
        unitId: child,
        roles: ['caseworker'],
        sso: true,
        lastSignIn: ago(100),
      })
    ).id;
    people.c = (await addAccount(db, { name: 'Qxfilter Carla', unitId: child, roles: ['employee'], active: false })).id;
    people.d = (
      await addAccount(db, {
        name: 'Qxfilter Dorte',
        unitId: parent,
        roles: ['caseworker'],
        password: 'en-lang-adgangskode-d',
        breakGlass: true,
        email: 'qx.dorte.unik@skovlund.dk',
      })
    ).id;
  });
  afterAll(async () => t.cleanup());

  const names = async (f: Partial<UserFilters>) => {
    const filters = { ...NO_FILTERS, q: 'qxfilter', ...f };
    const { items } = await listUsers(t.db.database, filters);
    const count = await countUsers(t.db.database, filters);
    expect(count).toBe(items.length);
    return items.map((i) => i.displayName.replace('Qxfilter ', ''));
  };

  describe('the list', () => {
    it('combines the filters, and counts what it lists', async () => {
      expect(await names({})).toEqual(['Anna', 'Bent', 'Carla', 'Dorte']);
      expect(await names({ role: 'caseworker' })).toEqual(['Anna', 'Bent', 'Dorte']);
      expect(await names({ unitId: parent })).toEqual(['Anna', 'Dorte']);
      expect(await names({ unitId: parent, subUnits: true })).toEqual(['Anna', 'Bent', 'Carla', 'Dorte']);
      expect(await names({ unitId: child, subUnits: true })).toEqual(['Bent', 'Carla']);
      expect(await names({ status: 'active' })).toEqual(['Anna', 'Bent', 'Dorte']);
      expect(await names({ status: 'inactive' })).toEqual(['Carla']);
      expect(await names({ signIn: 'local' })).toEqual(['Anna', 'Dorte']);
      expect(await names({ signIn: 'sso' })).toEqual(['Bent']);
      expect(await names({ signIn: 'never' })).toEqual(['Carla', 'Dorte']);
      expect(await names({ signIn: 'stale' })).toEqual(['Bent', 'Carla', 'Dorte']);
      expect(await names({ breakGlass: true })).toEqual(['Dorte']);
      expect(
        await names({ role: 'caseworker', unitId: parent, subUnits: true, status: 'active', signIn: 'stale' }),
      ).toEqual(['Bent', 'Dorte']);
      expect(await names({ role: 'employee', signIn: 'local' })).toEqual(['Anna']);
    });

    it('searches name, username, e-mail and title', async () => {
      const q = async (text: string) =>
        (await listUsers(t.db.database, { ...NO_FILTERS, q: text })).items.map((i) => i.displayName);
      expect(await q('QXTITEL')).toEqual(['Qxfilter Anna']);
      expect(await q('qx.dorte.unik@')).toEqual(['Qxfilter Dorte']);
      expect(await q('qxfilter.bent')).toEqual(['Qxfilter Bent']);
    });

    it('pages by keyset in a stable order without repeating anyone', async () => {
      const all = (await listUsers(t.db.database, NO_FILTERS, { limit: 200 })).items.map((i) => i.id);
      const paged: string[] = [];
      let after = null;
      for (let i = 0; i < 100; i++) {
        const page: Awaited<ReturnType<typeof listUsers>> = await listUsers(t.db.database, NO_FILTERS, {
          after,
          limit: 7,
        });
        paged.push(...page.items.map((u) => u.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged.length).toBe(await countUsers(t.db.database, NO_FILTERS));
    });

    it('filters by the query string, and htmx gets the table with the count announced', async () => {
      const url = `/admin/users?q=qxfilter&role=caseworker&unit=${parent}&sub=1&signin=stale`;
      const page = await (await t.get(url, { cookie: admin })).text();
      expect(page).toContain('Qxfilter Bent');
      expect(page).toContain('Qxfilter Dorte');
      expect(page).not.toContain('Qxfilter Anna');
      expect(page).toContain('(2 brugere)');
      expect(page).toContain('<option value="caseworker" selected="">');
      expect(page).toContain(`<option value="${parent}" selected>`);
      const res = await t.get(url, { cookie: admin, headers: { 'HX-Request': 'true' } });
      const fragment = await res.text();
      expect(fragment).not.toContain('<html');
      expect(fragment).toContain('id="user-results"');
      expect(fragment).toMatch(/<div id="live" hx-swap-oob="innerHTML">2 brugere<\/div>/);
      expect(res.headers.get('Vary')).toContain('HX-Request');
    });
  });

  describe("a user's page", () => {
    it('shows memberships, identities and sessions, and the read is logged', async () => {
      const cookie = await t.signIn('sagsbehandler');
      const id = (
        await t.db.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'sagsbehandler')
          .executeTakeFirstOrThrow()
      ).id;
      const res = await t.get(`/admin/users/${id}`, { cookie: admin });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Samarbejdsrum');
      expect(html).toContain('Aktive sessioner');
      expect(html).toMatch(/\d+ aktive sessioner/);
      expect(html).toContain(`action="/admin/users/${id}/deactivation"`);
      const logged = await t.db.database.db
        .selectFrom('audit_log')
        .select('actor_name')
        .where('action', '=', 'user.view')
        .where('entity_id', '=', id)
        .execute();
      expect(logged).toHaveLength(1);
      // A page making the browser fetch it (an <img>) is neither served nor logged.
      const img = await t.get(`/admin/users/${id}`, { cookie: admin, headers: { 'Sec-Fetch-Dest': 'image' } });
      expect(img.status).toBe(404);
      expect(
        await t.db.database.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'user.view')
          .where('entity_id', '=', id)
          .execute(),
      ).toHaveLength(1);
      expect((await t.get('/', { cookie })).status).toBe(200);
    });

    it('sets the break-glass flag through the edit form, and the list shows it', async () => {
      const res = await t.post(
        `/admin/users/${people.a}`,
        {
          username: (
            await t.db.database.db
              .selectFrom('users')
              .select('username')
              .where('id', '=', people.a!)
              .executeTakeFirstOrThrow()
          ).username,
          displayName: 'Qxfilter Anna',
          email: '',
          phone: '',
          title: 'Qxtitel jurist',
          orgUnitId: String(parent),
          managerUsername: '',
          password: '',
          roles: ['caseworker', 'employee'],
          isActive: '1',
          breakGlass: '1',
        },
        { cookie: admin },
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(`/admin/users/${people.a}`);
      expect(await names({ breakGlass: true })).toEqual(['Anna', 'Dorte']);
    });
  });

  describe('actions', () => {
    const userIdOf = async (username: string) =>
      (
        await t.db.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    const sessions = async (id: string) =>
      (await t.db.database.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length;

    it('deactivating ends every session at once; the person cannot sign in; reactivating lets them back', async () => {
      const acct = await addAccount(t.db.database, {
        name: 'Qxact Eva',
        unitId: parent,
        roles: ['employee'],
        password: 'evas-lange-adgangskode',
      });
      const cookie = await t.signIn(acct.username, 'evas-lange-adgangskode');
      await t.signIn(acct.username, 'evas-lange-adgangskode');
      expect((await t.get('/', { cookie })).status).toBe(200);
      expect(await sessions(acct.id)).toBe(2);

      const res = await t.post(`/admin/users/${acct.id}/deactivation`, {}, { cookie: admin });
      expect(res.status).toBe(303);
      const page = await (await t.get(`/admin/users/${acct.id}`, { cookie: withCookies(admin, res) })).text();
      expect(page).toContain('Qxact Eva er deaktiveret. 2 sessioner er afsluttet.');
      expect(await sessions(acct.id)).toBe(0);
      expect((await t.get('/', { cookie })).status).toBe(303);
      const again = await t.post('/login', { username: acct.username, password: 'evas-lange-adgangskode' });
      expect(again.status).toBe(422);
      expect(sessionCookieFrom(again)).toBeNull();
      const entry = await t.db.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'user.deactivate')
        .where('entity_id', '=', acct.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.details!).sessions_ended).toBe(2);

      expect((await t.post(`/admin/users/${acct.id}/deactivation/deletion`, {}, { cookie: admin })).status).toBe(303);
      expect((await t.get('/', { cookie: await t.signIn(acct.username, 'evas-lange-adgangskode') })).status).toBe(200);
    });

    it('refuses deactivating your own account', async () => {
      const res = await t.post(`/admin/users/${adminId}/deactivation`, {}, { cookie: admin });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Du kan ikke deaktivere din egen konto.');
      const row = await t.db.database.db
        .selectFrom('users')
        .select('is_active')
        .where('id', '=', adminId)
        .executeTakeFirstOrThrow();
      expect(row.is_active).toBe(1);
      expect((await t.get('/admin', { cookie: admin })).status).toBe(200);
    });

    it('signs a person out everywhere and leaves the account active', async () => {
      const id = await userIdOf('medarbejder');
      const one = await t.signIn('medarbejder');
      const two = await t.signIn('medarbejder');
      const res = await t.post(`/admin/users/${id}/sessions/deletion`, {}, { cookie: admin });
      expect(res.status).toBe(303);
      expect(await sessions(id)).toBe(0);
      expect((await t.get('/', { cookie: one })).status).toBe(303);
      expect((await t.get('/', { cookie: two })).status).toBe(303);
      expect((await t.get('/', { cookie: await t.signIn('medarbejder') })).status).toBe(200);
    });

    it('a reset link works once: new password, sessions ended, e-mailed and shown to the admin once', async () => {
      const acct = await addAccount(t.db.database, {
        name: 'Qxreset Frede',
        unitId: parent,
        roles: ['employee'],
        password: 'fredes-gamle-adgangskode',
        email: 'frede.qx@skovlund.dk',
      });
      const old = await t.signIn(acct.username, 'fredes-gamle-adgangskode');
      const made = await t.post(`/admin/users/${acct.id}/password-reset`, {}, { cookie: admin });
      expect(made.status).toBe(200);
      const html = await made.text();
      const token = /\/password-reset\/([A-Za-z0-9_-]{43})/.exec(html)?.[1];
      expect(token).toBeDefined();
      expect(html).toContain('frede.qx@skovlund.dk');
      const stored = await t.db.database.db
        .selectFrom('password_resets')
        .selectAll()
        .where('user_id', '=', acct.id)
        .execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).toBe(tokenHash(token!));
      expect(stored[0]!.token_hash).not.toContain(token!);
      const mail = await t.db.database.db
        .selectFrom('mail_outbox')
        .select(['text', 'to_address'])
        .where('to_address', '=', 'frede.qx@skovlund.dk')
        .executeTakeFirstOrThrow();
      expect(mail.text).toContain(`/password-reset/${token}`);

      // Public: no session needed.
      const form = await t.get(`/password-reset/${token}`);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('Qxreset Frede');
      const short = await t.post(`/password-reset/${token}`, { password: 'kort', confirm: 'kort' });
      expect(short.status).toBe(422);
      expect(await short.text()).toContain('Adgangskoden skal være mindst 12 tegn');
      const differ = await t.post(`/password-reset/${token}`, {
        password: 'fredes-nye-adgangskode',
        confirm: 'fredes-nye-adgangskodx',
      });
      expect(differ.status).toBe(422);
      const done = await t.post(`/password-reset/${token}`, {
        password: 'fredes-nye-adgangskode',
        confirm: 'fredes-nye-adgangskode',
      });
      expect(done.status).toBe(303);
      expect(done.headers.get('Location')).toBe('/login');

      expect((await t.get('/', { cookie: old })).status).toBe(303);
      expect((await t.post('/login', { username: acct.username, password: 'fredes-gamle-adgangskode' })).status).toBe(
        422,
      );
      await t.signIn(acct.username, 'fredes-nye-adgangskode');
      // Once only.
      expect((await t.get(`/password-reset/${token}`)).status).toBe(404);
      const reuse = await t.post(`/password-reset/${token}`, {
        password: 'en-tredje-adgangskode',
        confirm: 'en-tredje-adgangskode',
      });
      expect(reuse.status).toBe(404);
      await t.signIn(acct.username, 'fredes-nye-adgangskode');
    });

    it('an expired link, an older link and a wrong token are refused', async () => {
      const acct = await addAccount(t.db.database, {
        name: 'Qxreset Gitte',
        unitId: parent,
        roles: ['employee'],
        password: 'gittes-adgangskode-1',
        email: null,
      });
      const first = /\/password-reset\/([A-Za-z0-9_-]{43})/.exec(
        await (await t.post(`/admin/users/${acct.id}/password-reset`, {}, { cookie: admin })).text(),
      )![1]!;
      const second = /\/password-reset\/([A-Za-z0-9_-]{43})/.exec(
        await (await t.post(`/admin/users/${acct.id}/password-reset`, {}, { cookie: admin })).text(),
      )![1]!;
      expect((await t.get(`/password-reset/${first}`)).status).toBe(404);
      expect((await t.get(`/password-reset/${second}`)).status).toBe(200);
      await t.db.database.db
        .updateTable('password_resets')
        .set({ expires_at: ago(1 / 24) })
        .where('token_hash', '=', tokenHash(second))
        .execute();
      expect((await t.get(`/password-reset/${second}`)).status).toBe(404);
      const post = await t.post(`/password-reset/${second}`, {
        password: 'gittes-nye-kode-2',
        confirm: 'gittes-nye-kode-2',
      });
      expect(post.status).toBe(404);
      expect((await t.get(`/password-reset/${'x'.repeat(43)}`)).status).toBe(404);
      await t.signIn(acct.username, 'gittes-adgangskode-1');
    });

    it('makes no link for an account without a local password', async () => {
      const res = await t.post(`/admin/users/${people.b}/password-reset`, {}, { cookie: admin });
      expect(res.status).toBe(403);
      expect(
        await t.db.database.db
          .selectFrom('password_resets')
          .select('token_hash')
          .where('user_id', '=', people.b!)
          .execute(),
      ).toHaveLength(0);
    });

    it('gives a non-administrator 403 on every route and changes nothing', async () => {
      const caseworker = await t.signIn('sagsbehandler');
      const id = people.d!;
      for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${id}`, `/admin/users/${id}/edit`])
        expect((await t.get(path, { cookie: caseworker })).status, path).toBe(403);
      for (const path of [
        '/admin/users',
        `/admin/users/${id}`,
        `/admin/users/${id}/deactivation`,
        `/admin/users/${id}/deactivation/deletion`,
        `/admin/users/${id}/sessions/deletion`,
        `/admin/users/${id}/password-reset`,
      ])
        expect((await t.post(path, { username: 'x', displayName: 'x' }, { cookie: caseworker })).status, path).toBe(
          403,
        );
      const row = await t.db.database.db
        .selectFrom('users')
        .select(['is_active', 'display_name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ is_active: 1, display_name: 'Qxfilter Dorte' });
      expect(
        await t.db.database.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', id).execute(),
      ).toHaveLength(0);
    });

    // Last: it locks this test app's client address out of the reset page.
    it('throttles wrong tokens from one address, then refuses even a good link from it', async () => {
      let status = 0;
      for (let i = 0; i <= RESET_MAX_FAILURES && status !== 429; i++)
        status = (await t.get(`/password-reset/${randomUUID().replace(/-/g, '').padEnd(43, 'a')}`)).status;
      expect(status).toBe(429);
      const made = await (await t.post(`/admin/users/${people.d}/password-reset`, {}, { cookie: admin })).text();
      const token = /\/password-reset\/([A-Za-z0-9_-]{43})/.exec(made)![1]!;
      const res = await t.get(`/password-reset/${token}`);
      expect(res.status).toBe(429);
      expect(await res.text()).toContain('for mange forkerte links');
    });
  });
});
