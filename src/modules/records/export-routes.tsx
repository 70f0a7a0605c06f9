import { Hono, type Context } from 'hono';
import { ExportListPage, ExportTable, type ExportFormState } from '../../../views/records/ExportList.tsx';
import { ExportPage, ExportState, type DeliveryFormState } from '../../../views/records/ExportPage.tsx';
import { appendAudit, audit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str } from '../../http/forms.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import type { T } from '../../i18n/index.ts';
import { can, type Action } from '../../policy/index.ts';
import {
  avidFor,
  exportablePeriods,
  exportDocumentSummary,
  getArchivalExport,
  listArchivalExports,
  parsePeriod,
  planArchivalExport,
  recordDelivery,
  type ExportProblem,
} from './export/service.ts';
import { TIFF_MODES, type TiffMode } from './export/tiff.ts';
import { recordsSettings } from './settings.ts';

export interface ExportRoutesOptions {
  /** Where exports started here are written: one AVID folder per export inside it. */
  outDir: string;
  /** Starts the 'archival-export' job now, in the background (the scheduler's run, under its lease). */
  startExport?: () => void;
}

function require(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

const FIELD_ID: Record<ExportProblem['field'], string> = {
  period: 'export-period',
  avid: 'export-number',
  outDir: 'export-number',
  tiffMode: 'export-tiff',
};

function problemsToErrors(t: T, problems: ExportProblem[], ids: Record<string, string>) {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const id = ids[p.field] ?? p.field;
    errors[id] = errors[id] ? `${errors[id]} ${t(p.key, p.params)}` : t(p.key, p.params);
  }
  return errors;
}

/**
 * Archival versions, mounted at /admin/records/exports: the list with each export's progress
 * (a <progress> bar, refreshed by htmx polling while one runs; a reload without JavaScript), the
 * form that starts one, an export's page with its counts, conversion notes and the validator's
 * findings, and recording the delivery of a valid one. Seeing needs 'records.view'; starting,
 * resuming and recording a delivery need 'records.manage'. Every change is in the audit log; the
 * export's page lists document titles, so its full view is logged as a read.
 */
export function archivalExportRoutes(database: Database, opts: ExportRoutesOptions) {
  const app = new Hono<AppEnv>();

  const listPage = async (c: Context<AppEnv>, form: ExportFormState, status: 200 | 422 = 200) => {
    // htmx's poll wants only the list.
    if (wantsFragment(c)) {
      const exports = await listArchivalExports(database);
      return render(c, { title: '', body: () => null, fragment: (v) => <ExportTable v={v} exports={exports} /> });
    }
    const [exports, periods, settings] = await Promise.all([
      listArchivalExports(database),
      exportablePeriods(database),
      recordsSettings(database),
    ]);
    return render(c, {
      title: (v) => v.t('records.export.title'),
      status,
      body: (v) => (
        <ExportListPage v={v} exports={exports} periods={periods} form={form} archiveCode={settings.archiveCode} />
      ),
      fragment: (v) => <ExportTable v={v} exports={exports} />,
    });
  };

  app.get('/', (c) => {
    require(c, 'records.view');
    return listPage(c, { period: '', number: '', tiffMode: 'auto', errors: {} });
  });

  app.post('/', async (c) => {
    const user = require(c, 'records.manage');
    const t = c.get('t');
    const body = await c.req.parseBody();
    const form: ExportFormState = {
      period: str(body, 'period', 20),
      number: str(body, 'number', 40),
      tiffMode: str(body, 'tiffMode', 20) || 'auto',
      errors: {},
    };
    const settings = await recordsSettings(database);
    const period = parsePeriod(form.period, settings);
    const avid = avidFor(form.number, settings);
    const problems: ExportProblem[] = [];
    if (!period)
      problems.push({
        field: 'period',
        key: 'records.export.error.periodInvalid',
        params: { years: settings.periodYears, first: settings.periodFirstYear },
      });
    if (!avid)
      problems.push({ field: 'avid', key: 'records.export.error.avidInvalid', params: { code: settings.archiveCode } });
    if (!TIFF_MODES.includes(form.tiffMode as TiffMode))
      problems.push({ field: 'tiffMode', key: 'records.export.error.tiffMode' });
    if (!problems.length && period && avid) {
      const planned = await planArchivalExport(database, {
        period,
        avid,
        outDir: opts.outDir,
        tiffMode: form.tiffMode as TiffMode,
        actor: actorOf(user),
        ip: c.get('clientIp')(),
      });
      if (planned.ok) {
        opts.startExport?.();
        setFlash(c, { kind: 'success', key: 'records.export.started' });
        return c.redirect(`/admin/records/exports/${planned.exportId}`, 303);
      }
      problems.push(...planned.problems);
    }
    form.errors = problemsToErrors(t, problems, FIELD_ID);
    return listPage(c, form, 422);
  });

  const detailPage = async (c: Context<AppEnv>, id: number, delivery: DeliveryFormState, status: 200 | 422 = 200) => {
    const e = await getArchivalExport(database, id);
    if (!e) throw notFound();
    const summary = await exportDocumentSummary(database, id);
    return render(c, {
      title: (v) => v.t('records.export.detail.title', { avid: e.avid }),
      status,
      body: (v) => <ExportPage v={v} e={e} summary={summary} delivery={delivery} />,
      fragment: (v) => <ExportState v={v} e={e} />,
    });
  };

  app.get('/:id', async (c) => {
    const user = require(c, 'records.view');
    const id = toId(c.req.param('id'));
    if (!id) throw notFound();
    const fragment = wantsFragment(c);
    if (fragment && c.req.header('HX-Trigger') === 'export-state') {
      // The poll of a running export: once it has finished, the rest of the page (the findings, the
      // delivery form, the times) is out of date too, so the browser loads the page once more.
      const e = await getArchivalExport(database, id);
      if (e && e.status !== 'pending' && e.status !== 'running') {
        c.header('HX-Refresh', 'true');
        return c.body(null, 204);
      }
    }
    const res = await detailPage(c, id, { date: '', reference: '', errors: {} });
    // The page lists document titles of the export's cases (which may name people): a logged read.
    if (!fragment)
      await audit(database, {
        actor: actorOf(user),
        action: 'records.export.view',
        entityType: 'archival_export',
        entityId: id,
        summary: `Viewed archival export ${id}`,
        ip: c.get('clientIp')(),
      });
    return res;
  });

  app.post('/:id/resumption', async (c) => {
    const user = require(c, 'records.manage');
    const id = toId(c.req.param('id'));
    const e = id ? await getArchivalExport(database, id) : null;
    if (!e) throw notFound();
    if (e.status !== 'failed') {
      setFlash(c, { kind: 'error', key: 'records.export.resumeNotFailed' });
      return c.redirect(`/admin/records/exports/${e.id}`, 303);
    }
    await writeTransaction(database, async (tx) => {
      await tx.db
        .updateTable('archival_export_documents')
        .set({ status: 'pending', error: null })
        .where('export_id', '=', e.id)
        .where('status', '=', 'failed')
        .execute();
      await tx.db
        .updateTable('archival_exports')
        .set({ status: 'pending', error: null })
        .where('id', '=', e.id)
        .where('status', '=', 'failed')
        .execute();
      await appendAudit(tx, {
        actor: actorOf(user),
        action: 'records.export.resume',
        entityType: 'archival_export',
        entityId: e.id,
        summary: `Resumed archival version ${e.avid}`,
        details: { avid: e.avid, error: e.error },
        ip: c.get('clientIp')(),
      });
    });
    opts.startExport?.();
    setFlash(c, { kind: 'success', key: 'records.export.resumed' });
    return c.redirect(`/admin/records/exports/${e.id}`, 303);
  });

  app.post('/:id/delivery', async (c) => {
    const user = require(c, 'records.manage');
    const id = toId(c.req.param('id'));
    if (!id || !(await getArchivalExport(database, id))) throw notFound();
    const t = c.get('t');
    const body = await c.req.parseBody();
    const form: DeliveryFormState = { date: str(body, 'date', 20), reference: str(body, 'reference', 400), errors: {} };
    const result = await recordDelivery(database, id, form, actorOf(user), { ip: c.get('clientIp')() });
    if (result.ok) {
      setFlash(c, { kind: 'success', key: 'records.export.delivered' });
      return c.redirect(`/admin/records/exports/${id}`, 303);
    }
    if (result.problems.some((p) => p.field === 'status')) {
      setFlash(c, { kind: 'error', key: 'records.export.error.deliveryStatus' });
      return c.redirect(`/admin/records/exports/${id}`, 303);
    }
    const ids: Record<string, string> = { date: 'delivery-date', reference: 'delivery-reference' };
    for (const p of result.problems) form.errors[ids[p.field]!] = t(p.key);
    return detailPage(c, id, form, 422);
  });

  return app;
}
