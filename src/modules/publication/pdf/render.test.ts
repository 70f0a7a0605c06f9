import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import {
  degrees,
  PDFArray,
  PDFDict,
  PDFDocument as LibDocument,
  PDFHexString,
  PDFName,
  type PDFRef,
  PDFString,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemFonts } from '../../../pdf/index.ts';
import { makeAttachmentPdf, sampleAgenda } from './pdf.fixtures.ts';
import { renderAgendaPdf } from './render.ts';
import {
  allText,
  flatten,
  inspectPdf,
  pageStructure,
  pageTexts,
  type Inspected,
} from '../../../../test/helpers/pdf.ts';
import type { AgendaDocument, PdfAudience } from './types.ts';

const CLOSED_ITEM_TEXT = 'HEMMELIGT-PUNKT';
const LIBERATION_OR_DEJAVU = [
  {
    regular: '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf',
  },
  {
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  },
].find((f) => existsSync(f.regular) && existsSync(f.bold)) ?? { regular: '', bold: '' };
const CLOSED_ITEM_CASE = 'EMN-2026-000456';
const CLOSED_ATTACHMENT_TITLE = 'Indsigelse fra navngiven borger';

/** The sample agenda with real attachment PDFs, one of them closed, one belonging to a closed item. */
async function agendaWithAttachments(): Promise<AgendaDocument> {
  const doc = sampleAgenda();
  doc.items[1]!.attachments[0]!.pdf = await makeAttachmentPdf('BUDGET-BILAG', 2);
  doc.items[2]!.attachments[0]!.pdf = await makeAttachmentPdf('BILAG-TIL-LUKKET-PUNKT', 1);
  doc.items[3]!.attachments[0]!.pdf = await makeAttachmentPdf('LOKALPLAN-BILAG', 1);
  doc.items[3]!.attachments[1]!.pdf = await makeAttachmentPdf('LUKKET-BILAG', 1, { landscape: true });
  return doc;
}

function render(doc: AgendaDocument, audience: PdfAudience, mergeAttachments = false) {
  return renderAgendaPdf(doc, { audience, mergeAttachments });
}

describe('the agenda PDF', () => {
  let pdf: Uint8Array;
  let info: Inspected;
  let pages: string[];

  beforeAll(async () => {
    pdf = await render(sampleAgenda(), 'members');
    info = await inspectPdf(pdf);
    pages = await pageTexts(pdf);
  });

  it('opens, and has a front page, a table of contents and one page per item', () => {
    expect(info.version).toBe('1.7');
    expect(info.pageCount).toBe(1 + 1 + 4);
    expect(pages).toHaveLength(6);
  });

  it('states its language, is marked as tagged and has a structure tree', () => {
    expect(info.lang).toBe('da-DK');
    expect(info.marked).toBe(true);
    expect(info.hasStructTree).toBe(true);
    expect(info.displayDocTitle).toBe(true);
    expect(info.title).toBe('Dagsorden: Udvalget for Teknik og Miljø, 26.11.2026');
    expect(info.author).toBe('Samspil Kommune');
  });

  it('has a front page with the meeting in Copenhagen time and Danish formatting', () => {
    expect(pages[0]).toContain('Udvalget for Teknik og Miljø');
    expect(pages[0]).toContain('Ordinært møde');
    expect(pages[0]).toContain('torsdag den 26. november 2026 kl. 16.00–18.30');
    expect(pages[0]).toContain('Rådhuset, mødelokale 2');
  });

  it('lists every item in the table of contents with the page it starts on', () => {
    const toc = pages[1]!;
    expect(toc).toContain('Indholdsfortegnelse');
    expect(toc).toMatch(/1\. Godkendelse af dagsorden 3/);
    expect(toc).toMatch(/2\. Budgetopfølgning for vej og park 4/);
    expect(toc).toMatch(/3\. Personalesag – Lukket punkt 5/);
    expect(toc).toMatch(/4\. Lokalplan for Østre Havn 6/);
    expect(pages[3]).toContain('2. Budgetopfølgning for vej og park');
  });

  it('has one bookmark per item, pointing at the item’s page', () => {
    expect(info.outline.map((e) => e.title)).toEqual([
      '1. Godkendelse af dagsorden',
      '2. Budgetopfølgning for vej og park',
      '3. Personalesag – Lukket punkt',
      '4. Lokalplan for Østre Havn',
    ]);
    expect(info.outline.map((e) => e.page)).toEqual([2, 3, 4, 5]);
    for (const entry of info.outline) expect(pages[entry.page]).toContain(entry.title.replace(' – Lukket punkt', ''));
  });

  it('numbers every page "Side n af N"', () => {
    pages.forEach((text, i) => expect(text).toContain(`Side ${i + 1} af 6`));
  });

  it('renders Danish letters', () => {
    const text = pages.join('\n');
    for (const word of [
      'Udvalget for Teknik og Miljø',
      'Økonomi',
      'Ærøskøbing',
      'Åbenrå',
      'Budgetopfølgning',
      'grøn omstilling',
    ]) {
      expect(text).toContain(word);
    }
  });

  it('tags headings, paragraphs, the table of contents and lists for assistive technology', async () => {
    const front = flatten(await pageStructure(pdf, 1));
    expect(front.find((n) => n.role === 'H1')?.text).toBe('Dagsorden');
    const toc = flatten(await pageStructure(pdf, 2));
    expect(toc.find((n) => n.role === 'H2')?.text).toBe('Indholdsfortegnelse');
    expect(toc.filter((n) => n.role === 'TOCI')).toHaveLength(4);
    expect(toc.filter((n) => n.role === 'Link')).toHaveLength(4);
    const item = flatten(await pageStructure(pdf, 4));
    expect(item.find((n) => n.role === 'Sect')).toBeDefined();
    expect(item.find((n) => n.role === 'H2')?.text).toBe('2. Budgetopfølgning for vej og park');
    expect(item.filter((n) => n.role === 'H3').map((n) => n.text)).toEqual([
      'Sagsfremstilling',
      'Økonomi',
      'Indstilling',
      'Bilag',
    ]);
    expect(item.some((n) => n.role === 'P' && n.text.includes('grøn omstilling'))).toBe(true);
    expect(item.find((n) => n.role === 'LBody')?.text).toBe('Bilag 2.1: Budgetoversigt for vej og park');
    // Page numbers are artifacts: not in the structure tree.
    expect(item.some((n) => n.text.includes('Side 4 af 6'))).toBe(false);
  });

  it('links each table-of-contents entry to its item’s page', async () => {
    expect(await linkTargets(pdf, 1)).toEqual([2, 3, 4, 5]);
  });

  it('writes valid XMP metadata even when a name holds "&"', async () => {
    const out = await inspectPdf(await render(sampleAgenda({ committee: 'Udvalget for Teknik & Miljø' }), 'public'));
    expect(out.title).toBe('Dagsorden: Udvalget for Teknik & Miljø, 26.11.2026');
    expect(out.xmp).toContain('Udvalget for Teknik &amp; Miljø');
    expect(out.xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });

  it('writes English labels and en-GB when the locale is English', async () => {
    const out = await render(sampleAgenda({ locale: 'en' }), 'public');
    expect((await inspectPdf(out)).lang).toBe('en-GB');
    const text = await pageTexts(out);
    expect(text[0]).toContain('Thursday, 26 November 2026, 16:00–18:30');
    expect(text[1]).toContain('Contents');
    expect(text[0]).toContain('Page 1 of 6');
  });

  it('shows a new version and its change note on the front page', async () => {
    const out = await render(
      sampleAgenda({ version: { number: 2, publishedAt: '2026-11-20T13:00:00Z', changeNote: 'Punkt 4 er tilføjet.' } }),
      'public',
    );
    const [front] = await pageTexts(out);
    expect(front).toContain('Ny udgave (version 2)');
    expect(front).toContain('Version 2, offentliggjort 20.11.2026 kl. 14.00');
    expect(front).toContain('Ændringer: Punkt 4 er tilføjet.');
  });

  it('keeps the table of contents right when it runs over several pages', async () => {
    const items = Array.from({ length: 90 }, (_, i) => ({
      number: i + 1,
      title: `Punkt nummer ${i + 1} om vedligeholdelse af veje, stier og grønne områder i hele kommunen`,
      closed: false,
      sections: [{ heading: 'Sagsfremstilling', paragraphs: ['Kort tekst.'] }],
      attachments: [],
    }));
    const out = await render(sampleAgenda({ items }), 'members');
    const info = await inspectPdf(out);
    const text = await pageTexts(out);
    const tocPages = info.outline[0]!.page - 1;
    expect(tocPages).toBeGreaterThan(1);
    expect(info.pageCount).toBe(1 + tocPages + 90);
    const toc = text.slice(1, 1 + tocPages).join(' ');
    info.outline.forEach((entry, i) => {
      expect(entry.page).toBe(1 + tocPages + i);
      expect(text[entry.page]).toContain(`${i + 1}. Punkt nummer ${i + 1} om`);
      expect(toc).toMatch(new RegExp(`${i + 1}\\. Punkt nummer ${i + 1} om .*? kommunen ${entry.page + 1}(?!\\d)`));
    });
  });

  it('renders Danish letters with pdfkit’s built-in Helvetica too', async () => {
    const out = await renderAgendaPdf(sampleAgenda(), { audience: 'public', fonts: 'standard' });
    const text = await allText(out);
    expect(text).toContain('Udvalget for Teknik og Miljø');
    expect(text).toContain('Økonomi');
    expect(text).toContain('Åbenrå');
  });

  it('draws a "?" for a letter the font lacks and keeps the rest of the line intact', async () => {
    const doc = sampleAgenda();
    doc.items[0]!.sections[0]!.paragraphs.push('Fra Łukasz 😀 om\tvejene\r\ni Ærø\u0007.');
    const standard = await pageTexts(await renderAgendaPdf(doc, { audience: 'public', fonts: 'standard' }));
    expect(standard[2]).toContain('Fra ?ukasz ? om vejene i Ærø.');
    const embedded = await pageTexts(await renderAgendaPdf(doc, { audience: 'public' }));
    expect(embedded[2]).toMatch(/Fra (Ł|\?)ukasz \? om vejene i Ærø\./);
    expect(embedded[2]).not.toContain('\u0000');
  });

  const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  const LIBERATION_BOLD = '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf';
  it.skipIf(!existsSync(DEJAVU) || !existsSync(LIBERATION_BOLD))(
    'cleans text against the face it is drawn in, bold or regular',
    async () => {
      // DejaVu Sans has Armenian letters; Liberation Sans Bold has none. The item's title is drawn
      // in bold (a "?" there), its presentation in the regular face (the letter kept).
      const doc = sampleAgenda();
      doc.items[0]!.title = 'Venskabsby Ա i Armenien';
      doc.items[0]!.sections[0]!.paragraphs.push('Brev fra Աշոտ om venskabsbyen.');
      const texts = await pageTexts(
        await renderAgendaPdf(doc, { audience: 'public', fonts: { regular: DEJAVU, bold: LIBERATION_BOLD } }),
      );
      const all = texts.join('\n');
      expect(all).toContain('Venskabsby ? i Armenien');
      expect(all).toContain('Brev fra Աշոտ om venskabsbyen.');
      expect(all).not.toContain('\u0000');
    },
  );

  it.skipIf(systemFonts().standard)('renders letters outside Latin-1 with the embedded font', async () => {
    const doc = sampleAgenda();
    doc.items[0]!.sections[0]!.paragraphs.push('Bemærkning fra Łukasz Wójcik og Şükrü Öztürk.');
    const text = await allText(await render(doc, 'public'));
    expect(text).toContain('Łukasz Wójcik og Şükrü Öztürk');
  });

  it.skipIf(!LIBERATION_OR_DEJAVU.regular)(
    'keeps every letter extractable in documents that share a parsed font',
    async () => {
      // A fresh copy of the font's bytes: parsed anew, then shared by the two documents.
      const fonts = {
        regular: new Uint8Array(readFileSync(LIBERATION_OR_DEJAVU.regular)),
        bold: new Uint8Array(readFileSync(LIBERATION_OR_DEJAVU.bold)),
      };
      const first = sampleAgenda({ organisation: 'Åbenrå og Ærø', committee: 'Øudvalget', items: [] });
      await renderAgendaPdf(first, { audience: 'public', fonts });
      const second = sampleAgenda({ organisation: 'Anne ABBA SHA', items: [] });
      expect(await allText(await renderAgendaPdf(second, { audience: 'public', fonts }))).toContain('Anne ABBA SHA');
    },
  );

  it('falls back to a working font when a configured font cannot be read', async () => {
    const out = await renderAgendaPdf(sampleAgenda(), {
      audience: 'public',
      fonts: { regular: '/nonexistent/font.ttf', bold: new Uint8Array([1, 2, 3]) },
    });
    expect(await allText(out)).toContain('Udvalget for Teknik og Miljø');
  });

  it('refuses an unknown audience instead of printing closed content', async () => {
    await expect(renderAgendaPdf(sampleAgenda(), { audience: 'everyone' as PdfAudience })).rejects.toThrow(/audience/);
  });
});

describe('closed items and attachments', () => {
  let members: string;
  let publicText: string;

  beforeAll(async () => {
    const doc = sampleAgenda();
    members = await allText(await render(doc, 'members'));
    publicText = await allText(await render(doc, 'public'));
  });

  it('prints a closed item’s content for the members', () => {
    expect(members).toContain(CLOSED_ITEM_TEXT);
    expect(members).toContain(CLOSED_ITEM_CASE);
    expect(members).toContain('Tjenestlig samtale – referat');
    expect(members).toContain('Lukket punkt. Indholdet er fortroligt');
    expect(members).toContain('Udgave til udvalgets medlemmer');
  });

  it('prints only the number and title of a closed item for the public', () => {
    expect(publicText).toContain('3. Personalesag');
    expect(publicText).toContain('Punktet behandles for lukkede døre');
    expect(publicText).not.toContain(CLOSED_ITEM_TEXT);
    expect(publicText).not.toContain(CLOSED_ITEM_CASE);
    expect(publicText).not.toContain('Tjenestlig samtale');
    expect(publicText).toContain('Offentlig udgave');
  });

  it('leaves a closed attachment of an open item out of the public PDF, with a line saying so', () => {
    expect(members).toContain(`Bilag 4.2: ${CLOSED_ATTACHMENT_TITLE} (lukket bilag)`);
    expect(publicText).not.toContain(CLOSED_ATTACHMENT_TITLE);
    expect(publicText).toContain('Bilag 4.2: Lukket bilag – indgår ikke i den offentlige udgave.');
    expect(publicText).toContain('Bilag 4.1: Lokalplanforslag');
  });
});

describe('the merged PDF', () => {
  let doc: AgendaDocument;
  let members: Uint8Array;
  let publicPdf: Uint8Array;

  beforeAll(async () => {
    doc = await agendaWithAttachments();
    members = await render(doc, 'members', true);
    publicPdf = await render(doc, 'public', true);
  });

  it('appends every attachment the members may see, after the agenda', async () => {
    const info = await inspectPdf(members);
    // 6 agenda pages, then 2 + 1 + 1 + 1 attachment pages.
    expect(info.pageCount).toBe(11);
    const text = await pageTexts(members);
    expect(text[6]).toContain('BUDGET-BILAG');
    expect(text[7]).toContain('BUDGET-BILAG');
    expect(text[8]).toContain('BILAG-TIL-LUKKET-PUNKT');
    expect(text[9]).toContain('LOKALPLAN-BILAG');
    expect(text[10]).toContain('LUKKET-BILAG');
  });

  it('keeps the language, the tagging and the title of the agenda', async () => {
    const info = await inspectPdf(members);
    expect(info.lang).toBe('da-DK');
    expect(info.marked).toBe(true);
    expect(info.hasStructTree).toBe(true);
    expect(info.displayDocTitle).toBe(true);
    expect(info.title).toBe('Dagsorden: Udvalget for Teknik og Miljø, 26.11.2026');
    const item = flatten(await pageStructure(members, 4));
    expect(item.find((n) => n.role === 'H2')?.text).toBe('2. Budgetopfølgning for vej og park');
  });

  it('has a bookmark per item and, under it, one per attachment at its first page', async () => {
    const { outline } = await inspectPdf(members);
    const text = await pageTexts(members);
    expect(outline.map((e) => e.page)).toEqual([2, 3, 4, 5]);
    expect(outline.map((e) => e.children.map((c) => [c.title, c.page]))).toEqual([
      [],
      [['Bilag 2.1: Budgetoversigt for vej og park', 6]],
      [['Bilag 3.1: Tjenestlig samtale – referat', 8]],
      [
        ['Bilag 4.1: Lokalplanforslag', 9],
        [`Bilag 4.2: ${CLOSED_ATTACHMENT_TITLE}`, 10],
      ],
    ]);
    expect(text[outline[3]!.children[1]!.page]).toContain('LUKKET-BILAG');
  });

  it('links the table of contents to the items and to the attachments’ first pages', async () => {
    expect(await linkTargets(members, 1)).toEqual([2, 3, 6, 4, 8, 5, 9, 10]);
  });

  it('numbers every page of the merged file, the attachments’ pages too', async () => {
    const text = await pageTexts(members);
    text.slice(0, 6).forEach((t, i) => expect(t).toContain(`Side ${i + 1} af 11`));
    expect(text[6]).toContain('Bilag 2.1 · Side 7 af 11');
    expect(text[7]).toContain('Bilag 2.1 · Side 8 af 11');
    expect(text[8]).toContain('Bilag 3.1 (lukket bilag) · Side 9 af 11');
    expect(text[9]).toContain('Bilag 4.1 · Side 10 af 11');
    expect(text[10]).toContain('Bilag 4.2 (lukket bilag) · Side 11 af 11');
    expect(text[1]).toMatch(/Bilag 2\.1: Budgetoversigt for vej og park 7/);
    expect(text[1]).toMatch(/Bilag 4\.2: Indsigelse fra navngiven borger 11/);
  });

  it('leaves out the attachments of closed items and closed attachments for the public', async () => {
    const info = await inspectPdf(publicPdf);
    const text = await allText(publicPdf);
    expect(info.pageCount).toBe(6 + 2 + 1);
    expect(text).toContain('BUDGET-BILAG');
    expect(text).toContain('LOKALPLAN-BILAG');
    expect(text).not.toContain('BILAG-TIL-LUKKET-PUNKT');
    expect(text).not.toContain('LUKKET-BILAG');
    expect(text).not.toContain(CLOSED_ITEM_TEXT);
    expect(text).not.toContain(CLOSED_ATTACHMENT_TITLE);
    expect(info.outline.map((e) => e.children.length)).toEqual([0, 1, 0, 1]);
  });

  it('skips attachments that are not usable PDFs with a note, and merges the rest', async () => {
    const encrypted = await encryptedPdf();
    const broken = sampleAgenda();
    broken.items[1]!.attachments = [
      { title: 'Regneark', closed: false, pdf: new TextEncoder().encode('Navn;Beløb\nAnne;100\n') },
      { title: 'Afkortet PDF', closed: false, pdf: (await makeAttachmentPdf('AFKORTET', 1)).slice(0, 300) },
      { title: 'Krypteret PDF', closed: false, pdf: encrypted },
      { title: 'Uden PDF-udgave', closed: false },
      { title: 'God PDF', closed: false, pdf: await makeAttachmentPdf('GOD-PDF', 1) },
    ];
    const out = await render(broken, 'members', true);
    const info = await inspectPdf(out);
    const text = await pageTexts(out);
    expect(info.pageCount).toBe(6 + 1);
    expect(text[3]).toContain('Bilag 2.1: Regneark Bilaget er ikke indsat, fordi filen ikke er en gyldig PDF.');
    expect(text[3]).toContain('Bilag 2.2: Afkortet PDF Bilaget er ikke indsat, fordi filen ikke er en gyldig PDF.');
    expect(text[3]).toContain('Bilag 2.3: Krypteret PDF Bilaget er ikke indsat, fordi PDF-filen er krypteret.');
    expect(text[3]).toContain(
      'Bilag 2.4: Uden PDF-udgave Bilaget er ikke indsat, fordi der ikke findes en PDF-udgave af det.',
    );
    expect(text[6]).toContain('GOD-PDF');
    expect(info.outline[1]!.children).toEqual([{ title: 'Bilag 2.5: God PDF', page: 6, children: [] }]);
  });

  it('tags each page of an untagged attachment under a section for the attachment', async () => {
    const page = flatten(await pageStructure(members, 7));
    const div = page.find((n) => n.role === 'Div');
    expect(page.map((n) => n.role)).toEqual(['Root', 'Document', 'Sect', 'Div']);
    expect(div?.text).toContain('BUDGET-BILAG');
    expect(div?.text).not.toContain('Side 7 af 11');
    // The sections are titled, in reading order after the agenda's own content.
    const doc = await LibDocument.load(members);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const document = root.lookup(PDFName.of('K'), PDFArray).lookup(0, PDFDict);
    const kids = document.lookup(PDFName.of('K'), PDFArray);
    const titles = kids
      .asArray()
      .map((ref) =>
        doc.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('T'), PDFString, PDFHexString)?.decodeText(),
      )
      .filter((t) => t?.startsWith('Bilag'));
    expect(titles).toEqual([
      'Bilag 2.1: Budgetoversigt for vej og park',
      'Bilag 3.1: Tjenestlig samtale – referat',
      'Bilag 4.1: Lokalplanforslag',
      `Bilag 4.2: ${CLOSED_ATTACHMENT_TITLE}`,
    ]);
  });

  it('does not let a tagged attachment point into the agenda’s structure tree', async () => {
    const tagged = sampleAgenda();
    tagged.items[0]!.attachments = [{ title: 'Mærket PDF', closed: false, pdf: await taggedPdf('MÆRKET-BILAG') }];
    const out = await render(tagged, 'members', true);
    const doc = await LibDocument.load(out);
    const last = doc.getPage(doc.getPageCount() - 1);
    expect(last.node.get(PDFName.of('StructParents'))).toBeUndefined();
    // Nothing on the appended page is attached to the agenda's structure tree.
    expect(flatten(await pageStructure(out, doc.getPageCount())).filter((n) => n.role !== 'Root')).toEqual([]);
    expect((await pageTexts(out)).at(-1)).toContain('MÆRKET-BILAG');
  });

  it('numbers rotated attachment pages too', async () => {
    const source = await LibDocument.load(await makeAttachmentPdf('ROTERET-BILAG', 1));
    source.getPage(0).setRotation(degrees(90));
    const rotated = sampleAgenda();
    rotated.items[0]!.attachments = [{ title: 'Roteret', closed: false, pdf: await source.save() }];
    const text = await pageTexts(await render(rotated, 'public', true));
    expect(text.at(-1)).toContain('ROTERET-BILAG');
    expect(text.at(-1)).toContain('Bilag 1.1 · Side 7 af 7');
  });
});

describe('the minutes PDF', () => {
  let pdf: Uint8Array;
  let pages: string[];
  const minutes = (): AgendaDocument => {
    const doc = sampleAgenda({
      kind: 'minutes',
      attendance: {
        present: ['Anne Hansen (A)', 'Bo Jensen (V)', 'Carl Østergaard (F)'],
        absent: ['Dorthe Ærø (C)'],
        substitutes: [{ member: 'Erik Ålund (C)', for: 'Dorthe Ærø (C)' }],
      },
      approvals: [
        { member: 'Anne Hansen (A)', at: '2026-11-26T17:35:00Z' },
        { member: 'Bo Jensen (V)', at: '2026-11-26T17:41:00Z' },
      ],
      sealHash: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
    });
    const item = doc.items[1]!;
    item.decision = 'Indstillingen blev godkendt med 2 stemmer mod 1.';
    item.dissent = [
      { member: 'Carl Østergaard (F)', text: 'Jeg kan ikke støtte finansieringen via puljen til grøn omstilling.' },
    ];
    item.attendance = { disqualified: ['Bo Jensen (V)'], note: 'Punktet blev behandlet efter punkt 4.' };
    doc.items[2]!.decision = 'LUKKET-BESLUTNING: Godkendt.';
    return doc;
  };

  beforeAll(async () => {
    pdf = await render(minutes(), 'members');
    pages = await pageTexts(pdf);
  });

  it('is titled as minutes and has a closing page after the items', async () => {
    const info = await inspectPdf(pdf);
    expect(info.title).toBe('Referat: Udvalget for Teknik og Miljø, 26.11.2026');
    expect(info.pageCount).toBe(1 + 1 + 4 + 1);
    expect(info.outline).toHaveLength(4);
  });

  it('shows the attendance on the front page', () => {
    expect(pages[0]).toContain('Fremmøde');
    expect(pages[0]).toContain('Til stede: Anne Hansen (A), Bo Jensen (V), Carl Østergaard (F)');
    expect(pages[0]).toContain('Fraværende: Dorthe Ærø (C)');
    expect(pages[0]).toContain('Stedfortrædere: Erik Ålund (C) (for Dorthe Ærø (C))');
  });

  it('shows the decision, the minority statement and the attendance for the item', () => {
    const item = pages[3]!;
    expect(item).toContain('Beslutning Indstillingen blev godkendt med 2 stemmer mod 1.');
    expect(item).toContain('Mindretalsudtalelse Carl Østergaard (F): Jeg kan ikke støtte finansieringen');
    expect(item).toContain('Inhabil: Bo Jensen (V)');
    expect(item).toContain('Punktet blev behandlet efter punkt 4.');
  });

  it('shows the approvals with their times and the seal on the last page', () => {
    const last = pages.at(-1)!;
    expect(last).toContain('Godkendelse af referatet');
    expect(last).toContain('Anne Hansen (A), godkendt 26.11.2026 kl. 18.35');
    expect(last).toContain('Bo Jensen (V), godkendt 26.11.2026 kl. 18.41');
    expect(last).toContain('a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778');
    expect(last).toContain('Side 7 af 7');
  });

  it('keeps a closed item’s decision out of the public minutes', async () => {
    const publicText = await allText(await render(minutes(), 'public'));
    const membersText = pages.join('\n');
    expect(membersText).toContain('LUKKET-BESLUTNING');
    expect(publicText).not.toContain('LUKKET-BESLUTNING');
    expect(publicText).toContain('Indstillingen blev godkendt med 2 stemmer mod 1.');
  });

  it('says when the minutes are not approved yet', async () => {
    const text = await pageTexts(await render(sampleAgenda({ kind: 'minutes' }), 'public'));
    expect(text.at(-1)).toContain('Referatet er endnu ikke godkendt.');
  });
});

/** The page (0-based) each link on a page leads to, explicit or through a named destination. */
async function linkTargets(pdf: Uint8Array, pageIndex: number): Promise<number[]> {
  const doc = await LibDocument.load(pdf);
  const pageRefs = doc.getPages().map((p) => p.ref);
  const named = new Map<string, PDFArray>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const list = dests?.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; list && i + 1 < list.size(); i += 2) {
    named.set((list.lookup(i) as PDFString).decodeText(), list.lookup(i + 1, PDFArray));
  }
  const annots = doc.getPage(pageIndex).node.Annots();
  return Array.from({ length: annots?.size() ?? 0 }, (_, i) => {
    const action = annots!.lookup(i, PDFDict).lookup(PDFName.of('A'), PDFDict);
    const d = action.lookup(PDFName.of('D'));
    const dest = d instanceof PDFArray ? d : named.get((d as PDFString).decodeText());
    return dest ? pageRefs.indexOf(dest.get(0) as PDFRef) : -1;
  });
}

/** A PDF with a user password (pdfkit encrypts it), which cannot be merged. */
function encryptedPdf(): Promise<Uint8Array> {
  return pdfkitBytes({ userPassword: 'hemmelig', ownerPassword: 'ejer' }, (doc) => doc.text('KRYPTERET'));
}

/** A PDF with its own structure tree (its page has /StructParents). */
function taggedPdf(marker: string): Promise<Uint8Array> {
  return pdfkitBytes({ tagged: true, lang: 'da-DK', pdfVersion: '1.7' }, (doc) => {
    const root = doc.struct('Document');
    doc.addStructure(root);
    root.add(doc.struct('P', {}, () => doc.text(marker)));
    root.end();
  });
}

function pdfkitBytes(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}
