/**
 * The retention rules pages, the data subject's report and the case page's refused close in a real
 * browser (Debian's Chromium through playwright-core) with axe-core at WCAG 2.1 AA, also with
 * their error summaries, and at 375 px. Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
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
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { createTestCase } from '../cases/cases.fixtures.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('records pages in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;
  let caseId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    const cw = await t.signIn('sagsbehandler');
    caseId = await createTestCase(t, cw, {
      type: 'citizen',
      title: 'Ansøgning om hjælpemiddel',
      partyName: 'Hanne Vig',
      partyCpr: '020285-1234',
    });
    expect(
      (await t.post(`/cases/${caseId}/deadlines`, { title: 'Svar til borger', dueOn: '2030-01-01' }, { cookie: cw }))
        .status,
    ).toBe(303);
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('has no axe violations on the rules pages, with and without errors, and fits 375 px', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'journal');
    for (const [path, label] of [
      ['/admin', 'the admin home'],
      ['/admin/records/rules', 'the subjects'],
      ['/admin/records/rules?q=02.34', 'the subjects filtered'],
      ['/admin/records/rules?view=facets', 'the facets'],
      ['/admin/records/rules/subjects/02.34.02', 'a subject'],
      ['/admin/records/rules/facets/G01', 'a facet'],
    ] as const) {
      await page.goto(`${server.base}${path}`);
      await checkA11y(page, label);
    }
    await page.goto(`${server.base}/admin/records/rules/subjects/02.34.02`);
    await page.selectOption('#retention', 'dispose');
    await page.click('button:has-text("Gem reglen")');
    await page.waitForSelector('#error-summary');
    expect(await page.textContent('#error-summary')).toContain('Skriv en begrundelse');
    await checkA11y(page, 'a subject with errors');

    await page.fill('#years', '10');
    await page.fill('#reason', 'Kommunens praksis');
    await page.click('button:has-text("Gem reglen")');
    await page.waitForSelector('#rule-clear');
    expect(await page.textContent('main')).toContain('Kommunens praksis');
    await checkA11y(page, 'a subject with a local rule');

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.base}/admin/records/rules?q=02`);
    await expectNoOverflow(page, 'the subjects at 375 px');
    await checkA11y(page, 'the subjects at 375 px');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("has no axe violations on the data subject's report: the form, its errors and the result", async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'journal');
    await page.goto(`${server.base}/admin/records/subject-report`);
    await checkA11y(page, 'the report form');
    await page.fill('#number', '12345');
    await page.click('button:has-text("Find sager og dokumenter")');
    await page.waitForSelector('#error-summary');
    expect(await page.inputValue('#number')).toBe('12345');
    await checkA11y(page, 'the report form with errors');
    await page.fill('#number', '020285-1234');
    await page.fill('#reason', 'Anmodning 2026-117');
    await page.click('button:has-text("Find sager og dokumenter")');
    await page.waitForSelector('#report-title');
    expect(await page.textContent('main')).toContain('Ansøgning om hjælpemiddel');
    await checkA11y(page, 'the report');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoOverflow(page, 'the report at 375 px');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no axe violations on the case page when closing is refused', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'sagsbehandler');
    await page.goto(`${server.base}/cases/${caseId}`);
    await page.click('button:has-text("Afslut sag")');
    await page.waitForSelector('#close-problems');
    expect(await page.textContent('#close-problems')).toContain(
      'Fristen "Svar til borger" er ikke markeret som klaret',
    );
    await checkA11y(page, 'the case page with a refused close');
    expect(problems).toEqual([]);
    await context.close();
  });
});
