import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import type { Role } from '../../policy/index.ts';
import { createUser } from '../users/service.ts';
import { haveGhostscript, seedArchivedPeriod } from './export/export.fixtures.ts';
import { DEFAULT_RECORDS_SETTINGS, periodOf } from './settings.ts';

/**
 * /admin/records/exports through the whole app: who may see and act, the start form's Danish
 * errors with the input kept, an export started there running in the background job to the end,
 * the page's fragment for htmx polling, and recording the delivery of a valid export.
 */

describe.skipIf(!haveGhostscript).each(DIALECTS)('archival version pages (%s)', (dialect) => {
  let t: TestApp;
  const cookies = new Map<string, string>();
  // A period that has ended on any clock the suite runs on, and the current one that has not.
  const current = periodOf(copenhagenDate(new Date()), DEFAULT_RECORDS_SETTINGS);
  const first = Number(current.start.slice(0, 4)) - 5;
  const label = `${first}-${first + 4}`;
  const currentLabel = `${current.start.slice(0, 4)}-${current.end.slice(0, 4)}`;

  async function addUser(username: string, roles: Role[]) {
    const res = await createUser(
      t.db.database,
      {
        username,
        displayName: username,
        email: '',
        phone: '',
        title: '',
        orgUnitId: '',
        managerUsername: '',
        password: 'en-lang-adgangskode',
        roles,
        isActive: true,
      },
      null,
      { scryptCost: 1024 },
    );
    if (!res.ok) throw new Error(`could not create ${username}`);
    cookies.set(username, await t.signIn(username, 'en-lang-adgangskode'));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: false, config: { runJobs: true } });
    await addUser('arkiv', ['records_manager', 'employee']);
    await addUser('admin', ['admin', 'employee']);
    await addUser('ansat', ['caseworker', 'employee']);
    await seedArchivedPeriod(t.db.database, t.services.blobs, { firstYear: first });
  });
  afterAll(async () => t.cleanup());

  const get = (url: string, user: string, headers: Record<string, string> = {}) =>
    t.get(url, { cookie: cookies.get(user), headers });
  const post = (url: string, user: string, form: Record<string, string>) =>
    t.post(url, form, { cookie: cookies.get(user) });

  async function untilDone(id: number): Promise<string> {
    for (;;) {
      const res = await get(`/admin/records/exports/${id}`, 'arkiv', { 'HX-Request': 'true' });
      const html = await res.text();
      if (!html.includes('hx-trigger="every 5s"')) return html;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('shows the list to records.view, the form to records.manage, and nothing to others', async () => {
    expect((await get('/admin/records/exports', 'ansat')).status).toBe(403);
    expect((await post('/admin/records/exports', 'ansat', { period: label, number: '1' })).status).toBe(403);
    const admin = await (await get('/admin/records/exports', 'admin')).text();
    expect(admin).toContain('<h1 id="page-title"');
    expect(admin).toContain('Der er endnu ingen arkiveringsversioner.');
    expect(admin).not.toContain('Start eksport');
    expect((await post('/admin/records/exports', 'admin', { period: label, number: '1' })).status).toBe(403);
    const page = await (await get('/admin/records/exports', 'arkiv')).text();
    expect(page).toContain('Start eksport');
    expect(page).toContain(`<option value="${label}"`);
    expect(page).toContain('AVID.SA.&lt;nummer&gt;.1');
  });

  it('refuses bad input with Danish messages and keeps what was typed', async () => {
    let res = await post('/admin/records/exports', 'arkiv', { period: label, number: '018005', tiffMode: 'gray' });
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain('Skriv arkiveringsversionens nummer, som arkivet har givet det');
    expect(html).toContain('value="018005"');
    expect(html).toMatch(/<option value="gray" selected/);
    expect(html).toContain('aria-invalid="true"');

    res = await post('/admin/records/exports', 'arkiv', { period: currentLabel, number: '18005', tiffMode: 'auto' });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain(`Perioden er ikke slut endnu: den slutter ${current.end}.`);
    expect(html).toContain('value="18005"');
    expect(await t.db.database.db.selectFrom('archival_exports').select('id').execute()).toEqual([]);
  });

  it(
    'starts an export that the job runs in the background, polls its progress, and records its delivery',
    { timeout: 180_000 },
    async () => {
      const res = await post('/admin/records/exports', 'arkiv', { period: label, number: '18005', tiffMode: 'auto' });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toMatch(/^\/admin\/records\/exports\/\d+$/);
      const id = Number(location.split('/').pop());

      // While it runs, the list and the page poll themselves; the fragment is just the changing part.
      const fragment = await untilDone(id);
      expect(fragment).not.toContain('<html');
      expect(fragment).toContain('id="export-state"');
      // The job checks what it wrote with the validator (app.tsx wires validateArchivalVersion).
      expect(fragment).toContain('Gyldig');
      expect(fragment).toMatch(/<progress[^>]*aria-label="Fremdrift for AVID.SA.18005.1"/);
      // The page's own poll, once the export has finished, reloads the whole page (findings, delivery).
      const lastPoll = await get(location, 'arkiv', { 'HX-Request': 'true', 'HX-Trigger': 'export-state' });
      expect(lastPoll.status).toBe(204);
      expect(lastPoll.headers.get('HX-Refresh')).toBe('true');

      const cookie = withCookies(cookies.get('arkiv')!, res);
      const page = await (await t.get(location, { cookie })).text();
      expect(page).toContain('Arkiveringsversion AVID.SA.18005.1');
      expect(page).toContain('Eksporten er startet');
      expect(page).toContain('Referat af møde');
      expect(page).toContain('Kontrollen fandt ingen fejl.');
      const list = await (await get('/admin/records/exports', 'arkiv')).text();
      expect(list).toContain(`href="/admin/records/exports/${id}"`);
      expect(list).not.toContain('hx-trigger="every 5s"');
      const reads = await t.db.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'records.export.%')
        .execute();
      expect(reads.map((r) => r.action)).toEqual(['records.export.create', 'records.export.view']);

      // Only a valid export can be delivered: one not yet checked is refused.
      const checked = await t.db.database.db
        .selectFrom('archival_exports')
        .select(['validation'])
        .executeTakeFirstOrThrow();
      expect(JSON.parse(checked.validation!)).toMatchObject({ ok: true, avid: 'AVID.SA.18005.1' });
      await t.db.database.db.updateTable('archival_exports').set({ status: 'written', validation: null }).execute();
      const unchecked = await (await get(location, 'arkiv')).text();
      expect(unchecked).toContain('Arkiveringsversionen er endnu ikke kontrolleret.');
      expect(unchecked).toContain('Afleveringen kan registreres, når arkiveringsversionen er kontrolleret og gyldig.');
      let delivery = await post(`${location}/delivery`, 'arkiv', { date: '2026-01-05', reference: 'J.nr. 2026-123' });
      expect(delivery.status).toBe(303);
      expect(
        (await t.db.database.db.selectFrom('archival_exports').select('status').executeTakeFirstOrThrow()).status,
      ).toBe('written');
      await t.db.database.db
        .updateTable('archival_exports')
        .set({ status: 'valid', validation: checked.validation })
        .execute();
      const valid = await (await get(location, 'arkiv')).text();
      expect(valid).toContain('Kontrollen fandt ingen fejl.');
      expect(valid).toContain('Registrér aflevering');
      expect(await (await get(location, 'admin')).text()).not.toContain('Registrér aflevering');

      delivery = await post(`${location}/delivery`, 'arkiv', { date: '5. januar', reference: '' });
      expect(delivery.status).toBe(422);
      const errors = await delivery.text();
      expect(errors).toContain('Skriv datoen for afleveringen (åååå-mm-dd).');
      expect(errors).toContain('Skriv arkivets kvittering eller journalnummer.');
      expect(errors).toContain('value="5. januar"');
      const today = copenhagenDate(new Date());
      delivery = await post(`${location}/delivery`, 'arkiv', { date: today, reference: 'J.nr. 2026-123' });
      expect(delivery.status).toBe(303);
      const row = await t.db.database.db
        .selectFrom('archival_exports')
        .select(['status', 'delivery_reference', 'delivered_by'])
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'delivered', delivery_reference: 'J.nr. 2026-123' });
      expect(row.delivered_by).not.toBeNull();
      const delivered = await (await get(location, 'arkiv')).text();
      expect(delivered).toContain('J.nr. 2026-123');
      const logged = await t.db.database.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('action', '=', 'records.export.deliver')
        .execute();
      expect(logged).toHaveLength(1);
      expect(logged[0]!.summary).toContain('J.nr. 2026-123');
    },
  );

  it('resumes a failed export', { timeout: 120_000 }, async () => {
    const e = await t.db.database.db.selectFrom('archival_exports').select('id').executeTakeFirstOrThrow();
    await t.db.database.db
      .updateTable('archival_exports')
      .set({ status: 'failed', error: 'Eksporten stoppede: disken var fuld' })
      .execute();
    const page = await (await get(`/admin/records/exports/${e.id}`, 'arkiv')).text();
    expect(page).toContain('Eksporten stoppede: disken var fuld');
    expect(page).toContain('Genoptag eksporten');
    expect((await post(`/admin/records/exports/${e.id}/resumption`, 'admin', {})).status).toBe(403);
    const res = await post(`/admin/records/exports/${e.id}/resumption`, 'arkiv', {});
    expect(res.status).toBe(303);
    expect(await untilDone(Number(e.id))).toContain('Gyldig');
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'records.export.resume')
      .execute();
    expect(logged).toHaveLength(1);
    expect((await get('/admin/records/exports/99999', 'arkiv')).status).toBe(404);
  });
});
