import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';

/**
 * Access requests under /access-requests, composed from one routes file per resource:
 * the requests themselves (registration, list, overdue list, fristbrev), the decisions per
 * document, the redactions of a document, the answer package.
 */
export function accessRequestRoutes(_database: Database, _blobs: BlobStore): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
