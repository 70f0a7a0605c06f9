import type { ViewContext } from '../context.ts';
import type { DisposalCase, DisposalRun } from '../../src/modules/records/disposal.ts';
import { blockerOf } from '../../src/modules/records/disposal-format.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

const statusStyle: Record<DisposalRun['status'], string> = {
  proposed: 'bg-amber-100 text-amber-900',
  approved: 'bg-brand-50 text-brand-900',
  executing: 'bg-amber-100 text-amber-900',
  executed: 'bg-green-100 text-green-900',
  cancelled: 'bg-slate-200 text-slate-900',
};

function RunStatus({ v, status }: { v: ViewContext; status: DisposalRun['status'] }) {
  return <span class={`badge ${statusStyle[status]}`}>{v.t(`records.disposal.status.${status}`)}</span>;
}

/** What is listed and what never is: the rules the list is drawn up by. */
function Rules({ v }: { v: ViewContext }) {
  return (
    <section class="card mb-6 max-w-3xl" aria-labelledby="disposal-rules-title">
      <h2 id="disposal-rules-title" class="text-lg font-bold">
        {v.t('records.disposal.rules')}
      </h2>
      <ul class="mt-2 list-disc space-y-1 pl-5 text-sm">
        <li>{v.t('records.disposal.rules.dispose')}</li>
        <li>{v.t('records.disposal.rules.preserve')}</li>
        <li>{v.t('records.disposal.rules.never')}</li>
        <li>{v.t('records.disposal.rules.blocked')}</li>
        <li>{v.t('records.disposal.rules.steps')}</li>
      </ul>
    </section>
  );
}

/** Administration → Arkiv og kassation → Kassation: the lists, and drawing up a new one. */
export function DisposalIndex({ v, runs }: { v: ViewContext; runs: DisposalRun[] }) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('records.disposal.title')} lead={v.t('records.disposal.lead')} />
      <Rules v={v} />
      {v.can('records.manage') && (
        <form method="post" action="/admin/records/disposal" class="mb-8">
          <button type="submit" class="btn-primary">
            {v.t('records.disposal.propose')}
          </button>
          <p class="mt-1 text-sm text-slate-700">{v.t('records.disposal.propose.hint')}</p>
        </form>
      )}
      <section aria-labelledby="disposal-lists-title">
        <h2 id="disposal-lists-title" class="mb-2 text-lg font-bold">
          {v.t('records.disposal.lists')}
        </h2>
        {runs.length === 0 ? (
          <p class="card">{v.t('records.disposal.noLists')}</p>
        ) : (
          <ScrollTable label={v.t('records.disposal.lists')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('records.disposal.list')}</th>
                  <th scope="col">{v.t('records.disposal.asOf')}</th>
                  <th scope="col">{v.t('records.disposal.status')}</th>
                  <th scope="col">{v.t('records.disposal.cases')}</th>
                  <th scope="col">{v.t('records.disposal.excluded')}</th>
                  <th scope="col">{v.t('records.disposal.disposed')}</th>
                  <th scope="col">{v.t('records.disposal.approvedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr>
                    <td>
                      <a href={`/admin/records/disposal/${r.id}`}>{v.t('records.disposal.listNo', { id: r.id })}</a>
                    </td>
                    <td>{formatDate(`${r.as_of}T12:00:00Z`, v.locale)}</td>
                    <td>
                      <RunStatus v={v} status={r.status} />
                    </td>
                    <td>{formatNumber(r.total, v.locale)}</td>
                    <td>{formatNumber(r.excluded, v.locale)}</td>
                    <td>{formatNumber(r.disposed, v.locale)}</td>
                    <td>{r.approvedByName ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

export interface DisposalListForm {
  /** Per case id: the reason typed (kept on a 422). */
  reasons?: Record<number, string>;
  errors?: FieldErrors;
}

function rule(v: ViewContext, c: DisposalCase): string {
  if (c.retention === 'preserve')
    return c.export_id === null
      ? v.t('records.disposal.rule.preserve')
      : v.t('records.disposal.rule.preserveDelivered', { export: c.export_id });
  return v.t('records.disposal.rule.dispose', { years: c.retention_years ?? 0 });
}

function CaseState({ v, c }: { v: ViewContext; c: DisposalCase }) {
  if (c.disposed_at)
    return (
      <>
        {v.t('records.disposal.case.disposed')}{' '}
        <time datetime={c.disposed_at}>{formatDateTime(c.disposed_at, v.locale)}</time>
      </>
    );
  if (c.excluded) {
    const auto = blockerOf(c.excluded_reason);
    return (
      <>
        <strong>{v.t('records.disposal.case.excluded')}</strong>
        <span class="block text-sm">
          {auto
            ? v.t(`records.disposal.blocker.${auto}`)
            : v.t('records.disposal.case.excludedBy', {
                reason: c.excluded_reason ?? '',
                name: c.excludedByName ?? '–',
              })}
        </span>
      </>
    );
  }
  return <>{v.t('records.disposal.case.onList')}</>;
}

/** One disposal list: its cases, taking a case off it, approval, execution. */
export function DisposalListPage({
  v,
  run,
  cases,
  form,
  showTitles,
}: {
  v: ViewContext;
  run: DisposalRun;
  cases: DisposalCase[];
  form: DisposalListForm;
  /** Records managers see every case and so its title; others only numbers. */
  showTitles: boolean;
}) {
  const canManage = v.can('records.manage');
  const errors = form.errors ?? {};
  const remaining = cases.filter((c) => !c.excluded && !c.disposed_at).length;
  const base = `/admin/records/disposal/${run.id}`;
  return (
    <>
      <AdminCrumb v={v} />
      <nav aria-label={v.t('records.disposal.back.label')} class="mb-2 text-sm">
        <a href="/admin/records/disposal">{v.t('records.disposal.back')}</a>
      </nav>
      <PageHeader title={v.t('records.disposal.listTitle', { id: run.id })} />
      <ErrorSummary errors={errors} t={v.t} />
      <dl
        id="disposal-status"
        tabindex={-1}
        class="card mb-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm"
      >
        <dt class="text-slate-700">{v.t('records.disposal.status')}</dt>
        <dd>
          <RunStatus v={v} status={run.status} />
        </dd>
        <dt class="text-slate-700">{v.t('records.disposal.asOf')}</dt>
        <dd>{formatDate(`${run.as_of}T12:00:00Z`, v.locale)}</dd>
        <dt class="text-slate-700">{v.t('records.disposal.createdBy')}</dt>
        <dd>
          {run.createdByName ?? '–'}, <time datetime={run.created_at}>{formatDateTime(run.created_at, v.locale)}</time>
        </dd>
        <dt class="text-slate-700">{v.t('records.disposal.approvedBy')}</dt>
        <dd>
          {run.approved_at ? (
            <>
              {run.approvedByName ?? '–'},{' '}
              <time datetime={run.approved_at}>{formatDateTime(run.approved_at, v.locale)}</time>
            </>
          ) : (
            '–'
          )}
        </dd>
        <dt class="text-slate-700">{v.t('records.disposal.executedAt')}</dt>
        <dd>
          {run.executed_at ? <time datetime={run.executed_at}>{formatDateTime(run.executed_at, v.locale)}</time> : '–'}
        </dd>
        <dt class="text-slate-700">{v.t('records.disposal.counts')}</dt>
        <dd>
          {v.t('records.disposal.countsText', {
            total: formatNumber(run.total, v.locale),
            excluded: formatNumber(run.excluded, v.locale),
            disposed: formatNumber(run.disposed, v.locale),
          })}
        </dd>
      </dl>

      {canManage && run.status === 'proposed' && (
        <form method="post" action={`${base}/approval`} class="card mb-4 max-w-3xl" novalidate>
          <h2 class="text-lg font-bold">{v.t('records.disposal.approve.title')}</h2>
          <p class="mb-3 mt-1 text-sm">
            {v.t('records.disposal.approve.lead', { count: formatNumber(remaining, v.locale) })}
          </p>
          <div class="mb-3 flex items-start gap-3">
            <input
              class="mt-1 size-5 accent-brand-700"
              type="checkbox"
              id="confirm"
              name="confirm"
              value="1"
              aria-invalid={errors.confirm ? 'true' : undefined}
              aria-describedby={errors.confirm ? 'confirm-error' : undefined}
            />
            <label for="confirm">{v.t('records.disposal.approve.confirm')}</label>
          </div>
          {errors.confirm && (
            <p class="field-error mb-3" id="confirm-error">
              {errors.confirm}
            </p>
          )}
          <button type="submit" class="btn-primary">
            {v.t('records.disposal.approve')}
          </button>
        </form>
      )}
      {canManage && (run.status === 'approved' || run.status === 'executing') && (
        <form method="post" action={`${base}/execution`} class="card mb-4 max-w-3xl">
          <h2 class="text-lg font-bold">{v.t('records.disposal.execute.title')}</h2>
          <Notice kind="warning">
            <p>{v.t('records.disposal.execute.warning', { count: formatNumber(remaining, v.locale) })}</p>
          </Notice>
          <button type="submit" class="btn-danger">
            {run.status === 'executing' ? v.t('records.disposal.execute.resume') : v.t('records.disposal.execute')}
          </button>
        </form>
      )}
      {canManage && (run.status === 'proposed' || run.status === 'approved') && (
        <form method="post" action={`${base}/cancellation`} class="mb-6">
          <button type="submit" class="btn-secondary">
            {v.t('records.disposal.cancel')}
          </button>
        </form>
      )}

      <h2 class="mb-2 text-lg font-bold">{v.t('records.disposal.cases')}</h2>
      {cases.length === 0 ? (
        <p class="card">{v.t('records.disposal.noCases')}</p>
      ) : (
        <ScrollTable label={v.t('records.disposal.cases')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('records.caseCol.number')}</th>
                {showTitles && <th scope="col">{v.t('records.caseCol.title')}</th>}
                <th scope="col">{v.t('records.caseCol.classification')}</th>
                <th scope="col">{v.t('records.caseCol.rule')}</th>
                <th scope="col">{v.t('records.caseCol.closed')}</th>
                <th scope="col">{v.t('records.caseCol.documents')}</th>
                <th scope="col">{v.t('records.disposal.case.state')}</th>
                {canManage && run.status === 'proposed' && <th scope="col">{v.t('records.disposal.exclude')}</th>}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => {
                const field = `reason-${c.case_id}`;
                return (
                  <tr>
                    <td class="whitespace-nowrap">
                      {c.disposed_at || !showTitles ? (
                        c.case_number
                      ) : (
                        <a href={`/cases/${c.case_id}`}>{c.case_number}</a>
                      )}
                    </td>
                    {showTitles && <td>{c.title ?? '–'}</td>}
                    <td class="whitespace-nowrap">
                      {c.kle_number} {c.facet_code}
                    </td>
                    <td>{rule(v, c)}</td>
                    <td>
                      {c.closed_at ? <time datetime={c.closed_at}>{formatDate(c.closed_at, v.locale)}</time> : '–'}
                    </td>
                    <td>
                      {v.t('records.disposal.case.counts', {
                        documents: formatNumber(c.document_count, v.locale),
                        files: formatNumber(c.file_count, v.locale),
                      })}
                    </td>
                    <td>
                      <CaseState v={v} c={c} />
                    </td>
                    {canManage && run.status === 'proposed' && (
                      <td>
                        {!c.excluded && (
                          <form method="post" action={`${base}/cases/${c.case_id}/exclusion`} novalidate>
                            <label for={field} class="label">
                              {v.t('records.disposal.exclude.reason', { number: c.case_number })}
                            </label>
                            {errors[field] && (
                              <span class="field-error" id={`${field}-error`}>
                                {errors[field]}
                              </span>
                            )}
                            <input
                              class="input"
                              type="text"
                              id={field}
                              name="reason"
                              value={form.reasons?.[c.case_id] ?? ''}
                              maxlength={500}
                              aria-invalid={errors[field] ? 'true' : undefined}
                              aria-describedby={errors[field] ? `${field}-error` : undefined}
                            />
                            <button type="submit" class="btn-secondary mt-2">
                              {v.t('records.disposal.exclude.submit')}
                              <span class="sr-only">: {c.case_number}</span>
                            </button>
                          </form>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
