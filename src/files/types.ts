import { fileTypeFromBuffer } from 'file-type';
import * as CFB from 'cfb';

/**
 * Which files we accept (case documents, and the images and files other modules take), and what
 * a file really is; file names for storage and for Content-Disposition.
 *
 * The allow-list is keyed by a canonical extension. `detectType()` decides the real type from the
 * content (magic bytes through `file-type`, which looks inside ZIP containers to tell
 * DOCX/XLSX/PPTX/ODT/ODS/ODP apart; OLE2 compound files — DOC, XLS, MSG — are told apart by their
 * stream names through `cfb`) and refuses a file whose content is not allowed or contradicts its
 * name. The browser's declared MIME type is never trusted; it only breaks the tie for a text file
 * uploaded without an extension.
 *
 * Pure functions: no database, no HTTP.
 */

export type DocumentExt =
  | 'pdf'
  | 'docx'
  | 'doc'
  | 'xlsx'
  | 'xls'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'rtf'
  | 'txt'
  | 'csv'
  | 'html'
  | 'png'
  | 'jpg'
  | 'gif'
  | 'webp'
  | 'tif'
  | 'eml'
  | 'msg';

export interface DocumentType {
  ext: DocumentExt;
  mime: string;
  /** Plain text of some kind: no magic bytes, recognised by being text and by its name. */
  text: boolean;
  /** Other file-name extensions that mean the same type. */
  aliases: readonly string[];
}

export const DOCUMENT_TYPES: Readonly<Record<DocumentExt, DocumentType>> = {
  pdf: { ext: 'pdf', mime: 'application/pdf', text: false, aliases: [] },
  docx: {
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    text: false,
    aliases: [],
  },
  doc: { ext: 'doc', mime: 'application/msword', text: false, aliases: [] },
  xlsx: {
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    text: false,
    aliases: [],
  },
  xls: { ext: 'xls', mime: 'application/vnd.ms-excel', text: false, aliases: [] },
  pptx: {
    ext: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    text: false,
    aliases: [],
  },
  odt: { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text', text: false, aliases: [] },
  ods: { ext: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet', text: false, aliases: [] },
  odp: { ext: 'odp', mime: 'application/vnd.oasis.opendocument.presentation', text: false, aliases: [] },
  rtf: { ext: 'rtf', mime: 'application/rtf', text: false, aliases: [] },
  txt: { ext: 'txt', mime: 'text/plain', text: true, aliases: ['text'] },
  csv: { ext: 'csv', mime: 'text/csv', text: true, aliases: [] },
  html: { ext: 'html', mime: 'text/html', text: true, aliases: ['htm'] },
  png: { ext: 'png', mime: 'image/png', text: false, aliases: [] },
  jpg: { ext: 'jpg', mime: 'image/jpeg', text: false, aliases: ['jpeg', 'jpe', 'jfif'] },
  gif: { ext: 'gif', mime: 'image/gif', text: false, aliases: [] },
  webp: { ext: 'webp', mime: 'image/webp', text: false, aliases: [] },
  tif: { ext: 'tif', mime: 'image/tiff', text: false, aliases: ['tiff'] },
  eml: { ext: 'eml', mime: 'message/rfc822', text: true, aliases: [] },
  msg: { ext: 'msg', mime: 'application/vnd.ms-outlook', text: false, aliases: [] },
};

/** The canonical extensions of every accepted type. */
export const ALLOWED_EXTENSIONS: readonly DocumentExt[] = Object.keys(DOCUMENT_TYPES) as DocumentExt[];

/** Every file-name extension we accept (canonical ones and aliases), for an `accept` attribute. */
export const ACCEPTED_FILENAME_EXTENSIONS: readonly string[] = ALLOWED_EXTENSIONS.flatMap((ext) => [
  ext,
  ...DOCUMENT_TYPES[ext].aliases,
]);

const EXT_BY_NAME = new Map<string, DocumentExt>(
  ALLOWED_EXTENSIONS.flatMap((ext) => [ext, ...DOCUMENT_TYPES[ext].aliases].map((name) => [name, ext] as const)),
);

const EXT_BY_MIME = new Map<string, DocumentExt>([
  ...ALLOWED_EXTENSIONS.map((ext) => [DOCUMENT_TYPES[ext].mime, ext] as const),
  ['image/jpg', 'jpg'],
  ['image/pjpeg', 'jpg'],
  ['text/rtf', 'rtf'],
  ['application/xhtml+xml', 'html'],
  ['application/csv', 'csv'],
  ['text/comma-separated-values', 'csv'],
  ['application/x-msg', 'msg'],
]);

/** The canonical extension for a file-name extension or alias (`JPEG` → `jpg`), or null if not allowed. */
export function canonicalExt(ext: string): DocumentExt | null {
  return EXT_BY_NAME.get(ext.trim().toLowerCase().replace(/^\./, '')) ?? null;
}

/** The canonical extension for a MIME type (parameters ignored), or null if not allowed. */
export function extForMime(mime: string | null | undefined): DocumentExt | null {
  if (!mime) return null;
  return EXT_BY_MIME.get(mime.split(';')[0]!.trim().toLowerCase()) ?? null;
}

/**
 * The type stored for an e-mail attachment whose type we do not accept (kept as part of the
 * mail's record). No accepted type has it, so it is never rendered, indexed or shown inline.
 */
export const BLOCKED_MIME = 'application/octet-stream';

/** Whether a stored file is a blocked e-mail attachment. */
export function isBlocked(file: { mime: string }): boolean {
  return file.mime === BLOCKED_MIME;
}

/** The MIME type we store and serve for an accepted type. */
export function mimeForExt(ext: DocumentExt): string {
  return DOCUMENT_TYPES[ext].mime;
}

/** The lower-cased extension of a file name (without the dot), or '' when it has none. */
export function filenameExtension(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return '';
  return base
    .slice(dot + 1)
    .trim()
    .toLowerCase();
}

export type DetectResult =
  { ok: true; mime: string; ext: DocumentExt } | { ok: false; reason: 'not_allowed' | 'mismatch' | 'empty' };

/** What the content of a file is, before the file name is considered. */
type Sniffed =
  | { kind: 'allowed'; ext: DocumentExt }
  /** A known type outside the allow-list (an executable, a plain ZIP, a macro-enabled document, …). */
  | { kind: 'other'; label: string }
  /** Plain text with no recognisable signature: TXT, CSV, HTML or EML decide by name. */
  | { kind: 'text' }
  /** Binary data of no type we know. */
  | { kind: 'unknown' };

/** file-type results that are plain text, so the file name decides between TXT/CSV/HTML/EML. */
const TEXTUAL_FILE_TYPES = new Set(['xml', 'ics', 'vcf', 'vtt']);

/**
 * Decides the real type of an upload from its bytes and refuses it when:
 * - it is empty (`empty`);
 * - its content is a known type outside the allow-list, or its name has an extension outside the
 *   allow-list, or the content is unrecognisable binary and the name gives no allowed type
 *   (`not_allowed`);
 * - its content is an allowed type other than the one its name claims, e.g. a PDF named `.docx`
 *   or a text file named `.pdf` (`mismatch`).
 *
 * A file without an extension is judged by its content alone (text: by `declaredMime`, else by
 * its look: HTML, e-mail, otherwise plain text). Password-protected Office files (an OLE2 container
 * holding an `EncryptedPackage`) are `not_allowed`: they can be neither indexed, rendered nor
 * archived.
 */
export async function detectType(
  buffer: Uint8Array,
  filename: string,
  declaredMime?: string | null,
): Promise<DetectResult> {
  if (buffer.byteLength === 0) return { ok: false, reason: 'empty' };

  const nameExtRaw = filenameExtension(filename);
  const nameExt = nameExtRaw ? canonicalExt(nameExtRaw) : null;
  if (nameExtRaw && !nameExt) return { ok: false, reason: 'not_allowed' };

  const sniffed = await sniff(buffer);
  switch (sniffed.kind) {
    case 'other':
      return { ok: false, reason: 'not_allowed' };
    case 'unknown':
      return { ok: false, reason: nameExt ? 'mismatch' : 'not_allowed' };
    case 'allowed':
      if (nameExt && nameExt !== sniffed.ext) return { ok: false, reason: 'mismatch' };
      return accepted(sniffed.ext);
    case 'text': {
      if (nameExt) {
        if (!DOCUMENT_TYPES[nameExt].text) return { ok: false, reason: 'mismatch' };
        if (nameExt === 'eml' && !looksLikeEmail(buffer)) return { ok: false, reason: 'mismatch' };
        return accepted(nameExt);
      }
      const declared = extForMime(declaredMime);
      if (declared && DOCUMENT_TYPES[declared].text && (declared !== 'eml' || looksLikeEmail(buffer))) {
        return accepted(declared);
      }
      if (looksLikeHtml(buffer)) return accepted('html');
      if (looksLikeEmail(buffer)) return accepted('eml');
      return accepted('txt');
    }
  }
}

function accepted(ext: DocumentExt): DetectResult {
  return { ok: true, ext, mime: DOCUMENT_TYPES[ext].mime };
}

async function sniff(buffer: Uint8Array): Promise<Sniffed> {
  // A UTF-16 byte-order mark (FF FE) also looks like an MPEG audio frame to file-type: text first.
  if (hasUtf16Bom(buffer)) return looksLikeText(buffer) ? { kind: 'text' } : { kind: 'unknown' };
  let found: { ext: string; mime: string } | undefined;
  try {
    found = await fileTypeFromBuffer(buffer);
  } catch {
    found = undefined;
  }
  if (found) {
    if (found.ext === 'cfb') return sniffCompoundFile(buffer);
    if (TEXTUAL_FILE_TYPES.has(found.ext)) return looksLikeText(buffer) ? { kind: 'text' } : { kind: 'unknown' };
    const ext = canonicalExt(found.ext);
    // file-type's extension names match our canonical ones for every allowed binary type.
    if (ext && !DOCUMENT_TYPES[ext].text) return { kind: 'allowed', ext };
    return { kind: 'other', label: found.ext };
  }
  return looksLikeText(buffer) ? { kind: 'text' } : { kind: 'unknown' };
}

/** What an OLE2 compound file holds, or null when the bytes are not a readable compound file. */
export type CompoundFileKind = 'doc' | 'xls' | 'msg' | 'ppt' | 'encrypted-ooxml' | 'other';

/**
 * OLE2 compound files (Word 97–2003, Excel 97–2003, Outlook items, PowerPoint 97–2003, encrypted
 * OOXML, …) share one signature; the names of the streams inside tell them apart.
 */
export function compoundFileKind(buffer: Uint8Array): CompoundFileKind | null {
  let names: Set<string>;
  try {
    const container = CFB.read(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), { type: 'buffer' });
    names = new Set(container.FileIndex.map((entry) => entry.name));
  } catch {
    return null;
  }
  if (names.has('EncryptedPackage')) return 'encrypted-ooxml';
  if (names.has('__properties_version1.0') && [...names].some((n) => n.startsWith('__substg1.0_'))) return 'msg';
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  if (names.has('PowerPoint Document')) return 'ppt';
  return 'other';
}

function sniffCompoundFile(buffer: Uint8Array): Sniffed {
  const kind = compoundFileKind(buffer);
  if (kind === null) return { kind: 'unknown' };
  if (kind === 'doc' || kind === 'xls' || kind === 'msg') return { kind: 'allowed', ext: kind };
  return { kind: 'other', label: kind };
}

const SAMPLE_BYTES = 64 * 1024;

/** Text in some 8-bit encoding or UTF-16 with a byte-order mark: no NUL characters, few control characters. */
export function looksLikeText(buffer: Uint8Array): boolean {
  if (hasUtf16Bom(buffer)) {
    const sample = buffer.subarray(2, 2 + SAMPLE_BYTES - (SAMPLE_BYTES % 2));
    const text = new TextDecoder(buffer[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(sample);
    return fewControlCharacters(Array.from(text, (ch) => ch.codePointAt(0)!));
  }
  return fewControlCharacters(buffer.subarray(0, SAMPLE_BYTES));
}

function fewControlCharacters(codes: Iterable<number>): boolean {
  let control = 0;
  let total = 0;
  for (const code of codes) {
    total++;
    if (code === 0) return false;
    // Tab, LF, FF, CR and ESC occur in real text files; other C0 controls and DEL do not.
    if ((code < 0x20 && code !== 9 && code !== 10 && code !== 12 && code !== 13 && code !== 27) || code === 0x7f)
      control++;
  }
  return control <= total * 0.01;
}

function hasUtf16Bom(buffer: Uint8Array): boolean {
  return (
    buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
  );
}

function headText(buffer: Uint8Array, bytes = 8192): string {
  return Buffer.from(buffer.buffer, buffer.byteOffset, Math.min(buffer.byteLength, bytes))
    .toString('latin1')
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '');
}

function looksLikeHtml(buffer: Uint8Array): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(headText(buffer, 2048));
}

/**
 * Header fields of a message (RFC 5322) or of a MIME entity (RFC 2045): a saved mail may carry
 * only its MIME fields (`Content-Type`), e.g. one exported from a system that drops the envelope.
 */
const EMAIL_HEADERS =
  /^(from|to|cc|bcc|date|subject|message-id|received|return-path|mime-version|delivered-to|reply-to|sender|in-reply-to|references|content-type|content-transfer-encoding|content-disposition|content-id|content-description|x-[a-z0-9-]+):/im;
const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+:/;

/**
 * An RFC 5322 message or MIME entity: starts with header fields (or an mbox `From ` line), every
 * line up to the first blank one is a field or a folded continuation, and one is a known field.
 */
export function looksLikeEmail(buffer: Uint8Array): boolean {
  const head = headText(buffer);
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  const lines = block.split(/\r?\n/);
  const firstLine = lines[0] ?? '';
  if (!/^From .+/.test(firstLine) && !HEADER_FIELD.test(firstLine)) return false;
  // Only the lines read in full (the sample may cut the last one) must be fields.
  const complete = end === -1 && head.length >= 8192 ? lines.slice(1, -1) : lines.slice(1);
  if (!complete.every((line) => HEADER_FIELD.test(line) || /^[ \t]/.test(line) || /^>?From /.test(line))) return false;
  return EMAIL_HEADERS.test(block);
}

// ---------------------------------------------------------------------------------------------
// File names for storage and for Content-Disposition

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_FILENAME_BYTES = 200;

/**
 * A file name that is safe to store and to send back in Content-Disposition: no directories,
 * no control or bidirectional-override characters, none of `<>:"/\|?*`, no leading dots or
 * trailing dots/spaces, not a Windows device name, at most 200 UTF-8 bytes (the extension kept),
 * Unicode NFC (macOS sends decomposed `å`). Danish and other letters are kept as they are.
 */
export function safeFilename(name: string, fallback = 'dokument'): string {
  let base =
    String(name ?? '')
      .normalize('NFC')
      .split(/[\\/]/)
      .filter((part) => part.length > 0)
      .pop() ?? '';
  base = base
    // C0/C1 control characters and DEL.
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    // Bidirectional overrides and zero-width characters can disguise an extension (`txt.exe` shown as `exe.txt`).
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`;
  base = truncateKeepingExtension(base, MAX_FILENAME_BYTES);
  return base.length > 0 ? base : fallback;
}

function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  const budget = maxBytes - Buffer.byteLength(ext, 'utf8');
  let out = '';
  let used = 0;
  for (const ch of stem) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return out.trimEnd() + ext;
}

const DANISH_ASCII: Record<string, string> = {
  æ: 'ae',
  Æ: 'Ae',
  ø: 'oe',
  Ø: 'Oe',
  å: 'aa',
  Å: 'Aa',
  ß: 'ss',
};

/** A printable-ASCII version of a file name for the `filename=` fallback: `Østergade.pdf` → `Oestergade.pdf`. */
export function asciiFilename(name: string): string {
  const ascii = name
    .replace(/[æÆøØåÅß]/g, (ch) => DANISH_ASCII[ch] ?? ch)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    // Quotes and backslashes would need escaping that browsers handle differently; '%' may be
    // percent-decoded by some of them (RFC 6266 appendix D).
    .replace(/["\\%]/g, '_')
    .replace(/[^\x20-\x7e]/g, '_');
  return ascii.trim().length > 0 ? ascii : 'dokument';
}

/** RFC 5987 `value-chars`: everything outside `attr-char` percent-encoded as UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * A Content-Disposition header value (RFC 6266) for a download (`attachment`) or an in-browser
 * view (`inline`): a quoted ASCII `filename=` fallback and, when the name is not plain ASCII,
 * `filename*=UTF-8''…` (RFC 5987) with the real name. The name goes through `safeFilename()`.
 */
export function contentDisposition(filename: string, inline = false): string {
  const name = safeFilename(filename);
  const ascii = asciiFilename(name);
  const type = inline ? 'inline' : 'attachment';
  if (ascii === name) return `${type}; filename="${ascii}"`;
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
