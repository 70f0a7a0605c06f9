import type { ViewContext } from '../context.ts';
import type { CasePageData } from '../../src/modules/cases/case-page.ts';
import { ErrorSummary, type FieldErrors } from '../components/form.tsx';
import { Notice } from '../components/page.tsx';
import { CaseDeadlines } from './case-page/CaseDeadlines.tsx';
import { CaseDetails } from './case-page/CaseDetails.tsx';
import { CaseHeader } from './case-page/CaseHeader.tsx';
import { CaseNotes } from './case-page/CaseNotes.tsx';
import { CaseParties } from './case-page/CaseParties.tsx';
import { CaseTimeline } from './case-page/CaseTimeline.tsx';
import { LinkedCases } from './case-page/LinkedCases.tsx';
import { Section } from './case-page/Section.tsx';

/**
 * The case page, put together from its sections (views/cases/case-page/); the model is loaded by
 * src/modules/cases/case-page.ts, `d.documents` is the documents module's section and
 * `d.letters` the letters module's.
 */
export function CasePage({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const partyForm = d.forms.party ?? {
    input: { kind: 'person', role: 'party', name: '', cpr: '', cvr: '', address: '', email: '', phone: '' },
    errors: {},
  };
  const deadlineForm = d.forms.deadline ?? { input: { title: '', dueOn: '', remindOn: '' }, errors: {} };
  const allErrors: FieldErrors = {
    ...partyForm.errors,
    ...(d.forms.note?.error ? { 'note-body': d.forms.note.error } : {}),
    ...(d.forms.deadline
      ? Object.fromEntries(Object.entries(deadlineForm.errors).map(([k, val]) => [`deadline-${k}`, val]))
      : {}),
    ...(d.forms.relate?.error ? { relateNumber: d.forms.relate.error } : {}),
    ...(d.forms.status?.error
      ? { [d.forms.status.problems?.length ? 'close-problems' : 'reason']: d.forms.status.error }
      : {}),
  };
  return (
    <>
      <CaseHeader v={v} d={d} />
      <ErrorSummary t={v.t} errors={allErrors} />
      {d.shownCpr && (
        <div role="status">
          <Notice kind="warning">
            <p>{v.t('parties.cprShown', { name: d.shownCpr.name, cpr: d.shownCpr.cpr })}</p>
          </Notice>
        </div>
      )}
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="min-w-0 lg:col-span-2">
          {c.description && (
            <Section id="description" title={v.t('cases.description')}>
              <p class="whitespace-pre-line">{c.description}</p>
            </Section>
          )}
          {d.documents}
          {d.letters}
          <CaseNotes v={v} d={d} />
          <CaseTimeline v={v} d={d} />
        </div>

        <div class="min-w-0">
          <CaseDetails v={v} d={d} />

          {d.accessRequests}

          <CaseParties v={v} d={d} />

          <CaseDeadlines v={v} d={d} />

          <LinkedCases v={v} d={d} />
        </div>
      </div>
    </>
  );
}
