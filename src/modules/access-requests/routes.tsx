import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { decisionRoutes } from './decision-routes.tsx';
import { requestRoutes } from './request-routes.tsx';

/**
 * Access requests under /access-requests, composed from one routes file per resource:
 * the requests themselves (registration, list, overdue list, fristbrev), the decisions per
 * document, the redactions of a document, the answer package.
 */
export function accessRequestRoutes(database: Database, blobs: BlobStore): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', requestRoutes(database, blobs));
  app.route('/', decisionRoutes(database));
  return app;
}
