import type { Database } from '../../db/index.ts';
import type { RoomLevel } from '../../db/schema/rooms.ts';
import { notify } from '../notifications/index.ts';
import type { RoomActor, RoomRow } from './access.ts';

/**
 * Who hears what from a room (quiet by default). Every notification goes through notify(), which
 * applies each person's per-kind choices (in the app, by e-mail, immediately or in the digest).
 *
 * - A member's room level: 'everything' (new threads too), 'mentions' (the default), 'nothing'.
 * - @mentions reach anyone who may see the room, unless their level there is 'nothing'.
 * - Replies reach the thread's followers (its author follows it from the start) unless their
 *   level is 'nothing'; several replies in one thread fold into one notification (fold key
 *   `thread:<id>`) until it is read.
 * - New threads reach members with level 'everything' and followers of the room.
 * - Someone mentioned in a post is told once, as a mention, not also as a reply or new thread.
 * - Nobody is notified of their own doing, and nobody who may no longer see the room.
 *
 * Called inside the transaction that makes the change, so a notification (and its e-mail in
 * the outbox) exists exactly when the change commits.
 */

interface Recipient {
  userId: string;
  level: RoomLevel | null;
}

type RoomRef = Pick<RoomRow, 'id' | 'name' | 'visibility'>;

const postLink = (roomId: number, postId: number) => `/rooms/${roomId}/posts/${postId}`;

/** Of these users: the active ones who may see the room, with their level there (null: not a member). */
async function reachable(tx: Database, room: RoomRef, userIds: string[]): Promise<Recipient[]> {
  if (!userIds.length) return [];
  const rows = await tx.db
    .selectFrom('users')
    .leftJoin('room_members', (j) =>
      j.onRef('room_members.user_id', '=', 'users.id').on('room_members.room_id', '=', room.id),
    )
    .select(['users.id', 'room_members.level'])
    .where('users.id', 'in', [...new Set(userIds)])
    .where('users.is_active', '=', 1)
    .execute();
  return rows
    .filter((r) => room.visibility === 'open' || r.level !== null)
    .map((r) => ({ userId: r.id, level: r.level }));
}

async function followers(tx: Database, room: RoomRef, target: string): Promise<Recipient[]> {
  const rows = await tx.db
    .selectFrom('room_follows')
    .select('user_id')
    .where('room_id', '=', room.id)
    .where('target', '=', target)
    .execute();
  return reachable(
    tx,
    room,
    rows.map((r) => r.user_id),
  );
}

/** Mentions in a new or edited post (each person once per post, however often it is edited). */
export async function notifyMentions(
  tx: Database,
  room: RoomRef,
  thread: { id: number; title: string },
  postId: number,
  mentionedIds: string[],
  actor: RoomActor,
): Promise<Set<string>> {
  const told = new Set<string>();
  for (const r of await reachable(
    tx,
    room,
    mentionedIds.filter((id) => id !== actor.id),
  )) {
    if (r.level === 'nothing') continue;
    await notify(tx, {
      userId: r.userId,
      kind: 'room.mention',
      params: { name: actor.name, room: room.name, title: thread.title },
      link: postLink(room.id, postId),
      dedupeKey: `room-mention:${postId}:${r.userId}`,
    });
    told.add(r.userId);
  }
  return told;
}

/** A new thread: members who hear everything, and the room's followers. */
export async function notifyNewThread(
  tx: Database,
  room: RoomRef,
  thread: { id: number; title: string },
  postId: number,
  actor: RoomActor,
  skip: Set<string>,
): Promise<void> {
  const everything = await tx.db
    .selectFrom('room_members')
    .select('user_id')
    .where('room_id', '=', room.id)
    .where('level', '=', 'everything')
    .execute();
  const roomFollowers = await followers(tx, room, 'room');
  const candidates = await reachable(
    tx,
    room,
    everything.map((m) => m.user_id),
  );
  const all = new Map<string, Recipient>();
  for (const r of [...candidates, ...roomFollowers]) all.set(r.userId, r);
  for (const r of all.values()) {
    if (r.userId === actor.id || skip.has(r.userId) || r.level === 'nothing') continue;
    await notify(tx, {
      userId: r.userId,
      kind: 'room.post',
      params: { name: actor.name, room: room.name, title: thread.title },
      link: postLink(room.id, postId),
      dedupeKey: `room-post:${thread.id}:${r.userId}`,
    });
  }
}

/** A reply: the thread's followers, folded per thread. */
export async function notifyReply(
  tx: Database,
  room: RoomRef,
  thread: { id: number; title: string },
  postId: number,
  actor: RoomActor,
  skip: Set<string>,
): Promise<void> {
  for (const r of await followers(tx, room, `thread:${thread.id}`)) {
    if (r.userId === actor.id || skip.has(r.userId) || r.level === 'nothing') continue;
    await notify(tx, {
      userId: r.userId,
      kind: 'room.reply',
      params: { name: actor.name, room: room.name, title: thread.title },
      link: postLink(room.id, postId),
      dedupeKey: `room-reply:${postId}:${r.userId}`,
      foldKey: `thread:${thread.id}`,
    });
  }
}

/** An accepted answer: the asker (when someone else accepted) and the answer's author. */
export async function notifyAccepted(
  tx: Database,
  room: RoomRef,
  thread: { id: number; title: string; author_id: string | null },
  post: { id: number; author_id: string | null },
  actor: RoomActor,
): Promise<void> {
  const ids = [thread.author_id, post.author_id].filter((id): id is string => !!id && id !== actor.id);
  for (const r of await reachable(tx, room, ids)) {
    if (r.level === 'nothing') continue;
    await notify(tx, {
      userId: r.userId,
      kind: 'room.answer',
      params: { name: actor.name, room: room.name, title: thread.title },
      link: postLink(room.id, post.id),
      dedupeKey: `room-answer:${thread.id}:${post.id}:${r.userId}`,
    });
  }
}

export async function notifyInvitation(
  tx: Database,
  room: RoomRef,
  invitationId: number,
  inviteeId: string,
  actor: RoomActor,
): Promise<void> {
  await notify(tx, {
    userId: inviteeId,
    kind: 'room.invitation',
    params: { name: actor.name, room: room.name },
    link: `/rooms/${room.id}`,
    dedupeKey: `room-invitation:${invitationId}`,
  });
}

/** An access request: every owner of the room. */
export async function notifyRequest(
  tx: Database,
  room: RoomRef,
  requestId: number,
  requester: { id: string; name: string },
): Promise<void> {
  const owners = await tx.db
    .selectFrom('room_members')
    .select('user_id')
    .where('room_id', '=', room.id)
    .where('role', '=', 'owner')
    .execute();
  for (const o of await reachable(
    tx,
    room,
    owners.map((x) => x.user_id),
  )) {
    await notify(tx, {
      userId: o.userId,
      kind: 'room.request',
      params: { name: requester.name, room: room.name },
      link: `/rooms/${room.id}/members#requests`,
      dedupeKey: `room-request:${requestId}:${o.userId}`,
    });
  }
}

/** A request approved: the requester may now come in. */
export async function notifyApproved(
  tx: Database,
  room: RoomRef,
  requestId: number,
  requesterId: string,
  actor: RoomActor,
): Promise<void> {
  await notify(tx, {
    userId: requesterId,
    kind: 'room.approved',
    params: { name: actor.name, room: room.name },
    link: `/rooms/${room.id}`,
    dedupeKey: `room-approved:${requestId}`,
  });
}
