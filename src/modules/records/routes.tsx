import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { rulesRoutes } from './rules-routes.tsx';
import { subjectReportRoutes } from './subject-report-routes.tsx';

/**
 * The records pages, mounted at /admin/records in src/app.tsx: one routes file per resource,
 * each asking the policy itself (records.view, records.manage, records.subjectReport). Add a
 * resource's routes as one more line below.
 */
export function recordsRoutes(database: Database) {
  const app = new Hono<AppEnv>();
  app.route('/', rulesRoutes(database));
  app.route('/', subjectReportRoutes(database));
  return app;
}
