import { Hono, type Context } from 'hono';
import { AdminHome } from '../../../views/admin/AdminHome.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import type { Scheduler } from '../../jobs/scheduler.ts';
import { can, type Action } from '../../policy/index.ts';
import { auditRoutes } from './audit-routes.tsx';
import { jobsRoutes } from './jobs-routes.tsx';
import { settingsRoutes, type SettingsRoutesOptions } from './settings-routes.tsx';

function require(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

export function adminRoutes(database: Database, scheduler: Scheduler, settingsOptions: SettingsRoutesOptions) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    require(c, 'admin.view');
    return render(c, { title: (v) => v.t('admin.title'), body: (v) => <AdminHome v={v} /> });
  });

  app.route('/audit', auditRoutes(database));
  app.route('/jobs', jobsRoutes(database, scheduler));

  // --- Settings and e-mail templates (settings-routes.tsx) -------------------------------
  app.route('/', settingsRoutes(database, settingsOptions));

  return app;
}
