/**
 * The ways between a request's pages that a caseworker expects: request → answer (or how many
 * documents are left), answered request → its answer document, decision → redaction for a partial
 * decision (and straight there after saving one), a request from the form → its registration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { addItem, addLegalBasis, addRequest, addTextDocument, makeCase, unitOf } from './access-requests.fixtures.ts';

describe.each(DIALECTS)('links between the request pages (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let unit: number;
  let source: number;
  let b30: number;
  const docs: number[] = [];

  const aktCase = () => makeCase((p, f, o) => t.post(p, f, o), cookie.sagsbehandler!, unit, { title: 'Aktindsigt' });
  const html = async (path: string) => (await t.get(path, { cookie: cookie.sagsbehandler })).text();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const database = t.db.database;
    await insertTestKle(database);
    for (const u of ['sagsbehandler', 'journal']) cookie[u] = await t.signIn(u);
    unit = await unitOf(database, 'sagsbehandler');
    source = await makeCase((p, f, o) => t.post(p, f, o), cookie.sagsbehandler!, unit, { title: 'Støjklage' });
    b30 = await addLegalBasis(database, 'offl', '§ 30, nr. 1', 'Private forhold');
    for (const title of ['Klage', 'Svar'])
      docs.push((await addTextDocument(database, t.services.blobs, source, { title, text: `${title}: Bo Quist.` })).id);
  });
  afterAll(async () => t.cleanup());

  it('says how many documents are left, then links to the answer once all are decided', async () => {
    const id = await addRequest(t.db.database, { caseId: await aktCase(), askedCases: [source] });
    await addItem(t.db.database, id, docs[0]!, 'full');
    const second = await addItem(t.db.database, id, docs[1]!, null);
    let page = await html(`/access-requests/${id}`);
    expect(page).toContain('1 dokument mangler en afgørelse, før svaret kan sendes.');
    expect(page).not.toContain('Gå til svaret');

    await t.db.database.db
      .updateTable('access_request_documents')
      .set({ decision: 'full' })
      .where('id', '=', second)
      .execute();
    page = await html(`/access-requests/${id}`);
    expect(page).toContain(`href="/access-requests/${id}/answer"`);
    expect(page).toContain('Gå til svaret');
    expect(page).not.toContain('mangler en afgørelse');
  });

  it('links an answered request to its answer document', async () => {
    const akt = await aktCase();
    const id = await addRequest(t.db.database, { caseId: akt, status: 'answered' });
    await t.db.database.db
      .updateTable('access_requests')
      .set({ answered_at: '2026-11-25T10:00:00.000Z', answer_channel: 'email', answer_document_id: docs[0]! })
      .where('id', '=', id)
      .execute();
    const page = await html(`/access-requests/${id}`);
    expect(page).toContain(`href="/cases/${akt}/documents/${docs[0]}"`);
    expect(page).toContain('Se svaret');
  });

  it('links a partial decision to its redaction page, and goes there after saving one', async () => {
    const id = await addRequest(t.db.database, { caseId: await aktCase(), askedCases: [source] });
    const partial = await addItem(t.db.database, id, docs[0]!, 'partial', [b30], 'Private forhold.');
    const undecided = await addItem(t.db.database, id, docs[1]!, null);
    const redactions = (item: number) => `/access-requests/${id}/documents/${item}/redactions`;
    expect(await html(`/access-requests/${id}/documents/${partial}`)).toContain(`href="${redactions(partial)}"`);
    expect(await html(`/access-requests/${id}/documents/${undecided}`)).not.toContain(redactions(undecided));

    const res = await t.post(
      `/access-requests/${id}/documents/${undecided}/decision`,
      { decision: 'partial', basisIds: String(b30), reason: 'Navne på privatpersoner.' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(redactions(undecided));
    const full = await t.post(
      `/access-requests/${id}/documents/${partial}/decision`,
      { decision: 'full' },
      { cookie: cookie.sagsbehandler },
    );
    expect(full.headers.get('location')).toBe(`/access-requests/${id}#documents`);
  });

  it('puts the registration of a request from the form up front, and names no documents yet', async () => {
    const id = await addRequest(t.db.database, { caseId: null, status: 'new' });
    const page = await html(`/access-requests/${id}`);
    expect(page).toContain('Ny anmodning om aktindsigt');
    expect(page).toContain(`href="/access-requests/new?from=${id}"`);
    expect(page).toContain('Dokumenterne bliver tilføjet, når anmodningen registreres');
    expect(page).not.toContain('Der er ingen journaliserede dokumenter i sagerne.');
  });
});
