import type { ViewContext } from '../context.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import type { RuleInForce, SideRule } from '../../src/modules/kle/retention.ts';

/**
 * How a retention rule reads: "Kasseres · 5 år", and where the rule in force came from (which
 * side decided, local rule or KL's). Shared by the case page, the case form and the records
 * rules pages.
 */

export function ruleLabel(v: ViewContext, retention: string | null, years: number | null): string {
  if (retention !== 'preserve' && retention !== 'dispose' && retention !== 'review') return v.t('records.rule.none');
  const label = v.t(`cases.retention.${retention}`);
  return retention === 'dispose' && years !== null
    ? `${label} · ${v.t('cases.retention.yearsShort', { years })}`
    : label;
}

/** The choices of a retention select: `first` is the empty value's label (follow the rule, choose …). */
export function retentionOptions(v: ViewContext, first: string): Array<{ value: string; label: string }> {
  return [
    { value: '', label: first },
    ...(['preserve', 'dispose', 'review'] as const).map((r) => ({ value: r, label: v.t(`cases.retention.${r}`) })),
  ];
}

function basisKey(rule: RuleInForce): MessageKey {
  switch (rule.basis) {
    case 'preserve':
      return rule.decidedBy === 'both'
        ? 'records.rule.basis.preserveBoth'
        : rule.decidedBy === 'facet'
          ? 'records.rule.basis.preserveFacet'
          : 'records.rule.basis.preserveSubject';
    case 'dispose':
      return 'records.rule.basis.dispose';
    case 'subjectOnly':
      return 'records.rule.basis.subjectOnly';
    case 'unclear':
      return rule.decidedBy === 'none' ? 'records.rule.basis.subjectSilent' : 'records.rule.basis.unclear';
    case 'silent':
      return 'records.rule.basis.silent';
  }
}

export function sideLabel(v: ViewContext, side: SideRule): string {
  if (side.origin === 'none') return v.t('records.rule.none');
  return `${ruleLabel(v, side.retention, side.years)} (${v.t(side.origin === 'local' ? 'records.rule.origin.local' : 'records.rule.origin.kl')})`;
}

/** The basis of the rule in force and each side's rule, as a short description list. */
export function RuleSource({
  v,
  rule,
  kleNumber,
  facetCode,
}: {
  v: ViewContext;
  rule: RuleInForce;
  kleNumber: string;
  facetCode: string;
}) {
  return (
    <div class="text-sm text-slate-700">
      <p>{v.t(basisKey(rule))}</p>
      <ul class="mt-1 list-disc pl-5">
        <li>{v.t('records.rule.subjectSide', { number: kleNumber, rule: sideLabel(v, rule.subject) })}</li>
        <li>{v.t('records.rule.facetSide', { code: facetCode, rule: sideLabel(v, rule.facet) })}</li>
      </ul>
    </div>
  );
}
