import path from 'node:path';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { DocumentTable, DocumentVersionTable } from '../../db/schema.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Selectable } from 'kysely';
import type { CaseRow } from '../cases/index.ts';
import { visibleCases } from '../../policy/index.ts';
import type { Actor } from '../../policy/index.ts';
import { nextValue } from '../cases/index.ts';
import { reindexCase, reindexDocument } from '../cases/index.ts';
import type { ParsedEmail } from './email.ts';
import { extractText, parseEmailIsolated } from './extract.ts';
import { BLOCKED_MIME, detectType, extForMime, type DocumentExt } from '../../files/types.ts';
import { makePdfRendition } from './rendition.ts';

/**
 * Documents on a case: upload (one or many files, e-mails split into the mail and its
 * attachments), versions, journalisation (the next document number in the case's journal,
 * Offentlighedsloven §15) and finalisation (the current version is locked for good, with a PDF
 * rendition beside the original). Nothing journalised is ever deleted (database triggers).
 *
 * An upload is checked completely before anything is stored: one bad file refuses the whole
 * upload with a message per file, and nothing half-made is left behind.
 *
 * An e-mail's attachments go through the same type check as uploads. One that fails it is kept
 * as part of the mail's record, but *blocked*: stored as `application/octet-stream` under its
 * name with `.bin` added, without text, never rendered or shown inline (`isBlocked()`).
 */

export type DocumentRow = Selectable<DocumentTable>;
export type VersionRow = Selectable<DocumentVersionTable>;

export const DIRECTIONS = ['incoming', 'outgoing', 'internal'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface UploadFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface UploadMeta {
  title: string;
  direction: string;
  documentDate: string;
  sender: string;
  recipient: string;
}

export interface Limits {
  maxFileBytes: number;
  maxFiles: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 50 * 1024 * 1024, maxFiles: 20 };

export type UploadProblem =
  | {
      file: string;
      key:
        | 'documents.error.empty'
        | 'documents.error.notAllowed'
        | 'documents.error.mismatch'
        | 'documents.error.tooLarge'
        | 'documents.error.badEmail';
    }
  | { file: null; key: 'documents.error.noFiles' | 'documents.error.tooMany' };

export type MetaErrors = Partial<Record<keyof UploadMeta, MessageKey>>;

/** What the user is told after an upload that was stored. */
export interface UploadOutcome {
  ids: number[];
  /** E-mail attachments stored blocked (their type is not accepted). */
  blocked: number;
  /** Documents whose text could not be read (so text search will not find them). */
  textFailed: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const clean = (s: string | undefined) => (s ?? '').trim();

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function validateMeta(meta: UploadMeta, opts: { requireTitle: boolean }): MetaErrors {
  const errors: MetaErrors = {};
  if (opts.requireTitle && !clean(meta.title)) errors.title = 'documents.error.title';
  if (clean(meta.title).length > 300) errors.title = 'documents.error.titleLong';
  if (!(DIRECTIONS as readonly string[]).includes(meta.direction)) errors.direction = 'documents.error.direction';
  if (!validDate(clean(meta.documentDate))) errors.documentDate = 'documents.error.date';
  return errors;
}

interface Prepared {
  file: UploadFile;
  ext: DocumentExt;
  mime: string;
}

/** Checks every file; returns the problems (in the order of the files) or the detected types. */
export async function checkFiles(
  files: UploadFile[],
  limits: Limits = DEFAULT_LIMITS,
): Promise<{ ok: true; files: Prepared[] } | { ok: false; problems: UploadProblem[] }> {
  if (files.length === 0) return { ok: false, problems: [{ file: null, key: 'documents.error.noFiles' }] };
  if (files.length > limits.maxFiles) return { ok: false, problems: [{ file: null, key: 'documents.error.tooMany' }] };
  const problems: UploadProblem[] = [];
  const prepared: Prepared[] = [];
  for (const file of files) {
    if (file.bytes.length > limits.maxFileBytes) {
      problems.push({ file: file.name, key: 'documents.error.tooLarge' });
      continue;
    }
    const detected = await detectType(file.bytes, file.name, file.type);
    if (!detected.ok) {
      problems.push({
        file: file.name,
        key:
          detected.reason === 'empty'
            ? 'documents.error.empty'
            : detected.reason === 'mismatch'
              ? 'documents.error.mismatch'
              : 'documents.error.notAllowed',
      });
      continue;
    }
    prepared.push({ file, ext: detected.ext, mime: detected.mime });
  }
  return problems.length ? { ok: false, problems } : { ok: true, files: prepared };
}

interface NewDoc {
  title: string;
  kind: DocumentRow['kind'];
  direction: Direction;
  documentDate: string;
  sender: string | null;
  recipient: string | null;
  parentId: number | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  text: Awaited<ReturnType<typeof extractText>>;
}

async function insertDocument(tx: Database, c: CaseRow, d: NewDoc, actor: AuditActor): Promise<number> {
  const now = nowIso();
  const { id } = await tx.db
    .insertInto('documents')
    .values({
      case_id: c.id,
      number: null,
      title: d.title,
      kind: d.kind,
      direction: d.direction,
      document_date: d.documentDate,
      sender: d.sender,
      recipient: d.recipient,
      parent_id: d.parentId,
      current_version: 1,
      journalised_at: null,
      journalised_by: null,
      finalised_at: null,
      finalised_by: null,
      created_at: now,
      created_by: actor.id,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('document_versions')
    .values({
      document_id: id,
      version: 1,
      blob_sha256: d.sha256,
      filename: d.filename,
      mime: d.mime,
      size: d.size,
      text_status: d.text.status,
      text_content: d.text.text,
      rendition_sha256: null,
      rendition_status: 'pending',
      locked: 0,
      note: null,
      created_at: now,
      created_by: actor.id,
    })
    .execute();
  await reindexDocument(tx, id);
  return id;
}

const titleFromFilename = (name: string) =>
  path
    .basename(name)
    .replace(/\.[^.]+$/, '')
    .replace(/[_]+/g, ' ')
    .trim() || name;

/**
 * Stores the uploaded files as documents on the case. E-mails (.eml, .msg) fill their own
 * metadata (sender, recipients, date, subject) and each attachment becomes a document of its
 * own, linked to the mail. Returns the new document ids.
 */
export async function uploadDocuments(
  database: Database,
  blobs: BlobStore,
  c: CaseRow,
  files: UploadFile[],
  meta: UploadMeta,
  actor: AuditActor,
  opts: { limits?: Limits; ip?: string | null } = {},
): Promise<({ ok: true } & UploadOutcome) | { ok: false; problems: UploadProblem[]; metaErrors: MetaErrors }> {
  const metaErrors = validateMeta(meta, { requireTitle: false });
  const checked = await checkFiles(files, opts.limits);
  if (!checked.ok || Object.keys(metaErrors).length) {
    return { ok: false, problems: checked.ok ? [] : checked.problems, metaErrors };
  }

  // Parse e-mails before anything is stored, so a broken one refuses the upload cleanly.
  type Planned = { main: NewDoc; attachments: NewDoc[] };
  const planned: Planned[] = [];
  const problems: UploadProblem[] = [];
  for (const p of checked.files) {
    const direction = meta.direction as Direction;
    const base = {
      direction,
      documentDate: clean(meta.documentDate),
      sender: clean(meta.sender) || null,
      recipient: clean(meta.recipient) || null,
      parentId: null,
    };
    if (p.ext === 'eml' || p.ext === 'msg') {
      let mail: ParsedEmail;
      try {
        // In the extraction worker, with its time and memory limits: never on the event loop.
        mail = await parseEmailIsolated(p.file.bytes, p.ext);
      } catch {
        problems.push({ file: p.file.name, key: 'documents.error.badEmail' });
        continue;
      }
      const attachments: NewDoc[] = [];
      for (const a of mail.attachments) {
        // The same check as an upload: type from the content, allow-list, size.
        const detected =
          a.content.length > (opts.limits ?? DEFAULT_LIMITS).maxFileBytes
            ? null
            : await detectType(a.content, a.filename, a.mime);
        attachments.push({
          ...base,
          title: titleFromFilename(a.filename),
          kind: 'file',
          sender: mail.from ?? base.sender,
          recipient: mail.to.join(', ') || base.recipient,
          // A refused attachment keeps its name for the record, with `.bin` so that nothing opens it as what it claims to be.
          filename: detected?.ok ? a.filename : blockedFilename(a.filename),
          mime: detected?.ok ? detected.mime : BLOCKED_MIME,
          size: a.content.length,
          sha256: '',
          text: detected?.ok ? await extractText(a.content, detected.mime) : { status: 'unsupported', text: null },
          bytes: a.content,
        } as NewDoc & { bytes: Buffer });
      }
      planned.push({
        main: {
          ...base,
          title:
            clean(meta.title) && checked.files.length === 1
              ? clean(meta.title)
              : mail.subject || titleFromFilename(p.file.name),
          kind: 'email',
          documentDate: mail.date ? mail.date.slice(0, 10) : base.documentDate,
          sender: mail.from ?? base.sender,
          recipient: [...mail.to, ...mail.cc].join(', ') || base.recipient,
          filename: p.file.name,
          mime: p.mime,
          size: p.file.bytes.length,
          sha256: '',
          text: mail.text.trim()
            ? { status: 'extracted', text: [mail.subject, mail.text].filter(Boolean).join('\n\n') }
            : { status: 'empty', text: null },
          bytes: p.file.bytes,
        } as NewDoc & { bytes: Buffer },
        attachments,
      });
    } else {
      planned.push({
        main: {
          ...base,
          title: clean(meta.title) && checked.files.length === 1 ? clean(meta.title) : titleFromFilename(p.file.name),
          kind: 'file',
          filename: p.file.name,
          mime: p.mime,
          size: p.file.bytes.length,
          sha256: '',
          text: await extractText(p.file.bytes, p.mime),
          bytes: p.file.bytes,
        } as NewDoc & { bytes: Buffer },
        attachments: [],
      });
    }
  }
  if (problems.length) return { ok: false, problems, metaErrors: {} };

  // Blobs first (content-addressed, written atomically; an unreferenced blob is harmless), then
  // all rows in one transaction.
  for (const p of planned) {
    for (const d of [p.main, ...p.attachments] as Array<NewDoc & { bytes: Buffer }>)
      d.sha256 = await blobs.put(database, d.bytes);
  }
  const ids = await writeTransaction(database, async (tx) => {
    const out: number[] = [];
    for (const p of planned) {
      const mainId = await insertDocument(tx, c, p.main, actor);
      out.push(mainId);
      for (const a of p.attachments) out.push(await insertDocument(tx, c, { ...a, parentId: mainId }, actor));
      await appendAudit(tx, {
        actor,
        action: 'document.create',
        entityType: 'case',
        entityId: c.id,
        summary: `Uploaded "${p.main.title}" to ${c.number}${p.attachments.length ? ` with ${p.attachments.length} attachments` : ''}`,
        details: {
          document: mainId,
          title: p.main.title,
          filename: p.main.filename,
          kind: p.main.kind,
          attachments: p.attachments.length,
        },
        ip: opts.ip ?? null,
      });
    }
    await tx.db.updateTable('cases').set({ updated_at: nowIso() }).where('id', '=', c.id).execute();
    return out;
  });
  const stored = planned.flatMap((p) => [p.main, ...p.attachments]);
  return {
    ok: true,
    ids,
    blocked: stored.filter((d) => d.mime === BLOCKED_MIME).length,
    textFailed: stored.filter((d) => d.text.status === 'failed').length,
  };
}

function blockedFilename(name: string): string {
  return /\.bin$/i.test(name) ? name : `${name}.bin`;
}

export async function getDocument(
  database: Database,
  caseId: number,
  documentId: number,
): Promise<DocumentRow | undefined> {
  return database.db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function listVersions(
  database: Database,
  documentId: number,
): Promise<Array<Omit<VersionRow, 'text_content'> & { created_by_name: string | null }>> {
  return database.db
    .selectFrom('document_versions')
    .leftJoin('users', 'users.id', 'document_versions.created_by')
    .select([
      'document_versions.id',
      'document_versions.document_id',
      'document_versions.version',
      'document_versions.blob_sha256',
      'document_versions.filename',
      'document_versions.mime',
      'document_versions.size',
      'document_versions.text_status',
      'document_versions.rendition_sha256',
      'document_versions.rendition_status',
      'document_versions.locked',
      'document_versions.note',
      'document_versions.created_at',
      'document_versions.created_by',
      'users.display_name as created_by_name',
    ])
    .where('document_versions.document_id', '=', documentId)
    .orderBy('document_versions.version', 'desc')
    .execute();
}

export async function getVersion(
  database: Database,
  documentId: number,
  version: number,
): Promise<VersionRow | undefined> {
  return database.db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export interface DocumentListItem {
  id: number;
  number: number | null;
  title: string;
  kind: DocumentRow['kind'];
  direction: Direction;
  documentDate: string;
  sender: string | null;
  recipient: string | null;
  parentId: number | null;
  currentVersion: number;
  journalised: boolean;
  finalised: boolean;
  filename: string;
  mime: string;
  size: number;
  textStatus: VersionRow['text_status'];
}

export async function listDocuments(database: Database, caseId: number): Promise<DocumentListItem[]> {
  const rows = await database.db
    .selectFrom('documents')
    .innerJoin('document_versions', (j) =>
      j
        .onRef('document_versions.document_id', '=', 'documents.id')
        .onRef('document_versions.version', '=', 'documents.current_version'),
    )
    .select([
      'documents.id',
      'documents.number',
      'documents.title',
      'documents.kind',
      'documents.direction',
      'documents.document_date',
      'documents.sender',
      'documents.recipient',
      'documents.parent_id',
      'documents.current_version',
      'documents.journalised_at',
      'documents.finalised_at',
      'document_versions.filename',
      'document_versions.mime',
      'document_versions.size',
      'document_versions.text_status',
    ])
    .where('documents.case_id', '=', caseId)
    .orderBy('documents.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind,
    direction: r.direction,
    documentDate: r.document_date,
    sender: r.sender,
    recipient: r.recipient,
    parentId: r.parent_id,
    currentVersion: r.current_version,
    journalised: !!r.journalised_at,
    finalised: !!r.finalised_at,
    filename: r.filename,
    mime: r.mime,
    size: Number(r.size),
    textStatus: r.text_status,
  }));
}

/** Registers the document in the case's journal with the next document number (§15). */
export async function journalise(
  database: Database,
  c: CaseRow,
  doc: DocumentRow,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; number: number } | { ok: false; error: MessageKey }> {
  if (doc.journalised_at) return { ok: false, error: 'documents.error.alreadyJournalised' };
  return writeTransaction(database, async (tx) => {
    const fresh = await tx.db
      .selectFrom('documents')
      .select('journalised_at')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    if (fresh.journalised_at) return { ok: false as const, error: 'documents.error.alreadyJournalised' as const };
    const number = await nextValue(tx, `doc:${c.id}`);
    const now = nowIso();
    await tx.db
      .updateTable('documents')
      .set({ number, journalised_at: now, journalised_by: actor.id, updated_at: now })
      .where('id', '=', doc.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'document.journalise',
      entityType: 'case',
      entityId: c.id,
      summary: `Journalised "${doc.title}" as document ${number} on ${c.number}`,
      details: { document: doc.id, number, title: doc.title },
      ip: opts.ip ?? null,
    });
    await reindexDocument(tx, doc.id);
    return { ok: true as const, number };
  });
}

/**
 * A document the system made itself (a letter from the letters module), stored and journalised
 * at once: call it inside the transaction that also records why it was made (the outbox
 * message), so the document and what sends it commit together. The file's blob must already be
 * stored (`blobs.put`); `text` is its searchable text. Returns the id and the journal number.
 */
export async function addJournalisedDocument(
  tx: Database,
  c: CaseRow,
  d: {
    title: string;
    direction: Direction;
    documentDate: string;
    sender: string | null;
    recipient: string | null;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    text: string;
  },
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ id: number; number: number }> {
  return writeTransaction(tx, async (tx) => {
    const id = await insertDocument(
      tx,
      c,
      { ...d, kind: 'file', parentId: null, text: { status: 'extracted', text: d.text } },
      actor,
    );
    await appendAudit(tx, {
      actor,
      action: 'document.create',
      entityType: 'case',
      entityId: c.id,
      summary: `Made "${d.title}" on ${c.number}`,
      details: { document: id, title: d.title, filename: d.filename, kind: 'file', attachments: 0 },
      ip: opts.ip ?? null,
    });
    const doc = await tx.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const journalised = await journalise(tx, c, doc, actor, opts);
    if (!journalised.ok) throw new Error(`document ${id} could not be journalised: ${journalised.error}`);
    await tx.db.updateTable('cases').set({ updated_at: nowIso() }).where('id', '=', c.id).execute();
    return { id, number: journalised.number };
  });
}

/**
 * Locks the current version for good. A PDF rendition is made first (office files through
 * LibreOffice, images through pdfkit); where LibreOffice is missing or fails, the version is
 * still locked and the page says no rendition was made.
 */
export async function finalise(
  database: Database,
  blobs: BlobStore,
  c: CaseRow,
  doc: DocumentRow,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; rendition: VersionRow['rendition_status'] } | { ok: false; error: MessageKey }> {
  if (!doc.journalised_at) return { ok: false, error: 'documents.error.notJournalised' };
  const version = await getVersion(database, doc.id, doc.current_version);
  if (!version) return { ok: false, error: 'documents.error.notJournalised' };
  if (version.locked) return { ok: false, error: 'documents.error.alreadyFinal' };
  // The type decided from the content at upload, never the file name: a blocked attachment (or
  // anything not on the allow-list) is never handed to a converter.
  const ext = extForMime(version.mime);
  let rendition: VersionRow['rendition_status'] = 'not_needed';
  let renditionSha: string | null = null;
  if (!ext) {
    rendition = 'failed';
  } else if (ext !== 'pdf') {
    const result = await makePdfRendition(await blobs.read(version.blob_sha256), ext);
    rendition = result.status === 'made' ? 'made' : result.status;
    if (result.status === 'made') renditionSha = await blobs.put(database, result.pdf);
  }
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    await tx.db
      .updateTable('document_versions')
      .set({ rendition_sha256: renditionSha, rendition_status: rendition, locked: 1 })
      .where('id', '=', version.id)
      .execute();
    await tx.db
      .updateTable('documents')
      .set({ finalised_at: now, finalised_by: actor.id, updated_at: now })
      .where('id', '=', doc.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'document.finalise',
      entityType: 'case',
      entityId: c.id,
      summary: `Finalised "${doc.title}" (version ${version.version}) on ${c.number}; rendition: ${rendition}`,
      details: { document: doc.id, number: doc.number, version: version.version, title: doc.title, rendition },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, rendition };
}

/** A correction: a new version of the document. Locked versions stay as they are. */
export async function addVersion(
  database: Database,
  blobs: BlobStore,
  c: CaseRow,
  doc: DocumentRow,
  file: UploadFile,
  note: string,
  actor: AuditActor,
  opts: { limits?: Limits; ip?: string | null } = {},
): Promise<{ ok: true; version: number } | { ok: false; problems: UploadProblem[] }> {
  const checked = await checkFiles([file], opts.limits);
  if (!checked.ok) return checked;
  const p = checked.files[0]!;
  const text = await extractText(p.file.bytes, p.mime);
  const sha256 = await blobs.put(database, p.file.bytes);
  const version = await writeTransaction(database, async (tx) => {
    const current = await tx.db
      .selectFrom('documents')
      .select('current_version')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    const next = current.current_version + 1;
    const now = nowIso();
    await tx.db
      .insertInto('document_versions')
      .values({
        document_id: doc.id,
        version: next,
        blob_sha256: sha256,
        filename: p.file.name,
        mime: p.mime,
        size: p.file.bytes.length,
        text_status: text.status,
        text_content: text.text,
        rendition_sha256: null,
        rendition_status: 'pending',
        locked: 0,
        note: clean(note) || null,
        created_at: now,
        created_by: actor.id,
      })
      .execute();
    // A new version is a draft again until it is finalised.
    await tx.db
      .updateTable('documents')
      .set({ current_version: next, finalised_at: null, finalised_by: null, updated_at: now })
      .where('id', '=', doc.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'document.version',
      entityType: 'case',
      entityId: c.id,
      summary: `New version ${next} of "${doc.title}" on ${c.number}`,
      details: { document: doc.id, version: next, title: doc.title, note: clean(note) || null },
      ip: opts.ip ?? null,
    });
    await reindexDocument(tx, doc.id);
    return next;
  });
  return { ok: true, version };
}

/** Changes title, direction, date, sender or recipient; not once the document is finalised. */
export async function updateMeta(
  database: Database,
  c: CaseRow,
  doc: DocumentRow,
  meta: UploadMeta,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; errors: MetaErrors } | { ok: false; error: MessageKey }> {
  if (doc.finalised_at) return { ok: false, error: 'documents.error.alreadyFinal' };
  const errors = validateMeta(meta, { requireTitle: true });
  if (Object.keys(errors).length) return { ok: false, errors };
  const after = {
    title: clean(meta.title),
    direction: meta.direction as Direction,
    document_date: clean(meta.documentDate),
    sender: clean(meta.sender) || null,
    recipient: clean(meta.recipient) || null,
  };
  const changed = Object.entries(after)
    .filter(([k, val]) => (doc as unknown as Record<string, unknown>)[k] !== val)
    .map(([k]) => k);
  if (!changed.length) return { ok: true };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('documents')
      .set({ ...after, updated_at: nowIso() })
      .where('id', '=', doc.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'document.update',
      entityType: 'case',
      entityId: c.id,
      summary: `Changed ${changed.join(', ')} of "${doc.title}" on ${c.number}`,
      details: { document: doc.id, title: after.title, fields: changed },
      ip: opts.ip ?? null,
    });
    await reindexDocument(tx, doc.id);
    await reindexCase(tx, c.id);
  });
  return { ok: true };
}

export interface RecentDocument {
  id: number;
  title: string;
  caseId: number;
  caseNumber: string;
  caseTitle: string;
  createdAt: string;
  filename: string;
  mime: string;
}

/**
 * The documents the user added most recently, on cases they may still see (visibleCases: a
 * confidential case they have since lost access to drops out). For "my page".
 */
export async function recentDocumentsByUser(database: Database, user: Actor, limit = 10): Promise<RecentDocument[]> {
  const rows = await database.db
    .selectFrom('documents')
    .innerJoin('cases', 'cases.id', 'documents.case_id')
    .innerJoin('document_versions', (j) =>
      j
        .onRef('document_versions.document_id', '=', 'documents.id')
        .onRef('document_versions.version', '=', 'documents.current_version'),
    )
    .select([
      'documents.id',
      'documents.title',
      'documents.created_at',
      'cases.id as case_id',
      'cases.number as case_number',
      'cases.title as case_title',
      'document_versions.filename',
      'document_versions.mime',
    ])
    .where('documents.created_by', '=', user.id)
    .where(visibleCases(user))
    .orderBy('documents.created_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    createdAt: r.created_at,
    filename: r.filename,
    mime: r.mime,
  }));
}
