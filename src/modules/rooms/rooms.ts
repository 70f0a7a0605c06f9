import { sql } from 'kysely';
import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { RoomLevel, RoomRole, RoomVisibility } from '../../db/schema/rooms.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Actor } from '../../policy/index.ts';
import { visibleRooms } from '../../policy/index.ts';
import { toId, type LoadedRoom, type RoomActor, type RoomRow } from './access.ts';

/**
 * Rooms themselves: create, change, archive and restore; the lists (my rooms, open rooms to join,
 * a person's rooms as the viewer may see them) and the latest activity across one's rooms.
 */

export const VISIBILITIES: readonly RoomVisibility[] = ['open', 'closed'];
export const NAME_MAX = 120;
export const PURPOSE_MAX = 2000;
/** Quiet by default: a new member hears about mentions (and threads they follow) only. */
export const DEFAULT_LEVEL: RoomLevel = 'mentions';

export interface RoomInput {
  name: string;
  purpose: string;
  visibility: string;
}

export type RoomErrors = Partial<Record<keyof RoomInput, MessageKey>>;

const clean = (s: string | undefined) => (s ?? '').replace(/\r\n/g, '\n').trim();

export function validateRoom(input: RoomInput): RoomErrors {
  const errors: RoomErrors = {};
  const name = clean(input.name);
  if (!name) errors.name = 'rooms.error.name';
  else if (name.length > NAME_MAX) errors.name = 'rooms.error.nameLong';
  const purpose = clean(input.purpose);
  if (!purpose) errors.purpose = 'rooms.error.purpose';
  else if (purpose.length > PURPOSE_MAX) errors.purpose = 'rooms.error.purposeLong';
  if (!(VISIBILITIES as readonly string[]).includes(input.visibility)) errors.visibility = 'rooms.error.visibility';
  return errors;
}

export async function createRoom(
  database: Database,
  input: RoomInput,
  actor: RoomActor,
  opts: { ip?: string | null; now?: string } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: RoomErrors }> {
  const errors = validateRoom(input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const name = clean(input.name);
  const visibility = input.visibility as RoomVisibility;
  return writeTransaction(database, async (tx) => {
    const now = opts.now ?? nowIso();
    const { id } = await tx.db
      .insertInto('rooms')
      .values({
        name,
        purpose: clean(input.purpose),
        visibility,
        member_count: 1,
        thread_count: 0,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        last_activity_at: now,
        archived_at: null,
        archived_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('room_members')
      .values({ room_id: id, user_id: actor.id, role: 'owner', level: DEFAULT_LEVEL, joined_at: now })
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'room.create',
      entityType: 'room',
      entityId: id,
      summary: `Created the ${visibility} room "${name}"`,
      details: { room: name, visibility },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id };
  });
}

export async function updateRoom(
  database: Database,
  room: LoadedRoom,
  input: RoomInput,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; changed: string[] } | { ok: false; errors: RoomErrors }> {
  const errors = validateRoom(input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const after = {
    name: clean(input.name),
    purpose: clean(input.purpose),
    visibility: input.visibility as RoomVisibility,
  };
  const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => room.row[k] !== after[k]);
  if (!changed.length) return { ok: true, changed };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('rooms')
      .set({ ...after, updated_at: nowIso() })
      .where('id', '=', room.row.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'room.update',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Changed ${changed.join(', ')} of the room "${after.name}"`,
      details: { room: after.name, fields: changed.join(', '), visibility: after.visibility },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, changed };
}

/** Archiving makes a room read-only (nothing is deleted); restoring opens it again. */
export async function setArchived(
  database: Database,
  room: LoadedRoom,
  archived: boolean,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<boolean> {
  if (!!room.row.archived_at === archived) return false;
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    await tx.db
      .updateTable('rooms')
      .set({ archived_at: archived ? now : null, archived_by: archived ? actor.id : null, updated_at: now })
      .where('id', '=', room.row.id)
      .execute();
    // Pending invitations and requests lapse with the room.
    if (archived) {
      await tx.db
        .updateTable('room_invitations')
        .set({ status: 'withdrawn', answered_at: now })
        .where('room_id', '=', room.row.id)
        .where('status', '=', 'pending')
        .execute();
      await tx.db
        .updateTable('room_requests')
        .set({ status: 'rejected', decided_at: now, decided_by: actor.id })
        .where('room_id', '=', room.row.id)
        .where('status', '=', 'pending')
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: archived ? 'room.archive' : 'room.restore',
      entityType: 'room',
      entityId: room.row.id,
      summary: `${archived ? 'Archived' : 'Restored'} the room "${room.row.name}"`,
      details: { room: room.row.name },
      ip: opts.ip ?? null,
    });
  });
  return true;
}

export interface RoomSummary {
  id: number;
  name: string;
  purpose: string;
  visibility: RoomVisibility;
  archived: boolean;
  memberCount: number;
  threadCount: number;
  lastActivityAt: string;
  /** The viewer's role, when they are a member. */
  role: RoomRole | null;
}

type SummaryRow = Pick<
  RoomRow,
  'id' | 'name' | 'purpose' | 'visibility' | 'archived_at' | 'member_count' | 'thread_count' | 'last_activity_at'
> & { role?: RoomRole | null };

const SUMMARY_COLUMNS = [
  'rooms.id',
  'rooms.name',
  'rooms.purpose',
  'rooms.visibility',
  'rooms.archived_at',
  'rooms.member_count',
  'rooms.thread_count',
  'rooms.last_activity_at',
] as const;

function toSummary(r: SummaryRow): RoomSummary {
  return {
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    visibility: r.visibility,
    archived: r.archived_at !== null,
    memberCount: r.member_count,
    threadCount: r.thread_count,
    lastActivityAt: r.last_activity_at,
    role: r.role ?? null,
  };
}

export interface Cursor {
  at: string;
  id: number;
}

export function parseCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const i = raw.lastIndexOf('|');
  const id = toId(raw.slice(i + 1));
  const at = raw.slice(0, i);
  if (i <= 0 || id === null || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at)) return null;
  return { at, id };
}

export const cursorParam = (c: Cursor) => `${c.at}|${c.id}`;

/** The live rooms the user is a member of, most recently active first, keyset-paged. */
export async function myRooms(
  database: Database,
  user: Pick<Actor, 'id'>,
  opts: { after?: Cursor | null; limit?: number } = {},
): Promise<{ items: RoomSummary[]; next: Cursor | null }> {
  const limit = opts.limit ?? 24;
  let q = database.db
    .selectFrom('room_members')
    .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
    .select([...SUMMARY_COLUMNS, 'room_members.role'])
    .where('room_members.user_id', '=', user.id)
    .where('rooms.archived_at', 'is', null);
  const after = opts.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('rooms.last_activity_at', '<', after.at),
        eb.and([eb('rooms.last_activity_at', '=', after.at), eb('rooms.id', '<', after.id)]),
      ]),
    );
  const rows = await q
    .orderBy('rooms.last_activity_at', 'desc')
    .orderBy('rooms.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { at: last.lastActivityAt, id: last.id } : null };
}

/** Open rooms the user is not a member of (to join), keyset-paged by last activity. */
export async function openRooms(
  database: Database,
  user: Pick<Actor, 'id'>,
  opts: { after?: Cursor | null; limit?: number } = {},
): Promise<{ items: RoomSummary[]; next: Cursor | null }> {
  const limit = opts.limit ?? 20;
  let q = database.db
    .selectFrom('rooms')
    .select([...SUMMARY_COLUMNS])
    .where('rooms.visibility', '=', 'open')
    .where('rooms.archived_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('room_members')
            .select('room_members.room_id')
            .whereRef('room_members.room_id', '=', 'rooms.id')
            .where('room_members.user_id', '=', user.id),
        ),
      ),
    );
  const after = opts.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('rooms.last_activity_at', '<', after.at),
        eb.and([eb('rooms.last_activity_at', '=', after.at), eb('rooms.id', '<', after.id)]),
      ]),
    );
  const rows = await q
    .orderBy('rooms.last_activity_at', 'desc')
    .orderBy('rooms.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { at: last.lastActivityAt, id: last.id } : null };
}

/** Archived rooms the user may see (members' and open ones). */
export async function archivedRooms(database: Database, user: Pick<Actor, 'id'>, limit = 100): Promise<RoomSummary[]> {
  const rows = await database.db
    .selectFrom('rooms')
    .select([...SUMMARY_COLUMNS])
    .where('rooms.archived_at', 'is not', null)
    .where(visibleRooms(user))
    .orderBy('rooms.archived_at', 'desc')
    .orderBy('rooms.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

/**
 * The rooms a person is a member of, as the viewer may see them (open rooms, and closed rooms
 * the viewer is in too): for profiles, and (with the viewer as the person) for the front page.
 */
export async function roomsForUser(
  database: Database,
  viewer: Pick<Actor, 'id'>,
  limit = 10,
  memberId: string = viewer.id,
): Promise<RoomSummary[]> {
  const rows = await database.db
    .selectFrom('room_members')
    .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
    .select([...SUMMARY_COLUMNS, 'room_members.role'])
    .where('room_members.user_id', '=', memberId)
    .where('rooms.archived_at', 'is', null)
    .where(visibleRooms(viewer))
    .orderBy('rooms.last_activity_at', 'desc')
    .orderBy('rooms.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

export interface ActivityItem {
  postId: number;
  roomId: number;
  roomName: string;
  threadId: number;
  threadTitle: string;
  isFirst: boolean;
  authorName: string | null;
  excerpt: string;
  createdAt: string;
}

const excerptOf = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
};

/**
 * The latest posts in the user's rooms (or in one room): what the front page and the room's
 * front page show. Hidden posts and threads are left out.
 */
export async function latestActivity(
  database: Database,
  user: Pick<Actor, 'id'>,
  opts: { roomId?: number; limit?: number } = {},
): Promise<ActivityItem[]> {
  const limit = opts.limit ?? 8;
  let roomIds: number[];
  if (opts.roomId !== undefined) roomIds = [opts.roomId];
  else {
    // The most recently active of the user's rooms hold the latest posts.
    const rooms = await database.db
      .selectFrom('room_members')
      .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
      .select('rooms.id')
      .where('room_members.user_id', '=', user.id)
      .where('rooms.archived_at', 'is', null)
      .orderBy('rooms.last_activity_at', 'desc')
      .limit(limit)
      .execute();
    roomIds = rooms.map((r) => r.id);
  }
  if (!roomIds.length) return [];
  const details = () =>
    database.db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .innerJoin('rooms', 'rooms.id', 'posts.room_id')
      .leftJoin('users', 'users.id', 'posts.author_id')
      .select([
        'posts.id',
        'posts.room_id',
        'rooms.name as room_name',
        'posts.thread_id',
        'threads.title as thread_title',
        'posts.is_first',
        'users.display_name',
        (eb) => eb.fn<string>('substr', ['posts.body_text', eb.val(1), eb.val(400)]).as('text'),
        'posts.created_at',
      ]);
  let rows: Awaited<ReturnType<ReturnType<typeof details>['execute']>>;
  if (roomIds.length === 1) {
    rows = await details()
      .where('posts.room_id', '=', roomIds[0]!)
      .where('posts.hidden', '=', 0)
      .where('threads.hidden', '=', 0)
      .orderBy('posts.id', 'desc')
      .limit(limit)
      .execute();
  } else {
    // The newest posts of each room (by id, on the posts_room index) in one statement, then the
    // newest of those by time: ids follow time within a room, not necessarily across rooms
    // (imported or seeded rooms).
    const newest = roomIds.map(
      (roomId, i) =>
        sql`select * from (select p.id, p.created_at from posts p join threads t on t.id = p.thread_id
          where p.room_id = ${roomId} and p.hidden = 0 and t.hidden = 0 order by p.id desc limit ${limit}) ${sql.raw(`n${i}`)}`,
    );
    const candidates = (
      await sql<{ id: number; created_at: string }>`${sql.join(newest, sql` union all `)}`.execute(database.db)
    ).rows;
    const chosen = candidates
      .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id))
      .slice(0, limit)
      .map((c) => c.id);
    if (!chosen.length) return [];
    const byId = new Map((await details().where('posts.id', 'in', chosen).execute()).map((r) => [r.id, r]));
    rows = chosen.map((id) => byId.get(id)).filter((r) => r !== undefined);
  }
  return rows.map((r) => ({
    postId: r.id,
    roomId: r.room_id,
    roomName: r.room_name,
    threadId: r.thread_id,
    threadTitle: r.thread_title,
    isFirst: !!r.is_first,
    authorName: r.display_name,
    excerpt: excerptOf(r.text),
    createdAt: r.created_at,
  }));
}

export interface MemberView {
  userId: string;
  username: string;
  name: string;
  title: string | null;
  unitName: string | null;
  role: RoomRole;
  joinedAt: string;
}

export async function listMembers(database: Database, roomId: number, limit = 1000): Promise<MemberView[]> {
  const rows = await database.db
    .selectFrom('room_members')
    .innerJoin('users', 'users.id', 'room_members.user_id')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.title',
      'org_units.name as unit_name',
      'room_members.role',
      'room_members.joined_at',
    ])
    .where('room_members.room_id', '=', roomId)
    // Owners first, then by name.
    .orderBy((eb) => eb.case().when('room_members.role', '=', 'owner').then(0).else(1).end())
    .orderBy('users.display_name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    username: r.username,
    name: r.display_name,
    title: r.title,
    unitName: r.unit_name,
    role: r.role,
    joinedAt: r.joined_at,
  }));
}

/** Records activity in the room (new thread, reply, file), which orders the room lists. */
export async function touchRoom(tx: Database, roomId: number, at: string): Promise<void> {
  await tx.db.updateTable('rooms').set({ last_activity_at: at }).where('id', '=', roomId).execute();
}
