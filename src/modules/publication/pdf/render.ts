import PDFDocument from 'pdfkit';
import { visibleAgenda, type VisibleAgenda, type VisibleAttachment, type VisibleItem } from './audience.ts';
import {
  chooseFonts,
  collect,
  escapeXmpMetadata,
  fitWidth,
  pdfLang,
  registerFonts,
  textCleaner,
  type FontChoice,
  type FontWeight,
} from '../../../pdf/index.ts';
import { formatDateTime, formatDay, formatShortDate, formatTime, sameDay } from './format.ts';
import { pdfLabels, type PdfLabels } from './labels.ts';
import {
  checkAttachmentPdf,
  mergeAttachments,
  type AttachmentCheck,
  type MergeEntry,
  type OutlineNode,
} from './merge.ts';
import type { AgendaDocument, RenderOptions } from './types.ts';

/**
 * The agenda and minutes as PDF.
 *
 * Layout (pdfkit, A4, pages buffered): front page → table of contents (its pages are reserved
 * after measuring every entry, and filled in once the items are laid out, so the page numbers
 * are known) → one new page per item → for minutes a closing page with the approvals and the
 * seal. Then every page gets its footer ("Side 3 af 12"), and for `mergeAttachments` pdf-lib
 * appends the attachments and writes the outline (see merge.ts).
 *
 * Closed content: the renderer only sees `visibleAgenda(doc, audience)` (audience.ts), so a
 * public PDF cannot contain what that function leaves out.
 *
 * Tagging (PDF/UA-style; the file is not claimed to conform to PDF/UA):
 * - tagged: the catalog's /Lang (da-DK or en-GB), /MarkInfo /Marked true, a structure tree with
 *   one Document element holding, in reading order: the front page (H1 for the document kind,
 *   P for the rest, H2 for the attendance of minutes), the table of contents (H2, then TOC with
 *   one TOCI per entry: TOCI → Reference → Link, the link annotation attached to its Link element
 *   by an OBJR), one Sect per item (H2 item heading, H3 section headings, P paragraphs,
 *   L → LI → LBody for the attachments and approvals), the closing page of minutes, and in the
 *   merged variant one Sect per appended attachment (see merge.ts); the title shown in the
 *   viewer's title bar (/DisplayDocTitle) and Title/Author/Subject in both the info dictionary
 *   and the XMP metadata; tab order follows the structure (/Tabs /S).
 * - marked as artifacts (skipped by screen readers): the footers with page numbers, the page
 *   numbers stamped on appended attachments and the decorative rules.
 * - not tagged: the pages of an appended attachment that was itself tagged (its structure tree
 *   cannot be merged with pdf-lib; merge.ts). Coarser than ideal: a label and its value on one
 *   line ("Sted: Rådhuset") is one P, not a table; the item and page numbers of a TOC entry are
 *   not separate Lbl elements; an untagged attachment's page is one Div in content order.
 */

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 62, bottom: 76, left: 64, right: 64 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const MAX_Y = PAGE.height - MARGIN.bottom;
const FOOTER_Y = PAGE.height - 46;

const COLOR = { text: '#1a1a1a', muted: '#4a4a4a', closed: '#8a1c1c', rule: '#8c8c8c' };
const BODY = { size: 10.5, lineGap: 2.5, after: 6 };

/** Table of contents: columns and type. */
const TOC = {
  numberWidth: 30,
  pageWidth: 40,
  gap: 12,
  item: { size: 11, lineGap: 2, before: 7 },
  attachment: { size: 9.5, lineGap: 1.5, before: 1 },
};
const TOC_TITLE_X = MARGIN.left + TOC.numberWidth;
const TOC_TITLE_WIDTH = CONTENT_WIDTH - TOC.numberWidth - TOC.pageWidth - TOC.gap;

/**
 * Renders the agenda or the minutes as one PDF.
 * `audience: 'public'` leaves out closed items' content and closed attachments (audience.ts);
 * `mergeAttachments: true` appends every attachment the audience may see, after the agenda.
 */
export async function renderAgendaPdf(input: AgendaDocument, options: RenderOptions): Promise<Uint8Array> {
  const view = visibleAgenda(input, options.audience);
  const merge = options.mergeAttachments === true;
  const checks = new Map<VisibleAttachment, AttachmentCheck>();
  if (merge) {
    for (const item of view.items) {
      for (const attachment of item.attachments) {
        if (attachment.kind === 'shown') checks.set(attachment, await checkAttachmentPdf(attachment.pdf));
      }
    }
  }
  const labels = pdfLabels(view.locale);
  const layout = await layOut(view, {
    labels,
    merge,
    checks,
    fonts: chooseFonts(options.fonts),
    createdAt: options.createdAt ?? new Date(),
  });
  if (!merge) return layout.pdf;
  return mergeAttachments(layout.pdf, layout.merged, layout.outline, {
    pageOf: labels.pageOf,
    couldNotInsert: labels.attachmentCouldNotBeInserted,
  });
}

// ---------------------------------------------------------------------------------------------

interface LayoutInput {
  labels: PdfLabels;
  merge: boolean;
  checks: Map<VisibleAttachment, AttachmentCheck>;
  fonts: FontChoice;
  createdAt: Date;
}

interface MergedAttachment extends MergeEntry {
  itemIndex: number;
  title: string;
  /** 0-based page index in the merged file; known once the agenda is laid out. */
  firstPage: number;
}

interface TocLine {
  kind: 'item' | 'attachment';
  number: string;
  title: string;
  /** Index into items (kind item) or into the merged attachments (kind attachment). */
  target: number;
  height: number;
  /** Which reserved TOC page (0-based) and where on it. */
  tocPage: number;
  y: number;
}

interface LayoutResult {
  pdf: Uint8Array;
  merged: MergedAttachment[];
  outline: OutlineNode[];
}

async function layOut(view: VisibleAgenda, input: LayoutInput): Promise<LayoutResult> {
  const { labels, merge, checks } = input;
  const kindLabel = view.kind === 'minutes' ? labels.minutes : labels.agenda;
  const shortDate = formatShortDate(view.meeting.startsAt, view.locale);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: pdfLang(view.locale),
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: labels.documentTitle(kindLabel, view.committee, shortDate),
      Author: view.organisation,
      Subject: labels.documentSubject(kindLabel, view.committee, view.meeting.title, shortDate),
      Creator: 'Samspil',
      CreationDate: input.createdAt,
    },
  });
  const output = collect(doc);
  escapeXmpMetadata(doc);
  const w = new Writer(doc, input.fonts);

  // The attachments that will be appended, in reading order.
  const merged: MergedAttachment[] = [];
  if (merge) {
    view.items.forEach((item, itemIndex) => {
      for (const attachment of item.attachments) {
        const check = attachment.kind === 'shown' ? checks.get(attachment) : undefined;
        if (attachment.kind !== 'shown' || !check?.ok) continue;
        merged.push({
          itemIndex,
          source: check.source,
          pageCount: check.pageCount,
          label: labels.attachmentLabel(item.number, attachment.number),
          title: attachment.title,
          firstPage: -1,
          destination: `attachment-${String(merged.length + 1).padStart(4, '0')}`,
          ...(attachment.closed || item.closed ? { mark: labels.closedAttachment } : {}),
        });
      }
    });
  }

  const root = doc.struct('Document');
  doc.addStructure(root);

  frontPage(w, root, view, labels, kindLabel, merged.length > 0);

  // Table of contents: heading now, entries measured now and written after the items.
  doc.addPage();
  const tocFirstPage = w.pageIndex();
  w.heading(root, 'H2', labels.contents, 16);
  doc.y += 4;
  const tocLines = planToc(w, view, merged, labels, doc.y);
  const tocPages = tocLines.reduce((max, line) => Math.max(max, line.tocPage + 1), 1);
  // Created only when it gets entries: every pdfkit object must be ended before the file can end.
  const toc = tocLines.length > 0 ? doc.struct('TOC') : null;
  if (toc) root.add(toc);
  else w.paragraph(root, labels.none);
  for (let i = 1; i < tocPages; i++) doc.addPage();

  // The items, each on a new page.
  const itemPages: number[] = [];
  for (const item of view.items) {
    doc.addPage();
    itemPages.push(w.pageIndex());
    itemPage(w, root, view, item, labels, merge ? checks : null);
  }
  if (view.kind === 'minutes' || view.sealHash) closingPage(w, root, view, labels);

  const agendaPages = doc.bufferedPageRange().count;
  let next = agendaPages;
  for (const m of merged) {
    m.firstPage = next;
    next += m.pageCount;
  }
  const totalPages = next;

  // Fill in the table of contents.
  for (const line of tocLines) {
    doc.switchToPage(tocFirstPage + line.tocPage);
    if (line.kind === 'item') tocEntry(w, toc!, line, itemPages[line.target]!, itemPages[line.target]!);
    else tocEntry(w, toc!, line, merged[line.target]!.firstPage, merged[line.target]!.destination!);
  }
  toc?.end();

  const outline: OutlineNode[] = view.items.map((item, i) => ({
    title: itemTitle(item, labels),
    page: itemPages[i]!,
    children: merged
      .filter((m) => m.itemIndex === i)
      .map((m) => ({ title: `${m.label}: ${m.title}`, page: m.firstPage })),
  }));
  if (!merge) {
    // pdfkit's outline (pdf-lib writes the merged file's outline instead; see merge.ts).
    const pdfkitOutline = doc.outline as unknown as {
      addItem(title: string, options: { pageNumber: number; fit: boolean; expanded: boolean }): unknown;
    };
    for (const entry of outline)
      pdfkitOutline.addItem(entry.title, { pageNumber: entry.page, fit: true, expanded: false });
  }

  // Footers on every page of the agenda (the appended pages get theirs from pdf-lib).
  const footerLeft = `${kindLabel} · ${view.committee} · ${shortDate}`;
  for (let i = 0; i < agendaPages; i++) {
    doc.switchToPage(i);
    w.footer(footerLeft, labels.pageOf(i + 1, totalPages));
  }

  root.end();
  doc.end();
  return { pdf: await output, merged, outline };
}

// ---------------------------------------------------------------------------------------------
// The parts of the document

function frontPage(
  w: Writer,
  root: Struct,
  view: VisibleAgenda,
  labels: PdfLabels,
  kindLabel: string,
  attachmentsAtTheBack: boolean,
): void {
  const { doc } = w;
  doc.addPage();
  w.paragraph(root, view.organisation, { size: 11, color: COLOR.muted });
  doc.y += 70;
  w.heading(root, 'H1', kindLabel, 32, 0);
  doc.y += 4;
  w.paragraph(root, view.committee, { size: 18, bold: true });
  w.paragraph(root, view.meeting.title, { size: 13 });
  doc.y += 14;
  w.rule();
  doc.y += 12;

  w.labelled(root, labels.time, meetingTime(view, labels));
  w.labelled(root, labels.place, view.meeting.place);
  if (view.version) {
    doc.y += 6;
    if (view.version.number > 1) w.paragraph(root, labels.newVersion(view.version.number), { bold: true });
    w.paragraph(root, labels.version(view.version.number, formatDateTime(view.version.publishedAt, view.locale)));
    if (view.version.changeNote) w.labelled(root, labels.changes, view.version.changeNote);
  }
  if (view.hasClosedContent) {
    doc.y += 10;
    if (view.audience === 'members') w.paragraph(root, labels.membersEdition, { bold: true, color: COLOR.closed });
    else w.paragraph(root, labels.publicEdition, { bold: true });
  }
  if (attachmentsAtTheBack) {
    doc.y += 6;
    w.paragraph(root, labels.attachmentsAtTheBack);
  }
  if (view.attendance) {
    doc.y += 18;
    w.heading(root, 'H2', labels.attendance, 14);
    const a = view.attendance;
    w.labelled(root, labels.present, list(a.present, labels));
    w.labelled(root, labels.absent, list(a.absent, labels));
    if (a.substitutes.length > 0) {
      w.labelled(root, labels.substitutes, a.substitutes.map((s) => labels.substituteFor(s.member, s.for)).join(', '));
    }
  }
}

function meetingTime(view: VisibleAgenda, labels: PdfLabels): string {
  const { startsAt, endsAt } = view.meeting;
  const day = formatDay(startsAt, view.locale);
  const from = formatTime(startsAt, view.locale);
  if (!endsAt) return labels.timeRange(day, from);
  const to = formatTime(endsAt, view.locale);
  if (sameDay(startsAt, endsAt)) return labels.timeRange(day, from, to);
  return `${labels.timeRange(day, from)} – ${labels.timeRange(formatDay(endsAt, view.locale), to)}`;
}

function itemTitle(item: VisibleItem, labels: PdfLabels): string {
  // A closed item whose title the caller withheld (redacted for this reader): just "Lukket punkt".
  if (item.closed && !item.title.trim()) return labels.itemHeading(item.number, labels.closedItem);
  const heading = labels.itemHeading(item.number, item.title);
  return item.closed ? `${heading} – ${labels.closedItem}` : heading;
}

/** Longest title shown in the table of contents (an entry must fit on one page). */
const TOC_MAX_TITLE = 400;

function planToc(
  w: Writer,
  view: VisibleAgenda,
  merged: MergedAttachment[],
  labels: PdfLabels,
  startY: number,
): TocLine[] {
  const lines: TocLine[] = [];
  const short = (title: string) =>
    title.length > TOC_MAX_TITLE ? `${title.slice(0, TOC_MAX_TITLE).trimEnd()}…` : title;
  view.items.forEach((item, i) => {
    const title = item.closed
      ? item.title.trim()
        ? `${short(item.title)} – ${labels.closedItem}`
        : labels.closedItem
      : short(item.title);
    lines.push({
      kind: 'item',
      number: `${item.number}.`,
      title: w.clean(title),
      target: i,
      height: 0,
      tocPage: 0,
      y: 0,
    });
    merged.forEach((m, k) => {
      if (m.itemIndex === i) {
        const text = w.clean(`${m.label}: ${short(m.title)}`);
        lines.push({ kind: 'attachment', number: '', title: text, target: k, height: 0, tocPage: 0, y: 0 });
      }
    });
  });
  let page = 0;
  let y = startY;
  lines.forEach((line, i) => {
    const style = line.kind === 'item' ? TOC.item : TOC.attachment;
    w.font('regular', style.size);
    line.height = w.doc.heightOfString(line.title, { width: TOC_TITLE_WIDTH, lineGap: style.lineGap });
    if (i > 0) y += style.before;
    if (y + line.height > MAX_Y && y > MARGIN.top) {
      page++;
      y = MARGIN.top;
    }
    line.tocPage = page;
    line.y = y;
    y += line.height;
  });
  return lines;
}

/**
 * One entry: TOCI → Reference → Link, with a link annotation attached to the Link element.
 * Items are linked by page; appended attachments by a named destination that pdf-lib creates
 * once their pages exist (merge.ts).
 */
function tocEntry(w: Writer, toc: Struct, line: TocLine, targetPage: number, target: number | string): void {
  const { doc } = w;
  const style = line.kind === 'item' ? TOC.item : TOC.attachment;
  const color = line.kind === 'item' ? COLOR.text : COLOR.muted;
  const toci = doc.struct('TOCI');
  toc.add(toci);
  const reference = doc.struct('Reference');
  toci.add(reference);
  const link = doc.struct('Link');
  reference.add(link);
  link.add(() => {
    w.font('regular', style.size, color);
    if (line.number) doc.text(line.number, MARGIN.left, line.y, { width: TOC.numberWidth, lineBreak: false });
    doc.text(line.title, TOC_TITLE_X, line.y, { width: TOC_TITLE_WIDTH, lineGap: style.lineGap });
    doc.text(String(targetPage + 1), PAGE.width - MARGIN.right - TOC.pageWidth, line.y, {
      width: TOC.pageWidth,
      align: 'right',
      lineBreak: false,
    });
  });
  const description = `${line.number} ${line.title}`.trim();
  linkTo(doc, MARGIN.left, line.y, CONTENT_WIDTH, line.height, target, link, description);
  link.end();
  reference.end();
  toci.end();
}

function itemPage(
  w: Writer,
  root: Struct,
  view: VisibleAgenda,
  item: VisibleItem,
  labels: PdfLabels,
  checks: Map<VisibleAttachment, AttachmentCheck> | null,
): void {
  const { doc } = w;
  const heading = item.title.trim() ? labels.itemHeading(item.number, item.title) : itemTitle(item, labels);
  const sect = doc.struct('Sect', { title: heading });
  root.add(sect);
  w.heading(sect, 'H2', heading, 16);
  w.rule();
  doc.y += 10;

  if (item.redacted) {
    w.paragraph(sect, labels.closedItem, { bold: true });
    w.paragraph(sect, labels.closedItemPublicNote);
    sect.end();
    return;
  }
  if (item.closed) w.paragraph(sect, labels.closedItemMembersNote, { bold: true, color: COLOR.closed });
  if (item.caseNumber) w.labelled(sect, labels.caseNumber, item.caseNumber, { size: 9.5, color: COLOR.muted });
  doc.y += 4;

  for (const section of item.sections) {
    if (section.heading.trim()) w.heading(sect, 'H3', section.heading, 12);
    for (const paragraph of section.paragraphs) if (paragraph.trim()) w.paragraph(sect, paragraph);
    doc.y += 4;
  }

  if (item.attendance) {
    const a = item.attendance;
    if (a.absent?.length) w.labelled(sect, labels.absentForItem, list(a.absent, labels));
    if (a.disqualified?.length) w.labelled(sect, labels.disqualified, list(a.disqualified, labels));
    if (a.note) w.paragraph(sect, a.note);
    doc.y += 4;
  }
  if (item.decision) {
    w.heading(sect, 'H3', labels.decision, 12);
    w.paragraph(sect, item.decision);
    doc.y += 4;
  }
  if (item.dissent.length > 0) {
    w.heading(sect, 'H3', labels.dissent, 12);
    for (const d of item.dissent) w.labelled(sect, d.member, d.text);
    doc.y += 4;
  }

  if (item.attachments.length > 0) {
    w.heading(sect, 'H3', labels.attachments, 12);
    const items = item.attachments.map((a) => {
      const label = labels.attachmentLabel(item.number, a.number);
      if (a.kind === 'withheld') return { text: `${label}: ${labels.withheldAttachment}` };
      const text = `${label}: ${a.title}${a.closed ? ` (${labels.closedAttachment})` : ''}`;
      const check = checks?.get(a);
      if (!check || check.ok) return { text };
      return { text, note: skipReason(check.reason, labels) };
    });
    w.list(sect, items);
  }
  sect.end();
}

function skipReason(reason: Exclude<AttachmentCheck, { ok: true }>['reason'], labels: PdfLabels): string {
  switch (reason) {
    case 'encrypted':
      return labels.skippedEncrypted;
    case 'no-pdf':
      return labels.skippedNoPdf;
    case 'no-pages':
      return labels.skippedNoPages;
    default:
      return labels.skippedNotPdf;
  }
}

function closingPage(w: Writer, root: Struct, view: VisibleAgenda, labels: PdfLabels): void {
  const { doc } = w;
  doc.addPage();
  const sect = doc.struct('Sect');
  root.add(sect);
  if (view.kind === 'minutes') {
    w.heading(sect, 'H2', labels.approvalHeading, 16);
    w.rule();
    doc.y += 10;
    const approvals = view.approvals ?? [];
    if (approvals.length === 0) w.paragraph(sect, labels.noApprovals);
    else
      w.list(
        sect,
        approvals.map((a) => ({ text: labels.approvedBy(a.member, formatDateTime(a.at, view.locale)) })),
      );
  }
  if (view.sealHash) {
    doc.y += 10;
    w.heading(sect, view.kind === 'minutes' ? 'H3' : 'H2', labels.seal, 12);
    w.paragraph(sect, labels.sealText);
    w.paragraph(sect, view.sealHash, { size: 9.5 });
  }
  sect.end();
}

function list(names: string[], labels: PdfLabels): string {
  return names.length > 0 ? names.join(', ') : labels.none;
}

// ---------------------------------------------------------------------------------------------
// Drawing with structure

interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
}

class Writer {
  /** Every string is drawn (and measured) through this: see textCleaner in fonts.ts. */
  readonly clean: (text: string, weight?: FontWeight) => string;

  constructor(
    readonly doc: Doc,
    fonts: FontChoice,
  ) {
    this.clean = textCleaner(registerFonts(doc, fonts));
  }

  pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  font(weight: 'regular' | 'bold', size: number, color = COLOR.text): void {
    this.doc
      .font(weight === 'bold' ? 'Bold' : 'Body')
      .fontSize(size)
      .fillColor(color);
  }

  /** Starts a new page when less than `height` is left on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > MAX_Y && this.doc.y > MARGIN.top) this.doc.addPage();
  }

  heading(parent: Struct, level: 'H1' | 'H2' | 'H3', raw: string, size: number, keepWithNext = 2): void {
    const { doc } = this;
    const text = this.clean(raw, 'bold');
    this.font('bold', size);
    const height = doc.heightOfString(text, { width: CONTENT_WIDTH, lineGap: 2 });
    this.font('regular', BODY.size);
    const bodyLine = doc.currentLineHeight(true) + BODY.lineGap;
    this.ensureSpace(height + keepWithNext * bodyLine + 6);
    parent.add(
      doc.struct(level, {}, () => {
        this.font('bold', size);
        doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
      }),
    );
    doc.y += size >= 16 ? 4 : 3;
  }

  paragraph(parent: Struct, raw: string, style: TextStyle = {}): void {
    const { doc } = this;
    const text = this.clean(raw, style.bold ? 'bold' : 'regular');
    const size = style.size ?? BODY.size;
    this.font(style.bold ? 'bold' : 'regular', size, style.color);
    this.ensureSpace(doc.currentLineHeight(true) + BODY.lineGap);
    parent.add(
      doc.struct('P', {}, () => {
        this.font(style.bold ? 'bold' : 'regular', size, style.color);
        doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: BODY.lineGap });
      }),
    );
    doc.y += BODY.after;
  }

  /** "Label: value" as one paragraph, the label in bold. */
  labelled(parent: Struct, rawLabel: string, rawValue: string, style: TextStyle = {}): void {
    const { doc } = this;
    const label = this.clean(rawLabel, 'bold');
    const value = this.clean(rawValue);
    const size = style.size ?? BODY.size;
    this.font('regular', size, style.color);
    this.ensureSpace(doc.currentLineHeight(true) + BODY.lineGap);
    parent.add(
      doc.struct('P', {}, () => {
        this.font('bold', size, style.color);
        doc.text(`${label}: `, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: BODY.lineGap, continued: true });
        this.font('regular', size, style.color);
        doc.text(value, { width: CONTENT_WIDTH, lineGap: BODY.lineGap });
      }),
    );
    doc.y += BODY.after;
  }

  /** A list (L → LI → LBody); a note is printed under its entry, in the same LBody. */
  list(parent: Struct, entries: Array<{ text: string; note?: string }>): void {
    const { doc } = this;
    const listElement = doc.struct('L');
    parent.add(listElement);
    for (const entry of entries) {
      this.font('regular', BODY.size);
      this.ensureSpace(doc.currentLineHeight(true) * (entry.note ? 2 : 1) + BODY.lineGap);
      const li = doc.struct('LI');
      listElement.add(li);
      li.add(
        doc.struct('LBody', {}, () => {
          this.font('regular', BODY.size);
          doc.text(this.clean(entry.text), MARGIN.left + 12, doc.y, {
            width: CONTENT_WIDTH - 12,
            lineGap: BODY.lineGap,
          });
          if (entry.note) {
            this.font('regular', 9.5, COLOR.closed);
            doc.text(this.clean(entry.note), MARGIN.left + 12, doc.y, {
              width: CONTENT_WIDTH - 12,
              lineGap: BODY.lineGap,
            });
          }
        }),
      );
      li.end();
      doc.y += 3;
    }
    listElement.end();
    doc.y += BODY.after;
  }

  /** A thin line across the text width, marked as an artifact. */
  rule(): void {
    const { doc } = this;
    const y = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    doc
      .moveTo(MARGIN.left, y)
      .lineTo(PAGE.width - MARGIN.right, y)
      .lineWidth(0.6)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.restore();
    doc.endMarkedContent();
  }

  /** The footer of the current page, marked as a pagination artifact. */
  footer(rawLeft: string, rawRight: string): void {
    const { doc } = this;
    const left = this.clean(rawLeft);
    const right = this.clean(rawRight);
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.save();
    doc
      .moveTo(MARGIN.left, FOOTER_Y - 8)
      .lineTo(PAGE.width - MARGIN.right, FOOTER_Y - 8)
      .lineWidth(0.4)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.restore();
    this.font('regular', 8.5, COLOR.muted);
    const rightWidth = doc.widthOfString(right);
    doc.text(right, PAGE.width - MARGIN.right - rightWidth, FOOTER_Y, { lineBreak: false });
    doc.text(fitWidth(doc, left, CONTENT_WIDTH - rightWidth - 24), MARGIN.left, FOOTER_Y, { lineBreak: false });
    doc.endMarkedContent();
  }
}

/**
 * A link annotation to a page (number) or a named destination (string), attached to its Link
 * structure element; pdfkit's typings lack these options.
 */
function linkTo(
  doc: Doc,
  x: number,
  y: number,
  width: number,
  height: number,
  target: number | string,
  link: Struct,
  contents: string,
): void {
  const options = { structParent: link, Contents: new String(contents) };
  type Annotate = (x: number, y: number, w: number, h: number, target: number | string, options: object) => Doc;
  if (typeof target === 'number') (doc.link as unknown as Annotate).call(doc, x, y, width, height, target, options);
  else (doc.goTo as unknown as Annotate).call(doc, x, y, width, height, target, options);
}
