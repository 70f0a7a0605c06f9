import type { KyselyAdapter } from '../auth/adapter.ts';
import type { LoginThrottle } from '../auth/throttle.ts';
import type { Database } from '../db/index.ts';
import type { JobDefinition } from './scheduler.ts';

/**
 * Deletes expired sessions, spent sign-in counters and old job leases. Idempotent, and it
 * catches up by itself: whatever expired while no instance ran is simply deleted next time.
 */
export function sessionCleanupJob(database: Database, adapter: KyselyAdapter, throttle: LoginThrottle): JobDefinition {
  return {
    name: 'session-cleanup',
    schedule: '*/15 * * * *',
    runOnStart: true,
    title: 'jobs.session-cleanup',
    result: 'jobs.session-cleanup.result',
    async run() {
      const sessions = await adapter.deleteExpired();
      const attempts = await throttle.prune();
      const weekAgo = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
      const leases = await database.db
        .deleteFrom('job_leases')
        .where('key', 'like', 'slot:%')
        .where('acquired_at', '<', weekAgo)
        .executeTakeFirst();
      return { counts: { sessions, attempts, leases: Number(leases.numDeletedRows) } };
    },
  };
}
