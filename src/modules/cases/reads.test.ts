import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { makePng } from '../documents/documents.fixtures.ts';

/**
 * Reads of a citizen case's content are logged in one place (reads.ts), whichever route shows
 * it, and only for requests the user made as a page view: a page's <img>, <script> or <link>
 * asking for a case gets nothing and logs nothing.
 */

const READS = ['case.view', 'case.excerpt.view', 'document.download'];
const SECRET = 'Borgeren har svært ved at klare trapper';
const NOTE_WORD = 'blodtryksmåling';

describe.each(DIALECTS)('reads of personal data (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let citizenId: number;
  let subjectId: number;
  let docId: number;

  const lastId = async () =>
    Number(
      (
        await t.db.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );

  /** Runs a request and returns its answer and the read entries it wrote (any case). */
  async function during(request: () => Promise<Response>) {
    const before = await lastId();
    const res = await request();
    const body = await res.text();
    const entries = await t.db.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'actor_name', 'details'])
      .where('id', '>', before)
      .where('action', 'in', READS)
      .orderBy('id')
      .execute();
    return { res, body, entries };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal']) cookie[u] = await t.signIn(u);
    const unit = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const create = async (form: Record<string, string>) => {
      const res = await t.post(
        '/cases',
        { kleNumber: '27.00.00', facetCode: 'G01', unitId: String(unit), ...form },
        { cookie: cookie.sagsbehandler },
      );
      expect(res.status).toBe(303);
      return Number(res.headers.get('location')!.split('/').pop());
    };
    citizenId = await create({
      type: 'citizen',
      title: 'Ansøgning om trappelift',
      description: SECRET,
      partyName: 'Jens Hansen',
      partyCpr: '010190-1234',
    });
    subjectId = await create({
      type: 'subject',
      title: 'Trappelifte i kommunale bygninger',
      description: 'Almindelig sag om elevatorskakte',
    });
    expect(
      (
        await t.post(
          `/cases/${citizenId}/notes`,
          { body: `Ringede om ${NOTE_WORD} hos egen læge.` },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    const upload = await t.upload(
      `/cases/${citizenId}/documents`,
      { title: 'Foto af trappen', direction: 'incoming', documentDate: '2026-11-20', sender: 'Jens Hansen' },
      [{ field: 'files', name: 'trappe.png', type: 'image/png', content: makePng(4, 4) }],
      { cookie: cookie.sagsbehandler },
    );
    expect(upload.status).toBe(303);
    docId = (
      await t.db.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', citizenId)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.cleanup());

  const caseViews = (entries: Array<{ action: string; entity_id: string | null; actor_name: string | null }>) =>
    entries.filter((e) => e.action === 'case.view' && e.entity_id === String(citizenId)).map((e) => e.actor_name);

  describe('every route that shows a citizen case logs one read', () => {
    it('the case page, also for htmx and for a client that sends no Sec-Fetch-Dest', async () => {
      const variants: Array<Record<string, string>> = [
        { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate' },
        { 'Sec-Fetch-Dest': 'empty', 'HX-Request': 'true' },
        {},
      ];
      for (const headers of variants) {
        const { res, body, entries } = await during(() =>
          t.get(`/cases/${citizenId}`, { cookie: cookie.sagsbehandler, headers }),
        );
        expect(res.status).toBe(200);
        expect(body).toContain(SECRET);
        expect(caseViews(entries), JSON.stringify(headers)).toEqual(['Kasper Lindholm']);
      }
    });

    it('the edit form, and its re-render with errors', async () => {
      const edit = await during(() => t.get(`/cases/${citizenId}/edit`, { cookie: cookie.sagsbehandler }));
      expect(edit.res.status).toBe(200);
      expect(edit.body).toContain(SECRET);
      expect(caseViews(edit.entries)).toEqual(['Kasper Lindholm']);
      const bad = await during(() =>
        t.post(
          `/cases/${citizenId}`,
          { type: 'citizen', title: '', description: SECRET, kleNumber: '27.00.00' },
          { cookie: cookie.sagsbehandler },
        ),
      );
      expect(bad.res.status).toBe(422);
      expect(caseViews(bad.entries)).toEqual(['Kasper Lindholm']);
    });

    it('the case page re-rendered with a form error (a note, an upload)', async () => {
      const note = await during(() =>
        t.post(`/cases/${citizenId}/notes`, { body: '' }, { cookie: cookie.sagsbehandler }),
      );
      expect(note.res.status).toBe(422);
      expect(note.body).toContain(SECRET);
      expect(caseViews(note.entries)).toEqual(['Kasper Lindholm']);
      const upload = await during(() =>
        t.upload(`/cases/${citizenId}/documents`, {}, [], { cookie: cookie.sagsbehandler }),
      );
      expect(upload.res.status).toBe(422);
      expect(caseViews(upload.entries)).toEqual(['Kasper Lindholm']);
    });

    it('a successful change redirects without a read; the page it leads to is the read', async () => {
      const { res, entries } = await during(() =>
        t.post(`/cases/${citizenId}/notes`, { body: 'Kort note' }, { cookie: cookie.sagsbehandler }),
      );
      expect(res.status).toBe(303);
      expect(caseViews(entries)).toEqual([]);
    });

    it('the document page and its re-render with errors', async () => {
      const page = await during(() => t.get(`/cases/${citizenId}/documents/${docId}`, { cookie: cookie.journal }));
      expect(page.res.status).toBe(200);
      expect(page.body).toContain('Foto af trappen');
      expect(caseViews(page.entries)).toEqual(['Birgit Sønderby']);
      const bad = await during(() =>
        t.post(
          `/cases/${citizenId}/documents/${docId}`,
          { title: '', direction: 'incoming' },
          { cookie: cookie.sagsbehandler },
        ),
      );
      expect(bad.res.status).toBe(422);
      expect(caseViews(bad.entries)).toEqual(['Kasper Lindholm']);
    });

    it('a download, as a document.download entry', async () => {
      const { res, entries } = await during(() =>
        t.get(`/cases/${citizenId}/documents/${docId}/versions/1/file`, { cookie: cookie.sagsbehandler }),
      );
      expect(res.status).toBe(200);
      expect(entries.map((e) => [e.action, e.entity_id])).toEqual([['document.download', String(citizenId)]]);
    });

    it('search results that show a citizen case text, in case search and in the global search', async () => {
      for (const path of [`/cases/search?q=${NOTE_WORD}`, `/search?q=${NOTE_WORD}`]) {
        const { res, body, entries } = await during(() => t.get(path, { cookie: cookie.sagsbehandler }));
        expect(res.status).toBe(200);
        expect(body, path).toContain('Ansøgning om trappelift');
        expect(body, path).toMatch(new RegExp(`<mark[^>]*>${NOTE_WORD}</mark>`));
        expect(
          entries.map((e) => [e.action, e.entity_id, e.actor_name]),
          path,
        ).toEqual([['case.excerpt.view', String(citizenId), 'Kasper Lindholm']]);
      }
      // A search that finds only an ordinary case logs nothing.
      const plain = await during(() => t.get('/cases/search?q=elevatorskakte', { cookie: cookie.sagsbehandler }));
      expect(plain.body).toContain('Trappelifte i kommunale bygninger');
      expect(plain.entries).toEqual([]);
    });

    it('not an ordinary case (only citizen cases are logged on view)', async () => {
      const { res, entries } = await during(() => t.get(`/cases/${subjectId}`, { cookie: cookie.sagsbehandler }));
      expect(res.status).toBe(200);
      expect(entries).toEqual([]);
    });
  });

  describe('a request the user did not make as a page view', () => {
    const subresources = [
      'image',
      'script',
      'style',
      'font',
      'audio',
      'video',
      'track',
      'object',
      'embed',
      'manifest',
      'worker',
    ];

    it('gets no case content and writes no entry (an <img src="/cases/97"> in a post)', async () => {
      for (const dest of subresources) {
        for (const path of [
          `/cases/${citizenId}`,
          `/cases/${citizenId}/edit`,
          `/cases/${citizenId}/documents/${docId}`,
          `/cases/${citizenId}/documents/${docId}/versions/1/file`,
          `/cases/${citizenId}/documents/${docId}/versions/1/file?inline=1`,
          `/cases/search?q=${NOTE_WORD}`,
          `/search?q=${NOTE_WORD}`,
        ]) {
          const { res, body, entries } = await during(() =>
            t.get(path, {
              cookie: cookie.sagsbehandler,
              headers: {
                'Sec-Fetch-Dest': dest,
                'Sec-Fetch-Mode': 'no-cors',
                'Sec-Fetch-Site': 'same-origin',
                Referer: `${ORIGIN}/rooms/1/threads/1`,
              },
            }),
          );
          expect(res.status, `${dest} ${path}`).toBe(404);
          expect(body).not.toContain(SECRET);
          expect(body).not.toContain('Ansøgning om trappelift');
          expect(entries, `${dest} ${path}`).toEqual([]);
        }
      }
    });

    it("lets through only the document page's own image preview, and logs it", async () => {
      const preview = (referer: string, site = 'same-origin', query = '?inline=1') =>
        during(() =>
          t.get(`/cases/${citizenId}/documents/${docId}/versions/1/file${query}`, {
            cookie: cookie.sagsbehandler,
            headers: {
              'Sec-Fetch-Dest': 'image',
              'Sec-Fetch-Mode': 'no-cors',
              'Sec-Fetch-Site': site,
              Referer: referer,
            },
          }),
        );
      const own = await preview(`${ORIGIN}/cases/${citizenId}/documents/${docId}`);
      expect(own.res.status).toBe(200);
      expect(own.res.headers.get('content-type')).toBe('image/png');
      expect(own.entries.map((e) => e.action)).toEqual(['document.download']);
      // Behind a proxy the browser's origin is the public one, not the address the app sees.
      const proxied = await preview(`https://samspil.skovlund.dk/cases/${citizenId}/documents/${docId}`);
      expect(proxied.res.status).toBe(200);
      expect(proxied.entries.map((e) => e.action)).toEqual(['document.download']);
      // Anything else that looks like it is refused: another page, another case's page, another
      // site, no Referer, or not the inline preview.
      for (const [referer, site, query] of [
        [`${ORIGIN}/rooms/1/threads/1`, 'same-origin', '?inline=1'],
        [`${ORIGIN}/cases/${citizenId}`, 'same-origin', '?inline=1'],
        [`${ORIGIN}/cases/${subjectId}/documents/${docId}`, 'same-origin', '?inline=1'],
        [`https://evil.example/cases/${citizenId}/documents/${docId}`, 'cross-site', '?inline=1'],
        ['', 'same-origin', '?inline=1'],
        [`${ORIGIN}/cases/${citizenId}/documents/${docId}`, 'same-origin', ''],
      ] as const) {
        const { res, entries } = await preview(referer, site, query);
        expect(res.status, `${referer} ${site} ${query}`).toBe(404);
        expect(entries).toEqual([]);
      }
      // The document page's preview is that image.
      const page = await (
        await t.get(`/cases/${citizenId}/documents/${docId}`, { cookie: cookie.sagsbehandler })
      ).text();
      expect(page).toContain(`<img src="/cases/${citizenId}/documents/${docId}/versions/1/file?inline=1"`);
    });
  });
});
