import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { CaseSummary, DeadlineItem } from '../../src/modules/cases/service.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { SelectField, TextField } from '../components/form.tsx';

export type ListTab = 'mine' | 'unit' | 'all' | 'deadlines' | 'recent' | 'near';

const TABS: Array<{ tab: ListTab; href: string }> = [
  { tab: 'mine', href: '/cases?view=mine' },
  { tab: 'unit', href: '/cases?view=unit' },
  { tab: 'all', href: '/cases?view=all' },
  { tab: 'deadlines', href: '/cases/deadlines' },
  { tab: 'recent', href: '/cases/recent' },
  { tab: 'near', href: '/cases/near' },
];

export function StatusBadge({ v, status }: { v: ViewContext; status: CaseSummary['status'] }) {
  const style =
    status === 'open'
      ? 'bg-green-100 text-green-900'
      : status === 'closed'
        ? 'bg-slate-200 text-slate-800'
        : 'bg-amber-100 text-amber-900';
  return <span class={`badge ${style}`}>{v.t(`cases.status.${status}`)}</span>;
}

export function ConfidentialBadge({ v }: { v: ViewContext }) {
  return <span class="badge bg-red-100 text-red-900">{v.t('cases.confidential.badge')}</span>;
}

export function CaseTabs({ v, current }: { v: ViewContext; current: ListTab }) {
  return (
    <nav aria-label={v.t('cases.lists')} class="mb-6 overflow-x-auto border-b border-slate-200">
      <ul class="flex gap-1">
        {TABS.map((t) => (
          <li>
            <a
              href={t.href}
              aria-current={t.tab === current ? 'page' : undefined}
              class={`inline-flex min-h-11 items-center whitespace-nowrap border-b-4 px-3 font-semibold no-underline ${
                t.tab === current
                  ? 'border-brand-600 text-brand-800'
                  : 'border-transparent text-slate-700 hover:border-slate-300'
              }`}
            >
              {v.t(`cases.view.${t.tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One row per case: kept deliberately cheap (plain strings, no nested components per cell). */
export function CaseTable({
  v,
  items,
  extra,
}: {
  v: ViewContext;
  items: CaseSummary[];
  extra?: { heading: string; cell: (c: CaseSummary) => string };
}) {
  const status = {
    open: v.t('cases.status.open'),
    closed: v.t('cases.status.closed'),
    archived: v.t('cases.status.archived'),
  };
  const type = {
    subject: v.t('cases.type.subject'),
    geo: v.t('cases.type.geo'),
    citizen: v.t('cases.type.citizen'),
    company: v.t('cases.type.company'),
    access_request: v.t('cases.type.access_request'),
  };
  const confidential = v.t('cases.confidential.badge');
  return (
    <ScrollTable label={v.t('cases.title')}>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{v.t('cases.number')}</th>
            <th scope="col">{v.t('cases.caseTitle')}</th>
            <th scope="col">{v.t('cases.type')}</th>
            <th scope="col">{v.t('cases.status')}</th>
            <th scope="col">{v.t('cases.unit')}</th>
            <th scope="col">{v.t('cases.caseworker')}</th>
            <th scope="col">{extra ? extra.heading : v.t('cases.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map(
            (c) =>
              // Rows as a tagged template (values escaped by hono's html): per DESIGN.md's speed notes,
              // a list page's cost is its rows, and this is several times cheaper than nested JSX.
              html`<tr><td class="whitespace-nowrap font-mono text-xs"><a href="/cases/${c.id}">${c.number}</a></td><td><a href="/cases/${c.id}" class="font-semibold">${c.title}</a>${
                c.confidential ? html`<span class="badge ml-2 bg-red-100 text-red-900">${confidential}</span>` : ''
              }</td><td>${type[c.type]}</td><td>${status[c.status]}</td><td>${c.unitName ?? ''}</td><td>${c.caseworkerName ?? ''}</td><td class="whitespace-nowrap">${
                extra ? extra.cell(c) : formatDate(c.updatedAt, v.locale)
              }</td></tr>`,
          )}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export interface ListFilter {
  view: 'mine' | 'unit' | 'all';
  status: string;
  type: string;
  kle: string;
  /** '1': only confidential cases (records managers find every one of them this way). */
  confidential: string;
  sort: string;
}

export function listQuery(f: ListFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, val] of Object.entries({ ...f, ...extra })) if (val) p.set(k, val);
  return `/cases?${p}`;
}

export function CaseResults({
  v,
  items,
  next,
  filter,
}: {
  v: ViewContext;
  items: CaseSummary[];
  next: string | null;
  filter: ListFilter;
}) {
  return (
    <section id="case-results" aria-labelledby="case-results-title">
      <h2 id="case-results-title" class="sr-only">
        {v.t('cases.title')}
      </h2>
      <p class="mb-3 text-sm text-slate-600">{v.t('cases.count', { count: formatNumber(items.length, v.locale) })}</p>
      {items.length === 0 ? <p class="card">{v.t('cases.none')}</p> : <CaseTable v={v} items={items} />}
      {next && (
        <p class="mt-4">
          <a class="btn-secondary" href={listQuery(filter, { after: next })}>
            {v.t('cases.more')}
          </a>
        </p>
      )}
    </section>
  );
}

export function CaseListPage({
  v,
  items,
  next,
  filter,
}: {
  v: ViewContext;
  items: CaseSummary[];
  next: string | null;
  filter: ListFilter;
}) {
  return (
    <>
      <PageHeader
        title={v.t(`cases.view.${filter.view}`)}
        actions={
          v.can('cases.create') && (
            <a href="/cases/new" class="btn-primary">
              {v.t('cases.new')}
            </a>
          )
        }
      />
      <CaseTabs v={v} current={filter.view} />
      <form
        method="get"
        action="/cases"
        class="card mb-6"
        hx-get="/cases"
        hx-target="#case-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        aria-label={v.t('cases.filter')}
      >
        <input type="hidden" name="view" value={filter.view} />
        <div class="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            id="status"
            label={v.t('cases.status')}
            value={filter.status}
            options={[
              { value: '', label: v.t('cases.filter.any') },
              { value: 'open', label: v.t('cases.status.open') },
              { value: 'closed', label: v.t('cases.status.closed') },
              { value: 'archived', label: v.t('cases.status.archived') },
            ]}
          />
          <SelectField
            id="type"
            label={v.t('cases.type')}
            value={filter.type}
            options={[
              { value: '', label: v.t('cases.filter.any') },
              ...(['subject', 'geo', 'citizen', 'company', 'access_request'] as const).map((t) => ({
                value: t,
                label: v.t(`cases.type.${t}`),
              })),
            ]}
          />
          <TextField id="kle" label={v.t('cases.kle')} value={filter.kle} inputmode="numeric" spellcheck={false} />
          <SelectField
            id="confidential"
            label={v.t('cases.filter.confidential')}
            value={filter.confidential}
            options={[
              { value: '', label: v.t('cases.filter.any') },
              { value: '1', label: v.t('cases.filter.confidentialOnly') },
            ]}
          />
          <SelectField
            id="sort"
            label={v.t('cases.sort')}
            value={filter.sort}
            options={[
              { value: 'updated', label: v.t('cases.sort.updated') },
              { value: 'number', label: v.t('cases.sort.number') },
              { value: 'title', label: v.t('cases.sort.title') },
            ]}
          />
        </div>
        <div class="flex gap-2">
          <button type="submit" class="btn-primary">
            {v.t('cases.filter.apply')}
          </button>
          <a class="btn-secondary" href={`/cases?view=${filter.view}`}>
            {v.t('cases.filter.reset')}
          </a>
        </div>
      </form>
      <CaseResults v={v} items={items} next={next} filter={filter} />
    </>
  );
}

export function DeadlinesPage({ v, items, scope }: { v: ViewContext; items: DeadlineItem[]; scope: 'mine' | 'unit' }) {
  return (
    <>
      <PageHeader title={v.t('cases.view.deadlines')} />
      <CaseTabs v={v} current="deadlines" />
      <p class="mb-4 flex gap-4">
        <a
          href="/cases/deadlines?scope=mine"
          aria-current={scope === 'mine' ? 'page' : undefined}
          class={scope === 'mine' ? 'font-bold' : ''}
        >
          {v.t('cases.view.mine')}
        </a>
        <a
          href="/cases/deadlines?scope=unit"
          aria-current={scope === 'unit' ? 'page' : undefined}
          class={scope === 'unit' ? 'font-bold' : ''}
        >
          {v.t('cases.view.unit')}
        </a>
      </p>
      {items.length === 0 ? (
        <p class="card">{v.t('cases.deadlines.none')}</p>
      ) : (
        <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((d) => (
            <li class="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
              <div>
                <p class="font-semibold">{d.title}</p>
                <p class="text-sm">
                  <a href={`/cases/${d.caseId}`}>
                    <span class="font-mono text-xs">{d.caseNumber}</span> {d.caseTitle}
                  </a>
                </p>
              </div>
              <p class={d.overdue ? 'font-semibold text-red-800' : 'text-slate-700'}>
                {d.overdue ? `${v.t('cases.deadlines.overdue')}: ` : `${v.t('cases.deadlines.due')}: `}
                <time datetime={d.dueOn}>{formatDate(`${d.dueOn}T12:00:00Z`, v.locale)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function RecentPage({ v, items }: { v: ViewContext; items: Array<CaseSummary & { viewedAt: string }> }) {
  return (
    <>
      <PageHeader title={v.t('cases.view.recent')} />
      <CaseTabs v={v} current="recent" />
      {items.length === 0 ? (
        <p class="card">{v.t('cases.recent.none')}</p>
      ) : (
        <CaseTable
          v={v}
          items={items}
          extra={{
            heading: v.t('cases.viewed'),
            cell: (c) => formatDateTime((c as CaseSummary & { viewedAt: string }).viewedAt, v.locale),
          }}
        />
      )}
    </>
  );
}

export function NearPage({
  v,
  point,
  radius,
  error,
  items,
}: {
  v: ViewContext;
  point: string;
  radius: string;
  error?: string;
  items: Array<CaseSummary & { distance: number }> | null;
}) {
  return (
    <>
      <PageHeader title={v.t('cases.view.near')} />
      <CaseTabs v={v} current="near" />
      <form method="get" action="/cases/near" class="card mb-6 grid gap-x-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <TextField
          id="point"
          label={v.t('cases.near.center')}
          value={point}
          hint={v.t('cases.point.hint')}
          error={error}
          spellcheck={false}
        />
        <TextField id="radius" label={v.t('cases.near.radius')} value={radius} inputmode="numeric" />
        <div class="mb-5">
          <button type="submit" class="btn-primary">
            {v.t('cases.filter.apply')}
          </button>
        </div>
      </form>
      {items &&
        (items.length === 0 ? (
          <p class="card">{v.t('cases.near.none')}</p>
        ) : (
          <CaseTable
            v={v}
            items={items}
            extra={{
              heading: v.t('cases.near.distance'),
              cell: (c) =>
                v.t('cases.near.metres', {
                  metres: formatNumber((c as CaseSummary & { distance: number }).distance, v.locale),
                }),
            }}
          />
        ))}
    </>
  );
}
