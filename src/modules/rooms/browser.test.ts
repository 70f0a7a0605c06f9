/**
 * The rooms in a real browser (Debian's Chromium through playwright-core): axe-core (WCAG 2.1 A
 * and AA) on every room page type at 1280 px and the main ones at 375 px, no CSP violations or
 * script errors, htmx reactions and replies that announce themselves, and replying with
 * JavaScript off. Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../seeds/index.ts';
import { seedRooms } from '../../../seeds/rooms.ts';
import {
  checkA11y,
  expectNoOverflow,
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

describe.skipIf(!haveChromium)('rooms in a real browser', () => {
  let t: RoomsTestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;
  const ids = { learning: 0, leaders: 0, byg: 0, budget: 0, question: 0, file: 0, editedThread: 0, edited: 0 };

  beforeAll(async () => {
    t = await createRoomsTestApp('sqlite');
    const users = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'username', 'org_unit_id'])
      .execute();
    await seedRooms(t.db.database, { blobs: t.services.blobs, random: seededRandom(3), users });
    const room = async (name: string) =>
      (await t.db.database.db.selectFrom('rooms').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    ids.learning = await room('Læringsagenter – Samspil');
    ids.leaders = await room('Ledergruppe Teknik og Miljø');
    ids.byg = await room('Byggesagsbehandling – faglig sparring');
    ids.budget = await room('Budget 2027 – koordinering');
    ids.question = (
      await t.db.database.db
        .selectFrom('threads')
        .select('id')
        .where('title', '=', 'Hvordan journaliserer jeg en mail med bilag?')
        .executeTakeFirstOrThrow()
    ).id;
    ids.file = (
      await t.db.database.db
        .selectFrom('room_files')
        .select('id')
        .where('room_id', '=', ids.learning)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    // Kasper edits a post of his (for the history page), and is invited to a closed room.
    const { threadId, postId } = await t.thread('sagsbehandler', ids.byg, {
      title: 'Redigeret tråd',
      body: 'Første tekst',
    });
    ids.editedThread = threadId;
    ids.edited = postId;
    await t.post(
      `/rooms/${ids.byg}/posts/${postId}`,
      { title: 'Redigeret tråd', body: 'Anden tekst' },
      { cookie: t.cookie.sagsbehandler },
    );
    await t.post(
      `/rooms/${ids.byg}/posts/${postId}/reports`,
      { reason: 'Test af rapport' },
      { cookie: t.cookie.journal },
    );
    const owner = (
      await t.db.database.db
        .selectFrom('room_members')
        .select('user_id')
        .where('room_id', '=', ids.budget)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow()
    ).user_id;
    await t.db.database.db
      .insertInto('room_invitations')
      .values({
        room_id: ids.budget,
        user_id: await t.idOf('sagsbehandler'),
        invited_by: owner,
        status: 'pending',
        created_at: new Date().toISOString(),
        answered_at: null,
      })
      .execute();
    server = await serveApp(t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  const signedIn = (username: string, opts: Parameters<Browser['newContext']>[0] = {}) =>
    signedInAs(browser, base, username, opts);

  it('has no axe violations on any room page, at 1280 px and 375 px', async () => {
    const { context, page, problems } = await signedIn('sagsbehandler');
    const L = `/rooms/${ids.learning}`;
    const pages = [
      '/rooms',
      '/rooms?view=mine',
      '/rooms?view=archived',
      '/rooms/new',
      '/rooms/search?q=skabelon',
      L,
      `${L}/threads`,
      `${L}/threads?unanswered=1`,
      `${L}/threads/${ids.question}`,
      `${L}/threads/${ids.question}?quote=${ids.question}`,
      `${L}/threads/new`,
      `${L}/files`,
      `${L}/files/${ids.file}`,
      `${L}/members`,
      `${L}/search?q=journalisering`,
      `/rooms/${ids.byg}/members`,
      `/rooms/${ids.byg}/edit`,
      `/rooms/${ids.byg}/reports`,
      `/rooms/${ids.byg}/posts/${ids.edited}/edit`,
      `/rooms/${ids.byg}/posts/${ids.edited}/history`,
      `/rooms/${ids.byg}/posts/${ids.edited}/reports/new`,
      `/rooms/${ids.leaders}`,
      `/rooms/${ids.budget}`,
    ];
    const narrow = new Set(['/rooms', L, `${L}/threads/${ids.question}`, `${L}/files`, `/rooms/${ids.byg}/members`]);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of pages) {
        if (width === 375 && !narrow.has(url)) continue;
        await page.goto(base + url);
        await checkA11y(page, `${url} @${width}`);
        if (width === 375) {
          // Nothing wider than the screen (tables scroll inside their own region).
          await expectNoOverflow(page, `${url} overflows at 375 px`);
        }
      }
    }
    // Forms with errors: the error summary takes focus.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}${L}/threads/new`);
    await page.fill('#body', 'Tekst uden overskrift');
    await page.click('button[type=submit].btn-primary');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.inputValue('#body')).toBe('Tekst uden overskrift');
    await checkA11y(page, 'new thread with errors');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('reacts and replies with htmx, announced politely, without reloading', async () => {
    const { context, page, problems } = await signedIn('sagsbehandler');
    const { threadId, postId } = await t.thread('sagsbehandler', ids.learning, {
      title: 'Prøvetråd i browseren',
      body: 'Hej alle',
    });
    await page.goto(`${base}/rooms/${ids.learning}/threads/${threadId}`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const like = page.locator(`#reactions-${postId} button[value=like]`);
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await like.click();
    await expect
      .poll(() => page.locator(`#reactions-${postId} button[value=like]`).getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => page.textContent('#live')).toBe('Din reaktion "Synes godt om" er tilføjet (1 i alt).');
    await page.fill('#reply-body', 'Et svar sendt med htmx');
    await page.click('#reply-form button[type=submit]');
    await expect.poll(() => page.locator('#replies article').count()).toBe(1);
    await expect.poll(() => page.textContent('#live')).toBe('Dit svar er sendt.');
    expect(await page.inputValue('#reply-body')).toBe('');
    expect(await page.textContent('#replies')).toContain('Et svar sendt med htmx');
    // Still the same page: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await checkA11y(page, 'thread after htmx updates');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('works with JavaScript off: join, start a thread, reply', async () => {
    const { context, page } = await signedIn('medarbejder', { javaScriptEnabled: false });
    await page.goto(`${base}/rooms/${ids.byg}`);
    await page.click('form[action$="/membership"] button');
    await expect.poll(() => page.textContent('#flash')).toContain('Du er nu medlem');
    await page.goto(`${base}/rooms/${ids.byg}/threads/new`);
    await page.fill('#title', 'Spørgsmål uden JavaScript');
    await page.fill('#body', 'Virker det også uden scripts?');
    await page.check('#isQuestion');
    await page.click('button[type=submit].btn-primary');
    await expect.poll(() => page.textContent('h1')).toBe('Spørgsmål uden JavaScript');
    await page.fill('#reply-body', 'Ja, det gør det.');
    await page.click('#reply-form button[type=submit]');
    await expect.poll(() => page.textContent('#replies')).toContain('Ja, det gør det.');
    await context.close();
  }, 120_000);
});
