import type { Database } from '../db/index.ts';
import type { BlobStore } from '../files/blobs.ts';
import { collectBlobGarbage, type BlobGcOptions } from '../files/gc.ts';
import type { JobDefinition } from './scheduler.ts';

/**
 * Removes stored files that nothing refers to any more (src/files/gc.ts), nightly. Idempotent:
 * a second run finds nothing to do; and it catches up by itself, since every run looks at the
 * whole store.
 */
export function blobCleanupJob(database: Database, blobs: BlobStore, opts: BlobGcOptions = {}): JobDefinition {
  return {
    name: 'blob-cleanup',
    schedule: '40 3 * * *',
    leaseMs: 60 * 60_000,
    title: 'jobs.blob-cleanup',
    result: 'jobs.blob-cleanup.result',
    async run() {
      const r = await collectBlobGarbage(database, blobs, opts);
      return {
        counts: {
          removed: r.removed,
          kilobytes: Math.ceil(r.bytes / 1024),
          scanned: r.scanned,
          temp: r.temp,
          rows: r.rows,
          missing: r.missing,
        },
      };
    },
  };
}
