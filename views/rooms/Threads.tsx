import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { ThreadInput, ThreadSummary } from '../../src/modules/rooms/threads.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { Checkbox, ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { RoomHeader, RoomNav } from './parts.tsx';

/** A room's threads (filtered by tag or unanswered questions, keyset-paged) and a new thread. */

export interface ThreadListState {
  tag: string;
  unanswered: boolean;
  items: ThreadSummary[];
  next: string | null;
  tags: Array<{ tag: string; count: number }>;
}

export function threadsQuery(
  roomId: number,
  s: { tag: string; unanswered: boolean },
  extra: Record<string, string> = {},
): string {
  const p = new URLSearchParams();
  if (s.tag) p.set('tag', s.tag);
  if (s.unanswered) p.set('unanswered', '1');
  for (const [k, val] of Object.entries(extra)) p.set(k, val);
  const q = p.toString();
  return `/rooms/${roomId}/threads${q ? `?${q}` : ''}`;
}

/** Thread rows as tagged templates: a list page's cost is its rows. */
export function ThreadRows({ v, roomId, items }: { v: ViewContext; roomId: number; items: ThreadSummary[] }) {
  const t = {
    question: v.t('threads.badge.question'),
    answered: v.t('threads.badge.answered'),
    unanswered: v.t('threads.badge.unanswered'),
    pinned: v.t('threads.badge.pinned'),
    locked: v.t('threads.badge.locked'),
    hidden: v.t('threads.badge.hidden'),
    tags: v.t('threads.tags'),
  };
  return (
    <ul class="space-y-3">
      {items.map(
        (th) =>
          html`<li class="card py-4"><h3 class="text-lg font-bold"><a href="/rooms/${roomId}/threads/${th.id}">${th.title}</a></h3><p class="mt-1 flex flex-wrap items-center gap-2">${
            th.isQuestion
              ? th.answered
                ? html`<span class="badge bg-green-100 text-green-900"><span aria-hidden="true" class="mr-1">✓</span>${t.answered}</span>`
                : html`<span class="badge bg-amber-100 text-amber-900"><span aria-hidden="true" class="mr-1">?</span>${t.unanswered}</span>`
              : ''
          }${th.isQuestion ? html`<span class="sr-only">${t.question}</span>` : ''}${th.pinned ? html`<span class="badge">${t.pinned}</span>` : ''}${
            th.locked ? html`<span class="badge bg-slate-200 text-slate-800">${t.locked}</span>` : ''
          }${th.hidden ? html`<span class="badge bg-red-100 text-red-900">${t.hidden}</span>` : ''}${
            th.tags.length
              ? html`<span class="sr-only">${t.tags}:</span>${th.tags.map((tag) => html`<a class="badge bg-brand-50 text-brand-900" href="/rooms/${roomId}/threads?tag=${encodeURIComponent(tag)}">#${tag}</a>`)}`
              : ''
          }</p><p class="mt-1 text-xs text-slate-600">${v.t('threads.meta', {
            name: th.authorName ?? '?',
            count: formatNumber(th.replyCount, v.locale),
            time: formatDateTime(th.lastActivityAt, v.locale),
          })}</p></li>`,
      )}
    </ul>
  );
}

export function ThreadResults({ v, room, s }: { v: ViewContext; room: LoadedRoom; s: ThreadListState }) {
  return (
    <section id="thread-results" aria-labelledby="thread-results-title">
      <h2 id="thread-results-title" class="sr-only">
        {v.t('threads.title')}
      </h2>
      <p class="mb-3 text-sm text-slate-600">
        {v.t('threads.count', { count: formatNumber(s.items.length, v.locale) })}
      </p>
      {s.items.length ? (
        <ThreadRows v={v} roomId={room.row.id} items={s.items} />
      ) : (
        <p class="card">{s.unanswered ? v.t('threads.none.unanswered') : v.t('threads.none')}</p>
      )}
      {s.next && (
        <p class="mt-4">
          <a class="btn-secondary" href={threadsQuery(room.row.id, s, { after: s.next })}>
            {v.t('threads.more')}
          </a>
        </p>
      )}
    </section>
  );
}

export function ThreadListPage({
  v,
  room,
  s,
  reports,
}: {
  v: ViewContext;
  room: LoadedRoom;
  s: ThreadListState;
  reports: number;
}) {
  const action = `/rooms/${room.row.id}/threads`;
  return (
    <>
      <RoomHeader
        v={v}
        room={room}
        actions={
          room.rights.post && (
            <a href={`${action}/new`} class="btn-primary">
              {v.t('threads.new')}
            </a>
          )
        }
      />
      <RoomNav v={v} room={room} current="threads" reports={reports} />
      <form
        method="get"
        action={action}
        class="card mb-6"
        aria-label={v.t('threads.filter')}
        hx-get={action}
        hx-target="#thread-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <div class="flex flex-wrap items-end gap-4">
          <div>
            <label class="label" for="tag">
              {v.t('threads.filter.tag')}
            </label>
            <select class="input" id="tag" name="tag">
              <option value="">{v.t('threads.filter.allTags')}</option>
              {s.tags.map((tg) => (
                <option value={tg.tag} selected={tg.tag === s.tag}>
                  #{tg.tag} ({tg.count})
                </option>
              ))}
            </select>
          </div>
          <div class="flex items-center gap-3 pb-2">
            <input
              class="size-5 accent-brand-700"
              type="checkbox"
              id="unanswered"
              name="unanswered"
              value="1"
              checked={s.unanswered}
            />
            <label for="unanswered" class="font-semibold">
              {v.t('threads.filter.unanswered')}
            </label>
          </div>
          <button type="submit" class="btn-secondary">
            {v.t('threads.filter.submit')}
          </button>
        </div>
      </form>
      <ThreadResults v={v} room={room} s={s} />
    </>
  );
}

export function NewThreadPage({
  v,
  room,
  input,
  errors,
}: {
  v: ViewContext;
  room: LoadedRoom;
  input: ThreadInput;
  errors: FieldErrors;
}) {
  return (
    <>
      <RoomHeader v={v} room={room} title={v.t('threads.new')} />
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={`/rooms/${room.row.id}/threads`} class="card max-w-3xl" novalidate>
        <TextField
          id="title"
          label={v.t('threads.field.title')}
          value={input.title}
          error={errors.title}
          required
          autocomplete="off"
        />
        <TextArea
          id="body"
          label={v.t('threads.field.body')}
          hint={v.t('posts.markdownHint')}
          value={input.body}
          error={errors.body}
          required
          rows={10}
        />
        <TextField
          id="tags"
          label={v.t('threads.field.tags')}
          hint={v.t('threads.field.tags.hint')}
          value={input.tags}
          error={errors.tags}
          autocomplete="off"
        />
        <Checkbox
          id="isQuestion"
          label={v.t('threads.field.question')}
          hint={v.t('threads.field.question.hint')}
          checked={input.isQuestion}
        />
        <div class="mt-4 flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {v.t('threads.create')}
          </button>
          <a href={`/rooms/${room.row.id}/threads`} class="btn-secondary">
            {v.t('rooms.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
