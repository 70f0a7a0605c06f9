import type { Database } from '../../../db/index.ts';
import type { BlobStore } from '../../../files/blobs.ts';
import type { JobDefinition } from '../../../jobs/scheduler.ts';
import type { ValidationReport } from '../validator/index.ts';
import { runArchivalExport, type RunExportOptions, type RunExportResult } from './run.ts';
import { planArchivalExport, type PlanInput, type PlanResult } from './service.ts';
import type { TiffConverter } from './tiff.ts';

export const ARCHIVAL_EXPORT_JOB = 'archival-export';

/** How long one scheduled run converts before it hands over to the next (the lease is longer). */
export const JOB_BUDGET_MS = 12 * 60_000;
const JOB_LEASE_MS = 15 * 60_000;

/**
 * The job 'archival-export' (every 5 minutes and at start-up): works on the oldest unfinished
 * export — `pending`, or `running` with no live run (its process died; only one run holds the
 * job's lease, so a `running` export the job finds is never being worked on elsewhere) — for up to
 * JOB_BUDGET_MS, then the next firing goes on. An export started from the admin page is run by
 * this job in the background; one that crashed is resumed by it. Failed exports are left alone
 * until a records manager resumes them.
 */
export function archivalExportJob(
  database: Database,
  blobs: BlobStore,
  opts: {
    converter?: TiffConverter;
    budgetMs?: number;
    validate?: (dir: string) => Promise<ValidationReport>;
  } = {},
): JobDefinition {
  return {
    name: ARCHIVAL_EXPORT_JOB,
    schedule: '*/5 * * * *',
    title: 'records.export.job.title',
    result: 'records.export.job.result',
    leaseMs: JOB_LEASE_MS,
    runOnStart: true,
    async run() {
      const deadline = Date.now() + (opts.budgetMs ?? JOB_BUDGET_MS);
      let converted = 0;
      let written = 0;
      let failed = 0;
      for (;;) {
        const next = await database.db
          .selectFrom('archival_exports')
          .select('id')
          .where('status', 'in', ['pending', 'running'])
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (!next || Date.now() >= deadline) break;
        const result = await runArchivalExport(database, blobs, Number(next.id), {
          trigger: 'scheduled',
          converter: opts.converter,
          deadline,
          validate: opts.validate,
        });
        if ('converted' in result) converted += result.converted;
        if (result.status === 'failed') failed++;
        else if (result.status === 'written' || result.status === 'valid' || result.status === 'invalid') written++;
        else break;
      }
      const remaining = await database.db
        .selectFrom('archival_exports')
        .select('id')
        .where('status', 'in', ['pending', 'running'])
        .execute();
      return { counts: { converted, written, failed, remaining: remaining.length } };
    },
  };
}

/**
 * Plans and writes an archival version in one go, to the end (the demo seed, the validator's
 * integration test, scripts). The same as starting an export on the admin page and letting the
 * job run it, only in this process and without a time budget.
 */
export async function exportArchivalVersion(
  database: Database,
  blobs: BlobStore,
  input: PlanInput,
  opts: Omit<RunExportOptions, 'trigger' | 'maxDocuments' | 'deadline'> & {
    trigger?: RunExportOptions['trigger'];
  } = {},
): Promise<{ plan: PlanResult; result: RunExportResult | null }> {
  const plan = await planArchivalExport(database, input);
  if (!plan.ok) return { plan, result: null };
  const result = await runArchivalExport(database, blobs, plan.exportId, {
    ...opts,
    trigger: opts.trigger ?? 'manual',
    startedBy: opts.startedBy ?? input.actor?.id ?? null,
  });
  return { plan, result };
}
