import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { allText, flatten, inspectPdf, pageStructure } from '../../../test/helpers/pdf.ts';
import { channelTransport, folderDropTransport, workOutbox } from '../digital-post/index.ts';
import { haveXmllint, validateMemo } from '../digital-post/memo.fixtures.ts';
import { importPersonsCsv, localPersonRegister } from '../registers/index.ts';
import { mergeText, paragraphs, unknownFields, type MergeValues } from './merge.ts';
import { notifyFailedLetter, sendLetter } from './letters.ts';
import { createTestCase } from '../cases/cases.fixtures.ts';

describe('merge fields', () => {
  const values: MergeValues = {
    'part.navn': 'Mette Sørensen',
    'part.adresse': 'Åboulevarden 12, 8000 Aarhus C',
    'sag.nummer': '02.34.02-P19-1-26',
    'sag.titel': 'Carport',
    'sagsbehandler.navn': 'Sara',
    'sagsbehandler.enhed': 'Byggeri',
    'dato.idag': '1. december 2026',
    'dato.frist': '15. december 2026',
  };

  it('replaces every known field, tolerating spaces and case, and leaves unknown ones as written', () => {
    expect(mergeText('Kære {{part.navn}}, sag {{ sag.nummer }} ({{Sag.Titel}}) – frist {{dato.frist}}', values)).toBe(
      'Kære Mette Sørensen, sag 02.34.02-P19-1-26 (Carport) – frist 15. december 2026',
    );
    expect(mergeText('Hej {{part.fornavn}} {{part.navn}}', values)).toBe('Hej {{part.fornavn}} Mette Sørensen');
    expect(mergeText('{{part.navn}}', { ...values, 'part.navn': '$& $1' })).toBe('$& $1');
  });

  it('names the unknown fields of a template, once each', () => {
    expect(unknownFields('{{part.navn}} {{part.fornavn}} {{x}} {{part.fornavn}}')).toEqual(['part.fornavn', 'x']);
    expect(unknownFields('{{sagsbehandler.enhed}} {{dato.idag}}')).toEqual([]);
  });

  it('splits a body into paragraphs at blank lines, keeping single line breaks', () => {
    expect(paragraphs('Kære X\r\n\r\nFørste linje\nanden linje\n  \n\n\nHilsen')).toEqual([
      'Kære X',
      'Første linje\nanden linje',
      'Hilsen',
    ]);
  });
});

const PERSONS = [
  'cpr;name;street;postcode;city;protected_address;deceased;digital_post_exempt',
  '010190-1001;Mette Sørensen;Åboulevarden 12;8000;Aarhus C;0;0;0',
  '010160-2004;Jørgen Bæk;Hovedgaden 3;8660;Skanderborg;0;0;1',
].join('\n');

describe.each(DIALECTS)('letters from a case (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let caseId: number;
  const party: Record<string, number> = {};
  let kvittering: number;

  const count = async (table: 'letters' | 'digital_post_outbox' | 'documents') =>
    Number(
      (
        await t.db.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    await importPersonsCsv(t.db.database, PERSONS);
    for (const u of ['sagsbehandler', 'journal', 'admin']) cookie[u] = await t.signIn(u);
    caseId = await createTestCase(t, cookie.sagsbehandler!);
    await createTestCase(t, cookie.journal!); // a case of someone else's
    const addParty = async (id: number, form: Record<string, string>) => {
      const res = await t.post(
        `/cases/${id}/parties`,
        { kind: 'person', role: 'party', cvr: '', email: '', phone: '', address: '', ...form },
        { cookie: cookie.sagsbehandler },
      );
      expect(res.status).toBe(303);
    };
    await addParty(caseId, { name: 'Mette Sørensen', cpr: '010190-1001', address: 'Åboulevarden 12, 8000 Aarhus C' });
    await addParty(caseId, { name: 'Jørgen Bæk', cpr: '010160-2004', address: 'Hovedgaden 3, 8660 Skanderborg' });
    await addParty(caseId, { name: 'Nabo uden nummer', cpr: '' });
    for (const p of await t.db.database.db
      .selectFrom('case_parties')
      .select(['id', 'name'])
      .where('case_id', '=', caseId)
      .execute())
      party[p.name] = p.id;
    kvittering = (
      await t.db.database.db
        .selectFrom('letter_templates')
        .select('id')
        .where('name', '=', 'Kvittering for modtagelse')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.cleanup());

  it('the template admin is for administrators only (403 for others), and refuses an unknown merge field', async () => {
    for (const url of ['/admin/letter-templates', '/admin/letter-templates/new', '/admin/digital-post']) {
      expect((await t.get(url, { cookie: cookie.sagsbehandler })).status, url).toBe(403);
      expect((await t.get(url, { cookie: cookie.journal })).status, url).toBe(403);
      expect((await t.get(url, { cookie: cookie.admin })).status, url).toBe(200);
    }
    expect(
      (await t.post('/admin/letter-templates', { name: 'X', title: 'X', body: 'X' }, { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(403);
    const list = await (await t.get('/admin/letter-templates', { cookie: cookie.admin })).text();
    expect(list).toContain('Partshøring');
    expect(list).toContain('Afgørelse');

    const bad = await t.post(
      '/admin/letter-templates',
      { name: 'Påmindelse', title: 'Påmindelse – {{sag.nummer}}', body: 'Kære {{part.fornavn}}\n\nHusk fristen.' },
      { cookie: cookie.admin },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Ukendt flettefelt: {{part.fornavn}}');
    expect(html).toContain('Påmindelse – {{sag.nummer}}'); // the input is kept
    expect(html).toContain('{{dato.frist}}'); // the fields are explained on the form

    // "Vis eksempel": merged with made-up values, shown on the form, nothing saved; an unknown
    // field is refused as on saving.
    const shown = await t.post(
      '/admin/letter-templates',
      {
        name: 'Påmindelse',
        title: 'Påmindelse – {{sag.nummer}}',
        body: 'Kære {{part.navn}}\n\nHusk fristen {{dato.frist}}.',
        step: 'preview',
      },
      { cookie: cookie.admin },
    );
    expect(shown.status).toBe(200);
    const shownHtml = await shown.text();
    expect(shownHtml).toContain('Påmindelse – EMN-2026-000123');
    expect(shownHtml).toContain('Kære Jens Eksempel');
    expect(shownHtml).toContain('Husk fristen 15. december 2026.');
    expect(shownHtml).toContain('Kære {{part.navn}}'); // the text as typed stays in the form
    expect(
      await t.db.database.db.selectFrom('letter_templates').select('id').where('name', '=', 'Påmindelse').execute(),
    ).toEqual([]);
    const badPreview = await t.post(
      '/admin/letter-templates',
      { name: 'Påmindelse', title: 'Påmindelse', body: 'Kære {{part.fornavn}}', step: 'preview' },
      { cookie: cookie.admin },
    );
    expect(badPreview.status).toBe(422);
    expect(await badPreview.text()).toContain('Ukendt flettefelt: {{part.fornavn}}');

    const ok = await t.post(
      '/admin/letter-templates',
      {
        name: 'Påmindelse',
        title: 'Påmindelse – {{sag.nummer}}',
        body: 'Kære {{part.navn}}\n\nHusk fristen {{dato.frist}}.',
      },
      { cookie: cookie.admin },
    );
    expect(ok.status).toBe(303);
    const id = (
      await t.db.database.db
        .selectFrom('letter_templates')
        .select('id')
        .where('name', '=', 'Påmindelse')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await t.post(`/admin/letter-templates/${id}/deactivation`, {}, { cookie: cookie.admin })).status).toBe(303);
    const page = await (await t.get(`/cases/${caseId}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Kvittering for modtagelse');
    expect(page).not.toContain('Påmindelse');
    const edit = await t.get(`/admin/letter-templates/${id}/edit`, { cookie: cookie.admin });
    expect(await edit.text()).toContain('Husk fristen');
  });

  it('refuses to send before the sender CVR is set, keeping the text (422)', async () => {
    const res = await t.post(
      `/cases/${caseId}/letters`,
      {
        step: 'send',
        partyId: String(party['Mette Sørensen']),
        templateId: '',
        deadline: '',
        title: 'Brev',
        body: 'Tekst',
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Kommunens CVR-nummer som afsender er ikke sat');
    expect(html).toContain('>Tekst</textarea>');
    expect(await count('letters')).toBe(0);
    expect((await t.post('/admin/digital-post/sender', { senderCvr: '123' }, { cookie: cookie.admin })).status).toBe(
      422,
    );
    expect(
      (await t.post('/admin/digital-post/sender', { senderCvr: '29189757' }, { cookie: cookie.admin })).status,
    ).toBe(303);
  });

  it('merges a template for the chosen party, previews, and refuses an empty letter with 422', async () => {
    const form = {
      partyId: String(party['Mette Sørensen']),
      templateId: String(kvittering),
      deadline: '2026-12-15',
      title: '',
      body: '',
    };
    const merged = await t.post(
      `/cases/${caseId}/letters`,
      { ...form, step: 'merge' },
      { cookie: cookie.sagsbehandler },
    );
    expect(merged.status).toBe(200);
    const html = await merged.text();
    const number = (
      await t.db.database.db.selectFrom('cases').select('number').where('id', '=', caseId).executeTakeFirstOrThrow()
    ).number;
    expect(html).toContain(`Kvittering for din henvendelse – sag ${number}`);
    expect(html).toContain('Kære Mette Sørensen');
    expect(html).toContain('15. december 2026');
    expect(html).not.toContain('{{');

    const noParty = await t.post(
      `/cases/${caseId}/letters`,
      { ...form, partyId: String(party['Nabo uden nummer']), step: 'merge' },
      { cookie: cookie.sagsbehandler },
    );
    expect(noParty.status).toBe(422);

    const preview = await t.post(
      `/cases/${caseId}/letters`,
      { ...form, title: 'Overskrift', body: 'Afsnit et\n\nAfsnit to', step: 'preview' },
      { cookie: cookie.sagsbehandler },
    );
    expect(await preview.text()).toContain('<p class="mt-2 whitespace-pre-line">Afsnit to</p>');

    const empty = await t.post(
      `/cases/${caseId}/letters`,
      { ...form, title: 'Kvittering', step: 'send' },
      { cookie: cookie.sagsbehandler },
    );
    expect(empty.status).toBe(422);
    const e = await empty.text();
    expect(e).toContain('href="#letter-body"');
    expect(e).toContain('value="Kvittering"');
    expect(await count('letters')).toBe(0);
  });

  it('sending makes one journalised outgoing document and one outbox message in one go; the MeMo validates', async () => {
    const [docsBefore, outboxBefore] = [await count('documents'), await count('digital_post_outbox')];
    const res = await t.post(
      `/cases/${caseId}/letters`,
      {
        step: 'send',
        partyId: String(party['Mette Sørensen']),
        templateId: String(kvittering),
        deadline: '2026-12-15',
        title: 'Kvittering for din henvendelse & ansøgning',
        body: 'Kære Mette Sørensen\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nSara',
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${caseId}#letters`);
    expect(await count('documents')).toBe(docsBefore + 1);
    expect(await count('digital_post_outbox')).toBe(outboxBefore + 1);
    const letter = await t.db.database.db.selectFrom('letters').selectAll().executeTakeFirstOrThrow();
    expect(letter).toMatchObject({
      case_id: caseId,
      party_id: party['Mette Sørensen'],
      template_id: kvittering,
      channel: 'digital',
    });
    const doc = await t.db.database.db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', letter.document_id)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ case_id: caseId, direction: 'outgoing', recipient: 'Mette Sørensen' });
    expect(doc.number).toBeGreaterThan(0);
    expect(doc.journalised_at).not.toBeNull();
    const outbox = await t.db.database.db
      .selectFrom('digital_post_outbox')
      .selectAll()
      .where('id', '=', letter.outbox_id)
      .executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({ case_id: caseId, status: 'queued', channel: 'digital', recipient_type: 'CPR' });

    // The PDF on the document is the one in the message, tagged with language, title and structure.
    const version = await t.db.database.db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(version.mime).toBe('application/pdf');
    const pdf = new Uint8Array(await t.services.blobs.read(version.blob_sha256));
    expect(outbox.memo_xml).toContain(`<memo:content>${Buffer.from(pdf).toString('base64')}</memo:content>`);
    const info = await inspectPdf(pdf);
    expect(info).toMatchObject({ lang: 'da-DK', marked: true, hasStructTree: true, displayDocTitle: true });
    expect(info.title).toBe('Kvittering for din henvendelse & ansøgning');
    const roles = flatten(await pageStructure(pdf, 1)).map((n) => n.role);
    expect(roles).toContain('H1');
    expect(roles.filter((r) => r === 'P').length).toBeGreaterThanOrEqual(5);
    expect(await allText(pdf)).toContain('Vi har modtaget din ansøgning.');

    expect(outbox.memo_xml).toContain('<memo:recipientID>0101901001</memo:recipientID><memo:idType>CPR</memo:idType>');
    expect(outbox.memo_xml).toContain('<memo:senderID>29189757</memo:senderID>');
    const { number } = await t.db.database.db
      .selectFrom('cases')
      .select('number')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(outbox.memo_xml).toContain(`<memo:caseID>${number}</memo:caseID>`);
    expect(outbox.memo_xml).toContain('<kle:subjectKey>02.34.02</kle:subjectKey>');
    if (haveXmllint) expect(validateMemo(outbox.memo_xml)).toMatchObject({ ok: true });

    // The case page lists it as queued; the look-up for the channel was logged with the case as purpose.
    const page = await (await t.get(`/cases/${caseId}`, { cookie: withCookies(cookie.sagsbehandler!, res) })).text();
    expect(page).toContain('journaliseret og lagt i kø til Digital Post');
    expect(page).toMatch(/Kvittering for din henvendelse &amp; ansøgning<\/a>[\s\S]*?I kø/);
    const lookups = await t.db.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'details'])
      .where('action', '=', 'register.cpr.lookup')
      .execute();
    expect(lookups.some((l) => Number(l.entity_id) === caseId)).toBe(true);
    expect(JSON.stringify(lookups)).not.toContain('0101901001');
  });

  it('one form sends one letter: a second send of it, or two at once, sends nothing again', async () => {
    const form = (token: string) => ({
      step: 'send',
      partyId: String(party['Mette Sørensen']),
      templateId: '',
      deadline: '',
      title: 'Svar på spørgsmål',
      body: 'Kære Mette Sørensen\n\nHer er svaret.',
      token,
    });
    const before = [await count('letters'), await count('digital_post_outbox'), await count('documents')];
    const token = '6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4';
    const first = await t.post(`/cases/${caseId}/letters`, form(token), { cookie: cookie.sagsbehandler });
    const again = await t.post(`/cases/${caseId}/letters`, form(token), { cookie: cookie.sagsbehandler });
    expect([first.status, again.status]).toEqual([303, 303]);
    const page = await (await t.get(`/cases/${caseId}`, { cookie: withCookies(cookie.sagsbehandler!, again) })).text();
    expect(page).toContain('var allerede sendt fra denne formular');
    const twins = await Promise.all(
      [1, 2].map(() =>
        t.post(`/cases/${caseId}/letters`, form('0b7e4c1d-2a3f-4e5d-9c6b-1a2b3c4d5e6f'), {
          cookie: cookie.sagsbehandler,
        }),
      ),
    );
    expect(twins.map((r) => r.status)).toEqual([303, 303]);
    expect([await count('letters'), await count('digital_post_outbox'), await count('documents')]).toEqual(
      before.map((n) => n + 2),
    );
  });

  it('a CPR register that does not answer stops the letter (nothing made), since the channel is unknown', async () => {
    const before = [await count('documents'), await count('digital_post_outbox'), await count('letters')];
    const db = t.db.database.db;
    const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const down = { lookup: () => Promise.reject(new Error('SF1520 timed out')) };
    const result = await sendLetter(
      t.db.database,
      t.services.blobs,
      down,
      c,
      {
        partyId: String(party['Mette Sørensen']),
        templateId: '',
        deadline: '',
        title: 'Brev',
        body: 'Tekst',
        token: '',
      },
      {
        id: user.id,
        name: user.display_name,
        displayName: user.display_name,
        roles: ['caseworker'],
        orgUnitId: user.org_unit_id,
      },
    );
    expect(result).toEqual({ ok: false, errors: {}, error: 'letters.error.register' });
    expect([await count('documents'), await count('digital_post_outbox'), await count('letters')]).toEqual(before);
  });

  it('a failure while recording the letter leaves neither document nor message behind', async () => {
    const before = [await count('documents'), await count('digital_post_outbox'), await count('letters')];
    const db = t.db.database.db;
    if (dialect === 'sqlite') {
      await sql`create trigger letters_boom before insert on letters begin select raise(abort, 'boom'); end`.execute(
        db,
      );
    } else {
      await sql`create function letters_boom() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`.execute(
        db,
      );
      await sql`create trigger letters_boom before insert on letters for each row execute function letters_boom()`.execute(
        db,
      );
    }
    try {
      const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
      const user = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'org_unit_id'])
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow();
      await expect(
        sendLetter(
          t.db.database,
          t.services.blobs,
          localPersonRegister(t.db.database),
          c,
          {
            partyId: String(party['Mette Sørensen']),
            templateId: '',
            deadline: '',
            title: 'Brev',
            body: 'Tekst',
            token: '',
          },
          {
            id: user.id,
            name: user.display_name,
            displayName: user.display_name,
            roles: ['caseworker'],
            orgUnitId: user.org_unit_id,
          },
        ),
      ).rejects.toThrow(/boom/);
    } finally {
      await sql`drop trigger letters_boom${sql.raw(dialect === 'postgres' ? ' on letters' : '')}`.execute(db);
      if (dialect === 'postgres') await sql`drop function letters_boom()`.execute(db);
    }
    expect([await count('documents'), await count('digital_post_outbox'), await count('letters')]).toEqual(before);
  });

  it('a recipient exempt from Digital Post gets the letter by remote print, shown as sent by post', async () => {
    const res = await t.post(
      `/cases/${caseId}/letters`,
      {
        step: 'send',
        partyId: String(party['Jørgen Bæk']),
        templateId: '',
        deadline: '',
        title: 'Partshøring',
        body: 'Kære Jørgen Bæk\n\nDu høres.',
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    const letter = await t.db.database.db
      .selectFrom('letters')
      .selectAll()
      .where('party_id', '=', party['Jørgen Bæk']!)
      .executeTakeFirstOrThrow();
    expect(letter.channel).toBe('print');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'letters-drop-'));
    const transport = channelTransport({
      digital: folderDropTransport(path.join(dir, 'outbox')),
      print: folderDropTransport(path.join(dir, 'print')),
    });
    const queued = Number(
      (
        await t.db.database.db
          .selectFrom('digital_post_outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'queued')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const result = await workOutbox(t.db.database, transport, { instance: 'test' });
    expect(result.sent).toBe(queued);
    const row = await t.db.database.db
      .selectFrom('digital_post_outbox')
      .selectAll()
      .where('id', '=', letter.outbox_id)
      .executeTakeFirstOrThrow();
    expect(fs.readdirSync(path.join(dir, 'print'))).toEqual([`${row.message_uuid}.xml`]);
    expect(fs.readdirSync(path.join(dir, 'outbox'))).toHaveLength(queued - 1);
    fs.rmSync(dir, { recursive: true, force: true });
    const page = await (await t.get(`/cases/${caseId}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toMatch(/Partshøring<\/a>[\s\S]*?Sendt med post/);
    const docPage = await (
      await t.get(`/cases/${caseId}/documents/${letter.document_id}`, { cookie: cookie.sagsbehandler })
    ).text();
    expect(docPage).toMatch(/Brev til Jørgen Bæk med Fjernprint:[\s\S]*?Sendt med post/);
    expect(page).toMatch(/Kvittering for din henvendelse &amp; ansøgning<\/a>[\s\S]*?>Sendt</);
  });

  it("a failed letter shows on its caseworker's front page only, and an administrator can send it again", async () => {
    // A new letter, and a gateway that is down: the last attempt fails it and tells the caseworker.
    const sent = await t.post(
      `/cases/${caseId}/letters`,
      {
        step: 'send',
        partyId: String(party['Jørgen Bæk']),
        templateId: '',
        deadline: '',
        title: 'Afgørelse om carport',
        body: 'Kære Jørgen Bæk\n\nDu får tilladelse.',
      },
      { cookie: cookie.sagsbehandler },
    );
    expect(sent.status).toBe(303);
    const letter = await t.db.database.db
      .selectFrom('letters')
      .selectAll()
      .where('title', '=', 'Afgørelse om carport')
      .executeTakeFirstOrThrow();
    const down = {
      name: 'down',
      send: () => Promise.reject(new Error('gateway down')),
    };
    expect(
      await workOutbox(t.db.database, down, { instance: 'test', maxAttempts: 1, onFailed: notifyFailedLetter }),
    ).toMatchObject({ failed: 1 });
    const notes = await t.db.database.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.link', 'notifications.params'])
      .where('notifications.kind', '=', 'letter.failed')
      .execute();
    expect(notes).toEqual([expect.objectContaining({ username: 'sagsbehandler', link: `/cases/${caseId}#letters` })]);
    expect(notes[0]!.params).toContain('Afgørelse om carport');

    const mine = await (await t.get('/', { cookie: cookie.sagsbehandler })).text();
    expect(mine).toContain('Breve, der ikke kom frem');
    expect(mine).toContain(`href="/cases/${caseId}#letters"`);
    const theirs = await (await t.get('/', { cookie: cookie.journal })).text();
    expect(theirs).not.toContain('Breve, der ikke kom frem');

    const outbox = await (await t.get('/admin/digital-post?status=failed', { cookie: cookie.admin })).text();
    expect(outbox).toContain('gateway down');
    // The failed message by its reference; no letter's title (a title can name a person).
    const failed = await t.db.database.db
      .selectFrom('digital_post_outbox')
      .select('message_uuid')
      .where('id', '=', letter.outbox_id)
      .executeTakeFirstOrThrow();
    expect(outbox).toContain(failed.message_uuid);
    expect(outbox).not.toContain('Afgørelse om carport');
    expect(outbox).not.toContain('Kvittering for din henvendelse');
    expect(outbox).not.toContain('Partshøring');
    expect(outbox).not.toContain('0101602004');
    expect(
      (await t.post(`/admin/digital-post/${letter.outbox_id}/retry`, {}, { cookie: cookie.sagsbehandler })).status,
    ).toBe(403);
    expect((await t.post(`/admin/digital-post/${letter.outbox_id}/retry`, {}, { cookie: cookie.admin })).status).toBe(
      303,
    );
    const row = await t.db.database.db
      .selectFrom('digital_post_outbox')
      .selectAll()
      .where('id', '=', letter.outbox_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 0, last_error: null });
    expect(await (await t.get('/', { cookie: cookie.sagsbehandler })).text()).not.toContain('Breve, der ikke kom frem');
  });
});
