import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { decisionRoutes } from './decision-routes.tsx';
import { requestRoutes } from './request-routes.tsx';
import { answerRoutes } from './answer-routes.tsx';
import { redactionRoutes } from './redaction-routes.tsx';
import type { LetterPost } from './requester.ts';

/**
 * Access requests under /access-requests, composed from one routes file per resource:
 * the requests themselves (registration, list, overdue list, fristbrev), the decisions per
 * document, the redactions of a document, the answer package.
 */
/** `post`: the CPR register and sender CVR fallback that letters (the fristbrev, the answer by Digital Post) need. */
export function accessRequestRoutes(database: Database, blobs: BlobStore, post: LetterPost): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', requestRoutes(database, blobs, post));
  app.route('/', decisionRoutes(database));
  app.route('/', redactionRoutes(database));
  app.route('/', answerRoutes(database, blobs, post));
  return app;
}
