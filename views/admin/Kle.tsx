import type { ViewContext } from '../context.ts';
import type {
  KleImportKind,
  KleImportReport,
  KleImportRow,
  KleOverview,
  KleReportEntry,
} from '../../src/modules/kle/service.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

/** How many entries of each report list a page shows; the stored report keeps them all. */
const SHOWN = 200;

export interface KleFormState {
  kind: KleImportKind | '';
  errors: FieldErrors;
}

/** A KLE date (YYYY-MM-DD) in the reader's format; noon UTC keeps it on the same Copenhagen day. */
function day(date: string, v: ViewContext): string {
  return formatDate(`${date}T12:00:00Z`, v.locale);
}

function kindLabel(v: ViewContext, kind: KleImportKind): string {
  return v.t(kind === 'subjects' ? 'kle.kind.subjects' : 'kle.kind.facets');
}

function summary(v: ViewContext, report: KleImportReport | null): string {
  if (!report) return '–';
  const n = (x: number) => formatNumber(x, v.locale);
  const c = report.counts;
  return v.t('kle.imports.summary', {
    added: n(c.added),
    retitled: n(c.retitled),
    expired: n(c.expired),
    missing: n(c.missing),
  });
}

function PlanStatus({ v, title, row }: { v: ViewContext; title: string; row: KleImportRow | null }) {
  return (
    <>
      <dt class="text-slate-600">{title}</dt>
      <dd>
        {row ? (
          <>
            {row.published ? v.t('kle.published', { date: day(row.published, v) }) : v.t('kle.publishedUnknown')}
            <span class="block text-sm text-slate-600">
              {v.t('kle.lastImport', {
                when: formatDateTime(row.importedAt, v.locale),
                who: row.importedBy ?? v.t('kle.system'),
              })}
            </span>
          </>
        ) : (
          v.t('kle.notImported')
        )}
      </dd>
    </>
  );
}

function Overview({ v, overview }: { v: ViewContext; overview: KleOverview }) {
  const n = (x: number) => formatNumber(x, v.locale);
  const counts: Array<[Parameters<ViewContext['t']>[0], number]> = [
    ['kle.count.mainGroups', overview.mainGroups],
    ['kle.count.groups', overview.groups],
    ['kle.count.subjects', overview.subjects],
    ['kle.count.expiredSubjects', overview.expiredSubjects],
    ['kle.count.facets', overview.facets],
    ['kle.count.expiredFacets', overview.expiredFacets],
  ];
  return (
    <section aria-labelledby="kle-current" class="card mb-8">
      <h2 id="kle-current" class="mb-3 text-lg font-bold">
        {v.t('kle.current')}
      </h2>
      <dl class="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <PlanStatus v={v} title={v.t('kle.subjectPlan')} row={overview.subjectPlan} />
        <PlanStatus v={v} title={v.t('kle.facetPlan')} row={overview.facetPlan} />
      </dl>
      <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
        {counts.map(([label, value]) => (
          <div class="rounded-md border border-slate-200 px-3 py-2">
            <dt class="text-sm text-slate-600">{v.t(label)}</dt>
            <dd class="text-xl font-semibold">{n(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function KleImportForm({ v, form, maxSize }: { v: ViewContext; form: KleFormState; maxSize: string }) {
  const fileError = form.errors['kle-file'];
  const describedBy = ['kle-file-hint', fileError ? 'kle-file-error' : null].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="kle-import" class="mb-8">
      <h2 id="kle-import" class="mb-2 text-lg font-bold">
        {v.t('kle.import.title')}
      </h2>
      <p class="mb-4 max-w-3xl text-slate-700">{v.t('kle.import.intro')}</p>
      {v.can('kle.import') ? (
        <form method="post" action="/admin/kle/imports" enctype="multipart/form-data" class="card max-w-2xl" novalidate>
          <ErrorSummary errors={form.errors} t={v.t} />
          <div class="mb-5">
            <label class="label" for="kle-file">
              {v.t('kle.import.file')}
            </label>
            <span class="hint" id="kle-file-hint">
              {v.t('kle.import.fileHint', { size: maxSize })}
            </span>
            {fileError && (
              <span class="field-error" id="kle-file-error">
                {fileError}
              </span>
            )}
            <input
              class="input"
              type="file"
              id="kle-file"
              name="file"
              accept=".xml,application/xml,text/xml"
              required
              aria-required="true"
              aria-invalid={fileError ? 'true' : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <SelectField
            id="kle-kind"
            name="kind"
            label={v.t('kle.import.kind')}
            value={form.kind || 'subjects'}
            error={form.errors['kle-kind']}
            options={[
              { value: 'subjects', label: v.t('kle.kind.subjects') },
              { value: 'facets', label: v.t('kle.kind.facets') },
            ]}
          />
          <button type="submit" class="btn-primary">
            {v.t('kle.import.submit')}
          </button>
        </form>
      ) : (
        <Notice kind="info">{v.t('kle.import.adminsOnly')}</Notice>
      )}
    </section>
  );
}

export function KleImportsTable({ v, imports }: { v: ViewContext; imports: KleImportRow[] }) {
  return (
    <section aria-labelledby="kle-imports">
      <h2 id="kle-imports" class="mb-3 text-lg font-bold">
        {v.t('kle.imports.title')}
      </h2>
      {imports.length === 0 ? (
        <p class="card">{v.t('kle.imports.none')}</p>
      ) : (
        <ScrollTable label={v.t('kle.imports.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('kle.imports.when')}</th>
                <th scope="col">{v.t('kle.imports.kind')}</th>
                <th scope="col">{v.t('kle.imports.published')}</th>
                <th scope="col">{v.t('kle.imports.by')}</th>
                <th scope="col">{v.t('kle.imports.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr>
                  <td class="whitespace-nowrap">
                    <a href={`/admin/kle/imports/${i.id}`}>
                      <time datetime={i.importedAt}>{formatDateTime(i.importedAt, v.locale)}</time>
                      <span class="sr-only">: {v.t('kle.imports.show')}</span>
                    </a>
                  </td>
                  <td>{kindLabel(v, i.kind)}</td>
                  <td class="whitespace-nowrap">{i.published ? day(i.published, v) : '–'}</td>
                  <td>{i.importedBy ?? v.t('kle.system')}</td>
                  <td>{summary(v, i.report)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

export function KlePage({
  v,
  overview,
  imports,
  form,
  maxSize,
}: {
  v: ViewContext;
  overview: KleOverview;
  imports: KleImportRow[];
  form: KleFormState;
  maxSize: string;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('kle.title')} lead={v.t('kle.lead')} />
      <Overview v={v} overview={overview} />
      <KleImportForm v={v} form={form} maxSize={maxSize} />
      <KleImportsTable v={v} imports={imports} />
    </>
  );
}

function More({ v, total }: { v: ViewContext; total: number }) {
  return total > SHOWN ? (
    <p class="mt-2 text-sm text-slate-600">
      {v.t('kle.report.more', { count: formatNumber(total - SHOWN, v.locale) })}
    </p>
  ) : null;
}

function EntryTable({
  v,
  id,
  heading,
  entries,
  hint,
}: {
  v: ViewContext;
  id: string;
  heading: string;
  entries: KleReportEntry[];
  hint?: string;
}) {
  return (
    <section aria-labelledby={id} class="mb-8">
      <h2 id={id} class="mb-2 text-lg font-bold">
        {heading}
      </h2>
      {hint && <p class="mb-3 max-w-3xl text-slate-700">{hint}</p>}
      {entries.length === 0 ? (
        <p>{v.t('kle.report.none')}</p>
      ) : (
        <>
          <ScrollTable label={heading}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('kle.report.number')}</th>
                  <th scope="col">{v.t('kle.report.name')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.slice(0, SHOWN).map((e) => (
                  <tr>
                    <td class="whitespace-nowrap">
                      <code>{e.number}</code>
                    </td>
                    <td>{e.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <More v={v} total={entries.length} />
        </>
      )}
    </section>
  );
}

export function KleReportPage({ v, row }: { v: ViewContext; row: KleImportRow }) {
  const report = row.report;
  const n = (x: number) => formatNumber(x, v.locale);
  const title = reportTitle(v, row);
  return (
    <>
      <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
        <a href="/admin">{v.t('admin.title')}</a> › <a href="/admin/kle">{v.t('kle.title')}</a>
      </nav>
      <PageHeader
        title={title}
        lead={v.t('kle.report.lead', {
          when: formatDateTime(row.importedAt, v.locale),
          who: row.importedBy ?? v.t('kle.system'),
          count: n(report?.counts.inFile ?? 0),
        })}
      />
      {report && (
        <>
          <EntryTable
            v={v}
            id="kle-added"
            heading={v.t('kle.report.added', { count: n(report.counts.added) })}
            entries={report.added}
          />
          <section aria-labelledby="kle-retitled" class="mb-8">
            <h2 id="kle-retitled" class="mb-2 text-lg font-bold">
              {v.t('kle.report.retitled', { count: n(report.counts.retitled) })}
            </h2>
            {report.retitled.length === 0 ? (
              <p>{v.t('kle.report.none')}</p>
            ) : (
              <>
                <ScrollTable label={v.t('kle.report.retitled', { count: n(report.counts.retitled) })}>
                  <table class="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{v.t('kle.report.number')}</th>
                        <th scope="col">{v.t('kle.report.from')}</th>
                        <th scope="col">{v.t('kle.report.to')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.retitled.slice(0, SHOWN).map((e) => (
                        <tr>
                          <td class="whitespace-nowrap">
                            <code>{e.number}</code>
                          </td>
                          <td>{e.from}</td>
                          <td>{e.to}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
                <More v={v} total={report.retitled.length} />
              </>
            )}
          </section>
          <section aria-labelledby="kle-expired" class="mb-8">
            <h2 id="kle-expired" class="mb-2 text-lg font-bold">
              {v.t('kle.report.expired', { count: n(report.counts.expired) })}
            </h2>
            {report.expired.length === 0 ? (
              <p>{v.t('kle.report.none')}</p>
            ) : (
              <>
                <ScrollTable label={v.t('kle.report.expired', { count: n(report.counts.expired) })}>
                  <table class="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{v.t('kle.report.number')}</th>
                        <th scope="col">{v.t('kle.report.name')}</th>
                        <th scope="col">{v.t('kle.report.date')}</th>
                        <th scope="col">{v.t('kle.report.replacedBy')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.expired.slice(0, SHOWN).map((e) => (
                        <tr>
                          <td class="whitespace-nowrap">
                            <code>{e.number}</code>
                          </td>
                          <td>{e.title}</td>
                          <td class="whitespace-nowrap">{day(e.date, v)}</td>
                          <td>{e.replacedBy.length ? e.replacedBy.join(', ') : '–'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
                <More v={v} total={report.expired.length} />
              </>
            )}
          </section>
          {report.reinstated.length > 0 && (
            <EntryTable
              v={v}
              id="kle-reinstated"
              heading={v.t('kle.report.reinstated', { count: n(report.counts.reinstated) })}
              entries={report.reinstated}
            />
          )}
          <EntryTable
            v={v}
            id="kle-missing"
            heading={v.t('kle.report.missing', { count: n(report.counts.missing) })}
            hint={report.missing.length ? v.t('kle.report.missingHint') : undefined}
            entries={report.missing}
          />
          <p class="mb-8">{v.t('kle.report.unchanged', { count: n(report.counts.unchanged) })}</p>
        </>
      )}
      <p>
        <a href="/admin/kle" class="btn-secondary">
          {v.t('kle.report.back')}
        </a>
      </p>
    </>
  );
}

export function reportTitle(v: ViewContext, row: KleImportRow): string {
  const kind = kindLabel(v, row.kind);
  return row.published
    ? v.t('kle.report.title', { kind, date: day(row.published, v) })
    : v.t('kle.report.titleUndated', { kind });
}
