import type { Selectable } from 'kysely';
import type { AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { MAX_ID, toId } from '../../db/sql.ts';
import type { PostTable, RoomTable, ThreadTable } from '../../db/schema/rooms.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { can, roomRights, type Actor, type Membership, type RoomRights } from '../../policy/index.ts';

export type { Membership, RoomRights };

/**
 * Rooms' scoped loaders: a room, thread or post is reached only through `loadRoom`/`requireRoom`
 * (and `requireThread`/`requirePost` inside a loaded room), which answer 404 for what the user may
 * not see. The rule itself is in the policy module (`src/policy/rooms.ts`).
 */

export type RoomRow = Selectable<RoomTable>;
export type ThreadRow = Selectable<ThreadTable>;
export type PostRow = Selectable<PostTable>;

/** The signed-in user as the rooms module needs them: policy actor plus audit name. */
export type RoomActor = Actor & AuditActor;

export interface LoadedRoom {
  row: RoomRow;
  membership: Membership | null;
  rights: RoomRights;
  /** A pending invitation for this user (the one way an outsider of a closed room sees it). */
  invitationId: number | null;
}

export async function membershipOf(database: Database, roomId: number, userId: string): Promise<Membership | null> {
  const m = await database.db
    .selectFrom('room_members')
    .select(['role', 'level'])
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
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
export async function requireRoom(
  database: Database,
  user: Actor | null,
  id: number | string,
  need: RoomNeed = 'read',
): Promise<LoadedRoom> {
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
  const thread = await database.db
    .selectFrom('threads')
    .selectAll()
    .where('id', '=', threadId)
    .where('room_id', '=', room.row.id)
    .executeTakeFirst();
  if (!thread || (thread.hidden && !room.rights.own)) throw notFound();
  return thread;
}

/**
 * A post of the room, with its thread. A post in a hidden thread does not exist for non-owners;
 * a hidden post only when `allowHidden` (it is shown as a placeholder, never its text).
 */
export async function requirePost(
  database: Database,
  room: LoadedRoom,
  id: number | string,
  opts: { allowHidden?: boolean } = {},
): Promise<{ post: PostRow; thread: ThreadRow }> {
  const postId = parseId(id);
  if (postId === null) throw notFound();
  const post = await database.db
    .selectFrom('posts')
    .selectAll()
    .where('id', '=', postId)
    .where('room_id', '=', room.row.id)
    .executeTakeFirst();
  if (!post) throw notFound();
  if (post.hidden && !room.rights.own && !opts.allowHidden) throw notFound();
  const thread = await requireThread(database, room, post.thread_id);
  return { post, thread };
}
