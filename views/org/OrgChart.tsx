import type { ViewContext } from '../context.ts';
import type { DirectoryPerson, OrgChart, OrgNode } from '../../src/modules/org/service.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import { Avatar, photoUrl } from '../components/avatar.tsx';
import { SelectField } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import type { UnitOption } from '../people/Directory.tsx';

/**
 * The organisation as a picture, drawn on the server as HTML boxes with CSS connector lines:
 * the focused unit, its sub-units two levels down (each a link that zooms in), and the people of
 * the focused unit. Below it, the same data as a nested list for screen readers and for print.
 * A highlighted person is marked with text ("Her sidder …"), never by colour alone.
 */

export interface Highlight {
  username: string;
  displayName: string;
  unitId: number | null;
  /** The units from the top down to the person's own. */
  unitPath: number[];
}

function kindLabel(v: ViewContext, kind: OrgNode['kind']): string {
  return v.t(`org.kind.${kind}`);
}

function peopleCount(v: ViewContext, n: number): string {
  return n === 1 ? v.t('org.people.one') : v.t('org.people', { count: formatNumber(n, v.locale) });
}

function HighlightMark({ v, h, node }: { v: ViewContext; h: Highlight | null; node: OrgNode }) {
  if (!h || !h.unitPath.includes(node.id)) return null;
  const here = h.unitId === node.id;
  return (
    <p class="mt-2 rounded bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-950">
      <span aria-hidden="true">★ </span>
      {here ? v.t('org.highlight.here', { name: h.displayName }) : v.t('org.highlight.within', { name: h.displayName })}
    </p>
  );
}

/** One unit's box in the chart. */
function UnitBox({
  v,
  node,
  focus,
  h,
  small,
}: {
  v: ViewContext;
  node: OrgNode;
  focus?: boolean;
  h: Highlight | null;
  small?: boolean;
}) {
  const marked = !!h && h.unitPath.includes(node.id);
  const border = marked ? 'border-4 border-amber-500' : focus ? 'border-2 border-brand-700' : 'border border-slate-400';
  return (
    <div
      class={`relative rounded-lg bg-white ${focus ? 'w-64 p-3' : small ? 'w-40 p-2' : 'w-44 p-3'} text-left shadow-sm ${border} print:shadow-none`}
    >
      <p class="text-xs font-semibold uppercase tracking-wide text-slate-600">{kindLabel(v, node.kind)}</p>
      <p class={`${small ? 'text-sm' : 'text-base'} font-bold leading-snug break-words hyphens-auto`} lang="da">
        {focus ? (
          node.name
        ) : (
          <a href={`/org?unit=${node.id}${h ? `&person=${encodeURIComponent(h.username)}` : ''}`}>{node.name}</a>
        )}
      </p>
      {node.leader && !small && (
        <p class="mt-1 text-sm text-slate-700">
          <a href={`/people/${node.leader.username}`}>{node.leader.displayName}</a>
          {node.leader.title && <span class="block text-xs text-slate-600">{node.leader.title}</span>}
        </p>
      )}
      <p class="mt-1 text-sm text-slate-700">{peopleCount(v, node.totalCount)}</p>
      <HighlightMark v={v} h={h} node={node} />
    </div>
  );
}

function PersonCard({ v, p, h }: { v: ViewContext; p: DirectoryPerson; h: Highlight | null }) {
  const marked = h?.username === p.username;
  return (
    <li
      id={`person-${p.username}`}
      class={`flex items-center gap-3 rounded-lg bg-white p-3 ${marked ? 'border-4 border-amber-500' : 'border border-slate-300'}`}
    >
      <Avatar name={p.displayName} photo={photoUrl(p.username, p.photoSha)} size="sm" decorative />
      <div class="min-w-0">
        <a href={`/people/${p.username}`} class="font-semibold">
          {p.displayName}
        </a>
        {p.title && <p class="text-sm text-slate-700">{p.title}</p>}
        {marked && (
          <p class="mt-1 text-sm font-semibold text-amber-950">
            <span aria-hidden="true">★ </span>
            {v.t('org.highlight.person')}
          </p>
        )}
      </div>
    </li>
  );
}

/** The chart: the focused unit on top, sub-units in a row under it, their sub-units stacked below each. */
function Chart({ v, chart, h }: { v: ViewContext; chart: OrgChart; h: Highlight | null }) {
  const focus = chart.focus;
  return (
    <div class="flex min-w-max flex-col items-center px-2 py-4 print:min-w-0">
      <UnitBox v={v} node={focus} focus h={h} />
      {focus.children.length > 0 && (
        <>
          <div aria-hidden="true" class="h-6 w-0.5 bg-slate-400"></div>
          <ul
            class="flex items-start justify-center print:flex-wrap"
            aria-label={v.t('org.list.units', { unit: focus.name })}
          >
            {focus.children.map((child) => (
              <li class="relative flex flex-col items-center px-2 pt-6 before:absolute before:top-0 before:right-0 before:left-0 before:h-0.5 before:bg-slate-400 after:absolute after:top-0 after:left-1/2 after:h-6 after:w-0.5 after:bg-slate-400 first:before:left-1/2 last:before:right-1/2 only:before:hidden print:before:hidden print:after:hidden">
                <UnitBox v={v} node={child} h={h} />
                {child.children.length > 0 && (
                  <ul
                    class="mt-3 flex flex-col gap-2 border-l-2 border-slate-400 pl-3"
                    aria-label={v.t('org.list.units', { unit: child.name })}
                  >
                    {child.children.map((g) => (
                      <li>
                        <UnitBox v={v} node={g} h={h} small />
                      </li>
                    ))}
                  </ul>
                )}
                {child.hasMore && <p class="mt-2 text-sm text-slate-700">{v.t('org.more')}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The same tree as a nested list: the accessible (and printable) form of the chart. */
function TreeItem({ v, node, chart, h }: { v: ViewContext; node: OrgNode; chart: OrgChart; h: Highlight | null }) {
  const isFocus = node.id === chart.focus.id;
  const marked = !!h && h.unitPath.includes(node.id);
  return (
    <li class="mt-2">
      <p>
        {isFocus ? (
          <strong>{node.name}</strong>
        ) : (
          <a href={`/org?unit=${node.id}`} class="font-semibold">
            {node.name}
          </a>
        )}
        <span class="text-slate-700">
          {' '}
          ({kindLabel(v, node.kind)}, {peopleCount(v, node.totalCount)}
          {node.leader ? `; ${v.t('org.leader')}: ${node.leader.displayName}` : ''})
        </span>
        {marked && (
          <span class="ml-2 font-semibold text-amber-950">
            <span aria-hidden="true">★ </span>
            {h!.unitId === node.id
              ? v.t('org.highlight.here', { name: h!.displayName })
              : v.t('org.highlight.within', { name: h!.displayName })}
          </span>
        )}
      </p>
      {node.children.length > 0 && (
        <ul class="ml-5 border-l border-slate-300 pl-4" aria-label={v.t('org.list.units', { unit: node.name })}>
          {node.children.map((c) => (
            <TreeItem v={v} node={c} chart={chart} h={h} />
          ))}
        </ul>
      )}
      {node.hasMore && <p class="ml-5 pl-4 text-sm text-slate-700">{v.t('org.more')}</p>}
      {isFocus && chart.people.length > 0 && (
        <ul class="ml-5 border-l border-slate-300 pl-4" aria-label={v.t('org.list.people', { unit: node.name })}>
          {chart.people.map((p) => (
            <li class="mt-1">
              <a href={`/people/${p.username}`}>{p.displayName}</a>
              {p.title && <span class="text-slate-700">, {p.title}</span>}
              {h?.username === p.username && (
                <span class="ml-2 font-semibold text-amber-950">
                  <span aria-hidden="true">★ </span>
                  {v.t('org.highlight.person')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function OrgChartPage({
  v,
  chart,
  highlight,
  units,
}: {
  v: ViewContext;
  chart: OrgChart;
  highlight: Highlight | null;
  units: UnitOption[];
}) {
  const focus = chart.focus;
  const parent = chart.path.length > 1 ? chart.path[chart.path.length - 2]! : null;
  const withPerson = highlight ? `&person=${encodeURIComponent(highlight.username)}` : '';
  return (
    <>
      <PageHeader
        title={v.t('org.title')}
        lead={v.t('org.lead')}
        actions={
          v.can('org.manage') ? (
            <a href="/admin/org" class="btn-secondary">
              {v.t('orgAdmin.chartLink')}
            </a>
          ) : undefined
        }
      />
      <nav aria-label={v.t('org.breadcrumbs')} class="mb-4">
        <ol class="flex flex-wrap items-center gap-x-2 gap-y-1">
          {chart.path.map((u, i) => (
            <li class="flex items-center gap-2">
              {i > 0 && (
                <span aria-hidden="true" class="text-slate-400">
                  ›
                </span>
              )}
              {i === chart.path.length - 1 ? (
                <span aria-current="page" class="font-semibold">
                  {u.name}
                </span>
              ) : (
                <a href={`/org?unit=${u.id}${withPerson}`}>{u.name}</a>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {highlight && (
        <Notice kind="info">
          <p>
            {highlight.unitId === focus.id
              ? v.t('org.highlight.notice', { name: highlight.displayName, unit: focus.name })
              : highlight.unitPath.includes(focus.id)
                ? v.t('org.highlight.noticeWithin', { name: highlight.displayName, unit: focus.name })
                : v.t('org.highlight.noticeElsewhere', { name: highlight.displayName })}{' '}
            <a href={`/people/${highlight.username}`}>
              {v.t('org.highlight.profile', { name: highlight.displayName })}
            </a>
          </p>
        </Notice>
      )}
      <div class="mb-6 flex flex-wrap items-end gap-x-4 gap-y-2 print:hidden">
        <form method="get" action="/org" class="flex flex-wrap items-end gap-2">
          {highlight && <input type="hidden" name="person" value={highlight.username} />}
          <SelectField
            id="unit"
            label={v.t('org.zoom')}
            value={String(focus.id)}
            class="mb-0"
            options={units.map((u) => ({ value: String(u.id), label: `${'– '.repeat(u.depth)}${u.name}` }))}
          />
          <button type="submit" class="btn-primary">
            {v.t('org.zoom.submit')}
          </button>
        </form>
        {parent && (
          <a href={`/org?unit=${parent.id}${withPerson}`} class="btn-secondary">
            {v.t('org.up', { unit: parent.name })}
          </a>
        )}
        {chart.path.length > 1 && (
          <a
            href={
              highlight ? `/org?person=${encodeURIComponent(highlight.username)}&unit=${chart.path[0]!.id}` : '/org'
            }
            class="btn-secondary"
          >
            {v.t('org.top')}
          </a>
        )}
        <a href="#org-list" class="btn-link">
          {v.t('org.skipToList')}
        </a>
      </div>
      <section aria-labelledby="org-chart-title" class="mb-8">
        <h2 id="org-chart-title" class="mb-2 text-lg font-bold">
          {v.t('org.chart', { unit: focus.name })}
        </h2>
        <p class="mb-3 text-sm text-slate-700 print:hidden">{v.t('org.chart.hint')}</p>
        <div
          class="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 print:overflow-visible print:border-0"
          role="region"
          aria-label={v.t('org.chart.region', { unit: focus.name })}
          tabindex={0}
        >
          <Chart v={v} chart={chart} h={highlight} />
        </div>
        {chart.people.length > 0 && (
          <section aria-labelledby="org-people-title" class="mt-6">
            <h3 id="org-people-title" class="mb-3 font-bold">
              {v.t('org.peopleIn', { unit: focus.name })} ({formatNumber(chart.people.length, v.locale)})
            </h3>
            <ul class="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3">
              {chart.people.map((p) => (
                <PersonCard v={v} p={p} h={highlight} />
              ))}
            </ul>
          </section>
        )}
      </section>
      <section
        id="org-list"
        aria-labelledby="org-list-title"
        class="card print:break-before-page print:border-0 print:shadow-none"
        tabindex={-1}
      >
        <h2 id="org-list-title" class="mb-1 text-lg font-bold">
          {v.t('org.list', { unit: focus.name })}
        </h2>
        <p class="mb-2 text-sm text-slate-700">{v.t('org.list.hint')}</p>
        <ul aria-label={v.t('org.list', { unit: focus.name })}>
          <TreeItem v={v} node={focus} chart={chart} h={highlight} />
        </ul>
      </section>
    </>
  );
}
