import { Hono } from 'hono';
import { NotificationsPage } from '../../../views/notifications/Notifications.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { render } from '../../http/render.tsx';
import { listNotifications, markRead } from './service.ts';

/** The notification centre: one's own notifications only (every query is scoped to the user). */
export function notificationRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const user = c.get('user')!;
    const items = await listNotifications(database, user.id);
    return render(c, { title: (v) => v.t('notifications.title'), body: (v) => <NotificationsPage v={v} items={items} /> });
  });
  app.post('/read', async (c) => {
    await markRead(database, c.get('user')!.id);
    return c.redirect('/notifications', 303);
  });
  app.post('/:id{[0-9]+}/read', async (c) => {
    await markRead(database, c.get('user')!.id, Number(c.req.param('id')));
    return c.redirect('/notifications', 303);
  });
  return app;
}
