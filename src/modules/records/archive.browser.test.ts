/**
 * The archive and disposal pages in a real browser (Debian's Chromium through playwright-core)
 * with axe-core at WCAG 2.1 AA: the archive page (also with a settings error and after "Run now",
 * whose progress section stops polling and announces the end in the live region), the disposal
 * overview and a list under review (also after a refused exclusion). Skipped without Chromium
 * unless REQUIRE_BROWSER_TESTS=1.
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
  settled,
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { makeCase, pdfOf, recordsFixture } from './archive.fixtures.ts';
import { proposeDisposal } from './disposal.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('archive and disposal pages in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;
  let listId: number;
  let dueNumber: string;
  let listedId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { caseworker, manager } = await recordsFixture(t);
    dueNumber = (
      await makeCase(t, caseworker, { title: 'Afsluttet for længe siden', closedAt: '2001-01-01T10:00:00Z' })
    ).number;
    const listed = await makeCase(t, caseworker, {
      title: 'Udløbet sag Havnevej 4',
      pdfs: [await pdfOf('Gammel ansøgning')],
      closedAt: '2001-01-01T10:00:00Z',
      archived: true,
    });
    listedId = listed.id;
    const made = await proposeDisposal(t.db.database, manager, { asOf: '2031-01-01' });
    if (!made.ok) throw new Error(made.error);
    listId = made.id;
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('the archive page: settings with an error, run now, progress announced at the end', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'journal');
    await page.goto(`${server.base}/admin/records/archive`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Arkivering');
    expect(await page.content()).toContain(dueNumber);
    await checkA11y(page, 'the archive page');

    await page.fill('#archiveGraceDays', 'mange');
    await page.click('button:has-text("Gem indstillinger")');
    await settled(page);
    await expect.poll(() => page.locator('#archiveGraceDays-error').textContent()).toContain('helt tal');
    expect(await page.inputValue('#archiveGraceDays')).toBe('mange');
    await checkA11y(page, 'the archive page with a settings error');

    await page.goto(`${server.base}/admin/records/archive`);
    await page.click('button:has-text("Kør arkiveringen nu")');
    await settled(page);
    // The progress section ends up showing the finished run and stops polling; the live region says so.
    await expect
      .poll(() => page.locator('#archive-progress').getAttribute('hx-trigger'), { timeout: 20_000 })
      .toBeNull();
    await expect.poll(() => page.locator('#archive-progress').textContent()).toContain('Færdig');
    await page.reload();
    expect(await page.locator('#archive-runs-title').count()).toBe(1);
    expect(await page.content()).toContain(`>${dueNumber}</a>`);
    await checkA11y(page, 'the archive page after a run');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoOverflow(page, 'the archive page at 375 px');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the disposal pages: the overview and a list under review, also after a refused exclusion', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'journal');
    await page.goto(`${server.base}/admin/records/disposal`);
    await checkA11y(page, 'the disposal overview');
    await page.click(`a:has-text("Liste ${listId}")`);
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Kassationsliste ${listId}`);
    expect(await page.content()).toContain('Udløbet sag Havnevej 4');
    await checkA11y(page, 'a disposal list under review');
    await page.click('button:has-text("Tag af listen")');
    await settled(page);
    await expect.poll(() => page.locator(`#reason-${listedId}-error`).textContent()).toContain('Skriv, hvorfor');
    await checkA11y(page, 'a disposal list with a refused exclusion');
    await page.click('button:has-text("Godkend kassationslisten")');
    await settled(page);
    await expect.poll(() => page.locator('#confirm-error').textContent()).toContain('Bekræft');
    await checkA11y(page, 'a disposal list with a refused approval');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoOverflow(page, 'a disposal list at 375 px');
    expect(problems).toEqual([]);
    await context.close();
  });
});
