import { sql } from 'kysely';
import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { dropForeignImages } from '../../content/markdown.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { toId, type LoadedRoom, type PostRow, type RoomActor, type ThreadRow } from './access.ts';
import { notifyMentions, notifyReply } from './notifications.ts';
import { reactionSummary, type ReactionCount } from './reactions.ts';
import { cleanBody, renderPost, validateBody } from './post-body.ts';
import { touchRoom } from './rooms.ts';
import { normaliseTags, saveTags, validateTitle, type ThreadErrors } from './threads.ts';

/**
 * Posts: a thread's opening post and its replies, in Markdown. The text is rendered once when it
 * is saved (renderMarkdown: markdown-it without raw HTML, then sanitize-html), @mentions of real
 * colleagues are linked to their profile, and the plain text is kept for search and excerpts.
 * Editing keeps the earlier version in post_revisions, only when the text really changed.
 */

/** Replies per page of a thread (keyset by id). */
export const PAGE_SIZE = 50;

export interface ReplyInput {
  body: string;
  quotedPostId: string;
}

/** A reply in a thread; the thread's followers hear of it (folded per thread), mentions once each. */
export async function reply(
  database: Database,
  room: LoadedRoom,
  thread: ThreadRow,
  input: ReplyInput,
  actor: RoomActor,
  opts: { ip?: string | null; now?: string } = {},
): Promise<{ ok: true; postId: number } | { ok: false; errors: { body?: MessageKey } }> {
  if (!room.rights.post) return { ok: false, errors: { body: 'posts.error.notMember' } };
  if (thread.locked) return { ok: false, errors: { body: 'posts.error.locked' } };
  const body = cleanBody(input.body);
  const error = validateBody(body);
  if (error) return { ok: false, errors: { body: error } };
  const rendered = await renderPost(database, body);
  const quotedId = toId(input.quotedPostId);
  return writeTransaction(database, async (tx) => {
    const now = opts.now ?? nowIso();
    // A quote must be of a visible post in the same thread; otherwise it is simply not linked.
    const quoted = quotedId
      ? await tx.db
          .selectFrom('posts')
          .select('id')
          .where('id', '=', quotedId)
          .where('thread_id', '=', thread.id)
          .where('hidden', '=', 0)
          .executeTakeFirst()
      : undefined;
    const { id } = await tx.db
      .insertInto('posts')
      .values({
        thread_id: thread.id,
        room_id: room.row.id,
        author_id: actor.id,
        is_first: 0,
        title: '',
        body_md: body,
        body_html: rendered.html,
        body_text: rendered.text,
        quoted_post_id: quoted?.id ?? null,
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
      .updateTable('threads')
      .set({ reply_count: sql`reply_count + 1`, last_reply_at: now, last_activity_at: now })
      .where('id', '=', thread.id)
      .execute();
    await touchRoom(tx, room.row.id, now);
    await appendAudit(tx, {
      actor,
      action: 'post.create',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Replied in "${thread.title}" in the room "${room.row.name}"`,
      details: { room: room.row.name, title: thread.title, thread: thread.id, post: id },
      ip: opts.ip ?? null,
    });
    const told = await notifyMentions(
      tx,
      room.row,
      thread,
      id,
      rendered.mentioned.map((m) => m.id),
      actor,
    );
    await notifyReply(tx, room.row, thread, id, actor, told);
    return { ok: true as const, postId: id };
  });
}

export interface EditInput {
  body: string;
  /** Opening post only: the thread's title, tags and question mode. */
  title?: string;
  tags?: string;
  isQuestion?: boolean;
}

export type EditErrors = ThreadErrors;

/**
 * The author edits their post (not in a locked thread or an archived room). The earlier version
 * is kept when the text or title really changed; changing only tags or question mode changes
 * the thread and keeps no revision.
 */
export async function editPost(
  database: Database,
  room: LoadedRoom,
  thread: ThreadRow,
  post: PostRow,
  input: EditInput,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; changed: boolean } | { ok: false; errors: EditErrors }> {
  if (post.author_id !== actor.id || !room.rights.post || post.hidden)
    return { ok: false, errors: { body: 'posts.error.notAuthor' } };
  if (thread.locked) return { ok: false, errors: { body: 'posts.error.locked' } };
  const body = cleanBody(input.body);
  const errors: EditErrors = {};
  const bodyError = validateBody(body);
  if (bodyError) errors.body = bodyError;
  const first = !!post.is_first;
  const title = first ? (input.title ?? '').trim() : '';
  const tags = first ? normaliseTags(input.tags ?? '') : null;
  if (first) {
    const t = validateTitle(title);
    if (t) errors.title = t;
    if (tags && !tags.ok) errors.tags = tags.error;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const textChanged = body !== post.body_md || (first && title !== post.title);
  const tagList = tags && tags.ok ? tags.tags : [];
  const threadChanged =
    first && (tagList.join(' ') !== thread.tags || (input.isQuestion ? 1 : 0) !== thread.is_question);
  if (!textChanged && !threadChanged) return { ok: true, changed: false };
  const rendered = textChanged ? await renderPost(database, body) : null;
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    if (textChanged && rendered) {
      await tx.db
        .insertInto('post_revisions')
        .values({
          post_id: post.id,
          title: post.title,
          body_md: post.body_md,
          written_by: post.edited_by ?? post.author_id,
          written_at: post.edited_at ?? post.created_at,
          replaced_at: now,
        })
        .execute();
      await tx.db
        .updateTable('posts')
        .set({
          body_md: body,
          body_html: rendered.html,
          body_text: rendered.text,
          title: first ? title : '',
          edited_at: now,
          edited_by: actor.id,
        })
        .where('id', '=', post.id)
        .execute();
    }
    if (first) {
      const isQuestion = input.isQuestion ? 1 : 0;
      await tx.db
        .updateTable('threads')
        .set({
          title,
          tags: tagList.join(' '),
          is_question: isQuestion,
          // Leaving question mode takes the accepted answer with it.
          ...(isQuestion ? {} : { accepted_post_id: null, accepted_by: null }),
          updated_at: now,
        })
        .where('id', '=', thread.id)
        .execute();
      await saveTags(tx, thread.id, room.row.id, tagList);
    }
    await appendAudit(tx, {
      actor,
      action: textChanged ? 'post.update' : 'thread.update',
      entityType: 'room',
      entityId: room.row.id,
      summary: textChanged
        ? `Edited a post in "${first ? title : thread.title}" in the room "${room.row.name}"`
        : `Changed tags or question mode of "${thread.title}"`,
      details: { room: room.row.name, title: first ? title : thread.title, thread: thread.id, post: post.id },
      ip: opts.ip ?? null,
    });
    // Colleagues newly mentioned are told; those already told of this post are not told again.
    if (rendered)
      await notifyMentions(
        tx,
        room.row,
        { id: thread.id, title: first ? title : thread.title },
        post.id,
        rendered.mentioned.map((m) => m.id),
        actor,
      );
  });
  return { ok: true, changed: true };
}

export interface PostView {
  id: number;
  threadId: number;
  authorId: string | null;
  authorName: string | null;
  authorUsername: string | null;
  authorUnit: string | null;
  isFirst: boolean;
  /** Sanitised HTML (renderMarkdown); empty for a hidden post shown to a non-owner. */
  bodyHtml: string;
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
  quotedPostId: number | null;
  quotedAuthorName: string | null;
  reactions: ReactionCount[];
}

function postQuery(database: Database) {
  return database.db
    .selectFrom('posts')
    .leftJoin('users as a', 'a.id', 'posts.author_id')
    .leftJoin('org_units as u', 'u.id', 'a.org_unit_id')
    .leftJoin('posts as q', 'q.id', 'posts.quoted_post_id')
    .leftJoin('users as qa', 'qa.id', 'q.author_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.author_id',
      'a.display_name as author_name',
      'a.username as author_username',
      'u.name as author_unit',
      'posts.is_first',
      'posts.body_html',
      'posts.hidden',
      'posts.created_at',
      'posts.edited_at',
      'posts.quoted_post_id',
      'qa.display_name as quoted_author_name',
    ]);
}

type PostQueryRow = Awaited<ReturnType<ReturnType<typeof postQuery>['execute']>>[number];

function toView(r: PostQueryRow, showHidden: boolean): Omit<PostView, 'reactions'> {
  return {
    id: r.id,
    threadId: r.thread_id,
    authorId: r.author_id,
    authorName: r.author_name,
    authorUsername: r.author_username,
    authorUnit: r.author_unit,
    isFirst: !!r.is_first,
    // Posts saved before images were limited to our uploaded files lose any other image here.
    bodyHtml: r.hidden && !showHidden ? '' : dropForeignImages(r.body_html),
    hidden: !!r.hidden,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    quotedPostId: r.quoted_post_id,
    quotedAuthorName: r.quoted_author_name,
  };
}

export interface ThreadPage {
  first: PostView;
  /** The accepted answer, shown first (also in its place among the replies). */
  accepted: PostView | null;
  replies: PostView[];
  /** Keyset links: replies before the first shown, after the last shown. */
  before: number | null;
  after: number | null;
}

/** Replies after or before a reply's id, or (`last`) the newest; nothing: the first page. */
export type PageWindow = { after?: number | null; before?: number | null; last?: boolean };

/** One page of a thread: the opening post, the accepted answer, and up to PAGE_SIZE replies. */
export async function threadPage(
  database: Database,
  room: LoadedRoom,
  thread: ThreadRow,
  viewerId: string,
  window: PageWindow = {},
): Promise<ThreadPage> {
  const own = room.rights.own;
  const firstRow = await postQuery(database)
    .where('posts.thread_id', '=', thread.id)
    .where('posts.is_first', '=', 1)
    .executeTakeFirstOrThrow();
  let q = postQuery(database).where('posts.thread_id', '=', thread.id).where('posts.is_first', '=', 0);
  let rows: PostQueryRow[];
  if (window.before != null || window.last) {
    if (window.before != null) q = q.where('posts.id', '<', window.before);
    rows = await q
      .orderBy('posts.id', 'desc')
      .limit(PAGE_SIZE + 1)
      .execute();
    const more = rows.length > PAGE_SIZE;
    rows = rows.slice(0, PAGE_SIZE).reverse();
    const acceptedRow = await acceptedOf(database, thread, own);
    const views = [firstRow, ...rows, ...(acceptedRow ? [acceptedRow] : [])];
    const reactions = await reactionSummary(
      database,
      views.map((v) => v.id),
      viewerId,
    );
    const withR = (r: PostQueryRow) => ({ ...toView(r, own), reactions: reactions.get(r.id) ?? [] });
    return {
      first: withR(firstRow),
      accepted: acceptedRow ? withR(acceptedRow) : null,
      replies: rows.map(withR),
      before: more && rows.length ? rows[0]!.id : null,
      after: rows.length ? await nextAfter(database, thread.id, rows[rows.length - 1]!.id) : null,
    };
  }
  if (window.after != null) q = q.where('posts.id', '>', window.after);
  rows = await q
    .orderBy('posts.id', 'asc')
    .limit(PAGE_SIZE + 1)
    .execute();
  const more = rows.length > PAGE_SIZE;
  rows = rows.slice(0, PAGE_SIZE);
  const acceptedRow = await acceptedOf(database, thread, own);
  const reactions = await reactionSummary(
    database,
    [firstRow.id, ...rows.map((r) => r.id), ...(acceptedRow ? [acceptedRow.id] : [])],
    viewerId,
  );
  const withR = (r: PostQueryRow) => ({ ...toView(r, own), reactions: reactions.get(r.id) ?? [] });
  let before: number | null = null;
  if (window.after != null && rows.length) {
    const earlier = await database.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', thread.id)
      .where('is_first', '=', 0)
      .where('id', '<', rows[0]!.id)
      .limit(1)
      .executeTakeFirst();
    before = earlier ? rows[0]!.id : null;
  }
  return {
    first: withR(firstRow),
    accepted: acceptedRow ? withR(acceptedRow) : null,
    replies: rows.map(withR),
    before,
    after: more && rows.length ? rows[rows.length - 1]!.id : null,
  };
}

async function nextAfter(database: Database, threadId: number, lastId: number): Promise<number | null> {
  const later = await database.db
    .selectFrom('posts')
    .select('id')
    .where('thread_id', '=', threadId)
    .where('id', '>', lastId)
    .limit(1)
    .executeTakeFirst();
  return later ? lastId : null;
}

async function acceptedOf(database: Database, thread: ThreadRow, own: boolean): Promise<PostQueryRow | null> {
  if (!thread.is_question || !thread.accepted_post_id) return null;
  const row = await postQuery(database)
    .where('posts.id', '=', thread.accepted_post_id)
    .where('posts.thread_id', '=', thread.id)
    .executeTakeFirst();
  if (!row || (row.hidden && !own)) return null;
  return row;
}

/** One post as the thread shows it (for htmx fragments). */
export async function postView(
  database: Database,
  room: LoadedRoom,
  postId: number,
  viewerId: string,
): Promise<PostView | null> {
  const row = await postQuery(database)
    .where('posts.id', '=', postId)
    .where('posts.room_id', '=', room.row.id)
    .executeTakeFirst();
  if (!row) return null;
  const reactions = await reactionSummary(database, [row.id], viewerId);
  return { ...toView(row, room.rights.own), reactions: reactions.get(row.id) ?? [] };
}

/**
 * Where a post is: the thread page query that shows it. The opening post and the first page of
 * replies are on the thread's first page; a later reply opens a page that starts with it.
 */
export async function locate(
  database: Database,
  post: Pick<PostRow, 'id' | 'thread_id' | 'is_first' | 'room_id'>,
): Promise<string> {
  const base = `/rooms/${post.room_id}/threads/${post.thread_id}`;
  if (post.is_first) return base;
  const row = await database.db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('thread_id', '=', post.thread_id)
    .where('is_first', '=', 0)
    .where('id', '<', post.id)
    .executeTakeFirstOrThrow();
  return Number(row.n) < PAGE_SIZE ? base : `${base}?after=${post.id - 1}`;
}

export interface Revision {
  title: string;
  bodyMd: string;
  writtenBy: string | null;
  writtenAt: string;
  current: boolean;
}

/** Every version of a post, newest first (the current text first). */
export async function postHistory(database: Database, post: PostRow): Promise<Revision[]> {
  const rows = await database.db
    .selectFrom('post_revisions')
    .leftJoin('users', 'users.id', 'post_revisions.written_by')
    .select(['post_revisions.title', 'post_revisions.body_md', 'users.display_name', 'post_revisions.written_at'])
    .where('post_revisions.post_id', '=', post.id)
    .orderBy('post_revisions.id', 'desc')
    .execute();
  const editor = await database.db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', post.edited_by ?? post.author_id ?? '')
    .executeTakeFirst();
  return [
    {
      title: post.title,
      bodyMd: post.body_md,
      writtenBy: editor?.display_name ?? null,
      writtenAt: post.edited_at ?? post.created_at,
      current: true,
    },
    ...rows.map((r) => ({
      title: r.title,
      bodyMd: r.body_md,
      writtenBy: r.display_name,
      writtenAt: r.written_at,
      current: false,
    })),
  ];
}

/** The text a reply form starts with when quoting a post: its Markdown as a block quote. */
export async function quoteText(
  database: Database,
  room: LoadedRoom,
  thread: ThreadRow,
  postId: string | undefined,
  intro: (name: string) => string,
): Promise<{ body: string; quotedPostId: string } | null> {
  const quotedId = toId(postId);
  if (quotedId === null) return null;
  const row = await database.db
    .selectFrom('posts')
    .leftJoin('users', 'users.id', 'posts.author_id')
    .select(['posts.id', 'posts.body_md', 'users.display_name'])
    .where('posts.id', '=', quotedId)
    .where('posts.thread_id', '=', thread.id)
    .where('posts.room_id', '=', room.row.id)
    .where('posts.hidden', '=', 0)
    .executeTakeFirst();
  if (!row) return null;
  const source = row.body_md.length > 1500 ? `${row.body_md.slice(0, 1500)} …` : row.body_md;
  const quoted = [intro(row.display_name ?? '?'), ...source.split('\n')].map((l) => (l ? `> ${l}` : '>')).join('\n');
  return { body: `${quoted}\n\n`, quotedPostId: String(row.id) };
}
