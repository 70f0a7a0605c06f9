import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { allText } from '../../../test/helpers/pdf.ts';
import { addItem, addLegalBasis, addRequest, addTextDocument, makeCase, unitOf } from './access-requests.fixtures.ts';

const TEXT = 'Naboen Bo Quist klager over støj. Han bor på Lindevej 3.\n\nSagen afgøres i december.';

describe.each(DIALECTS)('redaction routes (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let requestId: number;
  let itemId: number;
  let sha: string;
  let secretItem: number;
  let b30: number;
  let b21: number;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const database = t.db.database;
    await insertTestKle(database);
    for (const u of ['sagsbehandler', 'journal', 'medarbejder']) cookie[u] = await t.signIn(u);
    const unit = await unitOf(database, 'sagsbehandler');
    const post = (p: string, f: Record<string, string>, o: { cookie: string }) => t.post(p, f, o);
    const akt = await makeCase(post, cookie.sagsbehandler!, unit, { title: 'Aktindsigt' });
    const source = await makeCase(post, cookie.sagsbehandler!, unit, { title: 'Støjklage' });
    const secret = await makeCase(post, cookie.journal!, unit, {
      title: 'Fortrolig',
      confidential: '1',
      accessUsernames: 'journal',
    });
    b30 = await addLegalBasis(database, 'offl', '§ 30, nr. 1', 'Private forhold');
    b21 = await addLegalBasis(database, 'offl', '§ 21', 'Personalesager');
    const doc = await addTextDocument(database, t.services.blobs, source, { title: 'Klage over støj', text: TEXT });
    sha = doc.sha;
    const secretDoc = await addTextDocument(database, t.services.blobs, secret, {
      title: 'Hemmelig',
      text: 'Hemmelig tekst.',
    });
    requestId = await addRequest(database, { caseId: akt, askedCases: [source] });
    itemId = await addItem(database, requestId, doc.id, 'partial', [b30]);
    secretItem = await addItem(database, requestId, secretDoc.id, null);
    base = `/access-requests/${requestId}/documents/${itemId}/redactions`;
  });
  afterAll(async () => t.cleanup());

  it('shows the text in numbered sentences with the no-JS and the selection forms', async () => {
    const res = await t.get(base, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Naboen Bo Quist klager over støj.');
    expect(html).toContain('data-o="0"');
    expect(html).toContain('x-data="redactionPicker"');
    expect(html).toContain('Undtag markeret tekst');
    expect(html).toContain('name="passage"');
    expect(html).toContain('name="fromSentence"');
    expect(html).toContain('Enkeltpersoners private, herunder økonomiske, forhold');
  });

  it('withholds a passage by its text, merges an overlapping one with the same basis, refuses another basis', async () => {
    let res = await t.post(
      base,
      { passage: 'Bo Quist', occurrence: '1', basis: String(b30) },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    res = await t.post(base, { passage: 'Quist klager', basis: String(b21) }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    const refused = await res.text();
    expect(refused).toContain('overlapper en passage');
    expect(refused).toContain('Quist klager'); // the user's input is kept
    res = await t.post(base, { passage: 'Quist klager', basis: String(b30) }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(303);
    const rows = await t.db.database.db
      .selectFrom('access_request_redactions')
      .selectAll()
      .where('item_id', '=', itemId)
      .execute();
    expect(rows.map((r) => TEXT.slice(r.start_offset, r.end_offset))).toEqual(['Bo Quist klager']);
    // By offsets (what the selection fills in) and by sentence numbers.
    const at = TEXT.indexOf('Lindevej 3');
    res = await t.post(
      base,
      { start: String(at), end: String(at + 10), basis: String(b30) },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    res = await t.post(
      base,
      { fromSentence: '3', toSentence: '3', basis: String(b21) },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const audit = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'accessRequest.redaction.add')
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('explains a passage that is not in the text, or a missing basis', async () => {
    let res = await t.post(base, { passage: 'findes ikke', basis: String(b30) }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Teksten blev ikke fundet');
    res = await t.post(base, { passage: 'december', basis: '' }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Vælg en lovhjemmel');
  });

  it('releases a copy without the withheld text, leaving the original untouched', async () => {
    const res = await t.get(`${base}/released.pdf`, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    const text = await allText(pdf);
    expect(text).toContain('[Undtaget efter offentlighedslovens § 30, nr. 1]');
    expect(text).toContain('[Undtaget efter offentlighedslovens § 21]');
    expect(text).not.toContain('Quist');
    expect(text).not.toContain('Lindevej');
    expect(text).not.toContain('december');
    expect(Buffer.from(pdf).includes('Quist')).toBe(false);
    const original = await t.services.blobs.read(sha);
    expect(createHash('sha256').update(original).digest('hex')).toBe(sha);
    expect(original.toString('utf8')).toBe(TEXT);
  });

  it('removes a passage again, with an audit entry', async () => {
    const row = await t.db.database.db
      .selectFrom('access_request_redactions')
      .select('id')
      .where('item_id', '=', itemId)
      .orderBy('start_offset', 'desc')
      .executeTakeFirstOrThrow();
    const res = await t.post(`${base}/${row.id}/delete`, {}, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(303);
    const left = await t.db.database.db
      .selectFrom('access_request_redactions')
      .select('id')
      .where('item_id', '=', itemId)
      .execute();
    expect(left).toHaveLength(2);
    const removed = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'accessRequest.redaction.remove')
      .execute();
    expect(removed).toHaveLength(1);
  });

  it('answers 404 to those who may not see the request or the document', async () => {
    expect((await t.get(base, { cookie: cookie.medarbejder })).status).toBe(404);
    expect((await t.post(base, { passage: 'Naboen', basis: String(b30) }, { cookie: cookie.medarbejder })).status).toBe(
      404,
    );
    // The document sits on a confidential case the caseworker cannot see.
    const secret = `/access-requests/${requestId}/documents/${secretItem}/redactions`;
    expect((await t.get(secret, { cookie: cookie.sagsbehandler })).status).toBe(404);
    // Another request's item id under this request.
    expect(
      (
        await t.get(`/access-requests/${requestId + 999}/documents/${itemId}/redactions`, {
          cookie: cookie.sagsbehandler,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses changes once the request is answered', async () => {
    await t.db.database.db
      .updateTable('access_requests')
      .set({ status: 'answered' })
      .where('id', '=', requestId)
      .execute();
    const res = await t.post(base, { passage: 'december', basis: String(b30) }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Anmodningen er besvaret');
    await t.db.database.db.updateTable('access_requests').set({ status: 'open' }).where('id', '=', requestId).execute();
  });
});
