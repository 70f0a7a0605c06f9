/**
 * Where focus and the page land in a thread, in a real browser (Debian's Chromium through
 * playwright-core): a boosted link to one reply (the room's "Seneste aktivitet" permalink, which
 * redirects to `…/threads/:id#post-N`, and a direct link with the fragment) scrolls to that reply
 * and focuses it; after posting a reply with htmx, focus moves to the new reply (or back to the
 * field when the reply is rejected), never to the page body. Skipped without Chromium unless
 * REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

describe.skipIf(!haveChromium)('focus and fragments in a thread, in a real browser', () => {
  let t: RoomsTestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let roomId = 0;
  let threadId = 0;
  const replies: number[] = [];

  beforeAll(async () => {
    t = await createRoomsTestApp('sqlite');
    roomId = await t.room('sagsbehandler', { name: 'Fokus og fragmenter', visibility: 'open' });
    ({ threadId } = await t.thread('sagsbehandler', roomId, { title: 'En lang tråd', body: 'Første indlæg.' }));
    const long = 'Et langt svar, der fylder godt på skærmen, så de sidste svar ligger langt under folden. '.repeat(8);
    for (let i = 1; i <= 14; i++)
      replies.push(await t.reply('sagsbehandler', roomId, threadId, `Svar nummer ${i}. ${long}`));
    server = await serveApp(t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  const signedIn = (username: string) =>
    signedInAs(browser, base, username, { viewport: { width: 1024, height: 700 } });

  const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
  const inView = (page: Page, id: string) =>
    page.evaluate((id) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight;
    }, id);
  const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker === 42);

  it('lands on the reply a boosted link names, and focuses it', async () => {
    const { context, page, problems } = await signedIn('sagsbehandler');
    const target = replies[10]!;

    // "Seneste aktivitet" on the room's front page links to the permalink, which redirects to
    // the thread with #post-N.
    await page.goto(`${base}/rooms/${roomId}`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.click(`a[href="/rooms/${roomId}/posts/${target}"]`);
    await page.waitForURL(new RegExp(`/rooms/${roomId}/threads/${threadId}[^#]*#post-${target}$`));
    await expect.poll(() => activeId(page)).toBe(`post-${target}`);
    expect(await inView(page, `post-${target}`)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect(await sameDocument(page), 'the navigation was boosted, not a full load').toBe(true);

    // A link straight to the thread with the fragment.
    const other = replies[12]!;
    await page.goto(`${base}/rooms/${roomId}`);
    await page.evaluate(
      ({ href }) => {
        (window as unknown as { marker: number }).marker = 42;
        const a = document.createElement('a');
        a.href = href;
        a.id = 'direct-link';
        a.textContent = 'Direkte til svaret';
        document.getElementById('main')!.prepend(a);
        (window as unknown as { htmx: { process(e: Element): void } }).htmx.process(a);
      },
      { href: `/rooms/${roomId}/threads/${threadId}#post-${other}` },
    );
    await page.click('#direct-link');
    await page.waitForURL(new RegExp(`#post-${other}$`));
    await expect.poll(() => activeId(page)).toBe(`post-${other}`);
    expect(await inView(page, `post-${other}`)).toBe(true);
    expect(await sameDocument(page)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('moves focus to the new reply after posting one with the keyboard, and to the field when it is rejected', async () => {
    const { context, page, problems } = await signedIn('sagsbehandler');
    await page.goto(`${base}/rooms/${roomId}/threads/${threadId}`);
    await page.locator('#reply-body').focus();

    // Rejected (empty): focus returns to the field, not the body.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () => document.activeElement?.closest('#reply-form') !== null && document.activeElement?.tagName,
      ),
    ).toBe('BUTTON');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#reply-body-error').count()).toBe(1);
    await expect.poll(() => activeId(page)).toBe('reply-body');

    for (const text of ['Første svar fra tastaturet.', 'Andet svar fra tastaturet.']) {
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#replies article', { hasText: text }).count()).toBe(1);
      const newest = await page.locator('#replies article', { hasText: text }).getAttribute('id');
      await expect.poll(() => activeId(page)).toBe(newest);
      expect(await page.textContent('#live')).toBe('Dit svar er sendt.');
      // The next reply starts from the form again.
      await page.locator('#reply-body').focus();
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
