import type { Insertable, Selectable } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { KleFacetTable, KleImportTable, KleSubjectTable } from '../../db/schema.ts';
import { containsText, escapeLike } from '../../db/sql.ts';
import { TIME_ZONE } from '../../i18n/index.ts';
import {
  mapBevaring,
  parseFacetPlan,
  parseSubjectPlan,
  type KleRetention,
  type ParsedFacet,
  type ParsedFacetPlan,
  type ParsedSubject,
  type ParsedSubjectPlan,
} from './parse.ts';

/**
 * The KLE plan: importing KL's subject plan and action facets, and the look-ups the rest of the
 * app needs (choosing a subject, a facet, the retention a subject gives a case).
 *
 * Numbers are never deleted: cases keep the number they were filed under for good. A newer plan
 * adds numbers, retitles them (KL keeps a number when only its wording changes, "RettetDato"),
 * and retires them with a date (UdgaaetDato, or FlyttetDato when a number moved). A number that a
 * newer plan simply leaves out is kept as it is and reported as missing, for a person to look at:
 * KL's own feed leaves retired numbers out unless asked for them, so absence alone proves nothing.
 */

export type KleSubject = Selectable<KleSubjectTable>;
export type KleFacet = Selectable<KleFacetTable>;
export type KleImportKind = KleImportTable['kind'];

export interface KleReportEntry {
  number: string;
  title: string;
}
export interface KleRetitledEntry {
  number: string;
  from: string;
  to: string;
}
export interface KleExpiredEntry {
  number: string;
  title: string;
  date: string;
  /** Where the number moved to (AfloestAf), when the plan says. */
  replacedBy: string[];
}

export interface KleImportReport {
  kind: KleImportKind;
  published: string | null;
  counts: {
    inFile: number;
    added: number;
    retitled: number;
    expired: number;
    reinstated: number;
    missing: number;
    unchanged: number;
  };
  added: KleReportEntry[];
  retitled: KleRetitledEntry[];
  expired: KleExpiredEntry[];
  /** Numbers the database had as retired that the new plan lists as current again. */
  reinstated: KleReportEntry[];
  /** Current numbers in the database that the new plan does not mention; kept unchanged. */
  missing: KleReportEntry[];
  /** Numbers in the file with no change to their title or status (other details may be refreshed). */
  unchanged: string[];
}

export interface KleImportResult {
  importId: number;
  report: KleImportReport;
}

export interface ImportOptions {
  ip?: string | null;
  /** Write the audit entry (always for uploads; the seed loader skips it, seedDemo logs its own). */
  audit?: boolean;
}

const CHUNK = 400;

/** Title without KL's "[udgået]" / "[udgår …]" marker, for telling a retitle from a retirement. */
function baseTitle(title: string): string {
  return title.replace(/\s*\[udg(?:å|aa)(?:et|r)[^\]]*\]\.?\s*$/i, '').trim();
}

/** Today's date in Copenhagen (YYYY-MM-DD), for "is this number retired yet?". */
export function copenhagenToday(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function emptyReport(kind: KleImportKind, published: string | null): KleImportReport {
  return {
    kind,
    published,
    counts: { inFile: 0, added: 0, retitled: 0, expired: 0, reinstated: 0, missing: 0, unchanged: 0 },
    added: [],
    retitled: [],
    expired: [],
    reinstated: [],
    missing: [],
    unchanged: [],
  };
}

function finishCounts(report: KleImportReport, inFile: number): void {
  report.counts = {
    inFile,
    added: report.added.length,
    retitled: report.retitled.length,
    expired: report.expired.length,
    reinstated: report.reinstated.length,
    missing: report.missing.length,
    unchanged: report.unchanged.length,
  };
}

interface Item {
  key: string;
  title: string;
  expiredDate: string | null;
  replacedBy: string[];
}

/** Sorts each file entry into added / retitled / expired / reinstated / unchanged, and finds the missing. */
function classify<R extends { title: string; expired_date: string | null }>(
  report: KleImportReport,
  items: Item[],
  existing: Map<string, R>,
): void {
  const inFile = new Set<string>();
  for (const item of items) {
    inFile.add(item.key);
    const row = existing.get(item.key);
    if (!row) {
      report.added.push({ number: item.key, title: item.title });
    } else if (item.expiredDate && !row.expired_date) {
      report.expired.push({ number: item.key, title: item.title, date: item.expiredDate, replacedBy: item.replacedBy });
    } else if (!item.expiredDate && row.expired_date) {
      report.reinstated.push({ number: item.key, title: item.title });
    } else if (baseTitle(row.title) !== baseTitle(item.title)) {
      report.retitled.push({ number: item.key, from: row.title, to: item.title });
    } else {
      report.unchanged.push(item.key);
    }
  }
  for (const [key, row] of existing) {
    if (!inFile.has(key) && !row.expired_date) report.missing.push({ number: key, title: row.title });
  }
  report.missing.sort((a, b) => a.number.localeCompare(b.number, 'da'));
  finishCounts(report, items.length);
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function recordImport(
  tx: Database,
  report: KleImportReport,
  actor: AuditActor | null,
  opts: ImportOptions,
): Promise<number> {
  const row = await tx.db
    .insertInto('kle_imports')
    .values({
      kind: report.kind,
      published: report.published,
      imported_at: nowIso(),
      imported_by: actor?.id ?? null,
      report: JSON.stringify(report),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.audit !== false) {
    const c = report.counts;
    const what = report.kind === 'subjects' ? 'KLE subject plan' : 'KLE action facets';
    await appendAudit(tx, {
      actor,
      action: 'kle.import',
      entityType: 'kle_import',
      entityId: row.id,
      summary:
        `Imported ${what}${report.published ? ` published ${report.published}` : ''}: ` +
        `${c.added} added, ${c.retitled} retitled, ${c.expired} retired, ${c.missing} missing`,
      details: { kind: report.kind, published: report.published, counts: c },
      ip: opts.ip ?? null,
    });
  }
  return row.id;
}

// --- Subjects -----------------------------------------------------------------------------

type SubjectValues = Omit<Insertable<KleSubjectTable>, 'updated_at'>;

function subjectValues(s: ParsedSubject, before: KleSubject | undefined): SubjectValues {
  // A file without BevaringJaevnfoerArkivloven (some of KL's XML variants leave it out) keeps the
  // retention we have; "tom" in the file is an explicit "none".
  const keepRetention = s.level === 3 && s.bevaring === null && before !== undefined;
  return {
    number: s.number,
    level: s.level,
    parent_number: s.parentNumber,
    title: s.title,
    uuid: s.uuid ?? before?.uuid ?? null,
    retention: keepRetention ? before!.retention : s.retention,
    retention_years: keepRetention ? before!.retention_years : s.retentionYears,
    deletion_period: keepRetention ? before!.deletion_period : s.deletionPeriod,
    guidance: s.guidance,
    created_date: s.createdDate,
    changed_date: s.changedDate,
    expired_date: s.expiredDate,
  };
}

const SUBJECT_FIELDS = [
  'level',
  'parent_number',
  'title',
  'uuid',
  'retention',
  'retention_years',
  'deletion_period',
  'guidance',
  'created_date',
  'changed_date',
  'expired_date',
] as const;

/**
 * Stores a parsed subject plan (upsert, never delete) inside one write transaction, records the
 * import with its report and, unless told not to, writes the audit entry in the same transaction.
 */
export async function storeSubjectPlan(
  database: Database,
  plan: ParsedSubjectPlan,
  actor: AuditActor | null,
  opts: ImportOptions = {},
): Promise<KleImportResult> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, 'kle_import');
    const rows = await tx.db.selectFrom('kle_subjects').selectAll().execute();
    const existing = new Map(rows.map((r) => [r.number, r]));
    const report = emptyReport('subjects', plan.published);
    classify(
      report,
      plan.subjects.map((s) => ({
        key: s.number,
        title: s.title,
        expiredDate: s.expiredDate,
        replacedBy: s.replacedBy,
      })),
      existing,
    );

    const now = nowIso();
    const inserts: Insertable<KleSubjectTable>[] = [];
    for (const s of plan.subjects) {
      const before = existing.get(s.number);
      const values = subjectValues(s, before);
      if (!before) {
        inserts.push({ ...values, updated_at: now });
        continue;
      }
      if (SUBJECT_FIELDS.some((f) => (values[f] ?? null) !== (before[f] ?? null))) {
        const { number, ...changes } = values;
        await tx.db
          .updateTable('kle_subjects')
          .set({ ...changes, updated_at: now })
          .where('number', '=', number)
          .execute();
      }
    }
    await insertChunks(inserts, (chunk) => tx.db.insertInto('kle_subjects').values(chunk).execute());
    const importId = await recordImport(tx, report, actor, opts);
    return { importId, report };
  });
}

/** Parses KL's KLE-Emneplan XML and stores it (see storeSubjectPlan). Throws KleParseError on a bad file. */
export async function importSubjects(
  database: Database,
  xml: string,
  actor: AuditActor | null,
  opts: ImportOptions = {},
): Promise<KleImportResult> {
  const plan = parseSubjectPlan(xml);
  return storeSubjectPlan(database, plan, actor, opts);
}

// --- Facets -------------------------------------------------------------------------------

type FacetValues = Omit<Insertable<KleFacetTable>, 'updated_at'>;

function facetValues(f: ParsedFacet, before: KleFacet | undefined): FacetValues {
  // As on subjects: a file without BevaringJaevnfoerArkivloven keeps the retention we have. The
  // local rule (local_*) is the municipality's and never comes from a file.
  const keepRetention = f.bevaring === null && before !== undefined;
  const mapped = mapBevaring(f.bevaring);
  return {
    code: f.code,
    category_code: f.categoryCode,
    category_title: f.categoryTitle,
    title: f.title,
    uuid: f.uuid ?? before?.uuid ?? null,
    retention: keepRetention ? before.retention : mapped.retention,
    retention_years: keepRetention ? before.retention_years : mapped.years,
    guidance: f.guidance,
    expired_date: f.expiredDate,
  };
}

const FACET_FIELDS = [
  'category_code',
  'category_title',
  'title',
  'uuid',
  'retention',
  'retention_years',
  'guidance',
  'expired_date',
] as const;

/** Stores parsed action facets like storeSubjectPlan: upsert, never delete, report, audit. */
export async function storeFacetPlan(
  database: Database,
  plan: ParsedFacetPlan,
  actor: AuditActor | null,
  opts: ImportOptions = {},
): Promise<KleImportResult> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, 'kle_import');
    const rows = await tx.db.selectFrom('kle_facets').selectAll().execute();
    const existing = new Map(rows.map((r) => [r.code, r]));
    const report = emptyReport('facets', plan.published);
    classify(
      report,
      plan.facets.map((f) => ({ key: f.code, title: f.title, expiredDate: f.expiredDate, replacedBy: f.replacedBy })),
      existing,
    );
    const now = nowIso();
    const inserts: Insertable<KleFacetTable>[] = [];
    for (const f of plan.facets) {
      const before = existing.get(f.code);
      const values = facetValues(f, before);
      if (!before) {
        inserts.push({ ...values, updated_at: now });
      } else if (FACET_FIELDS.some((k) => (values[k] ?? null) !== (before[k] ?? null))) {
        const { code, ...changes } = values;
        await tx.db
          .updateTable('kle_facets')
          .set({ ...changes, updated_at: now })
          .where('code', '=', code)
          .execute();
      }
    }
    await insertChunks(inserts, (chunk) => tx.db.insertInto('kle_facets').values(chunk).execute());
    const importId = await recordImport(tx, report, actor, opts);
    return { importId, report };
  });
}

/** Parses KL's KLE-Handlingsfacetter XML and stores it. Throws KleParseError on a bad file. */
export async function importFacets(
  database: Database,
  xml: string,
  actor: AuditActor | null,
  opts: ImportOptions = {},
): Promise<KleImportResult> {
  const plan = parseFacetPlan(xml);
  return storeFacetPlan(database, plan, actor, opts);
}

// --- Look-ups -----------------------------------------------------------------------------

export interface ListSubjectsOptions {
  /** A number prefix ("02.34", "27.") and/or words from the title ("byggetilladelse"). */
  q?: string;
  /** Retired numbers are left out unless asked for. */
  includeExpired?: boolean;
  /** Only main groups (1), groups (2) or subjects (3); all levels when left out. */
  level?: 1 | 2 | 3;
  limit?: number;
  /** For tests: the date that counts as today (YYYY-MM-DD). */
  today?: string;
}

const NUMBER_PREFIX = /^\d{1,2}(?:\.\d{0,2}){0,2}$/;

/**
 * Subjects for choosing one: by number prefix, title words, or both ("02.34 byg"); current ones
 * only unless includeExpired; in number order. A number whose retirement date lies ahead still
 * counts as current until that day.
 */
export async function listSubjects(database: Database, opts: ListSubjectsOptions = {}): Promise<KleSubject[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 5000);
  let query = database.db.selectFrom('kle_subjects').selectAll().orderBy('number').limit(limit);
  const words = (opts.q ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length && NUMBER_PREFIX.test(words[0]!)) {
    const prefix = words.shift()!;
    query = query.where('number', 'like', `${escapeLike(prefix)}%`);
  }
  for (const word of words.slice(0, 5)) query = query.where(containsText('title', word));
  if (opts.level) query = query.where('level', '=', opts.level);
  if (!opts.includeExpired) {
    const today = opts.today ?? copenhagenToday();
    query = query.where((eb) => eb.or([eb('expired_date', 'is', null), eb('expired_date', '>', today)]));
  }
  return query.execute();
}

export async function getSubject(database: Database, number: string): Promise<KleSubject | null> {
  return (
    (await database.db.selectFrom('kle_subjects').selectAll().where('number', '=', number).executeTakeFirst()) ?? null
  );
}

/** Action facets in KLE order (A…Ø, Danish alphabet); current ones unless includeExpired. */
export async function listFacets(
  database: Database,
  opts: { includeExpired?: boolean; today?: string } = {},
): Promise<KleFacet[]> {
  let query = database.db.selectFrom('kle_facets').selectAll();
  if (!opts.includeExpired) {
    const today = opts.today ?? copenhagenToday();
    query = query.where((eb) => eb.or([eb('expired_date', 'is', null), eb('expired_date', '>', today)]));
  }
  const rows = await query.execute();
  return rows.sort((a, b) => a.code.localeCompare(b.code, 'da'));
}

const RETENTIONS: readonly KleRetention[] = ['preserve', 'dispose', 'review'];

/**
 * KL's retention code on a subject alone (the import's view; a case's rule combines subject and facet
 * and any local rule: ruleInForce in retention.ts): 'preserve' (B), 'dispose' (K, with years when the
 * plan gives them) or 'review' (the plan's code was unclear); null when the plan says nothing,
 * which the caller should treat as "a person decides".
 */
export function retentionFor(subject: Pick<KleSubject, 'retention' | 'retention_years'> | null | undefined): {
  retention: KleRetention | null;
  years: number | null;
} {
  const r = subject?.retention;
  const retention = r && (RETENTIONS as readonly string[]).includes(r) ? (r as KleRetention) : null;
  return { retention, years: retention === 'dispose' ? (subject?.retention_years ?? null) : null };
}

// --- Admin page ---------------------------------------------------------------------------

export interface KleImportRow {
  id: number;
  kind: KleImportKind;
  published: string | null;
  importedAt: string;
  importedBy: string | null;
  report: KleImportReport | null;
}

export interface KleOverview {
  mainGroups: number;
  groups: number;
  subjects: number;
  expiredSubjects: number;
  facets: number;
  expiredFacets: number;
  subjectPlan: KleImportRow | null;
  facetPlan: KleImportRow | null;
}

function readReport(text: string): KleImportReport | null {
  try {
    const r = JSON.parse(text) as KleImportReport;
    return r && typeof r === 'object' && r.counts ? r : null;
  } catch {
    return null;
  }
}

function importsQuery(database: Database) {
  return database.db
    .selectFrom('kle_imports')
    .leftJoin('users', 'users.id', 'kle_imports.imported_by')
    .select([
      'kle_imports.id',
      'kle_imports.kind',
      'kle_imports.published',
      'kle_imports.imported_at',
      'kle_imports.report',
      'users.display_name',
    ]);
}

type ImportSelect = {
  id: number;
  kind: KleImportKind;
  published: string | null;
  imported_at: string;
  report: string;
  display_name: string | null;
};

function toImportRow(r: ImportSelect): KleImportRow {
  return {
    id: r.id,
    kind: r.kind,
    published: r.published,
    importedAt: r.imported_at,
    importedBy: r.display_name,
    report: readReport(r.report),
  };
}

/** The latest imports, newest first. */
export async function listImports(database: Database, limit = 10): Promise<KleImportRow[]> {
  const rows = await importsQuery(database).orderBy('kle_imports.id', 'desc').limit(limit).execute();
  return rows.map(toImportRow);
}

export async function getImport(database: Database, id: number): Promise<KleImportRow | null> {
  const row = await importsQuery(database).where('kle_imports.id', '=', id).executeTakeFirst();
  return row ? toImportRow(row) : null;
}

/** Counts and the publication dates of the plans in use, for the admin page. */
export async function kleOverview(database: Database, today: string = copenhagenToday()): Promise<KleOverview> {
  const levels = await database.db
    .selectFrom('kle_subjects')
    .select((eb) => [
      'level',
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('expired_date', 'is not', null), eb('expired_date', '<=', today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('expired'),
    ])
    .groupBy('level')
    .execute();
  const facets = await database.db
    .selectFrom('kle_facets')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('expired_date', 'is not', null), eb('expired_date', '<=', today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('expired'),
    ])
    .executeTakeFirst();
  const current = (level: number) => {
    const row = levels.find((l) => Number(l.level) === level);
    return row ? Number(row.total) - Number(row.expired ?? 0) : 0;
  };
  const latest = async (kind: KleImportKind) => {
    const row = await importsQuery(database)
      .where('kle_imports.kind', '=', kind)
      .orderBy('kle_imports.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toImportRow(row) : null;
  };
  return {
    mainGroups: current(1),
    groups: current(2),
    subjects: current(3),
    expiredSubjects: Number(levels.find((l) => Number(l.level) === 3)?.expired ?? 0),
    facets: Number(facets?.total ?? 0) - Number(facets?.expired ?? 0),
    expiredFacets: Number(facets?.expired ?? 0),
    subjectPlan: await latest('subjects'),
    facetPlan: await latest('facets'),
  };
}
