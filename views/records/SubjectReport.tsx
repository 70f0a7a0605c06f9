import type { ViewContext } from '../context.ts';
import type { ReportCase, ReportDocument, SubjectReport } from '../../src/modules/records/subject-report.ts';
import { formatDate, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

/**
 * Administration → Indsigt for den registrerede (/admin/records/subject-report): the form (a CPR or
 * CVR number and the reason), then the report: the cases the person or company is on, the
 * documents on them, possible matches by name, and the PDF to hand over.
 */

export interface SubjectReportForm {
  input: { number: string; reason: string };
  errors: FieldErrors;
}

function day(date: string, v: ViewContext): string {
  return formatDate(`${date}T12:00:00Z`, v.locale);
}

function roleText(v: ViewContext, r: ReportCase['roles'][number]): string {
  return `${r.name} (${v.t(r.as === 'requester' ? 'records.report.role.requester' : `parties.role.${r.as}`)})`;
}

function DocumentTable({ v, docs, label }: { v: ViewContext; docs: ReportDocument[]; label: string }) {
  return (
    <ScrollTable label={label}>
      <table class="data-table stack-table">
        <thead>
          <tr>
            <th scope="col">{v.t('records.report.case')}</th>
            <th scope="col">{v.t('records.report.docNumber')}</th>
            <th scope="col">{v.t('records.report.docTitle')}</th>
            <th scope="col">{v.t('records.report.docDate')}</th>
            <th scope="col">{v.t('documents.direction')}</th>
            <th scope="col">{v.t('records.report.senderRecipient')}</th>
          </tr>
        </thead>
        <tbody>
          {docs.map((d) => (
            <tr>
              <td data-label={v.t('records.report.case')}>
                <a href={`/cases/${d.caseId}`} class="font-mono">
                  {d.caseNumber}
                </a>
                {d.confidential && (
                  <span class="block text-sm font-semibold">{v.t('records.report.confidentialYes')}</span>
                )}
              </td>
              <td data-label={v.t('records.report.docNumber')}>{d.number ?? '–'}</td>
              <th scope="row" data-label={v.t('records.report.docTitle')}>
                <a href={`/cases/${d.caseId}/documents/${d.id}`}>{d.title}</a>
              </th>
              <td data-label={v.t('records.report.docDate')}>{day(d.documentDate, v)}</td>
              <td data-label={v.t('documents.direction')}>{v.t(`documents.direction.${d.direction}`)}</td>
              <td data-label={v.t('records.report.senderRecipient')}>
                {[d.sender, d.recipient].filter(Boolean).join(' → ') || '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function Report({ v, report, form }: { v: ViewContext; report: SubjectReport; form: SubjectReportForm }) {
  const n = (x: number) => formatNumber(x, v.locale);
  return (
    <section aria-labelledby="report-title" class="mt-8">
      <h2 id="report-title" class="mb-2 text-xl font-bold" tabindex={-1} data-autofocus>
        {v.t('records.report.resultTitle')}
      </h2>
      <div role="status">
        <p class="mb-3">
          {v.t('records.report.counts', { cases: n(report.cases.length), documents: n(report.documents.length) })}
        </p>
      </div>
      {report.names.length > 0 && (
        <p class="mb-3 text-slate-800">
          {v.t('records.report.names')}: {report.names.join(', ')}
        </p>
      )}
      {report.confidential > 0 && (
        <Notice kind="warning">
          <p>{v.t('records.report.confidentialNote', { count: n(report.confidential) })}</p>
        </Notice>
      )}
      <form method="post" action="/admin/records/subject-report/pdf" class="mb-6">
        <input type="hidden" name="number" value={form.input.number} />
        <input type="hidden" name="reason" value={form.input.reason} />
        <button type="submit" class="btn-primary">
          {v.t('records.report.downloadPdf')}
        </button>
      </form>

      <h3 class="mb-2 text-lg font-bold">{v.t('records.report.casesTitle')}</h3>
      {report.cases.length === 0 ? (
        <p class="mb-6 text-slate-700">{v.t('records.report.noCases')}</p>
      ) : (
        <div class="mb-6">
          <ScrollTable label={v.t('records.report.casesTitle')}>
            <table class="data-table stack-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('records.report.case')}</th>
                  <th scope="col">{v.t('records.report.caseTitle')}</th>
                  <th scope="col">{v.t('cases.type')}</th>
                  <th scope="col">{v.t('cases.status')}</th>
                  <th scope="col">{v.t('records.report.how')}</th>
                  <th scope="col">{v.t('records.report.confidential')}</th>
                </tr>
              </thead>
              <tbody>
                {report.cases.map((c) => (
                  <tr>
                    <th scope="row" class="whitespace-nowrap" data-label={v.t('records.report.case')}>
                      <a href={`/cases/${c.id}`} class="font-mono">
                        {c.number}
                      </a>
                    </th>
                    <td data-label={v.t('records.report.caseTitle')}>{c.title}</td>
                    <td data-label={v.t('cases.type')}>{v.t(`cases.type.${c.type}`)}</td>
                    <td data-label={v.t('cases.status')}>{v.t(`cases.status.${c.status}`)}</td>
                    <td data-label={v.t('records.report.how')}>{c.roles.map((r) => roleText(v, r)).join('; ')}</td>
                    <td data-label={v.t('records.report.confidential')}>
                      {c.confidential ? v.t('records.report.confidentialYes') : v.t('records.report.confidentialNo')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </div>
      )}

      <h3 class="mb-2 text-lg font-bold">{v.t('records.report.documentsTitle')}</h3>
      {report.documents.length === 0 ? (
        <p class="mb-6 text-slate-700">{v.t('records.report.noDocuments')}</p>
      ) : (
        <div class="mb-6">
          <DocumentTable v={v} docs={report.documents} label={v.t('records.report.documentsTitle')} />
        </div>
      )}

      {report.nameMatches.length > 0 && (
        <>
          <h3 class="mb-2 text-lg font-bold">{v.t('records.report.nameMatchesTitle')}</h3>
          <p class="mb-3 max-w-3xl text-slate-800">{v.t('records.report.nameMatchesIntro')}</p>
          {report.nameMatchesCut && <p class="mb-3 text-slate-800">{v.t('records.report.nameMatchesCut')}</p>}
          <DocumentTable v={v} docs={report.nameMatches} label={v.t('records.report.nameMatchesTitle')} />
        </>
      )}
    </section>
  );
}

export function SubjectReportPage({
  v,
  form,
  report,
}: {
  v: ViewContext;
  form: SubjectReportForm;
  report?: SubjectReport;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('records.report.title')} lead={v.t('records.report.intro')} />
      <ErrorSummary t={v.t} errors={form.errors} />
      <form method="post" action="/admin/records/subject-report" class="card max-w-2xl" novalidate>
        <TextField
          id="number"
          label={v.t('records.report.number')}
          hint={v.t('records.report.number.hint')}
          value={form.input.number}
          error={form.errors.number}
          inputmode="numeric"
          autocomplete="off"
          spellcheck={false}
          required
        />
        <TextArea
          id="reason"
          label={v.t('records.report.reason')}
          hint={v.t('records.report.reason.hint')}
          value={form.input.reason}
          error={form.errors.reason}
          required
          rows={2}
        />
        <button type="submit" class="btn-primary">
          {v.t('records.report.submit')}
        </button>
      </form>
      {report && <Report v={v} report={report} form={form} />}
    </>
  );
}
