import type { FontChoice } from './fonts.ts';

/**
 * Small pdfkit helpers every PDF of Samspil needs: its fonts registered under two names, the
 * info fields escaped in the XMP packet, and the finished file collected as bytes.
 */

type Doc = PDFKit.PDFDocument;

/** Registers "Body" and "Bold"; returns the fonts actually in use. */
export function registerFonts(doc: Doc, fonts: FontChoice): FontChoice {
  // pdfkit's typings know paths and bytes; it also takes a parsed fontkit font (see fonts.ts).
  const asSource = (src: FontChoice['regular']) => src as string;
  try {
    doc.registerFont('Body', asSource(fonts.regular));
    doc.registerFont('Bold', asSource(fonts.bold));
    doc.font('Bold');
    doc.font('Body');
    return fonts;
  } catch {
    // A configured font that cannot be read or parsed: fall back to the built-in Helvetica.
    doc.registerFont('Body', 'Helvetica');
    doc.registerFont('Bold', 'Helvetica-Bold');
    doc.font('Body');
    return { name: 'Helvetica', regular: 'Helvetica', bold: 'Helvetica-Bold', standard: true };
  }
}

/**
 * pdfkit writes the info fields into the XMP metadata without escaping them, so "Teknik & Miljø"
 * would make the XMP packet invalid XML. The info dictionary is written first (unescaped, as it
 * should be); the fields are escaped only while the XMP packet is built.
 */
export function escapeXmpMetadata(doc: Doc): void {
  const target = doc as unknown as { endMetadata(): void; info: Record<string, unknown> };
  const original = target.endMetadata;
  target.endMetadata = function endMetadata(this: typeof target) {
    const saved = { ...this.info };
    for (const [key, value] of Object.entries(this.info)) {
      if (typeof value === 'string') this.info[key] = escapeXml(value);
    }
    try {
      original.call(this);
    } finally {
      Object.assign(this.info, saved);
    }
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The document's bytes once `doc.end()` has been called. */
export function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      const buffer = Buffer.concat(chunks);
      resolve(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    });
    doc.on('error', reject);
  });
}

/** The catalog language of a tagged PDF. */
export function pdfLang(locale: 'da' | 'en'): string {
  return locale === 'en' ? 'en-GB' : 'da-DK';
}

/** Shortens `text` with an ellipsis until it fits `width` in the current font. */
export function fitWidth(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
