/**
 * The post list, its request form and the access-request answer pages in a real browser
 * (Debian's Chromium through playwright-core): axe-core (WCAG 2.1 A and AA) at 1280 px and
 * 390 px, nothing wider than the screen, no CSP violations or script errors; and the redaction
 * page's "Undtag markeret tekst" with a real selection. Skipped without Chromium.
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
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { installClock } from '../../clock.ts';
import { addItem, addLegalBasis, addRequest, addTextDocument } from '../access-requests/access-requests.fixtures.ts';
import { buildPostlistFixture, NOW, type PostlistFixture } from './postlist.fixtures.ts';

const TEXT = 'Naboen Bo Quist klager over støj fra værkstedet. Han bor på Lindevej 3.\n\nKommunen ser på sagen.';

describe.skipIf(!haveChromium).each(DIALECTS)('post list and answer pages in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let f: PostlistFixture;
  let server: TestServer;
  let browser: Browser;
  let requestId: number;
  let itemId: number;

  beforeAll(async () => {
    installClock({ SAMSPIL_CLOCK: NOW });
    t = await createTestApp(dialect);
    const caseworker = await t.signIn('sagsbehandler');
    f = await buildPostlistFixture(t, caseworker, await t.signIn('journal'));
    const database = t.db.database;
    const basis = await addLegalBasis(database, 'offl', '§ 30, nr. 1', 'Private forhold');
    const doc = await addTextDocument(database, t.services.blobs, f.caseId, { title: 'Klage over støj', text: TEXT });
    requestId = await addRequest(database, { caseId: f.caseId, askedCases: [f.caseId] });
    itemId = await addItem(database, requestId, doc.id, 'partial', [basis]);
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    installClock({});
  });

  it('has no axe violations on the post list and the request form, signed out', async () => {
    const { context, problems } = await newContext(browser);
    const page = await context.newPage();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of ['/postliste', '/postliste?week=2026-W49', `/postliste/anmodning?document=${f.listedDoc}`]) {
        const res = await page.goto(server.base + url);
        expect(res?.status(), url).toBe(200);
        await checkA11y(page, `${url} @${width}`);
        await expectNoOverflow(page, `${url} overflows at ${width} px`);
        // The week's list is one block per row on a phone: nothing to scroll sideways in it either.
        for (const box of await page.$$('table.stack-table'))
          expect(
            await box.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth),
            `${url} @${width}`,
          ).toBeLessThanOrEqual(0);
        if (process.env.POSTLIST_SCREENSHOTS)
          await page.screenshot({
            path: `${process.env.POSTLIST_SCREENSHOTS}/${url.replace(/\W+/g, '_')}-${width}.png`,
            fullPage: true,
          });
      }
      // The form with errors, and the receipt.
      await page.goto(`${server.base}/postliste/anmodning`);
      await page.click('form[action="/postliste/anmodning"] button[type=submit]');
      await expect.poll(() => page.locator('#error-summary').count()).toBe(1);
      await checkA11y(page, `request form with errors @${width}`);
    }
    await page.fill('#name', 'Karen');
    await page.fill('#email', 'karen@example.org');
    await page.check('#kind-journalist');
    await page.fill('#asksFor', 'Aktindsigt i byggesagen');
    await page.click('form[action="/postliste/anmodning"] button[type=submit]');
    await page.waitForURL(/kvittering/);
    await checkA11y(page, 'receipt');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('withholds selected text with "Undtag markeret tekst", and the pages pass axe', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'sagsbehandler');
    const base = `${server.base}/access-requests/${requestId}/documents/${itemId}/redactions`;
    await page.goto(base);
    await checkA11y(page, 'redaction page');
    // Select "Lindevej 3" in the shown text.
    await page.evaluate(() => {
      const piece = Array.from(document.querySelectorAll('.redaction-text [data-o]')).find((el) =>
        el.textContent!.includes('Lindevej 3'),
      )!;
      const node = piece.firstChild!;
      const at = node.textContent!.indexOf('Lindevej 3');
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 'Lindevej 3'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await page.click('button:has-text("Undtag markeret tekst")');
    expect(await page.inputValue('#passage')).toBe('Lindevej 3');
    await page.selectOption('#basis', { index: 1 });
    await page.click('form[x-ref=form] button[type=submit]');
    // The page is at this address already: wait for the passage to be shown, not for the address.
    await expect.poll(() => page.locator('mark').count()).toBeGreaterThan(0);
    const rows = await t.db.database.db
      .selectFrom('access_request_redactions')
      .selectAll()
      .where('item_id', '=', itemId)
      .execute();
    expect(rows.map((r) => TEXT.slice(r.start_offset, r.end_offset))).toEqual(['Lindevej 3']);
    await checkA11y(page, 'redaction page with a passage');
    if (process.env.POSTLIST_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.POSTLIST_SCREENSHOTS}/redaction.png`, fullPage: true });
    await page.goto(`${server.base}/access-requests/${requestId}/answer`);
    await checkA11y(page, 'answer page');
    if (process.env.POSTLIST_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.POSTLIST_SCREENSHOTS}/answer.png`, fullPage: true });
    for (const width of [390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base);
      await expectNoOverflow(page, `redaction page overflows at ${width} px`);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
