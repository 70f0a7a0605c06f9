import type { BlobStore } from '../../../files/blobs.ts';
import { extForMime } from '../../../files/types.ts';
import { renderDocumentPdf, type Block } from '../../../pdf/index.ts';
import type { ArchivalDocumentSource } from '../../../db/schema/records.ts';
import { makePdfRendition } from '../../documents/index.ts';

/**
 * What a document's TIFF is made from, best first (bek. 128/2020, 5.E; § 6: conversion faults are
 * agreed with the archive, so every fallback says so in the documents table's conversion note):
 *
 * 1. `pdf`: the journalised version itself, when it is a PDF.
 * 2. `rendition`: the PDF rendition the documents module made when the version was finalised
 *    (LibreOffice for office files, pdfkit for images and e-mails).
 * 3. `converted`: a rendition made now, the same way (a version journalised but never finalised,
 *    or one whose rendition was unavailable then).
 * 4. `text`: the version's extracted text, laid out anew with renderDocumentPdf — its layout,
 *    images and formatting are lost, and the note says so.
 * 5. `placeholder`: a page that says the document could not be converted, with its title, file
 *    name and type, and why.
 *
 * The candidates are tried in order; when Ghostscript cannot read one (a damaged or encrypted PDF)
 * the next is tried, and the note names what went wrong with the better ones.
 */

export interface VersionForExport {
  docId: number;
  title: string;
  filename: string;
  mime: string;
  blobSha256: string;
  renditionSha256: string | null;
  renditionStatus: string;
  textContent: string | null;
}

export interface PdfCandidate {
  source: ArchivalDocumentSource;
  pdf: () => Promise<Uint8Array | null>;
}

function paragraphs(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph' as const, text: p }));
}

export function textPdf(v: VersionForExport): Promise<Uint8Array> {
  return renderDocumentPdf({
    title: v.title,
    locale: 'da',
    createdAt: new Date(0),
    blocks: [
      { type: 'heading', level: 1, text: v.title },
      {
        type: 'paragraph',
        muted: true,
        text: `Gengivelse af dokumentets tekst (${v.filename}). Originalens layout, billeder og formatering er ikke bevaret.`,
      },
      ...paragraphs(v.textContent ?? ''),
    ],
  });
}

export function placeholderPdf(v: VersionForExport, reason: string): Promise<Uint8Array> {
  return renderDocumentPdf({
    title: v.title,
    locale: 'da',
    createdAt: new Date(0),
    blocks: [
      { type: 'heading', level: 1, text: v.title },
      {
        type: 'paragraph',
        text: 'Dokumentet kunne ikke konverteres til arkiveringsversionen, og der var ingen tekst at gengive.',
      },
      { type: 'paragraph', text: `Filnavn: ${v.filename}` },
      { type: 'paragraph', text: `Filtype: ${v.mime}` },
      { type: 'paragraph', text: `Årsag: ${reason}` },
    ],
  });
}

/** The candidates for one document version, best first. */
export function pdfCandidates(v: VersionForExport, blobs: BlobStore, reasons: string[]): PdfCandidate[] {
  const ext = extForMime(v.mime);
  const out: PdfCandidate[] = [];
  if (ext === 'pdf') out.push({ source: 'pdf', pdf: () => blobs.read(v.blobSha256) });
  else {
    if (v.renditionStatus === 'made' && v.renditionSha256) {
      const sha = v.renditionSha256;
      out.push({ source: 'rendition', pdf: () => blobs.read(sha) });
    }
    out.push({
      source: 'converted',
      pdf: async () => {
        if (!ext) {
          reasons.push(`filtypen ${v.mime} kan ikke konverteres`);
          return null;
        }
        const result = await makePdfRendition(await blobs.read(v.blobSha256), ext);
        if (result.status === 'made') return result.pdf;
        reasons.push(
          result.status === 'unavailable'
            ? 'LibreOffice er ikke installeret'
            : result.status === 'failed'
              ? `konverteringen til PDF mislykkedes: ${result.reason}`
              : 'ingen PDF-kopi',
        );
        return null;
      },
    });
  }
  if (v.textContent && v.textContent.trim()) out.push({ source: 'text', pdf: () => textPdf(v) });
  out.push({ source: 'placeholder', pdf: () => placeholderPdf(v, reasons.join('; ') || 'ukendt') });
  return out;
}

/** The conversion note for the documents table (Danish; null when there is nothing to remark). */
export function conversionNote(source: ArchivalDocumentSource, reasons: string[]): string | null {
  const why = reasons.length ? ` (${reasons.join('; ')})` : '';
  switch (source) {
    case 'pdf':
    case 'rendition':
    case 'converted':
      return reasons.length ? `Konverteret efter forgæves forsøg${why}.` : null;
    case 'text':
      return `Originalen kunne ikke konverteres${why}; dokumentets tekst er sat op på ny. Originalens layout, billeder og formatering er ikke bevaret.`;
    case 'placeholder':
      return `Dokumentet kunne ikke konverteres, og der var ingen tekst at gengive${why}. TIFF-filen er en side, der siger dette.`;
  }
}
