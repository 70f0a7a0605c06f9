import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph, TextRun, HeadingLevel } from 'docx';

/**
 * Real files, made the way users' programs make them: PDF letters (pdfkit), Word notes (docx)
 * and e-mails (RFC 5322 with MIME parts). Used by the demo seed and by the tests.
 */

export function makePdf(lines: string[], opts: { title?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', lang: 'da-DK', info: { Title: opts.title ?? lines[0] ?? 'Dokument', Author: 'Skovlund Kommune' } });
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
    Buffer.from(opts.body).toString('base64').replace(/(.{76})/g, '$1\r\n'),
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
