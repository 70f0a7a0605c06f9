/**
 * Minutes and the reader in a real browser (Debian's Chromium through playwright-core): axe-core
 * (WCAG 2.1 A and AA) on the reader's pages at tablet and phone widths and on the secretariat's
 * minutes editor, no CSP violations or script errors, saving a note with htmx, and the offline
 * copy: a saved meeting opens without a connection, and after signing out it no longer does.
 * Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkA11y,
  expectNoOverflow,
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { createReaderFixture, type ReaderFixture } from '../../../test/helpers/reader-fixture.ts';

describe.skipIf(!haveChromium)('minutes and the reader in a real browser', () => {
  let f: ReaderFixture;
  let server: TestServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    f = await createReaderFixture('sqlite');
    // Minutes waiting for approval, so the approval page and the minutes editor have content.
    const s = { cookie: f.cookie.sekretariat };
    const p = f.persons;
    const mb = `/meetings/${f.meeting}/minutes`;
    await f.t.post(
      `${mb}/attendance`,
      {
        [`att-${p.anne}`]: 'present',
        [`att-${p.politiker}`]: 'present',
        [`att-${p.bo}`]: 'absent',
        [`sub-${p.sif}`]: String(p.bo),
      },
      s,
    );
    await f.t.post(`${mb}/items/${f.openItem}/decision`, { decision: 'Indstillingen blev godkendt.' }, s);
    await f.t.post(`${mb}/items/${f.closedItem}/decision`, { decision: 'Salget blev godkendt.' }, s);
    await f.t.post(
      `${mb}/items/${f.openItem}/dissents`,
      { personId: String(p.anne), text: 'Anne Andersen ønsker en ensrettet sti.' },
      s,
    );
    await f.t.post(`${mb}/holding`, {}, s);
    await f.t.post(`${mb}/versions`, {}, s);
    server = await serveApp(f.t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await f?.t.cleanup();
  });

  const signedIn = (username: string, viewport = { width: 1024, height: 768 }) =>
    signedInAs(browser, base, username, { viewport });

  it('has no axe violations on the reader’s pages in landscape, portrait and at phone width', async () => {
    const { context, page, problems } = await signedIn('politiker');
    const M = `/reader/meetings/${f.meeting}`;
    const pages = [
      '/reader',
      M,
      `${M}?view=agenda`,
      `${M}/items/${f.openItem}?view=agenda`,
      `${M}/items/${f.closedItem}?view=minutes`,
      `/reader/meetings/${f.otherMeeting}/items/${f.otherClosedItem}`,
      '/reader/search?q=cykelsti',
      `${M}/approval`,
    ];
    for (const viewport of [
      { width: 1024, height: 768 },
      { width: 768, height: 1024 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      for (const path of pages) {
        await page.goto(`${base}${path}`);
        await checkA11y(page, `${path} at ${viewport.width}`);
        // Nothing scrolls sideways.
        await expectNoOverflow(page, `${path} at ${viewport.width} scrolls sideways`);
      }
    }
    // Touch targets: the item links and buttons are at least 44 px high.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${base}${M}`);
    const heights = await page.$$eval('main a.card, main .btn-primary, main .btn-secondary', (els) =>
      els.map((e) => e.getBoundingClientRect().height),
    );
    expect(heights.length).toBeGreaterThan(2);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('has no axe violations on the secretariat’s minutes editor', async () => {
    const { context, page, problems } = await signedIn('sekretariat', { width: 1280, height: 900 });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/meetings/${f.meeting}/minutes`);
      expect(await page.locator('h1').textContent()).toContain('Referat');
      await checkA11y(page, `minutes editor at ${width}`);
      await page.goto(`${base}/reader/meetings/${f.meeting}`);
      await checkA11y(page, `reader meeting as secretariat at ${width}`);
    }
    // A rejected form: with htmx only the item's card comes back, its error message takes focus,
    // the field is marked invalid, the text is kept, and axe is still content.
    await page.goto(`${base}/meetings/${f.meeting}/minutes`);
    await page.locator(`#item-${f.openItem} summary`).nth(1).click();
    await page.locator(`#dissent-text-${f.openItem}`).fill('Uden medlem');
    await page.locator(`#item-${f.openItem} form[action$="/dissents"] button`).click();
    await page.waitForFunction(
      (id) => document.activeElement?.tagName === 'P' && !!document.activeElement.closest(`#item-${id}`),
      f.openItem,
      { timeout: 15_000 },
    );
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('text-red-800');
    expect(await page.locator(`#item-${f.openItem} [aria-invalid="true"]`).count()).toBeGreaterThan(0);
    expect(await page.inputValue(`#dissent-text-${f.openItem}`)).toBe('Uden medlem');
    await checkA11y(page, 'minutes editor with an error');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('saves a note in place with htmx and announces it', async () => {
    const { context, page, problems } = await signedIn('politiker');
    await page.goto(`${base}/reader/meetings/${f.meeting}/items/${f.openItem}?view=agenda`);
    await page.fill(`#note-${f.openItem}-item-body`, 'Husk at spørge til vintervedligehold.');
    await page.click(`#note-${f.openItem}-item button[type=submit]`);
    await page.waitForFunction(() => document.getElementById('live')?.textContent?.includes('Noten er gemt'));
    expect(page.url()).toContain(`/items/${f.openItem}`);
    await page.reload();
    expect(await page.inputValue(`#note-${f.openItem}-item-body`)).toBe('Husk at spørge til vintervedligehold.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens a meeting saved for offline reading without a connection, and not after signing out', async () => {
    const { context, page, problems } = await signedIn('politiker', { width: 768, height: 1024 });
    const M = `${base}/reader/meetings/${f.meeting}`;
    await page.goto(M);
    await page.click('a[data-offline-link]');
    await page.waitForSelector('#offline-status[data-state="saved"], #offline-status[data-state="failed"]', {
      timeout: 20_000,
    });
    expect(await page.getAttribute('#offline-status', 'data-state')).toBe('saved');
    expect(await page.textContent('#offline-status')).toContain('kan læses uden forbindelse');
    await checkA11y(page, 'offline page');

    await context.setOffline(true);
    await page.goto(M);
    expect(await page.locator('h1').textContent()).toContain('Ordinært møde');
    expect(await page.locator('main').textContent()).toContain('Cykelsti langs Åvej');
    await page.goto(`${M}/items/${f.openItem}?view=minutes`);
    expect(await page.locator('main').textContent()).toContain('Forvaltningen foreslår');
    // The attachment opens from the saved copy too.
    const att = await page.evaluate(async (url) => (await fetch(url)).status, `${M}/attachments/${f.openAttachment}`);
    expect(att).toBe(200);
    await context.setOffline(false);

    // Sign out (from the user menu, with JavaScript); then the saved meeting is gone.
    await page.goto(`${base}/reader`);
    await page.locator('header details summary').click();
    await page.locator('form[action="/logout"] button').click();
    await page.waitForURL(`${base}/login`);
    const left = await page.evaluate(async () => ({
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    expect(left).toEqual({ caches: 0, workers: 0 });
    await context.setOffline(true);
    let opened: boolean;
    try {
      await page.goto(M);
      opened =
        (
          await page
            .locator('main')
            .textContent({ timeout: 2000 })
            .catch(() => '')
        )?.includes('Cykelsti') ?? false;
    } catch {
      opened = false;
    }
    expect(opened).toBe(false);
    expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });
});
