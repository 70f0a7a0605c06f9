import type { Database } from '../../db/index.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { sendDeadlineWarnings } from './deadlines.ts';

/**
 * `access-request-deadlines`: every hour on working hours, and at start-up to catch up after
 * downtime (node-cron does not run missed slots). Idempotent: each warning is claimed on its row.
 */
export function accessRequestDeadlineJob(database: Database): JobDefinition {
  return {
    name: 'access-request-deadlines',
    schedule: '5 7-17 * * *',
    runOnStart: true,
    title: 'jobs.access-request-deadlines',
    result: 'jobs.access-request-deadlines.result',
    async run() {
      const { warned, overdue } = await sendDeadlineWarnings(database);
      return { counts: { warned, overdue } };
    },
  };
}
