import { Hono, type Context } from 'hono';
import { JobPage, JobsPage, describeRun, type JobRow } from '../../../views/admin/Jobs.tsx';
import { audit } from '../../audit/service.ts';
import { toId } from '../../db/sql.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { actorOf } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render, viewContext } from '../../http/render.tsx';
import type { JobDefinition, Scheduler } from '../../jobs/scheduler.ts';
import { can, type Action } from '../../policy/index.ts';

function require(c: Context<AppEnv>, permission: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, permission)) throw forbidden();
  return user!;
}

/** How many runs each job shows on the front list; its own page pages through the rest. */
const LATEST = 5;

/** `/admin/jobs`: what each scheduled job does, when it runs, its runs; "Kør nu". */
export function jobsRoutes(database: Database, scheduler: Scheduler) {
  const app = new Hono<AppEnv>();

  async function row(job: JobDefinition, runs: JobRow['runs']): Promise<JobRow> {
    return {
      name: job.name,
      title: job.title,
      result: job.result,
      schedule: job.schedule,
      nextRun: scheduler.nextRun(job.name)?.toISOString() ?? null,
      running: await scheduler.isRunning(job.name),
      runs,
    };
  }

  app.get('/', async (c) => {
    require(c, 'jobs.view');
    const jobs = await Promise.all(scheduler.jobs.map(async (j) => row(j, await scheduler.recentRuns(LATEST, j.name))));
    return render(c, { title: (v) => v.t('jobs.title'), body: (v) => <JobsPage v={v} jobs={jobs} /> });
  });

  app.get('/:name', async (c) => {
    require(c, 'jobs.view');
    const job = scheduler.job(c.req.param('name'));
    if (!job) throw notFound();
    const { runs, nextBefore } = await scheduler.runsOf(job.name, { before: toId(c.req.query('before')) });
    const jobRow = await row(job, runs);
    return render(c, {
      title: (v) => v.t(job.title),
      body: (v) => <JobPage v={v} job={jobRow} nextBefore={nextBefore} />,
    });
  });

  // "Kør nu": a form post (CSRF-checked), audited; the flash tells how it went, on the page the
  // form was on (the list, or the job's own page).
  app.post('/:name/runs', async (c) => {
    const user = require(c, 'jobs.run');
    const job = scheduler.job(c.req.param('name'));
    if (!job) throw notFound();
    const body = await c.req.parseBody();
    const outcome = await scheduler.runJob(job.name, 'manual', { startedBy: user.id });
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
    return c.redirect(body.back === 'job' ? `/admin/jobs/${encodeURIComponent(job.name)}` : '/admin/jobs', 303);
  });

  return app;
}
