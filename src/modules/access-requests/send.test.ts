import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { allText } from '../../../test/helpers/pdf.ts';
import { putSetting } from '../../db/settings.ts';
import { SENDER_CVR_SETTING } from '../letters/index.ts';
import { importPersonsCsv, type PersonRegister } from '../registers/index.ts';
import { extendDeadline } from './deadlines.ts';
import { addTextDocument, makeCase, unitOf } from './access-requests.fixtures.ts';

/**
 * How letters of access requests reach the requester: the fristbrev and the answer through the
 * letters module (Digital Post, remote print for the exempt), by e-mail, or by post.
 */

const PERSONS = [
  'cpr;name;street;postcode;city;protected_address;deceased;digital_post_exempt',
  '010190-1001;Mette Sørensen;Åboulevarden 12;8000;Aarhus C;0;0;0',
  '010160-2004;Jørgen Bæk;Hovedgaden 3;8660;Skanderborg;0;0;1',
].join('\n');

describe.each(DIALECTS)('letters of access requests (%s)', (dialect) => {
  let t: TestApp;
  let cookie: string;
  let sourceNumber: string;

  const db = () => t.db.database.db;

  /** Registers a request through the form; returns its id and AKT case. */
  async function register(form: Record<string, string>): Promise<{ id: number; akt: number }> {
    const res = await t.post(
      '/access-requests',
      {
        kind: 'citizen',
        email: '',
        phone: '',
        address: '',
        cpr: '',
        cvr: '',
        channel: 'email',
        receivedAt: '',
        asksFor: 'Dokumenterne om støjklagen',
        caseNumbers: sourceNumber,
        ...form,
      },
      { cookie },
    );
    expect(res.status, await res.clone().text()).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    const row = await db().selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { id, akt: row.case_id! };
  }

  async function extend(id: number) {
    const row = await db().selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const newDate = new Date(Date.parse(`${row.deadline}T12:00:00Z`) + 10 * 86400_000).toISOString().slice(0, 10);
    const res = await t.post(
      `/access-requests/${id}/extension`,
      { reason: 'Sagen rummer mange dokumenter, der skal gennemgås.', newDate },
      { cookie },
    );
    expect(res.status).toBe(303);
    return db().selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  const documentsOn = (caseId: number) =>
    db().selectFrom('documents').select(['id', 'direction', 'journalised_at']).where('case_id', '=', caseId).execute();
  const outboxOf = (caseId: number) =>
    db().selectFrom('digital_post_outbox').selectAll().where('case_id', '=', caseId).execute();
  const lettersOf = (caseId: number) => db().selectFrom('letters').selectAll().where('case_id', '=', caseId).execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const database = t.db.database;
    await insertTestKle(database);
    await importPersonsCsv(database, PERSONS);
    await putSetting(database, SENDER_CVR_SETTING, '29189757');
    cookie = await t.signIn('sagsbehandler');
    const source = await makeCase((p, f, o) => t.post(p, f, o), cookie, await unitOf(database, 'sagsbehandler'), {
      title: 'Støjklage',
    });
    await addTextDocument(database, t.services.blobs, source, { title: 'Klage over støj', text: 'Der er støj.' });
    sourceNumber = (await db().selectFrom('cases').select('number').where('id', '=', source).executeTakeFirstOrThrow())
      .number;
  });
  afterAll(async () => t.cleanup());

  it('makes a requester with a CPR number a party of the AKT case, the number stored as case parties store it', async () => {
    const { akt } = await register({ name: 'Mette Sørensen', cpr: '010190-1001', address: 'Åboulevarden 12' });
    const parties = await db().selectFrom('case_parties').selectAll().where('case_id', '=', akt).execute();
    expect(parties).toHaveLength(1);
    expect(parties[0]).toMatchObject({
      kind: 'person',
      role: 'party',
      name: 'Mette Sørensen',
      cpr: '010190-1001',
      address: 'Åboulevarden 12',
    });
    const company = await register({ kind: 'company', name: 'Tømrer ApS', cvr: '29189757', address: 'Vej 1' });
    expect(
      await db().selectFrom('case_parties').select(['kind', 'cvr']).where('case_id', '=', company.akt).execute(),
    ).toEqual([{ kind: 'company', cvr: '29189757' }]);
    const none = await register({ name: 'Uden Nummer', email: 'uden@example.org' });
    expect(await db().selectFrom('case_parties').select('id').where('case_id', '=', none.akt).execute()).toEqual([]);
  });

  it('sends the fristbrev to a CPR requester by Digital Post: one journalised document, one message, one letter', async () => {
    const { id, akt } = await register({ name: 'Mette Sørensen', cpr: '010190-1001', address: 'Åboulevarden 12' });
    const row = await extend(id);
    expect(row.extension_channel).toBe('digital_post');
    const docs = await documentsOn(akt);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.id).toBe(row.extension_document_id);
    expect(docs[0]!.direction).toBe('outgoing');
    expect(docs[0]!.journalised_at).not.toBeNull();
    const outbox = await outboxOf(akt);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.channel).toBe('digital');
    expect(outbox[0]!.memo_xml).toContain('0101901001');
    const letters = await lettersOf(akt);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ document_id: row.extension_document_id, outbox_id: outbox[0]!.id });
    // The channel was decided by an audited look-up with the AKT case as purpose.
    expect(
      await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', String(akt))
        .where('action', 'in', ['letter.send', 'accessRequest.extend'])
        .orderBy('id')
        .execute(),
    ).toEqual([{ action: 'letter.send' }, { action: 'accessRequest.extend' }]);
    const page = await (await t.get(`/access-requests/${id}`, { cookie })).text();
    expect(page).toContain('Med Digital Post');
    expect(page).toContain('I kø');
    const docPage = await (await t.get(`/cases/${akt}/documents/${row.extension_document_id}`, { cookie })).text();
    expect(docPage).toContain('id="letter-status"');
  });

  it('sends the fristbrev by remote print to someone exempt from Digital Post', async () => {
    const { id, akt } = await register({ name: 'Jørgen Bæk', cpr: '010160-2004', address: 'Hovedgaden 3' });
    const row = await extend(id);
    expect(row.extension_channel).toBe('digital_post');
    expect((await outboxOf(akt)).map((o) => o.channel)).toEqual(['print']);
    expect((await lettersOf(akt)).map((l) => l.channel)).toEqual(['print']);
    expect(await documentsOn(akt)).toHaveLength(1);
    expect(await (await t.get(`/access-requests/${id}`, { cookie })).text()).toContain('Med fjernprint');
  });

  it('mails the fristbrev with the PDF attached when only an e-mail address is known, and posts it otherwise', async () => {
    const { id, akt } = await register({ name: 'Bente Bruun', email: 'bente@example.org' });
    const row = await extend(id);
    expect(row.extension_channel).toBe('email');
    expect(await outboxOf(akt)).toEqual([]);
    expect(await lettersOf(akt)).toEqual([]);
    const docs = await documentsOn(akt);
    expect(docs).toHaveLength(1);
    const version = await db()
      .selectFrom('document_versions')
      .select('blob_sha256')
      .where('document_id', '=', docs[0]!.id)
      .executeTakeFirstOrThrow();
    const mails = await db()
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'bente@example.org')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.kind).toBe('access-request.extension');
    const attachments = JSON.parse(mails[0]!.attachments!) as Array<{ sha256: string; mime: string }>;
    expect(attachments).toEqual([expect.objectContaining({ sha256: version.blob_sha256, mime: 'application/pdf' })]);
    expect(await allText(new Uint8Array(await t.services.blobs.read(version.blob_sha256)))).toContain(
      'Sagen rummer mange dokumenter',
    );
    expect(await (await t.get(`/access-requests/${id}`, { cookie })).text()).toContain(
      'På e-mail til bente@example.org',
    );

    const paper = await register({ name: 'Ole Papir', address: 'Torvet 1' });
    expect((await extend(paper.id)).extension_channel).toBe('post');
    expect(await documentsOn(paper.akt)).toHaveLength(1);
    expect(await outboxOf(paper.akt)).toEqual([]);
    expect(await (await t.get(`/access-requests/${paper.id}`, { cookie })).text()).toContain(
      'Skal printes og sendes med posten',
    );
  });

  it('sends the answer to an exempt requester by remote print as a letter: status on the document, a failure on the front page', async () => {
    const { id, akt } = await register({ name: 'Jørgen Bæk', cpr: '010160-2004', address: 'Hovedgaden 3' });
    await db().updateTable('access_request_documents').set({ decision: 'full' }).where('request_id', '=', id).execute();
    const res = await t.post(`/access-requests/${id}/answer`, { channel: 'digital_post' }, { cookie });
    expect(res.status).toBe(303);
    const row = await db().selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('answered');
    expect(await documentsOn(akt)).toHaveLength(1);
    const outbox = await outboxOf(akt);
    expect(outbox.map((o) => o.channel)).toEqual(['print']);
    const letters = await lettersOf(akt);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ document_id: row.answer_document_id, channel: 'print' });
    const docPage = await (await t.get(`/cases/${akt}/documents/${row.answer_document_id}`, { cookie })).text();
    expect(docPage).toContain('id="letter-status"');
    expect(docPage).toContain('I kø');
    // The request and the answer page say it went by remote print, not Digital Post.
    expect(await (await t.get(`/access-requests/${id}`, { cookie })).text()).toContain('fjernprint (brev med posten)');
    expect(await (await t.get(`/access-requests/${id}/answer`, { cookie })).text()).toContain(
      'fjernprint (brev med posten)',
    );
    // Sent twice: refused, nothing more written.
    expect((await t.post(`/access-requests/${id}/answer`, { channel: 'digital_post' }, { cookie })).status).toBe(422);
    expect(await lettersOf(akt)).toHaveLength(1);
    expect(await documentsOn(akt)).toHaveLength(1);
    // When remote print gives up, the caseworker's front page says so.
    await db().updateTable('digital_post_outbox').set({ status: 'failed' }).where('id', '=', outbox[0]!.id).execute();
    const home = await (await t.get('/', { cookie })).text();
    expect(home).toContain('Breve, der ikke kom frem');
    expect(home).toContain(letters[0]!.title);
  });

  it('sends nothing and moves no deadline when the CPR register does not answer', async () => {
    const { id, akt } = await register({ name: 'Mette Sørensen', cpr: '010190-1001', address: 'Åboulevarden 12' });
    const database = t.db.database;
    const row = await db().selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const kase = await db().selectFrom('cases').selectAll().where('id', '=', akt).executeTakeFirstOrThrow();
    const user = await db()
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const down: PersonRegister = { lookup: () => Promise.reject(new Error('SF1520 timed out')) };
    const result = await extendDeadline(
      database,
      t.services.blobs,
      row,
      kase,
      { reason: 'Mange dokumenter.', newDate: '2099-01-05' },
      {
        id: user.id,
        name: user.display_name,
        displayName: user.display_name,
        roles: ['caseworker'],
        orgUnitId: user.org_unit_id,
      },
      { register: down },
    );
    expect(result).toEqual({ ok: false, errors: {}, error: 'letters.error.register' });
    const after = await db().selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.extended_deadline).toBeNull();
    expect(await documentsOn(akt)).toEqual([]);
    expect(await outboxOf(akt)).toEqual([]);
  });
});
