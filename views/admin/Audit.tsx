import type { ViewContext } from '../context.ts';
import type { AuditRow } from '../../src/db/schema.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { describeEntry } from '../components/audit.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

export interface AuditFilter {
  actor: string;
  action: string;
  entity: string;
  from: string;
  to: string;
}

export function filterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, val] of Object.entries({ ...f, ...extra })) if (val) params.set(k, val);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function AuditResults({
  v,
  rows,
  nextBefore,
  filter,
  errors,
}: {
  v: ViewContext;
  rows: AuditRow[];
  nextBefore: number | null;
  filter: AuditFilter;
  errors?: FieldErrors;
}) {
  return (
    <section id="audit-results" aria-labelledby="audit-results-title">
      {errors && <ErrorSummary t={v.t} errors={errors} />}
      <h2 id="audit-results-title" class="mb-2 text-lg font-bold">
        {v.t('audit.results')}
      </h2>
      <p class="mb-3 text-sm text-slate-600">{v.t('audit.count', { count: formatNumber(rows.length, v.locale) })}</p>
      {rows.length === 0 ? (
        <p class="card">{v.t('audit.none')}</p>
      ) : (
        <ScrollTable label={v.t('audit.results')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{v.t('audit.when')}</th>
                <th scope="col">{v.t('audit.actor')}</th>
                <th scope="col">{v.t('audit.action')}</th>
                <th scope="col">{v.t('audit.entity')}</th>
                <th scope="col">{v.t('audit.summary')}</th>
                <th scope="col">{v.t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td class="tabular-nums text-slate-600">{r.id}</td>
                  <td class="whitespace-nowrap">
                    <time datetime={r.at}>{formatDateTime(r.at, v.locale)}</time>
                  </td>
                  <td>{r.actor_name ?? <span class="text-slate-600">{v.t('audit.system')}</span>}</td>
                  <td>
                    <code class="text-xs">{r.action}</code>
                  </td>
                  <td>{r.entity_type ? <code class="text-xs">{`${r.entity_type}:${r.entity_id ?? ''}`}</code> : ''}</td>
                  <td>{describeEntry(v, r)}</td>
                  <td class="text-slate-600">{r.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {nextBefore && (
        <p class="mt-4">
          <a class="btn-secondary" href={`/admin/audit${filterQuery(filter, { before: String(nextBefore) })}`}>
            {v.t('audit.more')}
          </a>
        </p>
      )}
    </section>
  );
}

export function AuditPage(props: {
  v: ViewContext;
  filter: AuditFilter;
  errors: FieldErrors;
  rows: AuditRow[];
  nextBefore: number | null;
}) {
  const { v, filter, errors } = props;
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader
        title={v.t('audit.title')}
        lead={v.t('admin.audit.desc')}
        actions={
          v.can('audit.verify') && (
            <form method="post" action="/admin/audit/verifications">
              {(Object.keys(filter) as Array<keyof AuditFilter>).map((k) =>
                filter[k] ? <input type="hidden" name={k} value={filter[k]} /> : null,
              )}
              <button type="submit" class="btn-secondary">
                {v.t('audit.verify')}
              </button>
            </form>
          )
        }
      />
      <form
        method="get"
        action="/admin/audit"
        class="card mb-6"
        hx-get="/admin/audit"
        hx-target="#audit-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        aria-labelledby="audit-filter-title"
      >
        <h2 id="audit-filter-title" class="mb-3 text-lg font-bold">
          {v.t('audit.filter')}
        </h2>
        <div class="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-5">
          <TextField id="actor" label={v.t('audit.actor')} value={filter.actor} />
          <TextField id="action" label={v.t('audit.action')} value={filter.action} spellcheck={false} />
          <TextField
            id="entity"
            label={v.t('audit.entity')}
            value={filter.entity}
            spellcheck={false}
            hint={v.t('audit.entityHint')}
          />
          <TextField id="from" type="date" label={v.t('audit.from')} value={filter.from} error={errors.from} />
          <TextField id="to" type="date" label={v.t('audit.to')} value={filter.to} error={errors.to} />
        </div>
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {v.t('audit.search')}
          </button>
          <a href="/admin/audit" class="btn-secondary">
            {v.t('audit.reset')}
          </a>
        </div>
      </form>
      <AuditResults v={v} rows={props.rows} nextBefore={props.nextBefore} filter={filter} errors={errors} />
    </>
  );
}
