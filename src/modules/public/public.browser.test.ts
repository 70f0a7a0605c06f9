/**
 * The public meeting pages in a real browser (Debian's Chromium through playwright-core), signed
 * out: axe-core (WCAG 2.1 A and AA) on every public page type at 1280 px and 390 px, nothing wider
 * than a phone's screen, no CSP violations or script errors, the htmx filter that swaps the list
 * and works with JavaScript off. Screenshots go to $PUBLIC_SCREENSHOTS when set (for looking at
 * the pages). Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import {
  checkA11y,
  expectNoOverflow,
  haveChromium,
  launchChromium,
  newContext,
  serveApp,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { buildPublicFixture, OPEN, type PublicFixture } from '../../../test/helpers/public-fixture.ts';
import { publishVersion } from '../publication/index.ts';

const SHOTS = process.env.PUBLIC_SCREENSHOTS;

describe.skipIf(!haveChromium)('public meeting pages in a real browser', () => {
  let t: TestApp;
  let f: PublicFixture;
  let server: TestServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    f = await buildPublicFixture(t);
    // One meeting of the city council too, so the committee filter has something to choose.
    const db = t.db.database.db;
    const at = new Date().toISOString();
    const secretary = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'sekretariat')
      .executeTakeFirstOrThrow();
    const { id: councilMeeting } = await db
      .insertInto('meetings')
      .values({
        committee_id: f.councilId,
        title: 'Byrådsmøde',
        starts_at: new Date(Date.now() + 20 * 86400_000).toISOString(),
        ends_at: null,
        location_id: null,
        status: 'published',
        agenda_published_at: at,
        minutes_published_at: null,
        created_at: at,
        created_by: secretary.id,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('agenda_items')
      .values({
        meeting_id: councilMeeting,
        paper_id: null,
        number: 1,
        title: 'Budget 2027, 2. behandling',
        closed: 0,
        closed_reason: null,
        presentation: 'Budgettet behandles.',
        recommendation: '',
        economy: '',
        decision: null,
        decided_at: null,
        decision_document_id: null,
        created_at: at,
        created_by: null,
        updated_at: at,
        deleted_at: null,
      })
      .execute();
    await publishVersion(t.db.database, councilMeeting, 'agenda', {
      actor: { id: secretary.id, name: secretary.display_name },
    });
    server = await serveApp(t.app.fetch);
    base = server.base;
    browser = await launchChromium();
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('has no axe violations on any public page, at 1280 px and 390 px, signed out', async () => {
    const { context, problems } = await newContext(browser);
    const page = await context.newPage();
    const pages: Array<[string, string]> = [
      ['/public/meetings', 'meetings'],
      [`/public/meetings/${f.meetingId}`, 'meeting-minutes'],
      [`/public/meetings/${f.meetingId}?show=agenda`, 'meeting-agenda'],
      [`/public/meetings/${f.meetingId}?version=${f.agendaV1Id}`, 'meeting-v1'],
      [`/public/meetings/${f.cancelledId}`, 'meeting-cancelled'],
      ['/public/committees', 'committees'],
      [`/public/committees/${f.committeeId}`, 'committee'],
      ['/login', 'login'],
    ];
    for (const width of [1280, 768, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [url, name] of pages) {
        if (width === 768 && !['meetings', 'meeting-minutes'].includes(name)) continue;
        const res = await page.goto(base + url);
        expect(res?.status(), url).toBe(200);
        await checkA11y(page, `${url} @${width}`);
        await expectNoOverflow(page, `${url} overflows at ${width} px`);
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('filters the meeting list with htmx, and with JavaScript off', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { context } = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${base}/public/meetings`);
      await expect.poll(() => page.locator('#meeting-list a[href^="/public/meetings/"]').count()).toBe(4);
      await page.selectOption('#committee', String(f.councilId));
      await page.click('form[action="/public/meetings"] button[type=submit]');
      await expect.poll(() => page.locator('#meeting-list a[href^="/public/meetings/"]').count()).toBe(1);
      await expect.poll(() => new URL(page.url()).searchParams.get('committee')).toBe(String(f.councilId));
      // The page itself stayed (htmx swapped only the list) or was reloaded (no JavaScript).
      expect(await page.locator('h1').textContent()).toBe('Møder, dagsordener og referater');
      await context.close();
    }
  });

  it('reaches the public pages from the sign-in page and an item from the table of contents', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.click('text=Politiske dagsordener og referater');
    await page.waitForURL(`${base}/public/meetings`);
    await page.click(`a[href="/public/meetings/${f.meetingId}"]`);
    await page.waitForURL(`${base}/public/meetings/${f.meetingId}`);
    await page.click(`nav[aria-labelledby="toc"] a[href="#punkt-1"]`);
    expect(await page.locator('#punkt-1 h3').textContent()).toBe(`1. ${OPEN.title}`);
    await context.close();
  });
});
