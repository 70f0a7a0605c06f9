/**
 * The secretariat's agenda pages in a real browser (Debian's Chromium through playwright-core):
 * axe-core (WCAG 2.1 A and AA) on every page type as the secretariat and as an employee, at
 * 1280 px and 375 px for the main ones; no CSP violations or script errors; ordering items by
 * dragging, and with the move buttons from the keyboard (focus stays on the moved item).
 * Runs on the full demo seed. Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../seeds/index.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import {
  checkA11y,
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { emptyItemInput, createItem } from './items.ts';
import { createMeeting, emptyMeetingInput } from './meetings.ts';

describe.skipIf(!haveChromium)('agenda production in a real browser', () => {
  let t: TestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;
  const ids = { published: 0, planned: 0, committee: 0, item: 0, person: 0, caseId: 0 };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { seed: false });
    await seedDemo(t.db.database, { scryptCost: t.config.scryptCost, blobs: t.services.blobs });
    const db = t.db.database.db;
    const now = new Date().toISOString();
    const published = await db
      .selectFrom('meetings')
      .select('id')
      .where('status', '=', 'published')
      .where('starts_at', '>', now)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    ids.published = published.id;
    ids.committee = (
      await db.selectFrom('committees').select('id').where('kind', '=', 'task').executeTakeFirstOrThrow()
    ).id;
    // The planned meeting the ordering tests work on is built here, with its own items, ten weeks
    // ahead of whatever day the suite runs on (the demo seed's meetings depend on that day).
    const secretary = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'sekretariat')
      .executeTakeFirstOrThrow();
    const actor = { id: secretary.id, name: secretary.display_name };
    const created = await createMeeting(
      t.db.database,
      actor,
      emptyMeetingInput({
        committeeId: String(ids.committee),
        title: 'Møde til rækkefølgeprøve',
        date: copenhagenDate(new Date(Date.now() + 70 * 86_400_000)),
      }),
    );
    if (!created.ok) throw new Error(`fixture meeting: ${JSON.stringify(created.errors)}`);
    ids.planned = created.id;
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', ids.planned).executeTakeFirstOrThrow();
    for (const title of [
      'Budgetopfølgning for kvartalet',
      'Høring om ny cykelsti',
      'Orientering om vintertjeneste',
      'Eventuelt',
    ]) {
      const item = await createItem(
        t.db.database,
        actor,
        meeting,
        emptyItemInput({ title, presentation: `Sagsfremstilling: ${title}.` }),
      );
      if (!item.ok) throw new Error(`fixture item: ${JSON.stringify(item.errors)}`);
    }
    ids.item = (
      await db
        .selectFrom('agenda_items')
        .select('id')
        .where('meeting_id', '=', ids.planned)
        .orderBy('number')
        .executeTakeFirstOrThrow()
    ).id;
    ids.person = (await db.selectFrom('council_persons').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    ids.caseId = (
      await db
        .selectFrom('papers')
        .select('case_id')
        .where('case_id', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).case_id!;
    server = await serveApp(t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  const signedIn = (username: string, opts: Parameters<Browser['newContext']>[0] = {}) =>
    signedInAs(browser, base, username, opts);

  it('has no axe violations on the secretariat’s pages, at 1280 px and 375 px', async () => {
    const { context, page, problems } = await signedIn('sekretariat');
    const pages = [
      '/meetings',
      '/meetings/committees',
      `/meetings/committees/${ids.committee}`,
      '/meetings/committees/new',
      `/meetings/committees/${ids.committee}/edit`,
      '/meetings/new',
      `/meetings/${ids.published}`,
      `/meetings/${ids.published}?view=published`,
      `/meetings/${ids.published}?view=published&version=1`,
      `/meetings/${ids.planned}`,
      `/meetings/${ids.planned}/edit`,
      `/meetings/${ids.planned}/items/new`,
      `/meetings/${ids.planned}/items/new?case=${ids.caseId}`,
      `/meetings/${ids.planned}/items/${ids.item}/edit`,
      `/meetings/proposals/new?case=${ids.caseId}`,
      '/meetings/persons',
      '/meetings/persons/new',
      `/meetings/persons/${ids.person}/edit`,
      '/meetings/locations',
      '/meetings/locations/1/edit',
      '/meetings/settings',
    ];
    for (const path of pages) {
      const res = await page.goto(base + path);
      expect(res?.status(), path).toBe(200);
      await checkA11y(page, path);
    }
    // A rejected form: the error summary takes focus and links to the fields.
    await page.goto(`${base}/meetings/new`);
    await page.fill('#date', '');
    await page.fill('#startTime', '25:99');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('#error-summary');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await checkA11y(page, 'meeting form with errors');
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [
      '/meetings',
      `/meetings/${ids.published}`,
      `/meetings/${ids.planned}/items/${ids.item}/edit`,
      `/meetings/committees/${ids.committee}`,
    ]) {
      await page.goto(base + path);
      await checkA11y(page, `${path} at 375 px`);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        `${path} fits 375 px`,
      ).toBe(true);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('has no axe violations on the published agenda and index as an employee', async () => {
    const { context, page, problems } = await signedIn('medarbejder');
    for (const path of [
      '/meetings',
      `/meetings/${ids.published}`,
      `/meetings/committees/${ids.committee}`,
      '/meetings/committees',
    ]) {
      const res = await page.goto(base + path);
      expect(res?.status(), path).toBe(200);
      await checkA11y(page, `${path} (employee)`);
    }
    expect((await page.goto(`${base}/meetings/${ids.planned}`))?.status()).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('orders items with the move buttons from the keyboard, keeping focus, and by dragging', async () => {
    // Tall enough that no item scrolls while dragging (the drag starts where the mouse went down).
    const { context, page, problems } = await signedIn('sekretariat', { viewport: { width: 1280, height: 2400 } });
    await page.goto(`${base}/meetings/${ids.planned}`);
    const titles = () =>
      page.$$eval('#agenda-items li h3 a', (as) => as.map((a) => a.textContent!.replace(/^\d+\.\s*/, '').trim()));
    const before = await titles();
    expect(before.length).toBeGreaterThan(2);
    // Keyboard: focus "move down" on the first item and press Enter; focus stays on its button.
    await page.focus('#agenda-items li:first-child button[aria-label^="Flyt punkt 1 ned"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (first) => document.querySelector('#agenda-items li:nth-child(2) h3 a')?.textContent?.includes(first),
      before[0]!,
    );
    expect(await titles()).toEqual([before[1], before[0], ...before.slice(2)]);
    // Focus is put back once htmx has settled the swapped list.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Flyt punkt 2 ned');
    await expect.poll(() => page.textContent('#live')).toContain('er nu nummer 2');
    // Mouse: drag the last item onto the first.
    const items = page.locator('#agenda-items li');
    const count = await items.count();
    const now = await titles();
    await items.nth(count - 1).dragTo(items.nth(0), { targetPosition: { x: 20, y: 5 } });
    await page.waitForFunction(
      (last) => document.querySelector('#agenda-items li:first-child h3 a')?.textContent?.includes(last),
      now[count - 1]!,
    );
    await page.reload();
    expect((await titles())[0]).toBe(now[count - 1]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('works without JavaScript: moving an item and publishing the agenda', async () => {
    const { context, page } = await signedIn('sekretariat', { javaScriptEnabled: false });
    await page.goto(`${base}/meetings/${ids.planned}`);
    const first = await page.textContent('#agenda-items li:first-child h3 a');
    await page.click('#agenda-items li:first-child button[aria-label^="Flyt punkt 1 ned"]');
    expect(await page.textContent('#agenda-items li:nth-child(2) h3 a')).toContain(
      first!.replace(/^\d+\.\s*/, '').trim(),
    );
    await page.click('#publish button[type=submit]');
    expect(await page.textContent('#flash')).toContain('offentliggjort som version 1');
    await context.close();
  }, 60_000);
});
