import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../test/helpers/files.ts';
import { nowIso } from '../../db/index.ts';
import { journalise, uploadDocuments } from '../documents/service.ts';
import { pageTexts } from '../../../test/helpers/pdf.ts';
import { createReaderFixture, type ReaderFixture } from '../../../test/helpers/reader-fixture.ts';
import { searchReader } from '../reader/index.ts';
import { publishedVersions, publishVersion } from './publish.ts';

/**
 * Closed stays closed in the history (review finding 2). The secretariat opens a closed item by
 * mistake (version 2) and closes it again (version 3): nobody who may not read closed items may
 * read it through version 2, whatever they use (the employees' page and its "what changed", the
 * attachments, the PDFs, the reader, search, the public pages, OParl). Likewise an item closed
 * only in later minutes stays closed in the agenda and the earlier minutes.
 *
 * The scenario runs over HTTP on the reader fixture's two committees: the social committee, where
 * `politiker` is not a member, and the technical committee, where `politiker` is (the control:
 * members still read the item).
 */

/** Text of the social committee's closed item and its attachments: none may leak. */
const SECRET = /plejefamilie|Kontoudtog for familien|Hansens kontoudtog/i;
/** The item closed only in the later minutes (scenario B). */
const MINUTES_SECRET = /Quist/;

async function text(res: Response): Promise<string> {
  const buf = Buffer.from(await res.arrayBuffer());
  return res.headers.get('content-encoding') === 'gzip' ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

describe.each(DIALECTS)('meetings: an item closed again stays closed in every version (%s)', (dialect) => {
  let f: ReaderFixture;
  /** The attachment added to the social committee's closed item while it was open. */
  let newAttachment: number;
  let socialPaper: number;
  /** published_versions ids of the social meeting's agenda, by number. */
  const socialVersionIds: Record<number, number> = {};
  /** Scenario B: a meeting whose item is closed only in the minutes' second version. */
  let minutesMeeting: number;
  let minutesItem: number;
  let minutesV1Id: number;

  const as = (who: keyof ReaderFixture['cookie']) => ({ cookie: f.cookie[who] });
  const politiker = () => ({ id: f.userId.politiker!, roles: ['politician' as const], orgUnitId: null });
  const sekretariat = () => ({ id: f.userId.sekretariat!, roles: ['secretariat' as const], orgUnitId: null });
  const pdfText = async (res: Response) => (await pageTexts(new Uint8Array(await res.arrayBuffer()))).join(' ');

  /** Untick "closed", publish, tick it again, publish: exactly what the secretariat does in the editor. */
  async function openAndCloseAgain(meetingId: number, itemId: number, attachments: number[]) {
    const db = f.t.db.database.db;
    const item = await db.selectFrom('agenda_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    const form = {
      title: item.title,
      presentation: item.presentation,
      recommendation: item.recommendation,
      economy: item.economy,
      attachments: attachments.map(String),
      closedAttachments: [],
    };
    const s = as('sekretariat');
    expect((await f.t.post(`/meetings/${meetingId}/items/${itemId}`, form, s)).status).toBe(303);
    expect(
      (
        await f.t.post(
          `/meetings/${meetingId}/publications`,
          { changeKind: 'version', changeNote: 'Punkt 2 er åbnet.' },
          s,
        )
      ).status,
    ).toBe(303);
    expect(
      (await f.t.post(`/meetings/${meetingId}/items/${itemId}`, { ...form, closed: '1', closedReason: 'Personsag' }, s))
        .status,
    ).toBe(303);
    expect(
      (
        await f.t.post(
          `/meetings/${meetingId}/publications`,
          { changeKind: 'version', changeNote: 'Punkt 2 er lukket igen.' },
          s,
        )
      ).status,
    ).toBe(303);
    const versions = await publishedVersions(f.t.db.database, meetingId, 'agenda');
    // The precondition: version 2 really holds the item open, versions 1 and 3 closed.
    expect(versions.map((v) => v.snapshot.items.find((i) => i.id === itemId)!.closed)).toEqual([true, false, true]);
    return versions;
  }

  beforeAll(async () => {
    f = await createReaderFixture(dialect);
    const db = f.t.db.database.db;
    const at = nowIso();

    // A journalised document for the social committee's closed item, and a paper for each closed
    // item, so that the editor may attach the case's documents to them.
    const caseworker = { id: f.userId.sagsbehandler!, name: 'Kasper Lindholm' };
    const caseRow = await db.selectFrom('cases').selectAll().where('id', '=', f.caseId).executeTakeFirstOrThrow();
    const up = await uploadDocuments(
      f.t.db.database,
      f.t.services.blobs,
      caseRow,
      [
        {
          name: 'kontoudtog.pdf',
          type: 'application/pdf',
          bytes: await makePdf(['Kontoudtog for familien Hansen', 'Saldo og bevægelser.']),
        },
      ],
      { title: 'Hansens kontoudtog', direction: 'internal', documentDate: '2026-11-01', sender: '', recipient: '' },
      caseworker,
    );
    if (!up.ok) throw new Error('upload');
    const docId = up.ids[0]!;
    await journalise(
      f.t.db.database,
      caseRow,
      await db.selectFrom('documents').selectAll().where('id', '=', docId).executeTakeFirstOrThrow(),
      caseworker,
    );
    const paper = async (title: string) =>
      (
        await db
          .insertInto('papers')
          .values({
            case_id: f.caseId,
            reference: caseRow.number,
            title,
            created_at: at,
            created_by: f.userId.sekretariat!,
            updated_at: at,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    socialPaper = await paper('Tilskud til plejefamilie (sag)');
    await db.updateTable('agenda_items').set({ paper_id: socialPaper }).where('id', '=', f.otherClosedItem).execute();
    await db
      .updateTable('agenda_items')
      .set({ paper_id: await paper('Ejendomssalg (sag)') })
      .where('id', '=', f.closedItem)
      .execute();
    const oldDoc = (
      await db
        .selectFrom('agenda_attachments')
        .select('document_id')
        .where('id', '=', f.otherClosedAttachment)
        .executeTakeFirstOrThrow()
    ).document_id;

    const social = await openAndCloseAgain(f.otherMeeting, f.otherClosedItem, [oldDoc, docId]);
    for (const v of social) socialVersionIds[v.number] = v.id;
    newAttachment = (
      await db
        .selectFrom('agenda_attachments')
        .select('id')
        .where('item_id', '=', f.otherClosedItem)
        .where('document_id', '=', docId)
        .executeTakeFirstOrThrow()
    ).id;
    await openAndCloseAgain(f.meeting, f.closedItem, []);

    // Scenario B, on the social committee: the item is open in the agenda and the first minutes,
    // and closed in the second minutes (an addendum after approval).
    const committee = (
      await db.selectFrom('meetings').select('committee_id').where('id', '=', f.otherMeeting).executeTakeFirstOrThrow()
    ).committee_id;
    minutesMeeting = (
      await db
        .insertInto('meetings')
        .values({
          committee_id: committee,
          title: 'Møde med rettet referat',
          starts_at: '2026-10-01T15:00:00.000Z',
          ends_at: null,
          location_id: null,
          status: 'planned',
          agenda_published_at: null,
          minutes_published_at: null,
          created_at: at,
          created_by: f.userId.sekretariat!,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    minutesItem = (
      await db
        .insertInto('agenda_items')
        .values({
          meeting_id: minutesMeeting,
          paper_id: null,
          number: 1,
          title: 'Erstatning til familien Quist',
          closed: 0,
          closed_reason: null,
          presentation: 'Familien Quist søger erstatning for en vandskade.',
          recommendation: 'Forvaltningen indstiller, at erstatningen gives.',
          economy: '',
          decision: null,
          decided_at: null,
          decision_document_id: null,
          created_at: at,
          created_by: null,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const actor = { actor: { id: f.userId.sekretariat!, name: 'Mette Aagaard' } };
    await publishVersion(f.t.db.database, minutesMeeting, 'agenda', actor);
    await db
      .updateTable('meetings')
      .set({ status: 'held', agenda_published_at: nowIso() })
      .where('id', '=', minutesMeeting)
      .execute();
    await db
      .updateTable('agenda_items')
      .set({ decision: 'Familien Quist får erstatning.' })
      .where('id', '=', minutesItem)
      .execute();
    minutesV1Id = (await publishVersion(f.t.db.database, minutesMeeting, 'minutes', actor)).id;
    await db
      .updateTable('meetings')
      .set({ status: 'approved', minutes_published_at: nowIso() })
      .where('id', '=', minutesMeeting)
      .execute();
    await db
      .updateTable('agenda_items')
      .set({ closed: 1, closed_reason: 'Personsag' })
      .where('id', '=', minutesItem)
      .execute();
    await publishVersion(f.t.db.database, minutesMeeting, 'minutes', {
      ...actor,
      changeKind: 'addendum',
      changeNote: 'Punkt 1 er lukket.',
    });
  }, 240_000);

  afterAll(async () => {
    await f?.t.cleanup();
  });

  it('shows an employee the item as closed in every version, and "what changed" does not reveal it', async () => {
    for (const q of ['', '?version=1', '?version=2', '?version=3']) {
      const res = await f.t.get(`/meetings/${f.otherMeeting}${q}`, as('medarbejder'));
      expect(res.status, q).toBe(200);
      const html = await res.text();
      expect(html, q).not.toMatch(SECRET);
      expect(html, q).toContain('Lukket punkt');
      expect(html, q).not.toContain(`/attachments/${newAttachment}`);
      expect(html, q).not.toContain(`/attachments/${f.otherClosedAttachment}`);
      // Opening and closing again changed nothing an employee may see.
      if (q === '?version=2' || q === '?version=3' || q === '')
        expect(html, q).toContain('Ingen ændringer, du har adgang til at se.');
    }
    // Of the member's committee too.
    for (const q of ['?version=2', ''])
      expect(await (await f.t.get(`/meetings/${f.meeting}${q}`, as('medarbejder'))).text(), q).not.toContain(
        'Skolevej',
      );
  });

  it('still shows the secretariat and the members what each version held', async () => {
    const secretariat = await (
      await f.t.get(`/meetings/${f.otherMeeting}?version=2&view=published`, as('sekretariat'))
    ).text();
    expect(secretariat).toContain('Tilskud til plejefamilie Hansen');
    expect(secretariat).toContain(`/meetings/${f.otherMeeting}/versions/2/attachments/${newAttachment}`);
    const member = await (await f.t.get(`/meetings/${f.meeting}?version=2`, as('politiker'))).text();
    expect(member).toContain('Salg af ejendommen Skolevej 4');
    expect(
      (await f.t.get(`/meetings/${f.otherMeeting}/versions/2/attachments/${newAttachment}`, as('sekretariat'))).status,
    ).toBe(200);
  });

  it('never serves the item’s attachments of any version to an employee or a non-member', async () => {
    for (const who of ['medarbejder', 'politiker'] as const) {
      for (const n of [1, 2, 3]) {
        for (const aid of [newAttachment, f.otherClosedAttachment]) {
          const res = await f.t.get(`/meetings/${f.otherMeeting}/versions/${n}/attachments/${aid}`, as(who));
          expect(res.status, `${who} v${n} ${aid}`).toBe(404);
          expect(await res.text()).not.toMatch(SECRET);
        }
      }
      for (const aid of [newAttachment, f.otherClosedAttachment])
        expect((await f.t.get(`/reader/meetings/${f.otherMeeting}/attachments/${aid}`, as(who))).status).not.toBe(200);
    }
  });

  it('prints the agenda PDF of every version, merged too, without the item', async () => {
    for (const q of ['?version=1', '?version=2', '?version=3', '?version=2&attachments=1', '?attachments=1']) {
      const res = await f.t.get(`/meetings/${f.otherMeeting}/agenda.pdf${q}`, as('medarbejder'));
      expect(res.status, q).toBe(200);
      const printed = await pdfText(res);
      expect(printed, q).toContain('Åbningstider i borgerservice');
      expect(printed, q).not.toMatch(SECRET);
    }
    // The control: a member's merged PDF of version 2 of their own committee prints the item.
    expect(await pdfText(await f.t.get(`/meetings/${f.meeting}/agenda.pdf?version=2`, as('politiker')))).toContain(
      'Skolevej',
    );
    expect(
      await pdfText(await f.t.get(`/meetings/${f.meeting}/agenda.pdf?version=2`, as('medarbejder'))),
    ).not.toContain('Skolevej');
  });

  it('shows a politician outside the committee nothing of it in the reader, and a member everything', async () => {
    const res = await f.t.get(`/reader/meetings/${f.otherMeeting}`, as('politiker'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(SECRET);
    // Version 3 against version 2: nothing this reader may see has changed.
    expect(html).toContain('Ingen ændringer, du kan se.');
    const item = await (
      await f.t.get(`/reader/meetings/${f.otherMeeting}/items/${f.otherClosedItem}`, as('politiker'))
    ).text();
    expect(item).toContain('Indholdet er kun for udvalgets medlemmer');
    expect(item).not.toMatch(SECRET);
    const member = await (await f.t.get(`/reader/meetings/${f.meeting}/items/${f.closedItem}`, as('politiker'))).text();
    expect(member).toContain('Hemmeligt tilbud');
  });

  it('does not find the item in search for a non-member; the secretariat does', async () => {
    expect(await searchReader(f.t.db.database, politiker(), 'plejefamilie')).toEqual([]);
    expect(await searchReader(f.t.db.database, politiker(), 'kontoudtog')).toEqual([]);
    expect((await searchReader(f.t.db.database, sekretariat(), 'plejefamilie')).map((h) => h.itemId)).toContain(
      f.otherClosedItem,
    );
  });

  it('shows the public every version, its history, attachments and PDFs without the item', async () => {
    const page = await text(await f.t.get(`/public/meetings/${f.otherMeeting}`));
    expect(page).toContain('Åbningstider i borgerservice');
    expect(page).not.toMatch(SECRET);
    for (const n of [1, 2, 3]) {
      const id = socialVersionIds[n]!;
      const res = await f.t.get(`/public/meetings/${f.otherMeeting}?version=${id}`);
      expect(res.status).toBe(200);
      expect(await text(res), `v${n}`).not.toMatch(SECRET);
      for (const aid of [newAttachment, f.otherClosedAttachment])
        expect(
          (await f.t.get(`/public/meetings/${f.otherMeeting}/attachments/${aid}?version=${id}`)).status,
          `v${n} ${aid}`,
        ).toBe(404);
      const pdf = await f.t.get(`/public/meetings/${f.otherMeeting}/pdf?version=${id}&merged=1`);
      expect(pdf.status).toBe(200);
      expect(await pdfText(pdf), `v${n}`).not.toMatch(SECRET);
    }
  });

  it('shows nothing of it in OParl: the meeting, the item, its paper and its files', async () => {
    const root = 'http://localhost/oparl/v1.1';
    const queue = [
      `${root}/meeting/${f.otherMeeting}`,
      `${root}/agenda-item/${f.otherClosedItem}`,
      `${root}/consultation/${f.otherClosedItem}`,
      `${root}/paper/${socialPaper}`,
      `${root}/file/${newAttachment}`,
      `${root}/file/${f.otherClosedAttachment}`,
      `${root}/meeting/${minutesMeeting}`,
      `${root}/agenda-item/${minutesItem}`,
    ];
    const visited = new Set<string>();
    while (queue.length && visited.size < 150) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      const body = await text(
        await f.t.get(url.replace('http://localhost', ''), { headers: { 'Accept-Encoding': 'gzip' } }),
      );
      expect(body, url).not.toMatch(SECRET);
      expect(body, url).not.toMatch(MINUTES_SECRET);
      for (const m of body.matchAll(
        /"(http:\/\/localhost\/oparl\/v1\.1\/(?:meeting|agenda-item|consultation|paper|file)\/[^"]*)"/g,
      ))
        if (!visited.has(m[1]!)) queue.push(m[1]!);
    }
  });

  it('keeps an item closed only in later minutes closed in the agenda, the earlier minutes and search', async () => {
    for (const path of [`/meetings/${minutesMeeting}`, `/meetings/${minutesMeeting}?version=1`]) {
      const res = await f.t.get(path, as('medarbejder'));
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain('Lukket punkt');
      expect(html, path).not.toMatch(MINUTES_SECRET);
    }
    for (const path of [
      `/meetings/${minutesMeeting}/agenda.pdf`,
      `/meetings/${minutesMeeting}/minutes.pdf?version=1`,
      `/meetings/${minutesMeeting}/minutes.pdf`,
    ]) {
      const res = await f.t.get(path, as('medarbejder'));
      expect(res.status, path).toBe(200);
      expect(await pdfText(res), path).not.toMatch(MINUTES_SECRET);
    }
    // The reader: the agenda, and the minutes (version 2 against version 1).
    for (const path of [
      `/reader/meetings/${minutesMeeting}`,
      `/reader/meetings/${minutesMeeting}?view=agenda`,
      `/reader/meetings/${minutesMeeting}/items/${minutesItem}?view=agenda`,
    ]) {
      const res = await f.t.get(path, as('politiker'));
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toMatch(MINUTES_SECRET);
    }
    expect(await searchReader(f.t.db.database, politiker(), 'Quist')).toEqual([]);
    expect((await searchReader(f.t.db.database, sekretariat(), 'Quist')).map((h) => h.itemId)).toContain(minutesItem);
    for (const q of ['?show=agenda', `?version=${minutesV1Id}`, ''])
      expect(await text(await f.t.get(`/public/meetings/${minutesMeeting}${q}`)), q).not.toMatch(MINUTES_SECRET);
    const publicPdf = await f.t.get(`/public/meetings/${minutesMeeting}/pdf?version=${minutesV1Id}`);
    expect(publicPdf.status).toBe(200);
    expect(await pdfText(publicPdf)).not.toMatch(MINUTES_SECRET);
  });

  // Last: it changes the member's committee meeting the tests above read.
  it('keeps a member kept out of an item in the latest version out of it in every earlier version', async () => {
    const s = as('sekretariat');
    const added = await f.t.post(
      `/meetings/${f.meeting}/items/${f.closedItem}/disqualifications`,
      { personId: String(f.persons.politiker), reason: 'Nabo til ejendommen', keptOut: '1' },
      s,
    );
    expect(added.status).toBe(303);
    expect(
      (
        await f.t.post(
          `/meetings/${f.meeting}/publications`,
          { changeKind: 'version', changeNote: 'Inhabilitet registreret.' },
          s,
        )
      ).status,
    ).toBe(303);
    for (const q of ['', '?version=1', '?version=3']) {
      const html = await (await f.t.get(`/meetings/${f.meeting}${q}`, as('politiker'))).text();
      expect(html, q).not.toContain('Skolevej');
      expect(html, q).toContain('Cykelsti langs Åvej');
      expect(await pdfText(await f.t.get(`/meetings/${f.meeting}/agenda.pdf${q}`, as('politiker'))), q).not.toContain(
        'Skolevej',
      );
    }
    const reader = await (await f.t.get(`/reader/meetings/${f.meeting}/items/${f.closedItem}`, as('politiker'))).text();
    expect(reader).not.toContain('Hemmeligt tilbud');
  });
});
