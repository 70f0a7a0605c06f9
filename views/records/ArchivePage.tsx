import type { ViewContext } from '../context.ts';
import type { ArchiveRunView } from '../../src/modules/records/archive.ts';
import type { RecordsSettingsInput } from '../../src/modules/records/archive-settings.ts';
import type { RecordsRun } from '../../src/modules/records/runs.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, type FieldErrors } from '../components/form.tsx';
import { LiveAnnouncement } from '../components/live.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';
import { RecordsSettingsForm } from './RecordsSettingsForm.tsx';

export interface ArchivePageData {
  settings: RecordsSettingsInput;
  errors: FieldErrors;
  runs: ArchiveRunView[];
  due: { total: number; cases: Array<{ id: number; number: string; closed_at: string }> };
  /** The run the progress bar shows (the newest), and whether the job holds its lease (starting). */
  current: RecordsRun | null;
  starting: boolean;
}

const statusStyle: Record<RecordsRun['status'], string> = {
  done: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
  running: 'bg-amber-100 text-amber-900',
  interrupted: 'bg-slate-200 text-slate-900',
};

function RunStatus({ v, run }: { v: ViewContext; run: RecordsRun }) {
  return <span class={`badge ${statusStyle[run.status]}`}>{v.t(`records.run.status.${run.status}`)}</span>;
}

function archivedCount(run: RecordsRun): number {
  try {
    const d = JSON.parse(run.detail ?? '{}') as { archived?: number };
    return d.archived ?? run.done;
  } catch {
    return run.done;
  }
}

/**
 * The current run's progress. While a run is going (or starting), the section asks for itself
 * again every two seconds (htmx, the page's own URL answers with just this section) and stops
 * when the run is over; the answer that sees the end announces it in the polite live region, once.
 */
export function ArchiveProgress({
  v,
  run,
  starting,
  announce,
}: {
  v: ViewContext;
  run: RecordsRun | null;
  starting: boolean;
  /** A poll's answer (htmx): announce the end of the run when it is over. */
  announce?: boolean;
}) {
  const running = starting || run?.status === 'running';
  const poll = running ? { 'hx-get': '/admin/records/archive', 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' } : {};
  const params = run
    ? { done: formatNumber(run.done, v.locale), total: formatNumber(run.total, v.locale) }
    : { done: '0', total: '0' };
  return (
    <section id="archive-progress" class="card mb-6" aria-labelledby="archive-progress-title" {...poll}>
      <h2 id="archive-progress-title" class="text-lg font-bold">
        {v.t('records.archive.current')}
      </h2>
      {run && (run.status === 'running' || !starting) ? (
        <div class="mt-2">
          <label for="archive-progress-bar" class="block text-sm font-semibold">
            {v.t('records.archive.progress', params)}
          </label>
          <progress
            id="archive-progress-bar"
            class="mt-1 h-3 w-full max-w-xl"
            max={Math.max(run.total, 1)}
            value={run.status === 'done' && run.total === 0 ? 1 : run.done}
          >
            {v.t('records.archive.progress', params)}
          </progress>
          <p class="mt-2 text-sm">
            <RunStatus v={v} run={run} />{' '}
            <time datetime={run.started_at}>{formatDateTime(run.started_at, v.locale)}</time>
            {run.finished_at && (
              <>
                {' – '}
                <time datetime={run.finished_at}>{formatDateTime(run.finished_at, v.locale)}</time>
              </>
            )}
          </p>
        </div>
      ) : (
        !starting && <p class="mt-2 text-sm">{v.t('records.archive.noRuns')}</p>
      )}
      {starting && run?.status !== 'running' && <p class="mt-2 text-sm">{v.t('records.archive.starting')}</p>}
      {announce && !running && run && (
        <LiveAnnouncement
          text={v.t(run.status === 'done' ? 'records.archive.finished' : 'records.archive.stopped', {
            count: formatNumber(archivedCount(run), v.locale),
          })}
        />
      )}
    </section>
  );
}

/** Administration → Arkiv og kassation → Arkivering. */
export function ArchivePage({ v, data }: { v: ViewContext; data: ArchivePageData }) {
  const canManage = v.can('records.manage');
  const linkCases = v.can('cases.view');
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('records.archive.title')} lead={v.t('records.archive.lead')} />
      <ErrorSummary errors={data.errors} t={v.t} />
      <ArchiveProgress v={v} run={data.current} starting={data.starting} />
      {canManage && (
        <form method="post" action="/admin/records/archive/runs" class="mb-8">
          <button type="submit" class="btn-primary">
            {v.t('records.archive.runNow')}
          </button>
          <p class="mt-1 text-sm text-slate-700">{v.t('records.archive.runNow.hint')}</p>
        </form>
      )}

      <section class="mb-8" aria-labelledby="archive-due-title">
        <h2 id="archive-due-title" class="mb-2 text-lg font-bold">
          {v.t('records.archive.due')}
        </h2>
        <p class="mb-3 text-sm text-slate-700">
          {v.t('records.archive.due.count', {
            count: formatNumber(data.due.total, v.locale),
            days: data.settings.archiveGraceDays,
          })}
        </p>
        {data.due.cases.length > 0 && (
          <ScrollTable label={v.t('records.archive.due')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('records.caseCol.number')}</th>
                  <th scope="col">{v.t('records.caseCol.closed')}</th>
                </tr>
              </thead>
              <tbody>
                {data.due.cases.map((c) => (
                  <tr>
                    <td>{linkCases ? <a href={`/cases/${c.id}`}>{c.number}</a> : c.number}</td>
                    <td>
                      <time datetime={c.closed_at}>{formatDate(c.closed_at, v.locale)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {data.due.total > data.due.cases.length && (
          <p class="mt-2 text-sm text-slate-700">
            {v.t('records.archive.due.more', {
              shown: formatNumber(data.due.cases.length, v.locale),
              count: formatNumber(data.due.total, v.locale),
            })}
          </p>
        )}
      </section>

      <section class="mb-8" aria-labelledby="archive-runs-title">
        <h2 id="archive-runs-title" class="mb-2 text-lg font-bold">
          {v.t('records.archive.runs')}
        </h2>
        {data.runs.length === 0 ? (
          <p class="card">{v.t('records.archive.noRuns')}</p>
        ) : (
          <ScrollTable label={v.t('records.archive.runs')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('records.run.started')}</th>
                  <th scope="col">{v.t('records.run.trigger')}</th>
                  <th scope="col">{v.t('records.run.status')}</th>
                  <th scope="col">{v.t('records.run.progress')}</th>
                  <th scope="col">{v.t('records.archive.archivedCases')}</th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((r) => (
                  <tr>
                    <td class="whitespace-nowrap">
                      <time datetime={r.started_at}>{formatDateTime(r.started_at, v.locale)}</time>
                    </td>
                    <td>{v.t(`records.run.trigger.${r.trigger}`)}</td>
                    <td>
                      <RunStatus v={v} run={r} />
                      {r.stale && <span class="block text-xs">{v.t('records.run.stale')}</span>}
                    </td>
                    <td>
                      {v.t('records.run.doneOf', {
                        done: formatNumber(r.done, v.locale),
                        total: formatNumber(r.total, v.locale),
                      })}
                    </td>
                    <td>
                      {r.cases.length === 0 ? (
                        v.t('records.archive.noneArchived')
                      ) : (
                        <ul class="flex flex-wrap gap-x-3">
                          {r.cases.map((c) => (
                            <li>{linkCases && c.exists ? <a href={`/cases/${c.caseId}`}>{c.number}</a> : c.number}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <RecordsSettingsForm v={v} input={data.settings} errors={data.errors} canEdit={canManage} />
    </>
  );
}
