import { describe, expect, it } from 'vitest';
import { allText, flatten, inspectPdf, pageStructure, pageTexts } from '../../test/helpers/pdf.ts';
import { renderDocumentPdf, type DocumentPdf } from './index.ts';

const createdAt = new Date('2026-12-01T10:00:00Z');

function sample(overrides: Partial<DocumentPdf> = {}): DocumentPdf {
  return {
    title: 'Afgørelse om aktindsigt',
    locale: 'da',
    author: 'Samspil Kommune',
    createdAt,
    footer: 'AKT-2026-000001',
    blocks: [
      { type: 'heading', level: 1, text: 'Afgørelse om aktindsigt' },
      { type: 'paragraph', text: 'Kære Anne Ærø,' },
      {
        type: 'paragraph',
        text: [
          { text: 'Vi har modtaget din anmodning. ' },
          { text: '[Undtaget: offentlighedslovens § 30, nr. 1]', withheld: true },
          { text: ' Resten af teksten står her.' },
        ],
      },
      { type: 'heading', level: 2, text: 'Aktliste' },
      {
        type: 'table',
        columns: [
          { header: 'Nr.', share: 1 },
          { header: 'Dato', share: 2 },
          { header: 'Titel', share: 5 },
        ],
        rows: [
          ['1', '01-11-2026', 'Ansøgning om byggetilladelse'],
          ['2', '05-11-2026', 'Partshøring'],
        ],
      },
      { type: 'list', items: ['Første punkt', 'Andet punkt'] },
    ],
    ...overrides,
  };
}

describe('renderDocumentPdf', () => {
  it('writes a tagged PDF with the language, the title and every block in reading order', async () => {
    const pdf = await renderDocumentPdf(sample());
    const info = await inspectPdf(pdf);
    expect(info.lang).toBe('da-DK');
    expect(info.title).toBe('Afgørelse om aktindsigt');
    expect(info.marked).toBe(true);
    const roles = flatten(await pageStructure(pdf, 1)).map((n) => n.role);
    expect(roles).toEqual(expect.arrayContaining(['Document', 'H1', 'P', 'H2', 'Table', 'TR', 'TH', 'TD', 'L', 'LI']));
    const text = await allText(pdf);
    expect(text).toContain('Kære Anne Ærø,');
    expect(text).toContain('[Undtaget: offentlighedslovens § 30, nr. 1]');
    expect(text).toContain('Ansøgning om byggetilladelse');
    expect(text).toContain('Side 1 af 1');
  });

  it('breaks long content over pages, repeating the table heading and numbering every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [String(i + 1), '01-11-2026', `Dokument nummer ${i + 1}`]);
    const pdf = await renderDocumentPdf(
      sample({
        blocks: [
          {
            type: 'table',
            columns: [
              { header: 'Nr.', share: 1 },
              { header: 'Dato', share: 2 },
              { header: 'Titel', share: 5 },
            ],
            rows,
          },
        ],
      }),
    );
    const pages = await pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Titel');
      expect(page).toContain(`Side ${i + 1} af ${pages.length}`);
    }
    expect(pages.join(' ')).toContain('Dokument nummer 120');
  });

  it('renders the same bytes twice for the same input', async () => {
    const a = await renderDocumentPdf(sample());
    const b = await renderDocumentPdf(sample());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('speaks English when asked', async () => {
    const pdf = await renderDocumentPdf(sample({ locale: 'en' }));
    expect((await inspectPdf(pdf)).lang).toBe('en-GB');
    expect(await allText(pdf)).toContain('Page 1 of 1');
  });
});
