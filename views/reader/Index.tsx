import type { ViewContext } from '../context.ts';
import { formatDateTime, formatLongDate } from '../../src/i18n/index.ts';
import { highlightParts } from '../../src/search/text.ts';
import type { ReaderListEntry } from '../../src/modules/reader/index.ts';
import type { ReaderHit } from '../../src/modules/reader/index.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { Badge, ReaderNav } from './parts.tsx';

export function ReaderIndex({
  v,
  d,
}: {
  v: ViewContext;
  d: { hasPerson: boolean; upcoming: ReaderListEntry[]; past: ReaderListEntry[] };
}) {
  return (
    <>
      <PageHeader title={v.t('reader.title')} lead={v.t('reader.lead')} />
      <ReaderNav v={v} current="meetings" />
      {!d.hasPerson && !v.can('meetings.manage') && (
        <Notice kind="info">
          <p>{v.t('reader.noPerson')}</p>
        </Notice>
      )}
      <MeetingList
        v={v}
        id="upcoming"
        title={v.t('reader.upcoming')}
        empty={v.t('reader.none.upcoming')}
        entries={d.upcoming}
      />
      <MeetingList v={v} id="past" title={v.t('reader.past')} empty={v.t('reader.none.past')} entries={d.past} />
    </>
  );
}

function MeetingList({
  v,
  id,
  title,
  empty,
  entries,
}: {
  v: ViewContext;
  id: string;
  title: string;
  empty: string;
  entries: ReaderListEntry[];
}) {
  return (
    <section aria-labelledby={`${id}-title`} class="mb-8">
      <h2 id={`${id}-title`} class="mb-3 text-xl font-bold">
        {title}
      </h2>
      {entries.length === 0 ? (
        <p class="text-slate-700">{empty}</p>
      ) : (
        <ul class="grid gap-3 md:grid-cols-2">
          {entries.map((e) => (
            <li>
              <a
                href={`/reader/meetings/${e.id}`}
                class="card block min-h-11 text-slate-900 no-underline hover:border-brand-600 hover:bg-brand-50 focus-visible:border-brand-600"
              >
                <span class="block text-sm font-semibold text-brand-800">{e.committeeName}</span>
                <span class="block text-lg font-bold">
                  <time datetime={e.startsAt}>{formatLongDate(e.startsAt, v.locale)}</time>
                </span>
                <span class="block text-slate-700">
                  {e.title} · {formatDateTime(e.startsAt, v.locale).split(' ').slice(-1)[0]}
                </span>
                <span class="mt-2 flex flex-wrap gap-2">
                  {e.status === 'cancelled' && <Badge tone="warn">{v.t('reader.cancelled')}</Badge>}
                  {e.approvalNeeded && <Badge tone="warn">{v.t('reader.approve.needed')}</Badge>}
                  {e.minutesPublished ? (
                    <Badge tone="info">{v.t('reader.minutes')}</Badge>
                  ) : (
                    <Badge tone="info">{v.t('reader.agenda')}</Badge>
                  )}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ReaderSearchResults({ v, q, hits }: { v: ViewContext; q: string; hits: ReaderHit[] | null }) {
  return (
    <div id="reader-results">
      {hits !== null && (
        <section aria-labelledby="results-title">
          <h2 id="results-title" class="mb-3 text-xl font-bold">
            {v.t('reader.search.results')}
          </h2>
          <p class="mb-3 text-slate-700" id="result-count">
            {hits.length === 0
              ? v.t('reader.search.none', { q })
              : hits.length === 1
                ? v.t('reader.search.one')
                : v.t('reader.search.count', { count: hits.length })}
          </p>
          <ul class="space-y-3">
            {hits.map((h) => (
              <li>
                <a
                  href={`/reader/meetings/${h.meetingId}/items/${h.itemId}?view=${h.kind}`}
                  class="card block min-h-11 text-slate-900 no-underline hover:border-brand-600 hover:bg-brand-50"
                >
                  <span class="block text-sm text-slate-700">
                    {h.committeeName} · {formatLongDate(h.startsAt, v.locale)} ·{' '}
                    {v.t(h.kind === 'minutes' ? 'reader.minutes' : 'reader.agenda')}
                  </span>
                  <span class="block text-lg font-bold text-brand-800 underline">
                    {h.number}. <Marked text={h.title} />
                  </span>
                  {h.closed && <Badge tone="closed">{v.t('reader.item.closed')}</Badge>}
                  <span class="mt-1 block text-slate-800">
                    <Marked text={h.snippet} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Marked({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((p) => (p.hit ? <mark class="bg-yellow-200 text-slate-900">{p.text}</mark> : p.text))}
    </>
  );
}

export function ReaderSearch({ v, q, hits }: { v: ViewContext; q: string; hits: ReaderHit[] | null }) {
  return (
    <>
      <PageHeader title={v.t('reader.search')} lead={v.t('reader.search.hint')} />
      <ReaderNav v={v} current="search" />
      <form
        role="search"
        method="get"
        action="/reader/search"
        class="mb-6 flex max-w-2xl flex-wrap items-end gap-2"
        hx-get="/reader/search"
        hx-target="#reader-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <div class="min-w-0 flex-1">
          <label class="label" for="reader-q">
            {v.t('reader.search.label')}
          </label>
          <input class="input min-h-11" id="reader-q" name="q" type="search" value={q} autocomplete="off" />
        </div>
        <button type="submit" class="btn-primary">
          {v.t('reader.search.submit')}
        </button>
      </form>
      <ReaderSearchResults v={v} q={q} hits={hits} />
    </>
  );
}
