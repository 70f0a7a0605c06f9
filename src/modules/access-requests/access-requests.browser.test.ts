/**
 * The access-request pages in a real browser (Debian's Chromium through playwright-core) with
 * axe-core at WCAG 2.1 AA: the list, the overdue list, the registration form with its errors, the
 * request page, the decision page (also after a refused save) and the legal-bases admin page.
 * Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
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
import type { Role } from '../../policy/index.ts';
import { createCase, emptyCaseInput } from '../cases/index.ts';
import { makePdf } from '../documents/documents.fixtures.ts';
import { getDocument, journalise, uploadDocuments } from '../documents/index.ts';
import { putSetting } from '../../db/settings.ts';
import { SENDER_CVR_SETTING } from '../letters/index.ts';
import { extendDeadline } from './deadlines.ts';
import { emptyRequestInput, registerRequest } from './service.ts';

describe.skipIf(!haveChromium).each(DIALECTS)('access-request pages in a real browser (%s)', (dialect) => {
  let t: TestApp;
  let server: TestServer;
  let browser: Browser;
  let requestId: number;
  let itemId: number;
  let extendedId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.database;
    const u = await db.db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const actor = { id: u.id, name: u.display_name, roles: ['caseworker' as Role], orgUnitId: u.org_unit_id };
    const c = await createCase(
      db,
      emptyCaseInput({ title: 'Carport på Østergade 12', kleNumber: '02.34.02', unitId: String(u.org_unit_id) }),
      actor,
    );
    if (!c.ok) throw new Error('case');
    const row = await db.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const up = await uploadDocuments(
      db,
      t.services.blobs,
      row,
      [{ name: 'ansoegning.pdf', type: 'application/pdf', bytes: await makePdf(['Jeg søger om en carport.']) }],
      { title: 'Ansøgning', direction: 'incoming', documentDate: '2026-11-20', sender: 'Borger', recipient: '' },
      actor,
    );
    if (!up.ok) throw new Error('upload');
    await journalise(db, row, (await getDocument(db, c.id, up.ids[0]!))!, actor);
    const r = await registerRequest(
      db,
      emptyRequestInput({
        kind: 'journalist',
        name: 'Mads Kronborg',
        email: 'mads@example.dk',
        receivedAt: new Date(Date.now() - 20 * 86400_000).toISOString(),
        asksFor: 'Alle dokumenter i byggesagen',
        caseNumbers: c.number,
      }),
      actor,
    );
    if (!r.ok) throw new Error('register');
    requestId = r.id;
    itemId = (
      await db.db
        .selectFrom('access_request_documents')
        .select('id')
        .where('request_id', '=', r.id)
        .executeTakeFirstOrThrow()
    ).id;
    // A request whose fristbrev went out as a letter: the page shows how, with its delivery status.
    await putSetting(db, SENDER_CVR_SETTING, '29189757');
    const sent = await registerRequest(
      db,
      emptyRequestInput({
        name: 'Mette Sørensen',
        cpr: '010190-1001',
        address: 'Åboulevarden 12',
        asksFor: 'Byggesagen',
        caseNumbers: c.number,
      }),
      actor,
    );
    if (!sent.ok) throw new Error('register');
    const sentRow = await db.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    const akt = await db.db.selectFrom('cases').selectAll().where('id', '=', sent.caseId).executeTakeFirstOrThrow();
    const x = await extendDeadline(
      db,
      t.services.blobs,
      sentRow,
      akt,
      { reason: 'Mange dokumenter.', newDate: '2099-01-05' },
      { ...actor, displayName: actor.name },
      { register: t.services.registers.persons },
    );
    if (!x.ok) throw new Error('fristbrev');
    extendedId = sent.id;
    server = await serveApp(t.app.fetch);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('has no axe violations on the lists, the form, the request page and the decision page', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'sagsbehandler');
    for (const [path, label] of [
      ['/access-requests', 'the list'],
      ['/access-requests/overdue', 'the overdue list'],
      ['/access-requests/new', 'the registration form'],
      [`/access-requests/${requestId}`, 'the request page'],
      [`/access-requests/${extendedId}`, 'the request page with a fristbrev sent by Digital Post'],
      [`/access-requests/${requestId}/documents/${itemId}`, 'the decision page'],
      [`/access-requests/${requestId}/answer`, 'the answer page'],
    ] as const) {
      await page.goto(`${server.base}${path}`);
      await checkA11y(page, label);
    }
    await page.goto(`${server.base}/access-requests/overdue`);
    expect(await page.textContent('main')).toContain('Mads Kronborg');

    // A refused save: the error summary and the fields' messages are checked too.
    await page.goto(`${server.base}/access-requests/${requestId}/documents/${itemId}`);
    await page.check('#decision-refused');
    await page.click('button:has-text("Gem afgørelsen")');
    await page.waitForSelector('#error-summary');
    await checkA11y(page, 'the decision page with errors');

    await page.goto(`${server.base}/access-requests/new`);
    await page.click('button:has-text("Registrér anmodningen")');
    await page.waitForSelector('#error-summary');
    await checkA11y(page, 'the registration form with errors');

    // Withdrawing without a reason: the error summary, and the request stays open.
    await page.goto(`${server.base}/access-requests/${requestId}`);
    await page.click('button:has-text("Træk anmodningen tilbage")');
    await page.waitForSelector('#error-summary');
    expect(await page.textContent('#error-summary')).toContain('Skriv, hvorfor anmodningen trækkes tilbage.');
    await checkA11y(page, 'the request page with a refused withdrawal');

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.base}/access-requests/${requestId}`);
    await expectNoOverflow(page, 'the request page at 375 px');
    // The list shows one block per row at 375 px: nothing to scroll sideways.
    await page.goto(`${server.base}/access-requests?filter=all`);
    await expectNoOverflow(page, 'the list at 375 px');
    await checkA11y(page, 'the list at 375 px');
    const region = await page.$eval('table.stack-table', (el) => ({
      scroll: el.parentElement!.scrollWidth,
      client: el.parentElement!.clientWidth,
    }));
    expect(region.scroll).toBeLessThanOrEqual(region.client);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no axe violations on the legal-bases admin page', async () => {
    const { context, page, problems } = await signedIn(browser, server.base, 'admin');
    await page.goto(`${server.base}/admin/legal-bases`);
    await checkA11y(page, 'the legal bases');
    expect(problems).toEqual([]);
    await context.close();
  });
});
