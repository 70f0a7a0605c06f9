import { Hono, type Context } from 'hono';
import { ArchivePage, ArchiveProgress, type ArchivePageData } from '../../../views/records/ArchivePage.tsx';
import { audit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import type { Logger } from '../../http/logger.ts';
import { render } from '../../http/render.tsx';
import type { Scheduler } from '../../jobs/scheduler.ts';
import { can, type Action } from '../../policy/index.ts';
import { ARCHIVE_JOB, archiveRuns, casesDue, currentArchiveRun } from './archive.ts';
import { saveRecordsSettings, settingsInput, type RecordsSettingsInput } from './archive-settings.ts';
import { recordsSettings } from './settings.ts';

function allowed(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

/**
 * /admin/records/archive: the archive job's settings, its last runs and the cases due, "Run now"
 * (in the background) and the current run's progress. The same URL answers an htmx poll with just
 * the progress section.
 */
export function archiveRoutes(database: Database, scheduler: Scheduler, logger: Logger) {
  const app = new Hono<AppEnv>();

  async function page(
    c: Context<AppEnv>,
    form: { settings?: RecordsSettingsInput; errors?: Record<string, string> } = {},
  ) {
    const [settings, runs, due, current, starting] = await Promise.all([
      recordsSettings(database),
      archiveRuns(database, 10),
      // The oldest first; the count says how many there are in all.
      casesDue(database, { limit: 20 }),
      currentArchiveRun(database),
      scheduler.isRunning(ARCHIVE_JOB),
    ]);
    const data: ArchivePageData = {
      settings: form.settings ?? settingsInput(settings),
      errors: form.errors ?? {},
      runs,
      due,
      current,
      starting,
    };
    return render(c, {
      title: (v) => v.t('records.archive.title'),
      status: form.errors ? 422 : 200,
      body: (v) => <ArchivePage v={v} data={data} />,
      fragment: (v) => <ArchiveProgress v={v} run={current} starting={starting} announce />,
    });
  }

  app.get('/', (c) => {
    allowed(c, 'records.view');
    return page(c);
  });

  // "Run now": the job starts in the background under its lease; the page shows its progress.
  app.post('/runs', async (c) => {
    const user = allowed(c, 'records.manage');
    const started = await scheduler.startJob(ARCHIVE_JOB, 'manual', { startedBy: user.id });
    await audit(database, {
      actor: actorOf(user),
      action: 'job.run',
      entityType: 'job',
      entityId: ARCHIVE_JOB,
      summary: `Started job ${ARCHIVE_JOB} by hand: ${started.status}`,
      ip: c.get('clientIp')(),
    });
    if (started.status === 'busy') setFlash(c, { kind: 'error', key: 'records.archive.busy' });
    else {
      started.done.then(
        (outcome) => {
          if (outcome.status !== 'ok')
            logger.error('archive run failed', { job: ARCHIVE_JOB, outcome: outcome.status });
        },
        (err) => logger.error('archive run failed', { job: ARCHIVE_JOB, err }),
      );
      setFlash(c, { kind: 'success', key: 'records.archive.started' });
    }
    return c.redirect('/admin/records/archive', 303);
  });

  app.post('/settings', async (c) => {
    const user = allowed(c, 'records.manage');
    const body = await c.req.parseBody();
    const input: RecordsSettingsInput = {
      archiveGraceDays: str(body, 'archiveGraceDays', 20),
      periodYears: str(body, 'periodYears', 20),
      periodFirstYear: str(body, 'periodFirstYear', 20),
      archiveCode: str(body, 'archiveCode', 20),
    };
    const result = await saveRecordsSettings(database, actorOf(user), input, { ip: c.get('clientIp')() });
    if (!result.ok) return page(c, { settings: input, errors: translateErrors(c.get('t'), result.errors) });
    setFlash(c, { kind: 'success', key: 'records.settings.saved' });
    return c.redirect('/admin/records/archive', 303);
  });

  return app;
}
