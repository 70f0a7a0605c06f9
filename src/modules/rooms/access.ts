import { sql, type ExpressionBuilder, type RawBuilder, type Selectable } from 'kysely';
import type { AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { MAX_ID, toId } from '../../db/sql.ts';
import type { DB } from '../../db/schema.ts';
import type { PostTable, RoomLevel, RoomRole, RoomTable, ThreadTable } from '../../db/schema/rooms.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { can, type Actor } from '../../policy/index.ts';

/**
 * Who may do what in a room: the one place for the rule (DESIGN.md, Access), with the same rule
 * in SQL for lists and search (`visibleRooms`, `visibleRoomsSql`).
 *
 * - An open room is readable by every employee (the global action 'rooms.view'); a closed room
 *   only by its members. Everything inside a room (threads, posts, files, downloads, search hits,
 *   reactions, reports) is loaded through the room, so an outsider of a closed room gets 404 for
 *   all of it, exactly as for a room that does not exist.
 * - Posting, reacting, uploading and following need membership (joining an open room is one
 *   click), and the room must not be archived.
 * - Owners moderate (hide, lock, pin), manage members, approve requests and archive; in a closed
 *   room only owners invite, in an open room any member may.
 * - Hidden threads and posts are seen by owners only (marked as hidden); to others a hidden
 *   thread does not exist and a hidden post is a placeholder.
 */

export type RoomRow = Selectable<RoomTable>;
export type ThreadRow = Selectable<ThreadTable>;
export type PostRow = Selectable<PostTable>;

/** The signed-in user as the rooms module needs them: policy actor plus audit name. */
export type RoomActor = Actor & AuditActor;

export interface Membership {
  role: RoomRole;
  level: RoomLevel;
}

export interface RoomRights {
  /** Threads, posts, files, members and search of the room. */
  read: boolean;
  /** Start threads, reply, react, upload files, follow. */
  post: boolean;
  invite: boolean;
  /** Moderate, manage members, approve requests, archive. */
  own: boolean;
  /** May join right now without anyone's approval. */
  join: boolean;
}

export interface LoadedRoom {
  row: RoomRow;
  membership: Membership | null;
  rights: RoomRights;
  /** A pending invitation for this user (the one way an outsider of a closed room sees it). */
  invitationId: number | null;
}

/** The rule, for one room and one user. */
export function roomRights(row: Pick<RoomRow, 'visibility' | 'archived_at'>, membership: Membership | null, invited = false): RoomRights {
  const member = membership !== null;
  const live = row.archived_at === null;
  const own = membership?.role === 'owner';
  return {
    read: row.visibility === 'open' || member,
    post: member && live,
    invite: live && (row.visibility === 'open' ? member : own),
    own,
    join: !member && live && (row.visibility === 'open' || invited),
  };
}

/** The rule in SQL over `rooms`: the rooms this user may see. */
export function visibleRooms(user: Pick<Actor, 'id'>) {
  return (eb: ExpressionBuilder<DB, 'rooms'>) =>
    eb.or([
      eb('rooms.visibility', '=', 'open'),
      eb.exists(eb.selectFrom('room_members').select('room_members.room_id').whereRef('room_members.room_id', '=', 'rooms.id').where('room_members.user_id', '=', user.id)),
    ]);
}

/** The same rule as raw SQL over a rooms alias (for the search queries). */
export function visibleRoomsSql(user: Pick<Actor, 'id'>, alias = 'r'): RawBuilder<unknown> {
  const r = sql.ref(alias);
  return sql`(${r}.visibility = 'open' or exists (select 1 from room_members vm where vm.room_id = ${r}.id and vm.user_id = ${user.id}))`;
}

export async function membershipOf(database: Database, roomId: number, userId: string): Promise<Membership | null> {
  const m = await database.db.selectFrom('room_members').select(['role', 'level']).where('room_id', '=', roomId).where('user_id', '=', userId).executeTakeFirst();
  return m ?? null;
}

export { MAX_ID, toId };
const parseId = toId;

/**
 * Loads a room for this user, or null when they may not see it (or it does not exist): the two
 * are never told apart. A pending invitation lets an outsider of a closed room see its door.
 */
export async function loadRoom(database: Database, user: Actor, id: number | string): Promise<LoadedRoom | null> {
  const roomId = parseId(id);
  if (roomId === null) return null;
  const row = await database.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
  if (!row) return null;
  const membership = await membershipOf(database, roomId, user.id);
  let invitationId: number | null = null;
  if (!membership && row.visibility === 'closed') {
    const inv = await database.db
      .selectFrom('room_invitations')
      .select('id')
      .where('room_id', '=', roomId)
      .where('user_id', '=', user.id)
      .where('status', '=', 'pending')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    invitationId = inv?.id ?? null;
  }
  return { row, membership, rights: roomRights(row, membership, invitationId !== null), invitationId };
}

export type RoomNeed = 'read' | 'post' | 'invite' | 'own' | 'door';

/**
 * The loader every room route goes through. 404 to anyone who may not see the room ('door': also
 * an invitee of a closed room), 403 to someone who may see it but lacks the right.
 */
export async function requireRoom(database: Database, user: Actor | null, id: number | string, need: RoomNeed = 'read'): Promise<LoadedRoom> {
  if (!user) throw notFound();
  if (!can(user, 'rooms.view')) throw forbidden();
  const loaded = await loadRoom(database, user, id);
  if (!loaded) throw notFound();
  if (!loaded.rights.read && !(need === 'door' && loaded.invitationId !== null)) throw notFound();
  if (need === 'post' && !loaded.rights.post) throw forbidden();
  if (need === 'invite' && !loaded.rights.invite) throw forbidden();
  if (need === 'own' && !loaded.rights.own) throw forbidden();
  return loaded;
}

/** A thread of the room; hidden threads exist for owners only. */
export async function requireThread(database: Database, room: LoadedRoom, id: number | string): Promise<ThreadRow> {
  const threadId = parseId(id);
  if (threadId === null) throw notFound();
  const thread = await database.db.selectFrom('threads').selectAll().where('id', '=', threadId).where('room_id', '=', room.row.id).executeTakeFirst();
  if (!thread || (thread.hidden && !room.rights.own)) throw notFound();
  return thread;
}

/**
 * A post of the room, with its thread. A post in a hidden thread does not exist for non-owners;
 * a hidden post only when `allowHidden` (it is shown as a placeholder, never its text).
 */
export async function requirePost(database: Database, room: LoadedRoom, id: number | string, opts: { allowHidden?: boolean } = {}): Promise<{ post: PostRow; thread: ThreadRow }> {
  const postId = parseId(id);
  if (postId === null) throw notFound();
  const post = await database.db.selectFrom('posts').selectAll().where('id', '=', postId).where('room_id', '=', room.row.id).executeTakeFirst();
  if (!post) throw notFound();
  if (post.hidden && !room.rights.own && !opts.allowHidden) throw notFound();
  const thread = await requireThread(database, room, post.thread_id);
  return { post, thread };
}
