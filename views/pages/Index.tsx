import type { ViewContext } from '../context.ts';
import { formatDate, formatNumber } from '../../src/i18n/index.ts';
import type { PageHit, PageTree } from '../../src/modules/pages/service.ts';
import { TextField } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { Marked, dateOf } from './parts.tsx';
import { PageTreeNav } from './Tree.tsx';

export interface PagesIndexData {
  tree: PageTree;
  q: string;
  /** null when no search was made. */
  hits: PageHit[] | null;
  due: Array<{ id: number; title: string; review_by: string }>;
  archived: Array<{ id: number; title: string; archived_at: string | null }>;
}

/** "1 side fundet" / "12 sider fundet". */
export function countText(v: Pick<ViewContext, 't' | 'locale'>, n: number): string {
  return n === 1 ? v.t('pages.search.count.one') : v.t('pages.search.count', { count: formatNumber(n, v.locale) });
}

export function PageSearchResults({ v, q, hits }: { v: ViewContext; q: string; hits: PageHit[] | null }) {
  return (
    <section id="page-search-results" aria-label={v.t('pages.search.results')}>
      {hits !== null &&
        (hits.length === 0 ? (
          <p class="card mb-6">{v.t('pages.search.none', { q })}</p>
        ) : (
          <div class="mb-6">
            <p class="mb-3 text-sm text-slate-600">{countText(v, hits.length)}</p>
            <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {hits.map((h) => (
                <li class="px-4 py-3">
                  {h.path.length > 0 && <p class="text-xs text-slate-600">{h.path.join(' › ')}</p>}
                  <p class="font-semibold">
                    <a href={`/pages/${h.id}`}>
                      <Marked text={h.title} />
                    </a>
                  </p>
                  {h.snippet && (
                    <p class="mt-1 text-sm text-slate-800">
                      <Marked text={h.snippet} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
            <p class="mt-2 text-sm">
              <a href="/pages">{v.t('pages.search.clear')}</a>
            </p>
          </div>
        ))}
    </section>
  );
}

export function PagesIndex({ v, d }: { v: ViewContext; d: PagesIndexData }) {
  return (
    <>
      <PageHeader
        title={v.t('pages.title')}
        lead={v.t('pages.lead')}
        actions={
          v.can('pages.create') && (
            <a href="/pages/new" class="btn-primary">
              {v.t('pages.new')}
            </a>
          )
        }
      />
      <form
        method="get"
        action="/pages"
        role="search"
        aria-label={v.t('pages.search')}
        class="mb-6 flex max-w-2xl flex-wrap items-end gap-2"
        hx-get="/pages"
        hx-target="#page-search-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <TextField id="q" type="search" label={v.t('pages.search.label')} value={d.q} class="min-w-56 flex-1" />
        <button type="submit" class="btn-primary">
          {v.t('pages.search.submit')}
        </button>
      </form>
      <PageSearchResults v={v} q={d.q} hits={d.hits} />
      {d.due.length > 0 && (
        <section class="card mb-6 border-amber-300 bg-amber-50" aria-labelledby="due-title">
          <h2 id="due-title" class="mb-2 text-lg font-bold">
            {v.t('pages.review.mine')}
          </h2>
          <ul class="list-disc space-y-1 pl-6">
            {d.due.map((p) => (
              <li>
                <a href={`/pages/${p.id}`}>{p.title}</a>{' '}
                <span class="text-sm text-slate-700">({dateOf(v, p.review_by)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card mb-6" aria-labelledby="tree-title">
        <h2 id="tree-title" class="mb-3 text-lg font-bold">
          {v.t('pages.tree')}
        </h2>
        <PageTreeNav v={v} tree={d.tree} />
      </section>
      {d.archived.length > 0 && (
        <details class="card mb-6">
          <summary class="cursor-pointer font-semibold">
            {v.t('pages.archived.list')} ({formatNumber(d.archived.length, v.locale)})
          </summary>
          <ul class="mt-3 list-disc space-y-1 pl-6">
            {d.archived.map((p) => (
              <li>
                <a href={`/pages/${p.id}`}>{p.title}</a>
                {p.archived_at && <span class="text-sm text-slate-700"> ({formatDate(p.archived_at, v.locale)})</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
