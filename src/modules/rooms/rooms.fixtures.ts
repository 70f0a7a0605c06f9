import { expect } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import type { Dialect } from '../../db/index.ts';

/**
 * Test helpers for the rooms module: the whole app (which mounts the rooms at /rooms), the demo
 * accounts signed in, and short-hands for the common steps.
 */

export const DEMO = ['sagsbehandler', 'journal', 'sekretariat', 'medarbejder', 'admin', 'politiker'] as const;
export type DemoUser = (typeof DEMO)[number];

export interface RoomsTestApp extends TestApp {
  cookie: Record<DemoUser, string>;
  idOf(username: string): Promise<string>;
  /** Creates a room through the form; returns its id. */
  room(as: DemoUser, over?: Record<string, string>): Promise<number>;
  /** Starts a thread through the form; returns the thread's and the opening post's ids. */
  thread(as: DemoUser, roomId: number, over?: Record<string, string>): Promise<{ threadId: number; postId: number }>;
  /** Replies through the form; returns the new post's id. */
  reply(as: DemoUser, roomId: number, threadId: number, body: string, over?: Record<string, string>): Promise<number>;
  /** Joins (or accepts an invitation to) a room. */
  join(as: DemoUser, roomId: number): Promise<void>;
  /** A GET that follows the flash cookie of a previous response. */
  page(as: DemoUser, path: string, after?: Response): Promise<{ status: number; html: string }>;
}

export async function createRoomsTestApp(dialect: Dialect): Promise<RoomsTestApp> {
  const t = await createTestApp(dialect);
  await insertTestKle(t.db.database);
  const cookie = {} as Record<DemoUser, string>;
  for (const u of DEMO) cookie[u] = await t.signIn(u);
  const ids = new Map<string, string>();
  const idOf = async (username: string) => {
    if (!ids.has(username))
      ids.set(
        username,
        (
          await t.db.database.db
            .selectFrom('users')
            .select('id')
            .where('username', '=', username)
            .executeTakeFirstOrThrow()
        ).id,
      );
    return ids.get(username)!;
  };
  const ok = async (res: Response, status = 303) => {
    if (res.status !== status) {
      const text = await res.clone().text();
      const errors = text.match(/field-error[^>]*>([^<]+)/g)?.join(' ') ?? text.slice(0, 300);
      expect(res.status, errors).toBe(status);
    }
    return res;
  };
  return Object.assign(t, {
    cookie,
    idOf,
    async room(as: DemoUser, over: Record<string, string> = {}) {
      const res = await ok(
        await t.post(
          '/rooms',
          { name: 'Klimatilpasning – tværgående', purpose: 'Fælles indsats mod skybrud.', visibility: 'open', ...over },
          { cookie: cookie[as] },
        ),
      );
      return Number(res.headers.get('location')!.split('/').pop());
    },
    async thread(as: DemoUser, roomId: number, over: Record<string, string> = {}) {
      const res = await ok(
        await t.post(
          `/rooms/${roomId}/threads`,
          { title: 'Hvordan journaliserer jeg en mail?', body: 'Jeg kan ikke finde knappen.', tags: '', ...over },
          { cookie: cookie[as] },
        ),
      );
      const threadId = Number(/\/threads\/(\d+)/.exec(res.headers.get('location')!)![1]);
      const post = await t.db.database.db
        .selectFrom('posts')
        .select('id')
        .where('thread_id', '=', threadId)
        .where('is_first', '=', 1)
        .executeTakeFirstOrThrow();
      return { threadId, postId: post.id };
    },
    async reply(as: DemoUser, roomId: number, threadId: number, body: string, over: Record<string, string> = {}) {
      const res = await ok(
        await t.post(`/rooms/${roomId}/threads/${threadId}/posts`, { body, ...over }, { cookie: cookie[as] }),
      );
      return Number(/#post-(\d+)/.exec(res.headers.get('location')!)![1]);
    },
    async join(as: DemoUser, roomId: number) {
      await ok(await t.post(`/rooms/${roomId}/membership`, {}, { cookie: cookie[as] }));
    },
    async page(as: DemoUser, path: string, after?: Response) {
      const res = await t.get(path, { cookie: after ? withCookies(cookie[as], after) : cookie[as] });
      return { status: res.status, html: await res.text() };
    },
  });
}
