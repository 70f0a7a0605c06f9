import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
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

/** A Word document with a picture between two paragraphs. */
export async function makeDocxWithPicture(before: string, after: string): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun(before)] }),
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: makePng(40, 30), transformation: { width: 40, height: 30 } })],
          }),
          new Paragraph({ children: [new TextRun(after)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A zip bomb in the shape of a Word document: a real DOCX whose `word/document.xml` is replaced by
 * `unpackedMb` MiB of repeated paragraphs (deflated by zlib as a stream, so the test never holds
 * the unpacked text). With `declaredBytes`, the central directory lies and declares that many
 * unpacked bytes for document.xml instead of the real size.
 */
export async function makeZipBombDocx(unpackedMb: number, declaredBytes?: number): Promise<Buffer> {
  const parts = unzipSync(new Uint8Array(await makeDocx('Bombe', ['x'])));
  const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
  const bodyStart = xml.indexOf('<w:body>') + '<w:body>'.length;
  const paragraph = '<w:p><w:r><w:t>Østergade 12 carport </w:t></w:r></w:p>';
  const mib = Buffer.from(paragraph.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(paragraph))));
  const body =
    unpackedMb >= 1
      ? Array.from({ length: Math.round(unpackedMb) }, () => mib)
      : [
          mib.subarray(
            0,
            Math.round((unpackedMb * 1024 * 1024) / Buffer.byteLength(paragraph)) * Buffer.byteLength(paragraph),
          ),
        ];
  const pieces = [Buffer.from(xml.slice(0, bodyStart)), ...body, Buffer.from('</w:body></w:document>')];
  const deflater = zlib.createDeflateRaw({ level: 1 });
  const compressed: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise((resolve) => deflater.once('end', resolve));
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = zlib.crc32(piece, crc);
    size += piece.length;
    if (!deflater.write(piece)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  const entries = Object.entries(parts)
    .filter(([name]) => name !== 'word/document.xml')
    .map(([name, content]) => ({
      name,
      crc: zlib.crc32(content),
      size: content.length,
      data: zlib.deflateRawSync(content),
      declared: content.length,
    }));
  entries.push({
    name: 'word/document.xml',
    crc,
    size,
    data: Buffer.concat(compressed),
    declared: declaredBytes ?? size,
  });
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(0x21, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.data.length, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, entry.data);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.data.length, 20);
    record.writeUInt32LE(entry.declared, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}
