import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasMessage, type MessageKey, type Params } from '../i18n/index.ts';

/**
 * One-shot messages across a POST-redirect-GET, kept in a short-lived cookie. Only catalog keys
 * travel (never free text), so the message is always in the reader's language and nothing a
 * user typed can be echoed through it.
 */
export interface Flash {
  kind: 'success' | 'info' | 'error';
  key: MessageKey;
  params?: Params;
}

const COOKIE = 'samspil_flash';

export function setFlash(c: Context, flash: Flash): void {
  setCookie(c, COOKIE, JSON.stringify(flash), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 60,
  });
}

/** Reads and clears the flash, if any. */
export function takeFlash(c: Context): Flash | null {
  const raw = getCookie(c, COOKIE);
  if (!raw) return null;
  deleteCookie(c, COOKIE, { path: '/' });
  try {
    const value = JSON.parse(raw) as Partial<Flash>;
    if (!value || typeof value.key !== 'string' || !hasMessage(value.key)) return null;
    const kind = value.kind === 'error' || value.kind === 'info' ? value.kind : 'success';
    const params: Params = {};
    for (const [k, v] of Object.entries(value.params ?? {})) {
      if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    }
    return { kind, key: value.key, params };
  } catch {
    return null;
  }
}
