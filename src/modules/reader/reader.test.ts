import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCookies } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { nowIso } from '../../db/index.ts';
import { createReaderFixture, type ReaderFixture } from '../../../test/helpers/reader-fixture.ts';
import { publishVersion } from '../publication/index.ts';
import { searchReader } from './search.ts';

describe.each(DIALECTS)('meetings: the politicians’ reader (%s)', (dialect) => {
  let f: ReaderFixture;

  beforeAll(async () => {
    f = await createReaderFixture(dialect);
  }, 180_000);

  afterAll(async () => {
    await f?.t.cleanup();
  });

  const page = async (path: string, who: keyof ReaderFixture['cookie'] = 'politiker') => {
    const res = await f.t.get(path, { cookie: f.cookie[who] });
    return { status: res.status, html: await res.text(), res };
  };

  it('is for politicians and the secretariat; lists my committees’ meetings', async () => {
    expect((await page('/reader', 'medarbejder')).status).toBe(403);
    expect((await page(`/reader/meetings/${f.meeting}`, 'sagsbehandler')).status).toBe(403);
    const mine = await page('/reader');
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Testudvalget for Teknik');
    // Not on the social committee: not in "my meetings".
    expect(mine.html).not.toContain('Testudvalget for Social');
    const sec = await page('/reader', 'sekretariat');
    expect(sec.html).toContain('Testudvalget for Social');
    expect((await page('/reader/meetings/999999')).status).toBe(404);
  });

  it('shows a member the closed item of their committee, with its closed attachment', async () => {
    const { html } = await page(`/reader/meetings/${f.meeting}`);
    expect(html).toContain('Cykelsti langs Åvej');
    expect(html).toContain('Salg af ejendommen Skolevej 4');
    const item = await page(`/reader/meetings/${f.meeting}/items/${f.closedItem}`);
    expect(item.html).toContain('Hemmeligt tilbud');
    const open = await page(`/reader/meetings/${f.meeting}/items/${f.openItem}`);
    expect(open.html).toContain('Lodsejerliste med navne');
    const att = await f.t.get(`/reader/meetings/${f.meeting}/attachments/${f.closedAttachment}`, {
      cookie: f.cookie.politiker,
    });
    expect(att.status).toBe(200);
    expect(att.headers.get('content-type')).toBe('application/pdf');
    expect(att.headers.get('content-disposition')).toMatch(/^inline/);
    expect((await att.arrayBuffer()).byteLength).toBeGreaterThan(500);
  });

  it('never shows a non-member a closed item or a closed attachment, however the URL is guessed', async () => {
    const { html } = await page(`/reader/meetings/${f.otherMeeting}`);
    expect(html).toContain('Åbningstider i borgerservice');
    expect(html).not.toContain('plejefamilie');
    expect(html).not.toContain('Hansen');
    const closed = await page(`/reader/meetings/${f.otherMeeting}/items/${f.otherClosedItem}`);
    expect(closed.status).toBe(200);
    expect(closed.html).toContain('Indholdet er kun for udvalgets medlemmer');
    expect(closed.html).not.toContain('Plejefamilien');
    expect(
      (
        await f.t.get(`/reader/meetings/${f.otherMeeting}/attachments/${f.otherClosedAttachment}`, {
          cookie: f.cookie.politiker,
        })
      ).status,
    ).toBe(404);
    // A closed attachment of an open item, asked for through the other meeting or directly.
    expect(
      (
        await f.t.get(`/reader/meetings/${f.otherMeeting}/attachments/${f.closedAttachment}`, {
          cookie: f.cookie.politiker,
        })
      ).status,
    ).toBe(404);
    // Notes cannot be put on an item one may not read.
    const note = await f.t.post(
      `/reader/meetings/${f.otherMeeting}/items/${f.otherClosedItem}/notes`,
      { target: 'item', body: 'x' },
      { cookie: f.cookie.politiker },
    );
    expect(note.status).toBe(404);
  });

  it('keeps a member who is disqualified and kept out away from the closed item', async () => {
    const db = f.t.db.database.db;
    await db
      .insertInto('item_disqualifications')
      .values({
        item_id: f.closedItem,
        person_id: f.persons.politiker,
        reason: 'Nabo',
        kept_out: 1,
        created_at: nowIso(),
        created_by: null,
      })
      .execute();
    await publishVersion(f.t.db.database, f.meeting, 'agenda', {
      actor: { id: f.userId.sekretariat!, name: 'Mette Aagaard' },
      changeKind: 'version',
      changeNote: 'Inhabilitet registreret.',
    });
    const item = await page(`/reader/meetings/${f.meeting}/items/${f.closedItem}`);
    expect(item.html).toContain('Du er erklæret inhabil');
    expect(item.html).not.toContain('Hemmeligt tilbud');
    await db.deleteFrom('item_disqualifications').where('item_id', '=', f.closedItem).execute();
    await publishVersion(f.t.db.database, f.meeting, 'agenda', {
      actor: { id: f.userId.sekretariat!, name: 'Mette Aagaard' },
      changeKind: 'version',
      changeNote: 'Inhabilitet fjernet.',
    });
    expect((await page(`/reader/meetings/${f.meeting}/items/${f.closedItem}`)).html).toContain('Hemmeligt tilbud');
  });

  it('keeps private notes for their author only, saved without JS and with htmx, across versions', async () => {
    const base = `/reader/meetings/${f.meeting}/items/${f.openItem}`;
    const res = await f.t.post(
      `${base}/notes?view=agenda`,
      { target: 'item', body: 'Spørg til vedligeholdelsen om vinteren.' },
      { cookie: f.cookie.politiker },
    );
    expect(res.status).toBe(303);
    const after = await f.t.get(res.headers.get('location')!, { cookie: withCookies(f.cookie.politiker, res) });
    const html = await after.text();
    expect(html).toContain('Spørg til vedligeholdelsen om vinteren.');
    expect(html).toContain('Noten er gemt');
    // With htmx: the form comes back alone, with an announcement.
    const hx = await f.t.post(
      `${base}/notes?view=agenda`,
      { target: `document:${await docOf(f.openAttachment)}`, body: 'Tjek profilet ved broen.' },
      { cookie: f.cookie.politiker, headers: { 'HX-Request': 'true' } },
    );
    expect(hx.status).toBe(200);
    const frag = await hx.text();
    expect(frag).not.toContain('<html');
    expect(frag).toContain('Tjek profilet ved broen.');
    expect(frag).toContain('hx-swap-oob');
    // An attachment that is not the item's is refused.
    expect(
      (await f.t.post(`${base}/notes`, { target: 'document:999999', body: 'x' }, { cookie: f.cookie.politiker }))
        .status,
    ).toBe(404);
    // Too long: the text is kept, with a Danish message.
    const long = 'a'.repeat(10_001);
    const bad = await f.t.post(
      `${base}/notes?view=agenda`,
      { target: 'item', body: long },
      { cookie: f.cookie.politiker },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Noten må højst være 10');
    expect(badHtml).toContain(long);
    // The secretariat reads the same item and sees no note.
    const sec = await page(base, 'sekretariat');
    expect(sec.html).not.toContain('vedligeholdelsen om vinteren');
    expect(sec.html).not.toContain('profilet ved broen');
    // A new version of the agenda changes the item; the note is still there, and the change shows.
    await f.t.db.database.db
      .updateTable('agenda_items')
      .set({
        presentation:
          'Forvaltningen foreslår en dobbeltrettet cykelsti langs Åvej og Bækvej.\n\nStrækningen er 1,2 km.',
      })
      .where('id', '=', f.openItem)
      .execute();
    await publishVersion(f.t.db.database, f.meeting, 'agenda', {
      actor: { id: f.userId.sekretariat!, name: 'Mette Aagaard' },
      changeKind: 'version',
      changeNote: 'Bækvej er kommet med.',
    });
    const v = await page(base);
    expect(v.html).toContain('Spørg til vedligeholdelsen om vinteren.');
    expect(v.html).toContain('Ændret i version');
    expect(v.html).toMatch(/<ins[^>]*>.*Bækvej/s);
    const meetingPage = await page(`/reader/meetings/${f.meeting}`);
    expect(meetingPage.html).toContain('Bækvej er kommet med.');
    expect(meetingPage.html).toContain('Du har noter');
    // Deleting: an empty note.
    await f.t.post(`${base}/notes?view=agenda`, { target: 'item', body: '' }, { cookie: f.cookie.politiker });
    expect((await page(base)).html).not.toContain('vedligeholdelsen om vinteren');
  });

  async function docOf(attachmentId: number) {
    return (
      await f.t.db.database.db
        .selectFrom('agenda_attachments')
        .select('document_id')
        .where('id', '=', attachmentId)
        .executeTakeFirstOrThrow()
    ).document_id;
  }

  it('searches published agendas, never showing closed content to someone who may not read it', async () => {
    const politiker = { id: f.userId.politiker!, roles: ['politician' as const], orgUnitId: null };
    const sekretariat = { id: f.userId.sekretariat!, roles: ['secretariat' as const], orgUnitId: null };
    // Open items are found (word forms: "cykelstien" finds "cykelsti").
    const open = await searchReader(f.t.db.database, politiker, 'cykelstien');
    expect(open.map((h) => h.itemId)).toContain(f.openItem);
    // A member finds their committee's closed item.
    expect((await searchReader(f.t.db.database, politiker, 'Skolevej')).map((h) => h.itemId)).toContain(f.closedItem);
    // Not a member: the other committee's closed item is not found, by title or by text.
    expect(await searchReader(f.t.db.database, politiker, 'plejefamilie')).toEqual([]);
    expect(await searchReader(f.t.db.database, politiker, 'Hansen')).toEqual([]);
    expect(await searchReader(f.t.db.database, politiker, 'fortrolig indstilling')).toEqual([]);
    // The secretariat finds it.
    expect((await searchReader(f.t.db.database, sekretariat, 'plejefamilie')).map((h) => h.itemId)).toContain(
      f.otherClosedItem,
    );
    // Over HTTP, as a page and as an htmx fragment; odd input does no harm.
    const res = await page('/reader/search?q=Åbningstider');
    expect(res.html).toContain('Åbningstider');
    expect(res.html).toContain('<mark');
    const none = await page('/reader/search?q=plejefamilie');
    expect(none.html).toContain('Ingen punkter matcher');
    expect(none.html).not.toContain('Plejefamilien Hansen');
    for (const q of ['"', 'e-mail', 'AND OR', '*', "'; drop table x; --"])
      expect((await page(`/reader/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    const frag = await f.t.get('/reader/search?q=cykelsti', {
      cookie: f.cookie.politiker,
      headers: { 'HX-Request': 'true' },
    });
    expect(await frag.text()).not.toContain('<html');
  });

  it('does not reveal a closed attachment’s title to a non-member through search', async () => {
    // The open item of the social committee gets a closed attachment with a telling title.
    const db = f.t.db.database.db;
    const doc = await docOf(f.openAttachment);
    await db
      .insertInto('agenda_attachments')
      .values({
        item_id: f.otherOpenItem,
        document_id: doc,
        title: 'Klagebrev fra Zacharias',
        closed: 1,
        position: 2,
        created_at: nowIso(),
        created_by: null,
        updated_at: nowIso(),
        deleted_at: null,
      })
      .execute();
    await publishVersion(f.t.db.database, f.otherMeeting, 'agenda', {
      actor: { id: f.userId.sekretariat!, name: 'Mette Aagaard' },
      changeKind: 'addendum',
      changeNote: 'Bilag tilføjet.',
    });
    const politiker = { id: f.userId.politiker!, roles: ['politician' as const], orgUnitId: null };
    expect(await searchReader(f.t.db.database, politiker, 'Zacharias')).toEqual([]);
    const sekretariat = { id: f.userId.sekretariat!, roles: ['secretariat' as const], orgUnitId: null };
    expect((await searchReader(f.t.db.database, sekretariat, 'Zacharias')).map((h) => h.itemId)).toEqual([
      f.otherOpenItem,
    ]);
  });

  it('serves the service worker from /reader/ and clears what the device saved on sign-out', async () => {
    const sw = await f.t.get('/reader/sw.js', { cookie: f.cookie.politiker });
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toContain('javascript');
    expect(await sw.text()).toContain("addEventListener('fetch'");
    const offline = await page(`/reader/meetings/${f.meeting}/offline`);
    expect(offline.html).toContain('src="/reader/reader.js"');
    expect(offline.html).toContain(`/reader/meetings/${f.meeting}/attachments/${f.openAttachment}`);
    expect(offline.html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const out = await f.t.post('/logout', {}, { cookie: await f.t.signIn('politiker') });
    expect(out.status).toBe(303);
    expect(out.headers.get('clear-site-data')).toBe('"cache", "storage"');
  });
});
