import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph, TextRun, HeadingLevel } from 'docx';

/**
 * Real files, made the way users' programs make them: PDF letters (pdfkit), Word notes (docx)
 * and e-mails (RFC 5322 with MIME parts). Used by the demo seed and by the tests.
 */

export function makePdf(lines: string[], opts: { title?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      lang: 'da-DK',
      info: { Title: opts.title ?? lines[0] ?? 'Dokument', Author: 'Skovlund Kommune' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(lines[0] ?? '');
    doc.moveDown();
    doc.fontSize(11);
    for (const l of lines.slice(1)) doc.text(l).moveDown(0.5);
    doc.end();
  });
}

export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const [heading, ...rest] = paragraphs;
  const doc = new Document({
    creator: 'Skovlund Kommune',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(heading ?? '')] }),
          ...rest.map((p) => new Paragraph({ children: [new TextRun(p)] })),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** A multipart e-mail with a text body and optionally one attachment, as a mail client saves it (.eml). */
export function makeEml(opts: {
  from: string;
  to: string;
  subject: string;
  date: string;
  body: string;
  attachment?: { name: string; type: string; content: Buffer };
}): Buffer {
  const boundary = 'samspil-boundary-' + Buffer.from(opts.subject).toString('hex').slice(0, 16);
  const lines = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: =?UTF-8?B?${Buffer.from(opts.subject).toString('base64')}?=`,
    `Date: ${opts.date}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(opts.body)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n'),
  ];
  if (opts.attachment) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${opts.attachment.type}; name="${opts.attachment.name}"`,
      `Content-Disposition: attachment; filename="${opts.attachment.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      opts.attachment.content.toString('base64').replace(/(.{76})/g, '$1\r\n'),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG (RGB, 8 bits, no interlace) of `width` × `height`, each pixel's colour from `pixel(x, y)`. */
export function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number],
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
