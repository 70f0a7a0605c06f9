import type { ViewContext } from '../context.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import type { AdminTree, AdminUnit, UnitInput } from '../../src/modules/org/admin.ts';
import type { UnitLeadership } from '../../src/modules/org/leaders.ts';
import type { PersonSummary } from '../../src/modules/org/service.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';

export interface UnitFormState {
  input: UnitInput;
  errors: FieldErrors;
}

export interface UnitDetails {
  row: OrgUnit;
  node: AdminUnit;
  path: AdminUnit[];
  leadership: UnitLeadership;
  search: { q: string; candidates: PersonSummary[] | null };
  leaderError?: string;
}

const KINDS = ['municipality', 'directorate', 'unit'] as const;

/** The units as options of a select, indented by depth (for choosing a parent). */
export function unitOptions(units: readonly AdminUnit[]): Array<{ value: string; label: string }> {
  return units.map((u) => ({ value: String(u.id), label: `${'– '.repeat(u.depth)}${u.name}` }));
}

export function OrgCrumbs({ v, path }: { v: ViewContext; path?: AdminUnit[] }) {
  return (
    <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
      <a href="/admin">{v.t('admin.title')}</a> <span aria-hidden="true">›</span>{' '}
      <a href="/admin/org">{v.t('orgAdmin.title')}</a>
      {path && path.length > 1 && (
        <span class="block text-slate-700">
          {v.t('orgAdmin.unit.place')}: {path.map((p) => p.name).join(' › ')}
        </span>
      )}
    </nav>
  );
}

function Leaders({ v, d }: { v: ViewContext; d: UnitDetails }) {
  const id = d.row.id;
  const l = d.leadership;
  return (
    <section aria-labelledby="leaders-title" id="leaders" class="mt-10">
      <h2 id="leaders-title" class="text-xl font-bold">
        {v.t('orgAdmin.leaders.title')}
      </h2>
      <p class="mt-1 max-w-3xl text-slate-700">{v.t('orgAdmin.leaders.intro')}</p>
      {!l.fromNamed && (
        <Notice kind="info">
          {l.effective.length
            ? v.t('orgAdmin.leaders.fallback', { names: l.effective.map((p) => p.displayName).join(', ') })
            : v.t('orgAdmin.leaders.none')}
        </Notice>
      )}
      {l.named.length > 0 && (
        <ol class="mt-3 space-y-2">
          {l.named.map((p, i) => (
            <li class="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2">
              <span class="min-w-0 flex-1">
                <a href={`/people/${p.username}`} class="font-semibold">
                  {p.displayName}
                </a>
                {p.title && <span class="text-sm text-slate-700"> · {p.title}</span>}
                {!p.isActive && <span class="ml-2 badge">{v.t('orgAdmin.leaders.inactive')}</span>}
              </span>
              {i > 0 && (
                <form method="post" action={`/admin/org/${id}/leaders/${p.id}/position`}>
                  <input type="hidden" name="direction" value="up" />
                  <button
                    class="btn-secondary"
                    type="submit"
                    aria-label={v.t('orgAdmin.leaders.upLabel', { name: p.displayName })}
                  >
                    {v.t('orgAdmin.leaders.up')}
                  </button>
                </form>
              )}
              {i < l.named.length - 1 && (
                <form method="post" action={`/admin/org/${id}/leaders/${p.id}/position`}>
                  <input type="hidden" name="direction" value="down" />
                  <button
                    class="btn-secondary"
                    type="submit"
                    aria-label={v.t('orgAdmin.leaders.downLabel', { name: p.displayName })}
                  >
                    {v.t('orgAdmin.leaders.down')}
                  </button>
                </form>
              )}
              <form method="post" action={`/admin/org/${id}/leaders/${p.id}/deletion`}>
                <button
                  class="btn-secondary"
                  type="submit"
                  aria-label={v.t('orgAdmin.leaders.removeLabel', { name: p.displayName })}
                >
                  {v.t('orgAdmin.leaders.remove')}
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
      <form method="get" action={`/admin/org/${id}#leaders`} class="mt-5 flex flex-wrap items-end gap-2" role="search">
        <TextField
          id="q"
          type="search"
          label={v.t('orgAdmin.leaders.search')}
          hint={v.t('orgAdmin.leaders.searchHint')}
          value={d.search.q}
          error={d.leaderError}
          class="mb-0 min-w-0 flex-1"
        />
        <button class="btn-secondary" type="submit">
          {v.t('orgAdmin.leaders.searchSubmit')}
        </button>
      </form>
      {d.search.candidates && (
        <div class="mt-3">
          <h3 class="font-semibold">{v.t('orgAdmin.leaders.results', { count: d.search.candidates.length })}</h3>
          <ul class="mt-2 space-y-2">
            {d.search.candidates.map((p) => (
              <li class="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2">
                <span class="min-w-0 flex-1">
                  <span class="font-semibold">{p.displayName}</span>
                  <span class="text-sm text-slate-700">
                    {p.title ? ` · ${p.title}` : ''}
                    {p.unitName ? ` · ${p.unitName}` : ''}
                  </span>
                </span>
                {l.named.some((n) => n.id === p.id) ? (
                  <span class="text-sm">{v.t('orgAdmin.leaders.isLeader')}</span>
                ) : (
                  <form method="post" action={`/admin/org/${id}/leaders`}>
                    <input type="hidden" name="userId" value={p.id} />
                    <button
                      class="btn-primary"
                      type="submit"
                      aria-label={v.t('orgAdmin.leaders.chooseLabel', { name: p.displayName })}
                    >
                      {v.t('orgAdmin.leaders.choose')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A new unit's form (`unit` absent) or a unit's page: its details, its leaders and what else can be done to it. */
export function UnitPage({
  v,
  tree,
  form,
  unit,
}: {
  v: ViewContext;
  tree: AdminTree;
  form: UnitFormState;
  unit?: UnitDetails;
}) {
  const e = form.errors;
  const i = form.input;
  const n = (x: number) => formatNumber(x, v.locale);
  return (
    <>
      <OrgCrumbs v={v} path={unit?.path} />
      <PageHeader
        title={unit ? unit.row.name : v.t('orgAdmin.new.title')}
        lead={
          unit
            ? v.t('orgAdmin.unit.lead', {
                kind: v.t(`org.kind.${unit.row.kind}`),
                direct: n(unit.node.directCount),
                total: n(unit.node.totalCount),
              })
            : v.t('orgAdmin.new.lead')
        }
      />
      <ErrorSummary errors={e} t={v.t} />
      <section aria-labelledby="details-title" class="max-w-2xl">
        <h2 id="details-title" class="mb-3 text-xl font-bold">
          {v.t('orgAdmin.unit.details')}
        </h2>
        <form method="post" action={unit ? `/admin/org/${unit.row.id}` : '/admin/org'} novalidate>
          <TextField id="name" label={v.t('orgAdmin.field.name')} value={i.name} error={e.name} required />
          <TextField
            id="shortName"
            label={v.t('orgAdmin.field.shortName')}
            hint={v.t('orgAdmin.field.shortNameHint')}
            value={i.shortName}
            error={e.shortName}
          />
          <SelectField
            id="kind"
            label={v.t('orgAdmin.field.kind')}
            hint={v.t('orgAdmin.field.kindHint')}
            value={i.kind}
            error={e.kind}
            options={KINDS.map((k) => ({ value: k, label: v.t(`org.kind.${k}`) }))}
          />
          {!unit && (
            <SelectField
              id="parentId"
              label={v.t('orgAdmin.field.parent')}
              value={i.parentId}
              error={e.parentId}
              options={[{ value: '', label: v.t('orgAdmin.field.noParent') }, ...unitOptions(tree.ordered)]}
            />
          )}
          <TextField
            id="email"
            type="email"
            label={v.t('orgAdmin.field.email')}
            value={i.email}
            error={e.email}
            autocomplete="off"
          />
          <TextField
            id="phone"
            type="tel"
            label={v.t('orgAdmin.field.phone')}
            value={i.phone}
            error={e.phone}
            autocomplete="off"
          />
          {unit?.row.external_id && (
            <p class="mb-5 text-sm text-slate-700">
              {v.t('orgAdmin.field.externalId')}: <code>{unit.row.external_id}</code>
            </p>
          )}
          <div class="flex flex-wrap gap-2">
            <button class="btn-primary" type="submit">
              {unit ? v.t('orgAdmin.unit.save') : v.t('orgAdmin.new.submit')}
            </button>
            <a class="btn-secondary" href={unit ? `/admin/org#unit-${unit.row.id}` : '/admin/org'}>
              {v.t('orgAdmin.cancel')}
            </a>
          </div>
        </form>
      </section>
      {unit && <Leaders v={v} d={unit} />}
      {unit && (
        <section aria-labelledby="more-title" class="mt-10">
          <h2 id="more-title" class="text-xl font-bold">
            {v.t('orgAdmin.unit.more')}
          </h2>
          {unit.row.parent_id == null ? (
            <p class="mt-2 text-slate-700">{v.t('orgAdmin.unit.rootNote')}</p>
          ) : (
            <ul class="mt-2 list-disc space-y-1 pl-5">
              <li>
                <a href={`/admin/org/${unit.row.id}/move`}>{v.t('orgAdmin.unit.moveLink')}</a>
              </li>
              <li>
                <a href={`/admin/org/${unit.row.id}/merge`}>{v.t('orgAdmin.unit.mergeLink')}</a>
              </li>
              <li>
                <a href={`/admin/org/${unit.row.id}/deletion`}>{v.t('orgAdmin.unit.deleteLink')}</a>
              </li>
            </ul>
          )}
          <p class="mt-3">
            <a href={`/admin/org/new?parent=${unit.row.id}`}>{v.t('orgAdmin.unit.addChild')}</a>
          </p>
        </section>
      )}
    </>
  );
}
