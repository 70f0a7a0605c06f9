import type { ViewContext } from '../context.ts';
import type { RuleItem } from '../../src/modules/records/rules.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';
import { retentionOptions, ruleLabel, sideLabel } from '../cases/RetentionRule.tsx';

/** KL's deletion period (an xs:duration such as P1800D or P5Y) in words: "1.800 dage", "5 år". */
export function periodText(v: ViewContext, period: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(period.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return period;
  const parts: string[] = [];
  if (m[1]) parts.push(v.t('records.rules.period.years', { n: formatNumber(Number(m[1]), v.locale) }));
  if (m[2]) parts.push(v.t('records.rules.period.months', { n: formatNumber(Number(m[2]), v.locale) }));
  if (m[3]) parts.push(v.t('records.rules.period.days', { n: formatNumber(Number(m[3]), v.locale) }));
  return parts.join(' ');
}

/**
 * Administration → Bevaringsregler (/admin/records/rules): KLE subjects (filtered and paged on the
 * server) or action facets, each with KL's rule, the municipality's local rule and the rule in
 * force; one page per subject or facet with the forms that set or clear the local rule.
 */

export type RulesView = 'subjects' | 'facets';

export interface RulesFilter {
  view: RulesView;
  q: string;
  localOnly: boolean;
}

function ruleHref(view: RulesView, key: string): string {
  return `/admin/records/rules/${view}/${encodeURIComponent(key)}`;
}

function Tabs({ v, current }: { v: ViewContext; current: RulesView }) {
  return (
    <nav aria-label={v.t('records.rules.tabs')} class="mb-4 flex gap-4 border-b border-slate-200">
      {(['subjects', 'facets'] as const).map((view) => (
        <a
          href={`/admin/records/rules?view=${view}`}
          class={`-mb-px border-b-2 px-1 pb-2 font-semibold ${view === current ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-700'}`}
          aria-current={view === current ? 'page' : undefined}
        >
          {v.t(view === 'subjects' ? 'records.rules.subjects' : 'records.rules.facets')}
        </a>
      ))}
    </nav>
  );
}

export function RulesTable({
  v,
  view,
  items,
  next,
  filter,
}: {
  v: ViewContext;
  view: RulesView;
  items: RuleItem[];
  next: string | null;
  filter: RulesFilter;
}) {
  const keyLabel = v.t(view === 'subjects' ? 'records.rules.number' : 'records.rules.code');
  const moreQuery = new URLSearchParams({
    view,
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.localOnly ? { local: '1' } : {}),
    ...(next ? { after: next } : {}),
  });
  return (
    <div id="rule-results">
      {items.length === 0 ? (
        <p class="text-slate-700">{v.t('records.rules.noneFound')}</p>
      ) : (
        <ScrollTable label={v.t(view === 'subjects' ? 'records.rules.subjects' : 'records.rules.facets')}>
          <table class="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{keyLabel}</th>
                <th scope="col">{v.t('records.rules.titleCol')}</th>
                <th scope="col">{v.t('records.rules.kl')}</th>
                <th scope="col">{v.t('records.rules.local')}</th>
                <th scope="col">{v.t('records.rules.inForce')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <th scope="row" class="whitespace-nowrap font-mono" data-label={keyLabel}>
                    <a href={ruleHref(view, item.key)}>{item.key}</a>
                  </th>
                  <td data-label={v.t('records.rules.titleCol')}>{item.title}</td>
                  <td data-label={v.t('records.rules.kl')}>
                    {ruleLabel(v, item.kl.retention, item.kl.years)}
                    {item.deletionPeriod && (
                      <span class="block text-sm text-slate-600">
                        {v.t('records.rules.deletionPeriod', { period: periodText(v, item.deletionPeriod) })}
                      </span>
                    )}
                  </td>
                  <td data-label={v.t('records.rules.local')}>
                    {item.local ? ruleLabel(v, item.local.retention, item.local.years) : '–'}
                  </td>
                  <td data-label={v.t('records.rules.inForce')}>{sideLabel(v, item.inForce)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {next && (
        <p class="mt-4">
          <a href={`/admin/records/rules?${moreQuery.toString()}`} class="btn-secondary">
            {v.t('records.rules.more')}
          </a>
        </p>
      )}
    </div>
  );
}

export function RulesPage({
  v,
  filter,
  items,
  next,
}: {
  v: ViewContext;
  filter: RulesFilter;
  items: RuleItem[];
  next: string | null;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('records.rules.title')} lead={v.t('records.rules.intro')} />
      <section aria-labelledby="rules-combination" class="card mb-6 max-w-3xl">
        <h2 id="rules-combination" class="mb-2 text-lg font-bold">
          {v.t('records.rules.combination')}
        </h2>
        <ul class="list-disc pl-5 text-slate-800">
          <li>{v.t('records.rules.combination.preserve')}</li>
          <li>{v.t('records.rules.combination.dispose')}</li>
          <li>{v.t('records.rules.combination.facetSilent')}</li>
          <li>{v.t('records.rules.combination.unclear')}</li>
        </ul>
        <p class="mt-2 text-sm text-slate-700">{v.t('records.rules.combination.source')}</p>
      </section>
      <Tabs v={v} current={filter.view} />
      {filter.view === 'subjects' && (
        <form
          method="get"
          action="/admin/records/rules"
          class="card mb-6"
          hx-get="/admin/records/rules"
          hx-target="#rule-results"
          hx-swap="outerHTML"
          hx-push-url="true"
          aria-label={v.t('records.rules.filter')}
        >
          <input type="hidden" name="view" value="subjects" />
          <TextField
            id="q"
            type="search"
            label={v.t('records.rules.q')}
            hint={v.t('records.rules.q.hint')}
            value={filter.q}
            spellcheck={false}
          />
          <Checkbox id="local" label={v.t('records.rules.localOnly')} checked={filter.localOnly} />
          <button type="submit" class="btn-primary">
            {v.t('records.rules.search')}
          </button>
        </form>
      )}
      <RulesTable v={v} view={filter.view} items={items} next={next} filter={filter} />
    </>
  );
}

export interface LocalRuleForm {
  input: { retention: string; years: string; reason: string };
  errors: FieldErrors;
  /** Which form the errors belong to. */
  which: 'set' | 'clear';
}

export function RuleEditPage({
  v,
  view,
  item,
  inheriting,
  form,
}: {
  v: ViewContext;
  view: RulesView;
  item: RuleItem;
  inheriting: number;
  form?: LocalRuleForm;
}) {
  const base = ruleHref(view, item.key);
  const title = `${item.key} ${item.title}`;
  const set = form?.which === 'set' ? form : null;
  const clear = form?.which === 'clear' ? form : null;
  const setInput = set?.input ?? {
    retention: item.local?.retention ?? '',
    years: item.local?.years != null ? String(item.local.years) : '',
    reason: '',
  };
  const errors: FieldErrors = {
    ...(set?.errors ?? {}),
    ...Object.fromEntries(Object.entries(clear?.errors ?? {}).map(([k, m]) => [`clear-${k}`, m])),
  };
  return (
    <>
      <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
        <a href="/admin">{v.t('admin.title')}</a> ›{' '}
        <a href={`/admin/records/rules?view=${view}`}>{v.t('records.rules.title')}</a>
      </nav>
      <PageHeader title={title} lead={v.t(view === 'subjects' ? 'records.rules.subject' : 'records.rules.facet')} />
      <ErrorSummary t={v.t} errors={errors} />
      <section aria-labelledby="rule-now" class="card mb-6 max-w-3xl">
        <h2 id="rule-now" class="mb-3 text-lg font-bold">
          {v.t('records.rules.now')}
        </h2>
        <dl class="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt class="text-slate-600">{v.t('records.rules.kl')}</dt>
          <dd>{ruleLabel(v, item.kl.retention, item.kl.years)}</dd>
          {view === 'subjects' && (
            <>
              <dt class="text-slate-600">{v.t('records.rules.deletion')}</dt>
              <dd>{item.deletionPeriod ? `${periodText(v, item.deletionPeriod)} (${item.deletionPeriod})` : '–'}</dd>
            </>
          )}
          <dt class="text-slate-600">{v.t('records.rules.local')}</dt>
          <dd>
            {item.local ? (
              <>
                {ruleLabel(v, item.local.retention, item.local.years)}
                <span class="block text-sm text-slate-700">
                  {v.t('records.rules.localBy', {
                    reason: item.local.reason ?? '–',
                    who: item.local.changedBy ?? '–',
                    when: item.local.changedAt ? formatDateTime(item.local.changedAt, v.locale) : '–',
                  })}
                </span>
              </>
            ) : (
              v.t('records.rules.noLocal')
            )}
          </dd>
          <dt class="text-slate-600">{v.t('records.rules.inForce')}</dt>
          <dd>{sideLabel(v, item.inForce)}</dd>
          <dt class="text-slate-600">{v.t('records.rules.inheriting')}</dt>
          <dd>{formatNumber(inheriting, v.locale)}</dd>
        </dl>
      </section>
      {v.can('records.manage') ? (
        <>
          <section aria-labelledby="rule-set" class="mb-6 max-w-3xl">
            <h2 id="rule-set" class="mb-2 text-lg font-bold">
              {v.t('records.rules.setTitle')}
            </h2>
            <form method="post" action={`${base}/local-rule`} class="card" novalidate>
              <div class="grid gap-x-4 sm:grid-cols-2">
                <SelectField
                  id="retention"
                  label={v.t('records.rules.retention')}
                  value={setInput.retention}
                  error={set?.errors.retention}
                  options={retentionOptions(v, v.t('records.rules.choose'))}
                />
                <TextField
                  id="years"
                  label={v.t('cases.retention.years')}
                  hint={v.t('records.rule.yearsHint')}
                  value={setInput.years}
                  error={set?.errors.years}
                  inputmode="numeric"
                />
              </div>
              <TextArea
                id="reason"
                label={v.t('records.rules.reason')}
                hint={v.t('records.rules.reason.hint')}
                value={setInput.reason}
                error={set?.errors.reason}
                required
                rows={3}
              />
              <button type="submit" class="btn-primary">
                {v.t('records.rules.save')}
              </button>
            </form>
          </section>
          {item.local && (
            <section aria-labelledby="rule-clear" class="mb-6 max-w-3xl">
              <h2 id="rule-clear" class="mb-2 text-lg font-bold">
                {v.t('records.rules.clearTitle')}
              </h2>
              <form method="post" action={`${base}/local-rule/deletion`} class="card" novalidate>
                <p class="mb-3 text-slate-700">{v.t('records.rules.clearIntro')}</p>
                <TextArea
                  id="clear-reason"
                  name="reason"
                  label={v.t('records.rules.reason')}
                  value={clear?.input.reason ?? ''}
                  error={clear?.errors.reason}
                  required
                  rows={2}
                />
                <button type="submit" class="btn-secondary">
                  {v.t('records.rules.clear')}
                </button>
              </form>
            </section>
          )}
        </>
      ) : (
        <Notice kind="info">
          <p>{v.t('records.rules.viewOnly')}</p>
        </Notice>
      )}
    </>
  );
}
