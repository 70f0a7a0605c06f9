import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFRawStream,
} from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';

/**
 * Reading the produced PDFs back in tests: text per page (unpdf, i.e. pdf.js, as the documents
 * module does), the catalog and outline (pdf-lib's low-level objects) and the structure tree as
 * a reader sees it (pdf.js). Used only by tests.
 */

/** The text of every page (pdf.js works on a copy: it may detach the buffer it is given). */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(pdf.slice(), { mergePages: false });
  return text.map((t) => t.replace(/\s+/g, ' '));
}

export async function allText(pdf: Uint8Array): Promise<string> {
  return (await pageTexts(pdf)).join('\n');
}

export interface OutlineEntry {
  title: string;
  /** 0-based page index of the destination. */
  page: number;
  children: OutlineEntry[];
}

export interface Inspected {
  doc: PDFDocument;
  pageCount: number;
  version: string;
  lang: string | undefined;
  marked: boolean;
  hasStructTree: boolean;
  displayDocTitle: boolean;
  title: string | undefined;
  author: string | undefined;
  outline: OutlineEntry[];
  xmp: string | undefined;
}

function text(value: unknown): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

export async function inspectPdf(pdf: Uint8Array): Promise<Inspected> {
  const head = Buffer.from(pdf.subarray(0, 16)).toString('latin1');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const catalog = doc.catalog;
  const pageRefs = doc.getPages().map((p) => p.ref);
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const viewer = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const structTree = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const infoRef = doc.context.trailerInfo.Info;
  const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : undefined;
  const metadata = catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);

  const readOutline = (first: PDFDict | undefined): OutlineEntry[] => {
    const entries: OutlineEntry[] = [];
    for (let node = first; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const dest = node.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const target = dest?.get(0);
      entries.push({
        title: text(node.lookup(PDFName.of('Title'))) ?? '',
        page: target instanceof PDFRef ? pageRefs.indexOf(target) : -1,
        children: readOutline(node.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return entries;
  };
  const outlines = catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);

  return {
    doc,
    pageCount: doc.getPageCount(),
    version: head.slice(5, 8),
    lang: text(catalog.lookup(PDFName.of('Lang'))),
    marked: markInfo?.lookupMaybe(PDFName.of('Marked'), PDFBool)?.asBoolean() === true,
    hasStructTree: !!structTree && !!structTree.get(PDFName.of('K')),
    displayDocTitle: viewer?.lookupMaybe(PDFName.of('DisplayDocTitle'), PDFBool)?.asBoolean() === true,
    title: info ? text(info.lookup(PDFName.of('Title'))) : undefined,
    author: info ? text(info.lookup(PDFName.of('Author'))) : undefined,
    outline: outlines ? readOutline(outlines.lookupMaybe(PDFName.of('First'), PDFDict)) : [],
    xmp: metadata ? Buffer.from(decodePDFRawStream(metadata as PDFRawStream).decode()).toString('utf8') : undefined,
  };
}

export interface StructNode {
  role: string;
  text: string;
  children: StructNode[];
}

/** The structure tree of one page (1-based) as pdf.js gives it to assistive technology, with each node's text. */
export async function pageStructure(pdf: Uint8Array, pageNumber: number): Promise<StructNode | null> {
  const proxy = await getDocumentProxy(pdf.slice(), { verbosity: 0 });
  try {
    const page = await proxy.getPage(pageNumber);
    const tree = (await page.getStructTree()) as unknown as RawNode | null;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string>();
    let current: string | null = null;
    for (const item of content.items as Array<{ type?: string; id?: string; str?: string }>) {
      if (item.type === 'beginMarkedContentProps') current = item.id ?? null;
      else if (item.type === 'endMarkedContent') current = null;
      else if (typeof item.str === 'string' && current) byId.set(current, (byId.get(current) ?? '') + item.str);
    }
    const convert = (node: RawNode): StructNode => {
      const children: StructNode[] = [];
      let own = '';
      for (const child of node.children ?? []) {
        if (child.type === 'content' && child.id) own += byId.get(child.id) ?? '';
        else if (child.role) children.push(convert(child));
      }
      return { role: node.role ?? '', text: own + children.map((c) => c.text).join(''), children };
    };
    return tree ? convert(tree) : null;
  } finally {
    await proxy.destroy();
  }
}

interface RawNode {
  role?: string;
  type?: string;
  id?: string;
  children?: RawNode[];
}

/** Every node of a structure tree, depth first. */
export function flatten(node: StructNode | null): StructNode[] {
  if (!node) return [];
  return [node, ...node.children.flatMap(flatten)];
}
