import type { ViewContext } from '../context.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

/** Send a case to a committee: choose one of the coming meetings whose agenda is still open. */
export function ProposePage({
  v,
  caseRow,
  open,
  on,
  error,
}: {
  v: ViewContext;
  caseRow: { id: number; number: string; title: string };
  open: Array<{ id: number; startsAt: string; committeeName: string }>;
  on: Array<{ id: number; startsAt: string; committeeName: string }>;
  error?: string;
}) {
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href={`/cases/${caseRow.id}`}>
          {caseRow.number} {caseRow.title}
        </a>
      </nav>
      <PageHeader
        title={v.t('meetings.propose.heading')}
        lead={v.t('meetings.item.fromCase', { number: caseRow.number, title: caseRow.title })}
      />
      <ErrorSummary errors={error ? { meeting: error } : {}} t={v.t} />
      {on.length > 0 && (
        <p class="mb-4">
          {v.t('meetings.propose.onAgendas', {
            meetings: on.map((m) => `${m.committeeName} ${formatDateTime(m.startsAt, v.locale)}`).join('; '),
          })}
        </p>
      )}
      {open.length === 0 ? (
        <p>{v.t('meetings.propose.none')}</p>
      ) : (
        <form method="get" action="/meetings/proposals" class="card max-w-2xl" novalidate>
          <p class="mb-4 text-slate-700">{v.t('meetings.propose.lead')}</p>
          <input type="hidden" name="case" value={String(caseRow.id)} />
          <SelectField
            id="meeting"
            label={v.t('meetings.propose.meeting')}
            error={error}
            options={[
              { value: '', label: v.t('meetings.item.chooseMeeting') },
              ...open.map((m) => ({
                value: String(m.id),
                label: v.t('meetings.item.meetingOption', {
                  committee: m.committeeName,
                  date: formatDateTime(m.startsAt, v.locale),
                }),
              })),
            ]}
          />
          <button type="submit" class="btn-primary">
            {v.t('meetings.propose.submit')}
          </button>
        </form>
      )}
    </>
  );
}
