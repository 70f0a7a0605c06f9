import { Worker } from 'node:worker_threads';
import { InvalidEmailError, type ParsedEmail } from './email.ts';
import { extForMime, type DocumentExt } from '../../files/types.ts';
import { concurrencyFromEnv, createSlots } from './slots.ts';
import { decodeText } from './text.ts';
import { zipRefusal } from './zip-guard.mjs';

/**
 * Plain text from an uploaded document, for search and for showing beside the file.
 *
 * - PDF (unpdf, i.e. pdf.js), DOCX (mammoth), ODT/ODS/ODP (content.xml through fflate and
 *   htmlparser2) and HTML (html-to-text) run in a worker thread with a timeout and a heap limit:
 *   a hostile file ends in `failed`, never in a hung or crashed server.
 * - ZIP containers (DOCX, ODF) are refused (`failed`) before any worker starts when their
 *   directory declares more than `MAX_UNPACKED_BYTES` unpacked (zip-guard.mjs); the worker then
 *   inflates each part with a counter that stops at the declared size, and hands mammoth only a
 *   copy it made itself.
 * - TXT and CSV are decoded here (byte-order mark, else UTF-8, else Windows-1252).
 * - E-mails (EML, MSG) give their header lines and body through `parseEmail()`, run in the worker
 *   too (`parseEmailIsolated()`).
 * - Images and the other accepted types are `unsupported` (no OCR).
 *
 * Never throws. `text` is a string exactly when `status` is `extracted`; it is capped at
 * `maxChars` (then `truncated` is true). One worker per call, at most `EXTRACT_CONCURRENCY`
 * (default 2) at once in a process; the others wait their turn.
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
const EMAIL_MODULE_URL = new URL('./email.ts', import.meta.url).href;

/** Workers (extractions and e-mail parsing) running at once in this process. */
export const extractionSlots = createSlots(concurrencyFromEnv(process.env.EXTRACT_CONCURRENCY, 2));

type WorkerKind = 'pdf' | 'docx' | 'opendocument' | 'html' | 'email';

/** Types stored as ZIP containers, whose unpacked size is checked before anything unpacks them. */
export const ZIP_CONTAINERS: ReadonlySet<DocumentExt> = new Set(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

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
      const text = emailAsText(await parseEmailIsolated(buffer, ext, limits));
      return finish(text.length > maxChars ? text.slice(0, maxChars) : text, text.length > maxChars);
    }
    const kind = WORKER_KIND[ext];
    if (!kind) return { status: 'unsupported', text: null };
    if (ZIP_CONTAINERS.has(ext)) {
      const refusal = zipRefusal(buffer);
      if (refusal) return { status: 'failed', text: null, reason: refusal };
    }
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

/**
 * `parseEmail()` in a worker thread, with the same time and memory limits as text extraction and
 * within the same slots. Throws an `InvalidEmailError` for a file that is not an e-mail, and an
 * Error when the worker ran out of time or memory.
 */
export async function parseEmailIsolated(
  buffer: Uint8Array,
  kind: 'eml' | 'msg',
  options: Omit<ExtractOptions, 'maxChars'> = {},
): Promise<ParsedEmail> {
  if (buffer.byteLength === 0) throw new InvalidEmailError('the file is empty');
  const limits = {
    maxChars: DEFAULT_MAX_CHARS,
    timeoutMs: options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
  };
  const message = await runWorkerRaw(
    { kind: 'email', data: buffer, emailKind: kind, emailModule: EMAIL_MODULE_URL },
    limits,
  );
  const email = (message as { email: ParsedEmail }).email;
  // Structured cloning turns Buffers into plain Uint8Arrays.
  return {
    ...email,
    attachments: email.attachments.map((a) => ({
      ...a,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    })),
  };
}

interface WorkerTask {
  kind: WorkerKind;
  data?: Uint8Array;
  html?: string;
  emailKind?: 'eml' | 'msg';
  emailModule?: string;
}

interface WorkerLimits {
  maxChars: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

async function runWorker(task: WorkerTask, limits: WorkerLimits): Promise<{ text: string; truncated: boolean }> {
  const message = (await runWorkerRaw(task, limits)) as { text: string; truncated: boolean };
  return { text: message.text, truncated: message.truncated };
}

type WorkerMessage = { ok: true; [key: string]: unknown } | { ok: false; error: string; code?: string };

/** Runs one task in a fresh worker, in turn; rejects on its error, its crash or the timeout. */
function runWorkerRaw(task: WorkerTask, limits: WorkerLimits): Promise<Record<string, unknown>> {
  return extractionSlots.run(() => startWorker(task, limits));
}

function startWorker(task: WorkerTask, limits: WorkerLimits): Promise<Record<string, unknown>> {
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
    worker.once('message', (message: WorkerMessage) => {
      settle(() => {
        if (message.ok) resolve(message);
        else reject(message.code === 'invalid_email' ? new InvalidEmailError(message.error) : new Error(message.error));
      });
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`extraction worker stopped (exit code ${code})`))));
  });
}
