import type { ViewContext } from '../context.ts';
import { describe } from '../../src/modules/notifications/kinds.ts';
import type { NotificationRow } from '../../src/modules/notifications/service.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { PageHeader } from '../components/page.tsx';

export function describeNotification(v: ViewContext, n: NotificationRow): string {
  return describe(n.kind, JSON.parse(n.params) as Record<string, string | number>, v.locale, n.count);
}

export function NotificationsPage({ v, items }: { v: ViewContext; items: NotificationRow[] }) {
  const unread = items.filter((n) => !n.read_at).length;
  return (
    <>
      <PageHeader
        title={v.t('notifications.title')}
        lead={v.t('notifications.unread', { count: unread })}
        actions={
          <>
            <a href="/notifications/settings" class="btn-secondary">
              {v.t('notifications.settings')}
            </a>
            {unread > 0 && (
              <form method="post" action="/notifications/read">
                <button type="submit" class="btn-secondary">
                  {v.t('notifications.markAll')}
                </button>
              </form>
            )}
          </>
        }
      />
      {items.length === 0 ? (
        <p class="card">{v.t('notifications.none')}</p>
      ) : (
        <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li class={`flex flex-wrap items-start justify-between gap-2 px-4 py-3 ${n.read_at ? '' : 'bg-brand-50'}`}>
              <div>
                <p class={n.read_at ? '' : 'font-semibold'}>
                  {!n.read_at && <span class="badge mr-2 bg-brand-700 text-white">{v.t('notifications.new')}</span>}
                  {n.link ? <a href={n.link}>{describeNotification(v, n)}</a> : describeNotification(v, n)}
                </p>
                <p class="text-xs text-slate-600">
                  <time datetime={n.created_at}>{formatDateTime(n.created_at, v.locale)}</time>
                </p>
              </div>
              {!n.read_at && (
                <form method="post" action={`/notifications/${n.id}/read`}>
                  <button type="submit" class="btn-link text-sm">
                    {v.t('notifications.markRead')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
