import { sql } from 'kysely';
import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { LoadedRoom, RoomActor, ThreadRow } from './access.ts';
import { follow } from './membership.ts';
import { notifyAccepted, notifyMentions, notifyNewThread } from './notifications.ts';
import { cleanBody, renderPost, validateBody } from './post-body.ts';
import { touchRoom, type Cursor } from './rooms.ts';

/**
 * Threads: start one (its opening post, tags, question mode), list a room's threads (keyset by
 * last activity, filtered by tag or by unanswered questions), pinned threads, and accepting an
 * answer (the asker or an owner; it then shows first).
 */

export const TITLE_MAX = 200;
export const TAGS_MAX = 8;
export const TAG_LENGTH_MAX = 30;

export interface ThreadInput {
  title: string;
  body: string;
  tags: string;
  isQuestion: boolean;
}

export type ThreadErrors = Partial<Record<'title' | 'body' | 'tags', MessageKey>>;

export function validateTitle(title: string): MessageKey | null {
  if (!title.trim()) return 'threads.error.title';
  if (title.trim().length > TITLE_MAX) return 'threads.error.titleLong';
  return null;
}

/** Tags from what the user typed: comma- or space-separated, '#' optional, lower case. */
export function normaliseTags(input: string): { ok: true; tags: string[] } | { ok: false; error: MessageKey } {
  const raw = input
    .split(/[,\s]+/)
    .map((t) =>
      t
        .replace(/^#+/, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}-]/gu, ''),
    )
    .filter(Boolean);
  const tags = [...new Set(raw)];
  if (tags.length > TAGS_MAX) return { ok: false, error: 'threads.error.tagsMany' };
  if (tags.some((t) => t.length > TAG_LENGTH_MAX)) return { ok: false, error: 'threads.error.tagLong' };
  return { ok: true, tags };
}

export async function saveTags(tx: Database, threadId: number, roomId: number, tags: string[]): Promise<void> {
  await tx.db.deleteFrom('thread_tags').where('thread_id', '=', threadId).execute();
  if (tags.length)
    await tx.db
      .insertInto('thread_tags')
      .values(tags.map((tag) => ({ thread_id: threadId, room_id: roomId, tag })))
      .execute();
}

export async function createThread(
  database: Database,
  room: LoadedRoom,
  input: ThreadInput,
  actor: RoomActor,
  opts: { ip?: string | null; now?: string } = {},
): Promise<{ ok: true; threadId: number; postId: number } | { ok: false; errors: ThreadErrors }> {
  const errors: ThreadErrors = {};
  if (!room.rights.post) return { ok: false, errors: { body: 'posts.error.notMember' } };
  const title = input.title.trim();
  const titleError = validateTitle(title);
  if (titleError) errors.title = titleError;
  const body = cleanBody(input.body);
  const bodyError = validateBody(body);
  if (bodyError) errors.body = bodyError;
  const tags = normaliseTags(input.tags);
  if (!tags.ok) errors.tags = tags.error;
  if (Object.keys(errors).length || !tags.ok) return { ok: false, errors };
  const rendered = await renderPost(database, body);
  return writeTransaction(database, async (tx) => {
    const now = opts.now ?? nowIso();
    const { id: threadId } = await tx.db
      .insertInto('threads')
      .values({
        room_id: room.row.id,
        title,
        author_id: actor.id,
        tags: tags.tags.join(' '),
        is_question: input.isQuestion ? 1 : 0,
        accepted_post_id: null,
        accepted_by: null,
        pinned: 0,
        locked: 0,
        hidden: 0,
        reply_count: 0,
        last_reply_at: null,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveTags(tx, threadId, room.row.id, tags.tags);
    const { id: postId } = await tx.db
      .insertInto('posts')
      .values({
        thread_id: threadId,
        room_id: room.row.id,
        author_id: actor.id,
        is_first: 1,
        title,
        body_md: body,
        body_html: rendered.html,
        body_text: rendered.text,
        quoted_post_id: null,
        hidden: 0,
        hidden_by: null,
        hidden_at: null,
        created_at: now,
        edited_at: null,
        edited_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .updateTable('rooms')
      .set({ thread_count: sql`thread_count + 1` })
      .where('id', '=', room.row.id)
      .execute();
    await touchRoom(tx, room.row.id, now);
    // The author follows their own thread: replies reach them.
    await follow(tx, room.row.id, actor.id, threadId);
    await appendAudit(tx, {
      actor,
      action: 'thread.create',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Started ${input.isQuestion ? 'the question' : 'the thread'} "${title}" in the room "${room.row.name}"`,
      details: { room: room.row.name, title, thread: threadId, question: input.isQuestion ? 1 : 0 },
      ip: opts.ip ?? null,
    });
    const thread = { id: threadId, title };
    const told = await notifyMentions(
      tx,
      room.row,
      thread,
      postId,
      rendered.mentioned.map((m) => m.id),
      actor,
    );
    await notifyNewThread(tx, room.row, thread, postId, actor, told);
    return { ok: true as const, threadId, postId };
  });
}

export interface ThreadSummary {
  id: number;
  title: string;
  authorName: string | null;
  tags: string[];
  isQuestion: boolean;
  answered: boolean;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  replyCount: number;
  lastActivityAt: string;
  createdAt: string;
}

export interface ThreadFilter {
  tag?: string;
  unanswered?: boolean;
}

function threadQuery(database: Database, room: LoadedRoom) {
  let q = database.db
    .selectFrom('threads')
    .leftJoin('users', 'users.id', 'threads.author_id')
    .select([
      'threads.id',
      'threads.title',
      'users.display_name',
      'threads.tags',
      'threads.is_question',
      'threads.accepted_post_id',
      'threads.pinned',
      'threads.locked',
      'threads.hidden',
      'threads.reply_count',
      'threads.last_activity_at',
      'threads.created_at',
    ])
    .where('threads.room_id', '=', room.row.id);
  if (!room.rights.own) q = q.where('threads.hidden', '=', 0);
  return q;
}

type ThreadQueryRow = Awaited<ReturnType<ReturnType<typeof threadQuery>['execute']>>[number];

const toSummary = (r: ThreadQueryRow): ThreadSummary => ({
  id: r.id,
  title: r.title,
  authorName: r.display_name,
  tags: r.tags ? r.tags.split(' ') : [],
  isQuestion: !!r.is_question,
  answered: r.accepted_post_id !== null,
  pinned: !!r.pinned,
  locked: !!r.locked,
  hidden: !!r.hidden,
  replyCount: r.reply_count,
  lastActivityAt: r.last_activity_at,
  createdAt: r.created_at,
});

/** A room's threads, most recently active first, keyset-paged. */
export async function listThreads(
  database: Database,
  room: LoadedRoom,
  filter: ThreadFilter = {},
  opts: { after?: Cursor | null; limit?: number } = {},
): Promise<{ items: ThreadSummary[]; next: Cursor | null }> {
  const limit = opts.limit ?? 30;
  let q = threadQuery(database, room);
  if (filter.unanswered) q = q.where('threads.is_question', '=', 1).where('threads.accepted_post_id', 'is', null);
  if (filter.tag) {
    const tag = filter.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('thread_tags')
          .select('thread_tags.thread_id')
          .whereRef('thread_tags.thread_id', '=', 'threads.id')
          .where('thread_tags.tag', '=', tag),
      ),
    );
  }
  const after = opts.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('threads.last_activity_at', '<', after.at),
        eb.and([eb('threads.last_activity_at', '=', after.at), eb('threads.id', '<', after.id)]),
      ]),
    );
  const rows = await q
    .orderBy('threads.last_activity_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { at: last.lastActivityAt, id: last.id } : null };
}

export async function pinnedThreads(database: Database, room: LoadedRoom, limit = 10): Promise<ThreadSummary[]> {
  const rows = await threadQuery(database, room)
    .where('threads.pinned', '=', 1)
    .orderBy('threads.last_activity_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

/** The room's tags, most used first, for the filter. */
export async function roomTags(
  database: Database,
  roomId: number,
  limit = 60,
): Promise<Array<{ tag: string; count: number }>> {
  const rows = await database.db
    .selectFrom('thread_tags')
    .select(['tag', (eb) => eb.fn.countAll<number>().as('n')])
    .where('room_id', '=', roomId)
    .groupBy('tag')
    .orderBy('n', 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}

/** Unanswered questions of a room (for the room's front page count). */
export async function unansweredCount(database: Database, roomId: number): Promise<number> {
  const row = await database.db
    .selectFrom('threads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room_id', '=', roomId)
    .where('is_question', '=', 1)
    .where('accepted_post_id', 'is', null)
    .where('hidden', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who may accept an answer: the asker (while a member) or an owner. */
export function mayAccept(room: LoadedRoom, thread: ThreadRow, userId: string): boolean {
  if (!thread.is_question || room.row.archived_at) return false;
  return room.rights.own || (thread.author_id === userId && room.membership !== null);
}

/** Marks (or with null, clears) the accepted answer of a question. */
export async function setAccepted(
  database: Database,
  room: LoadedRoom,
  thread: ThreadRow,
  postId: number | null,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  if (!thread.is_question) return { ok: false, error: 'threads.error.notQuestion' };
  if (!mayAccept(room, thread, actor.id)) return { ok: false, error: 'threads.error.cannotAccept' };
  const post = postId
    ? await database.db
        .selectFrom('posts')
        .select(['id', 'author_id', 'is_first', 'hidden'])
        .where('id', '=', postId)
        .where('thread_id', '=', thread.id)
        .executeTakeFirst()
    : null;
  if (postId && (!post || post.is_first || post.hidden)) return { ok: false, error: 'threads.error.answer' };
  if ((post?.id ?? null) === thread.accepted_post_id) return { ok: true };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('threads')
      .set({ accepted_post_id: post?.id ?? null, accepted_by: post ? actor.id : null, updated_at: nowIso() })
      .where('id', '=', thread.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: post ? 'thread.accept' : 'thread.unaccept',
      entityType: 'room',
      entityId: room.row.id,
      summary: post
        ? `Accepted an answer to "${thread.title}" in the room "${room.row.name}"`
        : `Withdrew the accepted answer to "${thread.title}"`,
      details: { room: room.row.name, title: thread.title, thread: thread.id, post: post?.id ?? null },
      ip: opts.ip ?? null,
    });
    if (post) await notifyAccepted(tx, room.row, thread, post, actor);
  });
  return { ok: true };
}
