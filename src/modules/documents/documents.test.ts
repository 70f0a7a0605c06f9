import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makeDocx, makeEml, makePdf } from '../../../test/helpers/files.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { libreOfficeAvailable } from './rendition.ts';
import { makeExe, makeZipBombDocx } from './documents.fixtures.ts';

const DATA_DIR_ROOT = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'samspil-docs-'));

describe.each(DIALECTS)('documents (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let caseId: number;
  let secretId: number;
  let pdf: Buffer;
  let docx: Buffer;

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      config: { dataDir: path.join(DATA_DIR_ROOT, dialect), uploadMaxFileBytes: 2 * 1024 * 1024 },
    });
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal', 'sekretariat']) cookie[u] = await t.signIn(u);
    const unit = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const make = async (extra: Record<string, string>) => {
      const res = await t.post(
        '/cases',
        {
          type: 'subject',
          title: 'Byggesag Østergade 12',
          kleNumber: '02.34.02',
          facetCode: 'P20',
          unitId: String(unit),
          ...extra,
        },
        { cookie: cookie.sagsbehandler },
      );
      return Number(res.headers.get('location')!.split('/').pop());
    };
    caseId = await make({});
    secretId = await make({ title: 'Fortrolig', confidential: '1', accessUsernames: 'journal' });
    pdf = await makePdf([
      'Byggetilladelse til carport på Østergade 12',
      'Ansøgningen om carport med redskabsrum godkendes.',
      'Særlige vilkår: tagrender føres til faskine.',
    ]);
    docx = await makeDocx(['Høringssvar fra naboen', 'Naboen på Østergade 14 ønsker læhegnet bevaret.']);
  });
  afterAll(async () => t.cleanup());

  const meta = { direction: 'incoming', documentDate: '2026-11-20', sender: 'Anna Borg', recipient: '' };
  const docs = () =>
    t.db.database.db.selectFrom('documents').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

  it('uploads several files at once, reads their text, and lists them on the case', async () => {
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      meta,
      [
        { field: 'files', name: 'Byggetilladelse.pdf', type: 'application/pdf', content: pdf },
        { field: 'files', name: 'Høringssvar.docx', content: docx },
      ],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const rows = await docs();
    expect(rows.map((r) => [r.title, r.direction, r.number])).toEqual([
      ['Byggetilladelse', 'incoming', null],
      ['Høringssvar', 'incoming', null],
    ]);
    const versions = await t.db.database.db
      .selectFrom('document_versions')
      .selectAll()
      .where(
        'document_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    expect(versions.map((v) => [v.mime, v.text_status])).toEqual([
      ['application/pdf', 'extracted'],
      ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'extracted'],
    ]);
    expect(versions[0]!.text_content).toContain('carport med redskabsrum');
    expect(versions[1]!.text_content).toContain('læhegnet bevaret');
    const page = await (await t.get(`/cases/${caseId}`, { cookie: withCookies(cookie.sagsbehandler!, res) })).text();
    expect(page).toContain('2 dokumenter er tilføjet.');
    expect(page).toContain('Høringssvar.docx');
    // The blob is on disk under its hash.
    expect(fs.existsSync(path.join(t.config.dataDir, 'blobs', versions[0]!.blob_sha256.slice(0, 2)))).toBe(true);
  });

  it('refuses the whole upload when one file is wrong, saving nothing and keeping the details typed', async () => {
    const before = (await docs()).length;
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      { ...meta, sender: 'Beholdt Afsender' },
      [
        { field: 'files', name: 'ok.pdf', content: pdf },
        { field: 'files', name: 'virus.exe', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00') },
        { field: 'files', name: 'forklædt.docx', content: pdf },
        { field: 'files', name: 'tom.txt', content: Buffer.alloc(0) },
      ],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('virus.exe: filtypen er ikke tilladt');
    expect(html).toContain('forklædt.docx: indholdet passer ikke til filnavnet');
    expect(html).toContain('value="Beholdt Afsender"');
    expect((await docs()).length).toBe(before);
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024, 32)]);
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      meta,
      [{ field: 'files', name: 'stor.pdf', content: big }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/stor\.pdf: filen er for stor \(højst 2 MB\)/);
  });

  it('journalises with the next document number and locks a finalised version for good', async () => {
    const [first, second] = await docs();
    expect(
      (await t.post(`/cases/${caseId}/documents/${second!.id}/journalisation`, {}, { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    expect(
      (await t.post(`/cases/${caseId}/documents/${first!.id}/journalisation`, {}, { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    const again = await t.post(
      `/cases/${caseId}/documents/${first!.id}/journalisation`,
      {},
      { cookie: cookie.sagsbehandler },
    );
    expect(again.status).toBe(422);
    let rows = await docs();
    expect(rows.map((r) => r.number)).toEqual([2, 1]);

    const fin = await t.post(
      `/cases/${caseId}/documents/${second!.id}/finalisation`,
      {},
      { cookie: cookie.sagsbehandler },
    );
    expect(fin.status).toBe(303);
    const v1 = await t.db.database.db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', second!.id)
      .executeTakeFirstOrThrow();
    expect(v1.locked).toBe(1);
    expect(v1.rendition_status).toBe(libreOfficeAvailable() ? 'made' : 'unavailable');
    // The database refuses to change a locked version or delete a journalised document.
    await expect(
      t.db.database.db
        .updateTable('document_versions')
        .set({ filename: 'andet.docx' })
        .where('id', '=', v1.id)
        .execute(),
    ).rejects.toThrow(/immutable/);
    await expect(t.db.database.db.deleteFrom('documents').where('id', '=', second!.id).execute()).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(t.db.database.db.deleteFrom('document_versions').where('id', '=', v1.id).execute()).rejects.toThrow(
      /never deleted/,
    );
    // Metadata can no longer be changed either.
    const edit = await t.post(
      `/cases/${caseId}/documents/${second!.id}`,
      { title: 'Nyt navn', direction: 'incoming', documentDate: '2026-11-20' },
      { cookie: cookie.sagsbehandler },
    );
    expect(edit.status).toBe(422);

    // A correction is a new version; the locked one stays as it was.
    const corrected = await makeDocx(['Høringssvar fra naboen (rettet)', 'Naboen trækker indsigelsen tilbage.']);
    const res = await t.upload(
      `/cases/${caseId}/documents/${second!.id}/versions`,
      { note: 'Rettet stavefejl' },
      [{ field: 'file', name: 'Høringssvar v2.docx', content: corrected }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    rows = await docs();
    expect(rows[1]!.current_version).toBe(2);
    expect(rows[1]!.finalised_at).toBeNull();
    const versions = await t.db.database.db
      .selectFrom('document_versions')
      .select(['version', 'locked', 'filename'])
      .where('document_id', '=', second!.id)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, locked: 1, filename: 'Høringssvar.docx' },
      { version: 2, locked: 0, filename: 'Høringssvar v2.docx' },
    ]);
    const page = await (
      await t.get(`/cases/${caseId}/documents/${second!.id}`, { cookie: cookie.sagsbehandler })
    ).text();
    expect(page).toContain('Rettet stavefejl');
    if (!libreOfficeAvailable()) expect(page).not.toContain('Hent PDF-udgave');
  });

  it('journalises e-mails: the mail fills its metadata and its attachment becomes a linked document', async () => {
    const eml = makeEml({
      from: 'Anna Borg <anna@example.dk>',
      to: 'byggeri@skovlund.dk',
      subject: 'Klage over støj fra byggepladsen',
      date: 'Tue, 24 Nov 2026 09:15:00 +0100',
      body: 'Der bliver arbejdet med maskiner før klokken syv om morgenen.',
      attachment: { name: 'Foto-beskrivelse.pdf', type: 'application/pdf', content: pdf },
    });
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      { ...meta, sender: '' },
      [{ field: 'files', name: 'klage.eml', content: eml }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const rows = await docs();
    const mail = rows.find((r) => r.kind === 'email')!;
    expect(mail).toMatchObject({ title: 'Klage over støj fra byggepladsen', document_date: '2026-11-24' });
    expect(mail.sender).toContain('anna@example.dk');
    expect(mail.recipient).toContain('byggeri@skovlund.dk');
    const attachment = rows.find((r) => r.parent_id === mail.id)!;
    expect(attachment.title).toBe('Foto-beskrivelse');
    const mailVersion = await t.db.database.db
      .selectFrom('document_versions')
      .select('text_content')
      .where('document_id', '=', mail.id)
      .executeTakeFirstOrThrow();
    expect(mailVersion.text_content).toContain('maskiner før klokken syv');

    const msg = fs.readFileSync(path.resolve('test/fixtures/documents/outlook-sample.msg'));
    const msgRes = await t.upload(
      `/cases/${caseId}/documents`,
      meta,
      [{ field: 'files', name: 'outlook.msg', content: msg }],
      { cookie: cookie.sagsbehandler },
    );
    expect(msgRes.status).toBe(303);
    const after = await docs();
    const msgDoc = after.find((r) => r.kind === 'email' && r.id !== mail.id)!;
    expect(msgDoc.sender).toBeTruthy();
  });

  it('downloads with safe headers and shows PDFs inline only in our own frame', async () => {
    const [first] = await docs();
    const file = await t.get(`/cases/${caseId}/documents/${first!.id}/versions/1/file`, {
      cookie: cookie.sagsbehandler,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Byggetilladelse.pdf"/);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const inline = await t.get(`/cases/${caseId}/documents/${first!.id}/versions/1/file?inline=1`, {
      cookie: cookie.sagsbehandler,
    });
    expect(inline.headers.get('content-disposition')).toMatch(/^inline/);
    expect(inline.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(inline.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    // A Word file is never shown inline.
    const rows = await docs();
    const word = rows.find((r) => r.title === 'Høringssvar')!;
    const wordInline = await t.get(`/cases/${caseId}/documents/${word.id}/versions/1/file?inline=1`, {
      cookie: cookie.sagsbehandler,
    });
    expect(wordInline.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Hoeringssvar.docx"; filename\*=UTF-8''H%C3%B8ringssvar.docx/,
    );
  });

  it('hides a confidential case’s documents and downloads from outsiders', async () => {
    const res = await t.upload(
      `/cases/${secretId}/documents`,
      meta,
      [{ field: 'files', name: 'Hemmelig.pdf', content: pdf }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const doc = await t.db.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', secretId)
      .executeTakeFirstOrThrow();
    const outsider = cookie.sekretariat!;
    for (const url of [
      `/cases/${secretId}/documents/${doc.id}`,
      `/cases/${secretId}/documents/${doc.id}/versions/1/file`,
      `/cases/${secretId}/documents/${doc.id}/versions/1/rendition`,
    ]) {
      expect((await t.get(url, { cookie: outsider })).status, url).toBe(404);
    }
    for (const url of [
      `/cases/${secretId}/documents/${doc.id}/journalisation`,
      `/cases/${secretId}/documents/${doc.id}/finalisation`,
      `/cases/${secretId}/documents/${doc.id}`,
    ]) {
      expect((await t.post(url, {}, { cookie: outsider })).status, url).toBe(404);
    }
    expect(
      (
        await t.upload(`/cases/${secretId}/documents`, meta, [{ field: 'files', name: 'x.pdf', content: pdf }], {
          cookie: outsider,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.upload(
          `/cases/${secretId}/documents/${doc.id}/versions`,
          {},
          [{ field: 'file', name: 'x.pdf', content: pdf }],
          { cookie: outsider },
        )
      ).status,
    ).toBe(404);
    // A document id from the confidential case, asked for through another case, is not found either.
    expect((await t.get(`/cases/${caseId}/documents/${doc.id}/versions/1/file`, { cookie: outsider })).status).toBe(
      404,
    );
    // The access group may read it, and the download is logged.
    expect(
      (await t.get(`/cases/${secretId}/documents/${doc.id}/versions/1/file`, { cookie: cookie.journal })).status,
    ).toBe(200);
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'document.download')
      .where('entity_id', '=', String(secretId))
      .execute();
    expect(logged.map((l) => l.actor_name)).toEqual(['Birgit Sønderby']);
  });

  const versionOf = (documentId: number) =>
    t.db.database.db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .executeTakeFirstOrThrow();

  it('keeps e-mail attachments of a refused type blocked: renamed .bin, no text, never handed to LibreOffice, the user told', async () => {
    const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
    const part = (name: string, type: string, content: Buffer) => [
      '--grænse',
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(content),
    ];
    const eml = Buffer.from(
      [
        'From: Ukendt <ukendt@example.net>',
        'To: byggeri@skovlund.dk',
        'Subject: Faktura vedhaeftet',
        'Date: Wed, 25 Nov 2026 08:00:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="grænse"',
        '',
        '--grænse',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Se vedhæftede faktura.',
        ...part('faktura.exe', 'application/octet-stream', makeExe()),
        // A PDF calling itself a Word document: LibreOffice would have been given it as one.
        ...part('forklædt.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf),
        ...part('bilag.pdf', 'application/pdf', pdf),
        '--grænse--',
        '',
      ].join('\r\n'),
    );
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      meta,
      [{ field: 'files', name: 'faktura.eml', content: eml }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const mail = (await docs()).find((r) => r.kind === 'email' && r.title === 'Faktura vedhaeftet')!;
    const attachments = (await docs()).filter((r) => r.parent_id === mail.id);
    const versions = await Promise.all(attachments.map((a) => versionOf(a.id)));
    expect(versions.map((v) => [v.filename, v.mime, v.text_status])).toEqual([
      ['faktura.exe.bin', 'application/octet-stream', 'unsupported'],
      ['forklædt.docx.bin', 'application/octet-stream', 'unsupported'],
      ['bilag.pdf', 'application/pdf', 'extracted'],
    ]);
    const casePage = await (
      await t.get(`/cases/${caseId}`, { cookie: withCookies(cookie.sagsbehandler!, res) })
    ).text();
    expect(casePage).toContain('2 vedhæftede filer i e-mails har en filtype, der ikke er tilladt');
    expect(casePage).toContain('Blokeret');

    // Downloaded only as an opaque file under its .bin name; the page says why.
    const disguised = attachments[1]!;
    const file = await t.get(`/cases/${caseId}/documents/${disguised.id}/versions/1/file?inline=1`, {
      cookie: cookie.sagsbehandler,
    });
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; .*forkl%C3%A6dt\.docx\.bin/);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    const page = await (
      await t.get(`/cases/${caseId}/documents/${disguised.id}`, { cookie: cookie.sagsbehandler })
    ).text();
    expect(page).toContain('kan ikke vises, søges i eller laves som PDF');

    // Journalised and finalised like any document, without starting LibreOffice.
    const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'samspil-fake-lo-'));
    const marker = path.join(dir, 'started');
    const fake = path.join(dir, 'soffice');
    fs.writeFileSync(fake, `#!/bin/sh\ntouch "${marker}"\n`);
    fs.chmodSync(fake, 0o755);
    const saved = process.env.LIBREOFFICE_PATH;
    process.env.LIBREOFFICE_PATH = fake;
    try {
      expect(
        (
          await t.post(
            `/cases/${caseId}/documents/${disguised.id}/journalisation`,
            {},
            { cookie: cookie.sagsbehandler },
          )
        ).status,
      ).toBe(303);
      expect(
        (await t.post(`/cases/${caseId}/documents/${disguised.id}/finalisation`, {}, { cookie: cookie.sagsbehandler }))
          .status,
      ).toBe(303);
    } finally {
      if (saved === undefined) delete process.env.LIBREOFFICE_PATH;
      else process.env.LIBREOFFICE_PATH = saved;
    }
    expect(fs.existsSync(marker)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(await versionOf(disguised.id)).toMatchObject({
      locked: 1,
      rendition_status: 'failed',
      rendition_sha256: null,
    });
  });

  it('journalises a MIME e-mail that has only a Content-Type header, titled from its file name', async () => {
    const eml = Buffer.from(
      [
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Naboen klager over hækken på Østergade 16.',
        '--b1',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment; filename="hæk.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      { ...meta, title: '' },
      [{ field: 'files', name: 'Klage_over_hæk.eml', content: eml }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const mail = (await docs()).find((r) => r.title === 'Klage over hæk')!;
    expect(mail.kind).toBe('email');
    expect(await versionOf(mail.id)).toMatchObject({ mime: 'message/rfc822', text_status: 'extracted' });
    expect((await versionOf(mail.id)).text_content).toContain('hækken på Østergade 16');
    const attachment = (await docs()).find((r) => r.parent_id === mail.id)!;
    expect(await versionOf(attachment.id)).toMatchObject({ filename: 'hæk.pdf', mime: 'application/pdf' });
  });

  it('stores a zip-bomb DOCX without its text, says search will not find it, and lets it be journalised', async () => {
    const bomb = await makeZipBombDocx(200);
    const res = await t.upload(
      `/cases/${caseId}/documents`,
      { ...meta, title: 'Bombe' },
      [{ field: 'files', name: 'Bombe.docx', content: bomb }],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const casePage = await (
      await t.get(`/cases/${caseId}`, { cookie: withCookies(cookie.sagsbehandler!, res) })
    ).text();
    expect(casePage).toContain('teksten kunne ikke læses, så søgning finder det kun på titel og metadata');
    const doc = (await docs()).find((r) => r.title === 'Bombe')!;
    expect(await versionOf(doc.id)).toMatchObject({
      text_status: 'failed',
      text_content: null,
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(
      (await t.post(`/cases/${caseId}/documents/${doc.id}/journalisation`, {}, { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    const page = await (await t.get(`/cases/${caseId}/documents/${doc.id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('søgning finder kun dokumentet på titel og metadata');
  });
});
