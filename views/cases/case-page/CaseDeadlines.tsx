import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { formatDate } from '../../../src/i18n/index.ts';
import { TextField } from '../../components/form.tsx';
import { Section } from './Section.tsx';

/** The case's deadlines (overdue ones marked), completing one, and the form to add one. */
export function CaseDeadlines({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const open = c.status === 'open';
  const deadlineForm = d.forms.deadline ?? { input: { title: '', dueOn: '', remindOn: '' }, errors: {} };
  return (
    <Section id="deadlines" title={v.t('deadlines.title')}>
      {d.deadlines.length === 0 ? (
        <p class="mb-3 text-slate-700">{v.t('deadlines.none')}</p>
      ) : (
        <ul class="mb-4 space-y-2">
          {d.deadlines.map((dl) => (
            <li class="rounded-md border border-slate-200 px-3 py-2" id={`deadline-${dl.id}`}>
              <p class={dl.done_at ? 'text-slate-600 line-through' : 'font-semibold'}>{dl.title}</p>
              <p
                class={`text-sm ${!dl.done_at && dl.due_on < d.today ? 'font-semibold text-red-800' : 'text-slate-700'}`}
              >
                {!dl.done_at && dl.due_on < d.today
                  ? `${v.t('cases.deadlines.overdue')}: `
                  : `${v.t('deadlines.dueOn')}: `}
                <time datetime={dl.due_on}>{formatDate(`${dl.due_on}T12:00:00Z`, v.locale)}</time>
              </p>
              {dl.done_at ? (
                <p class="text-sm text-slate-600">{v.t('deadlines.doneBy', { name: dl.done_by_name ?? '' })}</p>
              ) : (
                d.allowed.edit && (
                  <form method="post" action={`/cases/${c.id}/deadlines/${dl.id}/completion`}>
                    <button type="submit" class="btn-link text-sm">
                      {v.t('deadlines.markDone')}
                      <span class="sr-only">: {dl.title}</span>
                    </button>
                  </form>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {d.allowed.edit && open && (
        <details open={!!d.forms.deadline}>
          <summary class="btn-secondary cursor-pointer list-none">{v.t('deadlines.add')}</summary>
          <form method="post" action={`/cases/${c.id}/deadlines`} class="mt-3" novalidate>
            <TextField
              id="deadline-title"
              name="title"
              label={v.t('deadlines.what')}
              value={deadlineForm.input.title}
              error={deadlineForm.errors.title}
            />
            <TextField
              id="deadline-dueOn"
              name="dueOn"
              type="date"
              label={v.t('deadlines.dueOn')}
              value={deadlineForm.input.dueOn}
              error={deadlineForm.errors.dueOn}
            />
            <TextField
              id="deadline-remindOn"
              name="remindOn"
              type="date"
              label={v.t('deadlines.remindOn')}
              hint={v.t('deadlines.remindOn.hint')}
              value={deadlineForm.input.remindOn}
              error={deadlineForm.errors.remindOn}
            />
            <button type="submit" class="btn-primary">
              {v.t('deadlines.submit')}
            </button>
          </form>
        </details>
      )}
    </Section>
  );
}
