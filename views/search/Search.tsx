import type { ViewContext } from '../context.ts';
import type { PersonSummary } from '../../src/modules/org/service.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import type { SearchResult } from '../../src/modules/cases/search.ts';
import { HitList } from '../cases/CaseSearch.tsx';
import { TextField } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

export interface SearchResults {
  q: string;
  error?: string;
  people: PersonSummary[];
  units: OrgUnit[];
  /** null when the user has no access to cases. */
  cases: SearchResult | null;
}

export function SearchResultsView({ v, r }: { v: ViewContext; r: SearchResults }) {
  const caseHits = r.cases?.hits ?? [];
  const total = r.people.length + r.units.length + caseHits.length;
  return (
    <div id="search-results">
      {!r.q || r.error ? (
        <p class="text-slate-700">{v.t('search.empty')}</p>
      ) : total === 0 ? (
        <p class="card">{v.t('search.none', { q: r.q })}</p>
      ) : (
        <>
          <h2 class="mb-4 text-lg font-bold">
            {v.t('search.resultsFor', { q: r.q })} <span class="font-normal text-slate-600">({v.t('search.count', { count: formatNumber(total, v.locale) })})</span>
          </h2>
          {caseHits.length > 0 && (
            <section aria-labelledby="hits-cases" class="mb-8">
              <h3 id="hits-cases" class="mb-2 font-bold text-slate-700">
                {v.t('search.cases')} ({formatNumber(caseHits.length, v.locale)}
                {r.cases?.more ? '+' : ''})
              </h3>
              <HitList v={v} hits={caseHits} />
              <p class="mt-2">
                <a href={`/cases/search?q=${encodeURIComponent(r.q)}`}>{v.t('search.cases.all')}</a>
              </p>
            </section>
          )}
          {r.people.length > 0 && (
            <section aria-labelledby="hits-people" class="mb-8">
              <h3 id="hits-people" class="mb-2 font-bold text-slate-700">
                {v.t('search.people')} ({formatNumber(r.people.length, v.locale)})
              </h3>
              <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {r.people.map((p) => (
                  <li class="px-4 py-3">
                    <p class="font-semibold">{p.displayName}</p>
                    <p class="text-sm text-slate-700">{[p.title, p.unitName].filter(Boolean).join(' · ')}</p>
                    <p class="text-sm">
                      {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
                      {p.phone && <span class="ml-3 text-slate-700">{p.phone}</span>}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {r.units.length > 0 && (
            <section aria-labelledby="hits-units">
              <h3 id="hits-units" class="mb-2 font-bold text-slate-700">
                {v.t('search.units')} ({formatNumber(r.units.length, v.locale)})
              </h3>
              <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {r.units.map((u) => (
                  <li class="px-4 py-3">
                    <p class="font-semibold">{u.name}</p>
                    <p class="text-sm text-slate-700">{[u.email, u.phone].filter(Boolean).join(' · ')}</p>
                  </li>
                ))}
              </ul>
            </section>
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
