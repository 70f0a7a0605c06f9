import { Hono, type Context } from 'hono';
import { AuditPage, AuditResults, filterQuery } from '../../../views/admin/Audit.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { audit, auditBatches, searchAudit, verifyAuditChain } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import { contentDisposition } from '../../files/types.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { userRequestsOnly } from '../../http/fetch-dest.ts';
import { forbidden } from '../../http/errors.tsx';
import { actorOf } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render, viewContext } from '../../http/render.tsx';
import { copenhagenDate, formatNumber } from '../../i18n/index.ts';
import { can, type Action } from '../../policy/index.ts';
import {
  csvHeader,
  csvRow,
  filterErrors,
  objectNames,
  parseAuditFilter,
  resolveAuditFilter,
  type AuditFilter,
} from './audit-search.ts';

function require(c: Context<AppEnv>, permission: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, permission)) throw forbidden();
  return user!;
}

/** The filter as stored on the `audit.view` and `audit.export` entries: only what was set. */
const filterDetails = (filter: AuditFilter): Record<string, string> =>
  Object.fromEntries(Object.entries(filter).filter(([k, val]) => val && !(k === 'personRole' && val === 'actor')));

/** `/admin/audit`: the log, searched by person, action, object and period; its export; the chain check. */
export function auditRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const user = require(c, 'audit.view');
    const q = c.req.query();
    const filter = parseAuditFilter(q);
    const before = toId(q.before);
    const t = c.get('t');
    const errors: FieldErrors = Object.fromEntries(Object.entries(filterErrors(filter)).map(([k, key]) => [k, t(key)]));
    const invalid = Object.keys(errors).length > 0;
    const resolved = await resolveAuditFilter(database, filter);
    const { rows, nextBefore } = invalid
      ? { rows: [], nextBefore: null }
      : await searchAudit(database, { ...resolved.query, before: before ?? undefined });
    // Reading the log is itself logged: it holds names and addresses.
    await audit(database, {
      actor: actorOf(user),
      action: 'audit.view',
      summary: 'Searched the audit log',
      details: filterDetails(filter),
      ip: c.get('clientIp')(),
    });
    const results = {
      rows,
      names: await objectNames(database, rows),
      nextBefore,
      filter,
      errors,
      people: resolved.people,
      person: resolved.person,
      notice: resolved.notice,
    };
    return render(c, {
      title: (v) => v.t('audit.title'),
      status: invalid ? 422 : 200,
      body: (v) => <AuditPage v={v} {...results} />,
      fragment: (v) => (
        <>
          <AuditResults v={v} {...results} />
          <LiveAnnouncement text={v.t('audit.count', { count: formatNumber(rows.length, v.locale) })} />
        </>
      ),
    });
  });

  // The current search as CSV for Danish Excel: UTF-8 with a byte order mark, `;` between fields,
  // CRLF. Streamed a batch at a time (auditBatches), so the whole log never sits in memory. Only
  // the user's own requests (never an <img> on some page), and the export is logged with its filter.
  app.get('/export', userRequestsOnly(), async (c) => {
    const user = require(c, 'audit.view');
    const filter = parseAuditFilter(c.req.query());
    if (Object.keys(filterErrors(filter)).length) return c.redirect(`/admin/audit${filterQuery(filter)}`, 303);
    const resolved = await resolveAuditFilter(database, filter);
    await audit(database, {
      actor: actorOf(user),
      action: 'audit.export',
      summary: 'Exported the audit log as CSV',
      details: filterDetails(filter),
      ip: c.get('clientIp')(),
    });
    const v = viewContext(c);
    const encoder = new TextEncoder();
    const batches = auditBatches(database, resolved.query);
    let started = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvHeader(v.t)}`));
          return;
        }
        try {
          const next = await batches.next();
          if (next.done) return controller.close();
          const names = await objectNames(database, next.value);
          controller.enqueue(encoder.encode(next.value.map((r) => csvRow(v, r, names)).join('')));
        } catch (err) {
          controller.error(err);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    const name = `${v.t('audit.csv.filename')}-${copenhagenDate(new Date())}.csv`;
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // Checking the whole chain reads every entry: a POST (a form on the audit page, under the CSRF
  // check), never a GET that a link or an image on any page could set off. The result comes back
  // as a flash on the audit page, with the filter the form carried.
  app.post('/verifications', async (c) => {
    const user = require(c, 'audit.verify');
    const filter = parseAuditFilter(await c.req.parseBody());
    const check = await verifyAuditChain(database);
    await audit(database, {
      actor: actorOf(user),
      action: 'audit.verify',
      summary: `Verified the audit chain: ${check.ok ? 'intact' : `broken at ${check.brokenAt}`}`,
      details: check.ok ? { checked: check.checked } : { brokenAt: check.brokenAt, reason: check.reason },
      ip: c.get('clientIp')(),
    });
    setFlash(
      c,
      check.ok
        ? { kind: 'success', key: 'audit.verify.ok', params: { count: formatNumber(check.checked, c.get('locale')) } }
        : {
            kind: 'error',
            key: 'audit.verify.broken',
            params: { id: check.brokenAt, reason: c.get('t')(`audit.verify.reason.${check.reason}`) },
          },
    );
    return c.redirect(`/admin/audit${filterQuery(filter)}`, 303);
  });

  return app;
}
