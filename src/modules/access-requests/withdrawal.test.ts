import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { addItem, addRequest, addTextDocument, makeCase, unitOf } from './access-requests.fixtures.ts';

describe.each(DIALECTS)('withdrawing an access request (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let unit: number;
  /** A fresh AKT case (a request has a case of its own). */
  const aktCase = (by = 'sagsbehandler', extra: Record<string, string> = {}) =>
    makeCase((p, f, o) => t.post(p, f, o), cookie[by]!, unit, { title: 'Aktindsigt', ...extra });
  let source: number;
  let docId: number;

  const statusOf = async (id: number) =>
    (
      await t.db.database.db
        .selectFrom('access_requests')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  const withdrawals = (id: number) =>
    t.db.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'accessRequest.withdraw')
      .execute()
      .then((rows) => rows.filter((r) => (JSON.parse(r.details ?? '{}') as { request?: number }).request === id));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const database = t.db.database;
    await insertTestKle(database);
    for (const u of ['sagsbehandler', 'journal', 'medarbejder']) cookie[u] = await t.signIn(u);
    unit = await unitOf(database, 'sagsbehandler');
    source = await aktCase('sagsbehandler', { title: 'Støjklage' });
    docId = (await addTextDocument(database, t.services.blobs, source, { title: 'Klage', text: 'Naboen klager.' })).id;
  });
  afterAll(async () => t.cleanup());

  it('withdraws an open request with a reason kept in the audit log, shown on the page, and stops decisions', async () => {
    const id = await addRequest(t.db.database, { caseId: await aktCase(), askedCases: [source] });
    const item = await addItem(t.db.database, id, docId, null);
    const page = await (await t.get(`/access-requests/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain(`action="/access-requests/${id}/withdrawal"`);

    const res = await t.post(
      `/access-requests/${id}/withdrawal`,
      { reason: 'Anmoderen har trukket anmodningen tilbage pr. e-mail.' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/access-requests/${id}`);
    expect(await statusOf(id)).toBe('withdrawn');
    const entries = await withdrawals(id);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details!)).toMatchObject({
      reason: 'Anmoderen har trukket anmodningen tilbage pr. e-mail.',
    });

    const after = await (await t.get(`/access-requests/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(after).toContain('Trukket tilbage');
    expect(after).toContain('Anmoderen har trukket anmodningen tilbage pr. e-mail.');
    expect(after).not.toContain(`action="/access-requests/${id}/withdrawal"`);
    expect(after).not.toContain(`action="/access-requests/${id}/extension"`);

    // No decision and no second withdrawal on a withdrawn request.
    const decision = await t.post(
      `/access-requests/${id}/documents/${item}/decision`,
      { decision: 'full' },
      { cookie: cookie.sagsbehandler },
    );
    expect(decision.status).toBe(422);
    const again = await t.post(
      `/access-requests/${id}/withdrawal`,
      { reason: 'Igen' },
      { cookie: cookie.sagsbehandler },
    );
    expect(again.status).toBe(422);
    expect(await withdrawals(id)).toHaveLength(1);
  });

  it('asks for a reason (422 with an error summary) and changes nothing without one', async () => {
    const id = await addRequest(t.db.database, { caseId: await aktCase() });
    const res = await t.post(`/access-requests/${id}/withdrawal`, { reason: '   ' }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Skriv, hvorfor anmodningen trækkes tilbage.');
    expect(html).toContain('href="#wd-reason"');
    expect(html).toContain('aria-invalid="true"');
    expect(await statusOf(id)).toBe('open');
    expect(await withdrawals(id)).toHaveLength(0);
  });

  it('withdraws a request from the public form before it is registered', async () => {
    const id = await addRequest(t.db.database, { caseId: null, status: 'new' });
    const page = await (await t.get(`/access-requests/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain(`href="/access-requests/new?from=${id}"`);
    const res = await t.post(`/access-requests/${id}/withdrawal`, { reason: 'Dublet' }, { cookie: cookie.journal });
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('withdrawn');
    expect(await withdrawals(id)).toHaveLength(1);
  });

  it('refuses staff without the role (403) and those outside a confidential AKT case (404)', async () => {
    const open = await addRequest(t.db.database, { caseId: await aktCase() });
    const secret = await addRequest(t.db.database, {
      caseId: await aktCase('journal', { confidential: '1', accessUsernames: 'journal' }),
    });
    const fromForm = await addRequest(t.db.database, { caseId: null, status: 'new' });
    for (const id of [open, fromForm])
      expect(
        (await t.post(`/access-requests/${id}/withdrawal`, { reason: 'x' }, { cookie: cookie.medarbejder })).status,
      ).toBe(403);
    expect(
      (await t.post(`/access-requests/${secret}/withdrawal`, { reason: 'x' }, { cookie: cookie.sagsbehandler })).status,
    ).toBe(404);
    const anonymous = await t.post(`/access-requests/${open}/withdrawal`, { reason: 'x' });
    expect(anonymous.headers.get('location') ?? '').toContain('/login');
    for (const id of [open, secret, fromForm]) expect(await statusOf(id)).not.toBe('withdrawn');
  });
});
