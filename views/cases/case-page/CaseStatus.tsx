import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { TextField } from '../../components/form.tsx';

/** The status changes the user may make: close, archive, reopen with a reason. */
export function CaseStatus({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const open = c.status === 'open';
  const problems = d.forms.status?.problems ?? [];
  return (
    <>
      {problems.length > 0 && (
        <div
          id="close-problems"
          tabindex={-1}
          class="mt-4 rounded-md border-2 border-red-700 bg-white p-3"
          aria-labelledby="close-problems-title"
        >
          <h3 id="close-problems-title" class="font-bold text-red-800">
            {v.t('records.close.problemsTitle', { count: problems.length })}
          </h3>
          <ul class="mt-2 list-disc pl-5 text-sm">
            {problems.map((p) => (
              <li>
                <a href={p.href} class="font-semibold text-red-800">
                  {p.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="mt-4 flex flex-wrap gap-2 border-t border-slate-200 pt-4">
        {d.allowed.edit && open && (
          <form method="post" action={`/cases/${c.id}/status`}>
            <input type="hidden" name="change" value="close" />
            <button type="submit" class="btn-secondary">
              {v.t('cases.close')}
            </button>
          </form>
        )}
        {d.allowed.archive && c.status === 'closed' && (
          <form method="post" action={`/cases/${c.id}/status`}>
            <input type="hidden" name="change" value="archive" />
            <button type="submit" class="btn-secondary">
              {v.t('cases.archive')}
            </button>
          </form>
        )}
      </div>
      {d.allowed.reopen && c.status === 'closed' && (
        <form method="post" action={`/cases/${c.id}/status`} class="mt-3">
          <input type="hidden" name="change" value="reopen" />
          <TextField
            id="reason"
            label={v.t('cases.reopen.reason')}
            value={d.forms.status?.reason}
            error={d.forms.status?.error}
          />
          <button type="submit" class="btn-secondary">
            {v.t('cases.reopen')}
          </button>
        </form>
      )}
    </>
  );
}
