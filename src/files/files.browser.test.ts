/**
 * The file pages this module touches, in a real browser (Debian's Chromium through
 * playwright-core): the quota settings page, the personal files page with its usage line and a
 * refused over-quota upload, and a room file with its delete form — axe-core (WCAG 2.1 A and AA)
 * at 1280 px and 375 px, the error summary taking focus, deleting with a plain form post.
 * Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkA11y,
  expectNoOverflow,
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../test/helpers/browser.ts';
import { createRoomsTestApp, type RoomsTestApp } from '../modules/rooms/rooms.fixtures.ts';
import { putSetting } from '../db/settings.ts';
import { PERSONAL_QUOTA_SETTING } from './quotas.ts';

describe.skipIf(!haveChromium)('file quotas and deletion in a real browser', () => {
  let t: RoomsTestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let roomId = 0;
  let fileId = 0;

  beforeAll(async () => {
    t = await createRoomsTestApp('sqlite');
    roomId = await t.room('medarbejder', { name: 'Filrummet' });
    await t.upload(
      `/rooms/${roomId}/files`,
      {},
      [{ field: 'files', name: 'referat.txt', type: 'text/plain', content: Buffer.from('Referat af mødet\n') }],
      { cookie: t.cookie.medarbejder },
    );
    fileId = (
      await t.db.database.db
        .selectFrom('room_files')
        .select('id')
        .where('room_id', '=', roomId)
        .executeTakeFirstOrThrow()
    ).id;
    server = await serveApp(t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  const signedIn = (username: string) => signedInAs(browser, base, username);

  async function axe(page: Page, label: string) {
    await checkA11y(page, label);
    await expectNoOverflow(page, `${label} overflows`);
  }

  it('the settings page, with and without errors', async () => {
    const { context, page, problems } = await signedIn('admin');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/admin/settings`);
      await axe(page, `/admin/settings @${width}`);
    }
    await page.fill('#personalMb', 'mange');
    await page.click('form[action="/admin/settings"] button[type=submit]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.inputValue('#personalMb')).toBe('mange');
    await axe(page, 'settings with errors');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('the personal files page with its usage and an over-quota upload, and a room file deleted', async () => {
    await putSetting(t.db.database, PERSONAL_QUOTA_SETTING, '100');
    const { context, page, problems } = await signedIn('medarbejder');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/me/files`);
      expect(await page.textContent('#files-usage')).toContain('Du bruger 0 B af 100 B.');
      await axe(page, `/me/files @${width}`);
      await page.goto(`${base}/rooms/${roomId}/files`);
      expect(await page.textContent('#files-usage')).toContain('Rummets filer fylder 18 B af 5 GB.');
      await axe(page, `room files @${width}`);
      await page.goto(`${base}/rooms/${roomId}/files/${fileId}`);
      await axe(page, `room file @${width}`);
    }
    await page.goto(`${base}/me/files`);
    await page.setInputFiles('#files', { name: 'stor.txt', mimeType: 'text/plain', buffer: Buffer.alloc(500, 'x') });
    await page.click('form[action="/me/files"] button[type=submit]');
    await expect.poll(() => page.textContent('#files-error')).toContain('Der er ikke plads til filerne');
    await axe(page, 'over-quota upload');

    await page.goto(`${base}/rooms/${roomId}/files/${fileId}`);
    await page.click(`form[action="/rooms/${roomId}/files/${fileId}/deletion"] button`);
    await page.waitForURL(`${base}/rooms/${roomId}/files`);
    expect(await page.textContent('#flash')).toContain('Filen er slettet.');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
