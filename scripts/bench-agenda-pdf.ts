/**
 * How long renderAgendaPdf takes for a realistic agenda: 40 items (each with a case
 * presentation, economy and recommendation; every seventh item closed) and 100 attachment pages
 * in 30 attachment PDFs of 1–6 pages (made here with pdfkit; some closed), one on each of the
 * first 30 items. The goal from issue 4: under 2 s for the merged file.
 *
 * Measures the members' agenda, the public agenda and the merged variants: the first run of each
 * (the very first also parses the fonts and compiles the code; the first merged run warms up
 * pdf-lib) and the median of the following runs. Run with
 * `npx tsx scripts/bench-agenda-pdf.ts` (BENCH_PDF_RUNS sets the number of warm runs, default 5;
 * BENCH_PDF_OUT names a folder to write the PDFs to, for looking at them).
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { PDFDocument as LibDocument } from 'pdf-lib';
import { paragraph } from '../src/modules/publication/pdf/pdf.fixtures.ts';
import { systemFonts } from '../src/pdf/index.ts';
import { renderAgendaPdf } from '../src/modules/publication/index.ts';
import type { AgendaAttachment, AgendaDocument, AgendaItem, RenderOptions } from '../src/modules/publication/index.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_PDF_RUNS ?? 5));
const OUT = process.env.BENCH_PDF_OUT;
const ITEMS = 40;
const ATTACHMENT_PAGES = 100;

/** An attachment as an office rendition looks: a heading, paragraphs and a small table per page. */
function attachmentPdf(title: string, pages: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (let p = 1; p <= pages; p++) {
      doc.addPage();
      doc.font('Helvetica-Bold').fontSize(15).text(title);
      doc.moveDown(0.5).font('Helvetica').fontSize(10).text(paragraph(3), { align: 'justify' });
      const top = doc.y + 12;
      for (let row = 0; row < 8; row++) {
        const y = top + row * 18;
        doc.rect(72, y, 451, 18).stroke('#999999');
        doc.fillColor('#000000').text(`Post ${row + 1}`, 78, y + 5, { width: 200, lineBreak: false });
        doc.text(`${(row + 1) * 12_500} kr.`, 300, y + 5, { width: 200, align: 'right', lineBreak: false });
      }
      doc.x = 72;
      doc.y = top + 8 * 18 + 12;
      doc.text(paragraph(2), { align: 'justify' });
    }
    doc.end();
  });
}

async function benchAgenda(): Promise<AgendaDocument> {
  // Attachments whose page counts cycle 1..6 and add up to exactly 100 pages (30 of them).
  const sizes: number[] = [];
  for (let total = 0, n = 0; total < ATTACHMENT_PAGES; n++) {
    const size = Math.min((n % 6) + 1, ATTACHMENT_PAGES - total);
    sizes.push(size);
    total += size;
  }
  const pdfs = await Promise.all(sizes.map((size, i) => attachmentPdf(`Bilag ${i + 1}: Notat om anlægsøkonomi`, size)));
  const items: AgendaItem[] = [];
  for (let n = 1; n <= ITEMS; n++) {
    const attachments: AgendaAttachment[] = [];
    for (let k = n - 1; k < pdfs.length; k += ITEMS) {
      attachments.push({ title: `Notat om anlægsøkonomi, del ${k + 1}`, closed: k % 8 === 3, pdf: pdfs[k]! });
    }
    items.push({
      number: n,
      title:
        n % 7 === 0
          ? `Køb af ejendom, matr.nr. ${n}a Ørsted By`
          : `Renovering af udearealer ved Ålestrup Skole og Østervang Børnehus, etape ${n}`,
      caseNumber: `EMN-2026-${String(1000 + n).padStart(6, '0')}`,
      closed: n % 7 === 0,
      sections: [
        { heading: 'Sagsfremstilling', paragraphs: [paragraph(3), paragraph(2), paragraph(2)] },
        { heading: 'Økonomi', paragraphs: [paragraph(1)] },
        {
          heading: 'Indstilling',
          paragraphs: ['Direktøren for Teknik og Miljø indstiller, at udvalget godkender forslaget.'],
        },
      ],
      attachments,
    });
  }
  return {
    kind: 'agenda',
    locale: 'da',
    organisation: 'Samspil Kommune',
    committee: 'Udvalget for Teknik og Miljø',
    meeting: {
      title: 'Ordinært møde',
      startsAt: '2026-11-26T15:00:00Z',
      endsAt: '2026-11-26T18:00:00Z',
      place: 'Rådhuset, mødelokale 2',
    },
    version: { number: 1, publishedAt: '2026-11-19T09:00:00Z' },
    items,
  };
}

async function measure(name: string, doc: AgendaDocument, options: RenderOptions) {
  const times: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    pdf = await renderAgendaPdf(doc, options);
    times.push(performance.now() - start);
  }
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  const pages = (await LibDocument.load(pdf)).getPageCount();
  if (OUT) fs.writeFileSync(path.join(OUT, `${name.replace(/[^a-z]+/gi, '-')}.pdf`), pdf);
  return { name, cold: cold!, median, max: warm.at(-1)!, pages, kib: pdf.byteLength / 1024 };
}

const doc = await benchAgenda();
if (OUT) fs.mkdirSync(OUT, { recursive: true });
console.log(
  `Agenda: ${doc.items.length} items, ${doc.items.reduce((n, i) => n + i.attachments.length, 0)} attachments, ` +
    `${ATTACHMENT_PAGES} attachment pages; font: ${systemFonts().name}; Node ${process.version}; ${RUNS} warm runs each`,
);
const results = [];
results.push(await measure('members agenda', doc, { audience: 'members' }));
results.push(await measure('public agenda', doc, { audience: 'public' }));
results.push(await measure('members merged', doc, { audience: 'members', mergeAttachments: true }));
results.push(await measure('public merged', doc, { audience: 'public', mergeAttachments: true }));
console.table(
  results.map((r) => ({
    variant: r.name,
    'first run (ms)': Math.round(r.cold),
    'median (ms)': Math.round(r.median),
    'slowest warm (ms)': Math.round(r.max),
    pages: r.pages,
    'size (KiB)': Math.round(r.kib),
  })),
);
const slowest = Math.max(...results.map((r) => r.cold));
console.log(
  slowest < 2000
    ? `OK: every variant under 2 s (slowest first run ${Math.round(slowest)} ms)`
    : `SLOW: ${Math.round(slowest)} ms`,
);
