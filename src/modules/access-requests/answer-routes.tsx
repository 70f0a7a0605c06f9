import { Hono, type Context } from 'hono';
import { AnswerPage, type AnswerRow } from '../../../views/access-requests/Answer.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { audit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { sendBlob } from '../../http/send-blob.ts';
import { formatDate, formatDateTime, type MessageKey } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { letterOfDocument } from '../letters/index.ts';
import { requireAccessRequest } from './access.ts';
import type { LetterPost } from './requester.ts';
import {
  aktlisteRows,
  buildAnswerPdf,
  coverLetterTemplate,
  decisionLabel,
  letterDate,
  loadAnswer,
  sendAnswer,
  sendProblem,
  titlesWithWithheldText,
  type LoadedAnswer,
} from './answer.ts';

/**
 * The answer of an access request, under /access-requests/:requestId/answer: the page, the
 * package's preview, and sending it. Through the AKT case: `case.view` to look, `case.edit` to
 * send (refused on an archived case).
 */
export function answerRoutes(database: Database, blobs: BlobStore, post: LetterPost): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function load(c: Context<AppEnv>, action: 'case.view' | 'case.edit') {
    const loaded = await requireAccessRequest(database, c.get('user'), c.req.param('requestId')!, action);
    if (!loaded.kase) throw notFound();
    return { loaded, answer: await loadAnswer(database, loaded.row, loaded.kase.row), resource: loaded.kase.resource };
  }

  function packageOptions(c: Context<AppEnv>, template: string) {
    return { t: c.get('t'), locale: c.get('locale'), today: letterDate(), template };
  }

  function channelName(c: Context<AppEnv>, channel: string | null): string {
    return channel ? c.get('t')(`accessAnswers.answer.channel.${channel}` as MessageKey) : '';
  }

  async function page(
    c: Context<AppEnv>,
    data: Awaited<ReturnType<typeof load>>,
    errors: FieldErrors = {},
    channel = '',
    status: 200 | 422 = 200,
  ) {
    const { answer, resource } = data;
    const t = c.get('t');
    const locale = c.get('locale');
    const user = c.get('user')!;
    await audit(database, {
      actor: actorOf(user),
      action: 'accessRequest.answer.view',
      entityType: 'access_request',
      entityId: answer.request.id,
      summary: `Viewed the answer of ${answer.aktCase.number}`,
      ip: c.get('clientIp')(),
    });
    const bases = aktlisteRows(answer.items, { t, locale });
    const rows: AnswerRow[] = answer.items.map((i, k) => ({
      itemId: i.itemId,
      index: k + 1,
      title: i.title,
      caseNumber: i.caseNumber,
      number: i.number,
      date: formatDate(i.documentDate, locale),
      decision: decisionLabel(t, i.decision),
      partial: i.decision === 'partial',
      passages: i.redactions.length,
      basis: bases[k]![4]!,
    }));
    const problem = sendProblem(answer, 'post');
    const r = answer.request;
    // By Digital Post, or by remote print for someone exempt: the letter knows which.
    const answerLetter = r.answer_document_id ? await letterOfDocument(database, r.answer_document_id) : null;
    return render(c, {
      title: `${t('accessAnswers.answer.title')} · ${answer.aktCase.number}`,
      status,
      body: (v) => (
        <AnswerPage
          v={v}
          requestId={r.id}
          caseNumber={answer.aktCase.number}
          requester={r.requester_name}
          requesterEmail={r.requester_email}
          deadline={formatDate(r.extended_deadline ?? r.deadline, locale)}
          rows={rows}
          answered={
            r.status === 'answered' && r.answered_at
              ? {
                  date: formatDateTime(r.answered_at, locale),
                  channel:
                    answerLetter?.channel === 'print' ? t('akt.answerChannel.print') : channelName(c, r.answer_channel),
                  href: r.answer_document_id
                    ? `/cases/${answer.aktCase.id}/documents/${r.answer_document_id}/versions/1/file`
                    : null,
                }
              : null
          }
          blocker={problem ? t(problem, { count: answer.undecided }) : null}
          titleWarnings={titlesWithWithheldText(answer.items).map((i) => i.title)}
          channel={channel}
          editable={can(user, 'case.edit', resource)}
          errors={errors}
        />
      ),
    });
  }

  app.get('/:requestId{[0-9]+}/answer', async (c) => page(c, await load(c, 'case.view')));

  app.get('/:requestId{[0-9]+}/answer/preview.pdf', async (c) => {
    const { answer } = await load(c, 'case.view');
    const pdf = await buildAnswerPdf(
      blobs,
      answer,
      packageOptions(c, await coverLetterTemplate(database, c.get('t'), c.get('locale'))),
    );
    await audit(database, {
      actor: actorOf(c.get('user')!),
      action: 'accessRequest.answer.preview',
      entityType: 'access_request',
      entityId: answer.request.id,
      summary: `Downloaded the preview of the answer to ${answer.aktCase.number}`,
      ip: c.get('clientIp')(),
    });
    return sendBlob(
      c,
      { bytes: pdf },
      {
        mime: 'application/pdf',
        filename: `${c.get('t')('accessAnswers.package.filename', { caseNumber: answer.aktCase.number })}.pdf`,
        inline: c.req.query('inline') === '1',
        cacheControl: 'private, no-store',
      },
    );
  });

  app.post('/:requestId{[0-9]+}/answer', async (c) => {
    const data = await load(c, 'case.edit');
    const t = c.get('t');
    const channel = str(await c.req.parseBody(), 'channel', 20);
    const result = await send(c, data.answer, channel);
    if (!result.ok) {
      return page(c, data, { channel: t(result.error, { count: data.answer.undecided }) }, channel, 422);
    }
    setFlash(c, {
      kind: 'success',
      key: channel === 'post' ? 'accessAnswers.answer.sentPost' : 'accessAnswers.answer.sent',
      params: { number: result.number },
    });
    return c.redirect(`/access-requests/${data.answer.request.id}/answer`, 303);
  });

  async function send(c: Context<AppEnv>, answer: LoadedAnswer, channel: string) {
    const template = await coverLetterTemplate(database, c.get('t'), c.get('locale'));
    return sendAnswer(database, blobs, answer, channel, {
      ...packageOptions(c, template),
      actor: { ...actorOf(c.get('user')!), displayName: c.get('user')!.displayName },
      post,
      ip: c.get('clientIp')(),
    });
  }

  return app;
}
