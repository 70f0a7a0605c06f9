import { sql, type RawBuilder } from 'kysely';
import { appendAudit, audit, type AuditActor } from '../../audit/service.ts';
import { writeTransaction, type Database } from '../../db/index.ts';
import type { CaseStatus, CaseType } from '../../db/schema.ts';
import type { Actor } from '../../policy/index.ts';
import { nextDay, startOfCopenhagenDay } from '../../i18n/index.ts';
import { visibleCases } from '../../policy/index.ts';
import { maskCpr, validateCpr } from '../../identity/index.ts';
import {
  danishForms,
  formsPattern,
  ftsQuery,
  HL_END,
  HL_START,
  markAll,
  queryWords,
  snippetOf,
  tsQuery,
} from '../../search/text.ts';

/**
 * One search across case numbers, titles, descriptions, parties' names, case notes and document
 * text, behind one interface: FTS5 on SQLite, tsvector with the 'danish' configuration on
 * PostgreSQL. Results are filtered by what the user may see in the same query (a confidential
 * case's hits never leave the database for someone outside its access group).
 *
 * User input never reaches MATCH or to_tsquery as syntax: it is split into words (letters and
 * digits only), each quoted (FTS5) or sanitised (tsquery) and matched as a prefix, all words
 * required. FTS5 has no Danish stemmer, so prefix matching stands in for it; PostgreSQL stems.
 * A search that is a CPR number is an exact, audited lookup instead (CPR numbers are never in
 * the full-text index).
 */

export interface SearchFilters {
  type?: CaseType | '';
  status?: CaseStatus | '';
  kle?: string;
  unitId?: number | null;
  /** yyyy-mm-dd, inclusive, on the case's creation. */
  from?: string;
  to?: string;
}

export interface SearchHit {
  kind: 'case' | 'document';
  caseId: number;
  caseNumber: string;
  caseTitle: string;
  caseType: CaseType;
  caseStatus: CaseStatus;
  confidential: boolean;
  documentId: number | null;
  /** The entry's title with matches marked. */
  title: string;
  /** Text around the matches, with matches marked. */
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** More hits exist beyond `limit`. */
  more: boolean;
  /** The search was a CPR number and was answered by an exact lookup. */
  cprLookup: boolean;
}

function filterSql(f: SearchFilters): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (f.type) out.push(sql`c.type = ${f.type}`);
  if (f.status) out.push(sql`c.status = ${f.status}`);
  if (f.kle) out.push(sql`c.kle_number like ${`${f.kle.replace(/[%_\\]/g, '')}%`}`);
  if (f.unitId) out.push(sql`c.unit_id = ${f.unitId}`);
  if (f.from) out.push(sql`c.created_at >= ${startOfCopenhagenDay(f.from).toISOString()}`);
  if (f.to) out.push(sql`c.created_at < ${startOfCopenhagenDay(nextDay(f.to)).toISOString()}`);
  return out;
}

/** The visibility rule of access.ts, as SQL over the alias `c` (for the raw search queries). */
function visibleSql(user: Actor): RawBuilder<unknown> {
  // Records managers see every case (policy: mayAccessCase).
  if (user.roles.includes('records_manager')) return sql`(1 = 1)`;
  const unit = user.orgUnitId;
  return sql`(c.confidential = 0 or c.caseworker_id = ${user.id} or exists (
    select 1 from case_access a where a.case_id = c.id and (a.user_id = ${user.id}${unit === null ? sql`` : sql` or a.unit_id = ${unit}`})))`;
}

type Row = {
  kind: 'case' | 'document';
  ref_id: number;
  case_id: number;
  number: string;
  case_title: string;
  type: CaseType;
  status: CaseStatus;
  confidential: number;
  title_hl: string;
  snippet: string;
};

function toHit(r: Row): SearchHit {
  return {
    kind: r.kind,
    caseId: r.case_id,
    caseNumber: r.number,
    caseTitle: r.case_title,
    caseType: r.type,
    caseStatus: r.status,
    confidential: !!r.confidential,
    documentId: r.kind === 'document' ? r.ref_id : null,
    title: r.title_hl ?? '',
    snippet: r.snippet ?? '',
  };
}

/**
 * Ranking on SQLite. FTS5's bm25() counts, for every query term, all the documents holding it (for
 * the IDF), so its cost grows with the term's total matches, not with the results shown: about
 * 200 ms for a word in 1.5 million of 4 million entries, measured. So:
 * - when a search has fewer than WINDOW matches in all, they are ranked by bm25 (cheap then);
 * - otherwise the newest WINDOW matches (rowids grow with time; finding the window's edge is a
 *   cheap walk of the doclists) are ranked by how many of the query's words stand in the title,
 *   then newest first. If the user's filters and access leave too few hits in the window, the
 *   window grows (eight-fold at a time) until it holds them or covers every match.
 */
const WINDOW = 500;

async function sqliteSearch(
  database: Database,
  match: string,
  words: string[],
  where: RawBuilder<unknown>,
  limit: number,
): Promise<Row[]> {
  const titleHits = sql.join(
    words.map(
      (w) => sql`(instr(lower(se.title), ${danishForms(w).reduce((a, b) => (b.length < a.length ? b : a))}) > 0)`,
    ),
    sql` + `,
  );
  for (let window = WINDOW; ; window *= 8) {
    const edge = await sql<{ rowid: number }>`
      select rowid from search_fts where search_fts match ${match} order by rowid desc limit 1 offset ${window - 1}`.execute(
      database.db,
    );
    const minRowid = edge.rows[0]?.rowid ?? null;
    const order = minRowid === null ? sql`bm25(search_fts, 4.0, 1.0), se.id desc` : sql`${titleHits} desc, se.id desc`;
    const ranked = await sql<Omit<Row, 'title_hl' | 'snippet'> & { id: number }>`
      select se.id, se.kind, se.ref_id, se.case_id, c.number, c.title as case_title, c.type, c.status, c.confidential
      from search_fts
      join search_entries se on se.id = search_fts.rowid
      join cases c on c.id = se.case_id
      where search_fts match ${match} ${minRowid === null ? sql`` : sql`and search_fts.rowid >= ${sql.lit(Math.trunc(minRowid))}`} and ${where}
      order by ${order}
      limit ${limit + 1}`.execute(database.db);
    if (minRowid !== null && ranked.rows.length <= limit) continue;
    // (The rowid bounds above are inlined integers: better-sqlite3 binds JS numbers as REAL, and FTS5
    // only seeks on an INTEGER rowid constraint; bound, the same query read the whole doclist.)
    // Highlights and snippets for the hits shown only, made here from the stored text with the
    // same word forms the query matched (FTS5's own snippet() re-runs the query per row: ~0.15 ms
    // each, measured; this costs a fraction of that).
    const ids = ranked.rows.map((r) => Math.trunc(r.id));
    const texts = ids.length
      ? await sql<{ id: number; title: string; body: string }>`
          select id, title, substr(body, 1, 50000) as body from search_entries where id in (${sql.join(ids.map((id) => sql.lit(id)))})`.execute(
          database.db,
        )
      : { rows: [] };
    const byId = new Map(texts.rows.map((t) => [t.id, t]));
    const pattern = formsPattern(words);
    const rows: Row[] = ranked.rows.map((r) => {
      const t = byId.get(r.id);
      return { ...r, title_hl: t ? markAll(t.title, pattern) : '', snippet: t ? snippetOf(t.body, pattern) : '' };
    });
    return rows;
  }
}

export async function searchCases(
  database: Database,
  user: Actor & AuditActor,
  q: string,
  filters: SearchFilters = {},
  opts: { limit?: number; ip?: string | null } = {},
): Promise<SearchResult> {
  const limit = opts.limit ?? 20;
  const trimmed = q.trim();

  // A CPR number: exact lookup among parties, audited, never a full-text search.
  if (/^\d{6}-?\d{4}$/.test(trimmed.replace(/\s/g, ''))) {
    const cpr = validateCpr(trimmed);
    if (cpr.ok) {
      const rows = await database.db
        .selectFrom('case_parties')
        .innerJoin('cases', 'cases.id', 'case_parties.case_id')
        .select([
          'cases.id',
          'cases.number',
          'cases.title',
          'cases.type',
          'cases.status',
          'cases.confidential',
          'case_parties.name',
        ])
        .where('case_parties.cpr', '=', cpr.cpr)
        .where(visibleCases(user))
        .orderBy('cases.updated_at', 'desc')
        .limit(limit + 1)
        .execute();
      await audit(database, {
        actor: { id: user.id, name: user.name },
        action: 'search.cpr',
        summary: `Searched for CPR ${maskCpr(cpr.cpr)}: ${rows.length} cases`,
        details: { cpr: maskCpr(cpr.cpr), hits: rows.length },
        ip: opts.ip ?? null,
      });
      return {
        hits: rows.slice(0, limit).map((r) => ({
          kind: 'case' as const,
          caseId: r.id,
          caseNumber: r.number,
          caseTitle: r.title,
          caseType: r.type,
          caseStatus: r.status,
          confidential: !!r.confidential,
          documentId: null,
          title: `${r.number} ${r.title}`,
          snippet: `${r.name} (${maskCpr(cpr.cpr)})`,
        })),
        more: rows.length > limit,
        cprLookup: true,
      };
    }
  }

  const words = queryWords(trimmed);
  if (!words.length) return { hits: [], more: false, cprLookup: false };

  // A case number goes straight to its case, first in the list (PostgreSQL's parser splits
  // "EMN-2026-000123" into signed numbers, so the full-text index alone would not find it).
  let exact: SearchHit[] = [];
  if (/^[\p{L}\p{N}.]+(-[\p{L}\p{N}.]+)+$/u.test(trimmed)) {
    const row = await database.db
      .selectFrom('cases')
      .select(['id', 'number', 'title', 'type', 'status', 'confidential'])
      .where('number', 'in', [...new Set([trimmed, trimmed.toUpperCase()])])
      .where(visibleCases(user))
      .executeTakeFirst();
    if (row) {
      exact = [
        {
          kind: 'case',
          caseId: row.id,
          caseNumber: row.number,
          caseTitle: row.title,
          caseType: row.type,
          caseStatus: row.status,
          confidential: !!row.confidential,
          documentId: null,
          title: `${HL_START}${row.number}${HL_END} ${row.title}`,
          snippet: '',
        },
      ];
    }
  }
  const conditions = [visibleSql(user), ...filterSql(filters)];
  const where = sql.join(conditions, sql` and `);

  let rows: Row[];
  if (database.dialect === 'sqlite') {
    rows = await sqliteSearch(database, ftsQuery(words), words, where, limit);
  } else {
    const tsq = tsQuery(words);
    const result = await sql<Row>`
      with q as (select to_tsquery('danish', ${tsq}) as query),
      top as (
        select se.id, se.kind, se.ref_id, se.case_id, se.title, se.body, ts_rank(se.tsv, q.query) as rank
        from search_entries se, q, cases c
        where c.id = se.case_id and se.tsv @@ q.query and ${where}
        order by rank desc, se.id desc
        limit ${limit + 1}
      )
      select top.kind, top.ref_id, top.case_id, c.number, c.title as case_title, c.type, c.status, c.confidential,
             ts_headline('danish', top.title, q.query, ${`StartSel=${HL_START}, StopSel=${HL_END}, HighlightAll=true`}) as title_hl,
             ts_headline('danish', left(top.body, 100000), q.query, ${`StartSel=${HL_START}, StopSel=${HL_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
      from top join cases c on c.id = top.case_id, q
      order by top.rank desc, top.id desc`.execute(database.db);
    rows = result.rows;
  }
  const more = rows.length > limit;
  const hits = [
    ...exact,
    ...rows
      .map(toHit)
      .filter((h) => !exact.some((e) => e.kind === h.kind && e.caseId === h.caseId && h.kind === 'case')),
  ].slice(0, limit);
  await logExcerptReads(
    database,
    user,
    hits.filter((h) => !exact.includes(h)),
    opts.ip ?? null,
  );
  return { hits, more, cprLookup: false };
}

/**
 * Full-text hits show a citizen case's text (description, parties' names, notes, document text)
 * as a snippet and say that its text holds the words searched for: that is a read of the case,
 * logged as `case.excerpt.view`, one entry per citizen case shown (however many of its entries
 * hit), in one transaction. (A case found by its number shows only number and title, like a list.)
 */
async function logExcerptReads(
  database: Database,
  user: AuditActor,
  hits: SearchHit[],
  ip: string | null,
): Promise<void> {
  const cases = new Map<number, { number: string; hits: number }>();
  for (const h of hits) {
    if (h.caseType !== 'citizen') continue;
    const seen = cases.get(h.caseId);
    if (seen) seen.hits++;
    else cases.set(h.caseId, { number: h.caseNumber, hits: 1 });
  }
  if (!cases.size) return;
  await writeTransaction(database, async (tx) => {
    for (const [id, c] of cases) {
      await appendAudit(tx, {
        actor: { id: user.id, name: user.name },
        action: 'case.excerpt.view',
        entityType: 'case',
        entityId: id,
        summary: `Saw search excerpts of citizen case ${c.number}`,
        details: { hits: c.hits },
        ip,
      });
    }
  });
}
