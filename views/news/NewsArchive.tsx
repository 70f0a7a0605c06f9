import type { ViewContext } from '../context.ts';
import type { NewsCardItem, NewsSearchHit } from '../../src/modules/news/service.ts';
import { formatDate, formatNumber } from '../../src/i18n/index.ts';
import { TextField } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { Marked } from '../cases/CaseSearch.tsx';
import { NewsCard } from './NewsList.tsx';

export interface ArchiveState {
  view: 'published' | 'unpublished';
  q: string;
  /** Set when searching. */
  hits: NewsSearchHit[] | null;
  items: NewsCardItem[];
  /** The keyset cursor of the next page, as a query value. */
  next: string | null;
  /** The viewer may see scheduled and unpublished items. */
  editor: boolean;
}

function archiveHref(s: Pick<ArchiveState, 'view'>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (s.view === 'unpublished') p.set('view', 'unpublished');
  for (const [k, val] of Object.entries(extra)) if (val) p.set(k, val);
  const qs = p.toString();
  return qs ? `/news?${qs}` : '/news';
}

/** Search hits with the matches marked; also for the global search page (headings at level 3). */
export function NewsHitList({ v, hits, level = 3 }: { v: ViewContext; hits: NewsSearchHit[]; level?: 3 | 4 }) {
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {hits.map((h) => (
        <li class="px-4 py-3">
          <p class="text-xs text-slate-600">
            <time datetime={h.publishAt}>{formatDate(h.publishAt, v.locale)}</time>
            {h.pinned && ` · ${v.t('news.pinned')}`}
            {h.mustRead && ` · ${v.t('news.mustRead')}`}
          </p>
          <H class="font-semibold">
            <a href={`/news/${h.id}`}>
              <Marked text={h.title} />
            </a>
          </H>
          {h.snippet && (
            <p class="mt-1 text-sm text-slate-800">
              <Marked text={h.snippet} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

export function NewsResults({ v, s }: { v: ViewContext; s: ArchiveState }) {
  return (
    <section id="news-results" aria-labelledby="news-results-title">
      <h2 id="news-results-title" class="sr-only">
        {s.hits ? v.t('news.search.results') : v.t(`news.view.${s.view}`)}
      </h2>
      {s.hits ? (
        s.hits.length === 0 ? (
          <p class="card">{v.t('news.search.none', { q: s.q })}</p>
        ) : (
          <>
            <p class="mb-3 text-sm text-slate-600">
              {v.t('news.search.count', { count: formatNumber(s.hits.length, v.locale) })}
            </p>
            <NewsHitList v={v} hits={s.hits} />
          </>
        )
      ) : s.items.length === 0 ? (
        <p class="card">{v.t('news.none')}</p>
      ) : (
        <>
          <p class="mb-3 text-sm text-slate-600">
            {v.t('news.count', { count: formatNumber(s.items.length, v.locale) })}
          </p>
          <ul class="space-y-4">
            {s.items.map((item) => (
              <li>
                <NewsCard v={v} item={item} />
              </li>
            ))}
          </ul>
          {s.next && (
            <p class="mt-4">
              <a class="btn-secondary" href={archiveHref(s, { after: s.next })}>
                {v.t('news.more')}
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function NewsArchivePage({ v, s }: { v: ViewContext; s: ArchiveState }) {
  return (
    <>
      <PageHeader
        title={v.t('news.title')}
        lead={v.t('news.lead')}
        actions={
          v.can('news.publish') && (
            <a href="/news/new" class="btn-primary">
              {v.t('news.new')}
            </a>
          )
        }
      />
      {s.editor && (
        <nav aria-label={v.t('news.views')} class="mb-6 overflow-x-auto border-b border-slate-200">
          <ul class="flex gap-1">
            {(['published', 'unpublished'] as const).map((view) => (
              <li>
                <a
                  href={view === 'published' ? '/news' : '/news?view=unpublished'}
                  aria-current={view === s.view ? 'page' : undefined}
                  class={`inline-flex min-h-11 items-center whitespace-nowrap border-b-4 px-3 font-semibold no-underline ${
                    view === s.view
                      ? 'border-brand-600 text-brand-800'
                      : 'border-transparent text-slate-700 hover:border-slate-300'
                  }`}
                >
                  {v.t(`news.view.${view}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {s.view === 'published' && (
        <form
          method="get"
          action="/news"
          role="search"
          class="card mb-6"
          aria-label={v.t('news.search.label')}
          hx-get="/news"
          hx-target="#news-results"
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <div class="flex flex-wrap items-end gap-2">
            <TextField
              id="news-q"
              name="q"
              type="search"
              label={v.t('news.search.label')}
              value={s.q}
              class="min-w-64 flex-1"
            />
            <button type="submit" class="btn-primary">
              {v.t('news.search.submit')}
            </button>
            {s.q && (
              <a href="/news" class="btn-secondary">
                {v.t('news.search.clear')}
              </a>
            )}
          </div>
        </form>
      )}
      <NewsResults v={v} s={s} />
    </>
  );
}
