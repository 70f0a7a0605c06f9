import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';

describe.each(DIALECTS)('administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterAll(async () => t.cleanup());

  describe('audit page', () => {
    it('filters by user and action, verifies the chain, and logs its own use', async () => {
      const res = await t.get('/admin/audit?actor=annette&action=session', { cookie: admin });
      const page = await res.text();
      expect(res.status).toBe(200);
      // The results (the action list above them names every action).
      const html = page.slice(page.indexOf('id="audit-results"'));
      expect(html).toContain('Loggede ind');
      expect(html).not.toContain('Indlæste demokommunen');
      const own = await t.db.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'audit.view')
        .execute();
      expect(own.length).toBeGreaterThanOrEqual(1);
    });

    it('checks the whole chain only on a POST from its own form, never on a GET any page could send', async () => {
      const verifications = async () =>
        Number(
          (
            await t.db.database.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('action', '=', 'audit.verify')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await verifications();
      // The old address runs nothing any more, opened as a page or as an <img> on some page (which
      // is not even served the log, nor logged as reading it).
      const get = await t.get('/admin/audit?verify=1', { cookie: admin });
      expect(get.status).toBe(200);
      expect(await get.text()).not.toContain('Kæden er intakt');
      expect(await verifications()).toBe(before);
      const views = async () =>
        (await t.db.database.db.selectFrom('audit_log').select('id').where('action', '=', 'audit.view').execute())
          .length;
      const viewsBefore = await views();
      const img = await t.get('/admin/audit?verify=1', {
        cookie: admin,
        headers: { 'Sec-Fetch-Dest': 'image', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Site': 'same-origin' },
      });
      expect(img.status).toBe(404);
      expect(await img.text()).not.toContain('Loggede ind');
      expect(await views()).toBe(viewsBefore);
      expect(await verifications()).toBe(before);
      // The page offers the check as a form post that keeps the filter.
      const page = await (await t.get('/admin/audit?action=session', { cookie: admin })).text();
      const form = /<form method="post" action="\/admin\/audit\/verifications">[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
      expect(form).toContain('<input type="hidden" name="action" value="session"');
      // A cross-site post is refused by the CSRF check.
      const forged = await t.app.request('http://localhost/admin/audit/verifications', {
        method: 'POST',
        headers: { Cookie: admin, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(forged.status).toBe(403);
      expect(await verifications()).toBe(before);
      // Our own form runs it and shows the result on the audit page, filter kept.
      const res = await t.post('/admin/audit/verifications', { action: 'session' }, { cookie: admin });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/audit?action=session');
      expect(await verifications()).toBe(before + 1);
      const shown = await (await t.get(res.headers.get('location')!, { cookie: withCookies(admin, res) })).text();
      expect(shown).toMatch(/Kæden er intakt: [\d.]+ hændelser kontrolleret/);
      // Only those allowed to verify may.
      const caseworker = await t.signIn('sagsbehandler');
      expect((await t.post('/admin/audit/verifications', {}, { cookie: caseworker })).status).toBe(403);
      expect(await verifications()).toBe(before + 1);
    });

    it('rejects a malformed date with a message, not an error', async () => {
      const res = await t.get('/admin/audit?from=26-11-2026', { cookie: admin });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Skriv en dato som åååå-mm-dd');
      expect(html).toContain('value="26-11-2026"');
    });

    it('answers htmx with the results fragment and a live announcement', async () => {
      const res = await t.get('/admin/audit?action=user', { cookie: admin, headers: { 'HX-Request': 'true' } });
      const html = await res.text();
      expect(html).not.toContain('<html');
      expect(html).toContain('id="audit-results"');
      expect(html).toMatch(/<div id="live" hx-swap-oob="innerHTML">\d+ hændelser vist<\/div>/);
    });
  });

  describe('jobs page', () => {
    it('runs the clean-up by hand and shows the result', async () => {
      const res = await t.post('/admin/jobs/session-cleanup/runs', {}, { cookie: admin });
      expect(res.status).toBe(303);
      const html = await (await t.get('/admin/jobs', { cookie: withCookies(admin, res) })).text();
      expect(html).toContain('Jobbet &quot;Oprydning i udløbne sessioner&quot; er kørt');
      expect(html).toContain('Gennemført');
      expect(html).toContain('Manuelt');
    });

    it('answers 404 for a job that does not exist', async () => {
      expect((await t.post('/admin/jobs/no-such-job/runs', {}, { cookie: admin })).status).toBe(404);
    });
  });
});
