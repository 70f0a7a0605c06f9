import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { fileRoutes } from './file-routes.tsx';
import { membershipRoutes } from './membership-routes.tsx';
import { moderationRoutes } from './moderation-routes.tsx';
import { DEFAULT_ROOM_LIMITS, roomRouteContext, type RoomLimits } from './route-context.tsx';
import { roomPagesRoutes } from './room-routes.tsx';
import { roomSearchRoutes } from './search-routes.tsx';
import { threadRoutes } from './thread-routes.tsx';

export type { RoomLimits } from './route-context.tsx';

/**
 * Collaboration rooms, mounted at /rooms. Every route inside a room loads it through
 * requireRoom (access.ts): a closed room, and everything in it, answers 404 to outsiders exactly
 * like a room that does not exist; a member lacking a right gets 403. Actions are small creates
 * and deletes on nouns (archival, membership, invitations, requests, follow, reactions, reports,
 * hiding, lock, pin, acceptance; `…/deletion` undoes one), each a plain form post
 * (POST-redirect-GET with a flash); htmx only enhances replying and reactions. See "Routes" in
 * docs/architecture.md.
 *
 * The routes are split by resource, one file each, all built on the same context
 * (route-context.tsx: `load()` is the one way into a room); this factory composes them.
 */
export function roomRoutes(database: Database, blobs: BlobStore, opts: { limits?: RoomLimits } = {}) {
  const ctx = roomRouteContext(database, blobs, opts.limits ?? DEFAULT_ROOM_LIMITS);
  const app = new Hono<AppEnv>();
  for (const routes of [
    roomPagesRoutes,
    roomSearchRoutes,
    membershipRoutes,
    threadRoutes,
    moderationRoutes,
    fileRoutes,
  ])
    app.route('/', routes(ctx));
  return app;
}
