/**
 * Single sign-on's rules on both databases: who a checked ID token is (issuer + subject, never
 * the e-mail), first-time creation on and off, the group rules at every sign-in, the one-time
 * pending sign-in, break-glass accounts when local passwords are off, and the admin page's
 * refusal to switch local passwords off without a provider and a break-glass administrator.
 * The flow against a real provider in a real browser is in sso.browser.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { LOCAL_PASSWORDS_SETTING } from '../../auth/service.ts';
import { nowIso } from '../../db/index.ts';
import { getSetting, putSetting } from '../../db/settings.ts';
import { finishLogin } from './oidc.ts';
import { addRule, loadProvider, saveProvider, type ProviderConfig, type ProviderInput } from './provider.ts';
import { groupsOf, planRules, signInWithClaims } from './service.ts';

const ISSUER = 'https://login.example.test/tenant/v2.0';
const ADMIN = { id: 'system', name: 'Test' };

const providerInput = (over: Partial<ProviderInput> = {}): ProviderInput => ({
  enabled: true,
  issuer: ISSUER,
  clientId: 'samspil',
  clientSecret: 'a-secret-only-the-database-knows',
  scopes: 'openid profile email',
  buttonName: 'Entra ID',
  contact: 'IT-support på tlf. 4000 1234',
  matchClaim: 'sub',
  createUsers: true,
  usernameClaim: 'preferred_username',
  groupClaim: 'groups',
  ...over,
});

describe('group rules (pure)', () => {
  const rules = [
    {
      id: 1,
      position: 1,
      group: 'g-case',
      kind: 'role' as const,
      role: 'caseworker' as const,
      unitId: null,
      unitName: null,
    },
    { id: 2, position: 2, group: 'g-teknik', kind: 'unit' as const, role: null, unitId: 7, unitName: 'Teknik' },
    { id: 3, position: 3, group: 'g-case', kind: 'unit' as const, role: null, unitId: 9, unitName: 'Borger' },
    { id: 4, position: 4, group: 'g-ed', kind: 'role' as const, role: 'editor' as const, unitId: null, unitName: null },
  ];
  it('manages only the roles some rule names, and takes the first matching unit rule', () => {
    const plan = planRules(rules, ['g-case', 'g-teknik']);
    expect([...plan.managed].sort()).toEqual(['caseworker', 'editor']);
    expect([...plan.wanted]).toEqual(['caseworker']);
    expect(plan.unitId).toBe(7);
    expect(planRules(rules, ['g-case']).unitId).toBe(9);
    expect(planRules(rules, []).unitId).toBeNull();
  });
  it('reads groups as an array or a single string, ignoring anything else', () => {
    expect(groupsOf({ groups: ['a', 2, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsOf({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsOf({}, 'groups')).toEqual([]);
  });
});

describe.each(DIALECTS)('single sign-on (%s)', (dialect) => {
  let t: TestApp;
  let provider: ProviderConfig;
  let teknikId: number;
  const db = () => t.db.database;
  const user = (username: string) =>
    db().db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const roles = async (id: string) =>
    (await db().db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute())
      .map((r) => r.role)
      .sort();
  const signIn = (claims: Record<string, unknown>) =>
    signInWithClaims(db(), provider, { iss: ISSUER, ...claims }, { ip: '127.0.0.1', scryptCost: 1024 });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    expect(await saveProvider(db(), providerInput(), ADMIN, null)).toEqual({ ok: true });
    provider = (await loadProvider(db()))!;
    teknikId = (
      await db().db.selectFrom('org_units').select('id').orderBy('id').limit(1).offset(3).executeTakeFirstOrThrow()
    ).id;
    await addRule(db(), { group: 'sagsbehandlere', kind: 'role', role: 'caseworker', unitId: '' }, ADMIN, null);
    await addRule(db(), { group: 'redaktører', kind: 'role', role: 'editor', unitId: '' }, ADMIN, null);
    await addRule(db(), { group: 'teknik', kind: 'unit', role: '', unitId: String(teknikId) }, ADMIN, null);
  });
  afterAll(async () => t.cleanup());

  it('creates the account at the first sign-in: username from the claim, made unique, roles and unit from the rules', async () => {
    const first = await signIn({
      sub: 'sub-søren',
      preferred_username: 'Søren.Ærø@kommune.dk',
      name: 'Søren Ærø',
      email: 'soeren@kommune.dk',
      groups: ['sagsbehandlere', 'teknik'],
    });
    expect(first).toMatchObject({ ok: true, created: true, changes: { added: ['caseworker'], removed: [] } });
    const soeren = (await user('soeren.aeroe'))!;
    expect(soeren).toMatchObject({ display_name: 'Søren Ærø', email: 'soeren@kommune.dk', org_unit_id: teknikId });
    expect(soeren.password_hash).toBeNull();
    expect(await roles(soeren.id)).toEqual(['caseworker']);

    // Someone else with the same name gets a name of their own; without the claim, the e-mail's local part.
    await signIn({ sub: 'sub-other-søren', preferred_username: 'soeren.aeroe', groups: [] });
    expect(await user('soeren.aeroe2')).toBeDefined();
    await signIn({ sub: 'sub-mail-only', email: 'Lone.Holm@kommune.dk', groups: [] });
    expect(await user('lone.holm')).toBeDefined();
  });

  it('recognises a person by issuer and subject — never by e-mail, and not by the same subject at another issuer', async () => {
    const demo = (await user('sagsbehandler'))!;
    const usersBefore = await db().db.selectFrom('users').select('id').execute();
    const same = await signIn({ sub: 'attacker-sub', email: demo.email, preferred_username: 'sagsbehandler' });
    expect(same.ok && same.user.id).not.toBe(demo.id);
    expect(same).toMatchObject({ ok: true, created: true });
    expect(await user('sagsbehandler2')).toBeDefined();
    expect((await db().db.selectFrom('users').select('id').execute()).length).toBe(usersBefore.length + 1);

    const soeren = (await user('soeren.aeroe'))!;
    const elsewhere = await signInWithClaims(
      db(),
      { ...provider, createUsers: false },
      { iss: 'https://evil.example.test', sub: 'sub-søren' },
      { ip: null, scryptCost: 1024 },
    );
    expect(elsewhere).toMatchObject({ ok: false, reason: 'no_account' });
    const again = await signIn({ sub: 'sub-søren', groups: ['sagsbehandlere'] });
    expect(again).toMatchObject({ ok: true, created: false, user: { id: soeren.id } });
    const identity = await db()
      .db.selectFrom('user_identities')
      .select('last_used_at')
      .where('subject', '=', 'sub-søren')
      .executeTakeFirstOrThrow();
    expect(identity.last_used_at).not.toBeNull();
  });

  it('with creation off, an unknown person gets no account and nothing is written', async () => {
    const closed = { ...provider, createUsers: false };
    const count = async () => (await db().db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const result = await signInWithClaims(
      db(),
      closed,
      { iss: ISSUER, sub: 'never-seen', preferred_username: 'ny.person', groups: ['sagsbehandlere'] },
      { ip: null, scryptCost: 1024 },
    );
    expect(result).toMatchObject({ ok: false, reason: 'no_account' });
    expect(await count()).toBe(before);
  });

  it('re-applies the rules at every sign-in: a managed role goes with the group, a role given by hand stays', async () => {
    const soeren = (await user('soeren.aeroe'))!;
    await db().db.insertInto('user_roles').values({ user_id: soeren.id, role: 'records_manager' }).execute();
    const moved = await signIn({ sub: 'sub-søren', groups: ['redaktører'] });
    expect(moved).toMatchObject({ ok: true, changes: { added: ['editor'], removed: ['caseworker'], unit: null } });
    expect(await roles(soeren.id)).toEqual(['editor', 'records_manager']);
    // The unit stays when no unit rule matches.
    expect((await user('soeren.aeroe'))!.org_unit_id).toBe(teknikId);
    const entry = await db()
      .db.selectFrom('audit_log')
      .select(['summary', 'details'])
      .where('action', '=', 'sso.rules.apply')
      .where('entity_id', '=', soeren.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toContain('roles removed caseworker');
    // Nothing changed: no entry.
    const countEntries = async () =>
      (await db().db.selectFrom('audit_log').select('id').where('action', '=', 'sso.rules.apply').execute()).length;
    const n = await countEntries();
    await signIn({ sub: 'sub-søren', groups: ['redaktører'] });
    expect(await countEntries()).toBe(n);
  });

  it('refuses a closed account', async () => {
    const soeren = (await user('soeren.aeroe'))!;
    await db().db.updateTable('users').set({ is_active: 0 }).where('id', '=', soeren.id).execute();
    expect(await signIn({ sub: 'sub-søren', groups: [] })).toMatchObject({ ok: false, reason: 'inactive' });
    await db().db.updateTable('users').set({ is_active: 1 }).where('id', '=', soeren.id).execute();
  });

  it('takes a pending sign-in once, from the browser that started it, within ten minutes', async () => {
    const { createHash } = await import('node:crypto');
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    const insert = (state: string, createdAt: string) =>
      db()
        .db.insertInto('sso_logins')
        .values({
          state,
          nonce: 'n',
          code_verifier: 'v',
          browser_hash: hash('browser-a'),
          next: '/cases',
          created_at: createdAt,
          used_at: null,
        })
        .execute();
    const callback = (state: string) =>
      new URL(`http://localhost/login/sso/callback?state=${state}&error=access_denied`);
    await insert('s1', nowIso());
    expect(await finishLogin(db(), provider, { currentUrl: callback('s1'), browserToken: 'browser-b' })).toMatchObject({
      ok: false,
      reason: 'browser_mismatch',
    });
    // The right browser can still finish it (here the provider said no: its error is the reason).
    expect(await finishLogin(db(), provider, { currentUrl: callback('s1'), browserToken: 'browser-a' })).toMatchObject({
      ok: false,
      reason: 'provider_error',
      next: '/cases',
    });
    expect(await finishLogin(db(), provider, { currentUrl: callback('s1'), browserToken: 'browser-a' })).toMatchObject({
      ok: false,
      reason: 'state_used',
    });
    await insert('s2', new Date(Date.now() - 11 * 60_000).toISOString());
    expect(await finishLogin(db(), provider, { currentUrl: callback('s2'), browserToken: 'browser-a' })).toMatchObject({
      ok: false,
      reason: 'state_expired',
    });
    expect(
      await finishLogin(db(), provider, { currentUrl: callback('nope'), browserToken: 'browser-a' }),
    ).toMatchObject({
      ok: false,
      reason: 'state_unknown',
    });
  });

  it('answers a bad callback with the sign-in page, a Danish message and an audit entry with the reason', async () => {
    const res = await t.get('/login/sso/callback?state=forged&code=x');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Log ind med Entra ID mislykkedes. Prøv igen, eller kontakt IT-support på tlf. 4000 1234.');
    expect(html).not.toContain('state_unknown');
    const entry = await db()
      .db.selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'sso.failed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toBe('Single sign-on failed: state_unknown');
  });

  describe('local passwords and break-glass accounts', () => {
    beforeEach(async () => {
      await putSetting(db(), LOCAL_PASSWORDS_SETTING, 'on');
      await db().db.updateTable('users').set({ break_glass: 0 }).execute();
    });

    it('refuses to switch local passwords off without an enabled provider, then without a break-glass admin', async () => {
      const cookie = await t.signIn('admin');
      await saveProvider(db(), providerInput({ enabled: false }), ADMIN, null);
      const noSso = await t.post('/admin/sso/local-passwords', { local: 'off' }, { cookie });
      expect(noSso.status).toBe(422);
      expect(await noSso.text()).toContain('før fælles log ind er sat op og slået til');
      await saveProvider(db(), providerInput(), ADMIN, null);
      const noAdmin = await t.post('/admin/sso/local-passwords', { local: 'off' }, { cookie });
      expect(noAdmin.status).toBe(422);
      expect(await noAdmin.text()).toContain('uden mindst én aktiv administrator med nødadgang');
      // A break-glass account that is not an administrator does not count.
      await db().db.updateTable('users').set({ break_glass: 1 }).where('username', '=', 'journal').execute();
      expect((await t.post('/admin/sso/local-passwords', { local: 'off' }, { cookie })).status).toBe(422);
      expect(await getSetting(db(), LOCAL_PASSWORDS_SETTING)).toBe('on');

      await db().db.updateTable('users').set({ break_glass: 1 }).where('username', '=', 'admin').execute();
      const page = await (await t.get('/admin/sso', { cookie })).text();
      expect(page).toContain('Nødkonti: 2, heraf aktive administratorer med adgangskode: 1.');
      const ok = await t.post('/admin/sso/local-passwords', { local: 'off' }, { cookie });
      expect(ok.status).toBe(303);
      expect(await getSetting(db(), LOCAL_PASSWORDS_SETTING)).toBe('off');
      const actions = (
        await db()
          .db.selectFrom('audit_log')
          .select('action')
          .where('action', 'like', 'sso.localPasswords%')
          .orderBy('id')
          .execute()
      ).map((a) => a.action);
      expect(actions).toEqual([
        'sso.localPasswords.refused',
        'sso.localPasswords.refused',
        'sso.localPasswords.refused',
        'sso.localPasswords',
      ]);
      // Single sign-on cannot be switched off now.
      const off = await t.post('/admin/sso', { ...formOf(providerInput({ enabled: false })) }, { cookie });
      expect(off.status).toBe(422);
      expect(await off.text()).toContain('kan ikke slås fra, mens lokale adgangskoder er slået fra');
    });

    it('lets only break-glass accounts sign in with a password when local passwords are off, with the one message for all', async () => {
      await db().db.updateTable('users').set({ break_glass: 1 }).where('username', '=', 'admin').execute();
      await putSetting(db(), LOCAL_PASSWORDS_SETTING, 'off');
      const refused = await t.post('/login', { username: 'medarbejder', password: 'samspil-demo' });
      const wrong = await t.post('/login', { username: 'medarbejder', password: 'forkert' });
      expect(refused.status).toBe(422);
      const message = 'Brugernavn eller adgangskode er forkert.';
      expect(await refused.text()).toContain(message);
      expect(await wrong.text()).toContain(message);
      expect(refused.headers.getSetCookie().some((c) => /^samspil_session=[^;]/.test(c))).toBe(false);
      const entry = await db()
        .db.selectFrom('audit_log')
        .select(['details'])
        .where('action', '=', 'session.failed')
        .where('summary', 'like', '%local passwords are off%')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.details!)).toMatchObject({ username: 'medarbejder', reason: 'local_passwords_off' });
      expect((await t.post('/login', { username: 'admin', password: 'samspil-demo' })).status).toBe(303);
      // The page folds the form away as emergency access.
      const login = await (await t.get('/login')).text();
      expect(login).toContain('Nødadgang (administrator)');
      expect(login).toContain('Log ind med Entra ID');
      await putSetting(db(), LOCAL_PASSWORDS_SETTING, 'on');
      expect((await t.post('/login', { username: 'medarbejder', password: 'samspil-demo' })).status).toBe(303);
    });
  });

  it('is for administrators only, never shows the secret, and keeps what was typed on an error', async () => {
    expect((await t.get('/admin/sso', { cookie: await t.signIn('sagsbehandler') })).status).toBe(403);
    const cookie = await t.signIn('admin');
    const page = await (await t.get('/admin/sso', { cookie })).text();
    expect(page).not.toContain('a-secret-only-the-database-knows');
    expect(page).toContain('Gemt. Lad feltet stå tomt');
    const bad = await t.post(
      '/admin/sso',
      formOf(providerInput({ issuer: 'http://idp.example.test', clientSecret: '' })),
      {
        cookie,
      },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Issuer-adressen skal begynde med https://');
    expect(html).toContain('value="http://idp.example.test"');
    // Saving with the secret field empty keeps the saved secret; the audit entry never holds it.
    expect((await t.post('/admin/sso', formOf(providerInput({ clientSecret: '' })), { cookie })).status).toBe(303);
    expect((await loadProvider(db()))!.clientSecret).toBe('a-secret-only-the-database-knows');
    const details = await db()
      .db.selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'sso.configure')
      .execute();
    for (const d of details) expect(d.details).not.toContain('a-secret-only-the-database-knows');
  });
});

function formOf(p: ProviderInput): Record<string, string> {
  return {
    ...(p.enabled ? { enabled: '1' } : {}),
    ...(p.createUsers ? { createUsers: '1' } : {}),
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    scopes: p.scopes,
    buttonName: p.buttonName,
    contact: p.contact,
    matchClaim: p.matchClaim,
    usernameClaim: p.usernameClaim,
    groupClaim: p.groupClaim,
  };
}
