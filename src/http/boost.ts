import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Keeps a redirect's fragment through a boosted navigation. htmx follows redirects inside
 * XMLHttpRequest, which never sees the fragment of a Location (`/rooms/1/threads/2#post-74`,
 * where a permalink from "Seneste aktivitet" or a posted reply sends the user), so the user would
 * land at the top of the page. For a boosted request such a redirect becomes htmx's client-side
 * redirect (`HX-Location`), which keeps the fragment in the address; `public/js/app.js` then
 * scrolls to and focuses the element it names. Without JavaScript the browser follows the
 * redirect itself and nothing changes.
 */
export function keepFragmentsOnBoost(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 301 && c.res.status !== 302 && c.res.status !== 303) return;
    const location = c.res.headers.get('Location');
    if (!location || !location.includes('#') || !location.startsWith('/') || location.startsWith('//')) return;
    c.res.headers.append('Vary', 'HX-Boosted');
    if (c.req.header('HX-Request') !== 'true' || c.req.header('HX-Boosted') !== 'true') return;
    // Hono copies the old response's headers onto a new one, so take Location off first. The
    // follow-up request says it is boosted, so the page comes whole (never a bare fragment), and
    // app.js treats its swap as a navigation.
    c.res.headers.delete('Location');
    c.res.headers.set(
      'HX-Location',
      JSON.stringify({ path: location, target: 'body', headers: { 'HX-Boosted': 'true' } }),
    );
    c.res = new Response(null, { status: 200, headers: c.res.headers });
  };
}
