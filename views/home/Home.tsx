import type { ViewContext } from '../context.ts';
import type { Profile } from '../../src/modules/org/service.ts';
import { PageHeader } from '../components/page.tsx';
import { formatDateTime, hasMessage } from '../../src/i18n/index.ts';

export function HomePage({ v, profile, previous }: { v: ViewContext; profile: Profile; previous: { at: string } | null }) {
  const modules = v.nav.filter((n) => n.href !== '/');
  return (
    <>
      <PageHeader title={v.t('home.greeting', { name: profile.displayName })} lead={v.t('home.intro')} />
      <div class="grid gap-6 lg:grid-cols-3">
        <section class="card lg:col-span-2" aria-labelledby="my-place">
          <h2 id="my-place" class="mb-3 text-lg font-bold">
            {v.t('home.myPlace')}
          </h2>
          {profile.unitPath.length ? (
            <ol class="mb-4 flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-800">
              {profile.unitPath.map((u, i) => (
                <li class="flex items-center gap-2">
                  {i > 0 && <span aria-hidden="true" class="text-slate-400">›</span>}
                  <span class={i === profile.unitPath.length - 1 ? 'font-semibold' : ''}>{u.name}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="mb-4 text-slate-700">{v.t('home.noUnit')}</p>
          )}
          <dl class="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {profile.title && (
              <div>
                <dt class="text-sm text-slate-600">{v.t('users.jobTitle')}</dt>
                <dd class="font-semibold">{profile.title}</dd>
              </div>
            )}
            <div>
              <dt class="text-sm text-slate-600">{v.t('home.manager')}</dt>
              <dd class="font-semibold">
                {profile.manager ? (
                  <>
                    {profile.manager.displayName}
                    {profile.manager.title && <span class="block text-sm font-normal text-slate-600">{profile.manager.title}</span>}
                  </>
                ) : (
                  v.t('home.noManager')
                )}
              </dd>
            </div>
            {profile.email && (
              <div>
                <dt class="text-sm text-slate-600">{v.t('home.email')}</dt>
                <dd>
                  <a href={`mailto:${profile.email}`}>{profile.email}</a>
                </dd>
              </div>
            )}
            {profile.phone && (
              <div>
                <dt class="text-sm text-slate-600">{v.t('home.phone')}</dt>
                <dd>{profile.phone}</dd>
              </div>
            )}
          </dl>
        </section>
        <section class="card" aria-labelledby="my-roles">
          <h2 id="my-roles" class="mb-3 text-lg font-bold">
            {v.t('home.roles')}
          </h2>
          <ul class="mb-4 flex flex-wrap gap-2">
            {profile.roles.map((r) => {
              const key = `role.${r}`;
              return <li class="badge">{hasMessage(key) ? v.t(key) : r}</li>;
            })}
          </ul>
          <p class="text-sm text-slate-600">
            {previous ? (
              <>
                {v.t('home.lastSignIn')}: <time datetime={previous.at}>{formatDateTime(previous.at, v.locale)}</time>
              </>
            ) : (
              v.t('home.firstSignIn')
            )}
          </p>
        </section>
      </div>
      {modules.length > 0 && (
        <section class="mt-8" aria-labelledby="my-modules">
          <h2 id="my-modules" class="mb-3 text-lg font-bold">
            {v.t('home.modules')}
          </h2>
          <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {modules.map((m) => (
              <li class="card">
                <a href={m.href} class="text-lg font-semibold">
                  {v.t(m.label)}
                </a>
                <p class="mt-1 text-sm text-slate-700">{v.t(m.description)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
