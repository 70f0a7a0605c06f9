/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), against
 * the real server on a random port with the demo municipality loaded. They sign in with the
 * keyboard alone, check boosted navigation (focus, announcement, history), use the app with
 * JavaScript off, and run axe-core (WCAG 2.1 A and AA) on every page type.
 *
 * Without Chromium these tests are skipped with a warning, unless REQUIRE_BROWSER_TESTS=1 (CI),
 * where a missing browser fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/config.ts';
import type { Services } from '../src/app.tsx';
import { createLogger } from '../src/http/logger.ts';
import { makePdf } from '../seeds/files.ts';
import {
  checkA11y,
  CHROMIUM,
  haveChromium,
  launchChromium,
  newContext as newWatchedContext,
  serveApp,
  settled,
  signIn as signInOn,
  type TestServer,
} from './helpers/browser.ts';

if (!haveChromium)
  console.warn(`[browser tests skipped] no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('in a real browser', () => {
  let server: TestServer;
  let services: Services;
  let base: string;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-e2e-'));
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), scryptCost: 1024 };
    const booted = await boot(config, createLogger('silent'));
    services = booted.services;
    booted.app.get('/__test/boom', () => {
      throw new Error('boom');
    });
    server = await serveApp(booted.app.fetch);
    base = server.base;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.database.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A context that records CSP violations and script errors, which must never happen. */
  const newContext = (opts: Parameters<Browser['newContext']>[0] = {}) => newWatchedContext(browser, opts);

  async function signIn(context: BrowserContext, username = 'admin') {
    const page = await context.newPage();
    await signInOn(page, base, username);
    return page;
  }

  const expectNoAxeViolations = (page: Page, label: string) => checkA11y(page, label);

  it('signs in with the keyboard alone', async () => {
    const { context, problems } = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    // The first Tab reaches the skip link, and it works.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gå til indhold');
    // Tab on until the user name field (past the language switch), then type and submit.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'username'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await page.keyboard.type('sagsbehandler');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type('samspil-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.textContent('h1')).toBe('Goddag, Kasper Lindholm');
    // After a boosted form post, focus lands on the new page's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('puts focus on the error summary when the password is wrong', async () => {
    const { context, problems } = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#username', 'journal');
    await page.fill('#password', 'forkert');
    await page.press('#password', 'Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-problem');
    expect(await page.inputValue('#username')).toBe('journal');
    await expectNoAxeViolations(page, 'login with error');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('navigates with htmx: no reload, focus on the heading, the title announced, history intact', async () => {
    const { context, problems } = await newContext();
    const page = await signIn(context, 'admin');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.click('nav[aria-label="Hovedmenu"] a[href="/admin"]');
    await page.waitForURL(`${base}/admin`);
    await expect.poll(() => page.textContent('h1')).toBe('Administration');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await expect.poll(() => page.textContent('#live')).toBe('Siden Administration er indlæst');
    expect(await page.getAttribute('nav[aria-label="Hovedmenu"] a[href="/admin"]', 'aria-current')).toBe('page');
    await page.goBack();
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.textContent('h1')).toBe('Goddag, Annette Vinther');
    expect(await page.locator('html').count()).toBe(1);
    expect(await page.locator('body header').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('filters the audit log in place and announces the count', async () => {
    const { context, problems } = await newContext();
    const page = await signIn(context, 'admin');
    await page.goto(`${base}/admin/audit`);
    await page.selectOption('#action', 'session.create');
    await page.click('form[action="/admin/audit"] button[type=submit]');
    await page.waitForURL(/action=session\.create/);
    await expect.poll(() => page.textContent('#live')).toMatch(/\d+ hændelser vist/);
    expect(await page.locator('#audit-results tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#audit-results').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works with JavaScript switched off', async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/admin/users`);
    await page.waitForURL(/\/login\?next=/);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'samspil-demo');
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForURL(`${base}/admin/users`);
    await page.fill('#q', 'vinther');
    await page.click('form[action="/admin/users"] button[type=submit]');
    await page.waitForURL(/q=vinther/);
    expect(await page.locator('#user-results tbody tr').count()).toBe(1);
    // The language switch and the user menu (a <details>) work without scripts too.
    await page.click('summary');
    await page.click('form[action="/locale"] button');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Users');
    await page.click('summary');
    await page.click('form[action="/logout"] button');
    await page.waitForURL(`${base}/login`);
    expect(await page.textContent('#flash')).toContain('You are signed out.');
    await context.close();
  });

  it('finds no accessibility problems on any page type, at phone and desktop widths', async () => {
    for (const width of [375, 1280]) {
      const { context, problems } = await newContext({ viewport: { width, height: 800 } });
      const anon = await context.newPage();
      await anon.goto(`${base}/login`);
      await expectNoAxeViolations(anon, `login @${width}`);
      const page = await signIn(context, 'admin');
      const id = (
        await services.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'journal')
          .executeTakeFirstOrThrow()
      ).id;
      const pages: Array<[string, number]> = [
        ['/', 200],
        ['/search?q=jensen', 200],
        ['/admin', 200],
        ['/admin/audit', 200],
        ['/admin/jobs', 200],
        ['/admin/users', 200],
        ['/admin/users/new', 200],
        ['/admin/kle', 200],
        ['/admin/settings', 200],
        ['/admin/email-templates', 200],
        ['/admin/email-templates/notification/da', 200],
        ['/admin/email-templates/digest/da?preview=1', 200],
        [`/admin/users/${id}`, 200],
        ['/findes-ikke', 404],
        ['/__test/boom', 500],
      ];
      for (const [url, status] of pages) {
        const res = await page.goto(base + url);
        expect(res?.status(), url).toBe(status);
        await expectNoAxeViolations(page, `${url} @${width}`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `horizontal scroll on ${url} @${width}`).toBeLessThanOrEqual(0);
      }
      // The case pages, as a caseworker.
      const { context: cw } = await newContext({ viewport: { width, height: 800 } });
      const caseworker = await signIn(cw, 'sagsbehandler');
      const db = services.database.db;
      const me = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow();
      const geo = await db
        .selectFrom('cases')
        .select('id')
        .where('caseworker_id', '=', me.id)
        .where('type', '=', 'geo')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const doc = await db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', geo.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const casePages = [
        '/cases',
        '/cases?view=all&type=geo',
        `/cases/${geo.id}`,
        `/cases/${geo.id}/edit`,
        `/cases/${geo.id}/documents/${doc.id}`,
        '/cases/new',
        '/cases/new?type=geo',
        '/cases/new?type=citizen',
        '/cases/search?q=carport',
        '/cases/deadlines',
        '/cases/recent',
        '/cases/near?point=55.6415%2C+12.0803&radius=2000',
        '/search?q=carport',
      ];
      for (const url of casePages) {
        const r = await caseworker.goto(base + url);
        expect(r?.status(), url).toBe(200);
        await expectNoAxeViolations(caseworker, `${url} @${width}`);
        const overflow = await caseworker.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `horizontal scroll on ${url} @${width}`).toBeLessThanOrEqual(0);
      }
      await cw.close();
      // The intranet, as the editor (who also sees the editing pages).
      const { context: ed } = await newContext({ viewport: { width, height: 800 } });
      const editor = await signIn(ed, 'sekretariat');
      const news = await db
        .selectFrom('news')
        .select('id')
        .where('must_read', '=', 1)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const kbPage = await db
        .selectFrom('pages')
        .select('id')
        .where('parent_id', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const folder = await db
        .selectFrom('personal_folders')
        .innerJoin('users', 'users.id', 'personal_folders.user_id')
        .select('personal_folders.id')
        .where('users.username', '=', 'sekretariat')
        .orderBy('personal_folders.id')
        .executeTakeFirst();
      const intranetPages = [
        '/',
        '/news',
        `/news/${news.id}`,
        `/news/${news.id}/edit`,
        `/news/${news.id}/readers`,
        '/news/new',
        '/pages',
        '/pages?q=ferie',
        `/pages/${kbPage.id}`,
        `/pages/${kbPage.id}/edit`,
        `/pages/${kbPage.id}/history`,
        '/pages/new',
        '/people',
        '/people?q=byg',
        '/people/sagsbehandler',
        '/people/sekretariat/edit',
        '/org',
        '/org?person=sagsbehandler',
        '/me',
        '/me/files',
        ...(folder ? [`/me/files?folder=${folder.id}`] : []),
        '/notifications',
        '/notifications/settings',
        '/search?q=kantine',
      ];
      for (const url of intranetPages) {
        const r = await editor.goto(base + url);
        expect(r?.status(), url).toBe(200);
        await expectNoAxeViolations(editor, `${url} @${width}`);
        const overflow = await editor.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `horizontal scroll on ${url} @${width}`).toBeLessThanOrEqual(0);
      }
      await ed.close();
      // A 403 as someone without access.
      const { context: other } = await newContext({ viewport: { width, height: 800 } });
      const employee = await signIn(other, 'medarbejder');
      const res = await employee.goto(`${base}/admin/users`);
      expect(res?.status()).toBe(403);
      await expectNoAxeViolations(employee, `403 @${width}`);
      await other.close();
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 480_000);

  it('lets a caseworker create a geo case, add a party, upload and journalise a document and find it again, with the keyboard', async () => {
    const { context, problems } = await newContext();
    const page = await signIn(context, 'sagsbehandler');
    await page.goto(`${base}/cases/new`);
    // Choose the type with the keyboard: focus the radio group, arrow down to "Geosag", submit.
    await page.focus('#type-subject');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#type-geo')).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/type=geo/);
    // The address changes before the boosted page has settled; typing before app.js has moved focus
    // to the new heading loses keystrokes. Wait for that, then type.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await page.focus('#title');
    await page.keyboard.type('Tagterrasse på Havnevej 7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ansøgning om tagterrasse med værn.');
    await page.focus('#address');
    await page.keyboard.type('Havnevej 7, 4000 Skovlund');
    await page.keyboard.press('Tab');
    await page.keyboard.type('55.6420, 12.0790');
    await page.focus('#kleNumber');
    await page.keyboard.type('02.34.02');
    await page.focus('form[action="/cases"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/\d+$/);
    await expect.poll(() => page.textContent('h1')).toBe('Tagterrasse på Havnevej 7');
    expect(await page.textContent('#flash')).toMatch(/Sagen GEO-\d{4}-\d{6} er oprettet/);
    await settled(page);
    const caseUrl = page.url();

    // Add a party: open the disclosure with the keyboard and fill in the form.
    await page.focus('#parties summary');
    await page.keyboard.press('Enter');
    await page.focus('#parties #name');
    await page.keyboard.type('Marie Kjær');
    await page.focus('#parties #cpr');
    await page.keyboard.type('240588-1234');
    await page.focus('form[action$="/parties"] button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#flash')).toContain('Parten Marie Kjær er tilføjet.');
    expect(await page.textContent('#parties')).toContain('240588-XXXX');
    await settled(page);

    // Upload a PDF (the keyboard opens the file chooser; here the chooser is answered directly).
    await page.focus('#documents summary');
    await page.keyboard.press('Enter');
    await page.setInputFiles('#files', {
      name: 'Tegning og beskrivelse.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf(['Beskrivelse af tagterrasse', 'Værnet udføres i glas med en højde på 1,2 meter.']),
    });
    await page.focus('form[action$="/documents"] button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#flash')).toContain('Dokumentet er tilføjet.');
    await settled(page);
    await page.click('#documents a:has-text("Tegning og beskrivelse")');
    await page.waitForURL(/\/documents\/\d+$/);
    await settled(page);
    await page.focus('form[action$="/journalisation"] button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#flash')).toContain('journaliseret som nr. 1');
    await settled(page);

    // Find it again by the text inside the PDF.
    await page.focus('#global-search');
    await page.keyboard.type('glas værnet');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(await page.textContent('main')).toContain('Tegning og beskrivelse');
    await expectNoAxeViolations(page, 'search results');
    expect(caseUrl).toMatch(/\/cases\/\d+$/);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets an editor publish targeted must-read news, a reader confirm it, and the editor see who read it, with the keyboard', async () => {
    const { context: edCtx, problems } = await newContext();
    const editor = await signIn(edCtx, 'sekretariat');
    await editor.goto(`${base}/news/new`);
    await editor.focus('#title');
    await editor.keyboard.type('Ny procedure for nøgleudlevering');
    await editor.keyboard.press('Tab');
    await editor.keyboard.type('Fra mandag udleveres nøgler kun mod kvittering.');
    await editor.keyboard.press('Tab');
    await editor.keyboard.type('Alle nøgler registreres i nøglesystemet. Spørg Borgerservice, hvis du er i tvivl.');
    // Target Borgerservice: find its checkbox by its label, then tick it with the space bar.
    const unitBox = editor.locator('#audience').getByRole('checkbox', { name: 'Borgerservice', exact: true });
    await unitBox.focus();
    await editor.keyboard.press('Space');
    expect(await unitBox.isChecked()).toBe(true);
    await editor.focus('#mustRead');
    await editor.keyboard.press('Space');
    expect(await editor.isChecked('#mustRead')).toBe(true);
    await editor.focus('form[action="/news"] button[type=submit]');
    await editor.keyboard.press('Enter');
    await editor.waitForURL(/\/news\/\d+$/);
    await expect.poll(() => editor.textContent('h1')).toBe('Ny procedure for nøgleudlevering');
    const newsUrl = editor.url();

    // The employee in Borgerservice finds it on the front page and confirms it with the keyboard.
    const { context: rdCtx, problems: readerProblems } = await newContext();
    const reader = await signIn(rdCtx, 'medarbejder');
    expect(await reader.textContent('main')).toContain('Ny procedure for nøgleudlevering');
    await reader.locator('main a:has-text("Ny procedure for nøgleudlevering")').first().focus();
    await reader.keyboard.press('Enter');
    await reader.waitForURL(newsUrl);
    await reader.focus('#receipt button[type=submit]');
    await reader.keyboard.press('Enter');
    await expect.poll(() => reader.textContent('#receipt')).toContain('Du bekræftede');
    await expectNoAxeViolations(reader, 'news article after the receipt');

    // The editor's report: Sofie Kragh has read it.
    await editor.goto(`${newsUrl}/readers`);
    const readList = editor.locator('[data-list="read"]');
    await expect.poll(() => readList.allTextContents().then((t) => t.join(' '))).toContain('Sofie Kragh');
    await expectNoAxeViolations(editor, 'readers report');
    expect(problems).toEqual([]);
    expect(readerProblems).toEqual([]);
    await edCtx.close();
    await rdCtx.close();
  }, 120_000);

  it('shows the user form errors accessibly and keeps the input', async () => {
    const { context, problems } = await newContext();
    const page = await signIn(context, 'admin');
    await page.goto(`${base}/admin/users/new`);
    await page.fill('#username', 'Ugyldigt Navn');
    await page.fill('#email', 'ikke-en-mail');
    await page.click('form[action="/admin/users"] button[type=submit]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.inputValue('#username')).toBe('Ugyldigt Navn');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'user form with errors');
    // The summary's links take the keyboard user to the field.
    await page.click('#error-summary a[href="#email"]');
    expect(await page.evaluate(() => location.hash)).toBe('#email');
    expect(problems).toEqual([]);
    await context.close();
  });
});
