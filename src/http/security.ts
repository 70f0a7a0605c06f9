import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.ts';
import type { AppEnv } from './env.ts';

/**
 * Strict Content-Security-Policy with a fresh nonce per request: scripts only from our origin
 * and only with the nonce, no inline scripts or styles, no eval (hence Alpine's CSP build and
 * htmx with allowEval off), no framing, forms only to ourselves.
 */
export function securityHeaders(config: Pick<Config, 'mapWmsUrl'>): MiddlewareHandler<AppEnv> {
  // Images may also come from the municipality's own map service, when one is configured.
  const imgSrc = ["'self'", 'data:', ...(config.mapWmsUrl ? [new URL(config.mapWmsUrl).origin] : [])];
  return secureHeaders({
    // A route may set its own (e.g. a file shown inline in our own frame); the defaults fill the rest.
    overwrite: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'"],
      imgSrc: imgSrc,
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
}

/** The address the request came from; X-Forwarded-For is believed only behind a trusted proxy. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const first = forwarded?.split(',')[0]?.trim();
    if (first) return first;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Whether the browser reached us over HTTPS (directly, or through a trusted proxy). */
export function isHttps(c: Context, config: Config): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (config.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return false;
}

/**
 * CSRF: unsafe requests must come from our own pages. Browsers send Sec-Fetch-Site and Origin
 * on every form post and fetch; a request from another site is refused (with our 403 page,
 * see errors.tsx). Session cookies are SameSite=Lax as a second fence.
 */
export function csrfProtection(config: Config): MiddlewareHandler<AppEnv> {
  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : null;
  return csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin,
    secFetchSite: 'same-origin',
  });
}
