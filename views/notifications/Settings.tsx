import type { ViewContext } from '../context.ts';
import type { Prefs } from '../../src/modules/notifications/service.ts';
import { KINDS } from '../../src/modules/notifications/kinds.ts';
import { hasMessage } from '../../src/i18n/index.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';

export function SettingsPage({ v, prefs }: { v: ViewContext; prefs: Array<{ kind: string } & Prefs> }) {
  const label = (kind: string) => {
    const key = `notifications.label.${kind}`;
    return hasMessage(key) ? v.t(key) : kind;
  };
  return (
    <>
      <nav aria-label={v.t('notifications.title')} class="mb-2 text-sm">
        <a href="/notifications">{v.t('notifications.title')}</a>
      </nav>
      <PageHeader title={v.t('notifications.settings')} lead={v.t('notifications.settings.intro')} />
      <form method="post" action="/notifications/settings" class="max-w-3xl">
        <ScrollTable label={v.t('notifications.settings')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('notifications.settings.kind')}</th>
                <th scope="col">{v.t('notifications.settings.inApp')}</th>
                <th scope="col">{v.t('notifications.settings.email')}</th>
              </tr>
            </thead>
            <tbody>
              {prefs.map((p) => (
                <tr>
                  <th scope="row" class="font-normal">
                    {label(p.kind)}
                    {p.kind !== 'digest' && (
                      <span class="block text-xs text-slate-600">
                        {v.t('notifications.settings.email')}:{' '}
                        {KINDS[p.kind]?.email === 'immediate'
                          ? v.t('notifications.settings.immediate')
                          : v.t('notifications.settings.digest')}
                      </span>
                    )}
                  </th>
                  <td>
                    {p.kind !== 'digest' && (
                      <input
                        type="checkbox"
                        class="size-5 accent-brand-700"
                        name="in_app"
                        value={p.kind}
                        checked={p.inApp}
                        aria-label={`${label(p.kind)}: ${v.t('notifications.settings.inApp')}`}
                      />
                    )}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      class="size-5 accent-brand-700"
                      name="email"
                      value={p.kind}
                      checked={p.email}
                      aria-label={`${label(p.kind)}: ${v.t('notifications.settings.email')}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <button type="submit" class="btn-primary mt-4">
          {v.t('notifications.settings.save')}
        </button>
      </form>
    </>
  );
}
