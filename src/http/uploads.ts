import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from './env.ts';

/**
 * Request body limits. Every request with a body gets the small form limit (`formBodyLimit`, in
 * app.tsx), except those whose route declares that it takes files with `acceptsUpload()`:
 *
 *   app.post('/:id/files', acceptsUpload(limits.maxRequestBytes, tooLargePage), async (c) => …)
 *
 * Hono runs the app's middleware before a route's own, so the app-level limit cannot wait for
 * the route to say so; but the router has matched the request before any middleware runs, so it
 * looks at the matched routes (`matchedRoutes` from hono/route) for one carrying an upload
 * limit. A new route is a form route, with the small limit, unless it says otherwise.
 */

const UPLOAD_LIMITS = new WeakSet<object>();
/** Hono's mark on a sub-app's handler wrapped in that sub-app's own error handler (hono-base `route()`). */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';

/**
 * Route middleware: this route takes files, up to `maxBytes` in the whole request. `onError`
 * answers a bigger request (the route's own 413 page, with its limit in words).
 */
export function acceptsUpload(
  maxBytes: number,
  onError: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError: (c) => onError(c as Context<AppEnv>) });
  const middleware: MiddlewareHandler = (c, next) => limit(c, next);
  UPLOAD_LIMITS.add(middleware);
  return middleware;
}

/** Whether the route matched for this request declared an upload limit. */
export function declaresUpload(c: Context): boolean {
  return matchedRoutes(c).some(
    ({ handler }) =>
      UPLOAD_LIMITS.has(handler) ||
      UPLOAD_LIMITS.has((handler as unknown as Record<string, object>)[COMPOSED_HANDLER] ?? {}),
  );
}

/**
 * App middleware: the small limit for every form (methods with a body), our 413 page beyond it
 * (app.onError); routes that declared `acceptsUpload()` apply their own limit instead.
 */
export function formBodyLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HTTPException(413);
    },
  });
  return (c, next) => (declaresUpload(c) ? next() : limit(c, next));
}
