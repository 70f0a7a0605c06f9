import PDFDocument from 'pdfkit';
import { chooseFonts, textCleaner, type FontOption, type FontWeight } from './fonts.ts';
import { collect, escapeXmpMetadata, fitWidth, pdfLang, registerFonts } from './kit.ts';

/**
 * A tagged PDF of a plain document: letters, released copies of documents, the list of documents
 * in an access-to-records answer. The caller describes the content as blocks (headings,
 * paragraphs, lists, tables); this library lays them out on A4 and tags them.
 *
 * Tagging (PDF/UA-style; not claimed to conform): /Lang, /MarkInfo /Marked true, the title shown
 * in the viewer's title bar, Title/Author/Subject in the info dictionary and the XMP packet, one
 * Document element holding in reading order H1–H3, P, L → LI → LBody and Table → TR → TH/TD;
 * tab order follows the structure. The footer (text and "Side 2 af 3") is a pagination artifact.
 *
 * A paragraph may be made of spans. A span marked `withheld` is drawn in its own colour and
 * weight: redaction uses it for the note that stands where withheld text was ("[Undtaget efter
 * offentlighedslovens § 30, nr. 1]"). The withheld text itself is never given to this library.
 */

export interface Span {
  text: string;
  bold?: boolean;
  /** The note standing in for withheld text. */
  withheld?: boolean;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string | Span[]; muted?: boolean }
  | { type: 'list'; items: string[] }
  | {
      type: 'table';
      /** Column headings and each column's share of the text width (the shares are scaled to 1). */
      columns: Array<{ header: string; share: number }>;
      rows: string[][];
    }
  | { type: 'pageBreak' }
  | { type: 'space'; height: number };

export interface DocumentPdf {
  title: string;
  locale: 'da' | 'en';
  author?: string;
  subject?: string;
  blocks: Block[];
  /** Printed at the foot of every page, left; the page number goes on the right. */
  footer?: string;
  fonts?: FontOption;
  /** Fixed in tests so that two renderings are byte for byte the same. */
  createdAt?: Date;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 62, bottom: 76, left: 64, right: 64 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const MAX_Y = PAGE.height - MARGIN.bottom;
const FOOTER_Y = PAGE.height - 46;
const COLOR = { text: '#1a1a1a', muted: '#4a4a4a', withheld: '#8a1c1c', rule: '#8c8c8c' };
const BODY = { size: 10.5, lineGap: 2.5, after: 6 };
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12 } as const;
const CELL = { size: 9.5, padX: 4, padY: 3 };

const PAGE_OF = {
  da: (n: number, total: number) => `Side ${n} af ${total}`,
  en: (n: number, total: number) => `Page ${n} of ${total}`,
};

export async function renderDocumentPdf(input: DocumentPdf): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: pdfLang(input.locale),
    displayTitle: true,
    bufferPages: true,
    info: {
      Title: input.title,
      ...(input.author ? { Author: input.author } : {}),
      ...(input.subject ? { Subject: input.subject } : {}),
      Creator: 'Samspil',
      CreationDate: input.createdAt ?? new Date(),
    },
  });
  const output = collect(doc);
  escapeXmpMetadata(doc);
  const clean = textCleaner(registerFonts(doc, chooseFonts(input.fonts)));
  const root = doc.struct('Document');
  doc.addStructure(root);
  const w = { doc, clean, root };
  for (const block of input.blocks) drawBlock(w, block);
  root.end();

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    footer(w, input.footer ?? '', PAGE_OF[input.locale](i + 1, range.count));
  }
  doc.end();
  return output;
}

interface Writer {
  doc: Doc;
  clean: (text: string, weight?: FontWeight) => string;
  root: Struct;
}

function font(doc: Doc, weight: FontWeight, size: number, color = COLOR.text): void {
  doc
    .font(weight === 'bold' ? 'Bold' : 'Body')
    .fontSize(size)
    .fillColor(color);
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > MAX_Y && doc.y > MARGIN.top) doc.addPage();
}

function drawBlock(w: Writer, block: Block): void {
  const { doc, clean, root } = w;
  switch (block.type) {
    case 'heading': {
      const size = HEADING_SIZE[block.level];
      const text = clean(block.text, 'bold');
      font(doc, 'bold', size);
      ensureSpace(doc, doc.heightOfString(text, { width: WIDTH, lineGap: 2 }) + 3 * (BODY.size + BODY.lineGap));
      root.add(
        doc.struct(`H${block.level}`, {}, () => {
          font(doc, 'bold', size);
          doc.text(text, MARGIN.left, doc.y, { width: WIDTH, lineGap: 2 });
        }),
      );
      doc.y += size >= 16 ? 6 : 4;
      return;
    }
    case 'paragraph': {
      const spans: Span[] = typeof block.text === 'string' ? [{ text: block.text }] : block.text;
      const parts = spans.filter((s) => s.text.length > 0);
      if (parts.length === 0) return;
      const color = block.muted ? COLOR.muted : COLOR.text;
      font(doc, 'regular', BODY.size, color);
      ensureSpace(doc, doc.currentLineHeight(true) + BODY.lineGap);
      root.add(
        doc.struct('P', {}, () => {
          parts.forEach((span, i) => {
            const weight: FontWeight = span.bold || span.withheld ? 'bold' : 'regular';
            font(doc, weight, BODY.size, span.withheld ? COLOR.withheld : color);
            const options = { width: WIDTH, lineGap: BODY.lineGap, continued: i < parts.length - 1 };
            if (i === 0) doc.text(clean(span.text, weight), MARGIN.left, doc.y, options);
            else doc.text(clean(span.text, weight), options);
          });
        }),
      );
      doc.y += BODY.after;
      return;
    }
    case 'list': {
      const list = doc.struct('L');
      root.add(list);
      for (const item of block.items) {
        font(doc, 'regular', BODY.size);
        const text = clean(item);
        ensureSpace(doc, doc.heightOfString(text, { width: WIDTH - 14, lineGap: BODY.lineGap }));
        const li = doc.struct('LI');
        list.add(li);
        li.add(
          doc.struct('Lbl', {}, () => {
            font(doc, 'regular', BODY.size);
            doc.text('•', MARGIN.left + 2, doc.y, { lineBreak: false });
          }),
        );
        li.add(
          doc.struct('LBody', {}, () => {
            font(doc, 'regular', BODY.size);
            doc.text(text, MARGIN.left + 14, doc.y, { width: WIDTH - 14, lineGap: BODY.lineGap });
          }),
        );
        li.end();
        doc.y += 2;
      }
      list.end();
      doc.y += BODY.after;
      return;
    }
    case 'table':
      drawTable(w, block.columns, block.rows);
      return;
    case 'pageBreak':
      doc.addPage();
      return;
    case 'space':
      doc.y += block.height;
      return;
  }
}

function drawTable(w: Writer, columns: Array<{ header: string; share: number }>, rows: string[][]): void {
  const { doc, clean, root } = w;
  const total = columns.reduce((sum, c) => sum + c.share, 0) || 1;
  const widths = columns.map((c) => (c.share / total) * WIDTH);
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const table = doc.struct('Table');
  root.add(table);

  const rowHeight = (cells: string[], weight: FontWeight) => {
    font(doc, weight, CELL.size);
    return (
      Math.max(
        ...cells.map((cell, i) => doc.heightOfString(clean(cell, weight), { width: widths[i]! - 2 * CELL.padX })),
        doc.currentLineHeight(true),
      ) +
      2 * CELL.padY
    );
  };
  const drawRow = (cells: string[], header: boolean) => {
    const weight: FontWeight = header ? 'bold' : 'regular';
    const height = rowHeight(cells, weight);
    if (doc.y + height > MAX_Y && doc.y > MARGIN.top) {
      doc.addPage();
      if (!header)
        drawRow(
          columns.map((c) => c.header),
          true,
        );
    }
    const top = doc.y;
    const tr = doc.struct('TR');
    table.add(tr);
    cells.forEach((cell, i) => {
      tr.add(
        doc.struct(header ? 'TH' : 'TD', {}, () => {
          font(doc, weight, CELL.size);
          doc.text(clean(cell, weight), xs[i]! + CELL.padX, top + CELL.padY, { width: widths[i]! - 2 * CELL.padX });
        }),
      );
    });
    tr.end();
    rule(doc, top + height);
    doc.y = top + height;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  for (const row of rows) drawRow(row, false);
  table.end();
  doc.y += BODY.after + 4;
}

/** A thin line across the text width, marked as an artifact. */
function rule(doc: Doc, y: number): void {
  doc.markContent('Artifact', { type: 'Layout' });
  doc.save();
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(PAGE.width - MARGIN.right, y)
    .lineWidth(0.4)
    .strokeColor(COLOR.rule)
    .stroke();
  doc.restore();
  doc.endMarkedContent();
}

function footer(w: Writer, rawLeft: string, rawRight: string): void {
  const { doc, clean } = w;
  const left = clean(rawLeft);
  const right = clean(rawRight);
  rule(doc, FOOTER_Y - 8);
  doc.markContent('Artifact', { type: 'Pagination' });
  font(doc, 'regular', 8.5, COLOR.muted);
  const rightWidth = doc.widthOfString(right);
  doc.text(right, PAGE.width - MARGIN.right - rightWidth, FOOTER_Y, { lineBreak: false });
  if (left) doc.text(fitWidth(doc, left, WIDTH - rightWidth - 24), MARGIN.left, FOOTER_Y, { lineBreak: false });
  doc.endMarkedContent();
}
