/**
 * The user administration in a real browser (Debian's Chromium through playwright-core) with
 * axe-core at WCAG 2.1 AA: the list (also filtered by htmx, the count announced in the live
 * region), a user's page with its confirm steps opened, the reset link shown once, and the
 * public password-reset page with an error. At 1280 and 375 px. Skipped without Chromium unless
 * REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import {
  checkA11y,
  expectNoOverflow,
  haveChromium,
  launchChromium,
  newContext,
  serveApp,
  settled,
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('user administration in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    userId = (
      await t.db.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).id;
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('the list, filtered by htmx with the count announced', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/users`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Brugere');
    await checkA11y(page, 'the user list');
    await page.selectOption('#role', 'caseworker');
    await page.click('button:has-text("Vis brugere")');
    await settled(page);
    await expect.poll(() => page.locator('#live').textContent()).toMatch(/\d+ brugere|1 bruger/);
    expect(page.url()).toContain('role=caseworker');
    expect(await page.locator('#user-results').textContent()).toContain('Sagsbehandler');
    await checkA11y(page, 'the user list filtered');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.base}/admin/users?status=active`);
    await expectNoOverflow(page, 'the user list at 375 px');
    await checkA11y(page, 'the user list at 375 px');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("a user's page, its confirm steps, and the reset link shown once", async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/users/${userId}`);
    await expect.poll(() => page.locator('h2#user-memberships').textContent()).toBe('Medlemskaber');
    await checkA11y(page, "a user's page");
    await page.click('#confirm-deactivate summary');
    await page.click('#confirm-reset summary');
    await checkA11y(page, "a user's page with its confirm steps open");
    await page.click('#confirm-reset button[type=submit]');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Link til ny adgangskode');
    const link = await page.inputValue('#reset-link');
    expect(link).toMatch(/\/password-reset\/[A-Za-z0-9_-]{43}$/);
    await checkA11y(page, 'the reset link');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.base}/admin/users/${userId}`);
    await expectNoOverflow(page, "a user's page at 375 px");
    expect(problems).toEqual([]);
    await context.close();

    // The person opens the link without signing in.
    const anon = await newContext(browser);
    const p = await anon.context.newPage();
    await p.goto(link);
    await expect.poll(() => p.locator('h1').textContent()).toBe('Vælg en ny adgangskode');
    await checkA11y(p, 'the password-reset page');
    await p.fill('#password', 'kort');
    await p.fill('#confirm', 'kort');
    await p.click('button:has-text("Gem adgangskoden")');
    await expect.poll(() => p.locator('#password-error').textContent()).toContain('mindst 12 tegn');
    await checkA11y(p, 'the password-reset page with an error');
    expect(anon.problems).toEqual([]);
    await anon.context.close();
  }, 120_000);
});
