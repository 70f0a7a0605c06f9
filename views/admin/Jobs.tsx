import type { ViewContext } from '../context.ts';
import type { JobRun } from '../../src/db/schema.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

export interface JobRow {
  name: string;
  title: MessageKey;
  result: MessageKey;
  schedule: string;
  nextRun: string | null;
  lastRun: JobRun | null;
}

const statusStyle: Record<JobRun['status'], string> = {
  ok: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
  running: 'bg-amber-100 text-amber-900',
};

export function describeRun(v: ViewContext, run: JobRun, resultKey: MessageKey | undefined): string {
  if (!run.detail) return '';
  try {
    const detail = JSON.parse(run.detail) as Record<string, number | string>;
    if (run.status === 'failed') return String(detail.error ?? '');
    return resultKey ? v.t(resultKey, detail) : run.detail;
  } catch {
    return run.detail;
  }
}

function Status({ v, status }: { v: ViewContext; status: JobRun['status'] }) {
  return <span class={`badge ${statusStyle[status]}`}>{v.t(`jobs.status.${status}`)}</span>;
}

export function JobsPage({ v, jobs, runs }: { v: ViewContext; jobs: JobRow[]; runs: JobRun[] }) {
  const resultKeys = new Map(jobs.map((j) => [j.name, j.result]));
  const titles = new Map(jobs.map((j) => [j.name, j.title]));
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('jobs.title')} lead={v.t('admin.jobs.desc')} />
      <ul class="mb-8 grid gap-4 lg:grid-cols-2">
        {jobs.map((job) => (
          <li class="card">
            <h2 class="text-lg font-bold">{v.t(job.title)}</h2>
            <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt class="text-slate-600">{v.t('jobs.schedule')}</dt>
              <dd>
                <code>{job.schedule}</code>
              </dd>
              <dt class="text-slate-600">{v.t('jobs.nextRun')}</dt>
              <dd>{job.nextRun ? <time datetime={job.nextRun}>{formatDateTime(job.nextRun, v.locale)}</time> : '–'}</dd>
              <dt class="text-slate-600">{v.t('jobs.lastRun')}</dt>
              <dd>
                {job.lastRun ? (
                  <>
                    <time datetime={job.lastRun.started_at}>{formatDateTime(job.lastRun.started_at, v.locale)}</time>{' '}
                    <Status v={v} status={job.lastRun.status} />
                  </>
                ) : (
                  '–'
                )}
              </dd>
            </dl>
            {v.can('jobs.run') && (
              <form method="post" action={`/admin/jobs/${job.name}/runs`} class="mt-4">
                <button type="submit" class="btn-secondary">
                  {v.t('jobs.runNow')}
                  <span class="sr-only">: {v.t(job.title)}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <h2 class="mb-3 text-lg font-bold">{v.t('jobs.recent')}</h2>
      {runs.length === 0 ? (
        <p class="card">{v.t('jobs.none')}</p>
      ) : (
        <ScrollTable label={v.t('jobs.recent')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('jobs.job')}</th>
                <th scope="col">{v.t('jobs.started')}</th>
                <th scope="col">{v.t('jobs.status')}</th>
                <th scope="col">{v.t('jobs.trigger')}</th>
                <th scope="col">{v.t('jobs.detail')}</th>
                <th scope="col">{v.t('jobs.instance')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const title = titles.get(r.job);
                return (
                  <tr>
                    <td>{title ? v.t(title) : r.job}</td>
                    <td class="whitespace-nowrap">
                      <time datetime={r.started_at}>{formatDateTime(r.started_at, v.locale)}</time>
                    </td>
                    <td>
                      <Status v={v} status={r.status} />
                    </td>
                    <td>{v.t(`jobs.trigger.${r.trigger}`)}</td>
                    <td>{describeRun(v, r, resultKeys.get(r.job))}</td>
                    <td class="text-xs text-slate-600">{r.instance}</td>
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
