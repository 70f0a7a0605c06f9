import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import { formatDate } from '../../src/i18n/index.ts';
import { highlightParts } from '../../src/search/text.ts';
import type { ReviewState } from '../../src/modules/pages/service.ts';

/** A calendar date (yyyy-mm-dd) in the reader's format. */
export function dateOf(v: ViewContext, ymd: string): string {
  return formatDate(`${ymd}T12:00:00Z`, v.locale);
}

/** "Vidensider › Personalehåndbog › Ferie": the way to the page, the page itself marked current. */
export function Breadcrumbs({
  v,
  trail,
  current,
}: {
  v: ViewContext;
  trail: Array<{ id: number; title: string }>;
  current?: string;
}) {
  return (
    <nav aria-label={v.t('pages.breadcrumbs')} class="mb-2 text-sm">
      <ol class="flex flex-wrap items-center gap-x-1">
        <li>
          <a href="/pages">{v.t('pages.title')}</a>
        </li>
        {trail.map((p) => (
          <li>
            <span aria-hidden="true" class="text-slate-500">
              ›{' '}
            </span>
            <a href={`/pages/${p.id}`}>{p.title}</a>
          </li>
        ))}
        {current && (
          <li>
            <span aria-hidden="true" class="text-slate-500">
              ›{' '}
            </span>
            <span aria-current="page" class="text-slate-700">
              {current}
            </span>
          </li>
        )}
      </ol>
    </nav>
  );
}

/** The review date's state as a badge with text (never colour alone). */
export function ReviewBadge({ v, state }: { v: ViewContext; state: ReviewState }) {
  if (state === 'overdue') return <span class="badge ml-2 bg-red-100 text-red-900">{v.t('pages.review.overdue')}</span>;
  if (state === 'due') return <span class="badge ml-2 bg-amber-100 text-amber-900">{v.t('pages.review.due')}</span>;
  if (state === 'soon') return <span class="badge ml-2 bg-amber-50 text-amber-900">{v.t('pages.review.soon')}</span>;
  return null;
}

/** Text with search matches in <mark>, built from parts (never raw HTML). */
export function Marked({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((p) =>
        p.hit ? <mark class="rounded-sm bg-amber-200 px-0.5 text-slate-900">{p.text}</mark> : p.text,
      )}
    </>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section class="card mb-6" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`} class="mb-3 text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * Typography for rendered Markdown (Tailwind has no prose styles here). The HTML inside comes
 * only from renderMarkdown (sanitised); headings start at h2 under the page's h1.
 */
export const PROSE =
  'min-w-0 break-words text-base leading-7 text-slate-900 ' +
  '[&_h2]:mt-8 [&_h2]:mb-3 [&_h2]:text-xl [&_h2]:font-bold [&_h2:first-child]:mt-0 ' +
  '[&_h3]:mt-6 [&_h3]:mb-2 [&_h3]:text-lg [&_h3]:font-bold [&_h4]:mt-4 [&_h4]:mb-2 [&_h4]:font-bold ' +
  '[&_p]:mb-4 [&_ul]:mb-4 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:mb-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:mb-1 ' +
  '[&_blockquote]:mb-4 [&_blockquote]:border-l-4 [&_blockquote]:border-brand-300 [&_blockquote]:bg-brand-50 [&_blockquote]:px-4 [&_blockquote]:py-2 ' +
  '[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-sm [&_pre]:mb-4 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-100 [&_pre]:p-3 ' +
  '[&_table]:mb-4 [&_table]:w-full [&_table]:border-collapse [&_table]:text-sm [&_th]:border-b-2 [&_th]:border-slate-300 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left ' +
  '[&_td]:border-b [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_hr]:my-6 [&_hr]:border-slate-200 [&_img]:max-w-full';
