import type { ViewContext } from '../context.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import type { CaseDocument, EditorItem, ItemInput, MeetingWithCommittee } from '../../src/modules/meetings/index.ts';
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

export interface ItemFormData {
  meeting: MeetingWithCommittee;
  mode: 'new' | 'edit';
  item?: EditorItem;
  caseRow?: { id: number; number: string; title: string } | null;
  documents: CaseDocument[] | null;
  input: ItemInput;
  errors: FieldErrors;
  members: Array<{ personId: number; name: string; party: string | null }>;
  disqualify: { personId: string; reason: string; keptOut: boolean; errors: FieldErrors };
  targets: Array<{ id: number; title: string; startsAt: string; committeeName: string }>;
  forwardError?: string;
}

function AttachmentPicker({ v, d }: { v: ViewContext; d: ItemFormData }) {
  if (!d.documents) {
    return <p class="mb-5 text-slate-700">{v.t('meetings.item.attachments.noCase')}</p>;
  }
  return (
    <fieldset
      class="mb-5"
      id="attachments"
      aria-describedby={['attachments-hint', d.errors.attachments ? 'attachments-error' : ''].filter(Boolean).join(' ')}
    >
      <legend class="label">{v.t('meetings.item.attachments')}</legend>
      <span class="hint" id="attachments-hint">
        {v.t('meetings.item.attachments.hint')}
      </span>
      {d.errors.attachments && (
        <span class="field-error" id="attachments-error">
          {d.errors.attachments}
        </span>
      )}
      {d.documents.length === 0 ? (
        <p>{v.t('meetings.item.attachments.none')}</p>
      ) : (
        <ul class="space-y-2">
          {d.documents.map((doc) => {
            const id = String(doc.id);
            const label = v.t('meetings.item.docLabel', { number: doc.number ?? '–', title: doc.title });
            return (
              <li class="flex flex-wrap items-start gap-x-6 gap-y-1 rounded border border-slate-200 px-3 py-2">
                <span class="flex items-start gap-2">
                  <input
                    class="mt-1 size-5 accent-brand-700"
                    type="checkbox"
                    id={`att-${id}`}
                    name="attachments"
                    value={id}
                    checked={d.input.attachments.includes(id)}
                  />
                  <label for={`att-${id}`}>
                    {label}
                    <span class="block text-sm text-slate-600">
                      {formatDate(`${doc.documentDate}T12:00:00Z`, v.locale)} · {doc.filename}
                    </span>
                  </label>
                </span>
                <span class="flex items-center gap-2">
                  <input
                    class="size-5 accent-brand-700"
                    type="checkbox"
                    id={`attc-${id}`}
                    name="closedAttachments"
                    value={id}
                    checked={d.input.closedAttachments.includes(id)}
                    aria-describedby={`att-${id}`}
                  />
                  <label for={`attc-${id}`}>{v.t('meetings.item.attachClosed')}</label>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

export function ItemFormPage({ v, d }: { v: ViewContext; d: ItemFormData }) {
  const m = d.meeting;
  const action = d.mode === 'new' ? `/meetings/${m.id}/items` : `/meetings/${m.id}/items/${d.item!.id}`;
  const title =
    d.mode === 'new' ? v.t('meetings.item.newTitle') : v.t('meetings.item.editTitle', { number: d.item!.number });
  const allErrors = {
    ...d.errors,
    ...Object.fromEntries(Object.entries(d.disqualify.errors).map(([k, val]) => [`dq-${k}`, val])),
    ...(d.forwardError ? { target: d.forwardError } : {}),
  };
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href="/meetings">{v.t('meetings.back')}</a> ·{' '}
        <a href={`/meetings/${m.id}`}>{`${m.committee_name}, ${formatDateTime(m.starts_at, v.locale)}`}</a>
      </nav>
      <PageHeader
        title={title}
        lead={
          d.caseRow
            ? v.t('meetings.item.fromCase', { number: d.caseRow.number, title: d.caseRow.title })
            : `${m.committee_name}, ${formatDateTime(m.starts_at, v.locale)}`
        }
      />
      <ErrorSummary errors={allErrors} t={v.t} />
      <form method="post" action={action} class="card mb-6 max-w-3xl" novalidate>
        {d.caseRow && d.mode === 'new' && <input type="hidden" name="case" value={String(d.caseRow.id)} />}
        <TextField
          id="title"
          label={v.t('meetings.item.title')}
          value={d.input.title}
          error={d.errors.title}
          required
        />
        <Checkbox
          id="closed"
          label={v.t('meetings.item.closed')}
          hint={v.t('meetings.item.closed.hint')}
          checked={d.input.closed}
        />
        <TextField
          id="closedReason"
          label={v.t('meetings.item.closedReason')}
          hint={v.t('meetings.item.closedReason.hint')}
          value={d.input.closedReason}
          error={d.errors.closedReason}
        />
        <TextArea
          id="presentation"
          label={v.t('meetings.item.presentation')}
          hint={v.t('meetings.item.text.hint')}
          value={d.input.presentation}
          error={d.errors.presentation}
          rows={8}
        />
        <TextArea
          id="recommendation"
          label={v.t('meetings.item.recommendation')}
          value={d.input.recommendation}
          error={d.errors.recommendation}
          rows={4}
        />
        <TextArea
          id="economy"
          label={v.t('meetings.item.economy')}
          value={d.input.economy}
          error={d.errors.economy}
          rows={3}
        />
        <AttachmentPicker v={v} d={d} />
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn-primary">
            {d.mode === 'new' ? v.t('meetings.item.create') : v.t('meetings.item.save')}
          </button>
          <a class="btn-secondary" href={`/meetings/${m.id}`}>
            {v.t('meetings.form.cancel')}
          </a>
        </div>
      </form>

      {d.mode === 'edit' && d.item && (
        <>
          <section class="card mb-6 max-w-3xl" aria-labelledby="dq-title" id="disqualifications">
            <h2 id="dq-title" class="mb-1 text-xl font-semibold">
              {v.t('meetings.item.disqualifications')}
            </h2>
            <p class="mb-3 text-slate-700">{v.t('meetings.item.disqualifications.lead')}</p>
            {d.item.disqualified.length === 0 ? (
              <p class="mb-3">{v.t('meetings.item.disqualifications.none')}</p>
            ) : (
              <ul class="mb-4 space-y-2">
                {d.item.disqualified.map((x) => (
                  <li class="flex flex-wrap items-center justify-between gap-2 rounded border border-slate-200 px-3 py-2">
                    <span>
                      <strong>{x.name}</strong>
                      {x.keptOut && <span class="ml-2 badge">{v.t('meetings.item.keptOutLabel')}</span>}
                      {x.reason && <span class="block text-sm text-slate-700">{x.reason}</span>}
                    </span>
                    <form
                      method="post"
                      action={`/meetings/${m.id}/items/${d.item!.id}/disqualifications/${x.personId}/deletion`}
                    >
                      <button type="submit" class="btn-secondary">
                        {v.t('meetings.item.disqualify.remove', { name: x.name })}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <form method="post" action={`/meetings/${m.id}/items/${d.item.id}/disqualifications`} novalidate>
              <SelectField
                id="dq-personId"
                name="personId"
                label={v.t('meetings.item.disqualify.person')}
                value={d.disqualify.personId}
                error={d.disqualify.errors.personId}
                options={[
                  { value: '', label: v.t('meetings.form.choose') },
                  ...d.members.map((p) => ({
                    value: String(p.personId),
                    label: p.party ? `${p.name} (${p.party})` : p.name,
                  })),
                ]}
              />
              <TextField
                id="dq-reason"
                name="reason"
                label={v.t('meetings.item.disqualify.reason')}
                value={d.disqualify.reason}
                error={d.disqualify.errors.reason}
              />
              <Checkbox
                id="dq-keptOut"
                name="keptOut"
                label={v.t('meetings.item.disqualify.keptOut')}
                checked={d.disqualify.keptOut}
              />
              <button type="submit" class="btn-secondary">
                {v.t('meetings.item.disqualify.add')}
              </button>
            </form>
          </section>

          <section class="card mb-6 max-w-3xl" aria-labelledby="forward-title" id="forward">
            <h2 id="forward-title" class="mb-1 text-xl font-semibold">
              {v.t('meetings.item.forward')}
            </h2>
            <p class="mb-3 text-slate-700">{v.t('meetings.item.forward.lead')}</p>
            {d.targets.length === 0 ? (
              <p>{v.t('meetings.item.forward.none')}</p>
            ) : (
              <form method="post" action={`/meetings/${m.id}/items/${d.item.id}/forwarding`} novalidate>
                <SelectField
                  id="target"
                  label={v.t('meetings.item.forward.target')}
                  error={d.forwardError}
                  options={[
                    { value: '', label: v.t('meetings.item.chooseMeeting') },
                    ...d.targets.map((t) => ({
                      value: String(t.id),
                      label: v.t('meetings.item.meetingOption', {
                        committee: t.committeeName,
                        date: formatDateTime(t.startsAt, v.locale),
                      }),
                    })),
                  ]}
                />
                <button type="submit" class="btn-secondary">
                  {v.t('meetings.item.forward.submit')}
                </button>
              </form>
            )}
          </section>

          <form method="post" action={`/meetings/${m.id}/items/${d.item.id}/deletion`} class="mb-6">
            <button type="submit" class="btn-danger">
              {v.t('meetings.item.remove')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
