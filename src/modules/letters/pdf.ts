import PDFDocument from 'pdfkit';
import { systemFonts } from '../publication/index.ts';

/**
 * The letter as an accessible, tagged PDF: /Lang, the title shown in the viewer's title bar,
 * a structure tree (Document → P for the address blocks, H1 for the heading, P for each
 * paragraph), the system's embedded fonts (publication's `systemFonts`), Helvetica without them.
 *
 * The shape of the input is the shared document renderer's (`renderDocumentPdf({ title, lang,
 * blocks })`, src/pdf, coming from the lead): when that lands, this file becomes a call to it.
 */

export type LetterBlock = { type: 'h1' | 'p'; text: string };

export interface LetterPdfInput {
  title: string;
  /** BCP 47, e.g. da-DK. */
  lang: string;
  author: string;
  createdAt: Date;
  blocks: LetterBlock[];
}

const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };

export async function renderLetterPdf(input: LetterPdfInput): Promise<Uint8Array> {
  const fonts = systemFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: input.lang,
    displayTitle: true,
    info: { Title: input.title, Author: input.author, Creator: 'Samspil', CreationDate: input.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit's typings know paths and bytes; it also takes a parsed fontkit font (see publication's fonts.ts).
  doc.registerFont('Body', fonts.regular as string);
  doc.registerFont('Bold', fonts.bold as string);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const block of input.blocks) {
    const heading = block.type === 'h1';
    root.add(
      doc.struct(heading ? 'H1' : 'P', {}, () => {
        doc
          .font(heading ? 'Bold' : 'Body')
          .fontSize(heading ? 16 : 11)
          .fillColor('#111827');
        doc.text(block.text, MARGIN.left, doc.y, { width, lineGap: 2 });
      }),
    );
    doc.y += heading ? 10 : 8;
  }
  root.end();
  doc.end();
  await done;
  const buffer = Buffer.concat(chunks);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
