import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { archivalExportRoutes, type ExportRoutesOptions } from './export-routes.tsx';

export interface RecordsRoutesOptions {
  exports: ExportRoutesOptions;
}

/**
 * The records pages, mounted at /admin/records in src/app.tsx: one sub-app per resource, composed
 * here (a list of app.route lines, one per part of the records lifecycle).
 */
export function recordsRoutes(database: Database, opts: RecordsRoutesOptions) {
  const app = new Hono<AppEnv>();
  app.route('/exports', archivalExportRoutes(database, opts.exports));
  return app;
}
