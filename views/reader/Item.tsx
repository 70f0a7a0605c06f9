import type { ViewContext } from '../context.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { noteKey } from '../../src/modules/reader/notes.ts';
import type { ReaderItem, ReaderMeeting, ReaderNote } from '../../src/modules/reader/index.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { DiffText } from '../pages/History.tsx';
import { changeSections } from './Meeting.tsx';
import { formatBytes } from '../documents/Documents.tsx';
import { Badge, NoteForm, Paragraphs } from './parts.tsx';

export interface ReaderItemData {
  m: ReaderMeeting;
  r: ReaderItem;
  notes: Map<string, ReaderNote>;
  /** A rejected note: its key, the text typed and the message. */
  noteError?: { key: string; value: string; message: string };
}

export function ReaderItemScreen({ v, d }: { v: ViewContext; d: ReaderItemData }) {
  const { m, r } = d;
  const item = r.item;
  const base = `/reader/meetings/${m.meeting.id}`;
  const q = `?view=${m.kind}`;
  const title = r.readable ? item.title : v.t('reader.item.closed');
  return (
    <>
      <nav aria-label={v.t('reader.item.back')} class="mb-2 text-sm">
        <a href={`${base}${q}`} class="inline-flex min-h-11 items-center">
          <span aria-hidden="true">‹&nbsp;</span>
          {m.snapshot.meeting.committeeName}, {formatDate(m.snapshot.meeting.startsAt, v.locale)} ·{' '}
          {v.t(m.kind === 'minutes' ? 'reader.minutes' : 'reader.agenda')}
        </a>
      </nav>
      <p class="text-sm font-semibold text-brand-800">{v.t('reader.item', { number: item.number })}</p>
      <PageHeader title={title} />
      <p class="-mt-4 mb-4 flex flex-wrap gap-2">
        {item.closed && <Badge tone="closed">{v.t('reader.item.closed')}</Badge>}
        {item.caseNumber && <Badge tone="info">{v.t('reader.item.case', { number: item.caseNumber })}</Badge>}
        {r.change?.kind === 'added' && <Badge tone="new">{v.t('reader.changes.added')}</Badge>}
        {r.change?.kind === 'changed' && (
          <Badge tone="changed">{v.t('reader.changed', { number: m.version.number })}</Badge>
        )}
      </p>
      {!r.readable ? (
        <Notice kind="info">
          <p>{r.keptOut ? v.t('reader.item.keptOut') : v.t('reader.item.closedHidden')}</p>
        </Notice>
      ) : (
        <div class="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <ItemText v={v} d={d} />
          <ItemAside v={v} d={d} />
        </div>
      )}
      <ItemNav v={v} d={d} />
      <p class="mt-4 text-sm text-slate-600">
        {v.t('reader.version', { number: m.version.number, time: formatDateTime(m.version.publishedAt, v.locale) })}
      </p>
    </>
  );
}

/** The item's text: what changed, its sections, statements, earlier steps and conflicts. */
function ItemText({ v, d }: { v: ViewContext; d: ReaderItemData }) {
  const { m, r } = d;
  const item = r.item;
  const section = (id: string, heading: string, text: string, diff?: Parameters<typeof DiffText>[0]['parts']) =>
    text.trim() || diff ? (
      <section aria-labelledby={`${id}-h`} class="mb-6">
        <h2 id={`${id}-h`} class="mb-2 text-xl font-bold">
          {heading}
        </h2>
        {diff ? (
          <div class="whitespace-pre-line">
            <DiffText v={v} parts={diff} />
          </div>
        ) : (
          <Paragraphs text={text} />
        )}
      </section>
    ) : null;
  return (
    <article class="card min-w-0 text-lg leading-relaxed" aria-labelledby="page-title">
      {r.change?.kind === 'changed' && (
        <Notice kind="info">
          <p>
            {v.t('reader.changes', { number: m.previous!.number })}: {changeSections(v, r.change)}
          </p>
          {r.diffs.title && (
            <p>
              <DiffText v={v} parts={r.diffs.title} />
            </p>
          )}
        </Notice>
      )}
      {section('presentation', v.t('reader.section.presentation'), item.presentation, r.diffs.presentation)}
      {section('recommendation', v.t('reader.section.recommendation'), item.recommendation, r.diffs.recommendation)}
      {section('economy', v.t('reader.section.economy'), item.economy, r.diffs.economy)}
      {m.kind === 'minutes' &&
        section('decision', v.t('reader.section.decision'), item.decision ?? '', r.diffs.decision)}
      {m.kind === 'minutes' && (item.dissents?.length ?? 0) > 0 && (
        <section aria-labelledby="dissents-h" class="mb-6">
          <h2 id="dissents-h" class="mb-2 text-xl font-bold">
            {v.t('reader.section.dissents')}
          </h2>
          <ul class="space-y-2">
            {item.dissents!.map((x) => (
              <li>
                <strong>{x.name}:</strong> {x.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.earlier.length > 0 && (
        <section aria-labelledby="earlier-h" class="mb-6">
          <h2 id="earlier-h" class="mb-2 text-xl font-bold">
            {v.t('reader.section.earlier')}
          </h2>
          <ul class="space-y-2">
            {item.earlier.map((e) => (
              <li>
                <strong>
                  {e.committeeName}, {formatDate(e.startsAt, v.locale)}:
                </strong>{' '}
                {e.decision ?? v.t('reader.earlier.pending')}
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.disqualified.length > 0 && (
        <section aria-labelledby="disq-h" class="mb-6">
          <h2 id="disq-h" class="mb-2 text-xl font-bold">
            {v.t('reader.section.disqualified')}
          </h2>
          <ul>
            {item.disqualified.map((x) => (
              <li>
                {x.name}
                {x.reason ? `: ${x.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** The item's attachments and the reader's own notes on it and on each attachment. */
function ItemAside({ v, d }: { v: ViewContext; d: ReaderItemData }) {
  const { m, r } = d;
  const item = r.item;
  const base = `/reader/meetings/${m.meeting.id}`;
  const q = `?view=${m.kind}`;
  const action = `${base}/items/${item.id}/notes${q}`;
  const noteProps = (target: 'item' | `document:${number}`) => {
    const key = noteKey(item.id, target);
    const err = d.noteError?.key === key ? d.noteError : undefined;
    return { note: d.notes.get(key), value: err?.value, error: err?.message };
  };
  return (
    <aside class="min-w-0 space-y-4" aria-label={v.t('reader.notes')}>
      {item.attachments.length > 0 && (
        <section class="card" aria-labelledby="attachments-h">
          <h2 id="attachments-h" class="mb-2 text-lg font-bold">
            {v.t('reader.section.attachments')}
          </h2>
          <ul class="space-y-4">
            {item.attachments.map((a) => (
              <li>
                <a
                  href={`${base}/attachments/${a.id}`}
                  hx-boost="false"
                  class="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3 py-2 font-semibold no-underline hover:bg-slate-100"
                  data-offline-attachment
                >
                  <span aria-hidden="true">📄</span>
                  <span>
                    {a.title}
                    <span class="block text-sm font-normal text-slate-700">
                      {a.mime === 'application/pdf' ? 'PDF' : a.filename.split('.').pop()?.toUpperCase()},{' '}
                      {formatBytes(a.size, v.locale)}
                      {a.closed ? ` · ${v.t('reader.attachment.closed')}` : ''}
                    </span>
                  </span>
                </a>
                <details
                  open={!!noteProps(`document:${a.documentId}`).note || !!noteProps(`document:${a.documentId}`).error}
                >
                  <summary class="btn-link cursor-pointer text-sm">
                    {v.t('reader.notes.attachment', { title: a.title })}
                  </summary>
                  <NoteForm
                    v={v}
                    action={action}
                    itemId={item.id}
                    target={`document:${a.documentId}`}
                    label={v.t('reader.notes.attachment', { title: a.title })}
                    {...noteProps(`document:${a.documentId}`)}
                  />
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="notes-h">
        <h2 id="notes-h" class="mb-1 text-lg font-bold">
          {v.t('reader.notes')}
        </h2>
        <p class="hint">{v.t('reader.notes.hint')}</p>
        <NoteForm
          v={v}
          action={action}
          itemId={item.id}
          target="item"
          label={v.t('reader.notes.item', { number: item.number })}
          {...noteProps('item')}
        />
      </section>
    </aside>
  );
}

/** Previous and next item, and back to the meeting. */
function ItemNav({ v, d }: { v: ViewContext; d: ReaderItemData }) {
  const { m, r } = d;
  const base = `/reader/meetings/${m.meeting.id}`;
  const q = `?view=${m.kind}`;
  return (
    <nav aria-label={v.t('reader.item.back')} class="mt-6 flex flex-wrap justify-between gap-2">
      {r.prev ? (
        <a href={`${base}/items/${r.prev.id}${q}`} class="btn-secondary" rel="prev">
          <span aria-hidden="true">‹</span> {v.t('reader.item.prev')}
        </a>
      ) : (
        <span />
      )}
      <a href={`${base}${q}`} class="btn-secondary">
        {v.t('reader.item.back')}
      </a>
      {r.next ? (
        <a href={`${base}/items/${r.next.id}${q}`} class="btn-secondary" rel="next">
          {v.t('reader.item.next')} <span aria-hidden="true">›</span>
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
