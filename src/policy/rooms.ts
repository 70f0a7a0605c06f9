import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RoomLevel, RoomRole, RoomTable } from '../db/schema/rooms.ts';
import type { Actor } from './index.ts';

/**
 * Who may do what in a room (DESIGN.md, Access), with the same rule in SQL for lists and search
 * (`visibleRooms`, `visibleRoomsSql`). The rooms module loads a room and its membership and asks
 * `roomRights` (src/modules/rooms/access.ts).
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

/** The rule, for one room and one user. */
export function roomRights(
  row: Pick<RoomTable, 'visibility' | 'archived_at'>,
  membership: Membership | null,
  invited = false,
): RoomRights {
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
      eb.exists(
        eb
          .selectFrom('room_members')
          .select('room_members.room_id')
          .whereRef('room_members.room_id', '=', 'rooms.id')
          .where('room_members.user_id', '=', user.id),
      ),
    ]);
}

/** The same rule as raw SQL over a rooms alias (for the search queries). */
export function visibleRoomsSql(user: Pick<Actor, 'id'>, alias = 'r'): RawBuilder<unknown> {
  const r = sql.ref(alias);
  return sql`(${r}.visibility = 'open' or exists (select 1 from room_members vm where vm.room_id = ${r}.id and vm.user_id = ${user.id}))`;
}
