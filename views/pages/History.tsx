import { raw } from 'hono/html';
import type { ViewContext } from '../context.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import type { DiffPart, PageDiff, RevisionSummary } from '../../src/modules/pages/service.ts';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { Breadcrumbs, PROSE } from './parts.tsx';

interface PageRef {
  id: number;
  title: string;
  current_revision: number;
}

/** The GET form that picks two versions to compare (a real form: works without scripts). */
export function CompareForm({
  v,
  page,
  revisions,
  from,
  to,
}: {
  v: ViewContext;
  page: PageRef;
  revisions: RevisionSummary[];
  from: number;
  to: number;
}) {
  const options = (selected: number) =>
    revisions.map((r) => (
      <option value={String(r.revision)} selected={r.revision === selected}>
        {v.t('pages.compare.option', {
          revision: r.revision,
          time: formatDateTime(r.created_at, v.locale),
          name: r.author_name,
        })}
      </option>
    ));
  return (
    <form method="get" action={`/pages/${page.id}/diff`} class="card mb-6" aria-labelledby="compare-title">
      <h2 id="compare-title" class="mb-3 text-lg font-bold">
        {v.t('pages.compare')}
      </h2>
      <div class="flex flex-wrap items-end gap-4">
        <div class="min-w-0 flex-1">
          <label class="label" for="compare-from">
            {v.t('pages.compare.from')}
          </label>
          <select class="input" id="compare-from" name="from">
            {options(from)}
          </select>
        </div>
        <div class="min-w-0 flex-1">
          <label class="label" for="compare-to">
            {v.t('pages.compare.to')}
          </label>
          <select class="input" id="compare-to" name="to">
            {options(to)}
          </select>
        </div>
        <button type="submit" class="btn-primary">
          {v.t('pages.compare.submit')}
        </button>
      </div>
    </form>
  );
}

export function HistoryScreen({
  v,
  page,
  trail,
  revisions,
}: {
  v: ViewContext;
  page: PageRef;
  trail: Array<{ id: number; title: string }>;
  revisions: RevisionSummary[];
}) {
  const latest = revisions[0]?.revision ?? page.current_revision;
  return (
    <>
      <Breadcrumbs v={v} trail={[...trail, { id: page.id, title: page.title }]} />
      <PageHeader title={v.t('pages.history.title', { title: page.title })} lead={v.t('pages.history.lead')} />
      {revisions.length > 1 && (
        <CompareForm v={v} page={page} revisions={revisions} from={Math.max(1, latest - 1)} to={latest} />
      )}
      <ScrollTable label={v.t('pages.history.table')}>
        <table class="data-table">
          <caption class="sr-only">{v.t('pages.history.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{v.t('pages.history.revision')}</th>
              <th scope="col">{v.t('pages.history.time')}</th>
              <th scope="col">{v.t('pages.history.author')}</th>
              <th scope="col">{v.t('pages.history.note')}</th>
              <th scope="col">{v.t('pages.history.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr>
                <td class="whitespace-nowrap">
                  {r.revision}
                  {r.revision === page.current_revision && (
                    <span class="badge ml-2 bg-green-100 text-green-900">{v.t('pages.history.current')}</span>
                  )}
                </td>
                <td class="whitespace-nowrap">
                  <time datetime={r.created_at}>{formatDateTime(r.created_at, v.locale)}</time>
                </td>
                <td>{r.author_name}</td>
                <td>{r.note ?? ''}</td>
                <td class="whitespace-nowrap">
                  <a
                    href={`/pages/${page.id}/revisions/${r.revision}`}
                    aria-label={v.t('pages.history.viewN', { revision: r.revision })}
                  >
                    {v.t('pages.history.view')}
                  </a>
                  {r.revision > 1 && (
                    <>
                      {' · '}
                      <a
                        href={`/pages/${page.id}/diff?from=${r.revision - 1}&to=${r.revision}`}
                        aria-label={v.t('pages.history.comparePreviousN', { revision: r.revision })}
                      >
                        {v.t('pages.history.comparePrevious')}
                      </a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

export function RevisionScreen({
  v,
  page,
  trail,
  revision,
  html,
  canEdit,
}: {
  v: ViewContext;
  page: PageRef;
  trail: Array<{ id: number; title: string }>;
  revision: { revision: number; title: string; author_name: string; created_at: string };
  /** Sanitised HTML from renderMarkdown. */
  html: string;
  canEdit: boolean;
}) {
  const isCurrent = revision.revision === page.current_revision;
  return (
    <>
      <Breadcrumbs v={v} trail={[...trail, { id: page.id, title: page.title }]} />
      <PageHeader title={v.t('pages.revision.title', { title: revision.title, revision: revision.revision })} />
      <Notice kind="info">
        <p>
          {v.t('pages.revision.notice', {
            revision: revision.revision,
            time: formatDateTime(revision.created_at, v.locale),
            name: revision.author_name,
            current: page.current_revision,
          })}
        </p>
        <p class="mt-2 flex flex-wrap gap-x-4">
          <a href={`/pages/${page.id}`}>{v.t('pages.revision.toCurrent')}</a>
          {!isCurrent && (
            <a href={`/pages/${page.id}/diff?from=${revision.revision}&to=${page.current_revision}`}>
              {v.t('pages.revision.compareCurrent')}
            </a>
          )}
          {!isCurrent && canEdit && (
            <a href={`/pages/${page.id}/edit?from=${revision.revision}`}>{v.t('pages.revision.restore')}</a>
          )}
          <a href={`/pages/${page.id}/history`}>{v.t('pages.diff.backToHistory')}</a>
        </p>
      </Notice>
      <article class="card" aria-labelledby="page-title">
        {html.trim() ? <div class={PROSE}>{raw(html)}</div> : <p class="text-slate-700">{v.t('pages.empty')}</p>}
      </article>
    </>
  );
}

/**
 * A word-level difference: additions in <ins>, removals in <del>, each also told to screen-reader
 * users in words ("tilføjet: … slut.") and shown by more than colour (underline, strike-through).
 */
export function DiffText({ v, parts }: { v: ViewContext; parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p) => {
        if (p.kind === 'skip') {
          return (
            <span class="my-2 block border-y border-dashed border-slate-300 py-1 text-center font-sans text-xs text-slate-600">
              {v.t('pages.diff.skipped', { lines: p.lines })}
            </span>
          );
        }
        if (p.kind === 'added') {
          return (
            <ins class="rounded-sm bg-green-100 text-green-950 underline decoration-green-700 decoration-2 underline-offset-2">
              <span class="sr-only">{`${v.t('pages.diff.sr.added')} `}</span>
              {p.text}
              <span class="sr-only">{` (${v.t('pages.diff.sr.addedEnd')}) `}</span>
            </ins>
          );
        }
        if (p.kind === 'removed') {
          return (
            <del class="rounded-sm bg-red-100 text-red-950 line-through decoration-red-700 decoration-2">
              <span class="sr-only">{`${v.t('pages.diff.sr.removed')} `}</span>
              {p.text}
              <span class="sr-only">{` (${v.t('pages.diff.sr.removedEnd')}) `}</span>
            </del>
          );
        }
        return p.text;
      })}
    </>
  );
}

export function DiffScreen({
  v,
  page,
  trail,
  revisions,
  diff,
}: {
  v: ViewContext;
  page: PageRef;
  trail: Array<{ id: number; title: string }>;
  revisions: RevisionSummary[];
  diff: PageDiff;
}) {
  return (
    <>
      <Breadcrumbs v={v} trail={[...trail, { id: page.id, title: page.title }]} />
      <PageHeader
        title={v.t('pages.diff.title', { title: page.title })}
        lead={v.t('pages.diff.lead', {
          from: diff.from.revision,
          fromTime: formatDateTime(diff.from.created_at, v.locale),
          fromName: diff.from.author_name,
          to: diff.to.revision,
          toTime: formatDateTime(diff.to.created_at, v.locale),
          toName: diff.to.author_name,
        })}
      />
      <CompareForm v={v} page={page} revisions={revisions} from={diff.from.revision} to={diff.to.revision} />
      {diff.identical ? (
        <p class="card mb-6">{v.t('pages.diff.identical')}</p>
      ) : (
        <>
          <div
            class="mb-4 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm"
            role="note"
            aria-label={v.t('pages.diff.legend')}
          >
            <p class="font-semibold">{v.t('pages.diff.summary', { added: diff.added, removed: diff.removed })}</p>
            <p>
              <span class="rounded-sm bg-green-100 px-1 text-green-950 underline decoration-green-700 decoration-2 underline-offset-2">
                {v.t('pages.diff.legend.added')}
              </span>
            </p>
            <p>
              <span class="rounded-sm bg-red-100 px-1 text-red-950 line-through decoration-red-700 decoration-2">
                {v.t('pages.diff.legend.removed')}
              </span>
            </p>
          </div>
          {diff.title && (
            <section class="card mb-6" aria-labelledby="diff-title-title">
              <h2 id="diff-title-title" class="mb-2 text-lg font-bold">
                {v.t('pages.diff.titleChange')}
              </h2>
              <p class="break-words">
                <DiffText v={v} parts={diff.title} />
              </p>
            </section>
          )}
          <section class="card mb-6" aria-labelledby="diff-body-title">
            <h2 id="diff-body-title" class="mb-2 text-lg font-bold">
              {v.t('pages.diff.bodyChange')}
            </h2>
            <div class="whitespace-pre-wrap break-words font-mono text-sm leading-6">
              <DiffText v={v} parts={diff.body} />
            </div>
          </section>
        </>
      )}
      <p>
        <a href={`/pages/${page.id}/history`}>{v.t('pages.diff.backToHistory')}</a>
      </p>
    </>
  );
}
