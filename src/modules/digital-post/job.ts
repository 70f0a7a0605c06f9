import type { Database } from '../../db/index.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { workOutbox, type WorkOptions } from './outbox.ts';
import type { DigitalPostTransport } from './transports.ts';

/**
 * Sends the Digital Post outbox every minute (and once at start, for what queued up while the app
 * was down). Idempotent: every message is claimed with a lease and sent once; what fails waits
 * for its back-off and is picked up by a later run.
 */
export function digitalPostOutboxJob(
  database: Database,
  transport: DigitalPostTransport,
  instance: string,
  opts: Omit<WorkOptions, 'instance'> = {},
): JobDefinition {
  return {
    name: 'digital-post-outbox',
    schedule: '* * * * *',
    runOnStart: true,
    leaseMs: 5 * 60_000,
    title: 'jobs.digital-post-outbox',
    result: 'jobs.digital-post-outbox.result',
    async run() {
      const r = await workOutbox(database, transport, { ...opts, instance });
      return { counts: { sent: r.sent, retried: r.retried, failed: r.failed, lost: r.lost } };
    },
  };
}
