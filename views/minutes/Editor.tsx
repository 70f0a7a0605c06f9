import type { ViewContext } from '../context.ts';
import { formatDateTime, formatLongDate } from '../../src/i18n/index.ts';
import type { RosterPerson } from '../../src/modules/meetings/index.ts';
import type { EditorItem, MinutesState } from '../../src/modules/minutes/index.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';

/**
 * The secretariat's minutes editor (/meetings/:id/minutes): one page with a small form per task
 * (attendance, the decisions, conflicts of interest and minority statements, held, send, close),
 * so every change is an ordinary form post that works without JavaScript. The decisions of all
 * items are one form, so saving never loses what was typed in another item. On a
 * validation error the page comes back with the error summary and the typed text kept (`input`).
 */

export interface EditorData {
  state: MinutesState;
  errors: FieldErrors;
  /** What the user typed into the form that failed, by field id. */
  input: Record<string, string>;
}

const statusKey = {
  planned: 'minutes.status.planned',
  published: 'minutes.status.published',
  held: 'minutes.status.held',
  approved: 'minutes.status.approved',
  cancelled: 'minutes.status.cancelled',
} as const;

const roleKey = { chair: 'minutes.role.chair', vice_chair: 'minutes.role.vice_chair', member: 'minutes.role.member', substitute: 'minutes.role.substitute' } as const;

function personLabel(v: ViewContext, p: RosterPerson) {
  return `${p.name}${p.party ? ` (${p.party})` : ''}, ${v.t(roleKey[p.role])}`;
}

function editorParts(s: MinutesState) {
  const m = s.meeting;
  return {
    base: `/meetings/${m.id}/minutes`,
    editable: m.status === 'published' || m.status === 'held' || m.status === 'approved',
    present: [...s.members, ...s.substitutes].filter((p) => s.attendance.get(p.personId)?.status === 'present'),
    everyone: [...s.members, ...s.substitutes],
  };
}

/** One item's card alone: what htmx swaps in after a change to that item. */
export function ItemFragment({ v, d, itemId, notice }: { v: ViewContext; d: EditorData; itemId: number; notice: { kind: 'success' | 'error'; text: string } }) {
  const item = d.state.items.find((i) => i.id === itemId);
  if (!item) return null;
  return <ItemCard v={v} d={d} item={item} notice={notice} {...editorParts(d.state)} />;
}

export function MinutesEditor({ v, d }: { v: ViewContext; d: EditorData }) {
  const s = d.state;
  const m = s.meeting;
  const { base, editable, present, everyone } = editorParts(s);
  const latest = s.versions.at(-1);
  return (
    <>
      <nav aria-label={v.t('minutes.back')} class="mb-2 text-sm">
        <a href={`/meetings/${m.id}`}>
          <span aria-hidden="true">‹ </span>
          {v.t('minutes.back')}
        </a>
      </nav>
      <PageHeader title={v.t('minutes.title', { committee: m.committee_name, date: formatLongDate(m.starts_at, v.locale) })} lead={m.title} />
      <ErrorSummary t={v.t} errors={d.errors} />
      <div class="mb-6 flex flex-wrap items-center gap-3">
        <span class="text-sm text-slate-700">{v.t('minutes.status')}:</span>
        <span class="badge bg-brand-50 text-brand-900" id="meeting-status">
          {v.t(statusKey[m.status])}
        </span>
        {m.minutes_published_at && <span class="text-sm text-slate-700">{v.t('minutes.published', { time: formatDateTime(m.minutes_published_at, v.locale) })}</span>}
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
      {editable && (
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
      )}

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

      {m.status === 'published' && (
        <section class="card mb-6" aria-labelledby="held-title">
          <h2 id="held-title" class="mb-2 text-lg font-bold">
            {v.t('minutes.held')}
          </h2>
          <p class="mb-3 text-slate-700">{v.t('minutes.held.hint')}</p>
          <form method="post" action={`${base}/held`}>
            <button type="submit" class="btn-primary" id="held">
              {v.t('minutes.held.submit')}
            </button>
          </form>
        </section>
      )}

      {(m.status === 'held' || m.status === 'approved') && (
        <section class="card mb-6" aria-labelledby="send-title">
          <h2 id="send-title" class="mb-2 text-lg font-bold">
            {v.t('minutes.send')}
          </h2>
          <p class="mb-3 text-slate-700">{m.status === 'approved' ? v.t('minutes.send.correction') : latest ? v.t('minutes.send.again') : v.t('minutes.send.hint')}</p>
          <form method="post" action={`${base}/versions`} class="mb-4">
            {latest && <TextField id="changeNote" label={v.t('minutes.send.changeNote')} hint={v.t('minutes.send.changeNoteHint')} value={d.input.changeNote} error={d.errors.changeNote} required />}
            <button type="submit" class={latest ? 'btn-secondary' : 'btn-primary'} id="send">
              {m.status === 'approved' ? v.t('minutes.send.submitCorrection') : latest ? v.t('minutes.send.submitAgain') : v.t('minutes.send.submit')}
            </button>
          </form>
          {s.approval && m.status === 'held' && (
            <div>
              <h3 class="mb-1 font-semibold">{v.t('minutes.approvals', { number: s.approval.version.number })}</h3>
              <p class="mb-2 text-sm text-slate-700">{v.t('minutes.approvals.progress', { done: s.approval.approvals.length, total: s.approval.expected.length })}</p>
              <ul class="mb-4 space-y-1">
                {s.approval.expected.map((e) => {
                  const a = s.approval!.approvals.find((x) => x.personId === e.personId);
                  return (
                    <li class="flex flex-wrap gap-2">
                      <span>{e.name}</span>
                      <span class={a ? 'text-green-800' : 'text-slate-600'}>{a ? v.t('minutes.approvals.at', { time: formatDateTime(a.approvedAt, v.locale) }) : v.t('minutes.approvals.waiting')}</span>
                    </li>
                  );
                })}
              </ul>
              <form method="post" action={`${base}/close`}>
                <p class="hint" id="close-hint">
                  {v.t('minutes.close.hint')}
                </p>
                <button type="submit" class="btn-primary" aria-describedby="close-hint">
                  {v.t('minutes.close')}
                </button>
              </form>
            </div>
          )}
        </section>
      )}

      {m.status === 'approved' && (
        <section class="card mb-6" aria-labelledby="writeback-title">
          <h2 id="writeback-title" class="mb-2 text-lg font-bold">
            {v.t('minutes.writeback')}
          </h2>
          {s.pendingWritebacks > 0 ? (
            <>
              <p class="mb-3">{v.t('minutes.writeback.pending', { count: s.pendingWritebacks })}</p>
              <form method="post" action={`${base}/writeback`}>
                <button type="submit" class="btn-primary">
                  {v.t('minutes.writeback.retry')}
                </button>
              </form>
            </>
          ) : (
            <p>{v.t('minutes.writeback.done')}</p>
          )}
        </section>
      )}

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
                    {ver.changeKind && ` (${v.t(ver.changeKind === 'addendum' ? 'minutes.version.kind.addendum' : 'minutes.version.kind.version')})`} · {formatDateTime(ver.publishedAt, v.locale)}
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
    </>
  );
}


/**
 * One agenda item in the editor: its decision, conflicts of interest and minority statements.
 * With htmx its small forms (a statement or a conflict added or removed) swap only this card,
 * carrying the item's unsaved decision text along so it survives the swap; `notice` is the
 * confirmation (or the rejection) shown and focused after such a swap.
 */
export function ItemCard({
  v,
  d,
  item,
  base,
  editable,
  present,
  everyone,
  notice,
}: {
  v: ViewContext;
  d: EditorData;
  item: EditorItem;
  base: string;
  editable: boolean;
  present: RosterPerson[];
  everyone: RosterPerson[];
  notice?: { kind: 'success' | 'error'; text: string };
}) {
  const decisionId = `decision-${item.id}`;
  const decisionValue = d.input[decisionId] ?? item.decision ?? '';
  const inPlace = { 'hx-target': `#item-${item.id}`, 'hx-swap': 'outerHTML', 'hx-include': `#decision-${item.id}` };
  return (
    <li class="card" id={`item-${item.id}`}>
      <h3 class="mb-1 text-lg font-bold">
        {v.t('minutes.item', { number: item.number })}. {item.title}
      </h3>
      <p class="mb-3 flex flex-wrap gap-2 text-sm text-slate-700">
        {item.closed && <span class="badge bg-amber-100 text-amber-950">{v.t('minutes.item.closed')}</span>}
        {item.caseNumber && <span>{v.t('minutes.item.case', { number: item.caseNumber })}</span>}
        {item.decisionDocumentId && (
          <span>
            {v.t('minutes.decision.writtenBack')} #{item.decisionDocumentId}
          </span>
        )}
      </p>
      {notice && (
        <p class={`mb-3 font-semibold ${notice.kind === 'success' ? 'text-green-800' : 'text-red-800'}`} tabindex={-1} data-autofocus-swap="">
          {notice.text}
        </p>
      )}
      {editable ? (
        <DecisionBlock v={v} base={base} itemId={item.id} number={item.number} value={decisionValue} error={d.errors[decisionId]} />
      ) : (
        <div class="mb-4">
          <h4 class="font-semibold">{v.t('minutes.decision')}</h4>
          <p class="whitespace-pre-line">{item.decision || v.t('minutes.decision.none')}</p>
        </div>
      )}

      <div class="grid gap-4 md:grid-cols-2">
        <div>
          <h4 class="mb-1 font-semibold">{v.t('minutes.disq')}</h4>
          {item.disqualified.length === 0 ? (
            <p class="mb-2 text-sm text-slate-700">{v.t('minutes.disq.none')}</p>
          ) : (
            <ul class="mb-2 space-y-1">
              {item.disqualified.map((x) => (
                <li class="flex flex-wrap items-center gap-2">
                  <span>
                    {x.name}
                    {x.reason ? `: ${x.reason}` : ''}
                  </span>
                  {x.keptOut && <span class="badge">{v.t('minutes.disq.keptOutBadge')}</span>}
                  {editable && (
                    <form method="post" action={`${base}/items/${item.id}/disqualifications/${x.personId}/delete`} hx-post={`${base}/items/${item.id}/disqualifications/${x.personId}/delete`} {...inPlace}>
                      <button type="submit" class="btn-link text-sm">
                        {v.t('minutes.disq.remove', { name: x.name })}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {editable && everyone.length > 0 && (
            <details class="mb-2" open={!!d.errors[`disq-person-${item.id}`] || !!d.errors[`disq-reason-${item.id}`]}>
              <summary class="btn-link cursor-pointer">{v.t('minutes.disq.add')}</summary>
              <form method="post" action={`${base}/items/${item.id}/disqualifications`} hx-post={`${base}/items/${item.id}/disqualifications`} {...inPlace} class="mt-2">
                <PersonSelect v={v} id={`disq-person-${item.id}`} label={v.t('minutes.disq.person')} people={everyone} value={d.input[`disq-person-${item.id}`]} error={d.errors[`disq-person-${item.id}`]} />
                <TextField id={`disq-reason-${item.id}`} name="reason" label={v.t('minutes.disq.reason')} value={d.input[`disq-reason-${item.id}`]} error={d.errors[`disq-reason-${item.id}`]} />
                <div class="mb-3 flex items-start gap-3">
                  <input class="mt-1 size-5 accent-brand-700" type="checkbox" id={`disq-kept-${item.id}`} name="keptOut" value="1" checked={d.input[`disq-kept-${item.id}`] !== '0'} />
                  <label for={`disq-kept-${item.id}`}>{v.t('minutes.disq.keptOut')}</label>
                </div>
                <button type="submit" class="btn-secondary">
                  {v.t('minutes.disq.add')}
                </button>
              </form>
            </details>
          )}
        </div>
        <div>
          <h4 class="mb-1 font-semibold">{v.t('minutes.dissents')}</h4>
          {item.dissents.length === 0 ? (
            <p class="mb-2 text-sm text-slate-700">{v.t('minutes.dissents.none')}</p>
          ) : (
            <ul class="mb-2 space-y-2">
              {item.dissents.map((x) => (
                <li>
                  <p>
                    <strong>{x.name}:</strong> {x.text}
                  </p>
                  {editable && (
                    <form method="post" action={`${base}/items/${item.id}/dissents/${x.id}/delete`} hx-post={`${base}/items/${item.id}/dissents/${x.id}/delete`} {...inPlace}>
                      <button type="submit" class="btn-link text-sm">
                        {v.t('minutes.dissent.remove', { name: x.name })}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {editable && present.length > 0 && (
            <details class="mb-2" open={!!d.errors[`dissent-person-${item.id}`] || !!d.errors[`dissent-text-${item.id}`]}>
              <summary class="btn-link cursor-pointer">{v.t('minutes.dissent.add')}</summary>
              <p class="hint mt-2">{v.t('minutes.dissents.hint')}</p>
              <form method="post" action={`${base}/items/${item.id}/dissents`} hx-post={`${base}/items/${item.id}/dissents`} {...inPlace} class="mt-2">
                <PersonSelect v={v} id={`dissent-person-${item.id}`} label={v.t('minutes.dissent.person')} people={present} value={d.input[`dissent-person-${item.id}`]} error={d.errors[`dissent-person-${item.id}`]} />
                <TextArea id={`dissent-text-${item.id}`} name="text" label={v.t('minutes.dissent.text')} value={d.input[`dissent-text-${item.id}`]} error={d.errors[`dissent-text-${item.id}`]} rows={3} />
                <button type="submit" class="btn-secondary">
                  {v.t('minutes.dissent.add')}
                </button>
              </form>
            </details>
          )}
        </div>
      </div>
    </li>
  );
}

const DECISIONS_FORM = 'decisions-form';

/**
 * One item's decision field and its save button. Without JavaScript the button submits the
 * page's one decisions form (every item's text); with htmx it saves this item alone and swaps
 * only this block, so the other items' fields are never touched. `swapped` marks the block that
 * htmx gets back from a save: its confirmation (or, when rejected, the field) takes focus.
 */
export function DecisionBlock({ v, base, itemId, number, value, error, swapped }: { v: ViewContext; base: string; itemId: number; number: number; value: string; error?: string; swapped?: boolean }) {
  const id = `decision-${itemId}`;
  return (
    <div class="mb-4" id={`${id}-block`}>
      <TextArea id={id} label={v.t('minutes.decision')} hint={v.t('minutes.decision.hint')} value={value} error={error} rows={3} form={DECISIONS_FORM} autofocusSwap={!!swapped && !!error} />
      <div class="flex flex-wrap items-center gap-3">
        <button type="submit" class="btn-primary" form={DECISIONS_FORM} name="item" value={String(itemId)} hx-post={`${base}/items/${itemId}/decision`} hx-target={`#${id}-block`} hx-swap="outerHTML">
          {v.t('minutes.decision.save')}
        </button>
        {swapped && !error && (
          <span class="font-semibold text-green-800" tabindex={-1} data-autofocus-swap="">
            {v.t('minutes.decision.saved', { number })}
          </span>
        )}
      </div>
    </div>
  );
}

function PersonSelect({ v, id, label, people, value, error }: { v: ViewContext; id: string; label: string; people: RosterPerson[]; value?: string; error?: string }) {
  return (
    <div class="mb-4">
      <label class="label" for={id}>
        {label}
      </label>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <select class="input" id={id} name="personId" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{v.t('minutes.choose')}</option>
        {people.map((p) => (
          <option value={String(p.personId)} selected={value === String(p.personId)}>
            {personLabel(v, p)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Attendance({ v, d, base, editable }: { v: ViewContext; d: EditorData; base: string; editable: boolean }) {
  const s = d.state;
  const status = (personId: number) => d.input[`att-${personId}`] ?? s.attendance.get(personId)?.status ?? '';
  const subFor = (personId: number) => d.input[`sub-${personId}`] ?? String(s.attendance.get(personId)?.substituteFor ?? '');
  const presentCount = [...s.attendance.values()].filter((a) => a.status === 'present').length;
  const absentCount = [...s.attendance.values()].filter((a) => a.status === 'absent').length;
  return (
    <section class="card mb-6" aria-labelledby="attendance-title" id="attendance">
      <h2 id="attendance-title" class="mb-1 text-lg font-bold">
        {v.t('minutes.attendance')}
      </h2>
      {s.attendance.size > 0 && <p class="mb-2 text-sm text-slate-700">{v.t('minutes.attendance.summary', { present: presentCount, absent: absentCount })}</p>}
      {s.members.length === 0 ? (
        <p>{v.t('minutes.attendance.noMembers')}</p>
      ) : (
        <form method="post" action={`${base}/attendance`}>
          <p class="hint mb-3">{v.t('minutes.attendance.hint')}</p>
          <ul class="mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {s.members.map((p) => {
              const id = `att-${p.personId}`;
              const err = d.errors[id];
              return (
                <li class="py-2">
                  <fieldset id={id} aria-describedby={err ? `${id}-error` : undefined}>
                    <legend class="font-semibold">{personLabel(v, p)}</legend>
                    {err && (
                      <span class="field-error" id={`${id}-error`}>
                        {err}
                      </span>
                    )}
                    <div class="mt-1 flex flex-wrap gap-x-6">
                      {(['present', 'absent'] as const).map((value) => (
                        <label class="flex min-h-11 items-center gap-2">
                          <input type="radio" class="size-5 accent-brand-700" name={id} value={value} checked={status(p.personId) === value} disabled={!editable} />
                          {v.t(value === 'present' ? 'minutes.attendance.present' : 'minutes.attendance.absent')}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <h3 class="mb-1 font-semibold">{v.t('minutes.attendance.substitutes')}</h3>
          {s.substitutes.length === 0 ? (
            <p class="mb-3 text-sm text-slate-700">{v.t('minutes.attendance.noSubstitutes')}</p>
          ) : (
            <ul class="mb-4 grid gap-3 sm:grid-cols-2">
              {s.substitutes.map((p) => {
                const id = `sub-${p.personId}`;
                const err = d.errors[id];
                return (
                  <li>
                    <label class="label" for={id}>
                      {v.t('minutes.attendance.substituteFor')}: {p.name}
                      {p.party ? ` (${p.party})` : ''}
                    </label>
                    {err && (
                      <span class="field-error" id={`${id}-error`}>
                        {err}
                      </span>
                    )}
                    <select class="input" id={id} name={id} disabled={!editable} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-error` : undefined}>
                      <option value="">{v.t('minutes.attendance.notAttending')}</option>
                      {s.members.map((m) => (
                        <option value={String(m.personId)} selected={subFor(p.personId) === String(m.personId)}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </li>
                );
              })}
            </ul>
          )}
          {editable && (
            <button type="submit" class="btn-primary">
              {v.t('minutes.attendance.save')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
