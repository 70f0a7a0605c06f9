import { Hono, type Context } from 'hono';
import { SubjectReportPage, type SubjectReportForm } from '../../../views/records/SubjectReport.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { actorOf, str } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { sendBlob } from '../../http/send-blob.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { logSubjectReport, parseSubject, subjectReport, type Subject } from './subject-report.ts';
import { subjectReportPdf } from './subject-report-pdf.ts';

/**
 * The data subject's report, mounted at /admin/records (records.subjectReport): the form (GET), the
 * report (POST: the number never goes into an address, a history entry or a request log) and its
 * PDF (POST …/pdf, the same fields again). Each search and each PDF is audit-logged.
 */
export function subjectReportRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  const allow = (c: Context<AppEnv>): CurrentUser => {
    const user = c.get('user');
    if (!can(user, 'records.subjectReport')) throw forbidden();
    return user!;
  };

  const page = (
    c: Context<AppEnv>,
    form: SubjectReportForm,
    status: 200 | 422,
    report?: Awaited<ReturnType<typeof subjectReport>>,
  ) =>
    render(c, {
      title: (v) => v.t('records.report.title'),
      status,
      body: (v) => <SubjectReportPage v={v} form={form} report={report} />,
    });

  /** The form's fields, checked: the subject, or the form again with its errors (what was typed kept). */
  async function readForm(
    c: Context<AppEnv>,
  ): Promise<
    { ok: true; subject: Subject; reason: string; form: SubjectReportForm } | { ok: false; form: SubjectReportForm }
  > {
    const body = await c.req.parseBody();
    const input = { number: str(body, 'number', 40), reason: str(body, 'reason', 2000) };
    const t = c.get('t');
    const errors: SubjectReportForm['errors'] = {};
    const parsed = parseSubject(input.number);
    if (!parsed.ok) errors.number = t(parsed.error);
    const reason = input.reason.trim();
    if (!reason) errors.reason = t('records.report.error.reason');
    if (!parsed.ok || !reason) return { ok: false, form: { input, errors } };
    return { ok: true, subject: parsed.subject, reason, form: { input, errors } };
  }

  app.get('/subject-report', (c) => {
    allow(c);
    return page(c, { input: { number: '', reason: '' }, errors: {} }, 200);
  });

  app.post('/subject-report', async (c) => {
    const user = allow(c);
    const read = await readForm(c);
    if (!read.ok) return page(c, read.form, 422);
    const report = await subjectReport(database, read.subject);
    await logSubjectReport(database, report, 'search', read.reason, actorOf(user), { ip: c.get('clientIp')() });
    return page(c, read.form, 200, report);
  });

  app.post('/subject-report/pdf', async (c) => {
    const user = allow(c);
    const read = await readForm(c);
    if (!read.ok) return page(c, read.form, 422);
    const report = await subjectReport(database, read.subject);
    const at = new Date();
    const pdf = await subjectReportPdf(report, c.get('t'), c.get('locale'), { author: user.displayName, at });
    await logSubjectReport(database, report, 'pdf', read.reason, actorOf(user), { ip: c.get('clientIp')() });
    return sendBlob(
      c,
      { bytes: pdf },
      {
        mime: 'application/pdf',
        filename: `${c.get('t')('records.report.filename')} ${copenhagenDate(at)}.pdf`,
        inline: false,
        cacheControl: 'private, no-store',
      },
    );
  });

  return app;
}
