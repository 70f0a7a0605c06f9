import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { containsText } from '../../db/sql.ts';
import type { Actor } from '../../policy/index.ts';
import { formsPattern, ftsQuery, markAll, queryWords, snippetOf, tsQuery } from '../../search/text.ts';
import { visibleRoomsSql } from '../../policy/index.ts';
import type { LoadedRoom } from './access.ts';

/**
 * Search in posts, within one room or across every room the user may see, behind one interface:
 * FTS5 on SQLite, tsvector 'danish' on PostgreSQL (the words, forms and snippets of the case
 * search). What the user may not see never leaves the database: the room rule (visibleRoomsSql)
 * is part of the query, and hidden posts and threads are left out for everyone (owners find them
 * through the room's moderation list, not through search).
 *
 * On SQLite, ranking by bm25 is cheap only for small match sets (see cases/search.ts): a query
 * with fewer than WINDOW matches is ranked, a larger one is shown newest first, read from the
 * index in rowid order. Search in one room of modest size reads the room's posts instead (see
 * below). On PostgreSQL, the newest RANK_WINDOW matches are ranked by ts_rank.
 */

const WINDOW = 500;
/** PostgreSQL: how many of the newest matches are ranked. */
const RANK_WINDOW = 2000;
/** A room with at most this many posts is searched by reading its posts (SQLite). */
const SMALL_ROOM = 2000;

async function smallRoom(database: Database, roomId: number): Promise<boolean> {
  const row = await sql<{
    n: number;
  }>`select count(*) as n from (select 1 from posts where room_id = ${roomId} limit ${SMALL_ROOM + 1}) x`.execute(
    database.db,
  );
  return Number(row.rows[0]?.n ?? 0) <= SMALL_ROOM;
}

export interface PostHit {
  roomId: number;
  roomName: string;
  threadId: number;
  threadTitle: string;
  postId: number;
  isFirst: boolean;
  authorName: string | null;
  createdAt: string;
  /** The thread title with matches marked (control characters; see highlightParts). */
  title: string;
  snippet: string;
}

export interface RoomSearchResult {
  hits: PostHit[];
  more: boolean;
}

type Row = {
  id: number;
  room_id: number;
  room_name: string;
  thread_id: number;
  thread_title: string;
  is_first: number;
  author_name: string | null;
  created_at: string;
  body_text: string;
};

export async function searchPosts(
  database: Database,
  user: Pick<Actor, 'id'>,
  q: string,
  opts: { room?: LoadedRoom; limit?: number } = {},
): Promise<RoomSearchResult> {
  const limit = opts.limit ?? 20;
  const words = queryWords(q.trim().slice(0, 200));
  if (!words.length) return { hits: [], more: false };
  // One room: the loader has already applied the rule; across rooms: the rule in SQL.
  const scope = opts.room ? sql`p.room_id = ${opts.room.row.id}` : visibleRoomsSql(user, 'r');
  const select = sql`p.id, p.room_id, r.name as room_name, p.thread_id, t.title as thread_title, p.is_first, u.display_name as author_name, p.created_at, substr(p.body_text, 1, 20000) as body_text`;
  const joins = sql`join threads t on t.id = p.thread_id join rooms r on r.id = p.room_id left join users u on u.id = p.author_id`;
  const where = sql`p.hidden = 0 and t.hidden = 0 and ${scope}`;
  let rows: Row[];
  if (database.dialect === 'sqlite' && opts.room && (await smallRoom(database, opts.room.row.id))) {
    // One room of modest size: its posts are read newest first and matched here with the same
    // word forms as the index. Measured at 200,000 posts: about 1 ms for a room of 300 posts,
    // where asking the index for a common word's matches and keeping the room's costs 200 ms.
    const all = await sql<Row & { post_title: string; full_text: string }>`
      select ${select}, p.title as post_title, p.body_text as full_text
      from posts p ${joins}
      where p.room_id = ${opts.room.row.id} and p.hidden = 0 and t.hidden = 0
      order by p.id desc`.execute(database.db);
    const patterns = words.map((w) => formsPattern([w]));
    const hit = (text: string, re: RegExp) => {
      re.lastIndex = 0;
      return re.test(text);
    };
    rows = [];
    for (const r of all.rows) {
      if (patterns.every((re) => hit(r.post_title, re) || hit(r.full_text, re))) rows.push(r);
      if (rows.length > limit) break;
    }
  } else if (database.dialect === 'sqlite') {
    const match = ftsQuery(words);
    // Fewer than WINDOW matches in all: rank them by bm25 (cheap for so few).
    const edge = await sql<{
      rowid: number;
    }>`select rowid from posts_fts where posts_fts match ${match} order by rowid desc limit 1 offset ${WINDOW - 1}`.execute(
      database.db,
    );
    if (!edge.rows.length) {
      rows = (
        await sql<Row>`
          select ${select}
          from posts_fts join posts p on p.id = posts_fts.rowid ${joins}
          where posts_fts match ${match} and ${where}
          order by bm25(posts_fts, 4.0, 1.0), posts_fts.rowid desc
          limit ${limit + 1}`.execute(database.db)
      ).rows;
    } else {
      // Many matches: newest first, read from the index in rowid order (it stops at the limit).
      rows = (
        await sql<Row>`
          select ${select}
          from posts_fts join posts p on p.id = posts_fts.rowid ${joins}
          where posts_fts match ${match} and ${where}
          order by posts_fts.rowid desc
          limit ${limit + 1}`.execute(database.db)
      ).rows;
    }
  } else {
    // Ranked among the newest matches the user may see (ts_rank reads every row it ranks).
    const result = await sql<Row>`
      with q as (select to_tsquery('danish', ${tsQuery(words)}) as query),
      candidates as (
        select p.id, ts_rank(p.tsv, q.query) as rank
        from posts p ${joins}, q
        where p.tsv @@ q.query and ${where}
        order by p.id desc
        limit ${RANK_WINDOW}
      )
      select ${select}
      from candidates c join posts p on p.id = c.id ${joins}
      order by c.rank desc, p.id desc
      limit ${limit + 1}`.execute(database.db);
    rows = result.rows;
  }
  const pattern = formsPattern(words);
  const hits = rows.slice(0, limit).map((r) => ({
    roomId: r.room_id,
    roomName: r.room_name,
    threadId: r.thread_id,
    threadTitle: r.thread_title,
    postId: r.id,
    isFirst: !!r.is_first,
    authorName: r.author_name,
    createdAt: r.created_at,
    title: markAll(r.thread_title, pattern),
    snippet: snippetOf(r.body_text, pattern, 24),
  }));
  return { hits, more: rows.length > limit };
}

export interface RoomNameHit {
  id: number;
  name: string;
  purpose: string;
  visibility: 'open' | 'closed';
  archived: boolean;
}

/** Rooms whose name holds every word of the query, among the rooms the user may see. */
export async function searchRoomNames(
  database: Database,
  user: Pick<Actor, 'id'>,
  q: string,
  limit = 10,
): Promise<RoomNameHit[]> {
  const words = queryWords(q.trim().slice(0, 200)).slice(0, 5);
  if (!words.length) return [];
  const conditions = words.map((w) => containsText('r.name', w));
  const result = await sql<{
    id: number;
    name: string;
    purpose: string;
    visibility: 'open' | 'closed';
    archived_at: string | null;
  }>`
    select r.id, r.name, r.purpose, r.visibility, r.archived_at from rooms r
    where ${sql.join(conditions, sql` and `)} and ${visibleRoomsSql(user, 'r')}
    order by r.archived_at is not null, r.last_activity_at desc, r.id desc
    limit ${limit}`.execute(database.db);
  return result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    visibility: r.visibility,
    archived: r.archived_at !== null,
  }));
}
