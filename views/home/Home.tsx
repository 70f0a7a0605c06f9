import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { Profile } from '../../src/modules/org/service.ts';
import type { DeadlineItem } from '../../src/modules/cases/service.ts';
import type { NewsCardItem } from '../../src/modules/news/service.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { NewsList } from '../news/NewsList.tsx';

export interface HomeData {
  profile: Profile;
  previous: { at: string } | null;
  news: NewsCardItem[];
  deadlines: DeadlineItem[] | null;
  shortcuts: Array<{ id: number; label: string; url: string }>;
  shortcutForm?: { label: string; url: string; errors: FieldErrors };
  /** Sections other modules contribute (my next meetings, news from my rooms), already rendered. */
  extra?: Child[];
}

function Card({
  id,
  title,
  children,
  more,
}: {
  id: string;
  title: string;
  children: Child;
  more?: { href: string; label: string };
}) {
  return (
    <section class="card mb-6" aria-labelledby={id}>
      <div class="mb-3 flex items-baseline justify-between gap-2">
        <h2 id={id} class="text-lg font-bold">
          {title}
        </h2>
        {more && (
          <a href={more.href} class="text-sm">
            {more.label}
          </a>
        )}
      </div>
      {children}
    </section>
  );
}

export function HomePage({ v, d }: { v: ViewContext; d: HomeData }) {
  const form = d.shortcutForm;
  return (
    <>
      <PageHeader
        title={v.t('home.greeting', { name: d.profile.displayName })}
        lead={
          d.previous ? (
            <span class="text-sm">
              {v.t('home.lastSignIn')}: <time datetime={d.previous.at}>{formatDateTime(d.previous.at, v.locale)}</time>
            </span>
          ) : (
            v.t('home.intro')
          )
        }
      />
      {form && <ErrorSummary t={v.t} errors={form.errors} />}
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="min-w-0 lg:col-span-2">
          <NewsList v={v} items={d.news} />
        </div>
        <div class="min-w-0">
          {(d.extra ?? []).map((part) => (
            <div class="mb-6">{part}</div>
          ))}
          {d.deadlines && (
            <Card
              id="my-deadlines"
              title={v.t('home.deadlines')}
              more={{ href: '/cases/deadlines', label: v.t('home.deadlines.all') }}
            >
              {d.deadlines.length === 0 ? (
                <p class="text-slate-700">{v.t('home.deadlines.none')}</p>
              ) : (
                <ul class="space-y-2">
                  {d.deadlines.map((x) => (
                    <li>
                      <a href={`/cases/${x.caseId}#deadlines`} class="font-semibold">
                        {x.title}
                      </a>
                      <span class="block text-sm text-slate-700">
                        <span class="font-mono text-xs">{x.caseNumber}</span> {x.caseTitle}
                      </span>
                      <span class={`block text-sm ${x.overdue ? 'font-semibold text-red-800' : 'text-slate-700'}`}>
                        {x.overdue ? `${v.t('cases.deadlines.overdue')}: ` : `${v.t('cases.deadlines.due')}: `}
                        <time datetime={x.dueOn}>{formatDate(`${x.dueOn}T12:00:00Z`, v.locale)}</time>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
          <Card id="my-shortcuts" title={v.t('home.shortcuts')}>
            {d.shortcuts.length === 0 ? (
              <p class="mb-3 text-slate-700">{v.t('home.shortcuts.none')}</p>
            ) : (
              <ul class="mb-3 space-y-1">
                {d.shortcuts.map((s) => (
                  <li class="flex items-center justify-between gap-2">
                    <a href={s.url} class="font-semibold">
                      {s.label}
                    </a>
                    <form method="post" action={`/shortcuts/${s.id}/deletion`}>
                      <button type="submit" class="btn-link text-sm">
                        {v.t('home.shortcuts.remove')}
                        <span class="sr-only">: {s.label}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <details open={!!form}>
              <summary class="btn-secondary cursor-pointer list-none">{v.t('home.shortcuts.add')}</summary>
              <form method="post" action="/shortcuts" class="mt-3" novalidate>
                <TextField
                  id="label"
                  label={v.t('home.shortcuts.label')}
                  value={form?.label}
                  error={form?.errors.label}
                />
                <TextField
                  id="url"
                  label={v.t('home.shortcuts.url')}
                  hint={v.t('home.shortcuts.url.hint')}
                  value={form?.url}
                  error={form?.errors.url}
                  spellcheck={false}
                />
                <button type="submit" class="btn-primary">
                  {v.t('home.shortcuts.add')}
                </button>
              </form>
            </details>
          </Card>
          <Card id="my-place" title={v.t('home.place')} more={{ href: '/me', label: v.t('home.seeAll') }}>
            {d.profile.unitPath.length ? (
              <ol class="mb-2 text-sm text-slate-800">
                {d.profile.unitPath.map((u, i) => (
                  <li class={i === d.profile.unitPath.length - 1 ? 'font-semibold' : ''}>
                    {i > 0 && <span aria-hidden="true">{'› '}</span>}
                    {u.name}
                  </li>
                ))}
              </ol>
            ) : (
              <p class="mb-2 text-slate-700">{v.t('home.noUnit')}</p>
            )}
            <p class="text-sm text-slate-700">
              {v.t('home.manager')}:{' '}
              {d.profile.manager ? (
                <a href={`/people/${encodeURIComponent(d.profile.manager.username)}`}>
                  {d.profile.manager.displayName}
                </a>
              ) : (
                v.t('home.noManager')
              )}
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
