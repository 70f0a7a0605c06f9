import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { allText, inspectPdf, pageTexts } from '../../../test/helpers/pdf.ts';
import { putSetting } from '../../db/settings.ts';
import { deliverPending, type DeliverableMail } from '../../mail/outbox.ts';
import { SENDER_CVR_SETTING } from '../letters/index.ts';
import { makePdf } from '../documents/documents.fixtures.ts';
import { addItem, addLegalBasis, addRequest, addTextDocument, makeCase, unitOf } from './access-requests.fixtures.ts';

const PARTIAL_TEXT =
  'Naboen Bo Quist klager over støj fra værkstedet. Han bor på Lindevej 3.\n\nKommunen vil se på sagen.';
const CPR = '0101901234';
const XSD = path.resolve(import.meta.dirname, '../../../test/fixtures/memo/schema/Version1.2/MeMo_core.xsd');
const haveXmllint = spawnSync('xmllint', ['--version']).status === 0;

/** libxml2's check of a MeMo message against the vendored XSD (as digital-post/memo.test.ts does). */
function validMemo(xml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memo-answer-'));
  const file = path.join(dir, 'message.xml');
  fs.writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return r.status === 0 ? 'valid' : `${r.stdout}${r.stderr}`;
}

describe.each(DIALECTS)('the answer package (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let unit: number;
  let source: number;
  let b30: number;
  let docs: { partial: number; pdf: number; text: number; refused: number };

  const post = (p: string, f: Record<string, string>, o: { cookie: string }) => t.post(p, f, o);

  /** A request on a fresh AKT case with the four documents decided (or the last undecided). */
  async function request(opts: { cpr?: string | null; email?: string | null; undecided?: boolean } = {}) {
    const database = t.db.database;
    const akt = await makeCase(post, cookie.sagsbehandler!, unit, { title: 'Aktindsigt' });
    const id = await addRequest(database, {
      caseId: akt,
      askedCases: [source],
      cpr: opts.cpr ?? null,
      email: opts.email === undefined ? 'bente@example.org' : opts.email,
      name: 'Bente Bruun',
    });
    const partial = await addItem(
      database,
      id,
      docs.partial,
      'partial',
      [b30],
      'Oplysninger om naboens private forhold.',
    );
    const at = PARTIAL_TEXT.indexOf('Bo Quist');
    const lindevej = PARTIAL_TEXT.indexOf('Lindevej 3');
    for (const [s, e] of [
      [at, at + 8],
      [lindevej, lindevej + 10],
    ] as const)
      await database.db
        .insertInto('access_request_redactions')
        .values({
          item_id: partial,
          start_offset: s,
          end_offset: e,
          legal_basis_id: b30,
          created_at: '2026-11-21T10:00:00Z',
          created_by: null,
        })
        .execute();
    await addItem(database, id, docs.pdf, 'full');
    await addItem(database, id, docs.text, 'full');
    await addItem(
      database,
      id,
      docs.refused,
      opts.undecided ? null : 'refused',
      opts.undecided ? [] : [b30],
      'Helbredsoplysninger.',
    );
    return { id, akt };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const database = t.db.database;
    await insertTestKle(database);
    cookie.sagsbehandler = await t.signIn('sagsbehandler');
    // Digital Post needs the municipality's CVR number as sender (the letters module's setting).
    await putSetting(database, SENDER_CVR_SETTING, '29189757');
    unit = await unitOf(database, 'sagsbehandler');
    source = await makeCase(post, cookie.sagsbehandler, unit, { title: 'Støjklage' });
    b30 = await addLegalBasis(database, 'offl', '§ 30, nr. 1', 'Private forhold');
    const blobs = t.services.blobs;
    docs = {
      partial: (await addTextDocument(database, blobs, source, { title: 'Klage over støj', text: PARTIAL_TEXT })).id,
      pdf: (
        await addTextDocument(database, blobs, source, {
          title: 'Kortbilag',
          text: 'Kortbilag over værkstedet',
          file: {
            bytes: await makePdf(['Kortbilag over værkstedet', 'Side to af kortbilaget']),
            mime: 'application/pdf',
            filename: 'kort.pdf',
          },
        })
      ).id,
      text: (
        await addTextDocument(database, blobs, source, {
          title: 'Notat om besøg',
          text: 'Besøg på adressen den 3. november.',
        })
      ).id,
      refused: (
        await addTextDocument(database, blobs, source, {
          title: 'Lægeerklæring',
          text: 'Fortrolig lægeerklæring om diagnose.',
        })
      ).id,
    };
  });
  afterAll(async () => t.cleanup());

  it('previews one PDF: cover letter, aktliste, the redacted copy, the released documents; refused ones only listed', async () => {
    const { id } = await request();
    const page = await t.get(`/access-requests/${id}/answer`, { cookie: cookie.sagsbehandler });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Delvis aktindsigt');
    expect(html).toContain(`/access-requests/${id}/documents/`);
    const res = await t.get(`/access-requests/${id}/answer/preview.pdf`, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    const text = await allText(pdf);
    expect(text).toContain('Afgørelse om aktindsigt');
    expect(text).toContain('Kære Bente Bruun');
    expect(text).toContain('Du får fuld aktindsigt i 2, delvis aktindsigt i 1 og afslag på aktindsigt i 1');
    expect(text).toContain('Offentlighedsloven § 30, nr. 1');
    expect(text).toContain('Aktliste');
    expect(text).toContain('Lægeerklæring'); // listed
    expect(text).not.toContain('diagnose'); // but not released
    expect(text).toContain('[Undtaget efter offentlighedslovens § 30, nr. 1]');
    expect(text).not.toContain('Quist');
    expect(text).not.toContain('Lindevej');
    expect(text).toContain('Besøg på adressen');
    expect(text).toContain('Side to af kortbilaget');
    const info = await inspectPdf(pdf);
    expect(info.marked).toBe(true);
    expect(info.outline.map((o) => o.title)).toEqual([
      'Afgørelse om aktindsigt',
      'Aktliste',
      'Dokument 1: Klage over støj',
      'Dokument 3: Notat om besøg',
      'Dokument 2: Kortbilag',
    ]);
    const pages = await pageTexts(pdf);
    for (const o of info.outline.slice(2)) expect(pages[o.page]).toContain(o.title.split(': ')[1]!.split(' ')[0]);
    // Every page counts all pages, the appended ones too.
    expect(pages[0]).toContain(`Side 1 af ${pages.length}`);
    expect(pages.at(-1)).toContain(`Side ${pages.length} af ${pages.length}`);
  });

  it('refuses to send while a document is undecided, and Digital Post without CPR or CVR', async () => {
    const undecided = await request({ undecided: true, cpr: CPR });
    let res = await t.post(
      `/access-requests/${undecided.id}/answer`,
      { channel: 'post' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Der er 1 dokument uden afgørelse');
    const noCpr = await request({ cpr: null });
    res = await t.post(
      `/access-requests/${noCpr.id}/answer`,
      { channel: 'digital_post' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('hverken CPR- eller CVR-nummer');
    const rows = await t.db.database.db
      .selectFrom('access_requests')
      .select('status')
      .where('id', 'in', [undecided.id, noCpr.id])
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['open', 'open']);
  });

  it('sends by Digital Post: journalised on the AKT case, a MeMo message queued to the CPR, the request answered', async () => {
    const { id, akt } = await request({ cpr: CPR });
    const res = await t.post(
      `/access-requests/${id}/answer`,
      { channel: 'digital_post' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const db = t.db.database.db;
    const row = await db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('answered');
    expect(row.answer_channel).toBe('digital_post');
    const doc = await db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', row.answer_document_id!)
      .executeTakeFirstOrThrow();
    expect(doc.case_id).toBe(akt);
    expect(doc.direction).toBe('outgoing');
    expect(doc.number).not.toBeNull();
    expect(doc.journalised_at).not.toBeNull();
    const outbox = await db.selectFrom('digital_post_outbox').selectAll().where('case_id', '=', akt).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.recipient_type).toBe('CPR');
    expect(outbox[0]!.memo_xml).toContain(CPR);
    expect(outbox[0]!.memo_xml).toContain('application/pdf');
    if (haveXmllint) expect(validMemo(outbox[0]!.memo_xml)).toBe('valid');
    // A letter (letters module) to the requester, now a party of the AKT case: its status shows on the document.
    expect(
      await db.selectFrom('letters').select(['document_id', 'outbox_id']).where('case_id', '=', akt).execute(),
    ).toEqual([{ document_id: row.answer_document_id, outbox_id: outbox[0]!.id }]);
    expect(await db.selectFrom('case_parties').select(['name', 'cpr']).where('case_id', '=', akt).execute()).toEqual([
      { name: 'Bente Bruun', cpr: '010190-1234' },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'accessRequest.answer')
      .execute();
    expect(audit).toHaveLength(1);
    // Sending again is refused; nothing goes twice.
    const again = await t.post(
      `/access-requests/${id}/answer`,
      { channel: 'digital_post' },
      { cookie: cookie.sagsbehandler },
    );
    expect(again.status).toBe(422);
    expect(await db.selectFrom('digital_post_outbox').select('id').where('case_id', '=', akt).execute()).toHaveLength(
      1,
    );
    const page = await (await t.get(`/access-requests/${id}/answer`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Anmodningen blev besvaret');
  });

  it('sends by e-mail with the package attached, and no CPR number in the mail', async () => {
    const { id } = await request({ cpr: CPR, email: 'bente@example.org' });
    const res = await t.post(`/access-requests/${id}/answer`, { channel: 'email' }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(303);
    const sent: DeliverableMail[] = [];
    await deliverPending(
      t.db.database,
      { deliver: async (m) => (sent.push(m), 'test') },
      'samspil@localhost',
      undefined,
      200,
      (sha) => t.services.blobs.read(sha),
    );
    const mail = sent.find((m) => m.to === 'bente@example.org')!;
    expect(mail).toBeDefined();
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments![0]!.contentType).toBe('application/pdf');
    expect(await allText(new Uint8Array(mail.attachments![0]!.content))).toContain('Aktliste');
    for (const s of [mail.html, mail.text, mail.subject]) {
      expect(s).not.toContain(CPR);
      expect(s).not.toContain('010190');
    }
  });

  it('sends by post: journalised and recorded only', async () => {
    const { id } = await request({ email: null });
    const refused = await t.post(
      `/access-requests/${id}/answer`,
      { channel: 'email' },
      { cookie: cookie.sagsbehandler },
    );
    expect(refused.status).toBe(422);
    const res = await t.post(`/access-requests/${id}/answer`, { channel: 'post' }, { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(303);
    const row = await t.db.database.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('answered');
    expect(row.answer_channel).toBe('post');
  });

  it('warns when the title of a document holds text withheld in it', async () => {
    const { id } = await request();
    const db = t.db.database.db;
    await db
      .updateTable('documents')
      .set({ title: 'Klage fra Bo Quist over støj' })
      .where('id', '=', docs.partial)
      .execute();
    const html = await (await t.get(`/access-requests/${id}/answer`, { cookie: cookie.sagsbehandler })).text();
    expect(html).toContain('Titlen på disse dokumenter indeholder tekst, der er undtaget');
    await db.updateTable('documents').set({ title: 'Klage over støj' }).where('id', '=', docs.partial).execute();
    const clean = await (await t.get(`/access-requests/${id}/answer`, { cookie: cookie.sagsbehandler })).text();
    expect(clean).not.toContain('Titlen på disse dokumenter indeholder tekst, der er undtaget');
  });

  it('answers 404 to an employee without access', async () => {
    const { id } = await request();
    const other = await t.signIn('medarbejder');
    expect((await t.get(`/access-requests/${id}/answer`, { cookie: other })).status).toBe(404);
    expect((await t.post(`/access-requests/${id}/answer`, { channel: 'post' }, { cookie: other })).status).toBe(404);
  });
});
