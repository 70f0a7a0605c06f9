import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import PDFDocument from 'pdfkit';
import { formatDateTime } from '../../i18n/index.ts';
import type { ParsedEmail } from './email.ts';
import { parseEmailIsolated, ZIP_CONTAINERS } from './extract.ts';
import { canonicalExt, type DocumentExt } from '../../files/types.ts';
import { concurrencyFromEnv, createSlots } from './slots.ts';
import { decodeText } from './text.ts';
import { zipRefusal } from './zip-guard.mjs';

/**
 * A PDF rendition of a document, kept beside the original when it is finalised (for reading in
 * any browser and for the archival version).
 *
 * - PDF: `not_needed`.
 * - PNG and JPEG: one A4 page per image through pdfkit (EXIF orientation respected).
 * - E-mails (EML, MSG): a PDF of the header fields and the plain-text body through pdfkit (the
 *   mail is parsed in the extraction worker, with its time and memory limits).
 * - Office and text files, and GIF/WEBP/TIFF: LibreOffice in headless mode, with a fresh
 *   temporary profile per run (so parallel runs never share one), macros off, a timeout after
 *   which the whole process group is killed, and the temporary files removed in every case.
 *   It gets a minimal environment (PATH, LANG, HOME and TMPDIR inside its temporary directory),
 *   never the server's (database URL, SMTP credentials, …). ZIP containers whose directory
 *   declares too much unpacked data are `failed` without starting it. At most
 *   `LIBREOFFICE_CONCURRENCY` (default 2) conversions run at once in a process.
 *   When no LibreOffice is installed: `unavailable`.
 *
 * Never throws.
 *
 * Security: LibreOffice opens untrusted files. Macros are disabled here, remote resources in
 * HTML are removed before conversion, but a document can still point at local files through
 * links: in production run the server (or at least soffice) as a user that cannot read the data
 * directory's secrets, ideally in a container without network.
 */

export type RenditionResult =
  | { status: 'made'; pdf: Buffer }
  | { status: 'not_needed' }
  | { status: 'unavailable' }
  | { status: 'failed'; reason: string };

export interface RenditionOptions {
  /** Longest time a LibreOffice conversion may take (default 60 s). */
  timeoutMs?: number;
  /** The LibreOffice binary to use; default: `findLibreOffice()`. `null` means none. */
  libreOfficePath?: string | null;
}

export const DEFAULT_RENDITION_TIMEOUT_MS = 60_000;

/** Types converted by LibreOffice; the value is the file extension it is given (its import filter follows it). */
const LIBREOFFICE_TYPES: Partial<Record<DocumentExt, string>> = {
  doc: 'doc',
  docx: 'docx',
  xls: 'xls',
  xlsx: 'xlsx',
  pptx: 'pptx',
  odt: 'odt',
  ods: 'ods',
  odp: 'odp',
  rtf: 'rtf',
  txt: 'txt',
  csv: 'csv',
  html: 'html',
  gif: 'gif',
  webp: 'webp',
  tif: 'tif',
};

export async function makePdfRendition(
  buffer: Buffer,
  ext: string,
  options: RenditionOptions = {},
): Promise<RenditionResult> {
  const type = canonicalExt(ext);
  if (!type) return { status: 'failed', reason: `no rendition for the file type "${ext}"` };
  if (type === 'pdf') return { status: 'not_needed' };
  try {
    if (type === 'png' || type === 'jpg') return { status: 'made', pdf: await imageToPdf(buffer) };
    if (type === 'eml' || type === 'msg')
      return { status: 'made', pdf: await emailToPdf(await parseEmailIsolated(buffer, type)) };
    const inputExt = LIBREOFFICE_TYPES[type];
    if (!inputExt) return { status: 'failed', reason: `no rendition for the file type "${ext}"` };
    const soffice = options.libreOfficePath === undefined ? findLibreOffice() : options.libreOfficePath;
    if (!soffice) return { status: 'unavailable' };
    if (ZIP_CONTAINERS.has(type)) {
      const refusal = zipRefusal(buffer);
      if (refusal) return { status: 'failed', reason: refusal };
    }
    return await conversionSlots.run(() =>
      convertWithLibreOffice(soffice, buffer, type, inputExt, options.timeoutMs ?? DEFAULT_RENDITION_TIMEOUT_MS),
    );
  } catch (error) {
    return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------------------------------------
// Finding LibreOffice

const LIBREOFFICE_NAMES = ['soffice', 'libreoffice'];
const LIBREOFFICE_PLACES = [
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The LibreOffice binary: `LIBREOFFICE_PATH` when set (an empty value or one that is not an
 * executable file means none), else `soffice` or `libreoffice` on PATH, else the usual install places.
 */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.LIBREOFFICE_PATH;
  if (configured !== undefined) return configured && isExecutableFile(configured) ? configured : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of LIBREOFFICE_NAMES) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return LIBREOFFICE_PLACES.find(isExecutableFile) ?? null;
}

/** Whether office files can be converted to PDF on this machine. */
export function libreOfficeAvailable(): boolean {
  return findLibreOffice() !== null;
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

/** LibreOffice takes a few hundred MB per run: at most this many run at once in one process. */
export const conversionSlots = createSlots(concurrencyFromEnv(process.env.LIBREOFFICE_CONCURRENCY, 2));

/**
 * The whole environment LibreOffice gets: where to find programs, the language, and a home and
 * temporary directory inside this run's own directory. Nothing of the server's configuration.
 */
export function libreOfficeEnv(work: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    PATH: env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: env.LANG || 'C.UTF-8',
    HOME: work,
    TMPDIR: work,
  };
}

/** Profile settings for an untrusted document: no macros, no remote content from unknown places. */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

async function convertWithLibreOffice(
  soffice: string,
  buffer: Buffer,
  type: DocumentExt,
  inputExt: string,
  timeoutMs: number,
): Promise<RenditionResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'samspil-lo-'));
  try {
    const profile = path.join(work, 'profile');
    const outDir = path.join(work, 'out');
    await mkdir(path.join(profile, 'user'), { recursive: true });
    await mkdir(outDir);
    await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);

    const input = path.join(work, `document.${inputExt}`);
    const args = [
      '--headless',
      '--invisible',
      '--nologo',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
    ];
    if (type === 'txt') {
      await writeFile(input, decodeText(buffer).text, 'utf8');
      args.push('--infilter=Text (encoded):UTF8,LF,,,');
    } else if (type === 'csv') {
      const { text } = decodeText(buffer);
      await writeFile(input, text, 'utf8');
      // Separator, text delimiter ("), character set (76 = UTF-8), first line to read.
      args.push(`--infilter=CSV:${csvSeparator(text).charCodeAt(0)},34,76,1`);
    } else if (type === 'html') {
      await writeFile(input, withoutRemoteResources(decodeText(buffer).text), 'utf8');
    } else {
      await writeFile(input, buffer);
    }
    args.push('--convert-to', 'pdf', '--outdir', outDir, input);

    const run = await runProcess(soffice, args, timeoutMs, libreOfficeEnv(work));
    if (run.timedOut) return { status: 'failed', reason: `LibreOffice timed out after ${timeoutMs} ms` };
    let pdf: Buffer;
    try {
      pdf = await readFile(path.join(outDir, 'document.pdf'));
    } catch {
      const detail = (run.stderr || run.stdout).trim().split('\n').slice(-3).join(' ').slice(0, 300);
      return {
        status: 'failed',
        reason: `LibreOffice made no PDF (exit code ${run.code})${detail ? `: ${detail}` : ''}`,
      };
    }
    if (pdf.length < 5 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      return { status: 'failed', reason: 'LibreOffice wrote something that is not a PDF' };
    }
    return { status: 'made', pdf };
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

interface ProcessRun {
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in its own process group, so that a timeout kills soffice.bin too (the
 * `soffice` script starts it as a child), and keeps the last bit of its output.
 */
function runProcess(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-4000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      // soffice.bin may outlive a failed launcher script: leave nothing behind.
      killGroup();
      resolve({ code, timedOut, stdout, stderr });
    });
  });
}

/** The field separator of a CSV file: whichever of `;`, `,` and tab is most common in its first line. */
export function csvSeparator(text: string): ';' | ',' | '\t' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates: Array<';' | ',' | '\t'> = [';', ',', '\t'];
  return candidates.reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',' as ';' | ',' | '\t');
}

const REMOTE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'base',
  'meta',
  'video',
  'audio',
  'source',
  'track',
  'svg',
  'math',
  'portal',
]);
const URL_ATTRIBUTES = new Set([
  'src',
  'srcset',
  'lowsrc',
  'dynsrc',
  'background',
  'poster',
  'data',
  'xlink:href',
  'action',
  'formaction',
  'longdesc',
  'usemap',
  'cite',
]);

/**
 * An HTML document without anything LibreOffice would fetch while converting it: no scripts,
 * frames, embedded objects, external style sheets or images other than `data:` ones, and no
 * `url()`/`@import` in styles. Links (`<a href>`) stay: they are not followed.
 */
export function withoutRemoteResources(html: string): string {
  const document = parseDocument(html);
  for (const element of DomUtils.findAll(() => true, document.children)) {
    const name = element.name.toLowerCase();
    if (REMOTE_ELEMENTS.has(name)) {
      DomUtils.removeElement(element);
      continue;
    }
    if (name === 'img' && !/^\s*data:image\//i.test(element.attribs.src ?? '')) {
      DomUtils.removeElement(element);
      continue;
    }
    for (const attribute of Object.keys(element.attribs)) {
      const lower = attribute.toLowerCase();
      if (lower.startsWith('on') || (URL_ATTRIBUTES.has(lower) && !(name === 'img' && lower === 'src'))) {
        delete element.attribs[attribute];
      } else if (lower === 'style') {
        element.attribs[attribute] = withoutCssUrls(element.attribs[attribute] ?? '');
      }
    }
    if (name === 'style') {
      for (const child of element.children) {
        if (child.type === 'text') child.data = withoutCssUrls(child.data);
      }
    }
  }
  return `<!DOCTYPE html><meta charset="utf-8">${DomUtils.getOuterHTML(document.children, { decodeEntities: false })}`;
}

function withoutCssUrls(css: string): string {
  return css.replace(/@import[^;]*;?/gi, '').replace(/url\s*\([^)]*\)/gi, 'none');
}

// ---------------------------------------------------------------------------------------------
// pdfkit

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;

function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** One A4 page (portrait or landscape, following the image) with the image fitted inside the margins. */
async function imageToPdf(buffer: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: 'Rendition', Producer: 'Samspil' } });
  const done = collectPdf(doc);
  try {
    const image = (
      doc as unknown as { openImage(src: Buffer): { width: number; height: number; orientation?: number } }
    ).openImage(buffer);
    const rotated = (image.orientation ?? 1) > 4;
    const width = rotated ? image.height : image.width;
    const height = rotated ? image.width : image.height;
    const landscape = width > height;
    const [pageWidth, pageHeight] = landscape ? [A4[1], A4[0]] : A4;
    doc.addPage({ size: [pageWidth, pageHeight], margin: MARGIN });
    const box: [number, number] = [pageWidth - 2 * MARGIN, pageHeight - 2 * MARGIN];
    // Never enlarge a small image beyond 72 dpi; scale big ones down to fit.
    const scale = Math.min(1, box[0] / width, box[1] / height);
    doc.image(buffer, MARGIN, MARGIN, { fit: [width * scale, height * scale] });
  } catch (error) {
    doc.end();
    await done.catch(() => undefined);
    throw new Error(`the image could not be read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  doc.end();
  return done;
}

/** Fonts with wide Unicode coverage when the system has them; pdfkit's Helvetica (Latin-1) otherwise. */
const UNICODE_FONTS = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
] as const;

function pickFonts(): { regular: string; bold: string } {
  for (const [regular, bold] of UNICODE_FONTS) {
    try {
      accessSync(regular, fsConstants.R_OK);
      accessSync(bold, fsConstants.R_OK);
      return { regular, bold };
    } catch {
      // Try the next.
    }
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold' };
}

export interface EmailLabels {
  from: string;
  to: string;
  cc: string;
  date: string;
  subject: string;
  attachments: string;
}

const DANISH_LABELS: EmailLabels = {
  from: 'Fra',
  to: 'Til',
  cc: 'Cc',
  date: 'Sendt',
  subject: 'Emne',
  attachments: 'Vedhæftede filer',
};

/** A printable PDF of an e-mail: its header fields, then the plain-text body. */
export async function emailToPdf(email: ParsedEmail, labels: EmailLabels = DANISH_LABELS): Promise<Buffer> {
  const fonts = pickFonts();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: email.subject ?? '', Producer: 'Samspil' } });
  const done = collectPdf(doc);
  const field = (label: string, value: string | null) => {
    if (!value) return;
    doc.font(fonts.bold).text(`${label}: `, { continued: true }).font(fonts.regular).text(value);
  };
  doc.fontSize(10);
  field(labels.from, email.from);
  field(labels.to, email.to.join(', ') || null);
  field(labels.cc, email.cc.join(', ') || null);
  field(labels.date, email.date ? formatDateTime(email.date, 'da') : null);
  field(labels.subject, email.subject);
  field(
    labels.attachments,
    email.attachments
      .filter((a) => !a.inline)
      .map((a) => a.filename)
      .join(', ') || null,
  );
  doc.moveDown();
  const y = doc.y;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .strokeColor('#888888')
    .stroke();
  doc.moveDown();
  doc
    .font(fonts.regular)
    .fontSize(11)
    .text(email.text || ' ', { lineGap: 2 });
  doc.end();
  return done;
}
