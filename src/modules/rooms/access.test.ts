import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../seeds/files.ts';
import { roomRoutes } from './routes.tsx';
import { latestActivity, myRooms, openRooms, roomsForUser } from './rooms.ts';
import { searchPosts } from './search.ts';
import { createRoomsTestApp, type DemoUser, type RoomsTestApp } from './rooms.fixtures.ts';

/**
 * A closed room, and everything in it, is invisible to non-members on every route: each route of
 * the rooms router (read from the router itself, so a new route cannot be forgotten) answers 404
 * to an outsider, exactly as for a room that does not exist, and changes nothing. Search, lists,
 * profiles and the front page's activity never show it either.
 */

const TABLES = [
  'rooms',
  'room_members',
  'room_invitations',
  'room_requests',
  'threads',
  'posts',
  'post_revisions',
  'post_reactions',
  'post_reports',
  'room_follows',
  'room_files',
  'room_file_versions',
  'documents',
] as const;

describe.each(DIALECTS)('closed rooms are invisible to outsiders (%s)', (dialect) => {
  let t: RoomsTestApp;
  let closed: number;
  let open: number;
  let thread: number;
  let replyId: number;
  let file: number;
  let invitation: number;
  let request: number;
  let report: number;
  let ownerId: string;

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
    ownerId = await t.idOf('sagsbehandler');
    closed = await t.room('sagsbehandler', {
      name: 'Ledergruppe Teknik og Miljø',
      purpose: 'Fortrolige drøftelser om budget og personale.',
      visibility: 'closed',
    });
    open = await t.room('sagsbehandler', { name: 'Åbent forum', purpose: 'Alle er velkomne.', visibility: 'open' });
    ({ threadId: thread } = await t.thread('sagsbehandler', closed, {
      title: 'Fortrolig budgetomlægning',
      body: 'Vi skal spare på vejbelysningen.',
      isQuestion: '1',
    }));
    replyId = await t.reply('sagsbehandler', closed, thread, 'Besparelsen på vejbelysningen drøftes tirsdag.');
    await t.thread('sagsbehandler', open, {
      title: 'Vejbelysning i åbent rum',
      body: 'Vejbelysningen i det åbne rum.',
    });
    const pdf = await makePdf(['Budgetnotat', 'Vejbelysning og besparelser']);
    const up = await t.upload(
      `/rooms/${closed}/files`,
      {},
      [{ field: 'files', name: 'budgetnotat.pdf', type: 'application/pdf', content: pdf }],
      { cookie: t.cookie.sagsbehandler },
    );
    expect(up.status).toBe(303);
    file = (
      await t.db.database.db
        .selectFrom('room_files')
        .select('id')
        .where('room_id', '=', closed)
        .executeTakeFirstOrThrow()
    ).id;
    // Pending things for the id-bearing routes: an invitation (to someone else), a request, a report.
    expect(
      (await t.post(`/rooms/${closed}/invitations`, { username: 'journal' }, { cookie: t.cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    invitation = (
      await t.db.database.db
        .selectFrom('room_invitations')
        .select('id')
        .where('room_id', '=', closed)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await t.post(`/rooms/${closed}/requests`, { message: 'Må jeg være med?' }, { cookie: t.cookie.sekretariat }))
        .status,
    ).toBe(303);
    request = (
      await t.db.database.db
        .selectFrom('room_requests')
        .select('id')
        .where('room_id', '=', closed)
        .executeTakeFirstOrThrow()
    ).id;
    await t.db.database.db
      .insertInto('post_reports')
      .values({
        post_id: replyId,
        room_id: closed,
        reporter_id: ownerId,
        reason: 'test',
        created_at: new Date().toISOString(),
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    report = (await t.db.database.db.selectFrom('post_reports').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.cleanup());

  async function counts() {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await t.db.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    const members = await t.db.database.db
      .selectFrom('room_members')
      .select(['user_id', 'role', 'level'])
      .where('room_id', '=', closed)
      .orderBy('user_id')
      .execute();
    const room = await t.db.database.db
      .selectFrom('rooms')
      .selectAll()
      .where('id', '=', closed)
      .executeTakeFirstOrThrow();
    const th = await t.db.database.db
      .selectFrom('threads')
      .selectAll()
      .where('id', '=', thread)
      .executeTakeFirstOrThrow();
    const posts = await t.db.database.db
      .selectFrom('posts')
      .select(['id', 'body_md', 'hidden'])
      .where('room_id', '=', closed)
      .orderBy('id')
      .execute();
    const pending = await t.db.database.db
      .selectFrom('room_requests')
      .select('status')
      .where('id', '=', request)
      .executeTakeFirstOrThrow();
    return JSON.stringify({ out, members, room, th, posts, pending });
  }

  /** Every route of the rooms router, as concrete requests into the closed room. */
  function routes(roomId: number) {
    const router = roomRoutes(t.db.database, t.services.blobs);
    const seen = new Set<string>();
    const list: Array<{ method: string; path: string }> = [];
    for (const r of router.routes) {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key) || r.method === 'ALL' || !r.path.includes(':id')) continue;
      seen.add(key);
      const path = r.path
        .replace(':id{[0-9]+}', String(roomId))
        .replace(':threadId{[0-9]+}', String(thread))
        .replace(':postId{[0-9]+}', String(replyId))
        .replace(':fileId{[0-9]+}', String(file))
        .replace(':v{[0-9]+}', '1')
        .replace(':invitationId{[0-9]+}', String(invitation))
        .replace(':requestId{[0-9]+}', String(request))
        .replace(':reportId{[0-9]+}', String(report))
        .replace(':userId', ownerId);
      expect(path, `a parameter of ${r.path} is not filled in`).not.toMatch(/:/);
      list.push({ method: r.method, path });
    }
    return list;
  }

  async function send(method: string, path: string, as: DemoUser) {
    if (method === 'GET') return t.get(path, { cookie: t.cookie[as] });
    if (/\/files(\/\d+\/versions)?$/.test(path)) {
      return t.upload(
        path,
        { note: 'x' },
        [
          {
            field: path.endsWith('/files') ? 'files' : 'file',
            name: 'x.txt',
            type: 'text/plain',
            content: Buffer.from('hej'),
          },
        ],
        { cookie: t.cookie[as] },
      );
    }
    return t.post(
      path,
      {
        name: 'Overtaget',
        purpose: 'x',
        visibility: 'open',
        title: 'x',
        body: 'x',
        kind: 'like',
        reason: 'x',
        username: 'medarbejder',
        level: 'everything',
        postId: String(replyId),
        caseNumber: 'EMN-1',
        version: '1',
        message: 'x',
      },
      { cookie: t.cookie[as] },
    );
  }

  it('answers 404 on every route of a closed room to an employee who is not a member, and changes nothing', async () => {
    const before = await counts();
    const list = routes(closed);
    expect(list.length).toBeGreaterThan(45);
    for (const as of ['medarbejder', 'admin', 'politiker'] as const) {
      for (const { method, path } of list) {
        const res = await send(method, path, as);
        if (method === 'POST' && path === `/rooms/${closed}/requests`) {
          // Asking for access: the same answer as for a room that does not exist (see below).
          expect(res.status, `${as} ${method} ${path}`).toBe(303);
          continue;
        }
        expect(res.status, `${as} ${method} ${path}`).toBe(404);
        const html = await res.text();
        expect(html, `${as} ${method} ${path}`).not.toContain('Ledergruppe');
        expect(html).not.toContain('vejbelysningen');
        expect(html).not.toContain('budgetnotat');
      }
    }
    // The requests above asked for access once per person; apart from that, nothing changed.
    await t.db.database.db.deleteFrom('room_requests').where('id', '!=', request).execute();
    expect(await counts()).toBe(before);
  });

  it('gives the same page and the same answer for a closed room as for one that does not exist', async () => {
    const missing = 987654;
    const a = await t.get(`/rooms/${closed}`, { cookie: t.cookie.medarbejder });
    const b = await t.get(`/rooms/${missing}`, { cookie: t.cookie.medarbejder });
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    const strip = (html: string, id: number) =>
      html.replaceAll(`/rooms/${id}`, '/rooms/N').replace(/nonce="[^"]+"/g, '');
    expect(strip(await a.text(), closed)).toBe(strip(await b.text(), missing));
    // Asking for access answers alike; only the real closed room records the request.
    const ra = await t.post(
      `/rooms/${closed}/requests`,
      { message: 'Jeg arbejder med budgettet.' },
      { cookie: t.cookie.medarbejder },
    );
    const rb = await t.post(
      `/rooms/${missing}/requests`,
      { message: 'Jeg arbejder med budgettet.' },
      { cookie: t.cookie.medarbejder },
    );
    expect([ra.status, ra.headers.get('location')]).toEqual([rb.status, rb.headers.get('location')]);
    expect(ra.headers.getSetCookie().find((c) => c.startsWith('samspil_flash'))).toBe(
      rb.headers.getSetCookie().find((c) => c.startsWith('samspil_flash')),
    );
    const mine = await t.db.database.db
      .selectFrom('room_requests')
      .select(['room_id', 'status'])
      .where('user_id', '=', await t.idOf('medarbejder'))
      .execute();
    expect(mine).toEqual([{ room_id: closed, status: 'pending' }]);
  });

  it('lets members in, and tells members who lack a right 403, not 404', async () => {
    await t.db.database.db
      .insertInto('room_members')
      .values({
        room_id: closed,
        user_id: await t.idOf('politiker'),
        role: 'member',
        level: 'mentions',
        joined_at: new Date().toISOString(),
      })
      .execute();
    for (const path of [
      `/rooms/${closed}`,
      `/rooms/${closed}/threads/${thread}`,
      `/rooms/${closed}/files/${file}/versions/1`,
      `/rooms/${closed}/search?q=vejbelysningen`,
    ]) {
      expect((await t.get(path, { cookie: t.cookie.politiker })).status, path).toBe(200);
    }
    for (const path of [
      `/rooms/${closed}/archival`,
      `/rooms/${closed}/threads/${thread}/lock`,
      `/rooms/${closed}/posts/${replyId}/hiding`,
      `/rooms/${closed}/invitations`,
      `/rooms/${closed}/requests/${request}/approval`,
    ]) {
      expect((await t.post(path, { username: 'medarbejder' }, { cookie: t.cookie.politiker })).status, path).toBe(403);
    }
    expect((await t.get(`/rooms/${closed}/reports`, { cookie: t.cookie.politiker })).status).toBe(403);
    await t.db.database.db
      .deleteFrom('room_members')
      .where('room_id', '=', closed)
      .where('user_id', '=', await t.idOf('politiker'))
      .execute();
  });

  it('never shows a closed room in lists, profiles, activity or search to outsiders', async () => {
    const outsider = { id: await t.idOf('medarbejder') };
    const owner = { id: ownerId };
    expect((await myRooms(t.db.database, outsider)).items.map((r) => r.id)).not.toContain(closed);
    expect((await openRooms(t.db.database, outsider)).items.map((r) => r.id)).toEqual([open]);
    expect((await roomsForUser(t.db.database, outsider, 10, ownerId)).map((r) => r.id)).toEqual([open]);
    expect((await roomsForUser(t.db.database, owner, 10)).map((r) => r.id).sort()).toEqual([closed, open].sort());
    expect((await latestActivity(t.db.database, outsider)).length).toBe(0);
    // Search across rooms: the open room's hit, never the closed room's.
    const outsiderHits = await searchPosts(t.db.database, outsider, 'vejbelysningen');
    expect(outsiderHits.hits.map((h) => h.roomId)).toEqual([open]);
    const ownerHits = await searchPosts(t.db.database, owner, 'vejbelysningen');
    expect(new Set(ownerHits.hits.map((h) => h.roomId))).toEqual(new Set([open, closed]));
    const page = await (await t.get('/rooms/search?q=vejbelysningen', { cookie: t.cookie.medarbejder })).text();
    expect(page).toContain('</mark> i åbent rum');
    expect(page).toContain(`/rooms/${open}/posts/`);
    expect(page).not.toContain('Fortrolig budgetomlægning');
    expect(page).not.toContain('Ledergruppe');
    const index = await (await t.get('/rooms', { cookie: t.cookie.medarbejder })).text();
    expect(index).toContain('Åbent forum');
    expect(index).not.toContain('Ledergruppe');
    const roomNames = await (await t.get('/rooms/search?q=ledergruppe', { cookie: t.cookie.medarbejder })).text();
    expect(roomNames).not.toContain('Ledergruppe Teknik');
    expect(await (await t.get('/rooms/search?q=ledergruppe', { cookie: t.cookie.sagsbehandler })).text()).toContain(
      'Ledergruppe Teknik og Miljø',
    );
  });

  it('lets every employee read an open room, but only members write in it', async () => {
    expect((await t.get(`/rooms/${open}`, { cookie: t.cookie.medarbejder })).status).toBe(200);
    expect((await t.get(`/rooms/${open}/threads`, { cookie: t.cookie.medarbejder })).status).toBe(200);
    const th = await t.db.database.db
      .selectFrom('threads')
      .select('id')
      .where('room_id', '=', open)
      .executeTakeFirstOrThrow();
    const page = await (await t.get(`/rooms/${open}/threads/${th.id}`, { cookie: t.cookie.medarbejder })).text();
    expect(page).toContain('Meld dig ind i rummet for at svare');
    expect(page).not.toContain('id="reply-form"');
    expect(
      (await t.post(`/rooms/${open}/threads/${th.id}/posts`, { body: 'Hej' }, { cookie: t.cookie.medarbejder })).status,
    ).toBe(403);
    expect(
      (await t.post(`/rooms/${open}/threads`, { title: 'x', body: 'y' }, { cookie: t.cookie.medarbejder })).status,
    ).toBe(403);
    expect(
      (
        await t.upload(
          `/rooms/${open}/files`,
          {},
          [{ field: 'files', name: 'a.txt', type: 'text/plain', content: Buffer.from('hej') }],
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(403);
    // Not signed in: the sign-in page, never the room.
    const anonymous = await t.app.request(`${ORIGIN}/rooms/${open}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
  });

  it('keeps a closed room out of the global search and the front page of outsiders', async () => {
    // The global search (/search) shows the open room's thread and, to members only, the closed one.
    const outsider = await (await t.get('/search?q=vejbelysningen', { cookie: t.cookie.medarbejder })).text();
    expect(outsider).toContain('id="hits-rooms"');
    expect(outsider).toContain('</mark> i åbent rum');
    expect(outsider).not.toContain('Fortrolig budgetomlægning');
    expect(outsider).not.toContain('Ledergruppe');
    const owner = await (await t.get('/search?q=vejbelysningen', { cookie: t.cookie.sagsbehandler })).text();
    expect(owner).toContain('</mark> i åbent rum');
    expect(owner).toContain('Fortrolig budgetomlægning');
    // Room names: the closed room's name is found by its members only.
    expect(await (await t.get('/search?q=ledergruppe', { cookie: t.cookie.medarbejder })).text()).not.toContain(
      'Ledergruppe Teknik',
    );
    expect(await (await t.get('/search?q=ledergruppe', { cookie: t.cookie.sagsbehandler })).text()).toContain(
      'Ledergruppe Teknik og Miljø',
    );
    // The front page's "news from my rooms": a member of the open room only sees its posts.
    await t.join('politiker', open);
    const home = await (await t.get('/', { cookie: t.cookie.politiker })).text();
    expect(home).toContain('Nyt fra dine samarbejdsrum');
    expect(home).toContain('Vejbelysning i åbent rum');
    expect(home).not.toContain('Fortrolig budgetomlægning');
    expect(home).not.toContain('Ledergruppe');
    const ownerHome = await (await t.get('/', { cookie: t.cookie.sagsbehandler })).text();
    expect(ownerHome).toContain('Fortrolig budgetomlægning');
    expect(ownerHome).toContain('Ledergruppe Teknik og Miljø');
  });

  it('answers 404, never an error, to numbers too large to be an id (PostgreSQL integers)', async () => {
    const big = '99999999999';
    const th = (
      await t.db.database.db.selectFrom('threads').select('id').where('room_id', '=', open).executeTakeFirstOrThrow()
    ).id;
    for (const path of [
      `/rooms/${big}`,
      `/rooms/${open}/threads/${big}`,
      `/rooms/${open}/files/${big}`,
      `/rooms/${open}/posts/${big}`,
      `/rooms/${closed}/files/${file}/versions/${big}`,
    ]) {
      expect((await t.get(path, { cookie: t.cookie.sagsbehandler })).status, path).toBe(404);
    }
    for (const path of [
      `/rooms/${open}/threads?after=${encodeURIComponent(`2026-01-01T00:00:00.000Z|${big}`)}`,
      `/rooms/${open}/threads/${th}?before=${big}`,
      `/rooms/${open}/threads/${th}?quote=${big}`,
    ]) {
      expect((await t.get(path, { cookie: t.cookie.sagsbehandler })).status, path).toBe(200);
    }
    expect(
      (
        await t.post(
          `/rooms/${open}/threads/${th}/posts`,
          { body: 'Svar', quotedPostId: big },
          { cookie: t.cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    expect((await t.post(`/rooms/${big}/requests`, { message: 'x' }, { cookie: t.cookie.medarbejder })).status).toBe(
      404,
    );
  });
});
