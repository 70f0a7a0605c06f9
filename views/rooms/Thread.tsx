import { html, raw } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom, ThreadRow } from '../../src/modules/rooms/access.ts';
import type { PostView, ThreadPage } from '../../src/modules/rooms/posts.ts';
import { REACTION_KINDS, type ReactionCount, type ReactionKind } from '../../src/modules/rooms/reactions.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, type FieldErrors } from '../components/form.tsx';
import { ICON_PATHS } from '../components/icons.tsx';
import { Notice } from '../components/page.tsx';
import { RoomHeader, RoomNav } from './parts.tsx';

/**
 * A thread: its opening post, the accepted answer first (for questions), the replies (keyset
 * pages of PAGE_SIZE), and the reply form. Posts are tagged templates: a thread page of 50 posts
 * must stay cheap. Post bodies are renderMarkdown's sanitised output, the only raw HTML.
 */

/**
 * Plain-element styles for sanitised Markdown (no typography plugin), set once on the element
 * around the posts (each post's body only carries the class `post-body`): a thread page of 50
 * posts stays small.
 */
export const POSTS_STYLES =
  '[&_.post-body]:break-words [&_.post-body]:leading-relaxed [&_.post-body_h2]:mb-2 [&_.post-body_h2]:mt-4 [&_.post-body_h2]:text-lg [&_.post-body_h2]:font-bold ' +
  '[&_.post-body_h3]:mb-2 [&_.post-body_h3]:mt-3 [&_.post-body_h3]:font-semibold [&_.post-body_p]:mb-3 [&_.post-body_ul]:mb-3 [&_.post-body_ul]:list-disc ' +
  '[&_.post-body_ul]:pl-6 [&_.post-body_ol]:mb-3 [&_.post-body_ol]:list-decimal [&_.post-body_ol]:pl-6 [&_.post-body_li]:mb-1 [&_.post-body_blockquote]:mb-3 ' +
  '[&_.post-body_blockquote]:border-l-4 [&_.post-body_blockquote]:border-slate-300 [&_.post-body_blockquote]:pl-4 [&_.post-body_blockquote]:text-slate-700 ' +
  '[&_.post-body_code]:rounded [&_.post-body_code]:bg-slate-100 [&_.post-body_code]:px-1 [&_.post-body_code]:text-sm [&_.post-body_pre]:mb-3 ' +
  '[&_.post-body_pre]:overflow-x-auto [&_.post-body_pre]:rounded-md [&_.post-body_pre]:bg-slate-100 [&_.post-body_pre]:p-3 [&_.post-body_table]:mb-3 ' +
  '[&_.post-body_table]:text-sm [&_.post-body_th]:border-b-2 [&_.post-body_th]:px-2 [&_.post-body_td]:border-b [&_.post-body_td]:px-2 [&_.post-body_a.mention]:font-semibold';

export interface ReplyFormState {
  body: string;
  quotedPostId: string;
  errors: FieldErrors;
}

export interface ThreadPageData {
  room: LoadedRoom;
  thread: ThreadRow;
  page: ThreadPage;
  viewerId: string;
  following: boolean;
  mayAccept: boolean;
  reply: ReplyFormState;
  /** No keyset window: the thread's first page (shows the accepted answer first). */
  firstPage: boolean;
  /** No later replies: a reply sent with htmx can be added at the end of this page. */
  lastPage: boolean;
  reports: number;
}

/** What each post's template needs, worked out once per page. */
export interface PostContext {
  base: string;
  threadBase: string;
  viewerId: string;
  canPost: boolean;
  own: boolean;
  locked: boolean;
  mayAccept: boolean;
  acceptedId: number | null;
  l: Record<string, string>;
  v: ViewContext;
}

export function postContext(
  v: ViewContext,
  room: LoadedRoom,
  thread: ThreadRow,
  viewerId: string,
  mayAccept: boolean,
): PostContext {
  return {
    base: `/rooms/${room.row.id}`,
    threadBase: `/rooms/${room.row.id}/threads/${thread.id}`,
    viewerId,
    canPost: room.rights.post,
    own: room.rights.own,
    locked: !!thread.locked,
    mayAccept,
    acceptedId: thread.is_question ? thread.accepted_post_id : null,
    v,
    l: {
      edited: v.t('posts.edited'),
      accepted: v.t('posts.accepted'),
      hiddenBadge: v.t('posts.hidden.badge'),
      hiddenText: v.t('posts.hidden.text'),
      quote: v.t('posts.quote'),
      edit: v.t('posts.edit'),
      accept: v.t('posts.accept'),
      unaccept: v.t('posts.unaccept'),
      report: v.t('posts.report'),
      hide: v.t('posts.hide'),
      show: v.t('posts.show'),
      reactions: v.t('posts.reactions'),
      question: v.t('posts.question'),
      permalink: v.t('posts.permalink'),
      inContext: v.t('posts.inContext'),
      unknown: v.t('posts.unknownAuthor'),
    },
  };
}

/**
 * The reactions' icons (drawn like the header's bell: 24-px strokes), defined once per thread
 * page and used by reference in every post, so a page of 50 posts carries them once; emoji
 * would depend on the reader's fonts (many Linux desktops and kiosks have none in colour).
 */
const REACTION_ICONS: Record<ReactionKind, string> = {
  like: ICON_PATHS.like,
  thanks: ICON_PATHS.heart,
  idea: ICON_PATHS.idea,
  celebrate: ICON_PATHS.celebrate,
};

/** The symbols the reaction buttons refer to; once per page that shows posts. */
export function ReactionIcons() {
  return raw(
    `<svg aria-hidden="true" focusable="false" class="absolute size-0 overflow-hidden">${REACTION_KINDS.map(
      (k) =>
        `<symbol id="reaction-${k}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${REACTION_ICONS[k]}</symbol>`,
    ).join('')}</svg>`,
  );
}

const icon = (kind: ReactionKind) =>
  raw(`<svg aria-hidden="true" focusable="false" class="size-5"><use href="#reaction-${kind}"/></svg>`);

export function reactionsHtml(ctx: PostContext, p: PostView) {
  const v = ctx.v;
  const label = (r: ReactionCount) => v.t(`posts.reaction.${r.kind}`);
  if (!ctx.canPost || p.hidden) {
    const given = p.reactions.filter((r) => r.count > 0);
    if (!given.length) return html`<div id="reactions-${p.id}"></div>`;
    return html`<div id="reactions-${p.id}"><p class="mt-3 flex flex-wrap gap-3 text-sm">${given.map(
      (r) =>
        html`<span class="inline-flex items-center gap-1">${icon(r.kind)}<span class="sr-only">${label(r)}:</span> ${r.count}</span>`,
    )}</p></div>`;
  }
  const action = `${ctx.base}/posts/${p.id}/reactions`;
  return html`<div id="reactions-${p.id}"><form method="post" action="${action}" hx-post="${action}" hx-target="#reactions-${p.id}" hx-swap="outerHTML" class="mt-3"><div role="group" aria-label="${ctx.l.reactions}" class="flex flex-wrap gap-2">${p.reactions.map(
    (r) =>
      html`<button type="submit" name="kind" value="${r.kind}" aria-pressed="${r.mine ? 'true' : 'false'}" title="${label(r)}" class="btn min-h-11 gap-1 px-3 ${
        r.mine
          ? 'border-2 border-brand-700 bg-brand-100 text-brand-900'
          : 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100'
      }">${icon(r.kind)}<span class="sr-only">${label(r)}</span>${r.count ? html`<span>${r.count}</span>` : html`<span class="sr-only">0</span>`}</button>`,
  )}</div></form></div>`;
}

/** One post. `copy`: the accepted answer repeated at the top (other ids, no actions). */
export function postHtml(ctx: PostContext, p: PostView, copy = false) {
  const v = ctx.v;
  const id = copy ? `accepted-${p.id}` : `post-${p.id}`;
  const isAccepted = !p.isFirst && p.id === ctx.acceptedId;
  const showBody = !p.hidden || ctx.own;
  const mine = p.authorId === ctx.viewerId;
  const actions = [];
  if (!copy && showBody) {
    if (ctx.canPost && !ctx.locked && !p.hidden)
      actions.push(html`<a class="btn-link" href="${ctx.threadBase}?quote=${p.id}#reply-form">${ctx.l.quote}</a>`);
    if (mine && ctx.canPost && !ctx.locked && !p.hidden)
      actions.push(html`<a class="btn-link" href="${ctx.base}/posts/${p.id}/edit">${ctx.l.edit}</a>`);
    if (ctx.mayAccept && !p.isFirst && !p.hidden)
      actions.push(
        isAccepted
          ? html`<form method="post" action="${ctx.threadBase}/acceptance/deletion"><button type="submit" class="btn-link">${ctx.l.unaccept}</button></form>`
          : html`<form method="post" action="${ctx.threadBase}/acceptance"><input type="hidden" name="postId" value="${p.id}"><button type="submit" class="btn-link">${ctx.l.accept}</button></form>`,
      );
    if (!mine && !p.hidden)
      actions.push(html`<a class="btn-link" href="${ctx.base}/posts/${p.id}/reports/new">${ctx.l.report}</a>`);
    if (ctx.own)
      actions.push(
        p.hidden
          ? html`<form method="post" action="${ctx.base}/posts/${p.id}/hiding/deletion"><button type="submit" class="btn-link">${ctx.l.show}</button></form>`
          : html`<form method="post" action="${ctx.base}/posts/${p.id}/hiding"><button type="submit" class="btn-link">${ctx.l.hide}</button></form>`,
      );
  }
  const author = p.authorUsername
    ? html`<a href="/people/${p.authorUsername}" class="font-semibold">${p.authorName}</a>`
    : html`<span class="font-semibold">${ctx.l.unknown}</span>`;
  return html`<article id="${id}" class="card ${isAccepted ? 'border-2 border-green-700' : ''}" aria-labelledby="${id}-by"><header class="flex flex-wrap items-baseline justify-between gap-2"><p id="${id}-by">${author}${
    p.authorUnit ? html` <span class="text-sm text-slate-600">· ${p.authorUnit}</span>` : ''
  }</p><p class="text-sm text-slate-600"><a href="${ctx.base}/posts/${p.id}" title="${ctx.l.permalink}"><time datetime="${p.createdAt}">${formatDateTime(p.createdAt, v.locale)}</time></a>${
    p.editedAt ? html` · <a href="${ctx.base}/posts/${p.id}/history">${ctx.l.edited}</a>` : ''
  }</p></header>${
    isAccepted || (p.hidden && ctx.own)
      ? html`<p class="mt-1 flex flex-wrap gap-2">${isAccepted ? html`<span class="badge bg-green-100 text-green-900"><span aria-hidden="true" class="mr-1">✓</span>${ctx.l.accepted}</span>` : ''}${
          p.hidden && ctx.own ? html`<span class="badge bg-red-100 text-red-900">${ctx.l.hiddenBadge}</span>` : ''
        }</p>`
      : ''
  }${
    p.quotedPostId && p.quotedAuthorName && showBody
      ? html`<p class="mt-2 text-sm text-slate-700">${v.t('posts.replyTo')} <a href="${ctx.base}/posts/${p.quotedPostId}">${p.quotedAuthorName}</a></p>`
      : ''
  }<div class="post-body mt-3">${showBody ? raw(p.bodyHtml) : html`<p class="italic text-slate-700">${ctx.l.hiddenText}</p>`}</div>${
    copy ? html`<p class="mt-2 text-sm"><a href="#post-${p.id}">${ctx.l.inContext}</a></p>` : reactionsHtml(ctx, p)
  }${actions.length ? html`<footer class="mt-2 flex flex-wrap items-center gap-x-4">${actions}</footer>` : ''}</article>`;
}

/**
 * The reply form. `focus` (htmx answers only) names the element that takes focus once the form
 * is swapped back in: the new reply, or the field when the reply was rejected.
 */
export function ReplyForm({
  v,
  room,
  thread,
  state,
  enhance,
  focus,
}: {
  v: ViewContext;
  room: LoadedRoom;
  thread: ThreadRow;
  state: ReplyFormState;
  enhance: boolean;
  focus?: string;
}) {
  const action = `/rooms/${room.row.id}/threads/${thread.id}/posts`;
  const error = state.errors.body;
  return (
    <form
      id="reply-form"
      method="post"
      action={action}
      class="card mt-6"
      novalidate
      aria-labelledby="reply-title"
      data-autofocus-swap={focus}
      {...(enhance ? { 'hx-post': action, 'hx-target': 'this', 'hx-swap': 'outerHTML' } : {})}
    >
      <h2 id="reply-title" class="mb-3 text-lg font-bold">
        {v.t('posts.reply.title')}
      </h2>
      <input type="hidden" name="quotedPostId" value={state.quotedPostId} />
      <div class="mb-4">
        <label class="label" for="reply-body">
          {v.t('posts.reply.label')}
        </label>
        <span class="hint" id="reply-body-hint">
          {v.t('posts.markdownHint')}
        </span>
        {error && (
          <span class="field-error" id="reply-body-error">
            {error}
          </span>
        )}
        <textarea
          class="input"
          id="reply-body"
          name="body"
          rows={6}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={['reply-body-hint', error ? 'reply-body-error' : ''].filter(Boolean).join(' ')}
        >
          {state.body}
        </textarea>
      </div>
      <button type="submit" class="btn-primary">
        {v.t('posts.reply.submit')}
      </button>
    </form>
  );
}

function ThreadTools({ v, d }: { v: ViewContext; d: ThreadPageData }) {
  const { room, thread } = d;
  const base = `/rooms/${room.row.id}/threads/${thread.id}`;
  const toggle = (on: boolean, path: string, onLabel: string, offLabel: string) => (
    <form method="post" action={on ? `${base}/${path}/deletion` : `${base}/${path}`}>
      <button type="submit" class="btn-secondary">
        {on ? offLabel : onLabel}
      </button>
    </form>
  );
  return (
    <div class="mb-6 flex flex-wrap gap-2">
      {!room.row.archived_at && toggle(d.following, 'follow', v.t('threads.follow'), v.t('threads.unfollow'))}
      {room.rights.own && (
        <>
          {toggle(!!thread.pinned, 'pin', v.t('threads.pin'), v.t('threads.unpin'))}
          {toggle(!!thread.locked, 'lock', v.t('threads.lock'), v.t('threads.unlock'))}
          {toggle(!!thread.hidden, 'hiding', v.t('threads.hide'), v.t('threads.show'))}
        </>
      )}
    </div>
  );
}

export function ThreadPageView({ v, d }: { v: ViewContext; d: ThreadPageData }) {
  const { room, thread, page } = d;
  const ctx = postContext(v, room, thread, d.viewerId, d.mayAccept);
  const threadBase = `/rooms/${room.row.id}/threads/${thread.id}`;
  const tags = thread.tags ? thread.tags.split(' ') : [];
  return (
    <>
      {ReactionIcons()}
      <RoomHeader v={v} room={room} title={thread.title} />
      <RoomNav v={v} room={room} current="threads" reports={d.reports} />
      <ErrorSummary errors={d.reply.errors.body ? { 'reply-body': d.reply.errors.body } : {}} t={v.t} />
      <p class="mb-4 flex flex-wrap items-center gap-2 text-sm">
        {thread.is_question ? (
          thread.accepted_post_id ? (
            <span class="badge bg-green-100 text-green-900">
              <span aria-hidden="true" class="mr-1">
                ✓
              </span>
              {v.t('threads.badge.answered')}
            </span>
          ) : (
            <span class="badge bg-amber-100 text-amber-900">
              <span aria-hidden="true" class="mr-1">
                ?
              </span>
              {v.t('threads.badge.unanswered')}
            </span>
          )
        ) : null}
        {!!thread.pinned && <span class="badge">{v.t('threads.badge.pinned')}</span>}
        {!!thread.locked && <span class="badge bg-slate-200 text-slate-800">{v.t('threads.badge.locked')}</span>}
        {!!thread.hidden && <span class="badge bg-red-100 text-red-900">{v.t('threads.badge.hidden')}</span>}
        {tags.map((tag) => (
          <a
            class="badge bg-brand-50 text-brand-900"
            href={`/rooms/${room.row.id}/threads?tag=${encodeURIComponent(tag)}`}
          >
            #{tag}
          </a>
        ))}
        <span class="text-slate-600">
          {v.t('threads.replies', { count: formatNumber(thread.reply_count, v.locale) })}
        </span>
      </p>
      <ThreadTools v={v} d={d} />
      {thread.locked ? (
        <Notice kind="info">
          <p>{v.t('threads.locked.notice')}</p>
        </Notice>
      ) : null}
      <div class={POSTS_STYLES}>
        <section aria-labelledby="question-title">
          <h2 id="question-title" class="sr-only">
            {thread.is_question ? v.t('posts.question') : v.t('posts.opening')}
          </h2>
          {postHtml(ctx, page.first)}
        </section>
        {d.firstPage && page.accepted && (
          <section aria-labelledby="accepted-title" class="mt-6">
            <h2 id="accepted-title" class="mb-3 text-xl font-bold">
              {v.t('posts.accepted.title')}
            </h2>
            {postHtml(ctx, page.accepted, true)}
          </section>
        )}
        <section aria-labelledby="replies-title" class="mt-6">
          <h2 id="replies-title" class="mb-3 text-xl font-bold">
            {v.t('posts.replies.title', { count: formatNumber(thread.reply_count, v.locale) })}
          </h2>
          {page.before && (
            <p class="mb-3">
              <a class="btn-secondary" href={`${threadBase}?before=${page.before}#replies-title`}>
                {v.t('posts.earlier')}
              </a>
            </p>
          )}
          <div id="replies" class="space-y-4">
            {page.replies.map((p) => postHtml(ctx, p))}
          </div>
          {page.replies.length === 0 && <p class="card text-slate-700">{v.t('posts.replies.none')}</p>}
          {page.after && (
            <p class="mt-3">
              <a class="btn-secondary" href={`${threadBase}?after=${page.after}#replies-title`}>
                {v.t('posts.later')}
              </a>
            </p>
          )}
        </section>
      </div>
      {room.rights.post && !thread.locked ? (
        <ReplyForm v={v} room={room} thread={thread} state={d.reply} enhance={d.lastPage} />
      ) : !room.membership && room.rights.join ? (
        <section class="card mt-6" aria-labelledby="join-to-reply">
          <h2 id="join-to-reply" class="text-lg font-bold">
            {v.t('posts.joinToReply')}
          </h2>
          <form method="post" action={`/rooms/${room.row.id}/membership`} class="mt-3">
            <button type="submit" class="btn-primary">
              {v.t('rooms.join')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
