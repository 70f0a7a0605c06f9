/**
 * The letters pages in a real browser (Debian's Chromium through playwright-core) with axe-core at
 * WCAG 2.1 AA: the case's "Breve" section (list, merged form, preview, a refused send), the front
 * page with a failed letter, and the administrators' template and Digital Post pages. Skipped
 * without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import {
  checkA11y,
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { putSetting } from '../../db/settings.ts';
import { SENDER_CVR_SETTING } from './dispatch.ts';
import { createTestCase } from '../cases/cases.fixtures.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('letters in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let caseId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    await putSetting(t.db.database, SENDER_CVR_SETTING, '29189757');
    const cookie = await t.signIn('sagsbehandler');
    caseId = await createTestCase(t, cookie);
    await t.post(
      `/cases/${caseId}/parties`,
      {
        kind: 'person',
        role: 'party',
        name: 'Mette Sørensen',
        cpr: '010190-1001',
        cvr: '',
        address: 'Åboulevarden 12, 8000 Aarhus C',
        email: '',
        phone: '',
      },
      { cookie },
    );
    const partyId = (
      await t.db.database.db
        .selectFrom('case_parties')
        .select('id')
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).id;
    for (const title of ['Kvittering for din henvendelse', 'Partshøring']) {
      const sent = await t.post(
        `/cases/${caseId}/letters`,
        { step: 'send', partyId: String(partyId), templateId: '', deadline: '', title, body: 'Kære Mette\n\nTekst.' },
        { cookie },
      );
      expect(sent.status).toBe(303);
    }
    const failed = await t.db.database.db
      .selectFrom('letters')
      .select('outbox_id')
      .where('title', '=', 'Partshøring')
      .executeTakeFirstOrThrow();
    await t.db.database.db
      .updateTable('digital_post_outbox')
      .set({ status: 'failed', last_error: 'gateway down' })
      .where('id', '=', failed.outbox_id)
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

  it('the case section, merged, previewed and refused, and the front page have no axe violations', async () => {
    const { context, page, problems } = await signedInAs(browser, base, 'sagsbehandler');
    await checkA11y(page, 'the front page with a failed letter');
    await expect.poll(() => page.locator('#failed-letters-title').count()).toBe(1);
    await page.goto(`${base}/cases/${caseId}`);
    await page.locator('#letters summary').click();
    await page.selectOption('#letter-template', { label: 'Partshøring' });
    await page.locator('button[name="step"][value="merge"]').click();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.inputValue('#letter-title')).toMatch(/^Partshøring – sag /);
    await checkA11y(page, 'the case page with a merged letter');
    await page.locator('button[name="step"][value="preview"]').click();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('#letter-preview-title').count()).toBe(1);
    await checkA11y(page, 'the case page with a preview');
    await page.fill('#letter-body', '');
    await page.locator('button[name="step"][value="send"]').click();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('#error-summary').count()).toBe(1);
    await checkA11y(page, 'the case page with a refused letter');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the administrators' pages have no axe violations", async () => {
    const { context, page, problems } = await signedInAs(browser, base, 'admin');
    for (const path of ['/admin/letter-templates', '/admin/letter-templates/new', '/admin/digital-post']) {
      await page.goto(`${base}${path}`);
      await checkA11y(page, path);
    }
    await page.goto(`${base}/admin/letter-templates/new`);
    await page.fill('#name', 'Prøve');
    await page.fill('#title', '{{ukendt}}');
    await page.locator('main form button[type="submit"].btn-primary').click();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('#error-summary').count()).toBe(1);
    await checkA11y(page, 'the template form with errors');
    // "Vis eksempel" with a valid template: the merged example on the form.
    await page.fill('#title', 'Påmindelse – {{sag.nummer}}');
    await page.fill('#body', 'Kære {{part.navn}}');
    await page.locator('main form button[name="step"][value="preview"]').click();
    await expect.poll(() => page.locator('#template-preview-title').count()).toBe(1);
    expect(await page.textContent('main')).toContain('Kære Jens Eksempel');
    await checkA11y(page, 'the template form with its example');
    await page.goto(`${base}/admin/digital-post?status=failed`);
    await expect.poll(() => page.locator('text=gateway down').count()).toBe(1);
    await checkA11y(page, 'the failed messages');
    expect(problems).toEqual([]);
    await context.close();
  });
});
