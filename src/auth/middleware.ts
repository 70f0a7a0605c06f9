import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Cookie } from 'lucia';
import type { Config } from '../config.ts';
import type { AppEnv } from '../http/env.ts';
import { isHttps } from '../http/security.ts';
import { SESSION_COOKIE, type AppLucia } from './lucia.ts';

/** Writes a lucia cookie with Secure decided by this request (HTTPS directly or via a trusted proxy). */
export function writeSessionCookie(c: Context, cookie: Cookie, config: Config): void {
  const a = cookie.attributes;
  setCookie(c, cookie.name, cookie.value, {
    path: a.path ?? '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, config),
    maxAge: a.maxAge,
    ...(a.domain ? { domain: a.domain } : {}),
  });
}

/** Loads the session (if any) for every request; refreshes a sliding session's cookie. */
export function sessionMiddleware(lucia: AppLucia, config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (!sessionId) {
      c.set('user', null);
      c.set('session', null);
      return next();
    }
    const { session, user } = await lucia.validateSession(sessionId);
    if (!session) {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    } else if (session.fresh) {
      writeSessionCookie(c, lucia.createSessionCookie(session.id), config);
    }
    c.set('user', user);
    c.set('session', session);
    return next();
  };
}

/** Paths anyone may open without signing in. Everything else needs a session. */
// /public/ and /oparl/ are the political process's open pages and API (open items only).
const PUBLIC_PREFIXES = [
  '/login',
  // Single sign-on: /login/sso (start) and /login/sso/callback (src/modules/sso).
  '/login/',
  '/healthz',
  '/static/',
  '/locale',
  '/favicon.svg',
  '/robots.txt',
  '/public/',
  '/oparl/',
  // The public post list and its access-request form (src/modules/postlist).
  '/postliste',
  '/postliste/',
  // A one-time link to choose a new password (src/modules/users/reset-routes.tsx).
  '/password-reset/',
];

function isPublic(path: string): boolean {
  return PUBLIC_PREFIXES.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)));
}

/**
 * Authentication is on by default, with an explicit opt-out list for public pages (DESIGN.md).
 * A page asked for without a session sends the browser to sign in and back again.
 */
export function requireSignIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('user') || isPublic(c.req.path)) return next();
    const url = new URL(c.req.url);
    const next_ = c.req.method === 'GET' ? url.pathname + url.search : '/';
    const target = `/login?next=${encodeURIComponent(next_)}`;
    if (c.req.header('HX-Request') === 'true') {
      c.header('HX-Redirect', target);
      return c.body(null, 401);
    }
    return c.redirect(target, 303);
  };
}
