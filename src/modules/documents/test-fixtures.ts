import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import { makePng as makeAnyPng } from '../../../seeds/files.ts';

/**
 * Real files for the documents module's tests: made here with the same libraries real producers
 * use (pdfkit for PDF, docx for Word), or read from test/fixtures/documents/ (office formats
 * made by LibreOffice and an Outlook item; see the README there). Used only by tests.
 */

export const FIXTURES_DIR = fileURLToPath(new URL('../../../test/fixtures/documents/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(FIXTURES_DIR + name);
}

export const DANISH_SENTENCE = 'Byggetilladelse til carport på Østergade 12';

/** A PDF with one page per entry, written by pdfkit with its standard Helvetica (Latin-1 covers æøå). */
export function makePdf(pages: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const text of pages) {
      doc.addPage();
      if (text) doc.fontSize(12).text(text);
    }
    doc.end();
  });
}

/** A Word document with a heading and paragraphs, written by the docx package. */
export async function makeDocx(heading: string, paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(heading)] }),
          ...paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A solid-colour RGB PNG of the given size (a real, valid PNG). */
export function makePng(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  return makeAnyPng(width, height, () => rgb);
}

/** A 1×1 baseline JPEG (JFIF, SOF0). */
export const JPEG_1X1 = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** A 1×1 GIF89a. */
export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A 1×1 lossless WebP. */
export const WEBP_1X1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

/** A 1×1 8-bit greyscale baseline TIFF (little-endian), built from the TIFF 6.0 layout. */
export function makeTiff(): Buffer {
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [
    [256, 3, 1, 1], // ImageWidth
    [257, 3, 1, 1], // ImageLength
    [258, 3, 1, 8], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 1], // PhotometricInterpretation: black is zero
    [273, 4, 1, 0], // StripOffsets (patched below)
    [277, 3, 1, 1], // SamplesPerPixel
    [278, 3, 1, 1], // RowsPerStrip
    [279, 4, 1, 1], // StripByteCounts
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const pixelOffset = ifdOffset + ifdSize;
  const out = Buffer.alloc(pixelOffset + 1);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === 3) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(tag === 273 ? pixelOffset : value, at + 8);
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  out[pixelOffset] = 0x80;
  return out;
}

/** A Windows PE executable's first bytes: the MZ header pointing at a PE signature. */
export function makeExe(): Buffer {
  const out = Buffer.alloc(512);
  out.write('MZ', 0, 'latin1');
  out.writeUInt32LE(0x80, 0x3c);
  out.write('PE\0\0', 0x80, 'latin1');
  out.writeUInt16LE(0x14c, 0x84); // i386
  return out;
}

/** A multipart e-mail in the shape Outlook and Thunderbird send: text and HTML, an inline image, a PDF. */
export function makeEml(pdf: Buffer, png: Buffer): Buffer {
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  const lines = [
    'From: =?UTF-8?Q?Mette_S=C3=B8rensen?= <mette.soerensen@example.dk>',
    'To: Byggesagsteamet <byggesag@samspil.example>, lars.oedegaard@example.dk',
    'Cc: =?UTF-8?B?w4VzZSDDhmJlbMO4?= <aase.aebeloe@example.dk>',
    'Subject: =?UTF-8?Q?H=C3=B8ringssvar=3A_carport_p=C3=A5_=C3=98stergade_12?=',
    'Date: Thu, 05 Mar 2026 10:30:00 +0100',
    'Message-ID: <hoering-42@example.dk>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'K=C3=A6re sagsbehandler,',
    '',
    'Vedh=C3=A6ftet er vores h=C3=B8ringssvar vedr=C3=B8rende byggetilladelse til =',
    'carport p=C3=A5 =C3=98stergade 12.',
    '',
    'Med venlig hilsen',
    'Mette S=C3=B8rensen',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<html><body><p>K=C3=A6re sagsbehandler,</p><p><img src=3D"cid:kort@example.dk"></p></body></html>',
    '--alt--',
    '--related',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <kort@example.dk>',
    '',
    b64(png),
    '--related--',
    '--mixed',
    'Content-Type: application/pdf',
    'Content-Transfer-Encoding: base64',
    "Content-Disposition: attachment; filename*=UTF-8''Situationsplan%20%C3%98stergade.pdf",
    '',
    b64(pdf),
    '--mixed--',
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
