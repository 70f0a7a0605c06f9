// Text extraction in a worker thread, started by extract.ts for every heavy job, so that a
// hostile or huge file can be stopped (terminate() on a timeout) and cannot take the server's
// memory with it (resourceLimits). Plain JavaScript: a worker is loaded by Node itself, outside
// tsx and vitest, so it cannot be TypeScript. It only calls the libraries; every decision
// (status, caps, clean-up) stays in extract.ts.
//
// workerData: { kind: 'pdf' | 'docx' | 'opendocument' | 'html', data?: Uint8Array, html?: string, maxChars: number }
// posts:      { ok: true, text: string, truncated: boolean } | { ok: false, error: string }
import { parentPort, workerData } from 'node:worker_threads';

/** Largest content.xml we inflate from an OpenDocument file (a zip bomb stops here). */
const MAX_ODF_XML_BYTES = 256 * 1024 * 1024;

const { kind, data, html, maxChars } = workerData;

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

async function extractDocx() {
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  return result.value;
}

/** ODT, ODS and ODP: the text of content.xml, paragraph by paragraph. */
async function extractOpenDocument() {
  const { unzipSync, strFromU8 } = await import('fflate');
  const { Parser } = await import('htmlparser2');
  const files = unzipSync(new Uint8Array(data), {
    filter: (file) => file.name === 'content.xml' && file.originalSize <= MAX_ODF_XML_BYTES,
  });
  const xml = files['content.xml'];
  if (!xml) throw new Error('OpenDocument file without a usable content.xml');
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

const extractors = { pdf: extractPdf, docx: extractDocx, opendocument: extractOpenDocument, html: extractHtml };

try {
  const extractor = extractors[kind];
  if (!extractor) throw new Error(`unknown extraction kind ${kind}`);
  const text = String(await extractor());
  const truncated = text.length > maxChars;
  parentPort.postMessage({ ok: true, text: truncated ? text.slice(0, maxChars) : text, truncated });
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
