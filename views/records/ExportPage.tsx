import type { ViewContext } from '../context.ts';
import type { ArchivalExport, ExportDocumentSummary } from '../../src/modules/records/export/service.ts';
import type { ValidationReport } from '../../src/modules/records/validator/index.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { ExportProgress, ExportStatus, isActive, periodText } from './ExportList.tsx';

type ExportSummary = ExportDocumentSummary;

export interface DeliveryFormState {
  date: string;
  reference: string;
  errors: FieldErrors;
}

const SOURCES = ['pdf', 'rendition', 'converted', 'text', 'placeholder'] as const;

/** The part that changes while the export runs; polls itself every 5 seconds until it is done. */
export function ExportState({ v, e }: { v: ViewContext; e: ArchivalExport }) {
  const polling = isActive(e);
  return (
    <div
      id="export-state"
      hx-get={polling ? `/admin/records/exports/${e.id}` : undefined}
      hx-trigger={polling ? 'every 5s' : undefined}
      hx-swap={polling ? 'outerHTML' : undefined}
      class="mb-6"
    >
      <p class="mb-2 flex flex-wrap items-center gap-3">
        <ExportStatus v={v} status={e.status} />
        <ExportProgress v={v} e={e} />
      </p>
      {e.error && (
        <Notice kind="error">
          <strong>{v.t('records.export.detail.error')}:</strong> {e.error}
        </Notice>
      )}
      {polling && (
        <p class="text-sm text-slate-700">
          {v.t('records.export.refreshHint')}{' '}
          <a href={`/admin/records/exports/${e.id}`} id="export-state-refresh">
            {v.t('records.export.refresh')}
          </a>
        </p>
      )}
    </div>
  );
}

function parseReport(json: string | null): ValidationReport | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as ValidationReport;
  } catch {
    return null;
  }
}

function Findings({ v, e }: { v: ViewContext; e: ArchivalExport }) {
  const report = parseReport(e.validation);
  const errors = report ? report.findings.filter((f) => f.severity !== 'warning').length : 0;
  const warnings = report ? report.findings.length - errors : 0;
  return (
    <section aria-labelledby="export-findings" class="mb-8">
      <h2 id="export-findings" class="mb-3 text-lg font-bold">
        {v.t('records.export.findings')}
      </h2>
      {!report ? (
        <p class="text-slate-700">{v.t('records.export.findings.none')}</p>
      ) : (
        <>
          {errors === 0 ? (
            <Notice kind="success">
              {v.t('records.export.findings.ok')}
              {warnings > 0
                ? ` ${v.t('records.export.findings.warnings', { count: formatNumber(warnings, v.locale) })}`
                : ''}
            </Notice>
          ) : (
            <Notice kind="error">
              {v.t('records.export.findings.count', { count: formatNumber(errors, v.locale) })}
              {warnings > 0
                ? ` ${v.t('records.export.findings.warnings', { count: formatNumber(warnings, v.locale) })}`
                : ''}
            </Notice>
          )}
          {report.findings.length > 0 && (
            <ScrollTable label={v.t('records.export.findings')}>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{v.t('records.export.findings.severity')}</th>
                    <th scope="col">{v.t('records.export.findings.section')}</th>
                    <th scope="col">{v.t('records.export.findings.message')}</th>
                    <th scope="col">{v.t('records.export.findings.path')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.findings.map((f) => (
                    <tr>
                      <td>
                        {v.t(
                          f.severity === 'warning'
                            ? 'records.export.findings.severity.warning'
                            : 'records.export.findings.severity.error',
                        )}
                      </td>
                      <td>{f.section}</td>
                      <td>{f.message}</td>
                      <td>{f.path ? <code>{f.path}</code> : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
        </>
      )}
    </section>
  );
}

function Conversion({ v, summary }: { v: ViewContext; summary: ExportSummary }) {
  const n = (x: number) => formatNumber(x, v.locale);
  const rows = SOURCES.filter((s) => summary.sources[s]);
  return (
    <section aria-labelledby="export-conversion" class="mb-8">
      <h2 id="export-conversion" class="mb-3 text-lg font-bold">
        {v.t('records.export.detail.conversion')}
      </h2>
      {rows.length > 0 && (
        <table class="data-table mb-4 max-w-xl">
          <thead>
            <tr>
              <th scope="col">{v.t('records.export.detail.source')}</th>
              <th scope="col">{v.t('records.export.detail.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr>
                <td>{v.t(`records.export.source.${s}`)}</td>
                <td>{n(summary.sources[s] ?? 0)}</td>
              </tr>
            ))}
            {summary.failed > 0 && (
              <tr>
                <td>{v.t('records.export.source.failed')}</td>
                <td>{n(summary.failed)}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <h3 class="mb-2 font-semibold">{v.t('records.export.detail.noted')}</h3>
      {summary.noted.length === 0 ? (
        <p class="text-slate-700">{v.t('records.export.detail.notedNone')}</p>
      ) : (
        <ScrollTable label={v.t('records.export.detail.noted')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('records.export.detail.docId')}</th>
                <th scope="col">{v.t('records.export.detail.case')}</th>
                <th scope="col">{v.t('records.export.detail.docTitle')}</th>
                <th scope="col">{v.t('records.export.detail.note')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.noted.map((d) => (
                <tr>
                  <td>{d.docId}</td>
                  <td>{d.caseNumber}</td>
                  <td>{d.title}</td>
                  <td>{d.error ?? d.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

function Delivery({ v, e, form }: { v: ViewContext; e: ArchivalExport; form: DeliveryFormState }) {
  return (
    <section aria-labelledby="export-delivery" class="mb-8">
      <h2 id="export-delivery" class="mb-2 text-lg font-bold">
        {v.t('records.export.delivery.title')}
      </h2>
      {e.status === 'delivered' ? (
        <dl class="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt class="text-slate-600">{v.t('records.export.delivery.date')}</dt>
          <dd>{e.deliveredAt ? <time datetime={e.deliveredAt}>{formatDate(e.deliveredAt, v.locale)}</time> : '–'}</dd>
          <dt class="text-slate-600">{v.t('records.export.delivery.reference')}</dt>
          <dd>{e.deliveryReference}</dd>
          <dt class="text-slate-600">{v.t('records.export.delivery.by')}</dt>
          <dd>{e.deliveredBy ?? '–'}</dd>
        </dl>
      ) : (
        <>
          <p class="mb-4 max-w-3xl text-slate-700">{v.t('records.export.delivery.intro')}</p>
          {e.status !== 'valid' ? (
            <Notice kind="info">{v.t('records.export.delivery.onlyValid')}</Notice>
          ) : (
            v.can('records.manage') && (
              <form method="post" action={`/admin/records/exports/${e.id}/delivery`} class="card max-w-2xl" novalidate>
                <ErrorSummary errors={form.errors} t={v.t} />
                <TextField
                  id="delivery-date"
                  name="date"
                  type="date"
                  label={v.t('records.export.delivery.date')}
                  value={form.date}
                  error={form.errors['delivery-date']}
                  required
                />
                <TextField
                  id="delivery-reference"
                  name="reference"
                  label={v.t('records.export.delivery.reference')}
                  value={form.reference}
                  error={form.errors['delivery-reference']}
                  autocomplete="off"
                  required
                />
                <button type="submit" class="btn-primary">
                  {v.t('records.export.delivery.submit')}
                </button>
              </form>
            )
          )}
        </>
      )}
    </section>
  );
}

export function ExportPage({
  v,
  e,
  summary,
  delivery,
}: {
  v: ViewContext;
  e: ArchivalExport;
  summary: ExportSummary;
  delivery: DeliveryFormState;
}) {
  const n = (x: number) => formatNumber(x, v.locale);
  const when = (iso: string | null) => (iso ? <time datetime={iso}>{formatDateTime(iso, v.locale)}</time> : '–');
  return (
    <>
      <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
        <a href="/admin/records/exports">{v.t('records.export.detail.back')}</a>
      </nav>
      <PageHeader title={v.t('records.export.detail.title', { avid: e.avid })} />
      <ExportState v={v} e={e} />
      {e.status === 'failed' && v.can('records.manage') && (
        <form method="post" action={`/admin/records/exports/${e.id}/resumption`} class="mb-6">
          <button type="submit" class="btn-secondary">
            {v.t('records.export.resume')}
          </button>
        </form>
      )}
      <section aria-labelledby="export-facts" class="card mb-8">
        <h2 id="export-facts" class="mb-3 text-lg font-bold">
          {v.t('records.export.detail.facts')}
        </h2>
        <dl class="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt class="text-slate-600">{v.t('records.export.col.period')}</dt>
          <dd>{periodText(e.periodStart, e.periodEnd)}</dd>
          <dt class="text-slate-600">{v.t('records.export.detail.cases')}</dt>
          <dd>{n(e.caseCount)}</dd>
          <dt class="text-slate-600">{v.t('records.export.detail.documents')}</dt>
          <dd>{n(e.documentCount)}</dd>
          <dt class="text-slate-600">{v.t('records.export.detail.tiffMode')}</dt>
          <dd>{v.t(`records.export.tiff.${e.tiffMode}` as MessageKey)}</dd>
          <dt class="text-slate-600">{v.t('records.export.detail.folder')}</dt>
          <dd class="break-all">
            <code>{e.folder}</code>
          </dd>
          <dt class="text-slate-600">{v.t('records.export.detail.createdBy')}</dt>
          <dd>
            {e.createdBy ? `${e.createdBy}, ` : ''}
            {when(e.createdAt)}
          </dd>
          <dt class="text-slate-600">{v.t('records.export.detail.started')}</dt>
          <dd>{when(e.startedAt)}</dd>
          <dt class="text-slate-600">{v.t('records.export.detail.finished')}</dt>
          <dd>{when(e.finishedAt)}</dd>
        </dl>
      </section>
      <Conversion v={v} summary={summary} />
      <Findings v={v} e={e} />
      <Delivery v={v} e={e} form={delivery} />
    </>
  );
}
