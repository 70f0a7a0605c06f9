/**
 * Redaction (delvis aktindsigt): passages of a document version's text that are withheld, each
 * with the legal basis it rests on, and the released copy in which they are really gone.
 *
 * A passage is a character range [start, end) into `document_versions.text_content` of the
 * version the decision was made on (`access_request_documents.version`): the offsets stay right
 * because a version never changes. Passages never overlap: a new passage that overlaps one with
 * the same legal basis is merged into it (the two become one range); one that overlaps a passage
 * with another legal basis is refused, since a withheld word can only be printed with one basis.
 *
 * The released copy is not the original file with black boxes: it is a new tagged PDF
 * (src/pdf renderDocumentPdf) of the text, built from the kept parts and, where each passage
 * was, a note with its legal basis. The withheld text is never handed to the PDF library, so
 * neither the page text, the font subset, the metadata nor any stream can carry it. Layout,
 * images and tables of the original are therefore not kept (docs/access-requests.md).
 */
import type { Selectable } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { nowIso, writeTransaction, type Database } from '../../db/index.ts';
import type { AccessRequestDocumentTable, Law } from '../../db/schema/access-requests.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { renderDocumentPdf, type Block, type Span } from '../../pdf/index.ts';

export type DecisionItemRow = Selectable<AccessRequestDocumentTable>;

export interface Passage {
  /** 1-based, in reading order. */
  number: number;
  start: number;
  end: number;
  text: string;
  /** The passage starts a new paragraph. */
  paragraphStart: boolean;
}

export interface Redaction {
  id: number;
  start: number;
  end: number;
  legalBasisId: number;
  law: Law;
  section: string;
  title: string;
}

/** What the released copy needs to know about each passage. */
export interface RedactionRange {
  start: number;
  end: number;
  law: Law;
  section: string;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

/**
 * The text cut into sentences (within paragraphs separated by blank lines), with their offsets:
 * the no-JS form chooses a passage as "from sentence m to sentence n". A sentence ends after
 * . ! ? or : followed by white space, or at a line break.
 */
export function splitPassages(text: string): Passage[] {
  const out: Passage[] = [];
  const paragraph = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const p of text.matchAll(paragraph)) {
    const base = p.index;
    let first = true;
    const body = p[0];
    const ends = /[.!?:]+(?=\s)|\n/g;
    let from = 0;
    const cut = (to: number) => {
      const raw = body.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed) {
        const start = base + from + lead;
        out.push({ number: out.length + 1, start, end: start + trimmed.length, text: trimmed, paragraphStart: first });
        first = false;
      }
      from = to;
    };
    for (const m of body.matchAll(ends)) cut(m.index + m[0].length);
    cut(body.length);
  }
  return out;
}

/**
 * Where the n-th occurrence (1-based) of `passage` is in the text; null when there is none.
 * White space in the passage matches any run of white space in the text (a passage copied from
 * the page has its line breaks as spaces).
 */
export function findOccurrence(text: string, passage: string, occurrence = 1): { start: number; end: number } | null {
  const words = passage.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || occurrence < 1) return null;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  let n = 0;
  for (const m of text.matchAll(pattern)) {
    if (++n === occurrence) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** How often the passage occurs in the text (as findOccurrence matches it). */
export function countOccurrences(text: string, passage: string): number {
  let n = 0;
  while (findOccurrence(text, passage, n + 1)) n++;
  return n;
}

export type RangeCheck =
  | { ok: true; start: number; end: number; merges: number[] }
  | { ok: false; error: 'range' | 'overlap'; conflict?: { start: number; end: number } };

/**
 * Checks a new passage against the text and the passages already marked: within the text and
 * not empty (after trimming white space at its edges); overlapping or touching passages with the
 * same legal basis are merged (their ids in `merges`, the range grown to cover them); an overlap
 * with another basis is refused.
 */
export function checkRange(
  text: string,
  existing: ReadonlyArray<{ id: number; start: number; end: number; legalBasisId: number }>,
  start: number,
  end: number,
  legalBasisId: number,
): RangeCheck {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start)
    return { ok: false, error: 'range' };
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return { ok: false, error: 'range' };
  const merges: number[] = [];
  let grown = { start, end };
  // Repeat: a grown range may reach further passages.
  for (let changed = true; changed;) {
    changed = false;
    for (const r of existing) {
      if (merges.includes(r.id)) continue;
      const overlaps = r.start < grown.end && grown.start < r.end;
      const touches = r.start === grown.end || r.end === grown.start;
      if (!overlaps && !touches) continue;
      if (r.legalBasisId !== legalBasisId) {
        if (overlaps) return { ok: false, error: 'overlap', conflict: { start: r.start, end: r.end } };
        continue;
      }
      merges.push(r.id);
      grown = { start: Math.min(grown.start, r.start), end: Math.max(grown.end, r.end) };
      changed = true;
    }
  }
  return { ok: true, ...grown, merges };
}

const LAW_GENITIVE: Record<'da' | 'en', Record<Law, string>> = {
  da: { offl: 'offentlighedslovens', fvl: 'forvaltningslovens' },
  en: { offl: 'the Access to Public Administration Files Act', fvl: 'the Public Administration Act' },
};

/** "[Undtaget efter offentlighedslovens § 30, nr. 1]": what stands where a passage was. */
export function withheldNote(range: Pick<RedactionRange, 'law' | 'section'>, locale: 'da' | 'en' = 'da'): string {
  const law = LAW_GENITIVE[locale][range.law];
  return locale === 'da'
    ? `[Undtaget efter ${law} § ${bare(range.section)}]`
    : `[Withheld under ${law}, § ${bare(range.section)}]`;
}

/** "§ 30, nr. 1" and "30, nr. 1" both give "30, nr. 1". */
function bare(section: string): string {
  return section.replace(/^\s*§+\s*/, '').trim();
}

/**
 * The released text as paragraphs of spans: the kept text, and a withheld note for each
 * passage. Built only from the kept slices, so the withheld text never leaves this function.
 * Paragraphs are separated by blank lines in the text; single line breaks stay line breaks.
 */
export function releasedParagraphs(
  text: string,
  ranges: readonly RedactionRange[],
  locale: 'da' | 'en' = 'da',
): Span[][] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const pieces: Array<{ kept: string } | { note: string }> = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    if (start > at) pieces.push({ kept: text.slice(at, start) });
    if (r.end > start) pieces.push({ note: withheldNote(r, locale) });
    at = Math.max(at, r.end);
  }
  if (at < text.length) pieces.push({ kept: text.slice(at) });

  const paragraphs: Span[][] = [[]];
  for (const piece of pieces) {
    if ('note' in piece) {
      paragraphs.at(-1)!.push({ text: piece.note, withheld: true });
      continue;
    }
    const parts = piece.kept.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/);
    parts.forEach((part, i) => {
      if (i > 0) paragraphs.push([]);
      if (part) paragraphs.at(-1)!.push({ text: part });
    });
  }
  return paragraphs.map((spans) => trimSpans(spans)).filter((spans) => spans.some((s) => s.text.trim().length > 0));
}

function trimSpans(spans: Span[]): Span[] {
  const out = spans.map((s) => ({ ...s }));
  if (out[0] && !out[0].withheld) out[0].text = out[0].text.replace(/^\s+/, '');
  const last = out.at(-1);
  if (last && !last.withheld) last.text = last.text.replace(/\s+$/, '');
  return out.filter((s) => s.text.length > 0);
}

export interface ReleasedMeta {
  /** The document's title (the PDF's title and first heading). */
  title: string;
  locale: 'da' | 'en';
  /** Lines under the heading: case number, document number and date, the version. */
  intro: string[];
  footer?: string;
  author?: string;
  createdAt?: Date;
}

/** The released copy: a new tagged PDF of the text with every withheld passage replaced by its note. */
export async function renderReleasedPdf(
  text: string,
  redactions: readonly RedactionRange[],
  meta: ReleasedMeta,
): Promise<Uint8Array> {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: meta.title }];
  for (const line of meta.intro) blocks.push({ type: 'paragraph', text: line, muted: true });
  blocks.push({ type: 'space', height: 6 });
  for (const spans of releasedParagraphs(text, redactions, meta.locale))
    blocks.push({ type: 'paragraph', text: spans });
  return renderDocumentPdf({
    title: meta.title,
    locale: meta.locale,
    author: meta.author,
    footer: meta.footer,
    createdAt: meta.createdAt,
    blocks,
  });
}

// ---------------------------------------------------------------------------------------------
// Database

export interface RedactionTarget {
  item: DecisionItemRow;
  document: {
    id: number;
    caseId: number;
    caseNumber: string;
    title: string;
    number: number | null;
    documentDate: string;
  };
  /** The text of the decided version; null when it has none (a scan, an image). */
  text: string | null;
  versionSha: string;
  versionMime: string;
  renditionSha: string | null;
}

/** The decision item of a request, its document and the text of the version decided on. */
export async function loadRedactionTarget(
  database: Database,
  requestId: number,
  itemId: number,
): Promise<RedactionTarget | null> {
  const row = await database.db
    .selectFrom('access_request_documents as i')
    .innerJoin('documents as d', 'd.id', 'i.document_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('document_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'i.document_id').onRef('v.version', '=', 'i.version'),
    )
    .selectAll('i')
    .select([
      'd.case_id as doc_case_id',
      'c.number as case_number',
      'd.title as doc_title',
      'd.number as doc_number',
      'd.document_date as doc_date',
      'v.text_content',
      'v.blob_sha256',
      'v.mime',
      'v.rendition_sha256',
    ])
    .where('i.id', '=', itemId)
    .where('i.request_id', '=', requestId)
    .executeTakeFirst();
  if (!row) return null;
  const {
    doc_case_id,
    case_number,
    doc_title,
    doc_number,
    doc_date,
    text_content,
    blob_sha256,
    mime,
    rendition_sha256,
    ...item
  } = row;
  return {
    item,
    document: {
      id: item.document_id,
      caseId: doc_case_id,
      caseNumber: case_number,
      title: doc_title,
      number: doc_number,
      documentDate: doc_date,
    },
    text: text_content,
    versionSha: blob_sha256,
    versionMime: mime,
    renditionSha: rendition_sha256,
  };
}

export async function listRedactions(
  database: Database,
  itemIds: number | number[],
): Promise<Array<Redaction & { itemId: number }>> {
  const ids = Array.isArray(itemIds) ? itemIds : [itemIds];
  if (ids.length === 0) return [];
  const rows = await database.db
    .selectFrom('access_request_redactions as r')
    .innerJoin('legal_bases as b', 'b.id', 'r.legal_basis_id')
    .select([
      'r.id',
      'r.item_id',
      'r.start_offset',
      'r.end_offset',
      'r.legal_basis_id',
      'b.law',
      'b.section',
      'b.title',
    ])
    .where('r.item_id', 'in', ids)
    .orderBy('r.start_offset')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    itemId: Number(r.item_id),
    start: r.start_offset,
    end: r.end_offset,
    legalBasisId: Number(r.legal_basis_id),
    law: r.law,
    section: r.section,
    title: r.title,
  }));
}

/**
 * The active legal bases, in their order. A private query on the contract table: the legal-bases
 * admin (h-akt) has the shared one; switch to it when merging.
 */
export type RedactionError = Extract<
  MessageKey,
  | 'accessAnswers.redaction.error.range'
  | 'accessAnswers.redaction.error.overlap'
  | 'accessAnswers.redaction.error.basis'
  | 'accessAnswers.redaction.error.noText'
  | 'accessAnswers.redaction.error.answered'
  | 'accessAnswers.redaction.error.notFound'
  | 'accessAnswers.redaction.error.passage'
>;

export interface RedactionContext {
  requestId: number;
  requestStatus: string;
  caseNumber: string;
  actor: AuditActor;
  ip?: string | null;
}

/** Marks a passage as withheld (merging it with touching passages of the same basis). */
export async function addRedaction(
  database: Database,
  ctx: RedactionContext,
  target: RedactionTarget,
  input: { start: number; end: number; legalBasisId: number | null },
): Promise<
  | { ok: true; id: number; merged: number }
  | { ok: false; error: RedactionError; conflict?: { start: number; end: number } }
> {
  if (ctx.requestStatus === 'answered' || ctx.requestStatus === 'withdrawn')
    return { ok: false, error: 'accessAnswers.redaction.error.answered' };
  if (target.text == null || target.text.length === 0)
    return { ok: false, error: 'accessAnswers.redaction.error.noText' };
  const text = target.text;
  const basis = input.legalBasisId
    ? await database.db
        .selectFrom('legal_bases')
        .selectAll()
        .where('id', '=', input.legalBasisId)
        .where('active', '=', 1)
        .executeTakeFirst()
    : undefined;
  if (!basis) return { ok: false, error: 'accessAnswers.redaction.error.basis' };
  return writeTransaction(database, async (tx) => {
    const existing = await listRedactions(tx, target.item.id);
    const check = checkRange(text, existing, input.start, input.end, Number(basis.id));
    if (!check.ok)
      return {
        ok: false as const,
        error:
          check.error === 'overlap'
            ? ('accessAnswers.redaction.error.overlap' as const)
            : ('accessAnswers.redaction.error.range' as const),
        conflict: check.conflict,
      };
    if (check.merges.length)
      await tx.db.deleteFrom('access_request_redactions').where('id', 'in', check.merges).execute();
    const inserted = await tx.db
      .insertInto('access_request_redactions')
      .values({
        item_id: target.item.id,
        start_offset: check.start,
        end_offset: check.end,
        legal_basis_id: Number(basis.id),
        created_at: nowIso(),
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await appendAudit(tx, {
      actor: ctx.actor,
      action: 'accessRequest.redaction.add',
      entityType: 'access_request',
      entityId: ctx.requestId,
      summary: `Withheld characters ${check.start}–${check.end} of "${target.document.title}" (${basis.law} ${basis.section}) in the answer to ${ctx.caseNumber}`,
      details: {
        item: target.item.id,
        document: target.document.id,
        version: target.item.version,
        redaction: id,
        start: check.start,
        end: check.end,
        legalBasis: Number(basis.id),
        merged: check.merges,
      },
      ip: ctx.ip ?? null,
    });
    return { ok: true as const, id, merged: check.merges.length };
  });
}

export async function removeRedaction(
  database: Database,
  ctx: RedactionContext,
  target: RedactionTarget,
  redactionId: number,
): Promise<{ ok: true } | { ok: false; error: RedactionError }> {
  if (ctx.requestStatus === 'answered' || ctx.requestStatus === 'withdrawn')
    return { ok: false, error: 'accessAnswers.redaction.error.answered' };
  return writeTransaction(database, async (tx) => {
    const row = await tx.db
      .selectFrom('access_request_redactions')
      .selectAll()
      .where('id', '=', redactionId)
      .where('item_id', '=', target.item.id)
      .executeTakeFirst();
    if (!row) return { ok: false as const, error: 'accessAnswers.redaction.error.notFound' as const };
    await tx.db.deleteFrom('access_request_redactions').where('id', '=', redactionId).execute();
    await appendAudit(tx, {
      actor: ctx.actor,
      action: 'accessRequest.redaction.remove',
      entityType: 'access_request',
      entityId: ctx.requestId,
      summary: `Released characters ${row.start_offset}–${row.end_offset} of "${target.document.title}" again in the answer to ${ctx.caseNumber}`,
      details: {
        item: target.item.id,
        document: target.document.id,
        redaction: redactionId,
        start: row.start_offset,
        end: row.end_offset,
        legalBasis: Number(row.legal_basis_id),
      },
      ip: ctx.ip ?? null,
    });
    return { ok: true as const };
  });
}
