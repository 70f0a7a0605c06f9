import type { ViewContext } from '../context.ts';
import type { AuditRow } from '../../src/db/schema.ts';
import type { AuditFilter, PersonMatch, ResolvedFilter } from '../../src/modules/admin/audit-search.ts';
import {
  actionPhrase,
  auditActionGroups,
  AUDIT_ENTITY_TYPES,
  entityTypeWord,
  objectLabel,
} from '../../src/i18n/audit-actions.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { describeEntry } from '../components/audit.ts';
import { ErrorSummary, RadioGroup, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

export type { AuditFilter } from '../../src/modules/admin/audit-search.ts';

export function filterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, val] of Object.entries({ ...f, ...extra }))
    if (val && !(k === 'personRole' && val === 'actor')) params.set(k, val);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface AuditResultsProps {
  v: ViewContext;
  rows: AuditRow[];
  nextBefore: number | null;
  filter: AuditFilter;
  errors?: FieldErrors;
  people: PersonMatch[];
  person: PersonMatch | null;
  notice: ResolvedFilter['notice'];
  /** Names of the objects shown (`type:id` → person's name, case number). */
  names: Map<string, string>;
}

const personLabel = (p: PersonMatch) => `${p.name} (${p.username})`;

/** People whose name matched: each with the two searches about them, by id. */
function PeopleFound({ v, filter, people, person }: Pick<AuditResultsProps, 'v' | 'filter' | 'people' | 'person'>) {
  const base: AuditFilter = { ...filter, person: '', personId: '', personRole: 'actor' };
  if (filter.personId)
    return (
      <p class="mb-3">
        {v.t(filter.personRole === 'subject' ? 'audit.person.showingAbout' : 'audit.person.showingBy', {
          name: person ? personLabel(person) : filter.personId,
        })}{' '}
        <a href={`/admin/audit${filterQuery(base)}`}>{v.t('audit.person.clear')}</a>
      </p>
    );
  if (!filter.person) return null;
  if (people.length === 0) return <p class="mb-3">{v.t('audit.person.none', { text: filter.person })}</p>;
  return (
    <div class="mb-4">
      <h3 class="mb-1 font-semibold">
        {v.t('audit.person.matches', { count: formatNumber(people.length, v.locale) })}
      </h3>
      <ul class="space-y-1">
        {people.map((p) => (
          <li>
            <span class="font-medium">{personLabel(p)}</span>:{' '}
            <a href={`/admin/audit${filterQuery({ ...base, personId: p.id })}`}>
              {v.t('audit.person.by')}
              <span class="sr-only"> {p.name}</span>
            </a>{' '}
            ·{' '}
            <a href={`/admin/audit${filterQuery({ ...base, personId: p.id, personRole: 'subject' })}`}>
              {v.t('audit.person.about')}
              <span class="sr-only"> {p.name}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AuditResults(props: AuditResultsProps) {
  const { v, rows, nextBefore, filter, errors } = props;
  return (
    <section id="audit-results" aria-labelledby="audit-results-title">
      {errors && <ErrorSummary t={v.t} errors={errors} />}
      <h2 id="audit-results-title" class="mb-2 text-lg font-bold">
        {v.t('audit.results')}
      </h2>
      <PeopleFound v={v} filter={filter} people={props.people} person={props.person} />
      {props.notice && <Notice kind="warning">{v.t(props.notice.key, props.notice.params)}</Notice>}
      <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-slate-600">{v.t('audit.count', { count: formatNumber(rows.length, v.locale) })}</p>
        {rows.length > 0 && (
          <a class="btn-secondary" href={`/admin/audit/export${filterQuery(filter)}`} hx-boost="false" download>
            {v.t('audit.export')}
          </a>
        )}
      </div>
      {rows.length === 0 ? (
        <p class="card">{v.t('audit.none')}</p>
      ) : (
        <ScrollTable label={v.t('audit.results')}>
          <table class="data-table">
            <thead>
              <tr>
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
                <tr id={`entry-${r.id}`}>
                  <td class="whitespace-nowrap">
                    <time datetime={r.at}>{formatDateTime(r.at, v.locale)}</time>
                    <span class="block text-xs text-slate-600">{v.t('audit.entryNumber', { id: r.id })}</span>
                  </td>
                  <td>{r.actor_name ?? <span class="text-slate-600">{v.t('audit.system')}</span>}</td>
                  <td>
                    {actionPhrase(v.t, r.action)}
                    <code class="block text-xs text-slate-600">{r.action}</code>
                  </td>
                  <td>{objectLabel(v.t, r, props.names)}</td>
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

/** The action list: every worded action by area, each area also as a whole. */
function ActionSelect({ v, value }: { v: ViewContext; value: string }) {
  const groups = auditActionGroups();
  const known = value === '' || value.startsWith('area:') || groups.some((g) => g.codes.includes(value));
  return (
    <div class="mb-5">
      <label class="label" for="action">
        {v.t('audit.action')}
      </label>
      <select class="input" id="action" name="action">
        <option value="" selected={value === ''}>
          {v.t('audit.actionAll')}
        </option>
        {!known && (
          <option value={value} selected>
            {actionPhrase(v.t, value)}
          </option>
        )}
        {groups.map((g) => {
          const area = v.t(`audit.area.${g.area}`);
          return (
            <optgroup label={area}>
              <option value={`area:${g.area}`} selected={value === `area:${g.area}`}>
                {v.t('audit.actionAllIn', { area })}
              </option>
              {g.codes.map((code) => (
                <option value={code} selected={value === code}>
                  {actionPhrase(v.t, code)}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}

function EntitySelect({ v, value }: { v: ViewContext; value: string }) {
  const types = [...AUDIT_ENTITY_TYPES]
    .map((type) => ({ type, word: entityTypeWord(v.t, type) }))
    .sort((a, b) => a.word.localeCompare(b.word, v.locale));
  const known = value === '' || AUDIT_ENTITY_TYPES.includes(value);
  return (
    <div class="mb-5">
      <label class="label" for="entityType">
        {v.t('audit.entityType')}
      </label>
      <select class="input" id="entityType" name="entityType">
        <option value="" selected={value === ''}>
          {v.t('audit.entityTypeAll')}
        </option>
        {!known && (
          <option value={value} selected>
            {value}
          </option>
        )}
        {types.map((o) => (
          <option value={o.type} selected={o.type === value}>
            {o.word}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AuditPage(props: Omit<AuditResultsProps, 'errors'> & { errors: FieldErrors }) {
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
                filter[k] && !(k === 'personRole' && filter[k] === 'actor') ? (
                  <input type="hidden" name={k} value={filter[k]} />
                ) : null,
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
        {filter.personId && <input type="hidden" name="personId" value={filter.personId} />}
        <div class="grid gap-x-6 md:grid-cols-2 xl:grid-cols-3">
          <div>
            <TextField
              id="person"
              label={v.t('audit.person')}
              value={filter.person}
              hint={v.t('audit.person.hint')}
              spellcheck={false}
            />
            <RadioGroup
              name="personRole"
              legend={v.t('audit.personRole')}
              value={filter.personRole}
              options={[
                { value: 'actor', label: v.t('audit.personRole.actor') },
                { value: 'subject', label: v.t('audit.personRole.subject') },
              ]}
            />
          </div>
          <div>
            <ActionSelect v={v} value={filter.action} />
            <EntitySelect v={v} value={filter.entityType} />
            <TextField
              id="entityId"
              label={v.t('audit.entityId')}
              value={filter.entityId}
              hint={v.t('audit.entityId.hint')}
              spellcheck={false}
            />
          </div>
          <div class="grid gap-x-4 sm:grid-cols-2 xl:grid-cols-1">
            <TextField id="from" type="date" label={v.t('audit.from')} value={filter.from} error={errors.from} />
            <TextField id="to" type="date" label={v.t('audit.to')} value={filter.to} error={errors.to} />
          </div>
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
      <AuditResults {...props} />
    </>
  );
}
