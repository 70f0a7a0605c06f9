import type { ViewContext } from '../context.ts';
import type { AudienceUnit } from '../../src/modules/news/audience.ts';
import type { NewsCardItem } from '../../src/modules/news/service.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';

/**
 * News cards, for the archive and the front page. Every marker is text (never colour alone):
 * pinned, must read (and whether the viewer still has to confirm), scheduled or unpublished.
 *
 * Front page use (the lead wires it):
 *   const items = await newsForUser(database, user, { limit: 6 });
 *   <NewsList v={v} items={items} />
 */

export function audienceText(v: ViewContext, audience: readonly AudienceUnit[]): string {
  return audience.length
    ? v.t('news.audience.units', { units: audience.map((a) => a.name).join(', ') })
    : v.t('news.audience.everyone');
}

export function NewsBadges({
  v,
  item,
}: {
  v: ViewContext;
  item: Pick<NewsCardItem, 'pinned' | 'mustRead' | 'pendingRead' | 'confirmed' | 'status'>;
}) {
  if (!item.pinned && !item.mustRead && item.status === 'published') return null;
  return (
    <p class="mb-1 flex flex-wrap gap-2">
      {item.status !== 'published' && (
        <span class="badge bg-slate-200 text-slate-900">{v.t(`news.status.${item.status}`)}</span>
      )}
      {item.pinned && <span class="badge bg-brand-100 text-brand-900">{v.t('news.pinned')}</span>}
      {item.mustRead && (
        <span
          class={`badge ${item.pendingRead ? 'border border-amber-700 bg-amber-100 text-amber-950' : 'bg-slate-100 text-slate-900'}`}
        >
          {item.pendingRead
            ? `${v.t('news.mustRead')}: ${v.t('news.mustRead.pending')}`
            : item.confirmed
              ? `${v.t('news.mustRead')}: ${v.t('news.mustRead.done')} ✓`
              : v.t('news.mustRead')}
        </span>
      )}
    </p>
  );
}

/** One item: image (decorative here; the article shows it with its text), markers, title, date, audience, summary. */
export function NewsCard({ v, item, headingLevel = 3 }: { v: ViewContext; item: NewsCardItem; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article
      class={`card flex flex-col gap-4 sm:flex-row ${item.pinned ? 'border-l-4 border-l-brand-600' : ''}`}
      aria-labelledby={`news-${item.id}-title`}
    >
      {item.image && (
        <img
          src={item.image.url}
          alt=""
          class="h-36 w-full shrink-0 rounded-md bg-slate-100 object-cover sm:h-28 sm:w-44"
          loading="lazy"
        />
      )}
      <div class="min-w-0 flex-1">
        <NewsBadges v={v} item={item} />
        <Heading id={`news-${item.id}-title`} class="text-lg font-bold leading-snug">
          <a href={`/news/${item.id}`}>{item.title}</a>
        </Heading>
        <p class="mt-1 text-sm text-slate-600">
          {item.status === 'scheduled' ? (
            v.t('news.scheduledFor', { time: formatDateTime(item.publishAt, v.locale) })
          ) : (
            <time datetime={item.publishAt}>{formatDate(item.publishAt, v.locale)}</time>
          )}
          {' · '}
          {audienceText(v, item.audience)}
          {item.commentCount > 0 && ` · ${v.t('news.commentsCount', { count: item.commentCount })}`}
        </p>
        <p class="mt-2 text-slate-800">{item.summary}</p>
      </div>
    </article>
  );
}

/** The front page's block: a heading, the cards, and a link to the archive. */
export function NewsList({
  v,
  items,
  title,
  moreHref = '/news',
  id = 'news-for-me',
}: {
  v: ViewContext;
  items: NewsCardItem[];
  title?: string;
  moreHref?: string | null;
  id?: string;
}) {
  const pending = items.filter((i) => i.pendingRead).length;
  return (
    <section aria-labelledby={`${id}-title`} id={id}>
      <div class="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} class="text-lg font-bold">
          {title ?? v.t('news.frontpage.heading')}
        </h2>
        {moreHref && <a href={moreHref}>{v.t('news.frontpage.all')}</a>}
      </div>
      {pending > 0 && <p class="mb-3 font-semibold text-amber-950">{v.t('news.pendingNotice', { count: pending })}</p>}
      {items.length === 0 ? (
        <p class="card">{v.t('news.frontpage.none')}</p>
      ) : (
        <ul class="space-y-4">
          {items.map((item) => (
            <li>
              <NewsCard v={v} item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
