import { Hono, type Context } from 'hono';
import { AdminHome } from '../../../views/admin/AdminHome.tsx';
import { AuditPage, AuditResults, filterQuery, type AuditFilter } from '../../../views/admin/Audit.tsx';
import { JobsPage, describeRun } from '../../../views/admin/Jobs.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { audit, searchAudit, verifyAuditChain } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { actorOf } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render, viewContext } from '../../http/render.tsx';
import { formatNumber, nextDay, startOfCopenhagenDay } from '../../i18n/index.ts';
import type { Scheduler } from '../../jobs/scheduler.ts';
import { can, type Action } from '../../policy/index.ts';
import { settingsRoutes, type SettingsRoutesOptions } from './settings-routes.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

  // --- Audit log -------------------------------------------------------------------------
  function auditFilter(q: Record<string, unknown>): AuditFilter {
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '').trim();
    return {
      actor: str('actor').slice(0, 100),
      action: str('action').slice(0, 100),
      entity: str('entity').slice(0, 100),
      from: str('from').slice(0, 20),
      to: str('to').slice(0, 20),
    };
  }

  app.get('/audit', async (c) => {
    const user = require(c, 'audit.view');
    const q = c.req.query();
    const filter = auditFilter(q);
    const before = toId(q.before);
    const t = c.get('t');
    const errors: FieldErrors = {};
    if (filter.from && !DATE.test(filter.from)) errors.from = t('audit.dateInvalid');
    if (filter.to && !DATE.test(filter.to)) errors.to = t('audit.dateInvalid');
    const { rows, nextBefore } = Object.keys(errors).length
      ? { rows: [], nextBefore: null }
      : await searchAudit(database, {
          actor: filter.actor || undefined,
          action: filter.action || undefined,
          entity: filter.entity || undefined,
          from: filter.from ? startOfCopenhagenDay(filter.from).toISOString() : undefined,
          to: filter.to ? startOfCopenhagenDay(nextDay(filter.to)).toISOString() : undefined,
          before: before ?? undefined,
        });
    // Reading the log is itself logged: it holds names and addresses.
    await audit(database, {
      actor: actorOf(user),
      action: 'audit.view',
      summary: 'Searched the audit log',
      details: { ...filter },
      ip: c.get('clientIp')(),
    });
    return render(c, {
      title: (v) => v.t('audit.title'),
      status: Object.keys(errors).length ? 422 : 200,
      body: (v) => <AuditPage v={v} filter={filter} errors={errors} rows={rows} nextBefore={nextBefore} />,
      fragment: (v) => (
        <>
          <AuditResults v={v} rows={rows} nextBefore={nextBefore} filter={filter} errors={errors} />
          <LiveAnnouncement text={v.t('audit.count', { count: formatNumber(rows.length, v.locale) })} />
        </>
      ),
    });
  });

  // Checking the whole chain reads every entry: a POST (a form on the audit page, under the CSRF
  // check), never a GET that a link or an image on any page could set off. The result comes back
  // as a flash on the audit page, with the filter the form carried.
  app.post('/audit/verifications', async (c) => {
    const user = require(c, 'audit.verify');
    const filter = auditFilter(await c.req.parseBody());
    const check = await verifyAuditChain(database);
    await audit(database, {
      actor: actorOf(user),
      action: 'audit.verify',
      summary: `Verified the audit chain: ${check.ok ? 'intact' : `broken at ${check.brokenAt}`}`,
      details: check.ok ? { checked: check.checked } : { brokenAt: check.brokenAt, reason: check.reason },
      ip: c.get('clientIp')(),
    });
    setFlash(
      c,
      check.ok
        ? { kind: 'success', key: 'audit.verify.ok', params: { count: formatNumber(check.checked, c.get('locale')) } }
        : {
            kind: 'error',
            key: 'audit.verify.broken',
            params: { id: check.brokenAt, reason: c.get('t')(`audit.verify.reason.${check.reason}`) },
          },
    );
    return c.redirect(`/admin/audit${filterQuery(filter)}`, 303);
  });

  // --- Jobs ------------------------------------------------------------------------------
  app.get('/jobs', async (c) => {
    require(c, 'jobs.view');
    const runs = await scheduler.recentRuns(50);
    const jobs = await Promise.all(
      scheduler.jobs.map(async (j) => ({
        name: j.name,
        title: j.title,
        result: j.result,
        schedule: j.schedule,
        nextRun: scheduler.nextRun(j.name)?.toISOString() ?? null,
        lastRun: (await scheduler.recentRuns(1, j.name))[0] ?? null,
      })),
    );
    return render(c, { title: (v) => v.t('jobs.title'), body: (v) => <JobsPage v={v} jobs={jobs} runs={runs} /> });
  });

  app.post('/jobs/:name/runs', async (c) => {
    const user = require(c, 'jobs.run');
    const job = scheduler.job(c.req.param('name'));
    if (!job) throw notFound();
    const outcome = await scheduler.runJob(job.name, 'manual');
    const t = c.get('t');
    await audit(database, {
      actor: actorOf(user),
      action: 'job.run',
      entityType: 'job',
      entityId: job.name,
      summary: `Ran job ${job.name} by hand: ${outcome.status}`,
      ip: c.get('clientIp')(),
    });
    if (outcome.status === 'busy') {
      setFlash(c, { kind: 'error', key: 'jobs.busy', params: { job: t(job.title) } });
    } else {
      const detail = describeRun(viewContext(c), outcome.run, job.result);
      setFlash(c, {
        kind: outcome.status === 'ok' ? 'success' : 'error',
        key: 'jobs.ranNow',
        params: { job: t(job.title), detail },
      });
    }
    return c.redirect('/admin/jobs', 303);
  });

  // --- Settings and e-mail templates (settings-routes.tsx) -------------------------------
  app.route('/', settingsRoutes(database, settingsOptions));

  return app;
}
