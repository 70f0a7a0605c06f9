import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { addRequest, addTextDocument } from '../access-requests/access-requests.fixtures.ts';
import { documentsCloseCheck } from '../documents/index.ts';
import { accessRequestsCloseCheck } from '../access-requests/index.ts';
import { createTestCase } from './cases.fixtures.ts';
import { changeStatus } from './service.ts';

/**
 * Closing a case checks that it is ready (close-check.ts and the checks src/app.tsx wires in):
 * each kind of problem refuses the close with a link to what needs doing, and a ready case closes
 * with its deletion date (closing date in Copenhagen + the subject's deletion period).
 */
describe.each(DIALECTS)('closing a case (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    // KL's deletion period on the subject the test cases use (02.34.02).
    await t.db.database.db
      .updateTable('kle_subjects')
      .set({ deletion_period: 'P1825D' })
      .where('number', '=', '02.34.02')
      .execute();
    for (const u of ['sagsbehandler', 'journal']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  const close = (id: number) => t.post(`/cases/${id}/status`, { change: 'close' }, { cookie: cookie.sagsbehandler });
  const status = async (id: number) =>
    await t.db.database.db
      .selectFrom('cases')
      .select(['status', 'closed_at', 'deletion_due_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('refuses to close while anything is missing, listing each problem as a link, and closes when ready', async () => {
    const db = t.db.database;
    const id = await createTestCase(t, cookie.sagsbehandler!, { title: 'Carport, mangler' });
    const as = { cookie: cookie.sagsbehandler };
    expect((await t.post(`/cases/${id}/deadlines`, { title: 'Høring af nabo', dueOn: '2030-01-01' }, as)).status).toBe(
      303,
    );
    const deadline = (
      await db.db.selectFrom('case_deadlines').select('id').where('case_id', '=', id).executeTakeFirstOrThrow()
    ).id;
    const draft = await addTextDocument(db, t.services.blobs, id, {
      title: 'Udkast til afgørelse',
      text: 'Udkast',
      journalised: false,
    });
    const asked = await addRequest(db, { caseId: null, status: 'new', askedCases: [id] });
    const akt = await createTestCase(t, cookie.sagsbehandler!, { type: 'access_request', title: 'Aktindsigt' });
    const aktNumber = (await db.db.selectFrom('cases').select('number').where('id', '=', akt).executeTakeFirstOrThrow())
      .number;
    const viaAkt = await addRequest(db, { caseId: akt, status: 'open', askedCases: [id] });

    const refused = await close(id);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('id="close-problems"');
    expect(html).toContain('href="#close-problems"'); // the error summary at the top leads to the list
    expect(html).toContain('Sagen kan ikke afsluttes endnu. Det mangler (4):');
    expect(html).toContain(`href="/cases/${id}#deadline-${deadline}"`);
    expect(html).toContain('Fristen &quot;Høring af nabo&quot; er ikke markeret som klaret');
    expect(html).toContain(`id="deadline-${deadline}"`); // the link's target exists on the page
    expect(html).toContain(`href="/cases/${id}/documents/${draft.id}"`);
    expect(html).toContain('Dokumentet &quot;Udkast til afgørelse&quot; er ikke journaliseret');
    expect(html).toContain(`href="/access-requests/${asked}"`);
    expect(html).toContain(`En anmodning om aktindsigt (nr. ${asked}) er ikke besvaret`);
    expect(html).toContain(`href="/access-requests/${viaAkt}"`);
    expect(html).toContain(`Anmodningen om aktindsigt i sag ${aktNumber} er ikke besvaret`);
    expect((await status(id)).status).toBe('open');

    // Fix them one by one, through the routes a caseworker uses.
    expect((await t.post(`/cases/${id}/deadlines/${deadline}/completion`, {}, as)).status).toBe(303);
    expect((await t.post(`/cases/${id}/documents/${draft.id}/journalisation`, {}, as)).status).toBe(303);
    const notFinal = await (await close(id)).text();
    expect(notFinal).toContain('Dokumentet &quot;Udkast til afgørelse&quot; er ikke låst som endeligt');
    expect(notFinal).not.toContain('er ikke markeret som klaret');
    expect((await t.post(`/cases/${id}/documents/${draft.id}/finalisation`, {}, as)).status).toBe(303);
    await db.db.updateTable('access_requests').set({ status: 'answered' }).where('id', '=', asked).execute();
    const oneLeft = await close(id);
    expect(oneLeft.status).toBe(422);
    expect(await oneLeft.text()).toContain('Det mangler (1):');
    await db.db.updateTable('access_requests').set({ status: 'withdrawn' }).where('id', '=', viaAkt).execute();

    const closed = await close(id);
    expect(closed.status).toBe(303);
    expect((await status(id)).status).toBe('closed');
  });

  it('refuses to close an AKT case whose own request is unanswered', async () => {
    const akt = await createTestCase(t, cookie.sagsbehandler!, { type: 'access_request', title: 'Aktindsigt 2' });
    const request = await addRequest(t.db.database, { caseId: akt, status: 'open' });
    const res = await close(akt);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`href="/access-requests/${request}"`);
  });

  it('sets the deletion date from the Copenhagen closing date and clears it on reopening', async () => {
    const id = await createTestCase(t, cookie.sagsbehandler!, { title: 'Carport, slettefrist' });
    const db = t.db.database;
    const row = await db.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const user = await db.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const actor = { id: user.id, name: user.display_name, roles: ['caseworker' as const], orgUnitId: user.org_unit_id };
    // 23:30 UTC on New Year's Eve is already 1 January 2027 in Copenhagen; + 1825 days.
    const result = await changeStatus(db, row, 'close', actor, {
      at: new Date('2026-12-31T23:30:00Z'),
      checks: [documentsCloseCheck, accessRequestsCloseCheck],
    });
    expect(result.ok).toBe(true);
    expect(await status(id)).toMatchObject({ status: 'closed', deletion_due_on: '2031-12-31' });
    const page = await (await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Personoplysninger slettes');
    expect(page).toContain('31.12.2031');

    const reopened = await t.post(
      `/cases/${id}/status`,
      { change: 'reopen', reason: 'Nye oplysninger' },
      { cookie: cookie.sagsbehandler },
    );
    expect(reopened.status).toBe(303);
    expect(await status(id)).toMatchObject({ status: 'open', closed_at: null, deletion_due_on: null });

    // A subject without a deletion period: no date.
    const other = await createTestCase(t, cookie.sagsbehandler!, {
      title: 'Lokalplan',
      kleNumber: '02.00.00',
      facetCode: 'G01',
    });
    expect((await close(other)).status).toBe(303);
    expect(await status(other)).toMatchObject({ status: 'closed', deletion_due_on: null });
  });
});
