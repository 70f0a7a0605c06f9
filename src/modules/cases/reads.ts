import type { Context, MiddlewareHandler } from 'hono';
import { audit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { isUserRequest } from '../../http/fetch-dest.ts';
import { notFound } from '../../http/errors.tsx';
import { seenAsRecordsManager } from '../../policy/index.ts';
import { caseResource } from './access.ts';

/**
 * Reads of a case's content, logged in one place (GDPR: every view of a citizen case, every
 * download from a citizen or confidential case). `caseReads()` sits in front of every route
 * under `/cases/:id` (the case's pages, forms and their re-renders, documents and downloads) and:
 *
 * 1. refuses a request the user did not make as a page view (`Sec-Fetch-Dest: image`, `script`,
 *    … — see `isUserRequest`) with 404 before the route runs: an `<img src="/cases/97">` anywhere
 *    gets no content and writes no entry. The one exception is the document page's own inline
 *    preview (`<img>` of a version with `?inline=1`, asked by that document's page: same origin,
 *    `Referer` = the document page);
 * 2. after the route, when the answer showed the case — a page, a form, a form re-rendered with
 *    errors (2xx, 304, 409, 422); not a redirect, and not an error page (403, 404, 413, 500),
 *    which show nothing of it — writes one entry: `case.view` for a citizen case, or what the
 *    route described with `describeCaseRead()` (downloads: `document.download`, also for a
 *    confidential case). If the entry cannot be written, the answer is a 500, not the content.
 *
 * Lists (numbers, titles, status) are not case content and are not logged; search results show
 * snippets of the text and log them (`case.excerpt.view`, in search.ts).
 */

export interface CaseRead {
  action: string;
  summary: string;
  details?: Record<string, unknown>;
  /** Logged for confidential cases too (downloads), not only citizen cases. */
  confidentialToo?: boolean;
}

const described = new WeakMap<Request, CaseRead>();

/** Lets a route say what it showed (a download), instead of the default `case.view`. */
export function describeCaseRead(c: Context, read: CaseRead): void {
  described.set(c.req.raw, read);
}

const CASE_PATH = /^\/cases\/(\d{1,10})(?:\/|$)/;
const PREVIEW_PATH = /^\/cases\/(\d{1,10})\/documents\/(\d{1,10})\/versions\/\d{1,10}\/(?:file|rendition)$/;

/** The document page's own `<img>` preview of its current version (see views/documents). */
function isOwnPreview(c: Context): boolean {
  const m = PREVIEW_PATH.exec(c.req.path);
  if (!m || c.req.query('inline') !== '1') return false;
  if (c.req.header('Sec-Fetch-Dest') !== 'image' || c.req.header('Sec-Fetch-Site') !== 'same-origin') return false;
  let referer: URL;
  try {
    referer = new URL(c.req.header('Referer') ?? '');
  } catch {
    return false;
  }
  // Sec-Fetch-Site already says the page is ours (the origin as the browser sees it, which behind
  // a proxy is not the one in c.req.url); the Referer says which of our pages it is.
  return referer.pathname === `/cases/${m[1]}/documents/${m[2]}`;
}

const SHOWN = (status: number) =>
  (status >= 200 && status < 300 && status !== 204) || status === 304 || status === 409 || status === 422;

export function caseReads(database: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isUserRequest(c) && !isOwnPreview(c)) throw notFound();
    await next();
    const m = CASE_PATH.exec(c.req.path);
    const user = c.get('user');
    if (!m || !user || c.req.method === 'HEAD' || !SHOWN(c.res.status)) return;
    const row = await database.db.selectFrom('cases').selectAll().where('id', '=', Number(m[1])).executeTakeFirst();
    if (!row) return;
    const read = described.get(c.req.raw);
    const citizen = row.type === 'citizen';
    // A records manager reading a confidential case outside its access group is logged too.
    const asRecordsManager =
      !!row.confidential &&
      user.roles.includes('records_manager') &&
      seenAsRecordsManager(user, await caseResource(database, row));
    if (!citizen && !asRecordsManager && !(read?.confidentialToo && row.confidential)) return;
    const summary = citizen
      ? `Viewed citizen case ${row.number}`
      : `Viewed confidential case ${row.number} as records manager (not in its access group)`;
    await audit(database, {
      actor: { id: user.id, name: user.displayName },
      action: read?.action ?? 'case.view',
      entityType: 'case',
      entityId: row.id,
      summary:
        read?.summary ??
        (asRecordsManager && citizen ? `${summary}, as records manager (not in its access group)` : summary),
      details: { ...(read?.details ?? { path: c.req.path }), ...(asRecordsManager ? { asRecordsManager: true } : {}) },
      ip: c.get('clientIp')(),
    });
  };
}
