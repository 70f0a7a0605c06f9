/**
 * A redirect target taken from user input (`?next=`, a form's `return` field): decided by the
 * URL parser against our own origin, so that what the browser will do with the Location header
 * is what we checked. Browsers drop tabs and line breaks, read `\` as `/` and `//host` as another
 * site; the WHATWG parser does the same, so `new URL(raw, origin)` lands where the browser would.
 *
 * Only a same-origin result is accepted, and the answer is rebuilt from the parsed URL (path,
 * query, fragment), never the raw string. A path that the parser normalised into `//…` (from
 * `/.//evil.example`, say) would be read as another host in a Location header: refused too.
 */
export function safeNext(raw: unknown, origin: string, fallback = '/'): string {
  if (typeof raw !== 'string' || raw === '' || raw.length > 2000) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base.origin);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const target = url.pathname + url.search + url.hash;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  // Belt and braces: the rebuilt target must itself resolve to our origin.
  if (new URL(target, base.origin).origin !== base.origin) return fallback;
  return target;
}

/** The origin of the request as we received it (the base against which targets are judged). */
export function requestOrigin(c: { req: { url: string } }): string {
  return new URL(c.req.url).origin;
}
