import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { UserInput } from '../../src/modules/users/service.ts';
import type { UserListItem } from '../../src/modules/users/list.ts';
import {
  filterQuery,
  SIGN_IN_FILTERS,
  STALE_DAYS,
  USER_STATUSES,
  type UserFilters,
} from '../../src/modules/users/filters.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ROLES } from '../../src/policy/index.ts';
import { Checkbox, ErrorSummary, Fieldset, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

export interface UsersListState {
  filters: UserFilters;
  items: UserListItem[];
  total: number;
  /** The address of the next page, or null on the last page. */
  next: string | null;
  /** True when this is not the first page. */
  paged: boolean;
}

export function usersCountText(v: ViewContext, total: number): string {
  return total === 1 ? v.t('users.count.one') : v.t('users.count', { count: formatNumber(total, v.locale) });
}

/** The results: swapped by htmx when the filter form changes. Rows as a tagged template (a list page's cost is its rows). */
export function UsersTable({ v, s }: { v: ViewContext; s: UsersListState }) {
  const never = v.t('users.never');
  const active = v.t('users.active');
  const deactivated = v.t('users.status.deactivated');
  const breakGlass = v.t('users.badge.breakGlass');
  return (
    <section id="user-results" aria-labelledby="user-results-title">
      <h2 id="user-results-title" class="mb-3 text-lg font-bold">
        {v.t('users.results')} <span class="font-normal text-slate-600">({usersCountText(v, s.total)})</span>
      </h2>
      {s.items.length === 0 ? (
        <p class="card">{v.t('users.none')}</p>
      ) : (
        <ScrollTable label={v.t('users.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('users.col.name')}</th>
                <th scope="col">{v.t('users.col.title')}</th>
                <th scope="col">{v.t('users.unit')}</th>
                <th scope="col">{v.t('users.roles')}</th>
                <th scope="col">{v.t('users.col.lastSignIn')}</th>
                <th scope="col">{v.t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map(
                (u) =>
                  html`<tr><td><a href="/admin/users/${u.id}" class="font-semibold">${u.displayName}</a><code class="block text-xs">${u.username}</code></td><td>${u.title ?? ''}</td><td>${u.unitName ?? ''}</td><td>${u.roles.map((r) => v.t(`role.${r}`)).join(', ')}</td><td>${u.lastSignInAt ? formatDateTime(u.lastSignInAt, v.locale) : never}</td><td>${
                    u.isActive
                      ? html`<span class="badge bg-green-100 text-green-900">${active}</span>`
                      : html`<span class="badge">${deactivated}</span>`
                  }${u.breakGlass ? html` <span class="badge bg-amber-100 text-amber-950">${breakGlass}</span>` : ''}</td></tr>`,
              )}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p class="mt-4 flex flex-wrap gap-2">
        {s.paged && (
          <a class="btn-secondary" href={filterQuery(s.filters)}>
            {v.t('users.first')}
          </a>
        )}
        {s.next && (
          <a class="btn-secondary" href={s.next}>
            {v.t('users.next')}
          </a>
        )}
      </p>
    </section>
  );
}

export function UsersPage({
  v,
  s,
  units,
}: {
  v: ViewContext;
  s: UsersListState;
  units: Array<OrgUnit & { depth: number }>;
}) {
  const f = s.filters;
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader
        title={v.t('users.title')}
        lead={v.t('users.lead')}
        actions={
          <a href="/admin/users/new" class="btn-primary">
            {v.t('users.new')}
          </a>
        }
      />
      <form
        method="get"
        action="/admin/users"
        role="search"
        class="card mb-6"
        aria-label={v.t('users.filter.label')}
        hx-get="/admin/users"
        hx-target="#user-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <div class="grid gap-x-4 md:grid-cols-3">
          <TextField
            id="q"
            type="search"
            label={v.t('users.filter.q')}
            hint={v.t('users.filter.q.hint')}
            value={f.q}
            autocomplete="off"
            spellcheck={false}
          />
          <SelectField
            id="role"
            label={v.t('users.filter.role')}
            value={f.role ?? ''}
            options={[
              { value: '', label: v.t('users.filter.role.any') },
              ...ROLES.map((r) => ({ value: r, label: v.t(`role.${r}`) })),
            ]}
          />
          <div class="mb-5">
            <label class="label" for="unit">
              {v.t('users.filter.unit')}
            </label>
            {/* Hundreds of units: the options as one tagged template, not an element each. */}
            <select class="input mb-2" id="unit" name="unit">
              <option value="">{v.t('users.filter.unit.any')}</option>
              {units.map(
                (u) =>
                  html`<option value="${u.id}"${u.id === f.unitId ? ' selected' : ''}>${'– '.repeat(u.depth)}${u.name}</option>`,
              )}
            </select>
            <Checkbox id="sub" label={v.t('users.filter.sub')} checked={f.subUnits} />
          </div>
          <SelectField
            id="status"
            label={v.t('users.filter.status')}
            value={f.status ?? ''}
            options={[
              { value: '', label: v.t('users.filter.status.any') },
              ...USER_STATUSES.map((st) => ({ value: st, label: v.t(`users.filter.status.${st}`) })),
            ]}
          />
          <SelectField
            id="signin"
            label={v.t('users.filter.signin')}
            value={f.signIn ?? ''}
            options={[
              { value: '', label: v.t('users.filter.signin.any') },
              ...SIGN_IN_FILTERS.map((si) => ({
                value: si,
                label: v.t(`users.filter.signin.${si}`, { days: STALE_DAYS }),
              })),
            ]}
          />
          <div class="mb-5 md:pt-7">
            <Checkbox id="breakglass" label={v.t('users.filter.breakglass')} checked={f.breakGlass} />
          </div>
        </div>
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {v.t('users.filter.submit')}
          </button>
          <a class="btn-secondary" href="/admin/users">
            {v.t('users.filter.reset')}
          </a>
        </div>
      </form>
      <UsersTable v={v} s={s} />
    </>
  );
}

export function UserFormPage({
  v,
  mode,
  id,
  input,
  errors,
  units,
}: {
  v: ViewContext;
  mode: 'new' | 'edit';
  id?: string;
  input: UserInput;
  errors: FieldErrors;
  units: Array<OrgUnit & { depth: number }>;
}) {
  const title = mode === 'new' ? v.t('users.new') : v.t('users.edit', { name: input.displayName });
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={title} />
      <ErrorSummary t={v.t} errors={errors} />
      <form
        method="post"
        action={mode === 'new' ? '/admin/users' : `/admin/users/${id}`}
        class="card max-w-2xl"
        novalidate
      >
        <div class="grid gap-x-4 sm:grid-cols-2">
          <TextField
            id="username"
            label={v.t('users.username')}
            value={input.username}
            error={errors.username}
            required
            spellcheck={false}
            autocomplete="off"
          />
          <TextField
            id="displayName"
            label={v.t('users.displayName')}
            value={input.displayName}
            error={errors.displayName}
            required
            autocomplete="off"
          />
          <TextField id="title" label={v.t('users.jobTitle')} value={input.title} autocomplete="off" />
          <TextField
            id="email"
            type="email"
            label={v.t('users.email')}
            value={input.email}
            error={errors.email}
            autocomplete="off"
          />
          <TextField id="phone" type="tel" label={v.t('users.phone')} value={input.phone} autocomplete="off" />
          <TextField
            id="managerUsername"
            label={`${v.t('users.manager')} (${v.t('users.username').toLowerCase()})`}
            value={input.managerUsername}
            error={errors.managerUsername}
            spellcheck={false}
            autocomplete="off"
          />
        </div>
        <SelectField
          id="orgUnitId"
          label={v.t('users.unit')}
          value={input.orgUnitId}
          error={errors.orgUnitId}
          options={[
            { value: '', label: v.t('users.noUnit') },
            ...units.map((u) => ({ value: String(u.id), label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` })),
          ]}
        />
        <div id="roles" tabindex={-1}>
          <Fieldset legend={v.t('users.roles')}>
            {errors.roles && <p class="field-error">{errors.roles}</p>}
            <div class="grid sm:grid-cols-2">
              {ROLES.map((r) => (
                <Checkbox
                  id={`role-${r}`}
                  name="roles"
                  value={r}
                  label={v.t(`role.${r}`)}
                  checked={input.roles.includes(r)}
                />
              ))}
            </div>
          </Fieldset>
        </div>
        <div id="isActive-wrap">
          {errors.isActive && <p class="field-error">{errors.isActive}</p>}
          <Checkbox id="isActive" label={v.t('users.isActive')} checked={input.isActive} />
        </div>
        <Checkbox
          id="breakGlass"
          label={v.t('users.breakGlass')}
          hint={v.t('users.breakGlass.hint')}
          checked={!!input.breakGlass}
        />
        <TextField
          id="password"
          type="password"
          label={v.t('users.password')}
          hint={mode === 'new' ? v.t('users.passwordHintNew') : v.t('users.passwordHint')}
          error={errors.password}
          autocomplete="new-password"
        />
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {mode === 'new' ? v.t('users.create') : v.t('users.save')}
          </button>
          <a href={mode === 'edit' ? `/admin/users/${id}` : '/admin/users'} class="btn-secondary">
            {v.t('users.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
