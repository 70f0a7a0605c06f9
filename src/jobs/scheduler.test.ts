import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KyselyAdapter } from '../auth/adapter.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import { createLogger } from '../http/logger.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/helpers/db.ts';
import { DatabaseRunCoordinator, Scheduler, type JobDefinition } from './scheduler.ts';
import { sessionCleanupJob } from './session-cleanup.ts';

const silent = createLogger('silent');

describe.each(DIALECTS)('scheduled jobs (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => t.cleanup());

  // On PostgreSQL each "instance" has its own pool, as separate app servers would. SQLite is
  // one process per database file, so its instances share the handle (see audit.test.ts).
  const secondHandle = () => (dialect === 'postgres' ? t.open() : t.database);

  it('gives each scheduled slot to exactly one instance', async () => {
    const instances = Array.from(
      { length: 4 },
      (_, i) => new DatabaseRunCoordinator(i % 2 ? secondHandle() : t.database, `instance-${i}`),
    );
    const key = 'session-cleanup:2026-11-26T03:15:00.000Z';
    const answers = await Promise.all(instances.map((c) => c.shouldRun(key, 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    // The next slot is a new election.
    const next = await Promise.all(
      instances.map((c) => c.shouldRun('session-cleanup:2026-11-26T03:30:00.000Z', 60_000)),
    );
    expect(next.filter(Boolean)).toHaveLength(1);
  });

  it('never runs one job twice at once, and records each run', async () => {
    let release!: () => void;
    let calls = 0;
    const slow: JobDefinition = {
      name: 'slow',
      schedule: '0 3 * * *',
      title: 'jobs.session-cleanup',
      result: 'jobs.session-cleanup.result',
      run: async () => {
        calls++;
        await new Promise<void>((r) => (release = r));
        return { counts: { done: 1 } };
      },
    };
    const a = new Scheduler(t.database, silent, 'a').register(slow);
    const b = new Scheduler(secondHandle(), silent, 'b').register(slow);
    const first = a.runJob('slow', 'manual');
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.runJob('slow', 'scheduled')).toEqual({ status: 'busy' });
    release();
    expect((await first).status).toBe('ok');
    expect(calls).toBe(1);
    // Once released, the other instance may run it.
    const again = b.runJob('slow', 'scheduled');
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect((await again).status).toBe('ok');
    const runs = await a.recentRuns(10, 'slow');
    expect(runs.map((r) => [r.instance, r.status, r.trigger])).toEqual([
      ['b', 'ok', 'scheduled'],
      ['a', 'ok', 'manual'],
    ]);
  });

  it('takes over a lease that a crashed instance left behind', async () => {
    const job: JobDefinition = {
      name: 'j',
      schedule: '* * * * *',
      title: 'jobs.session-cleanup',
      result: 'jobs.session-cleanup.result',
      leaseMs: 1000,
      run: async () => ({ counts: {} }),
    };
    await t.database.db
      .insertInto('job_leases')
      .values({
        key: 'run:j',
        job: 'j',
        instance: 'crashed',
        acquired_at: new Date(Date.now() - 10_000).toISOString(),
        expires_at: new Date(Date.now() - 5_000).toISOString(),
        released_at: null,
      })
      .execute();
    const s = new Scheduler(t.database, silent, 'fresh').register(job);
    expect((await s.runJob('j', 'scheduled')).status).toBe('ok');
  });

  it('records a failing run with its error', async () => {
    const s = new Scheduler(t.database, silent, 'x').register({
      name: 'broken',
      schedule: '* * * * *',
      title: 'jobs.session-cleanup',
      result: 'jobs.session-cleanup.result',
      run: async () => {
        throw new Error('disk full');
      },
    });
    const outcome = await s.runJob('broken', 'manual');
    expect(outcome).toMatchObject({ status: 'failed', error: 'disk full' });
    const [run] = await s.recentRuns(1);
    expect(run).toMatchObject({ status: 'failed', detail: JSON.stringify({ error: 'disk full' }) });
    expect(run!.finished_at).not.toBeNull();
  });

  it('the session clean-up deletes expired sessions only, however long it was since the last run', async () => {
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('users')
      .values({
        id: 'u',
        username: 'u',
        display_name: 'U',
        email: null,
        phone: null,
        title: null,
        org_unit_id: null,
        manager_id: null,
        password_hash: null,
        locale: null,
        is_active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const session = (id: string, offsetMs: number) => ({
      id,
      user_id: 'u',
      expires_at: new Date(Date.now() + offsetMs).toISOString(),
      created_at: now,
      ip: null,
      user_agent: null,
    });
    await t.database.db
      .insertInto('sessions')
      .values([session('old', -400 * 24 * 3600_000), session('expired', -1000), session('live', 3600_000)])
      .execute();
    const s = new Scheduler(t.database, silent, 'x').register(
      sessionCleanupJob(
        t.database,
        new KyselyAdapter(t.database, { absoluteHours: 24 }),
        new LoginThrottle(t.database),
      ),
    );
    const outcome = await s.runJob('session-cleanup', 'scheduled');
    expect(outcome).toMatchObject({ status: 'ok', counts: { sessions: 2 } });
    const left = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(left.map((r) => r.id)).toEqual(['live']);
    // Idempotent: a second run finds nothing more to do.
    expect(await s.runJob('session-cleanup', 'scheduled')).toMatchObject({ status: 'ok', counts: { sessions: 0 } });
  });

  it('starts real cron schedules and reports the next run in Copenhagen time', async () => {
    const s = new Scheduler(t.database, silent, 'x').register(
      sessionCleanupJob(
        t.database,
        new KyselyAdapter(t.database, { absoluteHours: 24 }),
        new LoginThrottle(t.database),
      ),
    );
    s.start();
    try {
      const next = s.nextRun('session-cleanup');
      expect(next).not.toBeNull();
      expect(next!.getTime()).toBeGreaterThan(Date.now());
      expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      expect(next!.getUTCMinutes() % 15).toBe(0);
    } finally {
      await s.stop();
    }
  });
});
