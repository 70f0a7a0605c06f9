import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractionSlots, extractText, parseEmailIsolated, type ExtractResult } from './extract.ts';
import { mimeForExt } from '../../files/types.ts';
import {
  DANISH_SENTENCE,
  fixture,
  JPEG_1X1,
  makeDocx,
  makeDocxWithPicture,
  makeEml,
  makePdf,
  makePng,
  makeZipBombDocx,
} from './documents.fixtures.ts';
import { MAX_UNPACKED_BYTES } from './zip-guard.mjs';

let pdf: Buffer;

beforeAll(async () => {
  pdf = await makePdf([DANISH_SENTENCE, 'Side to: æbler, øl og ål. ÆØÅ.']);
});

function extracted(result: ExtractResult): string {
  expect(result.status).toBe('extracted');
  return result.text ?? '';
}

describe('extractText', () => {
  it('reads a PDF page by page, with æ, ø and å intact', async () => {
    const text = extracted(await extractText(pdf, 'application/pdf'));
    expect(text).toContain(DANISH_SENTENCE);
    expect(text).toContain('Side to: æbler, øl og ål. ÆØÅ.');
    expect(text.indexOf(DANISH_SENTENCE)).toBeLessThan(text.indexOf('Side to'));
  });

  it('reads a Word document', async () => {
    const docx = await makeDocx('Afgørelse', [DANISH_SENTENCE, 'Klagefristen er fire uger.']);
    const text = extracted(await extractText(docx, mimeForExt('docx')));
    expect(text).toContain('Afgørelse');
    expect(text).toContain(DANISH_SENTENCE);
    expect(text).toContain('Klagefristen er fire uger.');
  });

  it('reads OpenDocument text, spreadsheets and presentations made by LibreOffice', async () => {
    expect(extracted(await extractText(fixture('byggetilladelse.odt'), mimeForExt('odt')))).toContain(
      'Byggetilladelse til carport på Østergade 12. Æbler, øl og ål.',
    );
    const sheet = extracted(await extractText(fixture('ansoegninger.ods'), mimeForExt('ods')));
    expect(sheet).toContain('Åboulevarden 3');
    expect(sheet).toContain('Udestue på 18 m²');
    expect(extracted(await extractText(fixture('lokalplan.odp'), mimeForExt('odp')))).toContain(
      'Høring om carport og åbne grønne arealer',
    );
  });

  it('decodes UTF-8 text and CSV', async () => {
    expect(extracted(await extractText(Buffer.from(`${DANISH_SENTENCE}\r\n`), 'text/plain'))).toBe(DANISH_SENTENCE);
    expect(
      extracted(await extractText(Buffer.from('adresse;beløb\nØstergade 12;100\n'), 'text/csv; charset=utf-8')),
    ).toBe('adresse;beløb\nØstergade 12;100');
  });

  it('falls back to Windows-1252 for text that is not UTF-8', async () => {
    const legacy = iconv.encode('Æbler på Østergade koster 5 € – ikke ½ pris', 'win1252');
    expect(extracted(await extractText(legacy, 'text/plain'))).toBe('Æbler på Østergade koster 5 € – ikke ½ pris');
  });

  it('reads UTF-16 text with a byte-order mark (as Excel exports it)', async () => {
    const utf16 = iconv.encode('\ufeffNavn\tBy\r\nÅse\tÆrøskøbing\r\n', 'utf16le');
    expect(extracted(await extractText(utf16, 'text/csv'))).toBe('Navn\tBy\nÅse\tÆrøskøbing');
  });

  it('strips HTML to its text, leaving out scripts, styles and link targets', async () => {
    const html = Buffer.from(
      '<!doctype html><html><head><title>Høring</title><style>p{color:red}</style></head>' +
        '<body><h1>Lokalplan 42</h1><p>Carport p&aring; &Oslash;stergade 12.</p>' +
        '<script>alert("hemmeligt")</script><p><a href="https://example.dk/x">Læs mere</a></p></body></html>',
    );
    const text = extracted(await extractText(html, 'text/html'));
    expect(text).toContain('LOKALPLAN 42');
    expect(text).toContain('Carport på Østergade 12.');
    expect(text).toContain('Læs mere');
    expect(text).not.toContain('hemmeligt');
    expect(text).not.toContain('color');
    expect(text).not.toContain('https://example.dk');
  });

  it('reads e-mails through their header fields and body', async () => {
    const eml = extracted(await extractText(makeEml(pdf, makePng(2, 2)), 'message/rfc822'));
    expect(eml).toContain('Subject: Høringssvar: carport på Østergade 12');
    expect(eml).toContain('Vedhæftet er vores høringssvar vedrørende byggetilladelse til carport på Østergade 12.');
    const msg = extracted(await extractText(fixture('outlook-sample.msg'), mimeForExt('msg')));
    expect(msg).toContain('From: Mette Sørensen <mette.soerensen@example.dk>');
    expect(msg).toContain('Med venlig hilsen');
  });

  it('says unsupported for images (no OCR) and for types it cannot read', async () => {
    expect(await extractText(makePng(2, 2), 'image/png')).toEqual({ status: 'unsupported', text: null });
    expect(await extractText(JPEG_1X1, 'image/jpeg')).toEqual({ status: 'unsupported', text: null });
    expect(await extractText(fixture('ansoegninger.xlsx'), mimeForExt('xlsx'))).toEqual({
      status: 'unsupported',
      text: null,
    });
    expect(await extractText(Buffer.from('MZ'), 'application/x-msdownload')).toEqual({
      status: 'unsupported',
      text: null,
    });
  });

  it('says empty for a file without text', async () => {
    expect(await extractText(await makePdf(['']), 'application/pdf')).toEqual({ status: 'empty', text: null });
    expect(await extractText(Buffer.from(' \r\n\t\n'), 'text/plain')).toEqual({ status: 'empty', text: null });
    expect(await extractText(Buffer.alloc(0), 'application/pdf')).toEqual({ status: 'empty', text: null });
  });

  it('caps the text and says so', async () => {
    const long = Buffer.from('Østergade '.repeat(50));
    const result = await extractText(long, 'text/plain', { maxChars: 95 });
    expect(result.status).toBe('extracted');
    expect(result.text!.length).toBeLessThanOrEqual(95);
    expect(result).toMatchObject({ truncated: true });
    const fromPdf = await extractText(pdf, 'application/pdf', { maxChars: 20 });
    expect(fromPdf).toMatchObject({ status: 'extracted', truncated: true });
    expect(fromPdf.text!.length).toBeLessThanOrEqual(20);
    expect(await extractText(pdf, 'application/pdf')).toMatchObject({ truncated: false });
  });

  it('gives failed, never a throw, for a corrupt PDF, DOCX, ODT or e-mail', async () => {
    const corruptPdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 31) % 256)),
    ]);
    const failed = await extractText(corruptPdf, 'application/pdf');
    expect(failed.status).toBe('failed');
    expect(failed.text).toBeNull();
    expect((await extractText(pdf.subarray(0, 200), 'application/pdf')).status).toBe('failed');
    expect((await extractText(Buffer.from('PK\u0003\u0004 not really a zip'), mimeForExt('docx'))).status).toBe(
      'failed',
    );
    expect((await extractText(pdf, mimeForExt('odt'))).status).toBe('failed');
    expect((await extractText(Buffer.from('no headers here'), 'message/rfc822')).status).toBe('failed');
  });

  it('stops a worker that takes too long and can extract again afterwards', async () => {
    const slow = await extractText(pdf, 'application/pdf', { timeoutMs: 1 });
    expect(slow).toMatchObject({ status: 'failed', text: null });
    expect(slow.status === 'failed' && slow.reason).toMatch(/timed out/);
    expect(extracted(await extractText(pdf, 'application/pdf'))).toContain(DANISH_SENTENCE);
  });

  it('stops a worker that runs out of its memory limit', async () => {
    // A large valid document parsed with a tiny heap: the worker dies, the caller gets failed.
    const big = await makeDocx(
      'Stor',
      Array.from({ length: 4000 }, (_, i) => `${DANISH_SENTENCE} – afsnit ${i}`),
    );
    const result = await extractText(big, mimeForExt('docx'), { maxMemoryMb: 2 });
    expect(result.status).toBe('failed');
  });
});

/** Runs `job` while sampling the process's resident memory (worker threads included); returns the peak growth in MiB. */
async function peakRssGrowthMb<T>(job: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await job();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(sampler);
  }
}

describe('hostile ZIP containers (zip bombs)', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    // 200 MiB of repeated paragraphs in word/document.xml, about 1.4 MB on disk.
    bomb = await makeZipBombDocx(200);
  });

  it('refuses a DOCX whose directory declares too much unpacked text, before inflating anything', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { result, growthMb } = await peakRssGrowthMb(() => extractText(bomb, mimeForExt('docx')));
    expect(result).toMatchObject({ status: 'failed', text: null });
    expect(result.status === 'failed' && result.reason).toContain(`unpacks to more than ${MAX_UNPACKED_BYTES} bytes`);
    expect(growthMb).toBeLessThan(50);
  });

  it('stops inflating at the declared size when the directory lies, and never hands the archive to mammoth', async () => {
    // The same bomb, its directory claiming 64 KiB for document.xml: the check passes, the counter stops it.
    const liar = await makeZipBombDocx(200, 64 * 1024);
    const { result, growthMb } = await peakRssGrowthMb(() => extractText(liar, mimeForExt('docx')));
    // Inflating it all (what mammoth did with the file as it came) takes hundreds of megabytes.
    expect(growthMb).toBeLessThan(100);
    expect(result).toMatchObject({ status: 'failed', text: null });
    expect(result.status === 'failed' && result.reason).toMatch(/word\/document\.xml unpacks to more than declared/);
  });

  it('still reads an honest DOCX with the same structure, and one with a picture', async () => {
    const small = await makeZipBombDocx(0.05);
    const text = extracted(await extractText(small, mimeForExt('docx')));
    expect(text).toContain('Østergade 12 carport');
    const picture = extracted(
      await extractText(await makeDocxWithPicture('Før billedet på Østergade', 'Efter billedet'), mimeForExt('docx')),
    );
    expect(picture).toContain('Før billedet på Østergade');
    expect(picture).toContain('Efter billedet');
  });

  it('runs at most two workers at once; the others wait their turn', async () => {
    const docx = await makeDocx('Samtidig', [DANISH_SENTENCE]);
    let most = 0;
    const watcher = setInterval(() => (most = Math.max(most, extractionSlots.active)), 1);
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => extractText(docx, mimeForExt('docx'))));
      expect(results.map((r) => r.status)).toEqual(Array(5).fill('extracted'));
    } finally {
      clearInterval(watcher);
    }
    expect(most).toBeLessThanOrEqual(2);
    expect(extractionSlots.active).toBe(0);
  });
});

describe('parseEmailIsolated', () => {
  it('parses an e-mail in a worker, attachments as Buffers', async () => {
    const mail = await parseEmailIsolated(makeEml(pdf, makePng(2, 2)), 'eml');
    expect(mail.subject).toBe('Høringssvar: carport på Østergade 12');
    const attachment = mail.attachments.find((a) => a.mime === 'application/pdf')!;
    expect(Buffer.isBuffer(attachment.content)).toBe(true);
    expect(attachment.content.equals(pdf)).toBe(true);
  });

  it('throws an InvalidEmailError for a file that is not an e-mail, and stops one that takes too long', async () => {
    await expect(parseEmailIsolated(Buffer.from('no headers here'), 'eml')).rejects.toMatchObject({
      code: 'invalid_email',
    });
    await expect(parseEmailIsolated(fixture('outlook-sample.msg'), 'msg', { timeoutMs: 1 })).rejects.toThrow(
      /timed out/,
    );
  });
});
