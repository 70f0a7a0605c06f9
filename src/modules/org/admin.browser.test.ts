/**
 * The organisation admin in a real browser (Debian's Chromium through playwright-core) with
 * axe-core at WCAG 2.1 AA: the tree, a unit's page, the move confirm page and the merge preview,
 * at 1280 and 390 px; and the keyboard move (focus "Flyt", arrow keys, Enter) that lands on the
 * confirm page, with each step read out in the live region. Skipped without Chromium unless
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
  serveApp,
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('organisation admin in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;
  const unit = (name: string) =>
    t.db.database.db.selectFrom('org_units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('the tree, a unit, the move confirm page and the merge preview pass axe at 1280 and 390 px', async () => {
    const byggeri = await unit('Byggeri');
    const it = await unit('Digitalisering og IT');
    for (const width of [1280, 390]) {
      const { context, page, problems } = await signedIn(browser, server.base, 'admin', {
        viewport: { width, height: 900 },
      });
      const pages: Array<[string, string]> = [
        ['/admin/org', 'Organisationen'],
        [`/admin/org/${byggeri.id}`, 'Byggeri'],
        [`/admin/org/${byggeri.id}/move`, 'Flyt Byggeri'],
        [`/admin/org/${byggeri.id}/move?to=${it.id}`, 'Flyt Byggeri?'],
        [`/admin/org/${byggeri.id}/merge?into=${it.id}`, 'Slå Byggeri sammen?'],
        [`/admin/org/${byggeri.id}/deletion`, 'Slet Byggeri'],
        ['/admin/org/new', 'Ny enhed'],
      ];
      for (const [path, title] of pages) {
        await page.goto(`${server.base}${path}`);
        await expect.poll(() => page.locator('h1').textContent()).toBe(title);
        await checkA11y(page, `${path} at ${width} px`);
        await expectNoOverflow(page, `${path} at ${width} px`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 300_000);

  it('moves a unit with the keyboard: Flyt, arrows, Enter lands on the confirm page; Escape cancels', async () => {
    const byggeri = await unit('Byggeri');
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/org`);
    const live = page.locator('#live');
    const flyt = page.locator(`#unit-${byggeri.id} > [data-row] a[data-move-start]`);
    await expect.poll(() => flyt.getAttribute('role')).toBe('button');

    // Escape leaves everything as it was.
    await flyt.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => live.textContent()).toContain('Flyt Byggeri');
    await expect.poll(() => flyt.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => live.textContent()).toMatch(/^Under .+, 1 af \d+$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => live.textContent()).toBe('Flytningen er fortrudt.');
    expect(await flyt.getAttribute('aria-pressed')).toBeNull();
    expect(await page.locator('[data-move-target]').count()).toBe(0);

    // Choose the second unit it may move under, then Enter: the server's confirm page.
    await flyt.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => live.textContent()).toMatch(/^Under .+, 2 af \d+$/);
    const announced = (await live.textContent())!.replace(/^Under (.+), 2 af \d+$/, '$1');
    const target = page.locator('[data-move-target]');
    expect(await target.count()).toBe(1);
    const targetId = await target.evaluate((el) => el.closest('li')!.getAttribute('data-unit-id'));
    expect(await target.evaluate((el) => el.closest('li')!.getAttribute('data-unit-name'))).toBe(announced);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.base}/admin/org/${byggeri.id}/move?to=${targetId}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Flyt Byggeri?');
    expect(await page.content()).toContain(announced);
    await checkA11y(page, 'the move confirm page after a keyboard move');
    await page.click('button:has-text("Flyt Byggeri under")');
    await page.waitForURL((url) => url.pathname === '/admin/org');
    expect((await unit('Byggeri')).parent_id).toBe(Number(targetId));
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('moves a unit by dragging its row onto another, to the same confirm page', async () => {
    const from = await unit('Dagtilbud');
    const to = await unit('Skole og Uddannelse');
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/org`);
    await expect.poll(() => page.locator('a[data-move-start][role=button]').count()).toBeGreaterThan(0);
    await page.locator(`#unit-${from.id} > [data-row]`).dragTo(page.locator(`#unit-${to.id} > [data-row]`), {
      sourcePosition: { x: 5, y: 5 },
      targetPosition: { x: 20, y: 5 },
    });
    await page.waitForURL(`${server.base}/admin/org/${from.id}/move?to=${to.id}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Flyt Dagtilbud?');
    // Nothing has moved until the confirm page's button is pressed.
    expect((await unit('Dagtilbud')).parent_id).toBe(from.parent_id);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
