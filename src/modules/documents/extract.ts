import { Worker } from 'node:worker_threads';
import { parseEmail, type ParsedEmail } from './email.ts';
import { extForMime, type DocumentExt } from './filetypes.ts';
import { decodeText } from './text.ts';

/**
 * Plain text from an uploaded document, for search and for showing beside the file.
 *
 * - PDF (unpdf, i.e. pdf.js), DOCX (mammoth), ODT/ODS/ODP (content.xml through fflate and
 *   htmlparser2) and HTML (html-to-text) run in a worker thread with a timeout and a heap limit:
 *   a hostile file ends in `failed`, never in a hung or crashed server.
 * - TXT and CSV are decoded here (byte-order mark, else UTF-8, else Windows-1252).
 * - E-mails (EML, MSG) give their header lines and body through `parseEmail()`.
 * - Images and the other accepted types are `unsupported` (no OCR).
 *
 * Never throws. `text` is a string exactly when `status` is `extracted`; it is capped at
 * `maxChars` (then `truncated` is true). Starts one worker per call: callers that extract many
 * files should run them a few at a time.
 */

export type ExtractResult =
  | { status: 'extracted'; text: string; /** The text was cut at `maxChars`. */ truncated?: boolean }
  | { status: 'empty' | 'unsupported'; text: null }
  | { status: 'failed'; text: null; /** What went wrong, for the log (not for users). */ reason?: string };

export type ExtractStatus = ExtractResult['status'];

export interface ExtractOptions {
  /** Longest text kept, in characters (default 1,000,000). */
  maxChars?: number;
  /** Time allowed for one file before its worker is stopped (default 30 s). */
  timeoutMs?: number;
  /** Heap limit of the worker in MiB (default 512). */
  maxMemoryMb?: number;
}

export const DEFAULT_MAX_CHARS = 1_000_000;
export const DEFAULT_EXTRACT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_MEMORY_MB = 512;

const WORKER_URL = new URL('./extract-worker.mjs', import.meta.url);

type WorkerKind = 'pdf' | 'docx' | 'opendocument' | 'html';

const WORKER_KIND: Partial<Record<DocumentExt, WorkerKind>> = {
  pdf: 'pdf',
  docx: 'docx',
  odt: 'opendocument',
  ods: 'opendocument',
  odp: 'opendocument',
};

export async function extractText(
  buffer: Uint8Array,
  mime: string,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const limits = {
    maxChars,
    timeoutMs: options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
  };
  const ext = extForMime(mime);
  if (!ext) return { status: 'unsupported', text: null };
  if (buffer.byteLength === 0) return { status: 'empty', text: null };
  try {
    if (ext === 'txt' || ext === 'csv') {
      const { text } = decodeText(buffer);
      return finish(text.length > maxChars ? text.slice(0, maxChars) : text, text.length > maxChars);
    }
    if (ext === 'html') {
      const { text } = decodeText(buffer);
      const result = await runWorker({ kind: 'html', html: text }, limits);
      return finish(result.text, result.truncated);
    }
    if (ext === 'eml' || ext === 'msg') {
      const text = emailAsText(await parseEmail(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), ext));
      return finish(text.length > maxChars ? text.slice(0, maxChars) : text, text.length > maxChars);
    }
    const kind = WORKER_KIND[ext];
    if (!kind) return { status: 'unsupported', text: null };
    const result = await runWorker({ kind, data: buffer }, limits);
    return finish(result.text, result.truncated);
  } catch (error) {
    return { status: 'failed', text: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Tidies extracted text: one kind of line break, no control characters, no runs of blank lines. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function finish(raw: string, truncated: boolean): ExtractResult {
  const text = normaliseText(raw);
  if (text.length === 0) return { status: 'empty', text: null };
  return { status: 'extracted', text, truncated };
}

function emailAsText(email: ParsedEmail): string {
  const lines = [
    email.from ? `From: ${email.from}` : null,
    email.to.length > 0 ? `To: ${email.to.join(', ')}` : null,
    email.cc.length > 0 ? `Cc: ${email.cc.join(', ')}` : null,
    email.date ? `Date: ${email.date}` : null,
    email.subject ? `Subject: ${email.subject}` : null,
    email.attachments.length > 0 ? `Attachments: ${email.attachments.map((a) => a.filename).join(', ')}` : null,
  ].filter((line): line is string => line !== null);
  return `${lines.join('\n')}\n\n${email.text}`;
}

interface WorkerTask {
  kind: WorkerKind;
  data?: Uint8Array;
  html?: string;
}

interface WorkerLimits {
  maxChars: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

/** Runs one extraction in a fresh worker; rejects on its error, its crash or the timeout. */
function runWorker(task: WorkerTask, limits: WorkerLimits): Promise<{ text: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(WORKER_URL, {
      workerData: { ...task, maxChars: limits.maxChars },
      // The worker is plain JavaScript: it needs none of the parent's flags (such as `--import tsx`).
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
      // pdf.js and mammoth may print warnings about a damaged file; they are not our log's business.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`extraction timed out after ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.once('message', (message: { ok: true; text: string; truncated: boolean } | { ok: false; error: string }) => {
      settle(() => (message.ok ? resolve({ text: message.text, truncated: message.truncated }) : reject(new Error(message.error))));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`extraction worker stopped (exit code ${code})`))));
  });
}
