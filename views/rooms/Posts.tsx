import type { ViewContext } from '../context.ts';
import type { LoadedRoom, PostRow, ThreadRow } from '../../src/modules/rooms/access.ts';
import type { EditInput, Revision } from '../../src/modules/rooms/posts.ts';
import type { ReportView } from '../../src/modules/rooms/moderation.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { Checkbox, ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { RoomHeader, RoomNav } from './parts.tsx';

/** Editing a post (the opening post also edits the thread's title, tags and question mode), its history, reporting, and the owners' list of reports. */

export function EditPostPage({
  v,
  room,
  thread,
  post,
  input,
  errors,
}: {
  v: ViewContext;
  room: LoadedRoom;
  thread: ThreadRow;
  post: PostRow;
  input: EditInput;
  errors: FieldErrors;
}) {
  const first = !!post.is_first;
  return (
    <>
      <RoomHeader v={v} room={room} title={first ? v.t('posts.edit.firstTitle') : v.t('posts.edit.title')} />
      <p class="mb-4">
        <a href={`/rooms/${room.row.id}/posts/${post.id}`}>{v.t('posts.backToThread', { title: thread.title })}</a>
      </p>
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={`/rooms/${room.row.id}/posts/${post.id}`} class="card max-w-3xl" novalidate>
        {first && (
          <TextField
            id="title"
            label={v.t('threads.field.title')}
            value={input.title ?? ''}
            error={errors.title}
            required
            autocomplete="off"
          />
        )}
        <TextArea
          id="body"
          label={v.t('posts.field.body')}
          hint={v.t('posts.markdownHint')}
          value={input.body}
          error={errors.body}
          required
          rows={12}
        />
        {first && (
          <>
            <TextField
              id="tags"
              label={v.t('threads.field.tags')}
              hint={v.t('threads.field.tags.hint')}
              value={input.tags ?? ''}
              error={errors.tags}
              autocomplete="off"
            />
            <Checkbox
              id="isQuestion"
              label={v.t('threads.field.question')}
              hint={v.t('threads.field.question.hint')}
              checked={!!input.isQuestion}
            />
          </>
        )}
        <p class="hint">{v.t('posts.edit.historyHint')}</p>
        <div class="mt-4 flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {v.t('posts.edit.save')}
          </button>
          <a href={`/rooms/${room.row.id}/posts/${post.id}`} class="btn-secondary">
            {v.t('rooms.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

export function HistoryPage({
  v,
  room,
  thread,
  post,
  revisions,
}: {
  v: ViewContext;
  room: LoadedRoom;
  thread: ThreadRow;
  post: PostRow;
  revisions: Revision[];
}) {
  return (
    <>
      <RoomHeader v={v} room={room} title={v.t('posts.history.title')} />
      <p class="mb-4">
        <a href={`/rooms/${room.row.id}/posts/${post.id}`}>{v.t('posts.backToThread', { title: thread.title })}</a>
      </p>
      <ol class="space-y-4">
        {revisions.map((r, i) => (
          <li class="card">
            <h2 class="text-lg font-bold">
              {r.current
                ? v.t('posts.history.current')
                : v.t('posts.history.version', { number: revisions.length - i })}
            </h2>
            <p class="text-sm text-slate-700">
              {v.t('posts.history.by', { name: r.writtenBy ?? '?', time: formatDateTime(r.writtenAt, v.locale) })}
            </p>
            {r.title && <p class="mt-2 font-semibold">{r.title}</p>}
            <pre class="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-100 p-3 font-sans text-sm">
              {r.bodyMd}
            </pre>
          </li>
        ))}
      </ol>
    </>
  );
}

export function ReportPage({
  v,
  room,
  thread,
  post,
  reason,
  errors,
}: {
  v: ViewContext;
  room: LoadedRoom;
  thread: ThreadRow;
  post: PostRow;
  reason: string;
  errors: FieldErrors;
}) {
  return (
    <>
      <RoomHeader v={v} room={room} title={v.t('posts.report.title')} />
      <p class="mb-4">
        <a href={`/rooms/${room.row.id}/posts/${post.id}`}>{v.t('posts.backToThread', { title: thread.title })}</a>
      </p>
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={`/rooms/${room.row.id}/posts/${post.id}/reports`} class="card max-w-3xl" novalidate>
        <p class="mb-4 text-slate-700">{v.t('posts.report.lead')}</p>
        <TextArea
          id="reason"
          label={v.t('posts.report.reason')}
          value={reason}
          error={errors.reason}
          required
          rows={4}
        />
        <button type="submit" class="btn-primary">
          {v.t('posts.report.submit')}
        </button>
      </form>
    </>
  );
}

export function ReportsPage({ v, room, items }: { v: ViewContext; room: LoadedRoom; items: ReportView[] }) {
  const base = `/rooms/${room.row.id}`;
  return (
    <>
      <RoomHeader v={v} room={room} />
      <RoomNav v={v} room={room} current="reports" reports={items.length} />
      <h2 class="mb-3 text-xl font-bold">{v.t('posts.reports.title')}</h2>
      {items.length === 0 ? (
        <p class="card">{v.t('posts.reports.none')}</p>
      ) : (
        <ul class="space-y-4">
          {items.map((r) => (
            <li class="card">
              <p class="text-sm text-slate-700">
                {v.t('posts.reports.meta', {
                  name: r.reporterName ?? '?',
                  time: formatDateTime(r.createdAt, v.locale),
                })}
              </p>
              <p class="mt-1">
                <span class="font-semibold">{v.t('posts.report.reason')}:</span> {r.reason}
              </p>
              <blockquote class="mt-2 border-l-4 border-slate-300 pl-3 text-slate-800">
                <p class="text-sm font-semibold">
                  {r.authorName ?? '?'} · <a href={`${base}/posts/${r.postId}`}>{r.threadTitle}</a>
                </p>
                <p class="text-sm">{r.excerpt}</p>
              </blockquote>
              <div class="mt-3 flex flex-wrap gap-2">
                {!r.postHidden && (
                  <form method="post" action={`${base}/posts/${r.postId}/hiding`}>
                    <button type="submit" class="btn-danger">
                      {v.t('posts.hide')}
                    </button>
                  </form>
                )}
                <form method="post" action={`${base}/reports/${r.id}/resolution`}>
                  <button type="submit" class="btn-secondary">
                    {v.t('posts.reports.dismiss')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
