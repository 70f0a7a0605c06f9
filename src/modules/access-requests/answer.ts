/**
 * The answer to an access request (svar på aktindsigt): one PDF with the cover letter (a template
 * with merge fields), the aktliste (number, date, title, decision, legal basis) and the released
 * documents; sent by Digital Post, e-mail or post, journalised on the AKT case as an outgoing
 * document, and the request marked answered. Every step is in the audit log.
 *
 * The package is built in two layers. One tagged pdfkit document (src/pdf renderDocumentPdf)
 * holds the cover letter, the aktliste and every document released as text: the redacted copies
 * (partial access) and fully released documents that are not PDFs and have no PDF rendition.
 * Fully released PDFs (the original, or its rendition) are then appended as they are, with
 * pdf-lib (publication's mergeAttachments: page numbers stamped, an outline entry per document).
 * So the text part is fully tagged; appended PDFs keep their own content but not their own tags
 * (merge.ts explains why). Refused documents are listed in the aktliste only.
 */
import { PDFDocument } from 'pdf-lib';
import { appendAudit } from '../../audit/service.ts';
import { nowIso, writeTransaction, type Database } from '../../db/index.ts';
import { getSetting } from '../../db/settings.ts';
import type { AccessDecision, AnswerChannel, Law } from '../../db/schema/access-requests.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { copenhagenDate, formatDate, type Locale, type MessageKey, type T } from '../../i18n/index.ts';
import { renderDocumentPdf, type Block } from '../../pdf/index.ts';
import type { CaseRow } from '../cases/index.ts';
import { addJournalisedDocument, extractText } from '../documents/index.ts';
import {
  dispatchLetter,
  organisation,
  prepareLetter,
  type LetterSender,
  type PreparedLetter,
  type PrepareError,
} from '../letters/index.ts';
import { checkAttachmentPdf, mergeAttachments, type MergeEntry, type OutlineNode } from '../publication/index.ts';
import type { AccessRequestRow } from './access.ts';
import { listRedactions, releasedParagraphs, type RedactionRange } from './redaction.ts';
import { requesterMail, requesterParty, type LetterPost } from './requester.ts';
import { markAnswered } from './service.ts';

export interface AnswerBasis {
  law: Law;
  section: string;
  title: string;
}

export interface AnswerItem {
  itemId: number;
  documentId: number;
  caseNumber: string;
  number: number | null;
  title: string;
  documentDate: string;
  version: number;
  decision: AccessDecision | null;
  reason: string | null;
  extraction: string | null;
  bases: AnswerBasis[];
  mime: string;
  blobSha: string;
  renditionSha: string | null;
  text: string | null;
  redactions: RedactionRange[];
}

export interface LoadedAnswer {
  request: AccessRequestRow;
  aktCase: CaseRow;
  /** The cases asked about (their numbers), in order. */
  caseNumbers: string[];
  items: AnswerItem[];
  undecided: number;
  caseworker: string | null;
  organisation: string;
}

/** Everything the answer needs, read in a few queries. */
export async function loadAnswer(
  database: Database,
  request: AccessRequestRow,
  aktCase: CaseRow,
): Promise<LoadedAnswer> {
  const rows = await database.db
    .selectFrom('access_request_documents as i')
    .innerJoin('documents as d', 'd.id', 'i.document_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('document_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'i.document_id').onRef('v.version', '=', 'i.version'),
    )
    .select([
      'i.id',
      'i.document_id',
      'i.version',
      'i.decision',
      'i.reason',
      'i.extraction',
      'c.number as case_number',
      'd.number',
      'd.title',
      'd.document_date',
      'v.mime',
      'v.blob_sha256',
      'v.rendition_sha256',
      'v.text_content',
    ])
    .where('i.request_id', '=', request.id)
    .orderBy('c.number')
    .orderBy('d.number')
    .orderBy('d.id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const [bases, redactions, cases, caseworker, root] = await Promise.all([
    ids.length
      ? database.db
          .selectFrom('access_request_document_bases as db')
          .innerJoin('legal_bases as b', 'b.id', 'db.legal_basis_id')
          .select(['db.item_id', 'b.law', 'b.section', 'b.title', 'b.position'])
          .where('db.item_id', 'in', ids)
          .orderBy('b.law', 'desc')
          .orderBy('b.position')
          .orderBy('b.section')
          .execute()
      : Promise.resolve([]),
    listRedactions(database, ids),
    database.db
      .selectFrom('access_request_cases as rc')
      .innerJoin('cases as c', 'c.id', 'rc.case_id')
      .select('c.number')
      .where('rc.request_id', '=', request.id)
      .orderBy('c.number')
      .execute(),
    request.caseworker_id || aktCase.caseworker_id
      ? database.db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', (request.caseworker_id ?? aktCase.caseworker_id)!)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    organisation(database),
  ]);
  const items: AnswerItem[] = rows.map((r) => {
    const id = Number(r.id);
    return {
      itemId: id,
      documentId: Number(r.document_id),
      caseNumber: r.case_number,
      number: r.number,
      title: r.title,
      documentDate: r.document_date,
      version: r.version,
      decision: r.decision,
      reason: r.reason,
      extraction: r.extraction,
      bases: bases
        .filter((b) => Number(b.item_id) === id)
        .map((b) => ({ law: b.law, section: b.section, title: b.title })),
      mime: r.mime,
      blobSha: r.blob_sha256,
      renditionSha: r.rendition_sha256,
      text: r.text_content,
      // A partial decision's passages; only they are ever taken out of a released text.
      redactions: r.decision === 'partial' ? redactions.filter((x) => x.itemId === id) : [],
    };
  });
  return {
    request,
    aktCase,
    caseNumbers: cases.map((c) => c.number),
    items,
    undecided: items.filter((i) => !i.decision).length,
    caseworker: caseworker?.display_name ?? null,
    organisation: root,
  };
}

/**
 * The items whose title (printed in the aktliste) holds text withheld in that document: the
 * caseworker is warned, since the aktliste would show what the copy leaves out.
 */
export function titlesWithWithheldText(items: AnswerItem[]): AnswerItem[] {
  return items.filter((i) =>
    i.redactions.some((r) => {
      const passage = (i.text ?? '').slice(r.start, r.end).trim().toLowerCase();
      return passage.length >= 3 && i.title.toLowerCase().includes(passage);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The cover letter and the aktliste

/** Replaces `{field}` with its value; an unknown field stays as written (so a typo shows). */
export function mergeFields(template: string, fields: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in fields ? fields[name]! : whole));
}

export function basisLabel(t: T, b: AnswerBasis): string {
  return `${t(`akt.law.${b.law}`)} ${b.section.trim().startsWith('§') ? b.section.trim() : `§ ${b.section.trim()}`}`;
}

const DECISION_KEY: Record<AccessDecision, MessageKey> = {
  full: 'accessAnswers.decision.full',
  partial: 'accessAnswers.decision.partial',
  refused: 'accessAnswers.decision.refused',
};

export function decisionLabel(t: T, decision: AccessDecision | null): string {
  return decision ? t(DECISION_KEY[decision]) : t('accessAnswers.decision.none');
}

/** The legal bases cited anywhere in the answer (decisions and withheld passages), each once. */
export function citedBases(items: AnswerItem[]): AnswerBasis[] {
  const seen = new Map<string, AnswerBasis>();
  for (const i of items) {
    if (i.decision === 'full') continue;
    for (const b of [...i.bases, ...i.redactions.map((r) => ({ law: r.law, section: r.section, title: '' }))]) {
      const key = `${b.law}|${b.section}`;
      const known = seen.get(key);
      if (!known || (!known.title && b.title)) seen.set(key, b);
    }
  }
  return [...seen.values()].sort((a, b) =>
    a.law === b.law ? a.section.localeCompare(b.section, 'da', { numeric: true }) : a.law === 'offl' ? -1 : 1,
  );
}

export interface LetterContext {
  t: T;
  locale: Locale;
  /** The date the letter is written (Copenhagen), yyyy-mm-dd. */
  today: string;
}

/** The merge fields of the cover letter. */
export function letterFields(a: LoadedAnswer, ctx: LetterContext): Record<string, string> {
  const { t, locale } = ctx;
  const count = (d: AccessDecision) => a.items.filter((i) => i.decision === d).length;
  const deadline = a.request.extended_deadline ?? a.request.deadline;
  return {
    requester: a.request.requester_name,
    received: formatDate(a.request.received_on, locale),
    asksFor: a.request.asks_for,
    cases: a.caseNumbers.length ? a.caseNumbers.join(', ') : '–',
    caseNumber: a.aktCase.number,
    deadline: formatDate(deadline, locale),
    date: formatDate(ctx.today, locale),
    summary: t('accessAnswers.letter.summary', {
      total: a.items.length,
      full: count('full'),
      partial: count('partial'),
      refused: count('refused'),
    }),
    bases: citedBases(a.items)
      .map((b) => `${basisLabel(t, b)}${b.title ? ` (${b.title})` : ''}`)
      .join('; '),
    caseworker: a.caseworker ?? '',
    organisation: a.organisation,
  };
}

/** The cover letter and the aktliste as blocks (the first pages of the package). */
export function letterBlocks(a: LoadedAnswer, ctx: LetterContext, template: string): Block[] {
  const { t } = ctx;
  const fields = letterFields(a, ctx);
  const blocks: Block[] = [
    { type: 'paragraph', text: `${a.organisation} · ${fields.date}`, muted: true },
    { type: 'paragraph', text: t('accessAnswers.letter.ref', { caseNumber: a.aktCase.number }), muted: true },
    { type: 'heading', level: 1, text: t('accessAnswers.letter.heading') },
  ];
  // The template: paragraphs separated by blank lines, merge fields in braces.
  for (const para of mergeFields(template, fields).split(/\n\s*\n/)) {
    if (para.trim()) blocks.push({ type: 'paragraph', text: para.trim() });
  }
  const cited = citedBases(a.items);
  if (cited.length) {
    blocks.push({ type: 'heading', level: 2, text: t('accessAnswers.letter.basesHeading') });
    blocks.push({ type: 'list', items: cited.map((b) => `${basisLabel(t, b)}${b.title ? ` – ${b.title}` : ''}`) });
  }
  const reasons = a.items.filter((i) => i.decision !== 'full' && (i.reason || i.extraction));
  if (reasons.length) {
    blocks.push({ type: 'heading', level: 2, text: t('accessAnswers.letter.reasonsHeading') });
    a.items.forEach((i, index) => {
      if (i.decision === 'full' || !(i.reason || i.extraction)) return;
      const parts = [i.reason, i.extraction ? t('accessAnswers.letter.extraction', { text: i.extraction }) : null];
      blocks.push({
        type: 'paragraph',
        text: [
          { text: `${t('accessAnswers.aktliste.item', { number: index + 1 })}: `, bold: true },
          { text: parts.filter(Boolean).join(' ') },
        ],
      });
    });
  }
  blocks.push({ type: 'heading', level: 2, text: t('accessAnswers.letter.complaintHeading') });
  blocks.push({ type: 'paragraph', text: t('accessAnswers.letter.complaint') });
  blocks.push({ type: 'paragraph', text: t('accessAnswers.letter.closing', fields) });
  blocks.push({ type: 'pageBreak' });
  blocks.push({ type: 'heading', level: 1, text: t('accessAnswers.aktliste.heading') });
  blocks.push({
    type: 'paragraph',
    text: t('accessAnswers.aktliste.intro', { caseNumber: a.aktCase.number }),
    muted: true,
  });
  blocks.push({
    type: 'table',
    columns: [
      { header: t('accessAnswers.aktliste.number'), share: 1.1 },
      { header: t('accessAnswers.aktliste.date'), share: 2 },
      { header: t('accessAnswers.aktliste.title'), share: 5 },
      { header: t('accessAnswers.aktliste.decision'), share: 2.2 },
      { header: t('accessAnswers.aktliste.basis'), share: 3.2 },
    ],
    rows: aktlisteRows(a.items, ctx),
  });
  return blocks;
}

export function aktlisteRows(items: AnswerItem[], ctx: Pick<LetterContext, 't' | 'locale'>): string[][] {
  return items.map((i, index) => [
    String(index + 1),
    formatDate(i.documentDate, ctx.locale),
    `${i.title} (${i.caseNumber}${i.number != null ? `, ${ctx.t('accessAnswers.aktliste.docNo', { number: i.number })}` : ''})`,
    decisionLabel(ctx.t, i.decision),
    i.decision === 'full'
      ? '–'
      : [...new Set([...i.bases, ...i.redactions].map((b) => basisLabel(ctx.t, b as AnswerBasis)))].join(', ') || '–',
  ]);
}

/** The cover letter template: a setting (`accessRequests.coverLetter.<locale>`) or the catalog's default. */
export async function coverLetterTemplate(database: Database, t: T, locale: Locale): Promise<string> {
  return (await getSetting(database, `accessRequests.coverLetter.${locale}`)) ?? t('accessAnswers.letter.template');
}

// ---------------------------------------------------------------------------------------------
// The package

interface Part {
  item: AnswerItem;
  index: number;
  kind: 'text' | 'pdf';
  blocks?: Block[];
  pdf?: Uint8Array;
}

function releasedBlocks(item: AnswerItem, index: number, ctx: LetterContext): Block[] {
  const { t } = ctx;
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `${t('accessAnswers.aktliste.item', { number: index + 1 })}: ${item.title}` },
    {
      type: 'paragraph',
      muted: true,
      text: t('accessAnswers.released.intro', {
        number: item.number ?? '–',
        case: item.caseNumber,
        date: formatDate(item.documentDate, ctx.locale),
        version: item.version,
      }),
    },
  ];
  if (item.decision === 'partial')
    blocks.push({ type: 'paragraph', muted: true, text: t('accessAnswers.released.explain') });
  blocks.push({ type: 'space', height: 6 });
  for (const spans of releasedParagraphs(item.text ?? '', item.redactions, ctx.locale))
    blocks.push({ type: 'paragraph', text: spans });
  return blocks;
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

export interface PackageOptions extends LetterContext {
  template: string;
  createdAt?: Date;
}

/**
 * The answer as one PDF. Released as text: partial decisions (always: the redacted copy) and
 * full ones without a usable PDF; appended as they are: full decisions whose version is a PDF,
 * or has a PDF rendition. A full decision with neither a PDF nor text is listed with a note.
 */
export async function buildAnswerPdf(blobs: BlobStore, a: LoadedAnswer, opts: PackageOptions): Promise<Uint8Array> {
  const { t } = opts;
  const parts: Part[] = [];
  for (const [index, item] of a.items.entries()) {
    if (item.decision === 'full') {
      const sha = item.mime === 'application/pdf' ? item.blobSha : item.renditionSha;
      if (sha) {
        const bytes = new Uint8Array(await blobs.read(sha));
        if ((await checkAttachmentPdf(bytes)).ok) {
          parts.push({ item, index, kind: 'pdf', pdf: bytes });
          continue;
        }
      }
      parts.push({ item, index, kind: 'text', blocks: releasedBlocks({ ...item, redactions: [] }, index, opts) });
    } else if (item.decision === 'partial') {
      parts.push({ item, index, kind: 'text', blocks: releasedBlocks(item, index, opts) });
    }
  }
  for (const p of parts)
    if (p.kind === 'text' && !(p.item.text ?? '').trim())
      p.blocks!.push({ type: 'paragraph', text: t('accessAnswers.released.noText') });

  const base = {
    title: t('accessAnswers.letter.heading'),
    locale: opts.locale,
    author: a.organisation,
    footer: a.aktCase.number,
    createdAt: opts.createdAt,
  };
  // Each text part starts on a page of its own, so its pages in the combined document are the
  // pages it takes alone: render each alone once to know where it starts (for the outline).
  const letter = letterBlocks(a, opts, opts.template);
  const letterPages = await pageCount(await renderDocumentPdf({ ...base, blocks: letter }));
  const aktlisteAt = await pageCount(
    await renderDocumentPdf({
      ...base,
      blocks: letter.slice(
        0,
        letter.findIndex((b) => b.type === 'pageBreak'),
      ),
    }),
  );
  const outline: OutlineNode[] = [
    { title: t('accessAnswers.letter.heading'), page: 0 },
    { title: t('accessAnswers.aktliste.heading'), page: aktlisteAt },
  ];
  const blocks = [...letter];
  let page = letterPages;
  for (const p of parts.filter((x) => x.kind === 'text')) {
    outline.push({ title: `${t('accessAnswers.aktliste.item', { number: p.index + 1 })}: ${p.item.title}`, page });
    blocks.push({ type: 'pageBreak' }, ...p.blocks!);
    page += await pageCount(await renderDocumentPdf({ ...base, blocks: p.blocks! }));
  }
  const entries: MergeEntry[] = [];
  for (const p of parts.filter((x) => x.kind === 'pdf')) {
    const check = await checkAttachmentPdf(p.pdf);
    if (!check.ok) continue;
    const label = t('accessAnswers.aktliste.item', { number: p.index + 1 });
    outline.push({ title: `${label}: ${p.item.title}`, page });
    entries.push({ source: check.source, pageCount: check.pageCount, label, title: p.item.title });
    page += check.pageCount;
  }
  const textPdf = await renderDocumentPdf({
    ...base,
    blocks,
    pagesAfter: entries.reduce((sum, e) => sum + e.pageCount, 0),
  });
  return mergeAttachments(textPdf, entries, outline, {
    pageOf: (n, total) => t('accessAnswers.package.pageOf', { page: n, total }),
    couldNotInsert: t('accessAnswers.package.couldNotInsert'),
  });
}

// ---------------------------------------------------------------------------------------------
// Sending

export type SendError =
  | Extract<
      MessageKey,
      | 'accessAnswers.answer.error.undecided'
      | 'accessAnswers.answer.error.undecidedOne'
      | 'accessAnswers.answer.error.empty'
      | 'accessAnswers.answer.error.answered'
      | 'accessAnswers.answer.error.withdrawn'
      | 'accessAnswers.answer.error.channel'
      | 'accessAnswers.answer.error.noDigitalPost'
      | 'accessAnswers.answer.error.noEmail'
    >
  | PrepareError;

const CHANNELS: readonly AnswerChannel[] = ['digital_post', 'email', 'post'];

export function isAnswerChannel(value: string): value is AnswerChannel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** Why the answer cannot be sent by this channel yet; null when it can. */
export function sendProblem(a: LoadedAnswer, channel: string): SendError | null {
  if (a.request.status === 'answered') return 'accessAnswers.answer.error.answered';
  if (a.request.status === 'withdrawn') return 'accessAnswers.answer.error.withdrawn';
  if (a.items.length === 0) return 'accessAnswers.answer.error.empty';
  if (a.undecided === 1) return 'accessAnswers.answer.error.undecidedOne';
  if (a.undecided > 1) return 'accessAnswers.answer.error.undecided';
  if (!isAnswerChannel(channel)) return 'accessAnswers.answer.error.channel';
  if (channel === 'digital_post' && !a.request.requester_cpr && !a.request.requester_cvr)
    return 'accessAnswers.answer.error.noDigitalPost';
  if (channel === 'email' && !a.request.requester_email) return 'accessAnswers.answer.error.noEmail';
  return null;
}

export interface SendOptions extends PackageOptions {
  actor: LetterSender;
  /** The CPR register and sender CVR that Digital Post needs. */
  post: LetterPost;
  ip?: string | null;
  baseUrl?: string;
}

/** Thrown inside the transaction to roll it back when someone else answered meanwhile. */
class AlreadyAnswered extends Error {}

/**
 * Sends the answer: builds the package and, in one transaction, journalises it on the AKT case
 * (an outgoing document), hands it to the channel and marks the request answered. Digital Post
 * goes through the letters module (remote print for someone exempt; its delivery status shows on
 * the document and a failure on the caseworker's front page); e-mail through the mail outbox with
 * the PDF attached; post is journalised only (printed and posted by hand). Refused while any
 * document is undecided, and when the request was answered meanwhile (nothing is then written).
 */
export async function sendAnswer(
  database: Database,
  blobs: BlobStore,
  a: LoadedAnswer,
  channel: string,
  opts: SendOptions,
): Promise<{ ok: true; documentId: number; number: number } | { ok: false; error: SendError }> {
  const problem = sendProblem(a, channel);
  if (problem) return { ok: false, error: problem };
  const how = channel as AnswerChannel;
  const { t } = opts;
  const pdf = await buildAnswerPdf(blobs, a, opts);
  const filename = `${t('accessAnswers.package.filename', { caseNumber: a.aktCase.number })}.pdf`;
  const title = t('accessAnswers.package.documentTitle', { caseNumber: a.aktCase.number });
  const text = (await extractText(pdf, 'application/pdf')).text ?? title;

  let letter: PreparedLetter | null = null;
  if (how === 'digital_post') {
    const partyId = (await requesterParty(database, a.request, a.aktCase, opts.actor, { ip: opts.ip }))!;
    const ready = await prepareLetter(
      database,
      blobs,
      opts.post.register,
      a.aktCase,
      { partyId, title, pdf, text, filename, language: opts.locale },
      opts.actor,
      { ip: opts.ip, defaultSenderCvr: opts.post.defaultSenderCvr },
    );
    if (!ready.ok) return { ok: false, error: ready.error };
    letter = ready.prepared;
  }
  const sha256 = letter?.sha256 ?? (await blobs.put(database, Buffer.from(pdf)));
  const mail =
    how === 'email'
      ? await requesterMail(database, {
          to: a.request.requester_email!,
          kind: 'access-request.answer',
          dedupeKey: `access-request-answer:${a.request.id}`,
          locale: opts.locale,
          template: 'access-request.answer',
          values: { 'anmoder.navn': a.request.requester_name, 'sag.nummer': a.aktCase.number },
          footer: t('accessAnswers.mail.footer', { organisation: a.organisation }),
          organisation: a.organisation,
          attachment: { filename, sha256 },
        })
      : null;

  try {
    return await writeTransaction(database, async (tx) => {
      const now = new Date(nowIso());
      let documentId: number;
      let number: number;
      let delivery: Record<string, unknown> = {};
      if (letter) {
        const sent = await dispatchLetter(tx, a.aktCase, letter, opts.actor, { ip: opts.ip, now });
        ({ documentId, number } = sent);
        delivery = { letter: sent.letterId, outbox: sent.outboxId, letterChannel: sent.channel };
      } else {
        const doc = await addJournalisedDocument(
          tx,
          a.aktCase,
          {
            title,
            direction: 'outgoing',
            documentDate: opts.today,
            sender: a.organisation,
            recipient: a.request.requester_name,
            filename,
            mime: 'application/pdf',
            size: pdf.length,
            sha256,
            text,
          },
          opts.actor,
          { ip: opts.ip },
        );
        ({ id: documentId, number } = doc);
        if (mail) {
          await mail(tx);
          delivery = { to: a.request.requester_email };
        }
      }
      // Someone else answered it meanwhile: everything above rolls back, nothing is sent twice.
      if (!(await markAnswered(tx, a.request.id, { channel: how, documentId, by: opts.actor, at: now })))
        throw new AlreadyAnswered();
      await appendAudit(tx, {
        actor: opts.actor,
        action: 'accessRequest.answer',
        entityType: 'access_request',
        entityId: a.request.id,
        summary: `Answered the access request ${a.aktCase.number} by ${how}; the answer is document ${number}`,
        details: {
          channel: how,
          document: documentId,
          number,
          items: a.items.map((i) => ({ item: i.itemId, decision: i.decision })),
          ...delivery,
        },
        ip: opts.ip ?? null,
      });
      return { ok: true as const, documentId, number };
    });
  } catch (err) {
    if (err instanceof AlreadyAnswered) return { ok: false, error: 'accessAnswers.answer.error.answered' };
    throw err;
  }
}

/** The Copenhagen date of an instant (for the letter's date). */
export const letterDate = (at: Date = new Date()): string => copenhagenDate(at);
