import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePng } from '../../../seeds/files.ts';
import type { Role } from '../../policy/index.ts';
import { newsRoutes } from './routes.tsx';
import {
  createNews,
  emptyNewsInput,
  getNews,
  inputFromNews,
  listNews,
  newsForUser,
  pendingMustRead,
  readersReport,
  searchNews,
} from './service.ts';

/**
 * The news module over HTTP, on both databases: who may write, targeting (pushed to whom, not
 * who may read), sanitising, must-read receipts with the report and reminders, comments and
 * reactions with notifications, the publish window, validation and the image upload.
 */

const PNG = makePng(8, 6, (x, y) => [x * 30, y * 40, 120]);

/** Mounts the news routes unless the app already has them (the lead wires them into createApp). */
async function newsApp(dialect: 'sqlite' | 'postgres'): Promise<TestApp> {
  const t = await createTestApp(dialect);
  if (!t.app.routes.some((r) => r.path.startsWith('/news')))
    t.app.route('/news', newsRoutes(t.db.database, t.services.blobs));
  return t;
}

/** The article element of a news page: what the editor wrote, as rendered. */
function articleOf(html: string): string {
  const start = html.indexOf('<article id="news-article"');
  expect(start, 'article element').toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</article>', start) + '</article>'.length);
}

/** Markup a strict CSP forbids or that would run script (the layout's own icons are inline SVG: see UNSAFE_CONTENT). */
const UNSAFE_MARKUP =
  /<script(?![^>]*\bsrc="\/static\/)|<iframe|<style|<[^>]+\son\w+\s*=\s*["'\w]|<[^>]+\sstyle\s*=|hx-on|(href|src)\s*=\s*"?\s*(javascript|data|vbscript):/i;
/** What an editor or commenter wrote must not even bring an SVG (it can carry script). */
const UNSAFE_CONTENT = new RegExp(`${UNSAFE_MARKUP.source}|<svg[\\s>]`, 'i');

describe.each(DIALECTS)('news (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const units: Record<string, number> = {};
  let editor: { id: string; name: string; roles: Role[]; orgUnitId: number | null };
  const actor = async (username: string) => {
    const u = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const roles = (
      await t.db.database.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute()
    ).map((r) => r.role as Role);
    return { id: u.id, name: u.display_name, roles, orgUnitId: u.org_unit_id };
  };

  beforeAll(async () => {
    t = await newsApp(dialect);
    for (const u of ['sekretariat', 'medarbejder', 'sagsbehandler', 'admin', 'politiker']) {
      cookie[u] = await t.signIn(u);
      const a = await actor(u);
      ids[u] = a.id;
      units[u] = a.orgUnitId!;
    }
    editor = await actor('sekretariat');
    const parent = async (id: number) =>
      (
        await t.db.database.db
          .selectFrom('org_units')
          .select('parent_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).parent_id!;
    units.tm = await parent(units.sagsbehandler!); // Teknik og Miljø (Byggeri is under it)
    units.bka = await parent(units.medarbejder!); // Borgerservice, Kultur og Arbejdsmarked
  });
  afterAll(async () => t.cleanup());

  const fields = (over: Record<string, string | string[]> = {}) => ({
    title: 'Nyt fra HR',
    summary: 'Kort resumé til forsiden.',
    body: 'Brødtekst med **fed** skrift.',
    ...over,
  });

  async function create(over: Record<string, string | string[]> = {}, as = 'sekretariat') {
    const res = await t.post('/news', fields(over), { cookie: cookie[as] });
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((h) => h.match(/field-error[^>]*>([^<]+)/g)?.join(' ') ?? ''),
    ).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    return { id, res };
  }

  const notifications = (userId: string, kind: string) =>
    t.db.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .execute();

  const auditActions = async (id: number) =>
    (
      await t.db.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'news')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  describe('writing', () => {
    it('lets an editor write news, and refuses everyone else with 403', async () => {
      for (const u of ['medarbejder', 'admin', 'sagsbehandler', 'politiker']) {
        expect((await t.get('/news/new', { cookie: cookie[u] })).status, u).toBe(403);
        expect((await t.post('/news', fields({ title: `Forsøg af ${u}` }), { cookie: cookie[u] })).status, u).toBe(403);
      }
      const attempts = await t.db.database.db
        .selectFrom('news')
        .select('id')
        .where('title', 'like', 'Forsøg af%')
        .execute();
      expect(attempts).toHaveLength(0);

      expect((await t.get('/news/new', { cookie: cookie.sekretariat })).status).toBe(200);
      const { id, res } = await create({ title: 'Nyt lønsystem' });
      const page = await (await t.get(`/news/${id}`, { cookie: withCookies(cookie.sekretariat!, res) })).text();
      expect(page).toContain('Nyheden er oprettet.');
      expect(page).toContain('<strong>fed</strong>');
      expect(await auditActions(id)).toEqual(['news.create']);

      // Changing is for editors too.
      expect((await t.get(`/news/${id}/edit`, { cookie: cookie.medarbejder })).status).toBe(403);
      expect((await t.post(`/news/${id}`, fields({ title: 'Kapret' }), { cookie: cookie.medarbejder })).status).toBe(
        403,
      );
      const edit = await t.post(`/news/${id}`, fields({ title: 'Nyt lønsystem fra januar' }), {
        cookie: cookie.sekretariat,
      });
      expect(edit.status).toBe(303);
      expect((await getNews(t.db.database, id))!.title).toBe('Nyt lønsystem fra januar');
      expect(await auditActions(id)).toEqual(['news.create', 'news.update']);

      // Sending the edit form back untouched changes nothing (times shown to the minute included).
      const form = await inputFromNews(t.db.database, (await getNews(t.db.database, id))!);
      const same = await t.post(
        `/news/${id}`,
        {
          title: form.title,
          summary: form.summary,
          body: form.body.replace(/\n/g, '\r\n'),
          imageAlt: form.imageAlt,
          publishAt: form.publishAt,
          unpublishAt: form.unpublishAt,
          audience: form.audience,
        },
        { cookie: cookie.sekretariat },
      );
      expect(same.status).toBe(303);
      expect(await (await t.get(`/news/${id}`, { cookie: withCookies(cookie.sekretariat!, same) })).text()).toContain(
        'Der var ingen ændringer at gemme.',
      );
      expect(await auditActions(id)).toEqual(['news.create', 'news.update']);
    });

    it('explains every problem in the form (alt text included) and keeps what was typed', async () => {
      const res = await t.upload(
        '/news',
        {
          title: '',
          summary: 'Beholdes til næste forsøg',
          body: '',
          imageAlt: '',
          publishAt: '2026-12-01T08:00',
          unpublishAt: '2026-11-30T08:00',
          mustRead: '1',
        },
        [{ field: 'image', name: 'raadhus.png', type: 'image/png', content: PNG }],
        { cookie: cookie.sekretariat },
      );
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('id="error-summary"');
      expect(html).toContain('Skriv en overskrift.');
      expect(html).toContain('Skriv brødteksten.');
      expect(html).toContain('Skriv en alternativ tekst, der beskriver billedet.');
      expect(html).toContain('Afpubliceringen skal ligge efter udgivelsen.');
      expect(html).toContain('Beholdes til næste forsøg');
      expect(html).toContain('value="2026-12-01T08:00"');
      expect(html).toMatch(/id="mustRead"[^>]*checked/);
      expect(html).toMatch(
        /aria-invalid="true"[^>]*aria-describedby="imageAlt-error"|id="imageAlt"[^>]*aria-invalid="true"/,
      );
      // The checked image is kept for the next attempt: the form carries its token.
      const token = html.match(/name="pendingImage" value="([^"]+)"/)?.[1];
      expect(token).toBeTruthy();
      expect(html).toContain('Billedet, du valgte, er gemt');

      // The token is bound to the person who uploaded: in anyone else's hands it is ignored.
      const stolen = await createNews(
        t.db.database,
        t.services.blobs,
        emptyNewsInput({ ...fields({ title: 'Lånt billede' }), pendingImage: token! }),
        null,
        await actor('admin'),
      );
      expect(stolen.ok).toBe(true);
      expect((await getNews(t.db.database, stolen.ok ? stolen.id : 0))!.image_sha256).toBeNull();

      const again = await t.post(
        '/news',
        fields({ title: 'Rådhuset får nyt tag', pendingImage: token!, imageAlt: 'Rådhuset set fra torvet' }),
        { cookie: cookie.sekretariat },
      );
      expect(again.status).toBe(303);
      const row = (await getNews(t.db.database, Number(again.headers.get('location')!.split('/').pop())))!;
      expect(row.image_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(row.image_alt).toBe('Rådhuset set fra torvet');

      const bad = await t.post('/news', fields({ publishAt: 'i morgen tidlig', unpublishAt: '2026-02-30T10:00' }), {
        cookie: cookie.sekretariat,
      });
      expect(bad.status).toBe(422);
      const badHtml = await bad.text();
      expect(badHtml).toContain('Skriv et gyldigt tidspunkt for udgivelsen');
      expect(badHtml).toContain('Skriv et gyldigt tidspunkt for afpubliceringen');
      expect(badHtml).toContain('value="i morgen tidlig"');

      const summaryOnly = await t.post('/news', { title: 'Kun titel' }, { cookie: cookie.sekretariat });
      expect(await summaryOnly.text()).toContain('Skriv et resumé.');
    });

    it('accepts PNG, JPEG and WEBP only, judged by the content, and serves the image with a long cache and an ETag', async () => {
      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      for (const file of [
        { name: 'animation.gif', type: 'image/gif', content: gif },
        {
          name: 'billede.png',
          type: 'image/png',
          content: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
        },
        { name: 'billede.png', type: 'image/png', content: Buffer.from('<html><script>alert(1)</script></html>') },
      ]) {
        const res = await t.upload('/news', { ...fields(), imageAlt: 'Et billede' }, [{ field: 'image', ...file }], {
          cookie: cookie.sekretariat,
        });
        expect(res.status, file.name).toBe(422);
        const html = await res.text();
        expect(html).toContain('Billedet skal være en PNG-, JPEG- eller WEBP-fil.');
        expect(html).toContain('value="Nyt fra HR"');
      }
      const ok = await t.upload(
        '/news',
        { ...fields({ title: 'Med billede' }), imageAlt: 'Borgmesteren klipper snoren' },
        [{ field: 'image', name: 'snor.png', type: 'image/png', content: PNG }],
        {
          cookie: cookie.sekretariat,
        },
      );
      expect(ok.status).toBe(303);
      const id = Number(ok.headers.get('location')!.split('/').pop());
      const row = (await getNews(t.db.database, id))!;
      expect(row.image_mime).toBe('image/png');
      const page = await (await t.get(`/news/${id}`, { cookie: cookie.medarbejder })).text();
      const src = page.match(/<img src="(\/news\/\d+\/image\?v=[0-9a-f]+)" alt="Borgmesteren klipper snoren"/)?.[1];
      expect(src).toBeTruthy();
      const img = await t.get(src!, { cookie: cookie.medarbejder });
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/png');
      expect(img.headers.get('etag')).toBe(`"${row.image_sha256}"`);
      expect(img.headers.get('cache-control')).toContain('max-age=31536000');
      expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
      const again = await t.get(src!, {
        cookie: cookie.medarbejder,
        headers: { 'If-None-Match': `"${row.image_sha256}"` },
      });
      expect(again.status).toBe(304);
      // Without the version in the address, the browser must revalidate.
      expect((await t.get(`/news/${id}/image`, { cookie: cookie.medarbejder })).headers.get('cache-control')).toContain(
        'no-cache',
      );

      // Editing: keep the image without uploading it again; removing it drops the alt-text rule.
      const keep = await t.post(`/news/${id}`, fields({ title: 'Med billede', imageAlt: '' }), {
        cookie: cookie.sekretariat,
      });
      expect(keep.status).toBe(422);
      expect(await keep.text()).toContain('Skriv en alternativ tekst');
      const remove = await t.post(`/news/${id}`, fields({ title: 'Med billede', imageAlt: '', removeImage: '1' }), {
        cookie: cookie.sekretariat,
      });
      expect(remove.status).toBe(303);
      expect((await getNews(t.db.database, id))!.image_sha256).toBeNull();
      expect((await t.get(`/news/${id}/image`, { cookie: cookie.medarbejder })).status).toBe(404);
    });
  });

  describe('targeting', () => {
    let forTm: number;
    let forBorgerservice: number;
    let forEveryone: number;

    beforeAll(async () => {
      forTm = (await create({ title: 'Julefrokost i Teknik og Miljø xylofonkoncert', audience: [String(units.tm)] }))
        .id;
      forBorgerservice = (
        await create({ title: 'Nye åbningstider i Borgerservice', audience: [String(units.medarbejder)] })
      ).id;
      forEveryone = (await create({ title: 'Influenzavaccination for alle' })).id;
    });

    it('pushes news for a directorate to the people in its units, and not to others', async () => {
      const ofUser = async (u: string) =>
        (await newsForUser(t.db.database, await actor(u), { limit: 200 })).map((i) => i.id);
      const sagsbehandler = await ofUser('sagsbehandler'); // Byggeri, under Teknik og Miljø
      expect(sagsbehandler).toContain(forTm);
      expect(sagsbehandler).toContain(forEveryone);
      expect(sagsbehandler).not.toContain(forBorgerservice);
      const medarbejder = await ofUser('medarbejder'); // Borgerservice
      expect(medarbejder).not.toContain(forTm);
      expect(medarbejder).toContain(forBorgerservice);
      expect(medarbejder).toContain(forEveryone);
      for (const u of ['admin', 'politiker']) {
        const items = await ofUser(u);
        expect(items, u).not.toContain(forTm);
        expect(items, u).not.toContain(forBorgerservice);
        expect(items, u).toContain(forEveryone);
      }
    });

    it('still lets everyone read it, list it and find it by search', async () => {
      const res = await t.get(`/news/${forTm}`, { cookie: cookie.medarbejder });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Til: Teknik og Miljø');
      const archive = await listNews(t.db.database, { user: await actor('medarbejder'), limit: 500 });
      expect(archive.items.map((i) => i.id)).toContain(forTm);
      expect((await searchNews(t.db.database, 'xylofonkoncert', 10)).map((h) => h.id)).toEqual([forTm]);
      const search = await (await t.get('/news?q=xylofonkoncert', { cookie: cookie.medarbejder })).text();
      expect(search).toContain(`href="/news/${forTm}"`);
      expect(search).toContain('<mark');
      // htmx asks for the results only.
      const fragment = await t.get('/news?q=xylofonkoncert', {
        cookie: cookie.medarbejder,
        headers: { 'HX-Request': 'true' },
      });
      const part = await fragment.text();
      expect(part).not.toContain('<html');
      expect(part).toContain('id="news-results"');
      expect(part).toContain('hx-swap-oob');
      expect(fragment.headers.get('vary')).toContain('HX-Request');
      // Search input never breaks the query.
      for (const q of ['"', 'e-mail', 'AND OR NOT', '*', "'); drop table news; --"]) {
        expect((await t.get(`/news?q=${encodeURIComponent(q)}`, { cookie: cookie.medarbejder })).status, q).toBe(200);
      }
    });

    it('puts pinned news first on the front page, then the newest', async () => {
      const pinned = (
        await create({
          title: 'Fastgjort: Julelukning',
          pinned: '1',
          publishAt: new Date(Date.now() - 30 * 86400_000).toISOString(),
        })
      ).id;
      const items = await newsForUser(t.db.database, await actor('medarbejder'), { limit: 50 });
      const firstUnpinned = items.findIndex((i) => !i.pinned);
      expect(items.slice(0, firstUnpinned).map((i) => i.id)).toContain(pinned);
      expect(items.slice(firstUnpinned).every((i) => !i.pinned)).toBe(true);
      const unpinned = items.slice(firstUnpinned).map((i) => i.publishAt);
      expect([...unpinned].sort().reverse()).toEqual(unpinned);
    });
  });

  describe('sanitising', () => {
    it('lets no script survive in title, summary, body, alt text or comments', async () => {
      const body = [
        '<script>alert("body")</script>',
        '<img src=x onerror=alert(1)>',
        '[klik](javascript:alert(1))',
        '[klik](JaVaScRiPt:alert(1))',
        '<a href="javascript:alert(1)">x</a>',
        '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload=alert(1)>',
        '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
        '![spor](https://evil.example/track.png)',
        '## Ordentlig mellemrubrik',
      ].join('\n\n');
      const res = await t.upload(
        '/news',
        {
          title: '<script>alert("title")</script> Ondsindet titel',
          summary: '<img src=x onerror=alert("summary")> resumé',
          body,
          imageAlt: '" onload="alert(1)',
        },
        [{ field: 'image', name: 'x.png', type: 'image/png', content: PNG }],
        { cookie: cookie.sekretariat },
      );
      expect(res.status).toBe(303);
      const id = Number(res.headers.get('location')!.split('/').pop());
      await t.post(
        `/news/${id}/comments`,
        { body: '<script>alert("comment")</script> <b onmouseover=alert(1)>hej</b>' },
        { cookie: cookie.medarbejder },
      );

      const html = await (await t.get(`/news/${id}`, { cookie: cookie.medarbejder })).text();
      const article = articleOf(html);
      expect(article).not.toMatch(UNSAFE_CONTENT);
      expect(article).toContain('<h2>Ordentlig mellemrubrik</h2>');
      expect(article).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Ondsindet titel');
      expect(article).not.toMatch(/<img[^>]+evil/);
      // The whole page: only our own scripts, and the comment shown as text.
      expect(html).not.toMatch(UNSAFE_MARKUP);
      const comments = html.slice(
        html.indexOf('<section id="comments"'),
        html.indexOf('</section>', html.indexOf('<section id="comments"')),
      );
      expect(comments).not.toMatch(UNSAFE_CONTENT);
      expect(comments).toContain('&lt;script&gt;alert(&quot;comment&quot;)&lt;/script&gt;');
      expect(html).not.toMatch(/alert\("(title|summary|body|comment)"\)<\/script>/);
      // The same in lists and search results.
      for (const path of ['/news', '/news?q=ondsindet', `/news/${id}/edit`, `/news/${id}/readers`]) {
        const page = await (await t.get(path, { cookie: cookie.sekretariat })).text();
        expect(page, path).not.toMatch(UNSAFE_MARKUP);
      }
    });
  });

  describe('must read', () => {
    let id: number;
    const borgerservice = async () =>
      (
        await t.db.database.db
          .selectFrom('users')
          .select('id')
          .where('org_unit_id', '=', units.medarbejder!)
          .where('is_active', '=', 1)
          .execute()
      ).map((u) => u.id);

    beforeAll(async () => {
      id = (
        await create({ title: 'Ny instruks om kasseafstemning', mustRead: '1', audience: [String(units.medarbejder)] })
      ).id;
    });

    it('asks the reader to confirm, records the version read, and shows the editor who has and has not read it, per unit', async () => {
      expect((await pendingMustRead(t.db.database, await actor('medarbejder'))).map((p) => p.id)).toContain(id);
      const before = await (await t.get(`/news/${id}`, { cookie: cookie.medarbejder })).text();
      expect(before).toContain(`action="/news/${id}/receipts"`);
      expect(before).toContain('Jeg har læst nyheden');

      const report0 = await (await t.get(`/news/${id}/readers`, { cookie: cookie.sekretariat })).text();
      expect(report0).toContain(`0 af ${(await borgerservice()).length} i målgruppen har bekræftet version 1`);

      const confirm = await t.post(`/news/${id}/receipts`, {}, { cookie: cookie.medarbejder });
      expect(confirm.status).toBe(303);
      const after = await (await t.get(`/news/${id}`, { cookie: withCookies(cookie.medarbejder!, confirm) })).text();
      expect(after).toContain('Det er noteret, at du har læst nyheden.');
      expect(after).toContain('at du har læst denne version');
      expect(after).not.toContain(`action="/news/${id}/receipts"`);
      // Confirming twice keeps one receipt.
      await t.post(`/news/${id}/receipts`, {}, { cookie: cookie.medarbejder });
      const receipts = await t.db.database.db
        .selectFrom('news_receipts')
        .selectAll()
        .where('news_id', '=', id)
        .execute();
      expect(receipts).toMatchObject([{ user_id: ids.medarbejder, version: 1 }]);
      expect((await pendingMustRead(t.db.database, await actor('medarbejder'))).map((p) => p.id)).not.toContain(id);

      const report = await readersReport(t.db.database, (await getNews(t.db.database, id))!);
      const members = await borgerservice();
      expect(report.total).toBe(members.length);
      expect(report.read).toBe(1);
      expect(report.units).toHaveLength(1);
      expect(report.units[0]!.name).toContain('Borgerservice');
      expect(report.units[0]!.read.map((r) => r.id)).toEqual([ids.medarbejder]);
      expect(report.units[0]!.pending.map((p) => p.id).sort()).toEqual(
        members.filter((m) => m !== ids.medarbejder).sort(),
      );

      const page = await (await t.get(`/news/${id}/readers`, { cookie: cookie.sekretariat })).text();
      expect(page).toContain(`1 af ${members.length} i målgruppen har bekræftet version 1`);
      expect(page).toMatch(/data-list="read">\s*<li>Sofie Kragh/);
      // Only editors see the report.
      for (const u of ['medarbejder', 'admin'])
        expect((await t.get(`/news/${id}/readers`, { cookie: cookie[u] })).status, u).toBe(403);
    });

    it('groups a directorate-wide item by unit', async () => {
      const wide = (await create({ title: 'Ny telefonpolitik i BKA', mustRead: '1', audience: [String(units.bka)] }))
        .id;
      const report = await readersReport(t.db.database, (await getNews(t.db.database, wide))!);
      const children = await t.db.database.db
        .selectFrom('org_units')
        .select('id')
        .where('parent_id', '=', units.bka!)
        .execute();
      const people = await t.db.database.db
        .selectFrom('users')
        .select('id')
        .where('is_active', '=', 1)
        .where('org_unit_id', 'in', [units.bka!, ...children.map((c) => c.id)])
        .execute();
      expect(report.total).toBe(people.length);
      expect(report.units.length).toBeGreaterThanOrEqual(children.length);
      expect(report.units.map((u) => u.name).join('|')).toMatch(/Borgerservice.*Jobcenter/);
      const html = await (await t.get(`/news/${wide}/readers`, { cookie: cookie.sekretariat })).text();
      expect(html).toContain('Jobcenter');
      expect(html).toContain('Læsestatus pr. afdeling');
    });

    it('reminds only those who have not read it, once a day; a substantial edit asks everyone again', async () => {
      const members = await borgerservice();
      const pending = members.filter((m) => m !== ids.medarbejder);
      const remind = await t.post(`/news/${id}/reminders`, {}, { cookie: cookie.sekretariat });
      expect(remind.status).toBe(303);
      const flash = await (
        await t.get(`/news/${id}/readers`, { cookie: withCookies(cookie.sekretariat!, remind) })
      ).text();
      expect(flash).toContain(`Påmindelser sendt: ${pending.length}.`);
      for (const m of pending) expect(await notifications(m, 'news.mustRead'), m).toHaveLength(1);
      expect(await notifications(ids.medarbejder!, 'news.mustRead')).toHaveLength(0);
      const [n] = await notifications(pending[0]!, 'news.mustRead');
      expect(n!.link).toBe(`/news/${id}`);
      expect(JSON.parse(n!.params)).toEqual({ title: 'Ny instruks om kasseafstemning' });

      // The same day again: nobody is reminded twice.
      const second = await t.post(`/news/${id}/reminders`, {}, { cookie: cookie.sekretariat });
      expect(
        await (await t.get(`/news/${id}/readers`, { cookie: withCookies(cookie.sekretariat!, second) })).text(),
      ).toContain('Ingen nye påmindelser');
      for (const m of pending) expect(await notifications(m, 'news.mustRead')).toHaveLength(1);
      expect((await t.post(`/news/${id}/reminders`, {}, { cookie: cookie.medarbejder })).status).toBe(403);

      // A small edit keeps the receipts.
      const small = await t.post(
        `/news/${id}`,
        fields({
          title: 'Ny instruks om kasseafstemning',
          summary: 'Rettet stavefejl.',
          mustRead: '1',
          audience: [String(units.medarbejder)],
        }),
        {
          cookie: cookie.sekretariat,
        },
      );
      expect(small.status).toBe(303);
      expect((await getNews(t.db.database, id))!.version).toBe(1);
      expect(await t.get(`/news/${id}`, { cookie: cookie.medarbejder }).then((r) => r.text())).toContain(
        'at du har læst denne version',
      );

      // A substantial edit: version 2, the earlier receipt no longer counts.
      const big = await t.post(
        `/news/${id}`,
        fields({
          title: 'Ny instruks om kasseafstemning',
          summary: 'Nye beløbsgrænser.',
          mustRead: '1',
          substantial: '1',
          audience: [String(units.medarbejder)],
        }),
        { cookie: cookie.sekretariat },
      );
      expect(big.status).toBe(303);
      expect((await getNews(t.db.database, id))!.version).toBe(2);
      const again = await (await t.get(`/news/${id}`, { cookie: cookie.medarbejder })).text();
      expect(again).toContain('Nyheden er ændret væsentligt, siden du bekræftede');
      expect(again).toContain(`action="/news/${id}/receipts"`);
      const report = await readersReport(t.db.database, (await getNews(t.db.database, id))!);
      expect(report.read).toBe(0);
      expect(report.units[0]!.pending.find((p) => p.id === ids.medarbejder)).toMatchObject({ readEarlier: true });
      expect(await (await t.get(`/news/${id}/readers`, { cookie: cookie.sekretariat })).text()).toContain(
        'læste en tidligere version',
      );

      // The new version may be reminded about the same day; the reader who confirmed it is not.
      await t.post(`/news/${id}/receipts`, {}, { cookie: cookie.medarbejder });
      await t.post(`/news/${id}/reminders`, {}, { cookie: cookie.sekretariat });
      for (const m of pending) expect(await notifications(m, 'news.mustRead')).toHaveLength(2);
      expect(await notifications(ids.medarbejder!, 'news.mustRead')).toHaveLength(0);
      expect(await auditActions(id)).toEqual([
        'news.create',
        'news.read',
        'news.remind',
        'news.remind',
        'news.update',
        'news.update',
        'news.read',
        'news.remind',
      ]);
    });
  });

  describe('comments and reactions', () => {
    let id: number;
    beforeAll(async () => {
      id = (await create({ title: 'Ny kantineordning' })).id;
    });

    it('notifies the author of comments from others, never of their own', async () => {
      const before = (await notifications(ids.sekretariat!, 'news.comment')).length;
      const res = await t.post(
        `/news/${id}/comments`,
        { body: 'Bliver der også vegetarretter?' },
        { cookie: cookie.medarbejder },
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(new RegExp(`/news/${id}#comment-\\d+$`));
      const mine = await notifications(ids.sekretariat!, 'news.comment');
      expect(mine).toHaveLength(before + 1);
      expect(JSON.parse(mine[mine.length - 1]!.params)).toEqual({ name: 'Sofie Kragh', title: 'Ny kantineordning' });
      await t.post(`/news/${id}/comments`, { body: 'Ja, hver dag.' }, { cookie: cookie.sekretariat });
      expect(await notifications(ids.sekretariat!, 'news.comment')).toHaveLength(before + 1);
      const page = await (await t.get(`/news/${id}`, { cookie: cookie.admin })).text();
      expect(page).toContain('Bliver der også vegetarretter?');
      expect(page).toContain('Ja, hver dag.');
      expect(await auditActions(id)).toEqual(['news.create', 'news.comment', 'news.comment']);

      const empty = await t.post(`/news/${id}/comments`, { body: '   ' }, { cookie: cookie.medarbejder });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('Skriv en kommentar.');
    });

    it('toggles a reaction with a plain form and tells the author once', async () => {
      const res = await t.post(`/news/${id}/reactions`, { kind: 'heart' }, { cookie: cookie.medarbejder });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/news/${id}#reactions`);
      const page = await (await t.get(`/news/${id}`, { cookie: cookie.medarbejder })).text();
      expect(page).toMatch(/id="reaction-heart" aria-pressed="true"/);
      expect(await notifications(ids.sekretariat!, 'news.reaction.heart')).toHaveLength(1);
      // Off and on again: still one notification.
      await t.post(`/news/${id}/reactions`, { kind: 'heart' }, { cookie: cookie.medarbejder });
      expect(await (await t.get(`/news/${id}`, { cookie: cookie.medarbejder })).text()).toMatch(
        /id="reaction-heart" aria-pressed="false"/,
      );
      await t.post(`/news/${id}/reactions`, { kind: 'heart' }, { cookie: cookie.medarbejder });
      expect(await notifications(ids.sekretariat!, 'news.reaction.heart')).toHaveLength(1);
      // The author reacting to their own item: no notification.
      await t.post(`/news/${id}/reactions`, { kind: 'thanks' }, { cookie: cookie.sekretariat });
      expect(await notifications(ids.sekretariat!, 'news.reaction.thanks')).toHaveLength(0);
      expect((await t.post(`/news/${id}/reactions`, { kind: 'angry' }, { cookie: cookie.medarbejder })).status).toBe(
        303,
      );
      const kinds = await t.db.database.db
        .selectFrom('news_reactions')
        .select(['kind', 'user_id'])
        .where('news_id', '=', id)
        .orderBy('kind')
        .execute();
      expect(kinds).toEqual([
        { kind: 'heart', user_id: ids.medarbejder },
        { kind: 'thanks', user_id: ids.sekretariat },
      ]);
    });

    it('answers an htmx reaction with just the reactions block and an announcement', async () => {
      const res = await t.post(
        `/news/${id}/reactions`,
        { kind: 'celebrate' },
        { cookie: cookie.admin, headers: { 'HX-Request': 'true' } },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('vary')).toContain('HX-Request');
      const html = await res.text();
      expect(html).not.toContain('<html');
      expect(html).not.toContain('<main');
      expect(html.trim()).toMatch(/^<section id="reactions"/);
      expect(html).toMatch(/id="reaction-celebrate" aria-pressed="true"/);
      expect(html).toContain(
        '<div id="live" hx-swap-oob="innerHTML">Din reaktion &quot;Fejr&quot; er tilføjet. I alt: 1.</div>',
      );
      expect(html).not.toMatch(UNSAFE_MARKUP);
      const undo = await (
        await t.post(
          `/news/${id}/reactions`,
          { kind: 'celebrate' },
          { cookie: cookie.admin, headers: { 'HX-Request': 'true' } },
        )
      ).text();
      expect(undo).toMatch(/id="reaction-celebrate" aria-pressed="false"/);
      expect(undo).toContain('er fjernet');
    });
  });

  describe('the publish window', () => {
    let future: number;
    let expired: number;
    beforeAll(async () => {
      future = (
        await create({ title: 'Planlagt kvantefysiknyhed', publishAt: new Date(Date.now() + 86400_000).toISOString() })
      ).id;
      expired = (
        await create({
          title: 'Udløbet kvantefysiknyhed',
          publishAt: new Date(Date.now() - 3 * 86400_000).toISOString(),
          unpublishAt: new Date(Date.now() - 86400_000).toISOString(),
        })
      ).id;
    });

    it('answers 404 to non-editors for scheduled and unpublished news, on every route', async () => {
      for (const id of [future, expired]) {
        for (const path of [`/news/${id}`, `/news/${id}/image`, `/news/${id}/edit`, `/news/${id}/readers`]) {
          expect((await t.get(path, { cookie: cookie.medarbejder })).status, path).toBe(404);
        }
        for (const [path, form] of [
          [`/news/${id}/comments`, { body: 'Hej' }],
          [`/news/${id}/reactions`, { kind: 'like' }],
          [`/news/${id}/receipts`, {}],
          [`/news/${id}/reminders`, {}],
          [`/news/${id}`, fields()],
        ] as const) {
          expect((await t.post(path, form, { cookie: cookie.medarbejder })).status, path).toBe(404);
        }
      }
      expect((await t.get('/news/999999', { cookie: cookie.medarbejder })).status).toBe(404);
      const user = await actor('medarbejder');
      const shown = [
        ...(await newsForUser(t.db.database, user, { limit: 500 })),
        ...(await listNews(t.db.database, { user, limit: 500 })).items,
      ].map((i) => i.id);
      expect(shown).not.toContain(future);
      expect(shown).not.toContain(expired);
      expect(await searchNews(t.db.database, 'kvantefysiknyhed', 10)).toEqual([]);
      // Asking for the editors' list gives a non-editor the published list.
      expect(await (await t.get('/news?view=unpublished', { cookie: cookie.medarbejder })).text()).not.toContain(
        'Planlagt kvantefysiknyhed',
      );
    });

    it('shows them to editors, marked, in a list of their own', async () => {
      const page = await (await t.get(`/news/${future}`, { cookie: cookie.sekretariat })).text();
      expect(page).toContain('Planlagt');
      const list = await (await t.get('/news?view=unpublished', { cookie: cookie.sekretariat })).text();
      expect(list).toContain('Planlagt kvantefysiknyhed');
      expect(list).toContain('Udløbet kvantefysiknyhed');
      expect(list).toContain('Afpubliceret');
    });
  });

  it('pages the archive by keyset without losing or repeating items', async () => {
    for (let i = 0; i < 23; i++) {
      const r = await createNews(
        t.db.database,
        t.services.blobs,
        emptyNewsInput({
          title: `Arkivnyhed ${i}`,
          summary: 'Resumé',
          body: 'Tekst',
          publishAt: new Date(Date.now() - (100 + i) * 86400_000).toISOString(),
        }),
        null,
        editor,
      );
      expect(r.ok).toBe(true);
    }
    const seen: number[] = [];
    let path: string | null = '/news';
    for (let page = 0; path && page < 20; page++) {
      const html: string = await (await t.get(path, { cookie: cookie.medarbejder })).text();
      seen.push(...[...html.matchAll(/<h3 id="news-(\d+)-title"/g)].map((m) => Number(m[1])));
      const next: string | undefined = html.match(/href="(\/news\?after=[^"]+)"/)?.[1];
      path = next ? next.replace(/&amp;/g, '&') : null;
    }
    const all = await t.db.database.db
      .selectFrom('news')
      .select('id')
      .where('publish_at', '<=', new Date().toISOString())
      .where((eb) => eb.or([eb('unpublish_at', 'is', null), eb('unpublish_at', '>', new Date().toISOString())]))
      .execute();
    expect(seen.length).toBe(all.length);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
