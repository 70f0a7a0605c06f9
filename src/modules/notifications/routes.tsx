import { Hono } from 'hono';
import { toId, toInt } from '../../db/sql.ts';
import { NotificationsPage } from '../../../views/notifications/Notifications.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { list } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { allPrefs, KINDS, listNotifications, markRead, savePrefs, unreadCount } from './service.ts';
import { SettingsPage } from '../../../views/notifications/Settings.tsx';
import { NotificationBell } from '../../../views/layout/Layout.tsx';
import { setFlash } from '../../http/flash.ts';
import { viewContext } from '../../http/render.tsx';

/** The notification centre: one's own notifications only (every query is scoped to the user). */
export function notificationRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const user = c.get('user')!;
    const items = await listNotifications(database, user.id);
    return render(c, {
      title: (v) => v.t('notifications.title'),
      body: (v) => <NotificationsPage v={v} items={items} />,
    });
  });
  app.get('/settings', async (c) => {
    const prefs = await allPrefs(database, c.get('user')!.id);
    return render(c, {
      title: (v) => v.t('notifications.settings'),
      body: (v) => <SettingsPage v={v} prefs={prefs} />,
    });
  });
  app.post('/settings', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const inApp = new Set(list(body, 'in_app'));
    const email = new Set(list(body, 'email'));
    await savePrefs(
      database,
      c.get('user')!.id,
      Object.keys(KINDS).map((kind) => ({ kind, inApp: kind === 'digest' || inApp.has(kind), email: email.has(kind) })),
    );
    setFlash(c, { kind: 'success', key: 'notifications.settings.saved' });
    return c.redirect('/notifications/settings', 303);
  });
  // The header's bell, polled by htmx; announces (politely) when the count has gone up.
  app.get('/badge', async (c) => {
    const count = await unreadCount(database, c.get('user')!.id);
    const seen = toInt(c.req.query('seen'), 0, Number.MAX_SAFE_INTEGER) ?? count;
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'HX-Request');
    const v = viewContext(c, count);
    return c.html(
      <>
        <NotificationBell v={v} />
        {count > seen && (
          <div id="live" hx-swap-oob="innerHTML">
            {v.t('notifications.newAnnounced', { count })}
          </div>
        )}
      </>,
    );
  });
  app.post('/read', async (c) => {
    await markRead(database, c.get('user')!.id);
    return c.redirect('/notifications', 303);
  });
  app.post('/:id{[0-9]+}/read', async (c) => {
    await markRead(database, c.get('user')!.id, toId(c.req.param('id')) ?? 0);
    return c.redirect('/notifications', 303);
  });
  return app;
}
