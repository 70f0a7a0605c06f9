import type { ViewContext } from '../context.ts';
import type { UserInput, UserListItem } from '../../src/modules/users/service.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import { ROLES } from '../../src/policy/index.ts';
import { Checkbox, ErrorSummary, Fieldset, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

export function UsersTable({
  v,
  items,
  next,
  q,
}: {
  v: ViewContext;
  items: UserListItem[];
  next: string | null;
  q: string;
}) {
  return (
    <section id="user-results" aria-label={v.t('users.title')}>
      {items.length === 0 ? (
        <p class="card">{v.t('users.none')}</p>
      ) : (
        <ScrollTable label={v.t('users.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('users.name')}</th>
                <th scope="col">{v.t('users.username')}</th>
                <th scope="col">{v.t('users.unit')}</th>
                <th scope="col">{v.t('users.roles')}</th>
                <th scope="col">{v.t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr>
                  <td>
                    <a href={`/admin/users/${u.id}`} class="font-semibold">
                      {u.displayName}
                    </a>
                    {u.title && <span class="block text-xs text-slate-600">{u.title}</span>}
                  </td>
                  <td>
                    <code class="text-xs">{u.username}</code>
                  </td>
                  <td>{u.unitName}</td>
                  <td>{u.roles.map((r) => v.t(`role.${r}`)).join(', ')}</td>
                  <td>
                    {u.isActive ? (
                      <span class="badge bg-green-100 text-green-900">{v.t('users.active')}</span>
                    ) : (
                      <span class="badge">{v.t('users.inactive')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {next && (
        <p class="mt-4">
          <a class="btn-secondary" href={`/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), after: next })}`}>
            {v.t('audit.more')}
          </a>
        </p>
      )}
    </section>
  );
}

export function UsersPage({
  v,
  items,
  next,
  q,
}: {
  v: ViewContext;
  items: UserListItem[];
  next: string | null;
  q: string;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader
        title={v.t('users.title')}
        lead={v.t('admin.users.desc')}
        actions={
          <a href="/admin/users/new" class="btn-primary">
            {v.t('users.new')}
          </a>
        }
      />
      <form method="get" action="/admin/users" role="search" class="mb-6 flex max-w-xl items-end gap-2">
        <TextField id="q" type="search" label={v.t('users.search')} value={q} class="flex-1" />
        <button type="submit" class="btn-secondary">
          {v.t('audit.search')}
        </button>
      </form>
      <UsersTable v={v} items={items} next={next} q={q} />
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
          <a href="/admin/users" class="btn-secondary">
            {v.t('users.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
