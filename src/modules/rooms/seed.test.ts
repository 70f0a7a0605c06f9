import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, seededRandom } from '../../../seeds/index.ts';
import { seedRooms, seedScaleRooms, type SeedRoomsSummary } from '../../../seeds/rooms.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { writeTransaction } from '../../db/index.ts';
import { BlobStore } from '../../files/blobs.ts';
import { PAGE_SIZE } from './posts.ts';
import { latestActivity } from './rooms.ts';
import { searchPosts } from './search.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

describe.each(DIALECTS)('the demo rooms (%s)', (dialect) => {
  let t: TestDatabase;
  let dataDir: string;
  let summary: SeedRoomsSummary;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-rooms-seed-'));
    await seedDemo(t.database, { scryptCost: 1024 });
    const users = await t.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'username', 'org_unit_id'])
      .execute();
    summary = await writeTransaction(t.database, (tx) =>
      seedRooms(tx, { blobs: new BlobStore(dataDir), random: seededRandom(99), users }),
    );
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const db = () => t.database.db;

  it('has about a dozen rooms across directorates, open and closed, one archived', async () => {
    expect(summary.rooms).toBeGreaterThanOrEqual(12);
    const rooms = await db().selectFrom('rooms').selectAll().execute();
    expect(rooms.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'Læringsagenter – Samspil',
        'Klimatilpasning – tværgående',
        'Ny skolestruktur 2027',
        'Digital post og MeMo',
        'Sundhedsklynge',
        'Ledergruppe Teknik og Miljø',
      ]),
    );
    expect(rooms.find((r) => r.name === 'Ledergruppe Teknik og Miljø')!.visibility).toBe('closed');
    expect(rooms.filter((r) => r.archived_at)).toHaveLength(1);
    for (const r of rooms) {
      const members = await db().selectFrom('room_members').select(['role']).where('room_id', '=', r.id).execute();
      expect(members.length, r.name).toBe(r.member_count);
      expect(
        members.some((m) => m.role === 'owner'),
        r.name,
      ).toBe(true);
      const threads = await db().selectFrom('threads').select('id').where('room_id', '=', r.id).execute();
      expect(threads.length, r.name).toBe(r.thread_count);
    }
    // Members come from several directorates.
    const learning = rooms.find((r) => r.name === 'Læringsagenter – Samspil')!;
    const directorates = await db()
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .innerJoin('org_units as unit', 'unit.id', 'users.org_unit_id')
      .select('unit.parent_id')
      .where('room_members.room_id', '=', learning.id)
      .distinct()
      .execute();
    expect(directorates.length).toBeGreaterThanOrEqual(5);
  });

  it('puts the demo accounts in rooms', async () => {
    for (const username of ['sagsbehandler', 'journal', 'sekretariat', 'medarbejder', 'admin']) {
      const n = await db()
        .selectFrom('room_members')
        .innerJoin('users', 'users.id', 'room_members.user_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('users.username', '=', username)
        .executeTakeFirstOrThrow();
      expect(Number(n.n), username).toBeGreaterThanOrEqual(2);
    }
  });

  it('dates posts in office hours, in order within each room, and shows a member the newest first', async () => {
    const posts = await db().selectFrom('posts').select(['id', 'room_id', 'created_at']).orderBy('id').execute();
    const hours = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    for (const p of posts) {
      const parts = Object.fromEntries(hours.formatToParts(new Date(p.created_at)).map((x) => [x.type, x.value]));
      expect(['Sat', 'Sun'], p.created_at).not.toContain(parts.weekday);
      expect(Number(parts.hour), p.created_at).toBeGreaterThanOrEqual(7);
      expect(Number(parts.hour), p.created_at).toBeLessThanOrEqual(18);
    }
    const last = new Map<number, string>();
    for (const p of posts) {
      expect(p.created_at >= (last.get(p.room_id) ?? ''), `post ${p.id}`).toBe(true);
      last.set(p.room_id, p.created_at);
    }
    // Across rooms ids do not follow time; the front page's activity still does.
    const kasper = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const items = await latestActivity(t.database, kasper, { limit: 6 });
    expect(items).toHaveLength(6);
    const times = items.map((i) => i.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const newest = await db()
      .selectFrom('posts')
      .innerJoin('room_members', 'room_members.room_id', 'posts.room_id')
      .innerJoin('rooms', 'rooms.id', 'posts.room_id')
      .select('posts.created_at')
      .where('room_members.user_id', '=', kasper.id)
      .where('rooms.archived_at', 'is', null)
      .orderBy('posts.created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(times[0]).toBe(newest.created_at);
  });

  it('gives the learning agents answered and unanswered questions, a pinned thread, mentions, tags, reactions and files', async () => {
    const learning = await db()
      .selectFrom('rooms')
      .select('id')
      .where('name', '=', 'Læringsagenter – Samspil')
      .executeTakeFirstOrThrow();
    const threads = await db().selectFrom('threads').selectAll().where('room_id', '=', learning.id).execute();
    const questions = threads.filter((th) => th.is_question);
    expect(questions.filter((q) => q.accepted_post_id).length).toBeGreaterThanOrEqual(3);
    expect(questions.filter((q) => !q.accepted_post_id).length).toBeGreaterThanOrEqual(2);
    expect(threads.some((th) => th.pinned)).toBe(true);
    for (const q of questions.filter((x) => x.accepted_post_id)) {
      const a = await db()
        .selectFrom('posts')
        .select(['thread_id', 'is_first'])
        .where('id', '=', q.accepted_post_id!)
        .executeTakeFirstOrThrow();
      expect(a).toEqual({ thread_id: q.id, is_first: 0 });
    }
    const tags = await db().selectFrom('thread_tags').select('tag').where('room_id', '=', learning.id).execute();
    expect(tags.map((x) => x.tag)).toContain('journalisering');
    const mentions = await db()
      .selectFrom('posts')
      .select('body_html')
      .where('room_id', '=', learning.id)
      .where('body_html', 'like', '%class="mention"%')
      .execute();
    expect(mentions.length).toBeGreaterThan(0);
    const reactions = await db()
      .selectFrom('post_reactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(reactions.n)).toBeGreaterThan(20);
    const files = await db().selectFrom('room_files').selectAll().where('room_id', '=', learning.id).execute();
    expect(files.map((f) => f.title).sort()).toEqual(['Kom godt i gang med Samspil', 'Tjekliste for journalisering']);
    expect(files.find((f) => f.title === 'Kom godt i gang med Samspil')!.current_version).toBe(2);
    const counts = await db().selectFrom('threads').select(['id', 'reply_count']).execute();
    for (const c of counts) {
      const n = await db()
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('thread_id', '=', c.id)
        .where('is_first', '=', 0)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(c.reply_count);
    }
    // Searchable, and loading the demo notified nobody and mailed nobody.
    const sagsbehandler = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    expect((await searchPosts(t.database, sagsbehandler, 'bilag')).hits.length).toBeGreaterThan(0);
    expect((await db().selectFrom('notifications').select('id').execute()).length).toBe(0);
    expect((await db().selectFrom('mail_outbox').select('id').execute()).length).toBe(0);
  });
});

describe('the scale seed for rooms (sqlite)', () => {
  let t: RoomsTestApp;
  beforeAll(async () => {
    t = await createRoomsTestApp('sqlite');
  });
  afterAll(async () => t.cleanup());

  it('bulk-loads rooms and posts, with a 200-reply thread for the bench, and leaves search working', async () => {
    const sqlite = new SQLite(t.db.location.sqliteFile);
    sqlite.pragma('foreign_keys = ON');
    const users = sqlite.prepare('select id from users').all() as Array<{ id: string }>;
    const result = seedScaleRooms(sqlite, { rooms: 40, posts: 3000, users, random: seededRandom(5) });
    sqlite.close();
    expect(result.rooms).toBe(40);
    expect(result.posts).toBeGreaterThanOrEqual(3000);
    const db = t.db.database.db;
    expect(
      Number(
        (
          await db
            .selectFrom('posts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(result.posts);
    const bench = await db
      .selectFrom('threads')
      .selectAll()
      .where('id', '=', result.benchThreadId)
      .executeTakeFirstOrThrow();
    expect(bench.room_id).toBe(result.benchRoomId);
    expect(bench.reply_count).toBeGreaterThanOrEqual(200);
    const room = await db
      .selectFrom('rooms')
      .selectAll()
      .where('id', '=', result.benchRoomId)
      .executeTakeFirstOrThrow();
    expect(room.visibility).toBe('open');
    // The full-text index was rebuilt, and its triggers are back (a new post is found).
    const word = (
      await db
        .selectFrom('posts')
        .select('body_text')
        .where('thread_id', '=', result.benchThreadId)
        .where('is_first', '=', 1)
        .executeTakeFirstOrThrow()
    ).body_text
      .split(/\s+/)[1]!
      .replace(/\W/g, '');
    expect((await searchPosts(t.db.database, { id: await t.idOf('sagsbehandler') }, word)).hits.length).toBeGreaterThan(
      0,
    );
    await t.join('sagsbehandler', result.benchRoomId);
    await t.reply('sagsbehandler', result.benchRoomId, result.benchThreadId, 'Zebrafinkeopdræt er et helt nyt ord.');
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('sagsbehandler') }, 'zebrafinkeopdræt')).hits,
    ).toHaveLength(1);
    // The bench pages render: the room's front page and a page of the long thread.
    expect((await t.page('sagsbehandler', `/rooms/${result.benchRoomId}`)).status).toBe(200);
    const page = await t.page('sagsbehandler', `/rooms/${result.benchRoomId}/threads/${result.benchThreadId}`);
    expect(page.status).toBe(200);
    expect(page.html.match(/<article id="post-/g)).toHaveLength(PAGE_SIZE + 1);
  });
});
