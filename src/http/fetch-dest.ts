import type { Context, MiddlewareHandler } from 'hono';
import { notFound } from './errors.tsx';

/**
 * Whether the user asked for this response themselves — by opening a page, submitting a form,
 * opening a frame, or through htmx/fetch from our own scripts — rather than a page's `<img>`,
 * `<script>`, `<link>`, `<video>` … making their browser fetch it. Browsers say which in
 * `Sec-Fetch-Dest`: `document`, `iframe`/`frame` and `empty` (fetch, XMLHttpRequest: htmx) are the
 * user's; `image`, `script`, `style`, `font`, `audio`, `video`, `track`, `object`, `embed`,
 * `manifest`, `worker` … are not. A request without the header (a non-browser client, an old
 * browser) counts as the user's.
 */
const USER_DESTINATIONS = new Set(['document', 'iframe', 'frame', 'empty']);

export function isUserRequest(c: Context): boolean {
  const dest = c.req.header('Sec-Fetch-Dest');
  return dest === undefined || dest === '' || USER_DESTINATIONS.has(dest.trim().toLowerCase());
}

/**
 * For pages whose reading is logged (personal data): a request the user did not make as a page
 * view gets 404, before the handler runs, so it is neither served the content nor logged as a
 * read. `allow` may let through a sub-resource fetch that our own page makes (an image preview).
 */
export function userRequestsOnly(allow?: (c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!isUserRequest(c) && !allow?.(c)) throw notFound();
    await next();
  };
}
