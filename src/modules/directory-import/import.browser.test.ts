/**
 * The import pages in a real browser (Debian's Chromium through playwright-core) with axe-core at
 * WCAG 2.1 AA: the upload form (also with its errors), a preview with bad rows, a preview that can
 * be confirmed, and the report after "Importér"; at 1280 and 375 px. Skipped without Chromium
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
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { FIXTURES } from './directory-import.fixtures.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('the import pages in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;

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

  it('has no axe violations on the upload, preview and report pages, and fits 375 px', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/import`);
    await checkA11y(page, 'the upload form');
    await page.click('button:has-text("Vis forhåndsvisning")');
    await page.waitForSelector('#error-summary');
    expect(await page.textContent('#error-summary')).toContain('Vælg mindst én CSV-fil');
    await checkA11y(page, 'the upload form with an error');

    await page.setInputFiles('#import-files', `${FIXTURES}/samspil-personer.csv`);
    await page.click('button:has-text("Vis forhåndsvisning")');
    await page.waitForSelector('#plan-errors');
    await checkA11y(page, 'a preview with bad rows');

    await page.goto(`${server.base}/admin/import`);
    await page.setInputFiles('#import-files', [`${FIXTURES}/samspil-enheder.csv`, `${FIXTURES}/samspil-personer.csv`]);
    await page.click('button:has-text("Vis forhåndsvisning")');
    await page.waitForSelector('text=Nye personer (3)');
    await checkA11y(page, 'a preview');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoOverflow(page, 'the preview at 375 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.click('button:has-text("Importér")');
    await page.waitForSelector('text=Importen er gennemført.');
    await checkA11y(page, 'the report');
    await page.goto(`${server.base}/admin/import`);
    await checkA11y(page, 'the list of imports');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoOverflow(page, 'the import page at 375 px');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
