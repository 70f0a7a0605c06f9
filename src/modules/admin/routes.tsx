import { Hono, type Context } from 'hono';
import { AdminHome } from '../../../views/admin/AdminHome.tsx';
import { SettingsPage } from '../../../views/admin/Settings.tsx';
import { fileQuotas, quotaInput, setFileQuotas, type QuotaInput } from '../../files/quotas.ts';
import { closingDays, closingDaysText, setClosingDays } from '../../calendar/closing-days.ts';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import type { Scheduler } from '../../jobs/scheduler.ts';
import { can, type Action } from '../../policy/index.ts';
import { auditRoutes } from './audit-routes.tsx';
import { jobsRoutes } from './jobs-routes.tsx';

function require(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

export function adminRoutes(database: Database, scheduler: Scheduler) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    require(c, 'admin.view');
    return render(c, { title: (v) => v.t('admin.title'), body: (v) => <AdminHome v={v} /> });
  });

  app.route('/audit', auditRoutes(database));
  app.route('/jobs', jobsRoutes(database, scheduler));

  // --- Settings --------------------------------------------------------------------------
  async function settingsPage(
    c: Context<AppEnv>,
    form: { quotas?: QuotaInput; closingDays?: string; errors?: FieldErrors } = {},
  ) {
    const quotas = form.quotas ?? quotaInput(await fileQuotas(database));
    const closing = form.closingDays ?? closingDaysText(await closingDays(database));
    return render(c, {
      title: (v) => v.t('settings.title'),
      status: form.errors ? 422 : 200,
      body: (v) => <SettingsPage v={v} input={quotas} errors={form.errors ?? {}} closingDays={closing} />,
    });
  }

  app.get('/settings', (c) => {
    require(c, 'settings.manage');
    return settingsPage(c);
  });

  app.post('/settings', async (c) => {
    const user = require(c, 'settings.manage');
    const body = await c.req.parseBody();
    const input = { personalMb: str(body, 'personalMb', 30), roomMb: str(body, 'roomMb', 30) };
    const result = await setFileQuotas(database, actorOf(user), input, { ip: c.get('clientIp')() });
    if (!result.ok) return settingsPage(c, { quotas: input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'settings.saved' });
    return c.redirect('/admin/settings', 303);
  });

  // The closing days of the working-day calendar (src/calendar): one resource, replaced whole.
  app.post('/settings/closing-days', async (c) => {
    const user = require(c, 'settings.manage');
    const body = await c.req.parseBody();
    const text = str(body, 'closingDays', 10_000);
    const result = await setClosingDays(database, actorOf(user), text, { ip: c.get('clientIp')() });
    if (!result.ok) {
      const message = c.get('t')(result.error.key, { line: result.error.line });
      return settingsPage(c, { closingDays: text, errors: { closingDays: message } });
    }
    setFlash(c, { kind: 'success', key: 'settings.closing.saved' });
    return c.redirect('/admin/settings', 303);
  });

  return app;
}
