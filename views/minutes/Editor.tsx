import type { ViewContext } from '../context.ts';
import { formatDateTime, formatLongDate } from '../../src/i18n/index.ts';
import { ErrorSummary } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { Attendance } from './Attendance.tsx';
import { ItemCard } from './ItemCard.tsx';
import { DECISIONS_FORM, editorParts, statusKey, type EditorData } from './parts.tsx';
import { HeldStep, SendStep, Versions, WritebackStep } from './Round.tsx';

export type { EditorData } from './parts.tsx';
export { DecisionBlock } from './ItemCard.tsx';

/**
 * The secretariat's minutes editor (/meetings/:id/minutes): one page with a small form per task
 * (attendance, the decisions, conflicts of interest and minority statements, held, send, close),
 * so every change is an ordinary form post that works without JavaScript. The decisions of all
 * items are one form, so saving never loses what was typed in another item. On a
 * validation error the page comes back with the error summary and the typed text kept (`input`).
 * The parts: Attendance.tsx, ItemCard.tsx (decision, conflicts, statements), Round.tsx (held,
 * send and approval, write-back, versions).
 */

/** One item's card alone: what htmx swaps in after a change to that item. */
export function ItemFragment({
  v,
  d,
  itemId,
  notice,
}: {
  v: ViewContext;
  d: EditorData;
  itemId: number;
  notice: { kind: 'success' | 'error'; text: string };
}) {
  const item = d.state.items.find((i) => i.id === itemId);
  if (!item) return null;
  return <ItemCard v={v} d={d} item={item} notice={notice} {...editorParts(d.state)} />;
}

export function MinutesEditor({ v, d }: { v: ViewContext; d: EditorData }) {
  const s = d.state;
  const m = s.meeting;
  const { base, editable, present, everyone } = editorParts(s);
  return (
    <>
      <EditorHeader v={v} d={d} />
      {editable && <Steps v={v} />}

      <Attendance v={v} d={d} base={base} editable={editable} />

      <section aria-labelledby="items-title" class="mb-6">
        <h2 id="items-title" class="mb-3 text-xl font-bold">
          {v.t('minutes.items')}
        </h2>
        {editable && (
          <>
            {/* One form for every item's decision (the fields join it by their form attribute), so a
                plain post of any item's save button keeps what was typed in the others. */}
            <form id={DECISIONS_FORM} method="post" action={`${base}/decisions`}></form>
          </>
        )}
        <ol class="space-y-4">
          {s.items.map((item) => (
            <ItemCard v={v} d={d} item={item} base={base} editable={editable} present={present} everyone={everyone} />
          ))}
        </ol>
      </section>

      {m.status === 'published' && <HeldStep v={v} base={base} />}
      {(m.status === 'held' || m.status === 'approved') && <SendStep v={v} d={d} base={base} />}
      {m.status === 'approved' && <WritebackStep v={v} d={d} base={base} />}
      <Versions v={v} d={d} />
    </>
  );
}

/** Back link, title, errors, the meeting's status and what it means for the editor. */
function EditorHeader({ v, d }: { v: ViewContext; d: EditorData }) {
  const m = d.state.meeting;
  return (
    <>
      <nav aria-label={v.t('minutes.back')} class="mb-2 text-sm">
        <a href={`/meetings/${m.id}`}>
          <span aria-hidden="true">‹ </span>
          {v.t('minutes.back')}
        </a>
      </nav>
      <PageHeader
        title={v.t('minutes.title', { committee: m.committee_name, date: formatLongDate(m.starts_at, v.locale) })}
        lead={m.title}
      />
      <ErrorSummary t={v.t} errors={d.errors} />
      <div class="mb-6 flex flex-wrap items-center gap-3">
        <span class="text-sm text-slate-700">{v.t('minutes.status')}:</span>
        <span class="badge bg-brand-50 text-brand-900" id="meeting-status">
          {v.t(statusKey[m.status])}
        </span>
        {m.minutes_published_at && (
          <span class="text-sm text-slate-700">
            {v.t('minutes.published', { time: formatDateTime(m.minutes_published_at, v.locale) })}
          </span>
        )}
      </div>
      {m.status === 'planned' && (
        <Notice kind="info">
          <p>{v.t('minutes.notPublishedYet')}</p>
        </Notice>
      )}
      {m.status === 'approved' && (
        <Notice kind="info">
          <p>{v.t('minutes.locked')}</p>
        </Notice>
      )}
    </>
  );
}

function Steps({ v }: { v: ViewContext }) {
  return (
    <section class="card mb-6" aria-labelledby="steps-title">
      <h2 id="steps-title" class="mb-2 text-lg font-bold">
        {v.t('minutes.steps')}
      </h2>
      <ol class="list-decimal space-y-1 pl-6 text-slate-800">
        <li>{v.t('minutes.step.record')}</li>
        <li>{v.t('minutes.step.held')}</li>
        <li>{v.t('minutes.step.send')}</li>
        <li>{v.t('minutes.step.approve')}</li>
      </ol>
    </section>
  );
}
