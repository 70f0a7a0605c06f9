/**
 * The archival version pages in a real browser (Debian's Chromium through playwright-core):
 * axe-core (WCAG 2.1 A and AA) at 1280 px and 390 px on the list with its start form (also with
 * errors), an export being written (its progress bar polling), a failed one and a valid one with
 * the delivery form; nothing wider than the screen, no CSP violations or script errors. Skipped
 * without Chromium or Ghostscript.
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
  settled,
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { fixturePeriod, haveGhostscript, seedArchivedPeriod } from './export/export.fixtures.ts';
import { exportArchivalVersion } from './export/job.ts';
import { planArchivalExport } from './export/service.ts';
import { DEFAULT_RECORDS_SETTINGS, periodOf } from './settings.ts';

describe.skipIf(!haveChromium || !haveGhostscript).each(DIALECTS)(
  'archival version pages in a real browser (%s)',
  (dialect) => {
    let t: TestApp;
    let server: TestServer;
    let browser: Browser;
    const ids: Record<'valid' | 'pending' | 'failed', number> = { valid: 0, pending: 0, failed: 0 };
    const current = periodOf(copenhagenDate(new Date()), DEFAULT_RECORDS_SETTINGS);
    const first = Number(current.start.slice(0, 4)) - 5;

    beforeAll(async () => {
      // No scheduler: the pending export stays pending, so its page keeps polling.
      t = await createTestApp(dialect, { config: { runJobs: false } });
      const database = t.db.database;
      const blobs = t.services.blobs;
      await seedArchivedPeriod(database, blobs, { firstYear: first });
      await seedArchivedPeriod(database, blobs, { firstYear: first - 5 });
      await seedArchivedPeriod(database, blobs, { firstYear: first - 10 });
      const outDir = `${t.config.dataDir}/archival-versions`;
      const done = await exportArchivalVersion(database, blobs, {
        period: fixturePeriod(first),
        avid: 'AVID.SA.18005.1',
        outDir,
        actor: null,
      });
      if (!done.plan.ok) throw new Error('not planned');
      ids.valid = done.plan.exportId;
      await database.db
        .updateTable('archival_exports')
        .set({
          status: 'valid',
          validation: JSON.stringify({ ok: true, avid: 'AVID.SA.18005.1', findings: [], counts: {} }),
        })
        .where('id', '=', ids.valid)
        .execute();
      const pending = await planArchivalExport(database, {
        period: fixturePeriod(first - 5),
        avid: 'AVID.SA.18006.1',
        outDir,
        actor: null,
      });
      const failed = await planArchivalExport(database, {
        period: fixturePeriod(first - 10),
        avid: 'AVID.SA.18007.1',
        outDir,
        actor: null,
      });
      if (!pending.ok || !failed.ok) throw new Error('not planned');
      ids.pending = pending.exportId;
      ids.failed = failed.exportId;
      await database.db
        .updateTable('archival_exports')
        .set({
          status: 'failed',
          error: 'Ghostscript (gs) er ikke installeret, så dokumenterne kan ikke konverteres til TIFF.',
          validation: JSON.stringify({
            ok: false,
            avid: 'AVID.SA.18007.1',
            findings: [
              {
                code: 'md5-mismatch',
                section: 'bilag 4, 4.C.2',
                message: 'Kontrolsummen passer ikke.',
                path: 'Documents/docCollection1/1/1.tif',
              },
            ],
            counts: {},
          }),
        })
        .where('id', '=', ids.failed)
        .execute();
      server = await serveApp(t.app.fetch);
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await t?.cleanup();
    });

    it(
      'has no axe violations on the list, the start form with errors, and each kind of export page',
      { timeout: 180_000 },
      async () => {
        const { context, page, problems } = await signedIn(browser, server.base, 'journal');
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          const urls = [
            '/admin/records/exports',
            `/admin/records/exports/${ids.valid}`,
            `/admin/records/exports/${ids.pending}`,
            `/admin/records/exports/${ids.failed}`,
          ];
          for (const url of urls) {
            const res = await page.goto(server.base + url);
            expect(res?.status(), url).toBe(200);
            await checkA11y(page, `${url} @${width}`);
            await expectNoOverflow(page, `${url} overflows at ${width} px`);
            if (process.env.EXPORTS_SCREENSHOTS)
              await page.screenshot({
                path: `${process.env.EXPORTS_SCREENSHOTS}/${url.replace(/\W+/g, '_')}-${width}.png`,
                fullPage: true,
              });
          }
          await page.goto(`${server.base}/admin/records/exports`);
          await page.fill('#export-number', '0123');
          await page.click('form[action="/admin/records/exports"] button[type=submit]');
          await settled(page);
          await expect.poll(() => page.locator('#error-summary').count()).toBe(1);
          expect(await page.inputValue('#export-number')).toBe('0123');
          await checkA11y(page, `start form with errors @${width}`);
        }
        // The running export's state is re-fetched by htmx and stays the same part of the page.
        await page.goto(`${server.base}/admin/records/exports/${ids.pending}`);
        await page.waitForResponse(
          (r) =>
            r.url().endsWith(`/admin/records/exports/${ids.pending}`) && r.request().headers()['hx-request'] === 'true',
          {
            timeout: 15_000,
          },
        );
        await settled(page);
        expect(await page.locator('#export-state progress').count()).toBe(1);
        expect(await page.locator('h1').count()).toBe(1);
        expect(problems).toEqual([]);
        await context.close();
      },
    );
  },
);
