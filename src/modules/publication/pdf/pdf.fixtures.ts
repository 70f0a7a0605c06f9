import PDFDocument from 'pdfkit';
import type { AgendaDocument } from './types.ts';

/**
 * Realistic inputs for the PDF library's tests (and text for scripts/bench-agenda-pdf.ts): Danish
 * agenda text and attachment PDFs made with pdfkit. Not used by the application.
 */

/** An attachment PDF with `pages` pages; every page says `marker` (to find it in extracted text). */
export function makeAttachmentPdf(
  marker: string,
  pages = 1,
  options: { landscape?: boolean } = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      autoFirstPage: false,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (let p = 1; p <= pages; p++) {
      doc.addPage();
      doc.fontSize(16).text(marker);
      doc.moveDown();
      doc.fontSize(10).text(`Side ${p} i bilaget. ${LOREM}`);
    }
    doc.end();
  });
}

export const LOREM =
  'Forvaltningen har gennemgået sagen og vurderer, at projektet kan gennemføres inden for den afsatte ' +
  'ramme. Der er foretaget høring af de berørte grundejere, og bemærkningerne fremgår af bilaget. ' +
  'Økonomiudvalget har tidligere drøftet rammerne for anlægsarbejder i Ærøskøbing og Åbenrå.';

export function paragraph(n: number): string {
  return Array.from({ length: n }, () => LOREM).join(' ');
}

/** A small agenda with an open item, a closed item and an open item with a closed attachment. */
export function sampleAgenda(overrides: Partial<AgendaDocument> = {}): AgendaDocument {
  return {
    kind: 'agenda',
    locale: 'da',
    organisation: 'Samspil Kommune',
    committee: 'Udvalget for Teknik og Miljø',
    meeting: {
      title: 'Ordinært møde',
      startsAt: '2026-11-26T15:00:00Z',
      endsAt: '2026-11-26T17:30:00Z',
      place: 'Rådhuset, mødelokale 2',
    },
    items: [
      {
        number: 1,
        title: 'Godkendelse af dagsorden',
        closed: false,
        sections: [{ heading: 'Indstilling', paragraphs: ['Direktøren indstiller, at dagsordenen godkendes.'] }],
        attachments: [],
      },
      {
        number: 2,
        title: 'Budgetopfølgning for vej og park',
        caseNumber: 'EMN-2026-000123',
        closed: false,
        sections: [
          { heading: 'Sagsfremstilling', paragraphs: [paragraph(2), 'Udgifterne til vintertjeneste er steget.'] },
          {
            heading: 'Økonomi',
            paragraphs: ['Merforbruget på 1,2 mio. kr. finansieres af puljen til grøn omstilling.'],
          },
          {
            heading: 'Indstilling',
            paragraphs: ['Direktøren indstiller, at budgetopfølgningen tages til efterretning.'],
          },
        ],
        attachments: [{ title: 'Budgetoversigt for vej og park', closed: false }],
      },
      {
        number: 3,
        title: 'Personalesag',
        caseNumber: 'EMN-2026-000456',
        closed: true,
        sections: [
          {
            heading: 'Sagsfremstilling',
            paragraphs: ['HEMMELIGT-PUNKT: afskedigelse af medarbejder på grund af samarbejdsvanskeligheder.'],
          },
        ],
        attachments: [{ title: 'Tjenestlig samtale – referat', closed: false }],
      },
      {
        number: 4,
        title: 'Lokalplan for Østre Havn',
        closed: false,
        sections: [
          { heading: 'Sagsfremstilling', paragraphs: ['Forslaget har været i offentlig høring i otte uger.'] },
        ],
        attachments: [
          { title: 'Lokalplanforslag', closed: false },
          { title: 'Indsigelse fra navngiven borger', closed: true },
        ],
      },
    ],
    ...overrides,
  };
}
