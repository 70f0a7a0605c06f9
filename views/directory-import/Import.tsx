import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import type { ImportRow } from '../../src/modules/directory-import/service.ts';
import type { Change, Plan } from '../../src/modules/directory-import/plan.ts';
import type { RowError } from '../../src/modules/directory-import/formats.ts';
import { Checkbox, ErrorSummary, SelectField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

/** How many rows of each list a page shows; the stored plan keeps them all. */
const SHOWN = 500;

export interface ImportFormState {
  format: string;
  deactivateMissing: boolean;
  errors: FieldErrors;
}

function who(v: ViewContext, row: ImportRow): string {
  return row.source === 'cli' ? v.t('dirimport.cli') : (row.createdByName ?? '–');
}

function summary(v: ViewContext, plan: Plan): string {
  const n = (x: number) => formatNumber(x, v.locale);
  const c = plan.counts;
  return v.t('dirimport.summary', {
    unitsCreated: n(c.unitsCreated),
    unitsChanged: n(c.unitsChanged),
    peopleCreated: n(c.peopleCreated),
    peopleUpdated: n(plan.people.updated.length),
    peopleDeactivated: n(c.peopleDeactivated),
  });
}

export function ImportForm({ v, form, maxSize }: { v: ViewContext; form: ImportFormState; maxSize: string }) {
  const fileError = form.errors['import-files'];
  const describedBy = ['import-files-hint', fileError ? 'import-files-error' : null].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="import-form-title" class="mb-8">
      <h2 id="import-form-title" class="mb-2 text-lg font-bold">
        {v.t('dirimport.form.title')}
      </h2>
      <form method="post" action="/admin/import" enctype="multipart/form-data" class="card max-w-2xl" novalidate>
        <ErrorSummary errors={form.errors} t={v.t} />
        <div class="mb-5">
          <label class="label" for="import-files">
            {v.t('dirimport.form.files')}
          </label>
          <span class="hint" id="import-files-hint">
            {v.t('dirimport.form.filesHint', { size: maxSize })}
          </span>
          {fileError && (
            <span class="field-error" id="import-files-error">
              {fileError}
            </span>
          )}
          <input
            class="input"
            type="file"
            id="import-files"
            name="files"
            multiple
            accept=".csv,.txt,text/csv"
            required
            aria-required="true"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={describedBy}
          />
        </div>
        <SelectField
          id="import-format"
          name="format"
          label={v.t('dirimport.form.format')}
          value={form.format}
          error={form.errors['import-format']}
          options={(['auto', 'samspil', 'os2mo', 'entra'] as const).map((f) => ({
            value: f,
            label: v.t(`dirimport.form.format.${f}`),
          }))}
        />
        <Checkbox
          id="import-deactivate"
          name="deactivateMissing"
          label={v.t('dirimport.form.deactivate')}
          hint={v.t('dirimport.form.deactivateHint')}
          checked={form.deactivateMissing}
        />
        <p class="mb-4 text-sm text-slate-700">{v.t('dirimport.form.docs')}</p>
        <button type="submit" class="btn-primary">
          {v.t('dirimport.form.submit')}
        </button>
      </form>
    </section>
  );
}

export function ImportsTable({ v, imports }: { v: ViewContext; imports: ImportRow[] }) {
  return (
    <section aria-labelledby="imports-title">
      <h2 id="imports-title" class="mb-3 text-lg font-bold">
        {v.t('dirimport.list.title')}
      </h2>
      {imports.length === 0 ? (
        <p class="card">{v.t('dirimport.list.none')}</p>
      ) : (
        <ScrollTable label={v.t('dirimport.list.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('dirimport.list.when')}</th>
                <th scope="col">{v.t('dirimport.list.by')}</th>
                <th scope="col">{v.t('dirimport.list.files')}</th>
                <th scope="col">{v.t('dirimport.list.status')}</th>
                <th scope="col">{v.t('dirimport.list.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr>
                  <td class="whitespace-nowrap">
                    <a href={`/admin/import/${i.id}`}>
                      <time datetime={i.createdAt}>{formatDateTime(i.createdAt, v.locale)}</time>
                      <span class="sr-only">: {v.t('dirimport.list.show', { id: i.id })}</span>
                    </a>
                  </td>
                  <td>{who(v, i)}</td>
                  <td>{i.filename}</td>
                  <td>{v.t(`dirimport.status.${i.status}`)}</td>
                  <td>
                    {i.plan.errors.length
                      ? v.t('dirimport.preview.errors', { count: i.plan.errors.length })
                      : summary(v, i.plan)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

export function ImportPage({
  v,
  form,
  imports,
  maxSize,
}: {
  v: ViewContext;
  form: ImportFormState;
  imports: ImportRow[];
  maxSize: string;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('dirimport.title')} lead={v.t('dirimport.lead')} />
      <ImportForm v={v} form={form} maxSize={maxSize} />
      <ImportsTable v={v} imports={imports} />
    </>
  );
}

/** A row error's message in the reader's language. */
export function rowMessage(v: ViewContext, e: RowError): string {
  return v.t(`dirimport.row.${e.code}` as MessageKey, { value: e.value ?? '' });
}

function fieldLabel(v: ViewContext, c: Change): string {
  return v.t(`dirimport.field.${c.field}` as MessageKey);
}

function Changes({ v, changes }: { v: ViewContext; changes: Change[] }) {
  return (
    <ul class="list-none">
      {changes.map((c) => (
        <li>
          <span class="font-semibold">{fieldLabel(v, c)}</span>: {c.before ?? '–'} <span aria-hidden="true">→</span>
          <span class="sr-only">{` ${v.t('dirimport.col.to')} `}</span> {c.after ?? '–'}
        </li>
      ))}
    </ul>
  );
}

function More({ v, total }: { v: ViewContext; total: number }) {
  return total > SHOWN ? (
    <p class="mt-2 text-sm text-slate-600">{v.t('dirimport.more', { count: formatNumber(total - SHOWN, v.locale) })}</p>
  ) : null;
}

function Section({
  v,
  id,
  title,
  count,
  head,
  children,
}: {
  v: ViewContext;
  id: string;
  title: string;
  count: number;
  head: string[];
  children: Child;
}) {
  return (
    <section aria-labelledby={id} class="mb-8">
      <h3 id={id} class="mb-2 text-base font-bold">
        {title}
      </h3>
      {count === 0 ? (
        <p>{v.t('dirimport.none')}</p>
      ) : (
        <>
          <ScrollTable label={title}>
            <table class="data-table">
              <thead>
                <tr>
                  {head.map((h) => (
                    <th scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </ScrollTable>
          <More v={v} total={count} />
        </>
      )}
    </section>
  );
}

export function PlanErrors({ v, plan }: { v: ViewContext; plan: Plan }) {
  if (!plan.errors.length) return null;
  return (
    <section aria-labelledby="plan-errors" class="mb-8">
      <h2 id="plan-errors" class="mb-2 text-lg font-bold text-red-800">
        {v.t('dirimport.preview.errors', { count: formatNumber(plan.errors.length, v.locale) })}
      </h2>
      <p class="mb-3 max-w-3xl">{v.t('dirimport.preview.errorsLead')}</p>
      <ScrollTable label={v.t('dirimport.preview.errors', { count: plan.errors.length })}>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{v.t('dirimport.col.file')}</th>
              <th scope="col">{v.t('dirimport.col.line')}</th>
              <th scope="col">{v.t('dirimport.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.errors.slice(0, SHOWN).map((e) => (
              <tr>
                <td>{e.file}</td>
                <td class="tabular-nums">{e.line}</td>
                <td>{rowMessage(v, e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <More v={v} total={plan.errors.length} />
    </section>
  );
}

/** The plan's lists, grouped as the preview and the report show them. */
export function PlanLists({ v, plan }: { v: ViewContext; plan: Plan }) {
  const u = plan.units;
  const p = plan.people;
  const renamed = u.updated.filter((x) => x.renamed);
  const moved = u.updated.filter((x) => x.moved);
  const otherUnits = u.updated.filter((x) => !x.renamed && !x.moved);
  const changedPeople = p.updated.filter((x) => x.changes.some((c) => c.field !== 'unit'));
  const movedPeople = p.updated.filter((x) => x.moved);
  const c = (x: number) => formatNumber(x, v.locale);
  const unitChange = (x: (typeof u.updated)[number]) => (
    <tr>
      <td>{x.name}</td>
      <td>
        <Changes v={v} changes={x.changes} />
      </td>
    </tr>
  );
  return (
    <>
      <h2 class="mb-3 text-lg font-bold">{v.t('dirimport.heading.units')}</h2>
      <Section
        v={v}
        id="units-new"
        title={v.t('dirimport.section.unitsNew', { count: c(u.created.length) })}
        count={u.created.length}
        head={[v.t('dirimport.col.name'), v.t('dirimport.col.externalId'), v.t('dirimport.col.parent')]}
      >
        {u.created.slice(0, SHOWN).map((x) => (
          <tr>
            <td>{x.name}</td>
            <td>
              <code>{x.externalId}</code>
            </td>
            <td>{x.parentName ?? '–'}</td>
          </tr>
        ))}
      </Section>
      <Section
        v={v}
        id="units-renamed"
        title={v.t('dirimport.section.unitsRenamed', { count: c(renamed.length) })}
        count={renamed.length}
        head={[v.t('dirimport.col.name'), v.t('dirimport.col.changes')]}
      >
        {renamed.slice(0, SHOWN).map(unitChange)}
      </Section>
      <Section
        v={v}
        id="units-moved"
        title={v.t('dirimport.section.unitsMoved', { count: c(moved.length) })}
        count={moved.length}
        head={[v.t('dirimport.col.name'), v.t('dirimport.col.changes')]}
      >
        {moved.slice(0, SHOWN).map(unitChange)}
      </Section>
      {otherUnits.length > 0 && (
        <Section
          v={v}
          id="units-changed"
          title={v.t('dirimport.section.unitsChanged', { count: c(otherUnits.length) })}
          count={otherUnits.length}
          head={[v.t('dirimport.col.name'), v.t('dirimport.col.changes')]}
        >
          {otherUnits.slice(0, SHOWN).map(unitChange)}
        </Section>
      )}
      <h2 class="mb-3 text-lg font-bold">{v.t('dirimport.heading.people')}</h2>
      <Section
        v={v}
        id="people-new"
        title={v.t('dirimport.section.peopleNew', { count: c(p.created.length) })}
        count={p.created.length}
        head={[
          v.t('dirimport.col.name'),
          v.t('dirimport.col.username'),
          v.t('dirimport.col.unit'),
          v.t('dirimport.col.manager'),
          v.t('dirimport.col.roles'),
        ]}
      >
        {p.created.slice(0, SHOWN).map((x) => (
          <tr>
            <td>{x.name}</td>
            <td>
              <code>{x.username || '–'}</code>
            </td>
            <td>{x.unitName ?? '–'}</td>
            <td>{x.managerName ?? '–'}</td>
            <td>{x.roles.map((r) => v.t(`role.${r}` as MessageKey)).join(', ')}</td>
          </tr>
        ))}
      </Section>
      <Section
        v={v}
        id="people-changed"
        title={v.t('dirimport.section.peopleChanged', { count: c(changedPeople.length) })}
        count={changedPeople.length}
        head={[v.t('dirimport.col.name'), v.t('dirimport.col.username'), v.t('dirimport.col.changes')]}
      >
        {changedPeople.slice(0, SHOWN).map((x) => (
          <tr>
            <td>{x.name}</td>
            <td>
              <code>{x.username}</code>
            </td>
            <td>
              <Changes v={v} changes={x.changes.filter((ch) => ch.field !== 'unit')} />
            </td>
          </tr>
        ))}
      </Section>
      <Section
        v={v}
        id="people-moved"
        title={v.t('dirimport.section.peopleMoved', { count: c(movedPeople.length) })}
        count={movedPeople.length}
        head={[v.t('dirimport.col.name'), v.t('dirimport.col.from'), v.t('dirimport.col.to')]}
      >
        {movedPeople.slice(0, SHOWN).map((x) => {
          const ch = x.changes.find((cc) => cc.field === 'unit')!;
          return (
            <tr>
              <td>{x.name}</td>
              <td>{ch.before ?? '–'}</td>
              <td>{ch.after ?? '–'}</td>
            </tr>
          );
        })}
      </Section>
      <Section
        v={v}
        id="people-deactivated"
        title={v.t('dirimport.section.peopleDeactivated', { count: c(p.deactivated.length) })}
        count={p.deactivated.length}
        head={[v.t('dirimport.col.name'), v.t('dirimport.col.username')]}
      >
        {p.deactivated.slice(0, SHOWN).map((x) => (
          <tr>
            <td>{x.name}</td>
            <td>
              <code>{x.username}</code>
            </td>
          </tr>
        ))}
      </Section>
      {(plan.leaders.added.length > 0 || plan.leaders.removed.length > 0) && (
        <>
          <h2 class="mb-3 text-lg font-bold">{v.t('dirimport.section.leaders')}</h2>
          {(
            [
              ['leaders-added', 'dirimport.section.leadersAdded', plan.leaders.added],
              ['leaders-removed', 'dirimport.section.leadersRemoved', plan.leaders.removed],
            ] as const
          ).map(([id, key, list]) => (
            <Section
              v={v}
              id={id}
              title={v.t(key, { count: c(list.length) })}
              count={list.length}
              head={[v.t('dirimport.col.unit'), v.t('dirimport.col.name')]}
            >
              {list.slice(0, SHOWN).map((l) => (
                <tr>
                  <td>{l.unitName}</td>
                  <td>{l.personName}</td>
                </tr>
              ))}
            </Section>
          ))}
        </>
      )}
      <p class="mb-8">{v.t('dirimport.unchanged', { units: c(u.unchanged), people: c(p.unchanged) })}</p>
    </>
  );
}

/** The preview (a planned import) or the report (applied, refused or discarded), at /admin/import/:id. */
export function ImportDetailPage({ v, row }: { v: ViewContext; row: ImportRow }) {
  const plan = row.plan;
  const title = detailTitle(v, row);
  const nothing =
    plan.counts.unitsCreated +
      plan.counts.unitsChanged +
      plan.people.updated.length +
      plan.counts.peopleCreated +
      plan.counts.peopleDeactivated +
      plan.counts.leadersAdded +
      plan.counts.leadersRemoved ===
    0;
  return (
    <>
      <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
        <a href="/admin">{v.t('admin.title')}</a> › <a href="/admin/import">{v.t('dirimport.title')}</a>
      </nav>
      <PageHeader
        title={title}
        lead={v.t('dirimport.preview.lead', {
          files: row.filename,
          when: formatDateTime(row.createdAt, v.locale),
          who: who(v, row),
        })}
      />
      <p class="mb-2">
        <span class="font-semibold">{v.t('dirimport.list.status')}:</span> {v.t(`dirimport.status.${row.status}`)}
      </p>
      <p class="mb-4">
        {row.options.deactivateMissing ? v.t('dirimport.preview.deactivateOn') : v.t('dirimport.preview.deactivateOff')}
      </p>
      {row.status === 'applied' && row.appliedAt && (
        <Notice kind="success">
          {v.t('dirimport.preview.applied', { when: formatDateTime(row.appliedAt, v.locale) })}
        </Notice>
      )}
      {row.status === 'failed' && (
        <Notice kind="error">
          {row.report?.refused === 'errors' ? v.t('dirimport.preview.refusedErrors') : v.t('dirimport.preview.stale')}
        </Notice>
      )}
      {row.status === 'discarded' && <Notice kind="info">{v.t('dirimport.preview.discarded')}</Notice>}
      <section aria-labelledby="plan-files" class="mb-6">
        <h2 id="plan-files" class="mb-2 text-lg font-bold">
          {v.t('dirimport.preview.files')}
        </h2>
        <ul class="list-disc pl-5">
          {plan.files.map((f) => (
            <li>
              {v.t('dirimport.preview.fileLine', {
                file: f.name,
                format: f.format,
                rows: formatNumber(f.rows, v.locale),
              })}
            </li>
          ))}
        </ul>
      </section>
      <PlanErrors v={v} plan={plan} />
      {row.status === 'planned' && plan.errors.length === 0 && (
        <form method="post" action={`/admin/import/${row.id}/application`} class="card mb-8 max-w-2xl">
          <p class="mb-3">{nothing ? v.t('dirimport.preview.nothing') : v.t('dirimport.preview.confirmHint')}</p>
          <button type="submit" class="btn-primary">
            {v.t('dirimport.preview.confirm')}
          </button>
        </form>
      )}
      <PlanLists v={v} plan={plan} />
      <div class="flex flex-wrap gap-3">
        {row.status === 'planned' && (
          <form method="post" action={`/admin/import/${row.id}/deletion`}>
            <button type="submit" class="btn-secondary">
              {v.t('dirimport.preview.discard')}
            </button>
          </form>
        )}
        {row.status === 'failed' && (
          <form method="post" action={`/admin/import/${row.id}/copy`}>
            <button type="submit" class="btn-primary">
              {v.t('dirimport.preview.copy')}
            </button>
          </form>
        )}
        <a href="/admin/import" class="btn-secondary">
          {v.t('dirimport.preview.back')}
        </a>
      </div>
    </>
  );
}

export function detailTitle(v: ViewContext, row: ImportRow): string {
  return row.status === 'planned'
    ? v.t('dirimport.preview.title', { id: row.id })
    : v.t('dirimport.report.title', { id: row.id });
}
