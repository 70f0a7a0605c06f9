/**
 * Minutes and the reader in a real browser (Debian's Chromium through playwright-core): axe-core
 * (WCAG 2.1 A and AA) on the reader's pages at tablet and phone widths and on the secretariat's
 * minutes editor, no CSP violations or script errors, saving a note with htmx, and the offline
 * copy: a saved meeting opens without a connection, and after signing out it no longer does.
 * Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderFixture, type ReaderFixture } from '../../../test/helpers/reader-fixture.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.REQUIRE_BROWSER_TESTS === '1') throw new Error(`Chromium not found at ${CHROMIUM}`);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

describe.skipIf(!haveChromium)('minutes and the reader in a real browser', () => {
  let f: ReaderFixture;
  let server: ServerType;
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
    server = serve({ fetch: f.t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await f?.t.cleanup();
  });

  async function signedIn(username: string, viewport = { width: 1024, height: 768 }) {
    const context = await browser.newContext({ locale: 'da-DK', viewport });
    const problems: string[] = [];
    context.on('page', (p: Page) => {
      p.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
      });
      p.on('pageerror', (e) => problems.push(e.message));
    });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#username', username);
    await page.fill('#password', 'samspil-demo');
    await page.press('#password', 'Enter');
    await page.waitForURL(`${base}/`);
    return { context, page, problems };
  }

  async function axe(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`,
    );
    expect(summary, `axe on ${label}`).toEqual([]);
  }

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
        await axe(page, `${path} at ${viewport.width}`);
        // Nothing scrolls sideways.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${path} at ${viewport.width} scrolls sideways`).toBeLessThanOrEqual(0);
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
      await axe(page, `minutes editor at ${width}`);
      await page.goto(`${base}/reader/meetings/${f.meeting}`);
      await axe(page, `reader meeting as secretariat at ${width}`);
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
    await axe(page, 'minutes editor with an error');
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
    await axe(page, 'offline page');

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
