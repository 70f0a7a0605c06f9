import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import type { Logger } from '../../http/logger.ts';
import type { Scheduler } from '../../jobs/scheduler.ts';
import { archiveRoutes } from './archive-routes.tsx';
import { disposalRoutes } from './disposal-routes.tsx';
import { archivalExportRoutes, type ExportRoutesOptions } from './export-routes.tsx';
import { rulesRoutes } from './rules-routes.tsx';
import { subjectReportRoutes } from './subject-report-routes.tsx';

export interface RecordsRoutesOptions {
  scheduler: Scheduler;
  blobs: BlobStore;
  logger: Logger;
  exports: ExportRoutesOptions;
}

/**
 * The records pages, mounted at /admin/records in src/app.tsx: one routes file per resource,
 * each asking the policy itself (records.view, records.manage, records.subjectReport). Add a
 * resource's routes as one more line below.
 */
export function recordsRoutes(database: Database, opts: RecordsRoutesOptions) {
  const app = new Hono<AppEnv>();
  app.route('/', rulesRoutes(database));
  app.route('/', subjectReportRoutes(database));
  app.route('/archive', archiveRoutes(database, opts.scheduler, opts.logger));
  app.route('/disposal', disposalRoutes(database, opts.blobs));
  app.route('/exports', archivalExportRoutes(database, opts.exports));
  return app;
}
