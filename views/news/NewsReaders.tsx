import type { ViewContext } from '../context.ts';
import type { NewsRow, ReadersReport } from '../../src/modules/news/service.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';

/**
 * The must-read report for editors: totals, a table per unit (counts), then each unit's names —
 * who has confirmed the current version (and when) and who has not — and the reminder button.
 */
export function NewsReadersPage({
  v,
  row,
  report,
  canRemind,
}: {
  v: ViewContext;
  row: NewsRow;
  report: ReadersReport;
  canRemind: boolean;
}) {
  const n = (x: number) => formatNumber(x, v.locale);
  const unitName = (name: string) => name || v.t('news.readers.noUnit');
  const anchor = (unitId: number | null) => `unit-${unitId ?? 'none'}`;
  return (
    <>
      <nav aria-label={v.t('news.views')} class="mb-2 text-sm">
        <a href="/news">{v.t('news.title')}</a>
        {' › '}
        <a href={`/news/${row.id}`}>{row.title}</a>
      </nav>
      <PageHeader
        title={v.t('news.readers.pageTitle', { title: row.title })}
        lead={v.t('news.readers.summary', {
          read: n(report.read),
          total: n(report.total),
          version: report.version,
          pending: n(report.pending),
        })}
      />
      {!row.must_read && (
        <Notice kind="info">
          <p>{v.t('news.readers.notMustRead')}</p>
        </Notice>
      )}
      {!!row.must_read && (
        <section class="card mb-6" aria-labelledby="remind-title">
          <h2 id="remind-title" class="sr-only">
            {v.t('news.readers.remind', { count: n(report.pending) })}
          </h2>
          {canRemind ? (
            report.pending > 0 && (
              <form method="post" action={`/news/${row.id}/reminders`} class="mb-2">
                <button type="submit" class="btn-primary">
                  {v.t('news.readers.remind', { count: n(report.pending) })}
                </button>
              </form>
            )
          ) : (
            <p class="mb-2">{v.t('news.readers.remind.unavailable')}</p>
          )}
          <p class="text-sm text-slate-600">{v.t('news.readers.remind.rule')}</p>
        </section>
      )}
      <ScrollTable label={v.t('news.readers.table')}>
        <table class="data-table">
          <caption class="sr-only">{v.t('news.readers.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{v.t('news.readers.unit')}</th>
              <th scope="col" class="text-right">
                {v.t('news.readers.read')}
              </th>
              <th scope="col" class="text-right">
                {v.t('news.readers.pending')}
              </th>
              <th scope="col" class="text-right">
                {v.t('news.readers.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.units.map((u) => (
              <tr>
                <th scope="row" class="font-normal">
                  <a href={`#${anchor(u.unitId)}`}>{unitName(u.name)}</a>
                </th>
                <td class="text-right">{n(u.read.length)}</td>
                <td class="text-right">{u.pending.length > 0 ? <strong>{n(u.pending.length)}</strong> : n(0)}</td>
                <td class="text-right">{n(u.read.length + u.pending.length)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{v.t('news.readers.total')}</th>
              <td class="text-right font-semibold">{n(report.read)}</td>
              <td class="text-right font-semibold">{n(report.pending)}</td>
              <td class="text-right font-semibold">{n(report.total)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollTable>
      <div class="mt-6 space-y-4">
        {report.units.map((u) => (
          <section class="card" id={anchor(u.unitId)} aria-labelledby={`${anchor(u.unitId)}-title`}>
            <h2 id={`${anchor(u.unitId)}-title`} class="mb-3 text-lg font-bold">
              {unitName(u.name)}
            </h2>
            <div class="grid gap-4 sm:grid-cols-2">
              <div>
                <h3 class="font-semibold">
                  {v.t('news.readers.pending')} ({n(u.pending.length)})
                </h3>
                {u.pending.length === 0 ? (
                  <p class="text-slate-700">{v.t('news.readers.nobody')}</p>
                ) : (
                  <ul class="list-disc pl-5" data-list="pending">
                    {u.pending.map((p) => (
                      <li>
                        {p.name}
                        {p.readEarlier && (
                          <span class="text-sm text-slate-600"> ({v.t('news.readers.readEarlier')})</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <h3 class="font-semibold">
                  {v.t('news.readers.read')} ({n(u.read.length)})
                </h3>
                {u.read.length === 0 ? (
                  <p class="text-slate-700">{v.t('news.readers.nobody')}</p>
                ) : (
                  <ul class="list-disc pl-5" data-list="read">
                    {u.read.map((r) => (
                      <li>
                        {r.name}{' '}
                        <span class="text-sm text-slate-600">
                          ({v.t('news.readers.readAt', { time: formatDateTime(r.readAt, v.locale) })})
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
