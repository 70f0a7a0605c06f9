/**
 * Reads of personal data in a real browser (Debian's Chromium through playwright-core): Chromium's
 * own Sec-Fetch-Dest and Referer headers decide. The document page's image preview loads and is
 * logged; the same image, or the case page, asked for by an <img> on another of our pages is
 * refused and logs nothing. The audit chain check runs from its button. Skipped without Chromium
 * unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import {
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { makePng } from '../documents/documents.fixtures.ts';

describe.skipIf(!haveChromium)('reads of personal data in a real browser', () => {
  let t: TestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let caseId: number;
  let docId: number;

  const reads = async () =>
    (
      await t.db.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', 'in', ['case.view', 'document.download'])
        .orderBy('id')
        .execute()
    ).map((r) => `${r.action} ${r.entity_id}`);

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await insertTestKle(t.db.database);
    const cookie = await t.signIn('sagsbehandler');
    const unit = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const res = await t.post(
      '/cases',
      {
        type: 'citizen',
        title: 'Ansøgning om trappelift',
        kleNumber: '27.00.00',
        facetCode: 'G01',
        unitId: String(unit),
        partyName: 'Jens Hansen',
        partyCpr: '010190-1234',
      },
      { cookie },
    );
    caseId = Number(res.headers.get('location')!.split('/').pop());
    const up = await t.upload(
      `/cases/${caseId}/documents`,
      { title: 'Foto af trappen', direction: 'incoming', documentDate: '2026-11-20' },
      [{ field: 'files', name: 'trappe.png', type: 'image/png', content: makePng(40, 30) }],
      { cookie },
    );
    expect(up.status).toBe(303);
    docId = (
      await t.db.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', caseId)
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

  it("shows and logs the document page's own preview, and refuses the same image anywhere else", async () => {
    const { context, page } = await signedIn('sagsbehandler');
    const before = (await reads()).length;
    await page.goto(`${base}/cases/${caseId}/documents/${docId}`);
    const preview = page.locator('main img[alt="Foto af trappen"]');
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
    expect((await reads()).slice(before)).toEqual([`case.view ${caseId}`, `document.download ${caseId}`]);

    // The same addresses as images on another of our pages (what ![](/cases/97) in a post did).
    await page.goto(`${base}/rooms`);
    const after = (await reads()).length;
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes(`/cases/${caseId}`)) statuses.push(r.status());
    });
    const loaded = await page.evaluate(
      (srcs) =>
        Promise.all(
          srcs.map(
            (src) =>
              new Promise<number>((resolve) => {
                const img = document.createElement('img');
                img.onload = () => resolve(img.naturalWidth);
                img.onerror = () => resolve(-1);
                img.src = src;
                document.body.append(img);
              }),
          ),
        ),
      [
        `/cases/${caseId}`,
        `/cases/${caseId}/documents/${docId}/versions/1/file?inline=1`,
        `/cases/${caseId}/documents/${docId}/versions/1/file`,
      ],
    );
    expect(loaded).toEqual([-1, -1, -1]);
    expect(statuses).toEqual([404, 404, 404]);
    expect((await reads()).length).toBe(after);
    await context.close();
  });

  it('runs the audit chain check from its button and shows the result', async () => {
    const { context, page } = await signedIn('admin');
    await page.goto(`${base}/admin/audit`);
    await page.click('form[action="/admin/audit/verifications"] button');
    await page.waitForURL(`${base}/admin/audit`);
    await expect.poll(() => page.textContent('#flash')).toMatch(/Kæden er intakt: [\d.]+ hændelser kontrolleret/);
    await context.close();
  });
});
