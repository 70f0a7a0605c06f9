import type { ViewContext } from '../context.ts';
import type { DirectoryPerson } from '../../src/modules/org/service.ts';
import type { CaseSummary, DeadlineItem } from '../../src/modules/cases/service.ts';
import type { RecentDocument } from '../../src/modules/documents/service.ts';
import type { NotificationRow } from '../../src/modules/notifications/service.ts';
import type { FileRow, ProfileDetails } from '../../src/modules/people/service.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { Avatar, photoUrl } from '../components/avatar.tsx';
import { PageHeader } from '../components/page.tsx';
import { describeNotification } from '../notifications/Notifications.tsx';
import { formatBytes } from '../documents/Documents.tsx';
import { PersonRow } from '../people/Directory.tsx';
import { UnitPathList } from '../people/Profile.tsx';

/**
 * My page: what I am working on (cases, deadlines, recent cases and documents: only for those
 * who work with cases), my next meetings and my rooms (sections from those modules), my
 * notifications, my files, and my place in the organisation.
 */

export interface MyCases {
  open: CaseSummary[];
  moreOpen: boolean;
  deadlines: DeadlineItem[];
  recent: CaseSummary[];
  documents: RecentDocument[];
}

export interface MyPageData {
  me: ProfileDetails;
  /** null when the user does not work with cases. */
  cases: MyCases | null;
  notifications: NotificationRow[];
  unread: number;
  files: { recent: FileRow[]; count: number; folders: number; bytes: number };
  manager: DirectoryPerson | null;
  /** The first colleagues in my unit, by name. */
  colleagues: DirectoryPerson[];
  /** Sections from other modules (my next meetings, my rooms), already rendered. */
  extra?: unknown[];
}

function Section({
  id,
  title,
  children,
  more,
  class: extra = '',
}: {
  id: string;
  title: string;
  children: unknown;
  more?: { href: string; label: string };
  class?: string;
}) {
  return (
    <section class={`card ${extra}`} aria-labelledby={id}>
      <h2 id={id} class="mb-3 text-lg font-bold">
        {title}
      </h2>
      {children}
      {more && (
        <p class="mt-3">
          <a href={more.href}>{more.label}</a>
        </p>
      )}
    </section>
  );
}

function CaseList({ v, items }: { v: ViewContext; items: CaseSummary[] }) {
  return (
    <ul class="divide-y divide-slate-200">
      {items.map((c) => (
        <li class="py-2">
          <a href={`/cases/${c.id}`} class="font-semibold">
            {c.title}
          </a>
          {c.confidential && <span class="badge ml-2 bg-red-100 text-red-900">{v.t('cases.confidential.badge')}</span>}
          <p class="text-sm text-slate-700">
            <span class="font-mono text-xs">{c.number}</span> ·{' '}
            {v.t('me.cases.updated', { date: formatDate(c.updatedAt, v.locale) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function MyPage({ v, d }: { v: ViewContext; d: MyPageData }) {
  const me = d.me;
  return (
    <>
      <div class="mb-2 flex flex-col gap-4 sm:flex-row sm:items-center">
        <Avatar name={me.displayName} photo={photoUrl(me.username, me.photoSha)} size="md" />
        <div class="min-w-0 flex-1">
          <PageHeader
            title={v.t('me.title')}
            lead={v.t('me.lead', { name: me.displayName })}
            actions={
              <>
                <a href={`/people/${me.username}`} class="btn-secondary">
                  {v.t('me.profile')}
                </a>
                <a href={`/people/${me.username}/edit`} class="btn-secondary">
                  {v.t('people.edit.own')}
                </a>
              </>
            }
          />
        </div>
      </div>
      <div class="grid gap-6 lg:grid-cols-2">
        {(d.extra ?? []).map((part) => part)}
        {d.cases && (
          <>
            <Section
              id="me-cases"
              title={v.t('me.cases')}
              more={{ href: '/cases?view=mine', label: v.t('me.cases.all') }}
            >
              {d.cases.open.length ? (
                <CaseList v={v} items={d.cases.open} />
              ) : (
                <p class="text-slate-700">{v.t('me.cases.none')}</p>
              )}
            </Section>
            <Section
              id="me-deadlines"
              title={v.t('me.deadlines')}
              more={{ href: '/cases/deadlines', label: v.t('me.deadlines.all') }}
            >
              {d.cases.deadlines.length ? (
                <ul class="divide-y divide-slate-200">
                  {d.cases.deadlines.map((dl) => (
                    <li class="py-2">
                      <p class="font-semibold">{dl.title}</p>
                      <p class="text-sm">
                        <a href={`/cases/${dl.caseId}`}>
                          <span class="font-mono text-xs">{dl.caseNumber}</span> {dl.caseTitle}
                        </a>
                      </p>
                      <p class={`text-sm ${dl.overdue ? 'font-semibold text-red-800' : 'text-slate-700'}`}>
                        {dl.overdue ? `${v.t('cases.deadlines.overdue')}: ` : `${v.t('cases.deadlines.due')}: `}
                        <time datetime={dl.dueOn}>{formatDate(`${dl.dueOn}T12:00:00Z`, v.locale)}</time>
                      </p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="text-slate-700">{v.t('me.deadlines.none')}</p>
              )}
            </Section>
            <Section
              id="me-recent"
              title={v.t('me.recent')}
              more={{ href: '/cases/recent', label: v.t('me.recent.all') }}
            >
              {d.cases.recent.length ? (
                <CaseList v={v} items={d.cases.recent} />
              ) : (
                <p class="text-slate-700">{v.t('me.recent.none')}</p>
              )}
            </Section>
            <Section id="me-documents" title={v.t('me.documents')}>
              {d.cases.documents.length ? (
                <ul class="divide-y divide-slate-200">
                  {d.cases.documents.map((doc) => (
                    <li class="py-2">
                      <a href={`/cases/${doc.caseId}/documents/${doc.id}`} class="font-semibold">
                        {doc.title}
                      </a>
                      <p class="text-sm text-slate-700">
                        <span class="font-mono text-xs">{doc.caseNumber}</span> {doc.caseTitle} ·{' '}
                        <time datetime={doc.createdAt}>{formatDateTime(doc.createdAt, v.locale)}</time>
                      </p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="text-slate-700">{v.t('me.documents.none')}</p>
              )}
            </Section>
          </>
        )}
        <Section
          id="me-notifications"
          title={v.t('me.notifications')}
          more={{ href: '/notifications', label: v.t('me.notifications.all') }}
        >
          <p class="mb-2 text-sm text-slate-700">{v.t('notifications.unread', { count: d.unread })}</p>
          {d.notifications.length ? (
            <ul class="divide-y divide-slate-200">
              {d.notifications.map((n) => (
                <li class="py-2">
                  <p class={n.read_at ? '' : 'font-semibold'}>
                    {!n.read_at && <span class="badge mr-2 bg-brand-700 text-white">{v.t('notifications.new')}</span>}
                    {n.link ? <a href={n.link}>{describeNotification(v, n)}</a> : describeNotification(v, n)}
                  </p>
                  <p class="text-xs text-slate-600">
                    <time datetime={n.created_at}>{formatDateTime(n.created_at, v.locale)}</time>
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p class="text-slate-700">{v.t('notifications.none')}</p>
          )}
        </Section>
        <Section id="me-files" title={v.t('me.files')} more={{ href: '/me/files', label: v.t('me.files.open') }}>
          <p class="mb-2 text-sm text-slate-700">
            {v.t('me.files.summary', {
              files: formatNumber(d.files.count, v.locale),
              folders: formatNumber(d.files.folders, v.locale),
              size: formatBytes(d.files.bytes, v.locale),
            })}
          </p>
          {d.files.recent.length ? (
            <ul class="divide-y divide-slate-200">
              {d.files.recent.map((f) => (
                <li class="py-2">
                  <a href={`/me/files/${f.id}`} class="font-semibold break-words" hx-boost="false" download>
                    {f.name}
                  </a>
                  <p class="text-sm text-slate-700">
                    {formatBytes(f.size, v.locale)} ·{' '}
                    <time datetime={f.created_at}>{formatDateTime(f.created_at, v.locale)}</time>
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p class="text-slate-700">{v.t('files.empty.all')}</p>
          )}
        </Section>
        <Section
          id="me-place"
          title={v.t('me.place')}
          class="lg:col-span-2"
          more={{ href: `/org?person=${encodeURIComponent(me.username)}`, label: v.t('me.place.chart') }}
        >
          {me.unitPath.length ? (
            <UnitPathList v={v} path={me.unitPath} label={v.t('people.unitPath')} />
          ) : (
            <p class="text-slate-700">{v.t('people.unit.none')}</p>
          )}
          <div class="mt-4 grid gap-6 md:grid-cols-2">
            <div>
              <h3 class="mb-2 font-bold">{v.t('people.manager')}</h3>
              {d.manager ? (
                <ul class="-mx-4">
                  <PersonRow v={v} p={d.manager} />
                </ul>
              ) : (
                <p class="text-slate-700">{v.t('people.manager.none')}</p>
              )}
            </div>
            <div>
              <h3 class="mb-2 font-bold">{v.t('me.colleagues')}</h3>
              {d.colleagues.length ? (
                <ul class="-mx-4 divide-y divide-slate-200">
                  {d.colleagues.map((p) => (
                    <PersonRow v={v} p={p} />
                  ))}
                </ul>
              ) : (
                <p class="text-slate-700">{v.t('me.colleagues.none')}</p>
              )}
              {me.unitId && (
                <p class="mt-3">
                  <a href={`/people?unit=${me.unitId}`}>{v.t('people.unit.everyone', { unit: me.unitName ?? '' })}</a>
                </p>
              )}
            </div>
          </div>
        </Section>
      </div>
    </>
  );
}
