import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { TextField } from '../../components/form.tsx';

/** The status changes the user may make: close, archive, reopen with a reason. */
export function CaseStatus({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const open = c.status === 'open';
  return (
    <>
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
