import type { Law } from '../../db/schema/access-requests.ts';
import { listLegalBases } from './legal-bases.ts';
import { Hono, type Context } from 'hono';
import {
  RedactionPage,
  type RedactionFormState,
  type RedactionListItem,
} from '../../../views/access-requests/Redaction.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { audit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { toId, toInt } from '../../db/sql.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { sendBlob } from '../../http/send-blob.ts';
import { formatDate } from '../../i18n/index.ts';
import { requireCase } from '../cases/index.ts';
import { requireAccessRequest, type LoadedRequest } from './access.ts';
import {
  addRedaction,
  findOccurrence,
  listRedactions,
  loadRedactionTarget,
  removeRedaction,
  renderReleasedPdf,
  splitPassages,
  type RedactionContext,
  type RedactionTarget,
} from './redaction.ts';

/**
 * The withheld passages of one document in an access request, under
 * /access-requests/:requestId/documents/:itemId/redactions: the page, adding and removing a
 * passage, and the released copy as the caseworker previews it.
 *
 * The request is loaded through its AKT case (requireAccessRequest: `case.view` to look,
 * `case.edit` to change); the document's own case must be visible to the user too, so a
 * confidential document never shows through someone else's access request.
 */

const emptyForm = (): RedactionFormState => ({
  passage: '',
  occurrence: '1',
  fromSentence: '',
  toSentence: '',
  basis: '',
});

export function redactionRoutes(database: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function load(c: Context<AppEnv>, action: 'case.view' | 'case.edit') {
    const user = c.get('user');
    const request = await requireAccessRequest(database, user, c.req.param('requestId')!, action);
    const itemId = toId(c.req.param('itemId'));
    if (!request.kase || !itemId) throw notFound();
    const target = await loadRedactionTarget(database, request.row.id, itemId);
    if (!target) throw notFound();
    await requireCase(database, user, target.document.caseId, 'case.view');
    return { request, target, kase: request.kase };
  }

  const base = (requestId: number, itemId: number) => `/access-requests/${requestId}/documents/${itemId}/redactions`;

  function context(c: Context<AppEnv>, request: LoadedRequest): RedactionContext {
    return {
      requestId: request.row.id,
      requestStatus: request.row.status,
      caseNumber: request.kase?.row.number ?? '',
      actor: actorOf(c.get('user')!),
      ip: c.get('clientIp')(),
    };
  }

  async function page(
    c: Context<AppEnv>,
    loaded: Awaited<ReturnType<typeof load>>,
    errors: FieldErrors = {},
    form: RedactionFormState = emptyForm(),
    status: 200 | 422 = 200,
  ) {
    const { request, target, kase } = loaded;
    const user = c.get('user')!;
    const [redactions, bases] = await Promise.all([
      listRedactions(database, target.item.id),
      listLegalBases(database, { activeOnly: true }),
    ]);
    const text = target.text ?? '';
    const editable =
      request.row.status !== 'answered' &&
      request.row.status !== 'withdrawn' &&
      (await requireCase(database, user, kase.row.id, 'case.edit').then(
        () => true,
        () => false,
      ));
    await audit(database, {
      actor: actorOf(user),
      action: 'accessRequest.document.view',
      entityType: 'access_request',
      entityId: request.row.id,
      summary: `Read the text of "${target.document.title}" (version ${target.item.version}) to redact it in ${kase.row.number}`,
      details: { item: target.item.id, document: target.document.id, version: target.item.version },
      ip: c.get('clientIp')(),
    });
    const lawName = (law: Law) => c.get('t')(`akt.law.${law}`);
    const items: RedactionListItem[] = redactions.map((r) => ({
      id: r.id,
      start: r.start,
      end: r.end,
      passage: text.slice(r.start, r.end),
      basis: `${lawName(r.law)} ${r.section} (${r.title})`,
    }));
    return render(c, {
      title: c.get('t')('accessAnswers.redaction.title', { title: target.document.title }),
      status,
      body: (v) => (
        <RedactionPage
          v={v}
          base={base(request.row.id, target.item.id)}
          decisionHref={`/access-requests/${request.row.id}/documents/${target.item.id}`}
          caseNumber={kase.row.number}
          title={target.document.title}
          version={target.item.version}
          decision={target.item.decision}
          text={target.text}
          passages={splitPassages(text)}
          redactions={items}
          bases={bases.map((b) => ({ value: String(b.id), label: `${lawName(b.law)} ${b.section} – ${b.title}` }))}
          editable={editable}
          errors={errors}
          form={form}
        />
      ),
    });
  }

  app.get('/:requestId{[0-9]+}/documents/:itemId{[0-9]+}/redactions', async (c) => page(c, await load(c, 'case.view')));

  app.post('/:requestId{[0-9]+}/documents/:itemId{[0-9]+}/redactions', async (c) => {
    const loaded = await load(c, 'case.edit');
    const t = c.get('t');
    const body = await c.req.parseBody();
    const form: RedactionFormState = {
      passage: str(body, 'passage', 20_000),
      occurrence: str(body, 'occurrence', 10),
      fromSentence: str(body, 'fromSentence', 10),
      toSentence: str(body, 'toSentence', 10),
      basis: str(body, 'basis', 20),
    };
    const range = chooseRange(loaded.target, body, form);
    if ('error' in range) return page(c, loaded, { [range.field]: t(range.error) }, form, 422);
    const result = await addRedaction(database, context(c, loaded.request), loaded.target, {
      ...range,
      legalBasisId: toId(form.basis),
    });
    if (!result.ok) {
      const field = result.error === 'accessAnswers.redaction.error.basis' ? 'basis' : 'passage';
      return page(c, loaded, { [field]: t(result.error, result.conflict ?? {}) }, form, 422);
    }
    setFlash(c, {
      kind: 'success',
      key: result.merged ? 'accessAnswers.redaction.merged' : 'accessAnswers.redaction.added',
    });
    return c.redirect(base(loaded.request.row.id, loaded.target.item.id), 303);
  });

  app.post('/:requestId{[0-9]+}/documents/:itemId{[0-9]+}/redactions/:redactionId{[0-9]+}/delete', async (c) => {
    const loaded = await load(c, 'case.edit');
    const id = toId(c.req.param('redactionId'));
    if (!id) throw notFound();
    const result = await removeRedaction(database, context(c, loaded.request), loaded.target, id);
    if (!result.ok) {
      if (result.error === 'accessAnswers.redaction.error.notFound') throw notFound();
      setFlash(c, { kind: 'error', key: result.error });
    } else setFlash(c, { kind: 'success', key: 'accessAnswers.redaction.removed' });
    return c.redirect(base(loaded.request.row.id, loaded.target.item.id), 303);
  });

  app.get('/:requestId{[0-9]+}/documents/:itemId{[0-9]+}/redactions/released.pdf', async (c) => {
    const loaded = await load(c, 'case.view');
    const { target, kase, request } = loaded;
    if (target.text == null) throw notFound();
    const pdf = await releasedCopy(database, target, c.get('locale'), c.get('t'));
    await audit(database, {
      actor: actorOf(c.get('user')!),
      action: 'accessRequest.released.download',
      entityType: 'access_request',
      entityId: request.row.id,
      summary: `Downloaded the released copy of "${target.document.title}" in ${kase.row.number}`,
      details: { item: target.item.id, document: target.document.id, version: target.item.version },
      ip: c.get('clientIp')(),
    });
    return sendBlob(
      c,
      { bytes: pdf },
      {
        mime: 'application/pdf',
        filename: `${target.document.title.slice(0, 80)} (udleveret kopi).pdf`,
        inline: c.req.query('inline') === '1',
        cacheControl: 'private, no-store',
      },
    );
  });

  return app;
}

type Chosen = { start: number; end: number } | { error: RangeErrorKey; field: string };
type RangeErrorKey =
  | 'accessAnswers.redaction.error.passage'
  | 'accessAnswers.redaction.error.sentences'
  | 'accessAnswers.redaction.error.range';

/**
 * Which passage the form chose: offsets from a selection (JavaScript), else the passage's text
 * and occurrence, else a span of sentences.
 */
function chooseRange(target: RedactionTarget, body: Record<string, unknown>, form: RedactionFormState): Chosen {
  const text = target.text ?? '';
  const start = toInt(str(body, 'start', 12), 0, text.length);
  const end = toInt(str(body, 'end', 12), 0, text.length);
  if (start !== null && end !== null && str(body, 'start') !== '' && str(body, 'end') !== '') {
    if (end <= start) return { error: 'accessAnswers.redaction.error.range', field: 'passage' };
    return { start, end };
  }
  if (form.passage.trim()) {
    const occurrence = toInt(form.occurrence || '1', 1, 100_000);
    const found = occurrence ? findOccurrence(text, form.passage, occurrence) : null;
    return found ?? { error: 'accessAnswers.redaction.error.passage', field: 'passage' };
  }
  const passages = splitPassages(text);
  const from = toInt(form.fromSentence, 1, passages.length);
  const to = toInt(form.toSentence || form.fromSentence, 1, passages.length);
  if (!from || !to || to < from) return { error: 'accessAnswers.redaction.error.sentences', field: 'fromSentence' };
  return { start: passages[from - 1]!.start, end: passages[to - 1]!.end };
}

/** The released copy of one document, as the answer package and the preview use it. */
export async function releasedCopy(
  database: Database,
  target: RedactionTarget,
  locale: 'da' | 'en',
  t: (
    key: 'accessAnswers.released.intro' | 'accessAnswers.released.explain',
    params?: Record<string, string | number>,
  ) => string,
  createdAt?: Date,
): Promise<Uint8Array> {
  const redactions = await listRedactions(database, target.item.id);
  return renderReleasedPdf(target.text ?? '', redactions, {
    title: target.document.title,
    locale,
    intro: [
      t('accessAnswers.released.intro', {
        number: target.document.number ?? '–',
        case: target.document.caseNumber,
        date: formatDate(target.document.documentDate, locale),
        version: target.item.version,
      }),
      t('accessAnswers.released.explain'),
    ],
    footer: `${target.document.caseNumber} · ${target.document.title}`,
    createdAt,
  });
}
