import type { ViewContext } from '../context.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { TextField } from '../components/form.tsx';
import type { EditorData } from './parts.tsx';

/**
 * The minutes editor's steps after the record: marking the meeting held, sending the minutes for
 * approval (and the approval round), the decisions written back to their cases, and the sealed
 * versions.
 */

interface StepProps {
  v: ViewContext;
  d: EditorData;
  base: string;
}

export function HeldStep({ v, base }: { v: ViewContext; base: string }) {
  return (
    <section class="card mb-6" aria-labelledby="held-title">
      <h2 id="held-title" class="mb-2 text-lg font-bold">
        {v.t('minutes.held')}
      </h2>
      <p class="mb-3 text-slate-700">{v.t('minutes.held.hint')}</p>
      <form method="post" action={`${base}/holding`}>
        <button type="submit" class="btn-primary" id="held">
          {v.t('minutes.held.submit')}
        </button>
      </form>
    </section>
  );
}

export function SendStep({ v, d, base }: StepProps) {
  const s = d.state;
  const m = s.meeting;
  const latest = s.versions.at(-1);
  return (
    <section class="card mb-6" aria-labelledby="send-title">
      <h2 id="send-title" class="mb-2 text-lg font-bold">
        {v.t('minutes.send')}
      </h2>
      <p class="mb-3 text-slate-700">
        {m.status === 'approved'
          ? v.t('minutes.send.correction')
          : latest
            ? v.t('minutes.send.again')
            : v.t('minutes.send.hint')}
      </p>
      <form method="post" action={`${base}/versions`} class="mb-4">
        {latest && (
          <TextField
            id="changeNote"
            label={v.t('minutes.send.changeNote')}
            hint={v.t('minutes.send.changeNoteHint')}
            value={d.input.changeNote}
            error={d.errors.changeNote}
            required
          />
        )}
        <button type="submit" class={latest ? 'btn-secondary' : 'btn-primary'} id="send">
          {m.status === 'approved'
            ? v.t('minutes.send.submitCorrection')
            : latest
              ? v.t('minutes.send.submitAgain')
              : v.t('minutes.send.submit')}
        </button>
      </form>
      {s.approval && m.status === 'held' && <ApprovalRound v={v} d={d} base={base} />}
    </section>
  );
}

/** Who has approved the version sent, and closing the round. */
function ApprovalRound({ v, d, base }: StepProps) {
  const approval = d.state.approval!;
  return (
    <div>
      <h3 class="mb-1 font-semibold">{v.t('minutes.approvals', { number: approval.version.number })}</h3>
      <p class="mb-2 text-sm text-slate-700">
        {v.t('minutes.approvals.progress', { done: approval.approvals.length, total: approval.expected.length })}
      </p>
      <ul class="mb-4 space-y-1">
        {approval.expected.map((e) => {
          const a = approval.approvals.find((x) => x.personId === e.personId);
          return (
            <li class="flex flex-wrap gap-2">
              <span>{e.name}</span>
              <span class={a ? 'text-green-800' : 'text-slate-600'}>
                {a
                  ? v.t('minutes.approvals.at', { time: formatDateTime(a.approvedAt, v.locale) })
                  : v.t('minutes.approvals.waiting')}
              </span>
            </li>
          );
        })}
      </ul>
      <form method="post" action={`${base}/closing`}>
        <p class="hint" id="close-hint">
          {v.t('minutes.close.hint')}
        </p>
        <button type="submit" class="btn-primary" aria-describedby="close-hint">
          {v.t('minutes.close')}
        </button>
      </form>
    </div>
  );
}

export function WritebackStep({ v, d, base }: StepProps) {
  const pending = d.state.pendingWritebacks;
  return (
    <section class="card mb-6" aria-labelledby="writeback-title">
      <h2 id="writeback-title" class="mb-2 text-lg font-bold">
        {v.t('minutes.writeback')}
      </h2>
      {pending > 0 ? (
        <>
          <p class="mb-3">{v.t('minutes.writeback.pending', { count: pending })}</p>
          <form method="post" action={`${base}/writebacks`}>
            <button type="submit" class="btn-primary">
              {v.t('minutes.writeback.retry')}
            </button>
          </form>
        </>
      ) : (
        <p>{v.t('minutes.writeback.done')}</p>
      )}
    </section>
  );
}

export function Versions({ v, d }: { v: ViewContext; d: EditorData }) {
  const s = d.state;
  return (
    <section class="card mb-6" aria-labelledby="versions-title">
      <h2 id="versions-title" class="mb-2 text-lg font-bold">
        {v.t('minutes.versions')}
      </h2>
      {s.versions.length === 0 ? (
        <p class="text-slate-700">{v.t('minutes.versions.none')}</p>
      ) : (
        <>
          <p id="seal-check" class={`mb-3 font-semibold ${s.seals.ok ? 'text-green-800' : 'text-red-800'}`}>
            {s.seals.ok ? v.t('minutes.seals.ok') : v.t('minutes.seals.broken', { number: s.seals.number })}
          </p>
          <ol class="space-y-3">
            {[...s.versions].reverse().map((ver) => (
              <li class="border-l-4 border-slate-300 pl-3">
                <p class="font-semibold">
                  {v.t('minutes.version', { number: ver.number })}
                  {ver.changeKind &&
                    ` (${v.t(ver.changeKind === 'addendum' ? 'minutes.version.kind.addendum' : 'minutes.version.kind.version')})`}{' '}
                  · {formatDateTime(ver.publishedAt, v.locale)}
                </p>
                {ver.changeNote && <p class="text-slate-800">{ver.changeNote}</p>}
                <p class="text-sm text-slate-700">
                  {v.t('minutes.version.seal')}: <code class="break-all">{ver.sha256}</code>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
