import type { ViewContext } from '../context.ts';
import type { PersonSummary } from '../../src/modules/org/service.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import type { SearchResult } from '../../src/modules/cases/search.ts';
import { HitList } from '../cases/CaseSearch.tsx';
import type { NewsSearchHit } from '../../src/modules/news/service.ts';
import type { PageHit } from '../../src/modules/pages/service.ts';
import type { Child } from 'hono/jsx';
import { NewsHitList } from '../news/NewsArchive.tsx';
import { Marked } from '../pages/parts.tsx';
import { TextField } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

export interface SearchResults {
  q: string;
  error?: string;
  people: PersonSummary[];
  units: OrgUnit[];
  /** null when the user has no access to cases. */
  cases: SearchResult | null;
  news: NewsSearchHit[];
  pages: PageHit[];
  /** Kinds other modules add (rooms), already counted and rendered. */
  extra?: Array<{ count: number; render: (v: ViewContext) => Child }>;
}

export function Group({
  id,
  title,
  count,
  more,
  children,
}: {
  v: ViewContext;
  id: string;
  title: string;
  count: string;
  more?: { href: string; label: string };
  children: Child;
}) {
  return (
    <section aria-labelledby={id} class="mb-8">
      <h3 id={id} class="mb-2 font-bold text-slate-700">
        {title} ({count})
      </h3>
      {children}
      {more && (
        <p class="mt-2">
          <a href={more.href}>{more.label}</a>
        </p>
      )}
    </section>
  );
}

export function SearchResultsView({ v, r }: { v: ViewContext; r: SearchResults }) {
  const caseHits = r.cases?.hits ?? [];
  const extra = r.extra ?? [];
  const total =
    r.people.length +
    r.units.length +
    caseHits.length +
    r.news.length +
    r.pages.length +
    extra.reduce((n, x) => n + x.count, 0);
  const n = (x: number) => formatNumber(x, v.locale);
  const qs = encodeURIComponent(r.q);
  return (
    <div id="search-results">
      {!r.q || r.error ? (
        <p class="text-slate-700">{v.t('search.empty')}</p>
      ) : total === 0 ? (
        <p class="card">{v.t('search.none', { q: r.q })}</p>
      ) : (
        <>
          <h2 class="mb-4 text-lg font-bold">
            {v.t('search.resultsFor', { q: r.q })}{' '}
            <span class="font-normal text-slate-600">
              ({v.t('search.count', { count: formatNumber(total, v.locale) })})
            </span>
          </h2>
          {caseHits.length > 0 && (
            <Group
              v={v}
              id="hits-cases"
              title={v.t('search.cases')}
              count={`${n(caseHits.length)}${r.cases?.more ? '+' : ''}`}
              more={{ href: `/cases/search?q=${qs}`, label: v.t('search.cases.all') }}
            >
              <HitList v={v} hits={caseHits} />
            </Group>
          )}
          {r.people.length > 0 && (
            <Group v={v} id="hits-people" title={v.t('search.people')} count={n(r.people.length)}>
              <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {r.people.map((p) => (
                  <li class="px-4 py-3">
                    <p class="font-semibold">
                      <a href={`/people/${encodeURIComponent(p.username)}`}>{p.displayName}</a>
                    </p>
                    <p class="text-sm text-slate-700">{[p.title, p.unitName].filter(Boolean).join(' · ')}</p>
                    <p class="text-sm">
                      {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
                      {p.phone && <span class="ml-3 text-slate-700">{p.phone}</span>}
                    </p>
                  </li>
                ))}
              </ul>
            </Group>
          )}
          {r.news.length > 0 && (
            <Group
              v={v}
              id="hits-news"
              title={v.t('search.news')}
              count={n(r.news.length)}
              more={{ href: `/news?q=${qs}`, label: v.t('search.news.all') }}
            >
              <NewsHitList v={v} hits={r.news} level={4} />
            </Group>
          )}
          {r.pages.length > 0 && (
            <Group
              v={v}
              id="hits-pages"
              title={v.t('search.pages')}
              count={n(r.pages.length)}
              more={{ href: `/pages?q=${qs}`, label: v.t('search.pages.all') }}
            >
              <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {r.pages.map((h) => (
                  <li class="px-4 py-3">
                    {h.path.length > 0 && <p class="text-xs text-slate-600">{h.path.join(' › ')}</p>}
                    <h4 class="font-semibold">
                      <a href={`/pages/${h.id}`}>
                        <Marked text={h.title} />
                      </a>
                    </h4>
                    {h.snippet && (
                      <p class="mt-1 text-sm text-slate-800">
                        <Marked text={h.snippet} />
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            </Group>
          )}
          {extra.map((x) => x.render(v))}
          {r.units.length > 0 && (
            <Group v={v} id="hits-units" title={v.t('search.units')} count={n(r.units.length)}>
              <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {r.units.map((u) => (
                  <li class="px-4 py-3">
                    <p class="font-semibold">
                      <a href={`/org?unit=${u.id}`}>{u.name}</a>
                    </p>
                    <p class="text-sm text-slate-700">{[u.email, u.phone].filter(Boolean).join(' · ')}</p>
                  </li>
                ))}
              </ul>
            </Group>
          )}
        </>
      )}
    </div>
  );
}

export function SearchPage({ v, r }: { v: ViewContext; r: SearchResults }) {
  return (
    <>
      <PageHeader title={v.t('search.title')} />
      <form method="get" action="/search" role="search" class="mb-6 flex max-w-2xl items-end gap-2">
        <TextField id="q" type="search" label={v.t('search.label')} value={r.q} error={r.error} class="flex-1" />
        <button type="submit" class="btn-primary">
          {v.t('search.submit')}
        </button>
      </form>
      <SearchResultsView v={v} r={r} />
    </>
  );
}
