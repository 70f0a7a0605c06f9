import { sql } from 'kysely';
import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { LoadedRoom, PostRow, RoomActor, ThreadRow } from './access.ts';

/**
 * Moderation: anyone who may read a room reports a post; owners hide and show posts and threads,
 * lock and unlock threads, pin them, and resolve reports. Nothing is deleted; every step is
 * audited.
 */

export const REASON_MAX = 1000;

type Result = { ok: true } | { ok: false; error: MessageKey };

export async function reportPost(
  database: Database,
  room: LoadedRoom,
  post: PostRow,
  reason: string,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  const text = reason.replace(/\r\n/g, '\n').trim();
  if (!text) return { ok: false, error: 'posts.error.reason' };
  if (text.length > REASON_MAX) return { ok: false, error: 'posts.error.reasonLong' };
  return writeTransaction(database, async (tx) => {
    const open = await tx.db
      .selectFrom('post_reports')
      .select('id')
      .where('post_id', '=', post.id)
      .where('reporter_id', '=', actor.id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (open) return { ok: true as const };
    await tx.db
      .insertInto('post_reports')
      .values({
        post_id: post.id,
        room_id: room.row.id,
        reporter_id: actor.id,
        reason: text,
        created_at: nowIso(),
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'post.report',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Reported a post in the room "${room.row.name}"`,
      details: { room: room.row.name, post: post.id },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

export interface ReportView {
  id: number;
  postId: number;
  threadId: number;
  threadTitle: string;
  authorName: string | null;
  excerpt: string;
  postHidden: boolean;
  reporterName: string | null;
  reason: string;
  createdAt: string;
}

/** Open reports of a room (owners only; the route checks). */
export async function openReports(database: Database, roomId: number): Promise<ReportView[]> {
  const rows = await database.db
    .selectFrom('post_reports')
    .innerJoin('posts', 'posts.id', 'post_reports.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .leftJoin('users as author', 'author.id', 'posts.author_id')
    .leftJoin('users as reporter', 'reporter.id', 'post_reports.reporter_id')
    .select([
      'post_reports.id',
      'post_reports.post_id',
      'posts.thread_id',
      'threads.title',
      'author.display_name as author_name',
      'posts.body_text',
      'posts.hidden',
      'reporter.display_name as reporter_name',
      'post_reports.reason',
      'post_reports.created_at',
    ])
    .where('post_reports.room_id', '=', roomId)
    .where('post_reports.resolved_at', 'is', null)
    .orderBy('post_reports.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    postId: r.post_id,
    threadId: r.thread_id,
    threadTitle: r.title,
    authorName: r.author_name,
    excerpt: r.body_text.length > 300 ? `${r.body_text.slice(0, 299)}…` : r.body_text,
    postHidden: !!r.hidden,
    reporterName: r.reporter_name,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

export async function openReportCount(database: Database, roomId: number): Promise<number> {
  const row = await database.db
    .selectFrom('post_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room_id', '=', roomId)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function resolveReport(
  database: Database,
  room: LoadedRoom,
  reportId: number,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  if (!room.rights.own) return { ok: false, error: 'rooms.error.ownersOnly' };
  return writeTransaction(database, async (tx) => {
    const updated = await tx.db
      .updateTable('post_reports')
      .set({ resolved_at: nowIso(), resolved_by: actor.id })
      .where('id', '=', reportId)
      .where('room_id', '=', room.row.id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false as const, error: 'posts.error.reportGone' as const };
    await appendAudit(tx, {
      actor,
      action: 'post.report.resolve',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Resolved a report in the room "${room.row.name}"`,
      details: { room: room.row.name, report: reportId },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** Hides or shows a post (owners). Hiding resolves the post's open reports. */
export async function setPostHidden(
  database: Database,
  room: LoadedRoom,
  post: PostRow,
  hidden: boolean,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  if (!room.rights.own) return { ok: false, error: 'rooms.error.ownersOnly' };
  if (!!post.hidden === hidden) return { ok: true };
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    await tx.db
      .updateTable('posts')
      .set({ hidden: hidden ? 1 : 0, hidden_by: hidden ? actor.id : null, hidden_at: hidden ? now : null })
      .where('id', '=', post.id)
      .execute();
    if (hidden) {
      await tx.db
        .updateTable('post_reports')
        .set({ resolved_at: now, resolved_by: actor.id })
        .where('post_id', '=', post.id)
        .where('resolved_at', 'is', null)
        .execute();
      // A hidden answer is no longer the accepted one.
      await tx.db
        .updateTable('threads')
        .set({ accepted_post_id: null, accepted_by: null })
        .where('accepted_post_id', '=', post.id)
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: hidden ? 'post.hide' : 'post.show',
      entityType: 'room',
      entityId: room.row.id,
      summary: `${hidden ? 'Hid' : 'Showed again'} a post in the room "${room.row.name}"`,
      details: { room: room.row.name, post: post.id, thread: post.thread_id },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}

type ThreadFlag = 'hidden' | 'locked' | 'pinned';
const FLAG_ACTIONS: Record<ThreadFlag, [on: string, off: string]> = {
  hidden: ['thread.hide', 'thread.show'],
  locked: ['thread.lock', 'thread.unlock'],
  pinned: ['thread.pin', 'thread.unpin'],
};

/** Hides, locks or pins a thread, or undoes it (owners). */
export async function setThreadFlag(
  database: Database,
  room: LoadedRoom,
  thread: ThreadRow,
  flag: ThreadFlag,
  on: boolean,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  if (!room.rights.own) return { ok: false, error: 'rooms.error.ownersOnly' };
  if (!!thread[flag] === on) return { ok: true };
  await writeTransaction(database, async (tx) => {
    const value = on ? 1 : 0;
    const set = flag === 'hidden' ? { hidden: value } : flag === 'locked' ? { locked: value } : { pinned: value };
    // Changed only from the other value, so two owners flagging at once change it (and the
    // room's thread count) once.
    const changed = await tx.db
      .updateTable('threads')
      .set({ ...set, updated_at: nowIso() })
      .where('id', '=', thread.id)
      .where(flag, '=', on ? 0 : 1)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return;
    if (flag === 'hidden') {
      await tx.db
        .updateTable('rooms')
        .set({ thread_count: on ? sql`thread_count - 1` : sql`thread_count + 1` })
        .where('id', '=', room.row.id)
        .execute();
    }
    const action = FLAG_ACTIONS[flag][on ? 0 : 1];
    await appendAudit(tx, {
      actor,
      action,
      entityType: 'room',
      entityId: room.row.id,
      summary: `${action.split('.')[1]} "${thread.title}" in the room "${room.row.name}"`,
      details: { room: room.row.name, title: thread.title, thread: thread.id },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}
