import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { containsText, escapeLike } from '../../db/sql.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { followInheritedRetention } from '../cases/index.ts';
import { sideRule, type CaseRetention, type SideRule } from '../kle/index.ts';

/**
 * The municipality's own retention rules on KLE subjects and action facets (/admin/records/rules).
 *
 * The kle module owns the plan's tables; the records module owns their `local_*` columns (as
 * postlist owns documents' post-list columns): a records manager sets or clears a local rule, always
 * with a reason, and it is in force over KL's code until cleared. A re-import of the plan never
 * touches it. Setting or clearing one makes the cases that inherit the rule follow
 * (followInheritedRetention in cases), in the same transaction as the change and its audit entry.
 *
 * How a subject's and a facet's rules combine into a case's rule is `ruleInForce` in
 * src/modules/kle/retention.ts (Rigsarkivet's cirkulæreskrivelse om kassation af dokumenter i
 * kommunernes it-systemer, pkt. 1).
 */

export type RuleTarget = { kind: 'subject'; number: string } | { kind: 'facet'; code: string };

export interface RuleItem {
  /** The subject's number or the facet's code. */
  key: string;
  title: string;
  /** KL's rule as the last import left it. */
  kl: SideRule;
  /** The local rule, when set. */
  local: {
    retention: CaseRetention;
    years: number | null;
    reason: string | null;
    changedAt: string | null;
    changedBy: string | null;
  } | null;
  /** The side's rule in force (local, else KL's). */
  inForce: SideRule;
  /** Subjects: KL's deletion period (xs:duration). */
  deletionPeriod: string | null;
  expiredDate: string | null;
}

type RuleRow = {
  title: string;
  retention: string | null;
  retention_years: number | null;
  local_retention: string | null;
  local_retention_years: number | null;
  local_reason: string | null;
  local_changed_at: string | null;
  changed_by_name: string | null;
  expired_date: string | null;
  deletion_period?: string | null;
};

function toItem(key: string, r: RuleRow): RuleItem {
  const kl = sideRule({
    retention: r.retention,
    retention_years: r.retention_years,
    local_retention: null,
    local_retention_years: null,
  });
  const inForce = sideRule(r);
  return {
    key,
    title: r.title,
    kl,
    local:
      inForce.origin === 'local'
        ? {
            retention: inForce.retention!,
            years: inForce.years,
            reason: r.local_reason,
            changedAt: r.local_changed_at,
            changedBy: r.changed_by_name,
          }
        : null,
    inForce,
    deletionPeriod: r.deletion_period ?? null,
    expiredDate: r.expired_date,
  };
}

const NUMBER_PREFIX = /^\d{1,2}(?:\.\d{0,2}){0,2}$/;
export const SUBJECT_PAGE = 50;

export interface SubjectRuleQuery {
  /** A number prefix ("02.34") and/or words from the title. */
  q?: string;
  /** Only subjects with a local rule. */
  localOnly?: boolean;
  /** Keyset: the last number of the previous page. */
  after?: string | null;
  limit?: number;
}

/** Subjects (level 3, where KL gives retention) with their rules, in number order, a page at a time. */
export async function listSubjectRules(
  database: Database,
  query: SubjectRuleQuery = {},
): Promise<{ items: RuleItem[]; next: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? SUBJECT_PAGE, 1), 500);
  let q = database.db
    .selectFrom('kle_subjects')
    .leftJoin('users', 'users.id', 'kle_subjects.local_changed_by')
    .select([
      'kle_subjects.number',
      'kle_subjects.title',
      'kle_subjects.retention',
      'kle_subjects.retention_years',
      'kle_subjects.deletion_period',
      'kle_subjects.local_retention',
      'kle_subjects.local_retention_years',
      'kle_subjects.local_reason',
      'kle_subjects.local_changed_at',
      'kle_subjects.expired_date',
      'users.display_name as changed_by_name',
    ])
    .where('kle_subjects.level', '=', 3);
  const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length && NUMBER_PREFIX.test(words[0]!)) {
    q = q.where('kle_subjects.number', 'like', `${escapeLike(words.shift()!)}%`);
  }
  for (const word of words.slice(0, 5)) q = q.where(containsText('kle_subjects.title', word));
  if (query.localOnly) q = q.where('kle_subjects.local_retention', 'is not', null);
  if (query.after) q = q.where('kle_subjects.number', '>', query.after);
  const rows = await q
    .orderBy('kle_subjects.number')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  return { items: rows.map((r) => toItem(r.number, r)), next: more ? rows[rows.length - 1]!.number : null };
}

function facetQuery(database: Database) {
  return database.db
    .selectFrom('kle_facets')
    .leftJoin('users', 'users.id', 'kle_facets.local_changed_by')
    .select([
      'kle_facets.code',
      'kle_facets.title',
      'kle_facets.category_title',
      'kle_facets.retention',
      'kle_facets.retention_years',
      'kle_facets.local_retention',
      'kle_facets.local_retention_years',
      'kle_facets.local_reason',
      'kle_facets.local_changed_at',
      'kle_facets.expired_date',
      'users.display_name as changed_by_name',
    ]);
}

/** Every action facet (about a hundred) with its rules, in KLE order (Danish alphabet). */
export async function listFacetRules(database: Database): Promise<RuleItem[]> {
  const rows = await facetQuery(database).execute();
  return rows.sort((a, b) => a.code.localeCompare(b.code, 'da')).map((r) => toItem(r.code, r));
}

export async function getRule(database: Database, target: RuleTarget): Promise<RuleItem | null> {
  if (target.kind === 'facet') {
    const row = await facetQuery(database).where('kle_facets.code', '=', target.code).executeTakeFirst();
    return row ? toItem(row.code, row) : null;
  }
  const { items } = await listSubjectRules(database, { q: target.number, limit: 1 });
  const item = items[0];
  return item && item.key === target.number ? item : null;
}

/** How many cases inherit the rule of this subject or facet (not overridden). */
export async function inheritingCases(database: Database, target: RuleTarget): Promise<number> {
  const q = database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('retention_overridden', '=', 0);
  const row = await (
    target.kind === 'subject' ? q.where('kle_number', '=', target.number) : q.where('facet_code', '=', target.code)
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface LocalRuleInput {
  retention: string;
  years: string;
  reason: string;
}

export type LocalRuleErrors = Partial<Record<keyof LocalRuleInput, MessageKey>>;

const RETENTIONS: readonly string[] = ['preserve', 'dispose', 'review'];

type Change = { ok: true; followed: number } | { ok: false; errors: LocalRuleErrors } | { ok: false; notFound: true };

function targetKey(target: RuleTarget): string {
  return target.kind === 'subject' ? target.number : target.code;
}

/**
 * Sets (rule given) or clears (rule null) the local rule of a subject or facet, with a reason; the
 * inheriting cases follow, and one audit entry records before, after, the reason and the cases.
 */
async function changeLocalRule(
  database: Database,
  target: RuleTarget,
  rule: { retention: CaseRetention; years: number | null } | null,
  reason: string,
  actor: AuditActor,
  opts: { ip?: string | null },
): Promise<Change> {
  const before = await getRule(database, target);
  if (!before) return { ok: false, notFound: true };
  return writeTransaction(database, async (tx) => {
    const values = {
      local_retention: rule?.retention ?? null,
      local_retention_years: rule?.years ?? null,
      local_reason: rule ? reason : null,
      local_changed_by: rule ? actor.id : null,
      local_changed_at: rule ? nowIso() : null,
    };
    if (target.kind === 'subject')
      await tx.db.updateTable('kle_subjects').set(values).where('number', '=', target.number).execute();
    else await tx.db.updateTable('kle_facets').set(values).where('code', '=', target.code).execute();
    const followed = await followInheritedRetention(
      tx,
      target.kind === 'subject' ? { kleNumber: target.number } : { facetCode: target.code },
    );
    const key = targetKey(target);
    const what = target.kind === 'subject' ? `KLE subject ${key}` : `action facet ${key}`;
    await appendAudit(tx, {
      actor,
      action: rule ? 'records.rule.set' : 'records.rule.clear',
      entityType: target.kind === 'subject' ? 'kle_subject' : 'kle_facet',
      entityId: key,
      summary: `${rule ? 'Set' : 'Cleared'} the local retention rule of ${what}: ${reason} (${followed.count} cases follow)`,
      details: {
        key,
        reason,
        before: before.local
          ? { retention: before.local.retention, years: before.local.years, reason: before.local.reason }
          : null,
        after: rule ? { retention: rule.retention, years: rule.years } : null,
        count: followed.count,
        cases: followed.numbers,
      },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, followed: followed.count };
  });
}

function checkReason(reason: string, errors: LocalRuleErrors): string {
  const r = reason.trim();
  if (!r) errors.reason = 'records.rules.error.reason';
  else if (r.length > 2000) errors.reason = 'records.rules.error.reasonLong';
  return r;
}

export async function setLocalRule(
  database: Database,
  target: RuleTarget,
  input: LocalRuleInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<Change> {
  const errors: LocalRuleErrors = {};
  const retention = input.retention.trim();
  if (!RETENTIONS.includes(retention)) errors.retention = 'records.rules.error.retention';
  let years: number | null = null;
  const y = input.years.trim();
  if (retention === 'dispose') {
    if (!/^\d{1,3}$/.test(y) || Number(y) > 200) errors.years = 'records.rules.error.years';
    else years = Number(y);
  }
  const reason = checkReason(input.reason, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return changeLocalRule(database, target, { retention: retention as CaseRetention, years }, reason, actor, opts);
}

export async function clearLocalRule(
  database: Database,
  target: RuleTarget,
  reasonInput: string,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<Change> {
  const errors: LocalRuleErrors = {};
  const reason = checkReason(reasonInput, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return changeLocalRule(database, target, null, reason, actor, opts);
}
