import {
  beginMarkedContent,
  degrees,
  endMarkedContent,
  PDFArray,
  PDFDict,
  PDFDocument as LibDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  rgb,
  StandardFonts,
  type PDFFont,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/**
 * The pdf-lib half of the merged variant (pdfkit cannot read PDFs): checking attachments,
 * appending their pages after the agenda, numbering those pages and writing the outline.
 *
 * Why this order: pdfkit lays out the agenda knowing how many pages each attachment has (so the
 * table of contents and every "Side x af N" are right), then pdf-lib opens the agenda itself and
 * appends the attachments' pages to it. The agenda keeps its own catalog: /Lang, /MarkInfo, the
 * structure tree, /ViewerPreferences and the metadata survive untouched.
 *
 * The outline: pdf-lib copies pages, not outlines, so in the merged file the whole outline is
 * written here with pdf-lib's low-level objects (one entry per item, pointing at its page, with
 * one child per attachment, pointing at the attachment's first page). pdfkit writes no outline in
 * that case. The attachments' own outlines are not carried over.
 *
 * Accessibility of the appended pages: pdf-lib cannot merge structure trees, so an attachment's
 * own tags are dropped (its pages lose /StructParents and their annotations /StructParent, so
 * nothing points into our tree by accident). Instead, each attachment becomes a Sect (titled
 * "Bilag 3.1: …") at the end of the agenda's Document element, and each of its pages whose
 * content has no marked-content ids is wrapped whole in one marked-content sequence referenced by
 * a Div: a screen reader reads the page's text in content-stream order. Pages of an attachment
 * that was tagged (content with /MCID) stay untagged, because marked content with ids must not
 * nest; for those, the attachment's own file is the accessible copy. The stamped page numbers are
 * artifacts.
 */

export type AttachmentCheck =
  | { ok: true; source: LibDocument; pageCount: number }
  | { ok: false; reason: 'no-pdf' | 'not-pdf' | 'encrypted' | 'no-pages' };

/** How far into a file the "%PDF-" header may start (PDF readers accept leading junk up to 1 KiB). */
const HEADER_WINDOW = 1024;
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_HEADER.length, HEADER_WINDOW);
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < PDF_HEADER.length; k++) if (bytes[i + k] !== PDF_HEADER[k]) continue outer;
    return true;
  }
  return false;
}

/** Opens an attachment for merging. Never throws: anything unusable gets a reason. */
export async function checkAttachmentPdf(bytes: Uint8Array | undefined): Promise<AttachmentCheck> {
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'no-pdf' };
  if (!hasPdfHeader(bytes)) return { ok: false, reason: 'not-pdf' };
  try {
    // Loaded with ignoreEncryption so that an encrypted file can be told apart (pdf-lib's
    // EncryptedPDFError is compiled to ES5 and fails `instanceof`); its pages are never copied.
    const source = await LibDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    if (source.isEncrypted) return { ok: false, reason: 'encrypted' };
    const pageCount = source.getPageCount();
    if (pageCount === 0) return { ok: false, reason: 'no-pages' };
    // Touch every page once: a page tree that cannot be walked fails here, not half-way through the merge.
    if (source.getPages().length !== pageCount) return { ok: false, reason: 'not-pdf' };
    return { ok: true, source, pageCount };
  } catch {
    return { ok: false, reason: 'not-pdf' };
  }
}

export interface MergeEntry {
  source: LibDocument;
  pageCount: number;
  /** Shown before the page number on each of the attachment's pages, e.g. "Bilag 3.1". */
  label: string;
  /** A named destination (ASCII) to create at the attachment's first page: the agenda's links point at it. */
  destination?: string;
  /** The attachment's title: its Sect in the structure tree is titled "{label}: {title}". */
  title?: string;
  /** Printed after the label on each page, e.g. "lukket bilag" for a closed attachment or item. */
  mark?: string;
}

export interface OutlineNode {
  title: string;
  /** 0-based page index in the final file. */
  page: number;
  children?: OutlineNode[];
}

export interface MergeTexts {
  /** "Side 57 af 140". */
  pageOf: (page: number, total: number) => string;
  /** Printed on stand-in pages when an attachment that opened cannot be copied after all. */
  couldNotInsert: string;
}

/**
 * Appends the attachments to the agenda (in order), numbers their pages ("Side n af N", N being
 * the agenda's pages plus every entry's `pageCount`, as in the agenda's own footers), tags them,
 * adds the named destinations the agenda links to, and writes the outline. An attachment that
 * fails while copying is replaced by as many stand-in pages with a note, so that page numbers and
 * the outline stay right.
 */
export async function mergeAttachments(
  agendaPdf: Uint8Array,
  entries: MergeEntry[],
  outline: OutlineNode[],
  texts: MergeTexts,
): Promise<Uint8Array> {
  const out = await LibDocument.load(agendaPdf, { updateMetadata: false });
  const agendaPages = out.getPageCount();
  const totalPages = agendaPages + entries.reduce((sum, e) => sum + e.pageCount, 0);
  const font = await out.embedFont(StandardFonts.Helvetica);

  let pageNumber = agendaPages;
  const destinations: Array<[string, PDFRef]> = [];
  const structure = openStructure(out);
  for (const entry of entries) {
    const pagesToTag: Array<{ page: PDFPage; wrap: boolean }> = [];
    let pages: PDFPage[] | null;
    try {
      pages = await out.copyPages(entry.source, entry.source.getPageIndices());
      if (pages.length !== entry.pageCount) pages = null;
    } catch {
      pages = null;
    }
    for (let k = 0; k < entry.pageCount; k++) {
      let page: PDFPage;
      const copied = pages?.[k];
      if (copied) {
        detachStructure(copied);
        page = out.addPage(copied);
        if (structure && !hasMarkedContentIds(page)) pagesToTag.push({ page, wrap: true });
      } else {
        // A stand-in page: its note is marked content from the start (MCID 0, as for wrapped pages).
        page = out.addPage([595.28, 841.89]);
        page.pushOperators(
          PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Div'), '<</MCID 0>>']),
        );
        page.drawText(winAnsi(`${entry.label}: ${texts.couldNotInsert}`), {
          x: 64,
          y: 760,
          size: 11,
          font,
          maxWidth: 467,
          lineHeight: 14,
        });
        page.pushOperators(endMarkedContent());
        if (structure) pagesToTag.push({ page, wrap: false });
      }
      pageNumber++;
      const label = entry.mark ? `${entry.label} (${entry.mark})` : entry.label;
      stampPageNumber(page, winAnsi(`${label} · ${texts.pageOf(pageNumber, totalPages)}`), font);
      if (k === 0 && entry.destination) destinations.push([entry.destination, page.ref]);
    }
    if (structure)
      tagAttachmentPages(structure, entry.title ? `${entry.label}: ${entry.title}` : entry.label, pagesToTag);
  }

  addNamedDestinations(out, destinations);
  writeOutline(out, outline);
  return out.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}

/**
 * Adds named destinations (/Names /Dests) for the appended attachments: the table of contents,
 * written by pdfkit before these pages existed, links to them by name. pdfkit writes its name
 * tree as one flat node; a tree with /Kids gets a new leaf instead.
 */
function addNamedDestinations(doc: LibDocument, destinations: Array<[string, PDFRef]>): void {
  if (destinations.length === 0) return;
  const context = doc.context;
  let names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (!names) {
    names = context.obj({}) as PDFDict;
    doc.catalog.set(PDFName.of('Names'), context.register(names));
  }
  const pairs = new Map<string, PDFObject>();
  const existing = names.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const kids = existing?.lookupMaybe(PDFName.of('Kids'), PDFArray);
  const flat = existing?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (existing && !kids && flat) {
    for (let i = 0; i + 1 < flat.size(); i += 2) {
      const key = flat.lookup(i);
      const value = flat.get(i + 1);
      if ((key instanceof PDFString || key instanceof PDFHexString) && value) pairs.set(key.decodeText(), value);
    }
  }
  for (const [name, pageRef] of destinations) pairs.set(name, context.obj([pageRef, PDFName.of('Fit')]));
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const leaf = context.obj({}) as PDFDict;
  const array = context.obj([]) as PDFArray;
  for (const [name, value] of sorted) {
    array.push(PDFString.of(name));
    array.push(value);
  }
  leaf.set(PDFName.of('Names'), array);
  if (existing && kids) {
    leaf.set(PDFName.of('Limits'), context.obj([PDFString.of(sorted[0]![0]), PDFString.of(sorted.at(-1)![0])]));
    kids.push(context.register(leaf));
  } else {
    names.set(PDFName.of('Dests'), context.register(leaf));
  }
}

// ---------------------------------------------------------------------------------------------
// Structure for the appended pages

interface Structure {
  documentRef: PDFRef;
  /** The Document element's /K. */
  kids: PDFArray;
  root: PDFDict;
  /** The parent tree's /Nums (pdfkit writes it as one flat node). */
  nums: PDFArray;
  nextKey: number;
}

/** The agenda's structure tree as pdfkit wrote it, ready for more elements; null when it is not as expected. */
function openStructure(doc: LibDocument): Structure | null {
  const context = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return null;
  const k = root.get(PDFName.of('K'));
  const first = k instanceof PDFArray && k.size() === 1 ? k.get(0) : k;
  if (!(first instanceof PDFRef)) return null;
  const documentElement = context.lookupMaybe(first, PDFDict);
  if (documentElement?.get(PDFName.of('S')) !== PDFName.of('Document')) return null;
  const parentTree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  const nums = parentTree?.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (!parentTree || !nums || parentTree.has(PDFName.of('Kids'))) return null;
  // The root of a number tree has no /Limits (pdfkit writes them); the keys added below would outgrow them.
  parentTree.delete(PDFName.of('Limits'));
  let kids = documentElement.lookupMaybe(PDFName.of('K'), PDFArray);
  if (!kids) {
    const only = documentElement.get(PDFName.of('K'));
    kids = context.obj(only ? [only] : []) as PDFArray;
    documentElement.set(PDFName.of('K'), kids);
  }
  let nextKey = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  for (let i = 0; i < nums.size(); i += 2) {
    const key = nums.lookupMaybe(i, PDFNumber)?.asNumber();
    if (key !== undefined && key >= nextKey) nextKey = key + 1;
  }
  return { documentRef: first, kids, root, nums, nextKey };
}

/** Whether a page's content already carries marked-content ids (it was tagged), or cannot be read. */
function hasMarkedContentIds(page: PDFPage): boolean {
  const context = page.doc.context;
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((s) => context.lookup(s)) : [resolved];
  try {
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const bytes = decodePDFRawStream(stream).decode();
      if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/MCID')) return true;
    }
    return false;
  } catch {
    return true;
  }
}

/**
 * Wraps each page's content (before the stamped page number) in one marked-content sequence
 * (`wrap`; stand-in pages are marked already), referenced by a Div; the Divs go into one Sect per
 * attachment at the end of the Document.
 */
function tagAttachmentPages(structure: Structure, title: string, pages: Array<{ page: PDFPage; wrap: boolean }>): void {
  if (pages.length === 0) return;
  const context = pages[0]!.page.doc.context;
  const sectRef = context.nextRef();
  const divs: PDFRef[] = [];
  for (const { page, wrap } of pages) {
    if (wrap) {
      const contents = page.node.lookupMaybe(PDFName.of('Contents'), PDFArray);
      if (!contents || contents.size() < 2) continue;
      // After stamping: [q, original…, Q, stamp]. The sequence ends before the stamp (an artifact).
      contents.insert(0, context.register(context.stream('/Div <</MCID 0>> BDC\n')));
      contents.insert(contents.size() - 1, context.register(context.stream('\nEMC\n')));
    }
    const divRef = context.register(context.obj({ Type: 'StructElem', S: 'Div', P: sectRef, Pg: page.ref, K: 0 }));
    const key = structure.nextKey++;
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
    structure.nums.push(PDFNumber.of(key));
    structure.nums.push(context.obj([divRef]));
    divs.push(divRef);
  }
  if (divs.length === 0) return;
  const sect = context.obj({ Type: 'StructElem', S: 'Sect', P: structure.documentRef }) as PDFDict;
  sect.set(PDFName.of('T'), PDFHexString.fromText(title));
  sect.set(PDFName.of('K'), context.obj(divs));
  context.assign(sectRef, sect);
  structure.kids.push(sectRef);
  structure.root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(structure.nextKey));
}

/** Removes a copied page's links into its old document's structure tree. */
function detachStructure(page: PDFPage): void {
  const node = page.node;
  node.delete(PDFName.of('StructParents'));
  const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookupMaybe(i, PDFDict);
    annot?.delete(PDFName.of('StructParent'));
  }
}

/**
 * "Bilag 3.1 · Side 57 af 140" in the bottom right corner of the page as it is shown (the
 * page's /Rotate and crop box respected), in 8 pt Helvetica, marked as an artifact.
 */
function stampPageNumber(page: PDFPage, text: string, font: PDFFont): void {
  const size = 8;
  const width = font.widthOfTextAtSize(text, size);
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as number;
  const shownWidth = rotation === 90 || rotation === 270 ? box.height : box.width;
  // Position in the shown page: u from the left edge, v from the bottom edge.
  const u = Math.max(4, shownWidth - 28 - width);
  const v = 14;
  let x: number;
  let y: number;
  switch (rotation) {
    case 90:
      x = box.x + box.width - v;
      y = box.y + u;
      break;
    case 180:
      x = box.x + box.width - u;
      y = box.y + box.height - v;
      break;
    case 270:
      x = box.x + v;
      y = box.y + box.height - u;
      break;
    default:
      x = box.x + u;
      y = box.y + v;
  }
  page.pushOperators(beginMarkedContent('Artifact'));
  page.drawText(text, { x, y, size, font, color: rgb(0.2, 0.2, 0.2), rotate: degrees(rotation) });
  page.pushOperators(endMarkedContent());
}

/** Characters Helvetica's WinAnsi encoding cannot show become "?" (pdf-lib would throw). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  }
  return out;
}

/**
 * Writes /Outlines from scratch (replacing any): items at the top level, their children
 * collapsed beneath them (negative /Count), each entry a /Fit destination on its page.
 */
export function writeOutline(doc: LibDocument, nodes: OutlineNode[]): void {
  if (nodes.length === 0) return;
  const context = doc.context;
  const pageRefs = doc.getPages().map((p) => p.ref);
  const rootRef = context.nextRef();

  const build = (list: OutlineNode[], parentRef: PDFRef): { first: PDFRef; last: PDFRef } => {
    const refs = list.map(() => context.nextRef());
    list.forEach((node, i) => {
      const pageRef = pageRefs[node.page];
      if (!pageRef)
        throw new Error(`Outline entry "${node.title}" points at page ${node.page + 1}, which does not exist`);
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), context.obj([pageRef, PDFName.of('Fit')]));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (node.children && node.children.length > 0) {
        const { first, last } = build(node.children, refs[i]!);
        dict.set(PDFName.of('First'), first);
        dict.set(PDFName.of('Last'), last);
        dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length));
      }
      context.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]! };
  };

  const { first, last } = build(nodes, rootRef);
  const root = context.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), first);
  root.set(PDFName.of('Last'), last);
  root.set(PDFName.of('Count'), PDFNumber.of(nodes.length));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
