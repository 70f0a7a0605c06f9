import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/index.ts';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';

/** The jobs page in words: what each job does, when it runs, its runs; a job's own page. */
describe.each(DIALECTS)('jobs page (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterAll(async () => t.cleanup());

  async function run(job: string, status: 'ok' | 'failed', detail: Record<string, unknown>, seconds = 3) {
    const started = new Date(Date.now() - 60_000);
    await t.db.database.db
      .insertInto('job_runs')
      .values({
        job,
        lease_key: `run:${job}`,
        trigger: 'scheduled',
        instance: 'fixture',
        started_at: started.toISOString(),
        finished_at: new Date(started.getTime() + seconds * 1000).toISOString(),
        status,
        detail: JSON.stringify(detail),
      })
      .execute();
  }

  it('says what every registered job does, and when it runs, in words', async () => {
    const html = await (await t.get('/admin/jobs', { cookie: admin })).text();
    for (const job of t.services.scheduler.jobs) {
      expect(html, job.name).toContain(`href="/admin/jobs/${job.name}"`);
    }
    expect(html).toContain('Sletter udløbne sessioner');
    expect(html).toContain('Hvert 15. minut');
    expect(html).toContain('Hver nat kl. 03.40');
    expect(html).toContain('Mandag til fredag kl. 16.00');
    expect(html).not.toMatch(/<dd>\s*<code>\*\/15/);
  });

  it('has a description in both languages for every registered job', async () => {
    const { da } = await import('../../i18n/da.ts');
    const { en } = await import('../../i18n/en.ts');
    const missing = t.services.scheduler.jobs
      .map((j) => `jobs.${j.name}.description`)
      .filter((k) => !(k in da) || !(k in en));
    expect(missing, 'add jobs.<name>.description to src/i18n/admin-log.{da,en}.ts').toEqual([]);
  });

  it('shows the latest runs with duration and result, and a failed run with its error, marked in words', async () => {
    await run('blob-cleanup', 'ok', { removed: 2, kept: 1500, restored: 0, temp: 0, rows: 0, missing: 0 }, 75);
    await run('blob-cleanup', 'failed', { error: 'disk full: /data/blobs' });
    const html = await (await t.get('/admin/jobs', { cookie: admin })).text();
    const card = html.slice(
      html.indexOf('id="job-blob-cleanup"'),
      html.indexOf('</li>', html.indexOf('id="job-blob-cleanup"') + 2000) + 5,
    );
    expect(card).toContain('Seneste kørsel fejlede');
    expect(card).toMatch(/<strong>Fejl:<\/strong> disk full: \/data\/blobs/);
    expect(card).toContain('1 min. 15 sek.');
    expect(card).toContain('Fejlet');
  });

  it('pages through a job’s history on its own page', async () => {
    for (let i = 0; i < 23; i++) await run('deadline-reminders', 'ok', { reminders: i });
    const first = await (await t.get('/admin/jobs/deadline-reminders', { cookie: admin })).text();
    expect(first).toContain('<h1');
    expect(first).toContain('Påmindelser om frister');
    expect(first).toContain('22 påmindelser sendt');
    expect(first).not.toContain('>2 påmindelser sendt');
    const older = /href="(\/admin\/jobs\/deadline-reminders\?before=\d+)"/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await (await t.get(older!, { cookie: admin })).text();
    expect(second).toContain('>2 påmindelser sendt');
    expect(second).toContain('>0 påmindelser sendt');
    expect(second).not.toContain('22 påmindelser sendt');
    expect((await t.get('/admin/jobs/no-such-job', { cookie: admin })).status).toBe(404);
  });

  it('runs a job from its own page, back to that page, audited', async () => {
    const res = await t.post('/admin/jobs/session-cleanup/runs', { back: 'job' }, { cookie: admin });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/jobs/session-cleanup');
    const html = await (await t.get('/admin/jobs/session-cleanup', { cookie: withCookies(admin, res) })).text();
    expect(html).toContain('er kørt');
    expect(html).toContain('Manuelt');
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'at'])
      .where('action', '=', 'job.run')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged.entity_id).toBe('session-cleanup');
    expect(logged.at <= nowIso()).toBe(true);
    const run = await t.db.database.db
      .selectFrom('job_runs')
      .select('trigger')
      .where('job', '=', 'session-cleanup')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(run.trigger).toBe('manual');
  });

  it('answers 403 to those who may not see the jobs', async () => {
    for (const user of ['sagsbehandler', 'journal']) {
      const cookie = await t.signIn(user);
      expect((await t.get('/admin/jobs', { cookie })).status).toBe(403);
      expect((await t.get('/admin/jobs/session-cleanup', { cookie })).status).toBe(403);
      expect((await t.post('/admin/jobs/session-cleanup/runs', {}, { cookie })).status).toBe(403);
    }
  });
});
