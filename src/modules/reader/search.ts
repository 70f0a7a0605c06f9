import { sql, type Generated, type Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../policy/index.ts';
import { can } from '../../policy/index.ts';
import { danishForms, formsPattern, ftsQuery, markAll, queryWords, snippetOf, tsQuery } from '../../search/text.ts';
import {
  closuresOfMeetings,
  mayReadItem,
  redactSnapshot,
  viewerFor,
  type MeetingViewer,
  type PublishedSnapshot,
  type SnapshotItem,
} from '../publication/index.ts';

/**
 * Search across every published agenda and minutes the reader may see (/reader/search).
 *
 * The index (`reader_search`, migrations/2026-11-26-0013-meetings-reader.ts) holds one row per
 * item of the latest published agenda and the latest minutes of each meeting, closed items
 * included (members search them). It is brought up to date from `published_versions` (an
 * append-only table) before each search: a version not yet in `reader_search_versions` is indexed,
 * so nothing else has to remember to call us when something is published.
 *
 * No closed content leaves this module for someone who may not read it: the SQL drops closed rows
 * unless the searcher could be a member (secretariat, or on the committee), and every remaining
 * hit is then checked against its snapshot through `redactSnapshot`/`mayReadItem` with the
 * meeting's closures (an item open in the latest agenda but closed in the minutes is closed in
 * both), and its snippet is made from the redacted item only.
 */

interface ReaderSearchTable {
  id: Generated<number>;
  meeting_id: number;
  kind: 'agenda' | 'minutes';
  version_id: number;
  version_number: number;
  item_id: number;
  committee_id: number;
  starts_at: string;
  closed: number;
  title: string;
  body: string;
}
interface ReaderSearchVersionsTable {
  version_id: number;
  indexed_at: string;
}
type SearchDB = DB & { reader_search: ReaderSearchTable; reader_search_versions: ReaderSearchVersionsTable };
const sdb = (database: Database) => database.db as unknown as Kysely<SearchDB>;

/** The searchable text of an item: its sections, decision, minority statements and attachment titles. */
function itemText(item: SnapshotItem): string {
  return [
    item.caseNumber ?? '',
    item.presentation,
    item.recommendation,
    item.economy,
    item.decision ?? '',
    ...(item.dissents ?? []).map((d) => `${d.name}: ${d.text}`),
    ...item.attachments.map((a) => a.title),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Indexes every published version not indexed yet (oldest first); a newer version replaces an older one's rows. */
export async function syncReaderIndex(database: Database): Promise<number> {
  const pending = await sql<{ id: number }>`
    select pv.id from published_versions pv
    where not exists (select 1 from reader_search_versions r where r.version_id = pv.id)
    order by pv.id`.execute(database.db);
  if (!pending.rows.length) return 0;
  let done = 0;
  for (const { id } of pending.rows) {
    await writeTransaction(database, async (tx) => {
      await lockKey(tx, 'reader-search-index');
      const s = sdb(tx);
      if (
        await s
          .selectFrom('reader_search_versions')
          .select('version_id')
          .where('version_id', '=', id)
          .executeTakeFirst()
      )
        return;
      const v = await tx.db
        .selectFrom('published_versions')
        .select(['id', 'meeting_id', 'kind', 'number', 'snapshot'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const current = await s
        .selectFrom('reader_search')
        .select('version_number')
        .where('meeting_id', '=', v.meeting_id)
        .where('kind', '=', v.kind)
        .limit(1)
        .executeTakeFirst();
      if (!current || current.version_number < v.number) {
        const snapshot = JSON.parse(v.snapshot) as PublishedSnapshot;
        await s.deleteFrom('reader_search').where('meeting_id', '=', v.meeting_id).where('kind', '=', v.kind).execute();
        const rows = snapshot.items.map((item) => ({
          meeting_id: v.meeting_id,
          kind: v.kind,
          version_id: v.id,
          version_number: v.number,
          item_id: item.id,
          committee_id: snapshot.meeting.committeeId,
          starts_at: snapshot.meeting.startsAt,
          closed: item.closed ? 1 : 0,
          title: item.title,
          body: itemText(item),
        }));
        if (rows.length) await s.insertInto('reader_search').values(rows).execute();
      }
      await s.insertInto('reader_search_versions').values({ version_id: id, indexed_at: nowIso() }).execute();
    });
    done++;
  }
  return done;
}

export interface ReaderHit {
  meetingId: number;
  kind: 'agenda' | 'minutes';
  itemId: number;
  number: number;
  committeeName: string;
  meetingTitle: string;
  startsAt: string;
  closed: boolean;
  /** Matches marked with HL_START/HL_END (render with highlightParts). */
  title: string;
  snippet: string;
}

/**
 * Searches the items of published agendas and minutes this user may read. Minutes count only
 * once published (approved); an item found in both a meeting's agenda and its minutes is shown
 * once, from the minutes.
 */
export async function searchReader(database: Database, user: Actor, q: string, limit = 30): Promise<ReaderHit[]> {
  const words = queryWords(q.trim().slice(0, 200));
  if (!words.length) return [];
  await syncReaderIndex(database);
  const secretariat = can(user, 'meetings.manage');
  // Committees whose closed items this user might read (the exact rule is applied per hit below).
  let closedCommittees: number[] = [];
  if (!secretariat) {
    const rows = await database.db
      .selectFrom('committee_memberships as m')
      .innerJoin('council_persons as p', 'p.id', 'm.person_id')
      .select('m.committee_id')
      .where('p.user_id', '=', user.id)
      .where('m.deleted_at', 'is', null)
      .execute();
    closedCommittees = [...new Set(rows.map((r) => r.committee_id))];
  }
  const closedOk = secretariat
    ? sql`1 = 1`
    : closedCommittees.length
      ? sql`(rs.closed = 0 or rs.committee_id in (${sql.join(closedCommittees)}) or exists (
          select 1 from meeting_attendance a join council_persons p on p.id = a.person_id
          where a.meeting_id = rs.meeting_id and p.user_id = ${user.id} and a.substitute_for is not null))`
      : sql`(rs.closed = 0 or exists (
          select 1 from meeting_attendance a join council_persons p on p.id = a.person_id
          where a.meeting_id = rs.meeting_id and p.user_id = ${user.id} and a.substitute_for is not null))`;
  // Minutes are searchable once published; an agenda once its meeting is past the planning stage.
  const visible = sql`exists (select 1 from meetings m where m.id = rs.meeting_id and m.deleted_at is null and (rs.kind = 'agenda' or m.minutes_published_at is not null))`;
  const n = Math.max(1, Math.min(100, Math.trunc(limit)));
  const window = n * 4;
  const rows =
    database.dialect === 'sqlite'
      ? (
          await sql<{ meeting_id: number; kind: 'agenda' | 'minutes'; item_id: number; version_id: number }>`
            select rs.meeting_id, rs.kind, rs.item_id, rs.version_id
            from reader_search_fts join reader_search rs on rs.id = reader_search_fts.rowid
            where reader_search_fts match ${ftsQuery(words)} and ${closedOk} and ${visible}
            order by bm25(reader_search_fts, 4.0, 1.0), rs.starts_at desc
            limit ${window}`.execute(database.db)
        ).rows
      : (
          await sql<{ meeting_id: number; kind: 'agenda' | 'minutes'; item_id: number; version_id: number }>`
            with q as (select to_tsquery('danish', ${tsQuery(words)}) as query)
            select rs.meeting_id, rs.kind, rs.item_id, rs.version_id
            from reader_search rs, q
            where rs.tsv @@ q.query and ${closedOk} and ${visible}
            order by ts_rank(rs.tsv, q.query) desc, rs.starts_at desc
            limit ${window}`.execute(database.db)
        ).rows;
  if (!rows.length) return [];

  // Prefer the minutes' row of an item found in both.
  const seen = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const had = seen.get(r.item_id);
    if (!had || (had.kind === 'agenda' && r.kind === 'minutes')) seen.set(r.item_id, r);
  }
  const picked = rows.filter((r) => seen.get(r.item_id) === r);

  // Check every hit against its (redacted) snapshot.
  const versionIds = [...new Set(picked.map((r) => r.version_id))];
  const versions = await database.db
    .selectFrom('published_versions')
    .select(['id', 'snapshot'])
    .where('id', 'in', versionIds)
    .execute();
  const snapshots = new Map(versions.map((v) => [v.id, JSON.parse(v.snapshot) as PublishedSnapshot]));
  const viewers = new Map<number, MeetingViewer>();
  const closures = await closuresOfMeetings(
    database,
    picked.map((r) => r.meeting_id),
  );
  const pattern = formsPattern(words);
  // Each word as the start of a word (the shortest of its forms), as loose as either database's match.
  const stems = words.map((w) => {
    const stem = danishForms(w).reduce((a, b) => (b.length < a.length ? b : a));
    return new RegExp(`(?<![\\p{L}\\p{N}])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu');
  });
  const hits: ReaderHit[] = [];
  for (const r of picked) {
    const snapshot = snapshots.get(r.version_id);
    if (!snapshot) continue;
    let viewer = viewers.get(r.meeting_id);
    if (!viewer) {
      viewer = await viewerFor(database, user, {
        id: r.meeting_id,
        committee_id: snapshot.meeting.committeeId,
        starts_at: snapshot.meeting.startsAt,
      });
      viewers.set(r.meeting_id, viewer);
    }
    const original = snapshot.items.find((i) => i.id === r.item_id);
    const closed = closures.get(r.meeting_id)!;
    if (!original || !mayReadItem(original, viewer, closed)) continue;
    const item = redactSnapshot({ ...snapshot, items: [original] }, viewer, closed).items[0]!;
    // The index holds text this viewer may not see (a closed attachment's title of an open item):
    // the hit stands only if every word is found in what the viewer sees.
    const seen = `${item.title}\n${itemText(item)}`;
    if (!stems.every((re) => re.test(seen))) continue;
    hits.push({
      meetingId: r.meeting_id,
      kind: r.kind,
      itemId: item.id,
      number: item.number,
      committeeName: snapshot.meeting.committeeName,
      meetingTitle: snapshot.meeting.title,
      startsAt: snapshot.meeting.startsAt,
      closed: item.closed,
      title: markAll(item.title, pattern),
      snippet: snippetOf(itemText(item), pattern, 24),
    });
    if (hits.length >= n) break;
  }
  return hits;
}
