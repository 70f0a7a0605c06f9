// Text extraction in a worker thread, started by extract.ts for every heavy job, so that a
// hostile or huge file can be stopped (terminate() on a timeout) and cannot take the server's
// memory with it (resourceLimits). Plain JavaScript: a worker is loaded by Node itself, outside
// tsx and vitest, so it cannot be TypeScript. It only calls the libraries; every decision
// (status, caps, clean-up) stays in extract.ts.
//
// ZIP containers are never handed to a library as they came: their directory is checked and each
// part inflated by zip-guard.mjs with a byte counter, so a zip bomb ends here in an error.
//
// E-mails are parsed here too (kind 'email'): email.ts is TypeScript, loaded through tsx's
// tsImport, and the parsed mail is posted back as it is.
//
// workerData: { kind: 'pdf' | 'docx' | 'opendocument' | 'html' | 'email', data?: Uint8Array, html?: string,
//               maxChars: number, emailKind?: 'eml' | 'msg', emailModule?: string }
// posts:      { ok: true, text: string, truncated: boolean } | { ok: true, email: ParsedEmail }
//             | { ok: false, error: string, code?: string }
import { parentPort, workerData } from 'node:worker_threads';
import { inflateEntry, readZipDirectory, zipRefusal, ZipGuardError } from './zip-guard.mjs';

const { kind, data, html, maxChars } = workerData;

/** The entries of a checked archive; throws before inflating anything when it would unpack to too much. */
function checkedEntries(bytes) {
  const refusal = zipRefusal(bytes);
  if (refusal) throw new ZipGuardError(refusal);
  return readZipDirectory(bytes);
}

/** Parts a text extractor reads: XML and relationships. Pictures and embedded files are not needed. */
const isTextPart = (name) => /\.(xml|rels)$/i.test(name);

async function extractPdf() {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(data), {
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
  });
  try {
    let out = '';
    for (let n = 1; n <= pdf.numPages && out.length <= maxChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (typeof item.str === 'string') out += item.str + (item.hasEOL ? '\n' : '');
      }
      out += '\n\n';
      page.cleanup();
    }
    return out;
  } finally {
    await pdf.destroy();
  }
}

/**
 * DOCX through mammoth, which would inflate the archive itself without any bound: it is given a
 * copy of the archive made here instead, its XML parts inflated with the counter and stored
 * uncompressed, every other part empty.
 */
async function extractDocx() {
  const { zipSync } = await import('fflate');
  const { default: mammoth } = await import('mammoth');
  const bytes = new Uint8Array(data);
  const parts = {};
  for (const entry of checkedEntries(bytes)) {
    if (entry.name.endsWith('/')) continue;
    parts[entry.name] = [isTextPart(entry.name) ? inflateEntry(bytes, entry) : new Uint8Array(0), { level: 0 }];
  }
  const stored = zipSync(parts);
  const result = await mammoth.extractRawText({
    buffer: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength),
  });
  return result.value;
}

/** ODT, ODS and ODP: the text of content.xml, paragraph by paragraph. */
async function extractOpenDocument() {
  const { strFromU8 } = await import('fflate');
  const { Parser } = await import('htmlparser2');
  const bytes = new Uint8Array(data);
  const entry = checkedEntries(bytes).find((e) => e.name === 'content.xml');
  if (!entry) throw new Error('OpenDocument file without a usable content.xml');
  const xml = inflateEntry(bytes, entry);
  let out = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'text:tab') out += '\t';
        else if (name === 'text:line-break') out += '\n';
        else if (name === 'text:s') out += ' '.repeat(Math.min(Number(attrs['text:c'] ?? 1) || 1, 100));
      },
      ontext(text) {
        out += text;
      },
      onclosetag(name) {
        if (name === 'text:p' || name === 'text:h') out += '\n';
        else if (name === 'table:table-cell') out += '\t';
        else if (name === 'table:table-row') out += '\n';
        if (out.length > maxChars) parser.pause();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(strFromU8(xml));
  return out;
}

async function extractHtml() {
  const { convert } = await import('html-to-text');
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
    ],
  });
}

/** A saved e-mail through email.ts (postal-mime or msgreader), posted back parsed. */
async function parseEmailHere() {
  const { tsImport } = await import('tsx/esm/api');
  const { parseEmail } = await tsImport(workerData.emailModule, import.meta.url);
  return parseEmail(Buffer.from(data.buffer, data.byteOffset, data.byteLength), workerData.emailKind);
}

const extractors = { pdf: extractPdf, docx: extractDocx, opendocument: extractOpenDocument, html: extractHtml };

try {
  if (kind === 'email') {
    parentPort.postMessage({ ok: true, email: await parseEmailHere() });
  } else {
    const extractor = extractors[kind];
    if (!extractor) throw new Error(`unknown extraction kind ${kind}`);
    const text = String(await extractor());
    const truncated = text.length > maxChars;
    parentPort.postMessage({ ok: true, text: truncated ? text.slice(0, maxChars) : text, truncated });
  }
} catch (error) {
  parentPort.postMessage({
    ok: false,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    code: typeof error?.code === 'string' ? error.code : undefined,
  });
}
