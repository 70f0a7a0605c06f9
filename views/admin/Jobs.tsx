import type { ViewContext } from '../context.ts';
import type { JobRun } from '../../src/db/schema.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { formatDateTime, formatNumber, hasMessage } from '../../src/i18n/index.ts';
import { describeSchedule } from '../../src/i18n/schedule.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

export interface JobRow {
  name: string;
  title: MessageKey;
  result: MessageKey;
  schedule: string;
  nextRun: string | null;
  /** A run (anywhere) holds the job's lease now. */
  running: boolean;
  /** Newest first. */
  runs: JobRun[];
}

const statusStyle: Record<JobRun['status'], string> = {
  ok: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900 ring-1 ring-red-700',
  running: 'bg-amber-100 text-amber-900',
};

/** A sign beside the word, so the status does not rest on colour alone. */
const statusSign: Record<JobRun['status'], string> = { ok: '✓', failed: '✕', running: '…' };

export function describeRun(v: ViewContext, run: JobRun, resultKey: MessageKey | undefined): string {
  if (!run.detail) return '';
  try {
    const detail = JSON.parse(run.detail) as Record<string, number | string>;
    if (run.status === 'failed') return String(detail.error ?? '');
    const params = Object.fromEntries(
      Object.entries(detail).map(([k, n]) => [k, typeof n === 'number' ? formatNumber(n, v.locale) : n]),
    );
    return resultKey ? v.t(resultKey, params) : run.detail;
  } catch {
    return run.detail;
  }
}

/** How long a run took, in words ("3 sek.", "2 min. 5 sek."). */
export function runDuration(v: ViewContext, run: JobRun): string {
  if (!run.finished_at) return v.t('jobs.duration.running');
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  if (!(ms >= 1000)) return v.t('jobs.duration.ms');
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return v.t('jobs.duration.s', { s: seconds });
  return v.t('jobs.duration.min', { m: Math.floor(seconds / 60), s: seconds % 60 });
}

function Status({ v, status }: { v: ViewContext; status: JobRun['status'] }) {
  return (
    <span class={`badge whitespace-nowrap ${statusStyle[status]}`}>
      <span aria-hidden="true">{statusSign[status]} </span>
      {v.t(`jobs.status.${status}`)}
    </span>
  );
}

function description(v: ViewContext, name: string): string | null {
  const key = `jobs.${name}.description`;
  return hasMessage(key) ? v.t(key) : null;
}

/** The facts of one job: what it does, when, next, now. */
function JobFacts({ v, job }: { v: ViewContext; job: JobRow }) {
  const what = description(v, job.name);
  return (
    <>
      {what && <p class="mt-1">{what}</p>}
      <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt class="text-slate-600">{v.t('jobs.schedule')}</dt>
        <dd>
          {describeSchedule(job.schedule, v.locale)}{' '}
          <code class="text-xs text-slate-600" title={v.t('jobs.cronExpression')}>
            ({job.schedule})
          </code>
        </dd>
        <dt class="text-slate-600">{v.t('jobs.nextRun')}</dt>
        <dd>
          {job.nextRun ? (
            <time datetime={job.nextRun}>{formatDateTime(job.nextRun, v.locale)}</time>
          ) : (
            v.t('jobs.notScheduled')
          )}
        </dd>
        <dt class="text-slate-600">{v.t('jobs.status')}</dt>
        <dd>{job.running ? <Status v={v} status="running" /> : v.t('jobs.idle')}</dd>
      </dl>
    </>
  );
}

function RunNow({ v, job, back }: { v: ViewContext; job: JobRow; back?: 'job' }) {
  if (!v.can('jobs.run')) return null;
  return (
    <form method="post" action={`/admin/jobs/${job.name}/runs`}>
      {back && <input type="hidden" name="back" value={back} />}
      <button type="submit" class="btn-secondary">
        {v.t('jobs.runNow')}
        <span class="sr-only">: {v.t(job.title)}</span>
      </button>
    </form>
  );
}

/** One run in a list: when, status, how long, and the result or (for a failed run) the error. */
function RunItem({ v, run, resultKey }: { v: ViewContext; run: JobRun; resultKey: MessageKey }) {
  const failed = run.status === 'failed';
  const detail = describeRun(v, run, resultKey);
  return (
    <li class={failed ? 'rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2' : 'px-3 py-2'}>
      <div class="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <time datetime={run.started_at}>{formatDateTime(run.started_at, v.locale)}</time>
        <Status v={v} status={run.status} />
        <span class="text-sm text-slate-600">
          {runDuration(v, run)} · {v.t(`jobs.trigger.${run.trigger}`)}
        </span>
      </div>
      {detail &&
        (failed ? (
          <p class="mt-1 text-sm text-red-900">
            <strong>{v.t('jobs.error')}:</strong> {detail}
          </p>
        ) : (
          <p class="mt-1 text-sm">{detail}</p>
        ))}
    </li>
  );
}

export function JobsPage({ v, jobs }: { v: ViewContext; jobs: JobRow[] }) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('jobs.title')} lead={v.t('admin.jobs.desc')} />
      <ul class="grid gap-4 lg:grid-cols-2">
        {jobs.map((job) => {
          const lastFailed = job.runs[0]?.status === 'failed';
          return (
            <li class={`card ${lastFailed ? 'border-l-4 border-l-red-700' : ''}`} aria-labelledby={`job-${job.name}`}>
              <h2 id={`job-${job.name}`} class="text-lg font-bold">
                <a href={`/admin/jobs/${job.name}`}>{v.t(job.title)}</a>
              </h2>
              {lastFailed && (
                <p class="mt-1 font-semibold text-red-900">
                  <span aria-hidden="true">✕ </span>
                  {v.t('jobs.lastFailed')}
                </p>
              )}
              <JobFacts v={v} job={job} />
              <h3 class="mt-4 mb-1 font-semibold">{v.t('jobs.lastRuns')}</h3>
              {job.runs.length === 0 ? (
                <p class="text-sm text-slate-600">{v.t('jobs.none')}</p>
              ) : (
                <ol class="divide-y divide-slate-200">
                  {job.runs.map((run) => (
                    <RunItem v={v} run={run} resultKey={job.result} />
                  ))}
                </ol>
              )}
              <div class="mt-4 flex flex-wrap items-center gap-4">
                <RunNow v={v} job={job} />
                <a href={`/admin/jobs/${job.name}`}>
                  {v.t('jobs.open')}
                  <span class="sr-only">: {v.t(job.title)}</span>
                </a>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function JobPage({ v, job, nextBefore }: { v: ViewContext; job: JobRow; nextBefore: number | null }) {
  return (
    <>
      <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
        <a href="/admin">{v.t('admin.title')}</a> › <a href="/admin/jobs">{v.t('jobs.title')}</a>
      </nav>
      <PageHeader title={v.t(job.title)} actions={<RunNow v={v} job={job} back="job" />} />
      <section class="card mb-6" aria-labelledby="job-facts">
        <h2 id="job-facts" class="text-lg font-bold">
          {v.t('jobs.description')}
        </h2>
        <JobFacts v={v} job={job} />
      </section>
      <h2 class="mb-3 text-lg font-bold">{v.t('jobs.history')}</h2>
      {job.runs.length === 0 ? (
        <p class="card">{v.t('jobs.none')}</p>
      ) : (
        <ScrollTable label={v.t('jobs.history')}>
          <table class="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{v.t('jobs.started')}</th>
                <th scope="col">{v.t('jobs.status')}</th>
                <th scope="col">{v.t('jobs.duration')}</th>
                <th scope="col">{v.t('jobs.trigger')}</th>
                <th scope="col">{v.t('jobs.detail')}</th>
                <th scope="col">{v.t('jobs.instance')}</th>
              </tr>
            </thead>
            <tbody>
              {job.runs.map((r) => {
                const failed = r.status === 'failed';
                return (
                  <tr class={failed ? 'bg-red-50' : undefined}>
                    <td class="whitespace-nowrap" data-label={v.t('jobs.started')}>
                      <time datetime={r.started_at}>{formatDateTime(r.started_at, v.locale)}</time>
                    </td>
                    <td data-label={v.t('jobs.status')}>
                      <Status v={v} status={r.status} />
                    </td>
                    <td class="whitespace-nowrap" data-label={v.t('jobs.duration')}>
                      {runDuration(v, r)}
                    </td>
                    <td data-label={v.t('jobs.trigger')}>{v.t(`jobs.trigger.${r.trigger}`)}</td>
                    <td data-label={v.t('jobs.detail')}>
                      {failed ? (
                        <span class="text-red-900">
                          <strong>{v.t('jobs.error')}:</strong> {describeRun(v, r, job.result)}
                        </span>
                      ) : (
                        describeRun(v, r, job.result)
                      )}
                    </td>
                    <td class="text-xs break-all text-slate-600" data-label={v.t('jobs.instance')}>
                      {r.instance}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {nextBefore && (
        <p class="mt-4">
          <a class="btn-secondary" href={`/admin/jobs/${job.name}?before=${nextBefore}`}>
            {v.t('jobs.older')}
          </a>
        </p>
      )}
    </>
  );
}
