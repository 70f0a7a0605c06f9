/**
 * The jobs page, a job's page and the audit page with results in a real browser (Debian's
 * Chromium through playwright-core) with axe-core at WCAG 2.1 AA, and at 375 px. Skipped without
 * Chromium unless REQUIRE_BROWSER_TESTS=1.
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
  signedIn,
  type TestServer,
} from '../../../test/helpers/browser.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('jobs and audit pages in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await t.signIn('admin');
    expect((await t.post('/admin/jobs/session-cleanup/runs', {}, { cookie: admin })).status).toBe(303);
    const at = new Date(Date.now() - 60_000).toISOString();
    await t.db.database.db
      .insertInto('job_runs')
      .values({
        job: 'blob-cleanup',
        lease_key: 'run:blob-cleanup',
        trigger: 'scheduled',
        instance: 'fixture',
        started_at: at,
        finished_at: at,
        status: 'failed',
        detail: JSON.stringify({ error: 'disk full' }),
      })
      .execute();
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('has no axe violations on the jobs pages and the audit page with results, and fits 375 px', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    const pages = [
      ['/admin/jobs', 'the jobs'],
      ['/admin/jobs/session-cleanup', 'a job'],
      ['/admin/jobs/blob-cleanup', 'a job whose run failed'],
      ['/admin/audit', 'the audit log'],
      ['/admin/audit?person=admin&action=area:session', 'the audit log by person and area'],
    ] as const;
    for (const [path, label] of pages) {
      await page.goto(`${server.base}${path}`);
      await checkA11y(page, label);
    }
    expect(await page.textContent('#audit-results')).toContain('Loggede ind');
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [path, label] of pages) {
      await page.goto(`${server.base}${path}`);
      await expectNoOverflow(page, `${label} at 375 px`);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
