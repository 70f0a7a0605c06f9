import { sql } from 'kysely';
import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { RoomLevel, RoomRole } from '../../db/schema/rooms.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Actor } from '../../policy/index.ts';
import { toId, type LoadedRoom, type RoomActor } from './access.ts';
import { notifyApproved, notifyInvitation, notifyRequest } from './notifications.ts';
import { DEFAULT_LEVEL } from './rooms.ts';

/**
 * Membership: join (open rooms, or with an invitation), leave, invite, request access and decide
 * requests, owners and members, the member's notification level, and following a room or a
 * thread. Changes to who is in a room are audited; a member's own level and follows are personal
 * settings (like notification preferences) and are not.
 */

export const LEVELS: readonly RoomLevel[] = ['everything', 'mentions', 'nothing'];
export const REQUEST_MAX = 1000;

type Result = { ok: true } | { ok: false; error: MessageKey };

async function addMember(tx: Database, roomId: number, userId: string, role: RoomRole, now: string): Promise<boolean> {
  const inserted = await tx.db
    .insertInto('room_members')
    .values({ room_id: roomId, user_id: userId, role, level: DEFAULT_LEVEL, joined_at: now })
    .onConflict((oc) => oc.columns(['room_id', 'user_id']).doNothing())
    .executeTakeFirst();
  const added = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added)
    await tx.db
      .updateTable('rooms')
      .set({ member_count: sql`member_count + 1` })
      .where('id', '=', roomId)
      .execute();
  return added;
}

async function ownerCount(tx: Database, roomId: number): Promise<number> {
  const row = await tx.db
    .selectFrom('room_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room_id', '=', roomId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Joins an open room, or a closed one the user holds an invitation to (which it then answers). */
export async function joinRoom(
  database: Database,
  room: LoadedRoom,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  if (room.membership) return { ok: false, error: 'rooms.error.alreadyMember' };
  if (!room.rights.join)
    return { ok: false, error: room.row.archived_at ? 'rooms.error.archived' : 'rooms.error.cannotJoin' };
  return writeTransaction(database, async (tx) => {
    const now = nowIso();
    if (!(await addMember(tx, room.row.id, actor.id, 'member', now)))
      return { ok: false as const, error: 'rooms.error.alreadyMember' as const };
    await tx.db
      .updateTable('room_invitations')
      .set({ status: 'accepted', answered_at: now })
      .where('room_id', '=', room.row.id)
      .where('user_id', '=', actor.id)
      .where('status', '=', 'pending')
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'room.join',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Joined the room "${room.row.name}"${room.invitationId ? ' by invitation' : ''}`,
      details: { room: room.row.name, invitation: room.invitationId },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

async function removeMemberRow(tx: Database, room: LoadedRoom, userId: string): Promise<void> {
  const removed = await tx.db
    .deleteFrom('room_members')
    .where('room_id', '=', room.row.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  // Only a row that was there counts: a double click, or a leave racing a removal, deletes nothing.
  if (Number(removed.numDeletedRows) > 0)
    await tx.db
      .updateTable('rooms')
      .set({ member_count: sql`member_count - 1` })
      .where('id', '=', room.row.id)
      .execute();
  // Someone outside a closed room hears nothing more from it.
  if (room.row.visibility === 'closed')
    await tx.db.deleteFrom('room_follows').where('room_id', '=', room.row.id).where('user_id', '=', userId).execute();
}

/** Leaves the room. The last owner cannot leave: they hand over ownership or archive the room. */
export async function leaveRoom(
  database: Database,
  room: LoadedRoom,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  if (!room.membership) return { ok: false, error: 'rooms.error.notMember' };
  return writeTransaction(database, async (tx) => {
    if (room.membership!.role === 'owner' && (await ownerCount(tx, room.row.id)) <= 1)
      return { ok: false as const, error: 'rooms.error.lastOwner' as const };
    await removeMemberRow(tx, room, actor.id);
    await appendAudit(tx, {
      actor,
      action: 'room.leave',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Left the room "${room.row.name}"`,
      details: { room: room.row.name },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/**
 * A colleague by user name (with or without @), or by full name when exactly one active
 * colleague has it (people know each other's names better than their user names).
 */
async function findColleague(database: Database, input: string) {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return undefined;
  const columns = ['id', 'username', 'display_name'] as const;
  const byUsername = await database.db
    .selectFrom('users')
    .select(columns)
    .where('username', '=', text.replace(/^@/, '').toLowerCase())
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (byUsername) return byUsername;
  const byName = await database.db
    .selectFrom('users')
    .select(columns)
    // As typed, or in other case (SQLite's lower() folds only A–Z, so "Ørum" is matched as typed).
    .where((eb) =>
      eb.or([eb('display_name', '=', text), eb(eb.fn('lower', ['display_name']), '=', text.toLowerCase())]),
    )
    .where('is_active', '=', 1)
    .limit(2)
    .execute();
  return byName.length === 1 ? byName[0] : undefined;
}

/** Invites a colleague (user name or full name); they are notified and may then join (also a closed room). */
export async function invite(
  database: Database,
  room: LoadedRoom,
  username: string,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; name: string } | { ok: false; error: MessageKey }> {
  if (!room.rights.invite) return { ok: false, error: 'rooms.error.cannotInvite' };
  if (!username.trim()) return { ok: false, error: 'rooms.error.inviteEmpty' };
  const invitee = await findColleague(database, username);
  if (!invitee) return { ok: false, error: 'rooms.error.inviteUnknown' };
  return writeTransaction(database, async (tx) => {
    const member = await tx.db
      .selectFrom('room_members')
      .select('user_id')
      .where('room_id', '=', room.row.id)
      .where('user_id', '=', invitee.id)
      .executeTakeFirst();
    if (member) return { ok: false as const, error: 'rooms.error.inviteMember' as const };
    const pending = await tx.db
      .selectFrom('room_invitations')
      .select('id')
      .where('room_id', '=', room.row.id)
      .where('user_id', '=', invitee.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) return { ok: false as const, error: 'rooms.error.invitePending' as const };
    const { id } = await tx.db
      .insertInto('room_invitations')
      .values({
        room_id: room.row.id,
        user_id: invitee.id,
        invited_by: actor.id,
        status: 'pending',
        created_at: nowIso(),
        answered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'room.invite',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Invited ${invitee.display_name} to the room "${room.row.name}"`,
      details: { room: room.row.name, name: invitee.display_name, username: invitee.username },
      ip: opts.ip ?? null,
    });
    await notifyInvitation(tx, room.row, id, invitee.id, actor);
    return { ok: true as const, name: invitee.display_name };
  });
}

/** The invitee declines, or an owner withdraws the invitation. */
export async function closeInvitation(
  database: Database,
  room: LoadedRoom,
  invitationId: number,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<Result> {
  const inv = await database.db
    .selectFrom('room_invitations')
    .innerJoin('users', 'users.id', 'room_invitations.user_id')
    .select(['room_invitations.id', 'room_invitations.user_id', 'users.display_name'])
    .where('room_invitations.id', '=', invitationId)
    .where('room_invitations.room_id', '=', room.row.id)
    .where('room_invitations.status', '=', 'pending')
    .executeTakeFirst();
  if (!inv) return { ok: false, error: 'rooms.error.invitationGone' };
  const own = inv.user_id === actor.id;
  if (!own && !room.rights.own) return { ok: false, error: 'rooms.error.cannotInvite' };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('room_invitations')
      .set({ status: own ? 'declined' : 'withdrawn', answered_at: nowIso() })
      .where('id', '=', inv.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: own ? 'room.invitation.decline' : 'room.invitation.withdraw',
      entityType: 'room',
      entityId: room.row.id,
      summary: own
        ? `Declined the invitation to the room "${room.row.name}"`
        : `Withdrew ${inv.display_name}'s invitation to the room "${room.row.name}"`,
      details: { room: room.row.name, name: inv.display_name },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}

/**
 * Asks the owners of a closed room for access. The answer to the asker is the same whether the
 * room exists or not (and whatever happened), so the request reveals nothing about closed rooms
 * to outsiders; only a real, closed, live room the user is not in records a request.
 */
export async function requestAccess(
  database: Database,
  user: Pick<Actor, 'id'> & { name: string },
  roomId: number | string,
  message: string,
  opts: { ip?: string | null } = {},
): Promise<void> {
  const id = toId(roomId);
  if (id === null) return;
  const text = message.replace(/\r\n/g, '\n').trim().slice(0, REQUEST_MAX);
  await writeTransaction(database, async (tx) => {
    const room = await tx.db
      .selectFrom('rooms')
      .select(['id', 'name', 'visibility', 'archived_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!room || room.visibility !== 'closed' || room.archived_at) return;
    const member = await tx.db
      .selectFrom('room_members')
      .select('user_id')
      .where('room_id', '=', id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (member) return;
    const pending = await tx.db
      .selectFrom('room_requests')
      .select('id')
      .where('room_id', '=', id)
      .where('user_id', '=', user.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) return;
    const { id: requestId } = await tx.db
      .insertInto('room_requests')
      .values({
        room_id: id,
        user_id: user.id,
        message: text,
        status: 'pending',
        created_at: nowIso(),
        decided_at: null,
        decided_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: { id: user.id, name: user.name },
      action: 'room.request',
      entityType: 'room',
      entityId: id,
      summary: `Asked for access to the room "${room.name}"`,
      details: { room: room.name },
      ip: opts.ip ?? null,
    });
    await notifyRequest(tx, room, requestId, user);
  });
}

/** An owner approves (the requester becomes a member) or rejects a pending request. */
export async function decideRequest(
  database: Database,
  room: LoadedRoom,
  requestId: number,
  approve: boolean,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; name: string } | { ok: false; error: MessageKey }> {
  if (!room.rights.own) return { ok: false, error: 'rooms.error.ownersOnly' };
  if (approve && room.row.archived_at) return { ok: false, error: 'rooms.error.archived' };
  return writeTransaction(database, async (tx) => {
    const req = await tx.db
      .selectFrom('room_requests')
      .innerJoin('users', 'users.id', 'room_requests.user_id')
      .select(['room_requests.id', 'room_requests.user_id', 'users.display_name'])
      .where('room_requests.id', '=', requestId)
      .where('room_requests.room_id', '=', room.row.id)
      .where('room_requests.status', '=', 'pending')
      .executeTakeFirst();
    if (!req) return { ok: false as const, error: 'rooms.error.requestGone' as const };
    const now = nowIso();
    await tx.db
      .updateTable('room_requests')
      .set({ status: approve ? 'approved' : 'rejected', decided_at: now, decided_by: actor.id })
      .where('id', '=', req.id)
      .execute();
    if (approve) await addMember(tx, room.row.id, req.user_id, 'member', now);
    await appendAudit(tx, {
      actor,
      action: approve ? 'room.request.approve' : 'room.request.reject',
      entityType: 'room',
      entityId: room.row.id,
      summary: `${approve ? 'Approved' : 'Rejected'} ${req.display_name}'s request for access to the room "${room.row.name}"`,
      details: { room: room.row.name, name: req.display_name },
      ip: opts.ip ?? null,
    });
    if (approve) await notifyApproved(tx, room.row, req.id, req.user_id, actor);
    return { ok: true as const, name: req.display_name };
  });
}

/** Owners make members owners and owners members; the last owner stays an owner. */
export async function setRole(
  database: Database,
  room: LoadedRoom,
  userId: string,
  role: RoomRole,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; name: string } | { ok: false; error: MessageKey }> {
  if (!room.rights.own) return { ok: false, error: 'rooms.error.ownersOnly' };
  return writeTransaction(database, async (tx) => {
    const m = await tx.db
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .select(['room_members.role', 'users.display_name'])
      .where('room_members.room_id', '=', room.row.id)
      .where('room_members.user_id', '=', userId)
      .executeTakeFirst();
    if (!m) return { ok: false as const, error: 'rooms.error.notMember' as const };
    if (m.role === role) return { ok: true as const, name: m.display_name };
    if (role === 'member' && (await ownerCount(tx, room.row.id)) <= 1)
      return { ok: false as const, error: 'rooms.error.lastOwner' as const };
    await tx.db
      .updateTable('room_members')
      .set({ role })
      .where('room_id', '=', room.row.id)
      .where('user_id', '=', userId)
      .execute();
    await appendAudit(tx, {
      actor,
      action: role === 'owner' ? 'room.owner.add' : 'room.owner.remove',
      entityType: 'room',
      entityId: room.row.id,
      summary: `${role === 'owner' ? 'Made' : 'No longer made'} ${m.display_name} an owner of the room "${room.row.name}"`,
      details: { room: room.row.name, name: m.display_name },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, name: m.display_name };
  });
}

/** An owner removes a member (not themselves: they leave; not the last owner). */
export async function removeMember(
  database: Database,
  room: LoadedRoom,
  userId: string,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; name: string } | { ok: false; error: MessageKey }> {
  if (!room.rights.own) return { ok: false, error: 'rooms.error.ownersOnly' };
  if (userId === actor.id) return { ok: false, error: 'rooms.error.removeSelf' };
  return writeTransaction(database, async (tx) => {
    const m = await tx.db
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .select(['room_members.role', 'users.display_name'])
      .where('room_members.room_id', '=', room.row.id)
      .where('room_members.user_id', '=', userId)
      .executeTakeFirst();
    if (!m) return { ok: false as const, error: 'rooms.error.notMember' as const };
    if (m.role === 'owner' && (await ownerCount(tx, room.row.id)) <= 1)
      return { ok: false as const, error: 'rooms.error.lastOwner' as const };
    await removeMemberRow(tx, room, userId);
    await appendAudit(tx, {
      actor,
      action: 'room.remove',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Removed ${m.display_name} from the room "${room.row.name}"`,
      details: { room: room.row.name, name: m.display_name },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, name: m.display_name };
  });
}

/** The member's notification level in this room. */
export async function setLevel(
  database: Database,
  room: LoadedRoom,
  level: string,
  user: Pick<Actor, 'id'>,
): Promise<Result> {
  if (!room.membership) return { ok: false, error: 'rooms.error.notMember' };
  if (!(LEVELS as readonly string[]).includes(level)) return { ok: false, error: 'rooms.error.level' };
  await database.db
    .updateTable('room_members')
    .set({ level: level as RoomLevel })
    .where('room_id', '=', room.row.id)
    .where('user_id', '=', user.id)
    .execute();
  return { ok: true };
}

/** Follows the room ('room') or a thread ('thread:<id>'); anyone who may read the room may. */
export async function follow(
  database: Database,
  roomId: number,
  userId: string,
  threadId: number | null,
): Promise<void> {
  await database.db
    .insertInto('room_follows')
    .values({
      user_id: userId,
      room_id: roomId,
      target: threadId === null ? 'room' : `thread:${threadId}`,
      thread_id: threadId,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['user_id', 'room_id', 'target']).doNothing())
    .execute();
}

export async function unfollow(
  database: Database,
  roomId: number,
  userId: string,
  threadId: number | null,
): Promise<void> {
  await database.db
    .deleteFrom('room_follows')
    .where('user_id', '=', userId)
    .where('room_id', '=', roomId)
    .where('target', '=', threadId === null ? 'room' : `thread:${threadId}`)
    .execute();
}

export async function isFollowing(
  database: Database,
  roomId: number,
  userId: string,
  threadId: number | null,
): Promise<boolean> {
  const row = await database.db
    .selectFrom('room_follows')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('room_id', '=', roomId)
    .where('target', '=', threadId === null ? 'room' : `thread:${threadId}`)
    .executeTakeFirst();
  return !!row;
}

export interface PendingRequest {
  id: number;
  userId: string;
  name: string;
  unitName: string | null;
  message: string;
  createdAt: string;
}

/** How many access requests wait for an owner (the room's front page shows the number). */
export async function pendingRequestCount(database: Database, roomId: number): Promise<number> {
  const row = await database.db
    .selectFrom('room_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room_id', '=', roomId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function pendingRequests(database: Database, roomId: number): Promise<PendingRequest[]> {
  const rows = await database.db
    .selectFrom('room_requests')
    .innerJoin('users', 'users.id', 'room_requests.user_id')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'room_requests.id',
      'room_requests.user_id',
      'users.display_name',
      'org_units.name as unit_name',
      'room_requests.message',
      'room_requests.created_at',
    ])
    .where('room_requests.room_id', '=', roomId)
    .where('room_requests.status', '=', 'pending')
    .orderBy('room_requests.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.display_name,
    unitName: r.unit_name,
    message: r.message,
    createdAt: r.created_at,
  }));
}

export interface PendingInvitation {
  id: number;
  roomId: number;
  roomName: string;
  roomPurpose: string;
  userId: string;
  name: string;
  invitedBy: string | null;
  createdAt: string;
}

function invitationQuery(database: Database) {
  return database.db
    .selectFrom('room_invitations')
    .innerJoin('rooms', 'rooms.id', 'room_invitations.room_id')
    .innerJoin('users as invitee', 'invitee.id', 'room_invitations.user_id')
    .leftJoin('users as inviter', 'inviter.id', 'room_invitations.invited_by')
    .select([
      'room_invitations.id',
      'room_invitations.room_id',
      'rooms.name as room_name',
      'rooms.purpose as room_purpose',
      'room_invitations.user_id',
      'invitee.display_name as name',
      'inviter.display_name as invited_by',
      'room_invitations.created_at',
    ])
    .where('room_invitations.status', '=', 'pending')
    .where('rooms.archived_at', 'is', null);
}

const toInvitation = (r: {
  id: number;
  room_id: number;
  room_name: string;
  room_purpose: string;
  user_id: string;
  name: string;
  invited_by: string | null;
  created_at: string;
}): PendingInvitation => ({
  id: r.id,
  roomId: r.room_id,
  roomName: r.room_name,
  roomPurpose: r.room_purpose,
  userId: r.user_id,
  name: r.name,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
});

/** Invitations waiting for this user (they may see those rooms' names: they were invited). */
export async function myInvitations(database: Database, userId: string): Promise<PendingInvitation[]> {
  const rows = await invitationQuery(database)
    .where('room_invitations.user_id', '=', userId)
    .orderBy('room_invitations.id', 'desc')
    .limit(50)
    .execute();
  return rows.map(toInvitation);
}

export async function roomInvitations(database: Database, roomId: number): Promise<PendingInvitation[]> {
  const rows = await invitationQuery(database)
    .where('room_invitations.room_id', '=', roomId)
    .orderBy('room_invitations.id')
    .limit(200)
    .execute();
  return rows.map(toInvitation);
}
