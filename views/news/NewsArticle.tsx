import { raw } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { AudienceUnit } from '../../src/modules/news/audience.ts';
import type { CommentView, NewsRow, NewsStatus, ReactionCount, ReceiptState } from '../../src/modules/news/service.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, TextArea, type FieldErrors } from '../components/form.tsx';
import { Icon, type IconName } from '../components/icons.tsx';
import { Notice } from '../components/page.tsx';
import { audienceText, NewsBadges } from './NewsList.tsx';

const ICONS: Record<ReactionCount['kind'], IconName> = {
  like: 'like',
  heart: 'heart',
  celebrate: 'celebrate',
  thanks: 'smile',
};

/**
 * Sanitised Markdown output gets plain-element styles here (there is no typography plugin):
 * headings, paragraphs, lists, quotes, tables and code.
 */
const BODY_CLASSES =
  'news-body text-base leading-relaxed text-slate-900 [&_h2]:mb-2 [&_h2]:mt-6 [&_h2]:text-xl [&_h2]:font-bold [&_h3]:mb-2 [&_h3]:mt-5 [&_h3]:text-lg [&_h3]:font-semibold ' +
  '[&_h4]:mb-2 [&_h4]:mt-4 [&_h4]:font-semibold [&_p]:mb-4 [&_ul]:mb-4 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:mb-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:mb-1 ' +
  '[&_blockquote]:mb-4 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-4 [&_blockquote]:text-slate-700 [&_hr]:my-6 [&_hr]:border-slate-200 ' +
  '[&_table]:mb-4 [&_table]:w-full [&_table]:text-sm [&_th]:border-b-2 [&_th]:border-slate-300 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_td]:border-b [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 ' +
  '[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-sm [&_pre]:mb-4 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-100 [&_pre]:p-3 [&_img]:h-auto [&_img]:max-w-full';

/** The reactions block; also the fragment htmx swaps in after a reaction. */
export function Reactions({
  v,
  newsId,
  items,
  canReact,
}: {
  v: ViewContext;
  newsId: number;
  items: ReactionCount[];
  canReact: boolean;
}) {
  return (
    <section id="reactions" class="card mb-6" aria-labelledby="reactions-title">
      <h2 id="reactions-title" class="text-lg font-bold">
        {v.t('news.reactions.title')}
      </h2>
      {canReact && (
        <p class="hint" id="reactions-hint">
          {v.t('news.reactions.hint')}
        </p>
      )}
      <ul class="mt-2 flex flex-wrap gap-2">
        {items.map((r) => {
          const content = (
            <>
              <Icon name={ICONS[r.kind]} />
              <span>{v.t(`news.reaction.${r.kind}`)}</span>
              <span class="rounded-full bg-white/80 px-2 text-sm font-bold text-slate-900">{r.count}</span>
              {r.mine && <span aria-hidden="true">✓</span>}
            </>
          );
          return (
            <li>
              {canReact ? (
                <form
                  method="post"
                  action={`/news/${newsId}/reactions`}
                  hx-post={`/news/${newsId}/reactions`}
                  hx-target="#reactions"
                  hx-swap="outerHTML"
                  hx-push-url="false"
                >
                  <input type="hidden" name="kind" value={r.kind} />
                  <button
                    type="submit"
                    id={`reaction-${r.kind}`}
                    aria-pressed={r.mine ? 'true' : 'false'}
                    aria-describedby="reactions-hint"
                    class={`btn min-h-11 border-2 px-3 ${r.mine ? 'border-brand-700 bg-brand-100 text-brand-900' : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-100'}`}
                  >
                    {content}
                  </button>
                </form>
              ) : (
                <span class="inline-flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2">
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export interface ArticleData {
  row: NewsRow;
  status: NewsStatus;
  /** renderMarkdown's output: sanitised HTML, the only thing rendered raw. */
  bodyHtml: string;
  imageUrl: string | null;
  audience: AudienceUnit[];
  authorName: string | null;
  /** The item is for the viewer (by its audience). */
  targeted: boolean;
  receipt: ReceiptState;
  reactions: ReactionCount[];
  comments: CommentView[];
  allowed: { edit: boolean; comment: boolean };
  forms: { comment?: { body: string; error: string } };
}

function ReceiptBox({ v, d }: { v: ViewContext; d: ArticleData }) {
  const { row, receipt } = d;
  if (!row.must_read || d.status !== 'published') return null;
  if (!d.targeted) {
    return (
      <Notice kind="info">
        <p>{v.t('news.receipt.notTargeted', { units: d.audience.map((a) => a.name).join(', ') })}</p>
      </Notice>
    );
  }
  if (receipt.readAt) {
    return (
      <section
        id="receipt"
        class="mb-6 rounded-md border-l-4 border-green-700 bg-green-50 px-4 py-3 text-green-900"
        aria-labelledby="receipt-title"
      >
        <h2 id="receipt-title" class="font-bold">
          <span aria-hidden="true">✓ </span>
          {v.t('news.receipt.title')}
        </h2>
        <p>{v.t('news.receipt.done', { time: formatDateTime(receipt.readAt, v.locale) })}</p>
      </section>
    );
  }
  return (
    <section
      id="receipt"
      class="mb-6 rounded-md border-2 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950"
      aria-labelledby="receipt-title"
    >
      <h2 id="receipt-title" class="font-bold">
        {v.t('news.receipt.title')}
      </h2>
      {receipt.readEarlier && <p class="mb-2 font-semibold">{v.t('news.receipt.again')}</p>}
      <p class="mb-3">{v.t('news.receipt.intro')}</p>
      <form method="post" action={`/news/${row.id}/receipts`}>
        <button type="submit" class="btn-primary">
          {v.t('news.receipt.confirm')}
        </button>
      </form>
    </section>
  );
}

export function NewsArticlePage({ v, d }: { v: ViewContext; d: ArticleData }) {
  const n = d.row;
  const errors: FieldErrors = d.forms.comment?.error ? { 'comment-body': d.forms.comment.error } : {};
  return (
    <>
      <nav aria-label={v.t('news.views')} class="mb-2 text-sm">
        <a href="/news">{v.t('news.title')}</a>
      </nav>
      <ErrorSummary t={v.t} errors={errors} />
      <div class="max-w-3xl">
        <article id="news-article" aria-labelledby="page-title" class="mb-6">
          <header class="mb-6">
            <NewsBadges
              v={v}
              item={{
                pinned: !!n.pinned,
                mustRead: !!n.must_read,
                pendingRead: !!n.must_read && d.targeted && !d.receipt.readAt,
                confirmed: !!d.receipt.readAt,
                status: d.status,
              }}
            />
            <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
              {n.title}
            </h1>
            <p class="mt-3 text-lg text-slate-700">{n.summary}</p>
            <p class="mt-3 text-sm text-slate-600">
              {d.status === 'scheduled' ? (
                v.t('news.scheduledFor', { time: formatDateTime(n.publish_at, v.locale) })
              ) : (
                <time datetime={n.publish_at}>
                  {v.t('news.published', { time: formatDateTime(n.publish_at, v.locale) })}
                </time>
              )}
              {d.authorName && ` ${v.t('news.by', { name: d.authorName })}`}
              {' · '}
              {audienceText(v, d.audience)}
              {!!n.must_read && ` · ${v.t('news.version', { version: n.version })}`}
              {n.updated_at !== n.created_at &&
                ` · ${v.t('news.updated', { time: formatDateTime(n.updated_at, v.locale) })}`}
              {n.unpublish_at &&
                ` · ${d.status === 'expired' ? v.t('news.unpublishedAt', { time: formatDateTime(n.unpublish_at, v.locale) }) : v.t('news.unpublishesAt', { time: formatDateTime(n.unpublish_at, v.locale) })}`}
            </p>
          </header>
          {d.imageUrl && (
            <figure class="mb-6">
              <img
                src={d.imageUrl}
                alt={n.image_alt ?? ''}
                class="h-auto max-h-[28rem] w-full rounded-lg bg-slate-100 object-cover"
              />
            </figure>
          )}
          <div class={BODY_CLASSES}>{raw(d.bodyHtml)}</div>
        </article>

        <ReceiptBox v={v} d={d} />

        {d.allowed.edit && (
          <section class="card mb-6" aria-labelledby="editor-tools-title">
            <h2 id="editor-tools-title" class="mb-3 text-lg font-bold">
              {v.t('news.editorTools')}
            </h2>
            <p class="flex flex-wrap gap-2">
              <a href={`/news/${n.id}/edit`} class="btn-secondary">
                {v.t('news.edit')}
              </a>
              <a href={`/news/${n.id}/readers`} class="btn-secondary">
                {n.must_read ? v.t('news.readers.link') : v.t('news.readers.title')}
              </a>
            </p>
          </section>
        )}

        <Reactions v={v} newsId={n.id} items={d.reactions} canReact={d.allowed.comment} />

        <section id="comments" class="card mb-6" aria-labelledby="comments-title">
          <h2 id="comments-title" class="mb-3 text-lg font-bold">
            {v.t('news.comments.title')} ({d.comments.length})
          </h2>
          {d.comments.length === 0 ? (
            <p class="mb-4 text-slate-700">{v.t('news.comments.none')}</p>
          ) : (
            <ol class="mb-4 space-y-3">
              {d.comments.map((c) => (
                <li id={`comment-${c.id}`} class="rounded-md border-l-4 border-slate-300 bg-slate-50 px-4 py-2">
                  <p class="whitespace-pre-line break-words">{c.body}</p>
                  <p class="mt-1 text-xs text-slate-600">
                    {v.t('news.comments.by', { name: c.authorName, time: formatDateTime(c.createdAt, v.locale) })}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {d.allowed.comment && (
            <form method="post" action={`/news/${n.id}/comments`} novalidate>
              <TextArea
                id="comment-body"
                name="body"
                label={v.t('news.comments.add')}
                hint={v.t('news.comments.hint')}
                value={d.forms.comment?.body}
                error={d.forms.comment?.error}
                rows={3}
              />
              <button type="submit" class="btn-primary">
                {v.t('news.comments.submit')}
              </button>
            </form>
          )}
        </section>
      </div>
    </>
  );
}
