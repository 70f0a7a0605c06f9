/**
 * Single sign-on end to end, in a real browser (Debian's Chromium through playwright-core)
 * against a real OpenID Provider that the test starts (oidc-provider 9, sso.fixtures.ts): the
 * admin page sets the provider up; people sign in with the provider's own login form; a tampered
 * ID token, one for another client, an expired one and a replayed callback are refused by the
 * app (openid-client's checks, or our one-time state); first sign-in creates the account; group
 * rules give and take roles at every sign-in; sign-out goes through the provider. axe-core on
 * /admin/sso and on the sign-in page with the provider's button. Skipped without Chromium unless
 * REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import {
  checkA11y,
  haveChromium,
  launchChromium,
  newContext,
  serveApp,
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { startTestProvider, type TestProvider } from './sso.fixtures.ts';

const CASEWORKERS = 'samspil-sagsbehandlere';
const EDITORS = 'samspil-redaktoerer';

describe.skipIf(!haveChromium).each(DIALECTS)('single sign-on in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;
  let op: TestProvider;

  const db = () => t.db.database.db;
  const userNamed = (username: string) =>
    db().selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const rolesOf = async (userId: string) =>
    (await db().selectFrom('user_roles').select('role').where('user_id', '=', userId).execute())
      .map((r) => r.role)
      .sort();
  const lastFailure = () =>
    db()
      .selectFrom('audit_log')
      .select(['summary', 'details'])
      .where('action', '=', 'sso.failed')
      .orderBy('id', 'desc')
      .executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    server = await serveApp(t.app.fetch);
    op = await startTestProvider({
      appBase: server.base,
      accounts: {
        'anne-sub-1': {
          name: 'Anne Kjær',
          preferred_username: 'anne.kjaer@kommune.dk',
          email: 'anne@kommune.dk',
          groups: [CASEWORKERS],
        },
        // Has the demo case worker's e-mail address: must NOT be signed in as that account.
        'mallory-sub-2': { name: 'Mallory', preferred_username: 'mallory', email: 'x@kommune.dk', groups: [EDITORS] },
      },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await op?.close();
    await server?.close();
    await t?.cleanup();
  });

  /** Signs in at the provider's own form in a fresh browser; returns where the app put the browser. */
  async function ssoSignIn(login: string): Promise<{ page: Page; callback: string; problems: string[] }> {
    const { context, problems } = await newContext(browser);
    const page = await context.newPage();
    let callback = '';
    page.on('request', (r) => {
      if (r.url().startsWith(`${server.base}/login/sso/callback`)) callback = r.url();
    });
    await page.goto(`${server.base}/login`);
    await page.getByRole('link', { name: 'Log ind med Testudbyder' }).click();
    await page.waitForURL(`${op.issuer}/**`);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${server.base}/**`);
    await page.waitForLoadState('load');
    return { page, callback, problems };
  }

  it('sets the provider up on /admin/sso (axe), tests the connection and adds a group rule', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin`);
    await page.getByRole('link', { name: 'Fælles log ind (single sign-on)' }).click();
    await page.waitForURL(`${server.base}/admin/sso`);
    await checkA11y(page, '/admin/sso (empty)');

    await page.check('#enabled');
    await page.fill('#issuer', op.issuer);
    await page.fill('#clientId', op.clientId);
    await page.fill('#clientSecret', op.clientSecret);
    await page.fill('#buttonName', 'Testudbyder');
    await page.fill('#contact', 'IT-support på tlf. 4000 1234');
    await page.check('#createUsers');
    await page.getByRole('button', { name: 'Test forbindelsen' }).click();
    await expect.poll(() => page.locator('#sso-test-result').innerText()).toContain('Forbindelsen virker');
    expect(await page.locator('#sso-test-result').innerText()).toContain(`${op.issuer}/session/end`);
    // The test kept what was typed, but not the secret: type it again and save.
    await page.fill('#clientSecret', op.clientSecret);
    await page.getByRole('button', { name: 'Gem udbyder' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Udbyderen er gemt.');
    expect(await page.locator('#clientSecret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(op.clientSecret);
    expect(await page.locator('#clientSecret-hint').innerText()).toContain('Gemt.');

    await page.fill('#rule-group', CASEWORKERS);
    await page.check('#kind-role');
    await page.selectOption('#rule-role', 'caseworker');
    await page.getByRole('button', { name: 'Tilføj regel' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Reglen er tilføjet.');
    await page.fill('#rule-group', EDITORS);
    await page.check('#kind-role');
    await page.selectOption('#rule-role', 'editor');
    await page.getByRole('button', { name: 'Tilføj regel' }).click();
    await expect.poll(() => page.locator('table.data-table tbody tr').count()).toBe(2);
    await checkA11y(page, '/admin/sso (set up, with rules)');

    const configured = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'sso.configure')
      .executeTakeFirstOrThrow();
    expect(configured.details).not.toContain(op.clientSecret);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the button on the sign-in page (axe) and creates the account at the first sign-in, with the role of its group', async () => {
    const { context, problems } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.base}/login`);
    await checkA11y(page, 'the sign-in page with the provider button');
    await context.close();

    const { page: signedInPage, problems: p2 } = await ssoSignIn('anne-sub-1');
    expect(signedInPage.url()).toBe(`${server.base}/`);
    const anne = await userNamed('anne.kjaer');
    expect(anne?.display_name).toBe('Anne Kjær');
    expect(anne?.email).toBe('anne@kommune.dk');
    expect(await rolesOf(anne!.id)).toEqual(['caseworker']);
    const identity = await db()
      .selectFrom('user_identities')
      .selectAll()
      .where('user_id', '=', anne!.id)
      .executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ issuer: op.issuer, subject: 'anne-sub-1' });
    const session = await db()
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'session.create')
      .where('actor_id', '=', anne!.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(session.details!)).toEqual({ method: 'sso' });
    expect([...problems, ...p2]).toEqual([]);
    await signedInPage.context().close();
  });

  it('takes a rule-managed role away when the person has left the group, and keeps a role given by hand', async () => {
    const anne = (await userNamed('anne.kjaer'))!;
    await db().insertInto('user_roles').values({ user_id: anne.id, role: 'politician' }).execute();
    op.accounts.get('anne-sub-1')!.groups = [EDITORS];
    const { page } = await ssoSignIn('anne-sub-1');
    expect(page.url()).toBe(`${server.base}/`);
    expect(await rolesOf(anne.id)).toEqual(['editor', 'politician']);
    const applied = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'sso.rules.apply')
      .where('entity_id', '=', anne.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(applied.details!)).toMatchObject({ added: ['editor'], removed: ['caseworker'] });
    await page.context().close();
  });

  it('refuses a replayed callback (the state is used once)', async () => {
    const { page, callback } = await ssoSignIn('anne-sub-1');
    expect(page.url()).toBe(`${server.base}/`);
    expect(callback).toContain('state=');
    await page.goto(callback);
    await expect
      .poll(() => page.locator('#login-problem').innerText())
      .toContain('Log ind med Testudbyder mislykkedes');
    expect(await page.locator('#login-problem').innerText()).toContain('IT-support på tlf. 4000 1234');
    expect((await lastFailure())?.summary).toBe('Single sign-on failed: state_used');
    await page.context().close();
  });

  for (const [mode, expected] of [
    ['tamper', /signature/i],
    ['wrong-audience', /"aud"/],
    ['expired', /"exp"/],
  ] as const) {
    it(`refuses an ID token the library finds wrong: ${mode}`, async () => {
      op.mode = mode;
      try {
        const { page, problems } = await ssoSignIn('anne-sub-1');
        expect(page.url()).toContain('/login/sso/callback');
        const problem = await page.locator('#login-problem').innerText();
        expect(problem).toContain('Log ind med Testudbyder mislykkedes. Prøv igen, eller kontakt IT-support');
        // Nothing of the reason reaches the page; the audit log has it.
        expect(problem).not.toMatch(expected);
        const failure = (await lastFailure())!;
        expect(failure.summary).toBe('Single sign-on failed: token');
        expect(JSON.parse(failure.details!).detail).toMatch(expected);
        expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'samspil_session' }));
        expect(problems).toEqual([]);
        await page.context().close();
      } finally {
        op.mode = 'pass';
      }
    });
  }

  it('never signs in by e-mail: an unknown subject with a known address is refused while creation is off', async () => {
    await db().updateTable('sso_provider').set({ create_users: 0 }).execute();
    await db().updateTable('users').set({ email: 'x@kommune.dk' }).where('username', '=', 'sagsbehandler').execute();
    const { page } = await ssoSignIn('mallory-sub-2');
    expect(await page.locator('#login-problem').innerText()).toBe(
      'Du har ingen konto i Samspil — kontakt IT-support på tlf. 4000 1234.',
    );
    expect((await lastFailure())?.summary).toBe('Single sign-on failed: no_account');
    expect(await userNamed('mallory')).toBeUndefined();
    expect(
      await db().selectFrom('user_identities').select('subject').where('subject', '=', 'mallory-sub-2').execute(),
    ).toEqual([]);
    await page.context().close();
  });

  it('signs out through the provider and comes back to the sign-in page', async () => {
    const { page } = await ssoSignIn('anne-sub-1');
    expect(page.url()).toBe(`${server.base}/`);
    await page.locator('form[action="/logout"] button').first().dispatchEvent('click');
    await page.waitForURL(`${op.issuer}/session/end**`);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${server.base}/login`);
    await page.goto(`${server.base}/`);
    await page.waitForURL(`${server.base}/login?next=%2F`);
    await page.context().close();
  });

  it('with local passwords off, the sign-in page folds the password form away as emergency access (axe)', async () => {
    await db().updateTable('users').set({ break_glass: 1 }).where('username', '=', 'admin').execute();
    const { context, page } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/sso`);
    await page.getByRole('button', { name: 'Slå lokale adgangskoder fra' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Lokale adgangskoder er slået fra.');
    await context.close();

    const fresh = await newContext(browser);
    const login = await fresh.context.newPage();
    await login.goto(`${server.base}/login`);
    expect(await login.locator('#username').isVisible()).toBe(false);
    await checkA11y(login, 'the sign-in page with local passwords off');
    await login.getByText('Nødadgang (administrator)').click();
    await login.fill('#username', 'sagsbehandler');
    await login.fill('#password', 'samspil-demo');
    await login.press('#password', 'Enter');
    await expect
      .poll(() => login.locator('#login-problem').innerText())
      .toBe('Brugernavn eller adgangskode er forkert.');
    await login.fill('#username', 'admin');
    await login.fill('#password', 'samspil-demo');
    await login.press('#password', 'Enter');
    await login.waitForURL(`${server.base}/`);
    await fresh.context.close();
  });
});
