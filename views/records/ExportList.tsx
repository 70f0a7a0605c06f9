import type { ViewContext } from '../context.ts';
import type { ArchivalExport, ExportablePeriod } from '../../src/modules/records/export/service.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

export const STATUS_STYLE: Record<ArchivalExport['status'], string> = {
  pending: 'bg-slate-100 text-slate-900',
  running: 'bg-amber-100 text-amber-900',
  written: 'bg-brand-50 text-brand-900',
  valid: 'bg-green-100 text-green-900',
  invalid: 'bg-red-100 text-red-900',
  failed: 'bg-red-100 text-red-900',
  delivered: 'bg-green-100 text-green-900',
};

export function isActive(e: ArchivalExport): boolean {
  return e.status === 'pending' || e.status === 'running';
}

export function ExportStatus({ v, status }: { v: ViewContext; status: ArchivalExport['status'] }) {
  return <span class={`badge ${STATUS_STYLE[status]}`}>{v.t(`records.export.status.${status}` as MessageKey)}</span>;
}

/** The progress bar with its numbers in text (the bar alone is not enough: WCAG 1.4.1). */
export function ExportProgress({ v, e }: { v: ViewContext; e: ArchivalExport }) {
  const n = (x: number) => formatNumber(x, v.locale);
  return (
    <span class="flex flex-wrap items-center gap-2">
      <progress
        max={Math.max(1, e.documentCount)}
        value={e.documentCount === 0 && !isActive(e) ? 1 : e.documentsDone}
        class="h-3 w-32"
        aria-label={v.t('records.export.progressLabel', { avid: e.avid })}
      ></progress>
      <span class="text-sm">
        {v.t('records.export.progress', { done: n(e.documentsDone), total: n(e.documentCount) })}
      </span>
    </span>
  );
}

export function periodText(start: string, end: string): string {
  return `${start.slice(0, 4)}–${end.slice(0, 4)}`;
}

/** The list of exports: polls itself every 5 seconds while one is running (htmx), else stays put. */
export function ExportTable({ v, exports }: { v: ViewContext; exports: ArchivalExport[] }) {
  const polling = exports.some(isActive);
  return (
    <div
      id="export-list"
      hx-get={polling ? '/admin/records/exports' : undefined}
      hx-trigger={polling ? 'every 5s' : undefined}
      hx-swap={polling ? 'outerHTML' : undefined}
    >
      {exports.length === 0 ? (
        <p class="text-slate-700">{v.t('records.export.none')}</p>
      ) : (
        <ScrollTable label={v.t('records.export.list')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('records.export.col.avid')}</th>
                <th scope="col">{v.t('records.export.col.period')}</th>
                <th scope="col">{v.t('records.export.col.status')}</th>
                <th scope="col">{v.t('records.export.col.progress')}</th>
                <th scope="col">{v.t('records.export.col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e) => (
                <tr>
                  <th scope="row">
                    {/* An id, so that htmx gives focus back to the link after a poll's swap. */}
                    <a href={`/admin/records/exports/${e.id}`} id={`export-link-${e.id}`}>
                      {e.avid}
                    </a>
                  </th>
                  <td>{periodText(e.periodStart, e.periodEnd)}</td>
                  <td>
                    <ExportStatus v={v} status={e.status} />
                  </td>
                  <td>
                    <ExportProgress v={v} e={e} />
                  </td>
                  <td>
                    <time datetime={e.createdAt}>{formatDateTime(e.createdAt, v.locale)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {polling && (
        <p class="mt-2 text-sm text-slate-700">
          {v.t('records.export.refreshHint')}{' '}
          <a href="/admin/records/exports" id="export-list-refresh">
            {v.t('records.export.refresh')}
          </a>
        </p>
      )}
    </div>
  );
}

export interface ExportFormState {
  period: string;
  number: string;
  tiffMode: string;
  errors: FieldErrors;
}

export function ExportForm({
  v,
  periods,
  form,
  archiveCode,
}: {
  v: ViewContext;
  periods: ExportablePeriod[];
  form: ExportFormState;
  archiveCode: string;
}) {
  const n = (x: number) => formatNumber(x, v.locale);
  // Preselect the newest period that can be delivered now.
  const ready =
    periods.find((p) => p.ended && !p.exportedAs && p.notArchived === 0 && p.eligible > 0) ??
    periods.find((p) => p.ended && !p.exportedAs && p.eligible > 0) ??
    periods.find((p) => p.ended);
  const chosen = form.period || ready?.label || '';
  return (
    <section aria-labelledby="export-new" class="mb-8">
      <h2 id="export-new" class="mb-2 text-lg font-bold">
        {v.t('records.export.new.title')}
      </h2>
      <p class="mb-4 max-w-3xl text-slate-700">{v.t('records.export.new.intro')}</p>
      {periods.length === 0 ? (
        <Notice kind="info">{v.t('records.export.new.periodNone')}</Notice>
      ) : (
        <form method="post" action="/admin/records/exports" class="card max-w-2xl" novalidate>
          <ErrorSummary errors={form.errors} t={v.t} />
          <SelectField
            id="export-period"
            name="period"
            label={v.t('records.export.new.period')}
            value={chosen}
            error={form.errors['export-period']}
            options={periods.map((p) => ({
              value: p.label,
              label: !p.ended
                ? v.t('records.export.new.periodNotEnded', { period: periodText(p.period.start, p.period.end) })
                : p.exportedAs
                  ? v.t('records.export.new.periodExported', {
                      period: periodText(p.period.start, p.period.end),
                      avid: p.exportedAs,
                    })
                  : p.notArchived > 0
                    ? v.t('records.export.new.periodWaiting', {
                        period: periodText(p.period.start, p.period.end),
                        count: n(p.eligible),
                        waiting: n(p.notArchived),
                      })
                    : v.t('records.export.new.periodOption', {
                        period: periodText(p.period.start, p.period.end),
                        count: n(p.eligible),
                      }),
            }))}
          />
          <TextField
            id="export-number"
            name="number"
            label={v.t('records.export.new.number')}
            hint={v.t('records.export.new.numberHint', { code: archiveCode })}
            value={form.number}
            error={form.errors['export-number']}
            inputmode="numeric"
            autocomplete="off"
            required
          />
          <SelectField
            id="export-tiff"
            name="tiffMode"
            label={v.t('records.export.new.tiffMode')}
            hint={v.t('records.export.new.tiffModeHint')}
            value={form.tiffMode}
            error={form.errors['export-tiff']}
            options={(['auto', 'bitonal', 'gray', 'color'] as const).map((m) => ({
              value: m,
              label: v.t(`records.export.tiff.${m}`),
            }))}
          />
          <button type="submit" class="btn-primary">
            {v.t('records.export.new.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

export function ExportListPage({
  v,
  exports,
  periods,
  form,
  archiveCode,
}: {
  v: ViewContext;
  exports: ArchivalExport[];
  periods: ExportablePeriod[];
  form: ExportFormState;
  archiveCode: string;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('records.export.title')} lead={v.t('records.export.lead')} />
      {v.can('records.manage') && <ExportForm v={v} periods={periods} form={form} archiveCode={archiveCode} />}
      <section aria-labelledby="export-list-title">
        <h2 id="export-list-title" class="mb-3 text-lg font-bold">
          {v.t('records.export.list')}
        </h2>
        <ExportTable v={v} exports={exports} />
      </section>
    </>
  );
}
