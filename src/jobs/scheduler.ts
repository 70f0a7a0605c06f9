import { randomUUID } from 'node:crypto';
import os from 'node:os';
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Database } from '../db/index.ts';
import { nowIso } from '../db/index.ts';
import type { JobRun } from '../db/schema.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Logger } from '../http/logger.ts';

/**
 * Scheduled jobs on node-cron, safe with several app instances on one database (DESIGN.md, Jobs):
 *
 * - Each scheduled firing is coordinated through node-cron's `distributed` mode with our
 *   `DatabaseRunCoordinator`: the first instance to insert the slot's key into `job_leases`
 *   runs it; the others' inserts hit the primary key and do nothing (`ON CONFLICT DO NOTHING`).
 * - Each run, scheduled or started by an admin, also holds a per-job lease row (`run:<job>`) with
 *   an expiry, so a manual run and a scheduled one never overlap either, and a crashed instance's
 *   lease runs out by itself.
 * - Every run is recorded in `job_runs` with its outcome. Jobs are idempotent and catch up their
 *   own backlog (node-cron does not replay missed firings).
 */

export interface JobResult {
  /** Numbers for the job's result message (shown on the admin page). */
  counts: Record<string, number>;
}

/** What a run is told: how it was started and, for a manual start, by whom. */
export interface JobContext {
  trigger: JobRun['trigger'];
  /** The user who started a manual run (their id), when the route passed it on. */
  startedBy?: string | null;
}

export interface JobDefinition {
  name: string;
  /** Cron expression, evaluated in Europe/Copenhagen. */
  schedule: string;
  title: MessageKey;
  result: MessageKey;
  /** Longest a run may take before its lease runs out. */
  leaseMs?: number;
  /** Also run once when the scheduler starts (for jobs whose backlog may have grown while down). */
  runOnStart?: boolean;
  /** `ctx` is always given by the scheduler; a direct call (a test, a CLI) may leave it out. */
  run(ctx?: JobContext): Promise<JobResult>;
}

export type RunOutcome =
  | { status: 'ok'; run: JobRun; counts: Record<string, number> }
  | { status: 'failed'; run: JobRun; error: string }
  | { status: 'busy' };

const DEFAULT_LEASE_MS = 10 * 60_000;

/** node-cron's RunCoordinator, backed by the job_leases table: exactly one instance per slot. */
export class DatabaseRunCoordinator implements RunCoordinator {
  constructor(
    private readonly database: Database,
    private readonly instance: string,
  ) {}

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const inserted = await this.database.db
      .insertInto('job_leases')
      .values({
        key: `slot:${key}`,
        job: key.split(':')[0] ?? key,
        instance: this.instance,
        acquired_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ttlMs).toISOString(),
        released_at: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async onComplete(key: string): Promise<void> {
    await this.database.db
      .updateTable('job_leases')
      .set({ released_at: nowIso() })
      .where('key', '=', `slot:${key}`)
      .execute();
  }
}

export class Scheduler {
  readonly instance: string;
  readonly coordinator: DatabaseRunCoordinator;
  readonly #jobs = new Map<string, JobDefinition>();
  readonly #tasks: ScheduledTask[] = [];

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    instance?: string,
  ) {
    this.instance = instance ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.coordinator = new DatabaseRunCoordinator(database, this.instance);
  }

  register(job: JobDefinition): this {
    if (!cron.validate(job.schedule)) throw new Error(`job ${job.name}: invalid cron expression ${job.schedule}`);
    this.#jobs.set(job.name, job);
    return this;
  }

  get jobs(): JobDefinition[] {
    return [...this.#jobs.values()];
  }

  job(name: string): JobDefinition | undefined {
    return this.#jobs.get(name);
  }

  /** Starts the cron schedules in this process. */
  start(): void {
    for (const job of this.#jobs.values()) {
      const task = cron.schedule(
        job.schedule,
        async () => {
          await this.runJob(job.name, 'scheduled');
        },
        {
          name: job.name,
          timezone: 'Europe/Copenhagen',
          distributed: true,
          runCoordinator: this.coordinator,
          distributedLease: job.leaseMs ?? DEFAULT_LEASE_MS,
          noOverlap: true,
          logger: {
            info: (m) => this.logger.debug(m, { job: job.name }),
            warn: (m) => this.logger.warn(m, { job: job.name }),
            error: (m, err) => this.logger.error(String(m), { job: job.name, err }),
            debug: (m) => this.logger.debug(String(m), { job: job.name }),
          },
        },
      );
      this.#tasks.push(task);
      if (job.runOnStart) {
        // Catch up after downtime; the run lease keeps several starting instances from overlapping.
        void this.runJob(job.name, 'startup').catch((err) =>
          this.logger.error('startup run failed', { job: job.name, err }),
        );
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.#tasks.map((t) => t.destroy()));
    this.#tasks.length = 0;
  }

  nextRun(name: string): Date | null {
    const task = this.#tasks.find((t) => t.name === name);
    return task?.getNextRun() ?? null;
  }

  /** Takes the job's run lease, or says no when another run (anywhere) still holds it. */
  private async acquireRunLease(job: JobDefinition): Promise<string | null> {
    const key = `run:${job.name}`;
    const now = new Date();
    const values = {
      key,
      job: job.name,
      instance: this.instance,
      acquired_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
      released_at: null,
    };
    const taken = await this.database.db
      .insertInto('job_leases')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            instance: values.instance,
            acquired_at: values.acquired_at,
            expires_at: values.expires_at,
            released_at: null,
          })
          .where((eb) =>
            eb.or([eb('job_leases.released_at', 'is not', null), eb('job_leases.expires_at', '<', values.acquired_at)]),
          ),
      )
      .returning('key')
      .executeTakeFirst();
    return taken ? key : null;
  }

  private async releaseRunLease(key: string): Promise<void> {
    await this.database.db
      .updateTable('job_leases')
      .set({ released_at: nowIso() })
      .where('key', '=', key)
      .where('instance', '=', this.instance)
      .execute();
  }

  /** Runs a job now, under its lease, and records the run. */
  async runJob(
    name: string,
    trigger: JobRun['trigger'],
    opts: { startedBy?: string | null } = {},
  ): Promise<RunOutcome> {
    const started = await this.startJob(name, trigger, opts);
    return started.status === 'busy' ? started : started.done;
  }

  /**
   * Starts a job in the background: answers once the run holds its lease (or `busy` when another
   * run holds it), with `done` settling when the run has finished. For "Run now" buttons that
   * should not wait for a long run.
   */
  async startJob(
    name: string,
    trigger: JobRun['trigger'],
    opts: { startedBy?: string | null } = {},
  ): Promise<{ status: 'started'; done: Promise<RunOutcome> } | { status: 'busy' }> {
    const job = this.#jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const lease = await this.acquireRunLease(job);
    if (!lease) {
      this.logger.info('job skipped: another run holds the lease', { job: name, trigger });
      return { status: 'busy' };
    }
    return { status: 'started', done: this.execute(job, lease, { trigger, startedBy: opts.startedBy ?? null }) };
  }

  /** Whether a run of the job (anywhere) holds its lease now. */
  async isRunning(name: string): Promise<boolean> {
    const row = await this.database.db
      .selectFrom('job_leases')
      .select('key')
      .where('key', '=', `run:${name}`)
      .where('released_at', 'is', null)
      .where('expires_at', '>', nowIso())
      .executeTakeFirst();
    return row !== undefined;
  }

  private async execute(job: JobDefinition, lease: string, ctx: JobContext): Promise<RunOutcome> {
    const { name } = job;
    const { trigger } = ctx;
    const inserted = await this.database.db
      .insertInto('job_runs')
      .values({
        job: name,
        lease_key: lease,
        trigger,
        instance: this.instance,
        started_at: nowIso(),
        status: 'running',
        detail: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const started = Date.now();
    try {
      const result = await job.run(ctx);
      const run = await this.finish(inserted.id, 'ok', JSON.stringify(result.counts));
      this.logger.info('job finished', { job: name, trigger, ms: Date.now() - started, ...result.counts });
      return { status: 'ok', run, counts: result.counts };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const run = await this.finish(inserted.id, 'failed', JSON.stringify({ error: message }));
      this.logger.error('job failed', { job: name, trigger, err });
      return { status: 'failed', run, error: message };
    } finally {
      await this.releaseRunLease(lease);
    }
  }

  private async finish(id: number, status: 'ok' | 'failed', detail: string): Promise<JobRun> {
    await this.database.db
      .updateTable('job_runs')
      .set({ status, detail, finished_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return this.database.db.selectFrom('job_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** One job's runs, newest first, a page at a time by keyset (`job_runs_job` on `(job, id)`). */
  async runsOf(
    job: string,
    opts: { before?: number | null; limit?: number } = {},
  ): Promise<{ runs: JobRun[]; nextBefore: number | null }> {
    const limit = opts.limit ?? 20;
    let q = this.database.db
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', job)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (opts.before) q = q.where('id', '<', opts.before);
    const runs = await q.execute();
    const more = runs.length > limit;
    if (more) runs.pop();
    return { runs, nextBefore: more ? runs[runs.length - 1]!.id : null };
  }

  async recentRuns(limit = 50, job?: string): Promise<JobRun[]> {
    let q = this.database.db.selectFrom('job_runs').selectAll().orderBy('id', 'desc').limit(limit);
    if (job) q = q.where('job', '=', job);
    return q.execute();
  }
}
