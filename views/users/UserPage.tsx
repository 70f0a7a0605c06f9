import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { UserOverview } from '../../src/modules/users/overview.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';

function UsersCrumb({ v }: { v: ViewContext }) {
  return (
    <nav aria-label={v.t('admin.nav.label')} class="mb-2 text-sm">
      <a href="/admin">{v.t('admin.title')}</a> › <a href="/admin/users">{v.t('users.title')}</a>
    </nav>
  );
}

function Fact({ label, children }: { label: string; children: Child }) {
  return (
    <div class="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt class="font-semibold text-slate-700">{label}</dt>
      <dd class="sm:col-span-2">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section class="card mb-6" aria-labelledby={id}>
      <h2 id={id} class="mb-3 text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Shown({ v, shown, total }: { v: ViewContext; shown: number; total: number }) {
  if (shown >= total) return null;
  return (
    <p class="mt-2 text-sm text-slate-700">
      {v.t('users.page.shown', { shown: formatNumber(shown, v.locale), count: formatNumber(total, v.locale) })}
    </p>
  );
}

/** A destructive action: a disclosure that explains, then the real button (works without JavaScript). */
function Confirm({
  id,
  summary,
  text,
  action,
  submit,
}: {
  id: string;
  summary: string;
  text: string;
  action: string;
  submit: string;
}) {
  return (
    <details id={id} class="mb-3">
      <summary class="btn-secondary cursor-pointer list-none">{summary}</summary>
      <div class="mt-3 rounded-md border border-slate-200 p-3">
        <p class="mb-3">{text}</p>
        <form method="post" action={action}>
          <button type="submit" class="btn-danger">
            {submit}
          </button>
        </form>
      </div>
    </details>
  );
}

export function UserPage({
  v,
  u,
  self,
  resetHours,
}: {
  v: ViewContext;
  u: UserOverview;
  self: boolean;
  resetHours: number;
}) {
  const base = `/admin/users/${u.id}`;
  return (
    <>
      <UsersCrumb v={v} />
      <PageHeader
        title={u.displayName}
        lead={[u.title, u.unit?.name].filter(Boolean).join(' · ') || undefined}
        actions={
          <a href={`${base}/edit`} class="btn-primary">
            {v.t('users.page.editLink')}
          </a>
        }
      />
      {!u.isActive && (
        <Notice kind="warning">
          <p>{v.t('users.status.deactivated')}</p>
        </Notice>
      )}
      {u.breakGlass && (
        <Notice kind="warning">
          <p>{v.t('users.page.breakGlass')}</p>
        </Notice>
      )}
      <div class="grid gap-x-6 lg:grid-cols-2">
        <div>
          <Section id="user-person" title={v.t('users.page.person')}>
            <dl class="divide-y divide-slate-200">
              <Fact label={v.t('users.username')}>
                <code>{u.username}</code>
              </Fact>
              <Fact label={v.t('users.email')}>{u.email ?? v.t('users.page.none')}</Fact>
              <Fact label={v.t('users.phone')}>{u.phone ?? v.t('users.page.none')}</Fact>
              <Fact label={v.t('users.unit')}>{u.unit?.name ?? v.t('users.noUnit')}</Fact>
              <Fact label={v.t('users.manager')}>
                {u.manager ? <a href={`/admin/users/${u.manager.id}`}>{u.manager.name}</a> : v.t('users.noManager')}
              </Fact>
              <Fact label={v.t('users.page.leads')}>
                {u.leads.length ? u.leads.map((l) => l.name).join(', ') : v.t('users.page.none')}
              </Fact>
              <Fact label={v.t('users.page.externalId')}>
                {u.externalId ? <code class="break-all">{u.externalId}</code> : v.t('users.page.none')}
              </Fact>
              <Fact label={v.t('users.page.created')}>{formatDateTime(u.createdAt, v.locale)}</Fact>
            </dl>
          </Section>
          <Section id="user-access" title={v.t('users.page.access')}>
            <dl class="divide-y divide-slate-200">
              <Fact label={v.t('users.page.status')}>
                {u.isActive ? v.t('users.active') : v.t('users.status.deactivated')}
                {u.breakGlass && (
                  <span class="badge ml-2 bg-amber-100 text-amber-950">{v.t('users.badge.breakGlass')}</span>
                )}
              </Fact>
              <Fact label={v.t('users.roles')}>
                {u.roles.length ? u.roles.map((r) => v.t(`role.${r}`)).join(', ') : v.t('users.page.none')}
              </Fact>
              <Fact label={v.t('users.page.localPassword')}>
                {u.hasPassword ? v.t('users.page.yes') : v.t('users.page.no')}
              </Fact>
              <Fact label={v.t('users.col.lastSignIn')}>
                {u.lastSignInAt ? formatDateTime(u.lastSignInAt, v.locale) : v.t('users.never')}
              </Fact>
            </dl>
          </Section>
          <Section id="user-identities" title={v.t('users.page.identities')}>
            {u.identities.length === 0 ? (
              <p>{v.t('users.page.identities.none')}</p>
            ) : (
              <ScrollTable label={v.t('users.page.identities')}>
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{v.t('users.page.issuer')}</th>
                      <th scope="col">{v.t('users.page.subject')}</th>
                      <th scope="col">{v.t('users.page.lastUsed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {u.identities.map((i) => (
                      <tr>
                        <td class="break-all">{i.issuer}</td>
                        <td>
                          <code class="break-all text-xs">{i.subject}</code>
                        </td>
                        <td>{i.lastUsedAt ? formatDateTime(i.lastUsedAt, v.locale) : v.t('users.never')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </Section>
          <Section id="user-sessions" title={v.t('users.page.sessions')}>
            {u.sessions.total === 0 ? (
              <p>{v.t('users.page.sessions.none')}</p>
            ) : (
              <>
                <p class="mb-2">
                  {v.t('users.page.sessions.count', { count: formatNumber(u.sessions.total, v.locale) })}
                </p>
                <ScrollTable label={v.t('users.page.sessions.newest')}>
                  <table class="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{v.t('users.page.session.started')}</th>
                        <th scope="col">{v.t('users.page.session.expires')}</th>
                        <th scope="col">{v.t('users.page.session.ip')}</th>
                        <th scope="col">{v.t('users.page.session.device')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {u.sessions.newest.map((s) => (
                        <tr>
                          <td>{formatDateTime(s.createdAt, v.locale)}</td>
                          <td>{formatDateTime(s.expiresAt, v.locale)}</td>
                          <td>{s.ip ?? ''}</td>
                          <td class="text-sm">{(s.userAgent ?? '').slice(0, 120)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
              </>
            )}
          </Section>
        </div>
        <div>
          <Section id="user-actions" title={v.t('users.page.actions')}>
            {u.isActive ? (
              <>
                {self ? (
                  <p class="mb-3 text-slate-700">{v.t('users.action.self')}</p>
                ) : (
                  <Confirm
                    id="confirm-deactivate"
                    summary={v.t('users.action.deactivate')}
                    text={v.t('users.action.deactivate.confirm', { name: u.displayName })}
                    action={`${base}/deactivation`}
                    submit={v.t('users.action.deactivate.submit', { name: u.displayName })}
                  />
                )}
                <Confirm
                  id="confirm-sign-out"
                  summary={v.t('users.action.signOut')}
                  text={v.t('users.action.signOut.confirm', { name: u.displayName })}
                  action={`${base}/sessions/deletion`}
                  submit={v.t('users.action.signOut.submit')}
                />
                {u.hasPassword ? (
                  <Confirm
                    id="confirm-reset"
                    summary={v.t('users.action.reset')}
                    text={
                      u.email
                        ? v.t('users.action.reset.confirm', { hours: resetHours, email: u.email })
                        : v.t('users.action.reset.confirmNoMail', { hours: resetHours })
                    }
                    action={`${base}/password-reset`}
                    submit={v.t('users.action.reset.submit')}
                  />
                ) : (
                  <p class="text-slate-700">{v.t('users.action.reset.unavailable')}</p>
                )}
              </>
            ) : (
              <form method="post" action={`${base}/deactivation/deletion`}>
                <button type="submit" class="btn-primary">
                  {v.t('users.action.reactivate')}
                </button>
              </form>
            )}
          </Section>
          <Section id="user-memberships" title={v.t('users.page.memberships')}>
            <h3 class="mb-2 font-bold">{v.t('users.page.rooms')}</h3>
            {u.rooms.total === 0 ? (
              <p class="mb-4">{v.t('users.page.rooms.none')}</p>
            ) : (
              <div class="mb-4">
                <ul class="list-disc pl-5">
                  {u.rooms.items.map((r) => (
                    <li>
                      <a href={`/rooms/${r.id}`}>{r.name}</a> (
                      {v.t(r.role === 'owner' ? 'rooms.role.owner' : 'rooms.role.member')}
                      {r.archived ? `, ${v.t('users.page.archived')}` : ''})
                    </li>
                  ))}
                </ul>
                <Shown v={v} shown={u.rooms.items.length} total={u.rooms.total} />
              </div>
            )}
            <h3 class="mb-2 font-bold">{v.t('users.page.committees')}</h3>
            {u.committees.length === 0 ? (
              <p class="mb-4">{v.t('users.page.committees.none')}</p>
            ) : (
              <ul class="mb-4 list-disc pl-5">
                {u.committees.map((m) => (
                  <li>
                    {m.name} ({v.t(`meetings.role.${m.role}` as 'meetings.role.member')},{' '}
                    {v.t('users.page.committees.from', { date: formatDate(m.startsOn, v.locale) })})
                  </li>
                ))}
              </ul>
            )}
            <h3 class="mb-1 font-bold">{v.t('users.page.cases')}</h3>
            <p class="mb-2 text-sm text-slate-700">{v.t('users.page.cases.hint')}</p>
            {u.caseAccess.total === 0 ? (
              <p>{v.t('users.page.cases.none')}</p>
            ) : (
              <>
                <ul class="flex flex-wrap gap-2">
                  {u.caseAccess.items.map((c) => (
                    <li>
                      <a href={`/cases/${c.id}`}>
                        <code>{c.number}</code>
                      </a>
                    </li>
                  ))}
                </ul>
                <Shown v={v} shown={u.caseAccess.items.length} total={u.caseAccess.total} />
              </>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}

/** Shown once, in answer to the POST that made the link; the page is not cached (render() sends no-store). */
export function ResetLinkPage({
  v,
  id,
  name,
  url,
  email,
  expiresAt,
}: {
  v: ViewContext;
  id: string;
  name: string;
  url: string;
  email: string | null;
  expiresAt: string;
}) {
  return (
    <>
      <UsersCrumb v={v} />
      <PageHeader title={v.t('users.reset.title', { name })} />
      <div class="card max-w-2xl">
        <p class="mb-3">{v.t('users.reset.lead', { name, expires: formatDateTime(expiresAt, v.locale) })}</p>
        <p class="mb-3">{email ? v.t('users.reset.emailed', { email }) : v.t('users.reset.notEmailed')}</p>
        <label class="label" for="reset-link">
          {v.t('users.reset.link')}
        </label>
        <input id="reset-link" class="input mb-4 font-mono text-sm" type="text" readonly value={url} />
        <a href={`/admin/users/${id}`} class="btn-secondary">
          {v.t('users.reset.back', { name })}
        </a>
      </div>
    </>
  );
}
