import type { Context } from 'hono';
import type { Config } from '../../config.ts';
import { sendText } from '../../http/compress.ts';
import type { OParlObject } from './oparl.ts';

/**
 * The HTTP side of OParl shared by its routes (oparl-routes.ts) and the public iCalendar feeds:
 * absolute URLs and their caching, JSON answers and problems, and the external object lists'
 * query (`page`, `limit`/`elementsPerPage`, the created/modified filters) and paging.
 */

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const FILTERS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;

/** The base for absolute URLs: PUBLIC_URL when set, else the request's own origin. */
export function baseUrlOf(c: Context, config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}

/**
 * Cache-Control for a response that holds absolute URLs built by `baseUrlOf`. With PUBLIC_URL
 * the URLs are ours and a shared cache may keep the answer. Without it they come from the
 * request's unchecked Host header: a proxy keeping one (`Host: evil.example`) would hand links to
 * another site to everyone, and `Vary: Host` does not bind every shared cache, so only the
 * client's own cache may keep it.
 */
export function absoluteUrlCaching(config: Pick<Config, 'publicUrl'>, directives: string): string {
  return `${config.publicUrl ? 'public' : 'private'}, ${directives}`;
}

/** Cache-Control is set for every answer in oparlRoutes (it depends on PUBLIC_URL). */
export function send(c: Context, body: unknown, status = 200): Response {
  c.header('Access-Control-Allow-Origin', '*');
  return sendText(c, JSON.stringify(body), status, 'application/json; charset=utf-8');
}

export const problem = (c: Context, status: 400 | 404, message: string) =>
  send(c, { error: { code: status, message } }, status);

export interface ListQuery {
  page: number;
  limit: number;
  filters: Partial<Record<(typeof FILTERS)[number], number>>;
  /** The filter parameters as given, for the page links. */
  kept: URLSearchParams;
}

/** Reads paging and filters; a message (English, for developers) when something is malformed. */
export function parseListQuery(
  params: URLSearchParams,
): { ok: true; query: ListQuery } | { ok: false; message: string } {
  const kept = new URLSearchParams();
  const filters: ListQuery['filters'] = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    // A full date-time with an offset (or Z), as OParl asks; a bare date is accepted as UTC midnight.
    const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value);
    const time = Date.parse(value);
    if (!ok || Number.isNaN(time))
      return {
        ok: false,
        message: `${name} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-01T00:00:00+01:00`,
      };
    filters[name] = time;
    kept.set(name, value);
  }
  const rawLimit = params.get('limit') ?? params.get('elementsPerPage');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null && rawLimit !== '') {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1)
      return { ok: false, message: 'limit must be a whole number from 1' };
    limit = Math.min(MAX_LIMIT, Number(rawLimit));
    kept.set('limit', String(limit));
  }
  const rawPage = params.get('page');
  let page = 1;
  if (rawPage !== null && rawPage !== '') {
    if (!/^\d+$/.test(rawPage) || Number(rawPage) < 1)
      return { ok: false, message: 'page must be a whole number from 1' };
    page = Number(rawPage);
  }
  return { ok: true, query: { page, limit, filters, kept } };
}

/** Filters by created/modified, sorts by id and cuts out the page; the list's envelope. */
export function paginate<R extends { id: number }>(
  rows: R[],
  q: ListQuery,
  listUrl: string,
  times: (r: R) => { created: string; modified: string },
): { rows: R[]; envelope: (data: OParlObject[]) => Record<string, unknown> } {
  const f = q.filters;
  const matching = rows
    .filter((r) => {
      const t = times(r);
      const created = Date.parse(t.created);
      const modified = Date.parse(t.modified);
      return (
        (f.created_since === undefined || created >= f.created_since) &&
        (f.created_until === undefined || created <= f.created_until) &&
        (f.modified_since === undefined || modified >= f.modified_since) &&
        (f.modified_until === undefined || modified <= f.modified_until)
      );
    })
    .sort((a, b) => a.id - b.id);
  const totalPages = Math.max(1, Math.ceil(matching.length / q.limit));
  const pageUrl = (page: number) => {
    const params = new URLSearchParams(q.kept);
    if (page > 1) params.set('page', String(page));
    const s = params.toString();
    return s ? `${listUrl}?${s}` : listUrl;
  };
  const slice = matching.slice((q.page - 1) * q.limit, q.page * q.limit);
  return {
    rows: slice,
    envelope: (data) => ({
      data,
      pagination: { totalElements: matching.length, elementsPerPage: q.limit, currentPage: q.page, totalPages },
      links: {
        first: pageUrl(1),
        ...(q.page > 1 ? { prev: pageUrl(Math.min(q.page - 1, totalPages)) } : {}),
        self: pageUrl(q.page),
        ...(q.page < totalPages ? { next: pageUrl(q.page + 1) } : {}),
        last: pageUrl(totalPages),
      },
    }),
  };
}
