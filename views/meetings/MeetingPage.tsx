import type { ViewContext } from '../context.ts';
import type { MeetingStatus } from '../../src/db/schema/meetings.ts';
import { formatDate, formatDateTime, type MessageKey } from '../../src/i18n/index.ts';
import type { EditorItem, MeetingWithCommittee, SnapshotDiff } from '../../src/modules/meetings/index.ts';
import type { PublishedSnapshot, PublishedVersion } from '../../src/modules/publication/index.ts';
import { ErrorSummary, RadioGroup, TextArea, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { AgendaView, ChangesBox } from './AgendaView.tsx';
import { day, longWhen, StatusBadge } from './parts.tsx';

export interface PublishForm {
  changeKind: string;
  changeNote: string;
  errors: FieldErrors;
}

export interface EditorData {
  meeting: MeetingWithCommittee;
  items: EditorItem[];
  editable: boolean;
  versions: Array<Pick<PublishedVersion, 'number' | 'changeKind' | 'changeNote' | 'publishedAt'>>;
  /** Whether the live items differ from the latest published version. */
  unpublished: boolean;
  notice: { deadline: string; days: number; late: boolean };
  transitions: MeetingStatus[];
  publish: PublishForm;
  /** The item whose move button should keep focus after a partial update. */
  focus?: { itemId: number; direction: 'up' | 'down' } | null;
}

export function AgendaItemsList({
  v,
  d,
}: {
  v: ViewContext;
  d: Pick<EditorData, 'meeting' | 'items' | 'editable' | 'focus'>;
}) {
  const mid = d.meeting.id;
  if (!d.items.length) {
    return (
      <div id="agenda-items">
        <p class="text-slate-700">{v.t('meetings.editor.noItems')}</p>
      </div>
    );
  }
  const enhance = (action: string) => ({
    'hx-post': action,
    'hx-target': '#agenda-items',
    'hx-swap': 'outerHTML',
    'hx-push-url': 'false',
  });
  return (
    <div id="agenda-items">
      {d.editable && (
        <p class="hint mb-2" id="drag-hint">
          {v.t('meetings.editor.dragHint')}
        </p>
      )}
      <ol
        class="space-y-3"
        {...(d.editable
          ? {
              'x-data': 'agendaOrder',
              'data-order-url': `/meetings/${mid}/items/order`,
              'aria-describedby': 'drag-hint',
            }
          : {})}
      >
        {d.items.map((item, index) => (
          <li
            class="card flex flex-col gap-3 data-[dragging]:opacity-50 sm:flex-row sm:items-start"
            data-item-id={String(item.id)}
            {...(d.editable
              ? {
                  draggable: 'true',
                  'x-on:dragstart': 'start',
                  'x-on:dragover.prevent': 'over',
                  'x-on:drop.prevent': 'drop',
                  'x-on:dragend': 'end',
                }
              : {})}
          >
            <div class="min-w-0 flex-1">
              <h3 class="text-lg font-semibold">
                <a href={`/meetings/${mid}/items/${item.id}/edit`}>
                  {item.number}. {item.title}
                </a>
                {item.closed === 1 && <span class="ml-2 align-middle badge">{v.t('meetings.agenda.closedItem')}</span>}
              </h3>
              <p class="text-sm text-slate-700">
                {item.case_number && (
                  <>
                    {v.t('meetings.editor.case')}: <a href={`/cases/${item.case_id}`}>{item.case_number}</a> ·{' '}
                  </>
                )}
                {v.t('meetings.editor.attachments', { count: item.attachments.length })}
                {item.disqualified.some((x) => x.keptOut) && (
                  <>
                    {' '}
                    ·{' '}
                    {v.t('meetings.editor.keptOut', {
                      names: item.disqualified
                        .filter((x) => x.keptOut)
                        .map((x) => x.name)
                        .join(', '),
                    })}
                  </>
                )}
              </p>
              {item.steps.length > 0 && (
                <p class="text-sm text-slate-700">
                  {v.t('meetings.editor.steps', {
                    steps: item.steps.map((s) => `${s.committeeName} ${formatDate(s.startsAt, v.locale)}`).join(' → '),
                  })}
                </p>
              )}
            </div>
            {d.editable && (
              <div class="flex flex-wrap gap-2">
                <form
                  method="post"
                  action={`/meetings/${mid}/items/${item.id}/position`}
                  {...enhance(`/meetings/${mid}/items/${item.id}/position`)}
                >
                  <input type="hidden" name="direction" value="up" />
                  <button
                    type="submit"
                    class="btn-secondary"
                    disabled={index === 0}
                    aria-label={v.t('meetings.editor.moveUpItem', { number: item.number })}
                    data-autofocus-swap={d.focus?.itemId === item.id && d.focus.direction === 'up' ? '' : undefined}
                  >
                    ↑ <span aria-hidden="true">{v.t('meetings.editor.moveUp')}</span>
                  </button>
                </form>
                <form
                  method="post"
                  action={`/meetings/${mid}/items/${item.id}/position`}
                  {...enhance(`/meetings/${mid}/items/${item.id}/position`)}
                >
                  <input type="hidden" name="direction" value="down" />
                  <button
                    type="submit"
                    class="btn-secondary"
                    disabled={index === d.items.length - 1}
                    aria-label={v.t('meetings.editor.moveDownItem', { number: item.number })}
                    data-autofocus-swap={d.focus?.itemId === item.id && d.focus.direction === 'down' ? '' : undefined}
                  >
                    ↓ <span aria-hidden="true">{v.t('meetings.editor.moveDown')}</span>
                  </button>
                </form>
                <a
                  class="btn-secondary"
                  href={`/meetings/${mid}/items/${item.id}/edit`}
                  aria-label={v.t('meetings.editor.editItemNamed', { number: item.number })}
                >
                  {v.t('meetings.editor.editItem')}
                </a>
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function PublishPanel({ v, d }: { v: ViewContext; d: EditorData }) {
  const first = d.versions.length === 0;
  const action = `/meetings/${d.meeting.id}/publications`;
  return (
    <section class="card mb-6" aria-labelledby="publish-title" id="publish">
      <h2 id="publish-title" class="mb-2 text-xl font-semibold">
        {v.t('meetings.publish.heading')}
      </h2>
      {d.notice.late ? (
        <Notice kind="warning">
          {v.t('meetings.publish.late', { deadline: day(v, d.notice.deadline), days: d.notice.days })}
        </Notice>
      ) : (
        <p class="mb-3 text-slate-700">
          {v.t('meetings.publish.deadline', { deadline: day(v, d.notice.deadline), days: d.notice.days })}
        </p>
      )}
      {!first && (
        <p class="mb-3">
          {d.unpublished ? v.t('meetings.editor.unpublishedChanges') : v.t('meetings.editor.upToDate')}
        </p>
      )}
      <form method="post" action={action} novalidate>
        {!first && (
          <>
            <RadioGroup
              name="changeKind"
              legend={v.t('meetings.publish.changeKind')}
              value={d.publish.changeKind}
              error={d.publish.errors.changeKind}
              options={[
                {
                  value: 'addendum',
                  label: v.t('meetings.publish.kind.addendum'),
                  hint: v.t('meetings.publish.kind.addendum.hint'),
                },
                {
                  value: 'version',
                  label: v.t('meetings.publish.kind.version'),
                  hint: v.t('meetings.publish.kind.version.hint'),
                },
              ]}
            />
            <TextArea
              id="changeNote"
              label={v.t('meetings.publish.changeNote')}
              hint={v.t('meetings.publish.changeNote.hint')}
              value={d.publish.changeNote}
              error={d.publish.errors.changeNote}
              rows={3}
            />
          </>
        )}
        <button type="submit" class="btn-primary">
          {first ? v.t('meetings.publish.first') : v.t('meetings.publish.again')}
        </button>
      </form>
    </section>
  );
}

export function MeetingEditorPage({ v, d }: { v: ViewContext; d: EditorData }) {
  const m = d.meeting;
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href="/meetings">{v.t('meetings.back')}</a> ·{' '}
        <a href={`/meetings/committees/${m.committee_id}`}>{m.committee_name}</a>
      </nav>
      <PageHeader
        title={`${m.committee_name}: ${m.title}`}
        lead={
          <>
            {longWhen(v, m.starts_at)}
            {m.location_description ? ` · ${[m.location_description, m.location_room].filter(Boolean).join(', ')}` : ''}
          </>
        }
        actions={
          <>
            <a class="btn-secondary" href={`/meetings/${m.id}/edit`}>
              {v.t('meetings.editor.edit')}
            </a>
            {d.versions.length > 0 && (
              <a class="btn-secondary" href={`/meetings/${m.id}?view=published`}>
                {v.t('meetings.editor.preview')}
              </a>
            )}
            {(m.status === 'published' || m.status === 'held' || m.status === 'approved') && (
              <a class="btn-secondary" href={`/meetings/${m.id}/minutes`}>
                {v.t('meetings.editor.minutes')}
              </a>
            )}
          </>
        }
      />
      <ErrorSummary errors={{ ...d.publish.errors }} t={v.t} />
      <p class="mb-4 flex flex-wrap items-center gap-2">
        <span class="font-semibold">{v.t('meetings.editor.status')}:</span> <StatusBadge v={v} status={m.status} />
      </p>
      {m.status === 'cancelled' && <Notice kind="error">{v.t('meetings.cancelledNotice')}</Notice>}
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="lg:col-span-2">
          <section aria-labelledby="items-title" class="mb-6">
            <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h2 id="items-title" class="text-xl font-semibold">
                {v.t('meetings.editor.heading')}
              </h2>
              {d.editable && (
                <a class="btn-primary" href={`/meetings/${m.id}/items/new`}>
                  {v.t('meetings.editor.addItem')}
                </a>
              )}
            </div>
            <p class="mb-3 text-sm text-slate-700">{v.t('meetings.editor.lead')}</p>
            {!d.editable && <Notice kind="info">{v.t('meetings.editor.notEditable')}</Notice>}
            <AgendaItemsList v={v} d={d} />
          </section>
        </div>
        <div>
          {d.editable && <PublishPanel v={v} d={d} />}
          <section class="card mb-6" aria-labelledby="versions-title">
            <h2 id="versions-title" class="mb-2 text-lg font-semibold">
              {v.t('meetings.editor.versions')}
            </h2>
            {d.versions.length === 0 ? (
              <p>{v.t('meetings.editor.noVersions')}</p>
            ) : (
              <ol class="space-y-2">
                {d.versions.map((ver) => (
                  <li>
                    <a href={`/meetings/${m.id}?view=published&version=${ver.number}`}>
                      {v.t('meetings.agenda.versionLabel', { version: ver.number })}
                    </a>
                    {ver.changeKind === 'addendum' && ` (${v.t('meetings.agenda.addendum')})`} ·{' '}
                    {formatDateTime(ver.publishedAt, v.locale)}
                    {ver.changeNote && <span class="block text-sm text-slate-700">{ver.changeNote}</span>}
                  </li>
                ))}
              </ol>
            )}
            {d.versions.length > 0 && (
              <p class="mt-3 flex flex-wrap gap-x-3">
                <a href={`/meetings/${m.id}/agenda.pdf`}>{v.t('meetings.agenda.pdf')}</a>
                <a href={`/meetings/${m.id}/agenda.pdf?attachments=1`}>{v.t('meetings.agenda.pdfMerged')}</a>
              </p>
            )}
          </section>
          {d.transitions.length > 0 && (
            <section class="card" aria-labelledby="status-title">
              <h2 id="status-title" class="mb-2 text-lg font-semibold">
                {v.t('meetings.editor.status')}
              </h2>
              <div class="flex flex-wrap gap-2">
                {d.transitions.map((to) => (
                  <form method="post" action={`/meetings/${m.id}/status`}>
                    <input type="hidden" name="status" value={to} />
                    <input type="hidden" name="from" value={m.status} />
                    <button type="submit" class={to === 'cancelled' ? 'btn-danger' : 'btn-secondary'}>
                      {v.t(`meetings.statusAction.${to}` as MessageKey)}
                    </button>
                  </form>
                ))}
              </div>
            </section>
          )}
        </div>
      </div>
    </>
  );
}

export interface PublishedData {
  meeting: MeetingWithCommittee;
  version: PublishedVersion | null;
  latestNumber: number;
  versions: Array<Pick<PublishedVersion, 'number' | 'changeKind' | 'publishedAt'>>;
  snapshot: PublishedSnapshot | null;
  diff: SnapshotDiff | null;
  /** The secretariat previewing: link back to the editor. */
  editorLink: boolean;
  /** Where this reader finds the minutes, once published. */
  minutesHref: string | null;
  attachmentHref: (itemId: number, documentId: number) => string | null;
}

export function PublishedAgendaPage({ v, d }: { v: ViewContext; d: PublishedData }) {
  const m = d.meeting;
  const base = d.editorLink ? `/meetings/${m.id}?view=published` : `/meetings/${m.id}`;
  const versionQuery = d.version && d.version.number !== d.latestNumber ? `?version=${d.version.number}` : '';
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href="/meetings">{v.t('meetings.back')}</a> ·{' '}
        <a href={`/meetings/committees/${m.committee_id}`}>{m.committee_name}</a>
        {d.editorLink && (
          <>
            {' '}
            · <a href={`/meetings/${m.id}`}>{v.t('meetings.editor.heading')}</a>
          </>
        )}
      </nav>
      <PageHeader
        title={`${v.t('meetings.agenda')}: ${m.committee_name}, ${m.title}`}
        lead={
          d.version
            ? v.t('meetings.agenda.version', {
                version: d.version.number,
                date: formatDateTime(d.version.publishedAt, v.locale),
              })
            : undefined
        }
        actions={
          d.version ? (
            <>
              <a class="btn-secondary" href={`/meetings/${m.id}/agenda.pdf${versionQuery}`}>
                {v.t('meetings.agenda.pdf')}
              </a>
              <a
                class="btn-secondary"
                href={`/meetings/${m.id}/agenda.pdf${versionQuery ? `${versionQuery}&` : '?'}attachments=1`}
              >
                {v.t('meetings.agenda.pdfMerged')}
              </a>
            </>
          ) : undefined
        }
      />
      <p class="mb-4 flex flex-wrap items-center gap-3">
        <StatusBadge v={v} status={m.status} />
        {d.minutesHref && <a href={d.minutesHref}>{v.t('meetings.agenda.minutesLink')}</a>}
      </p>
      {m.status === 'cancelled' && <Notice kind="error">{v.t('meetings.cancelledNotice')}</Notice>}
      {!d.version || !d.snapshot ? (
        <p>{v.t('meetings.agenda.notPublished')}</p>
      ) : (
        <>
          {d.versions.length > 1 && (
            <form method="get" action={`/meetings/${m.id}`} class="mb-4 flex flex-wrap items-end gap-3">
              {d.editorLink && <input type="hidden" name="view" value="published" />}
              <div>
                <label class="label" for="version">
                  {v.t('meetings.agenda.chooseVersion')}
                </label>
                <select class="input" id="version" name="version">
                  {d.versions.map((ver) => (
                    <option value={String(ver.number)} selected={ver.number === d.version!.number}>
                      {v.t('meetings.agenda.versionLabel', { version: ver.number })}
                      {ver.changeKind === 'addendum' ? ` – ${v.t('meetings.agenda.addendum')}` : ''}
                      {ver.number === d.latestNumber ? ` (${v.t('meetings.agenda.latest')})` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="btn-secondary">
                {v.t('meetings.filter.submit')}
              </button>
            </form>
          )}
          {d.version.number !== d.latestNumber && (
            <Notice kind="info">
              {v.t('meetings.agenda.oldVersion', { version: d.version.number })}{' '}
              <a href={base}>{v.t('meetings.agenda.showLatest')}</a>
            </Notice>
          )}
          <ChangesBox v={v} version={d.version} diff={d.diff} />
          <AgendaView v={v} snapshot={d.snapshot} attachmentHref={d.attachmentHref} />
        </>
      )}
    </>
  );
}
