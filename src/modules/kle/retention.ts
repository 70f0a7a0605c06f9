import type { Database } from '../../db/index.ts';
import type { KleFacetTable, KleSubjectTable } from '../../db/schema.ts';
import type { KleRetention } from './parse.ts';

/**
 * The retention rule in force for a case classified under a KLE subject and an action facet.
 *
 * Each side has its own rule: the municipality's local rule (`local_retention`, set by a records
 * manager with a reason on /admin/records/rules) when there is one, else KL's code as the last
 * import left it (`retention`). A re-import never touches the local columns.
 *
 * The two sides are combined as Rigsarkivet's *Cirkulæreskrivelse om kassation af dokumenter i
 * kommunernes it-systemer* (issued under bilag 1, pkt. 1.4, of bek. nr. 183 af 26. januar 2018;
 * retsinformation.dk R0710.aspx?id=199911), pkt. 1, says for documents registered under KLE:
 *
 * - a subject and a facet that are both marked for preservation (B): preserved;
 * - both marked for disposal (K): may be disposed of;
 * - one of them marked B: preserved.
 *
 * What the circular leaves open, decided here (and in docs/records.md, "Retention rules"):
 *
 * - Both K: disposed of after the LONGER of the two periods (a side without a period gives none;
 *   when neither gives one the years stay null and the disposal list must ask a person).
 * - The facet silent (no code, or "tom"): the subject's rule alone, as pkt. 2 of the circular does
 *   for documents not registered with a facet.
 * - The subject silent: B on the facet still preserves; anything else is 'review', because
 *   disposal needs the subject to be K-marked too.
 * - 'review' (a code we do not know, such as B/K) on either side and no B on the other: 'review',
 *   since the unknown code may mean preservation. A person decides.
 * - Both silent: 'review'.
 *
 * The deletion period (SletningJaevnfoerPersondataloven, GDPR) comes from the subject only: KL
 * gives it on subjects, not on facets, and there is no local deletion period.
 */

export type CaseRetention = KleRetention;
export type RuleOrigin = 'local' | 'kl' | 'none';

/** One side's rule: local when set, else KL's; null retention when the side says nothing. */
export interface SideRule {
  retention: KleRetention | null;
  years: number | null;
  origin: RuleOrigin;
}

/**
 * How the two sides gave the rule in force:
 * - 'preserve': at least one side is B (`decidedBy` names which);
 * - 'dispose': both sides K, the longer period;
 * - 'subjectOnly': the facet is silent, the subject's rule alone;
 * - 'unclear': a side is 'review', or the subject is silent and the facet not B;
 * - 'silent': neither side gives a rule.
 */
export type RuleBasis = 'preserve' | 'dispose' | 'subjectOnly' | 'unclear' | 'silent';

export interface RuleInForce {
  retention: CaseRetention;
  years: number | null;
  basis: RuleBasis;
  /** The side(s) the rule in force comes from. */
  decidedBy: 'subject' | 'facet' | 'both' | 'none';
  subject: SideRule;
  facet: SideRule;
  /** The subject's deletion period (an xs:duration such as P1825D), null when none. */
  deletionPeriod: string | null;
}

type RuleColumns = 'retention' | 'retention_years' | 'local_retention' | 'local_retention_years';
export type SubjectRuleRow = Pick<KleSubjectTable, RuleColumns> & Partial<Pick<KleSubjectTable, 'deletion_period'>>;
export type FacetRuleRow = Pick<KleFacetTable, RuleColumns>;

const KNOWN: readonly string[] = ['preserve', 'dispose', 'review'];

function known(value: string | null | undefined): KleRetention | null {
  return value && KNOWN.includes(value) ? (value as KleRetention) : null;
}

/** One side's rule: the local rule when set, else KL's. */
export function sideRule(row: Pick<KleSubjectTable, RuleColumns> | null | undefined): SideRule {
  const local = known(row?.local_retention);
  if (local)
    return {
      retention: local,
      years: local === 'dispose' ? (row!.local_retention_years ?? null) : null,
      origin: 'local',
    };
  const kl = known(row?.retention);
  if (kl) return { retention: kl, years: kl === 'dispose' ? (row!.retention_years ?? null) : null, origin: 'kl' };
  return { retention: null, years: null, origin: 'none' };
}

function longer(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** The rule in force for a (subject, facet) pair; see the comment at the top of this file. */
export function ruleInForce(
  subjectRow: SubjectRuleRow | null | undefined,
  facetRow: FacetRuleRow | null | undefined,
): RuleInForce {
  const subject = sideRule(subjectRow);
  const facet = sideRule(facetRow);
  const base = { subject, facet, deletionPeriod: subjectRow?.deletion_period ?? null };
  const s = subject.retention;
  const f = facet.retention;
  if (s === 'preserve' || f === 'preserve') {
    const decidedBy = s === 'preserve' && f === 'preserve' ? 'both' : s === 'preserve' ? 'subject' : 'facet';
    return { ...base, retention: 'preserve', years: null, basis: 'preserve', decidedBy };
  }
  if (s === null && f === null)
    return { ...base, retention: 'review', years: null, basis: 'silent', decidedBy: 'none' };
  if (f === null) return { ...base, retention: s!, years: subject.years, basis: 'subjectOnly', decidedBy: 'subject' };
  if (s === 'dispose' && f === 'dispose') {
    const years = longer(subject.years, facet.years);
    const decidedBy = subject.years === facet.years ? 'both' : years === subject.years ? 'subject' : 'facet';
    return { ...base, retention: 'dispose', years, basis: 'dispose', decidedBy };
  }
  const decidedBy = s === 'review' && f === 'review' ? 'both' : s === 'review' ? 'subject' : 'facet';
  return { ...base, retention: 'review', years: null, basis: 'unclear', decidedBy: s === null ? 'none' : decidedBy };
}

/** The rule in force for a KLE number and a facet code, read from the plan (unknown numbers count as silent). */
export async function retentionRuleFor(database: Database, kleNumber: string, facetCode: string): Promise<RuleInForce> {
  const [subject, facet] = await Promise.all([
    database.db
      .selectFrom('kle_subjects')
      .select(['retention', 'retention_years', 'local_retention', 'local_retention_years', 'deletion_period'])
      .where('number', '=', kleNumber)
      .executeTakeFirst(),
    database.db
      .selectFrom('kle_facets')
      .select(['retention', 'retention_years', 'local_retention', 'local_retention_years'])
      .where('code', '=', facetCode)
      .executeTakeFirst(),
  ]);
  return ruleInForce(subject, facet);
}

/**
 * The day personal data on a case is due for deletion: `closedOn` (yyyy-mm-dd, the Copenhagen
 * closing date) plus the deletion period (an xs:duration: PnYnMnD, as KL writes P1825D). Null
 * when there is no period or it cannot be read. Years and months are added on the calendar (a
 * 29 February plus one year is 1 March), days one by one.
 */
export function deletionDueOn(closedOn: string, period: string | null | undefined): string | null {
  if (!period) return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(period.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  const [y, mo, d] = closedOn.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + Number(m[1] ?? 0), mo - 1 + Number(m[2] ?? 0), d, 12));
  date.setUTCDate(date.getUTCDate() + Number(m[3] ?? 0));
  return date.toISOString().slice(0, 10);
}
