import * as CFB from 'cfb';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPTED_FILENAME_EXTENSIONS,
  ALLOWED_EXTENSIONS,
  asciiFilename,
  canonicalExt,
  contentDisposition,
  detectType,
  safeFilename,
} from './types.ts';
import {
  DANISH_SENTENCE,
  fixture,
  GIF_1X1,
  JPEG_1X1,
  makeDocx,
  makeEml,
  makeExe,
  makePdf,
  makePng,
  makeTiff,
  WEBP_1X1,
} from '../modules/documents/documents.fixtures.ts';

let pdf: Buffer;
let docx: Buffer;
let png: Buffer;
let eml: Buffer;

beforeAll(async () => {
  pdf = await makePdf([DANISH_SENTENCE]);
  docx = await makeDocx('Afgørelse', [DANISH_SENTENCE]);
  png = makePng(4, 3);
  eml = makeEml(pdf, png);
});

function compoundFile(streams: string[]): Buffer {
  const container = CFB.utils.cfb_new();
  for (const stream of streams) CFB.utils.cfb_add(container, `/${stream}`, Buffer.from('data'));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

describe('the allow-list', () => {
  it('holds exactly the agreed document types', () => {
    expect([...ALLOWED_EXTENSIONS].sort()).toEqual(
      [
        'csv',
        'doc',
        'docx',
        'eml',
        'gif',
        'html',
        'jpg',
        'msg',
        'odp',
        'ods',
        'odt',
        'pdf',
        'png',
        'pptx',
        'rtf',
        'tif',
        'txt',
        'webp',
        'xls',
        'xlsx',
      ].sort(),
    );
  });

  it('knows the usual spellings of an extension', () => {
    expect(canonicalExt('JPEG')).toBe('jpg');
    expect(canonicalExt('.tiff')).toBe('tif');
    expect(canonicalExt('htm')).toBe('html');
    expect(canonicalExt('exe')).toBeNull();
    expect(ACCEPTED_FILENAME_EXTENSIONS).toContain('jpeg');
  });
});

describe('detectType on real files', () => {
  const cases: Array<[string, () => Buffer, string, string]> = [
    ['afgørelse.pdf', () => pdf, 'pdf', 'application/pdf'],
    ['afgørelse.docx', () => docx, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['byggetilladelse.doc', () => fixture('byggetilladelse.doc'), 'doc', 'application/msword'],
    ['byggetilladelse.odt', () => fixture('byggetilladelse.odt'), 'odt', 'application/vnd.oasis.opendocument.text'],
    ['byggetilladelse.rtf', () => fixture('byggetilladelse.rtf'), 'rtf', 'application/rtf'],
    [
      'ansoegninger.xlsx',
      () => fixture('ansoegninger.xlsx'),
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['ansoegninger.xls', () => fixture('ansoegninger.xls'), 'xls', 'application/vnd.ms-excel'],
    ['ansoegninger.ods', () => fixture('ansoegninger.ods'), 'ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    [
      'lokalplan.pptx',
      () => fixture('lokalplan.pptx'),
      'pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['lokalplan.odp', () => fixture('lokalplan.odp'), 'odp', 'application/vnd.oasis.opendocument.presentation'],
    ['høringssvar.msg', () => fixture('outlook-sample.msg'), 'msg', 'application/vnd.ms-outlook'],
    ['høringssvar.eml', () => eml, 'eml', 'message/rfc822'],
    ['kort.png', () => png, 'png', 'image/png'],
    ['foto.jpg', () => JPEG_1X1, 'jpg', 'image/jpeg'],
    ['foto.JPEG', () => JPEG_1X1, 'jpg', 'image/jpeg'],
    ['anim.gif', () => GIF_1X1, 'gif', 'image/gif'],
    ['foto.webp', () => WEBP_1X1, 'webp', 'image/webp'],
    ['scanning.tiff', () => makeTiff(), 'tif', 'image/tiff'],
    ['noter.txt', () => Buffer.from(`${DANISH_SENTENCE}\n`), 'txt', 'text/plain'],
    ['liste.csv', () => Buffer.from('adresse;beløb\nØstergade 12;100\n'), 'csv', 'text/csv'],
    ['side.htm', () => Buffer.from('<!doctype html><title>Høring</title><p>Åben</p>'), 'html', 'text/html'],
  ];

  it.each(cases)('accepts %s as %s', async (name, bytes, ext, mime) => {
    expect(await detectType(bytes(), name, 'application/octet-stream')).toEqual({ ok: true, ext, mime });
  });

  it('accepts text in Windows-1252 and UTF-16 with a byte-order mark', async () => {
    expect(await detectType(iconv.encode('Æbler på Østergade €\r\n', 'win1252'), 'gammel.txt')).toMatchObject({
      ok: true,
      ext: 'txt',
    });
    expect(await detectType(iconv.encode('\ufeffÆbler;Øl\r\n', 'utf16le'), 'excel-eksport.csv')).toMatchObject({
      ok: true,
      ext: 'csv',
    });
  });
});

describe('detectType refuses', () => {
  it('an empty file', async () => {
    expect(await detectType(Buffer.alloc(0), 'tom.pdf')).toEqual({ ok: false, reason: 'empty' });
  });

  it('a name with an extension outside the allow-list, whatever the content', async () => {
    expect(await detectType(makeExe(), 'program.exe')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await detectType(pdf, 'afgørelse.pdf.exe')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await detectType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('an executable renamed to an allowed extension', async () => {
    expect(await detectType(makeExe(), 'faktura.pdf')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(
      await detectType(
        makeExe(),
        'faktura.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    ).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('a plain ZIP archive renamed to .docx', async () => {
    const zip = Buffer.from(
      zipSync({ 'notes.txt': new TextEncoder().encode('hej'), 'run.bat': new TextEncoder().encode('@echo off') }),
    );
    expect(await detectType(zip, 'afgørelse.docx')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('a PDF named .docx, and other contents that contradict their names', async () => {
    expect(await detectType(pdf, 'afgørelse.docx')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(docx, 'afgørelse.pdf')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(docx, 'regneark.xlsx')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(fixture('byggetilladelse.doc'), 'regneark.xls')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(fixture('ansoegninger.xls'), 'brev.doc')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(fixture('outlook-sample.msg'), 'brev.doc')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(png, 'kort.jpg')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(png, 'noter.txt')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(Buffer.from('bare tekst'), 'afgørelse.pdf')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(Buffer.from('bare tekst, ingen brevhoved'), 'mail.eml')).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    // A header line followed by ordinary text is not a header block.
    expect(await detectType(Buffer.from('Emne: carport\nHej med dig, subject: ingen\n\ntekst'), 'mail.eml')).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('a MIME e-mail with only its Content-Type header (no From, To or Subject)', async () => {
    const bare = Buffer.from(
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHækken på Østergade 16.\r\n',
    );
    expect(await detectType(bare, 'klage.eml')).toEqual({ ok: true, ext: 'eml', mime: 'message/rfc822' });
    const folded = Buffer.from(
      'Content-Type: multipart/mixed;\r\n\tboundary="b1"\r\n\r\n--b1\r\n\r\ntekst\r\n--b1--\r\n',
    );
    expect(await detectType(folded, 'klage.eml')).toMatchObject({ ok: true, ext: 'eml' });
  });

  it('binary data of no known type', async () => {
    const noise = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
    expect(await detectType(noise, 'data.pdf')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await detectType(noise, 'data')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('password-protected Office files and PowerPoint 97–2003', async () => {
    expect(await detectType(compoundFile(['EncryptionInfo', 'EncryptedPackage']), 'hemmelig.docx')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(await detectType(compoundFile(['PowerPoint Document', 'Current User']), 'gammel.ppt')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(await detectType(compoundFile(['PowerPoint Document', 'Current User']), 'gammel.doc')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });
});

describe('detectType without an extension', () => {
  it('goes by the content for binary types', async () => {
    expect(await detectType(pdf, 'scan')).toMatchObject({ ok: true, ext: 'pdf' });
    expect(await detectType(fixture('outlook-sample.msg'), 'mail')).toMatchObject({ ok: true, ext: 'msg' });
  });

  it('uses the declared MIME type or the look of a text file', async () => {
    expect(await detectType(Buffer.from('a;b\n1;2\n'), 'eksport', 'text/csv; charset=utf-8')).toMatchObject({
      ok: true,
      ext: 'csv',
    });
    expect(await detectType(Buffer.from('<html><body>Hej</body></html>'), 'side')).toMatchObject({
      ok: true,
      ext: 'html',
    });
    expect(await detectType(eml, 'besked')).toMatchObject({ ok: true, ext: 'eml' });
    expect(await detectType(Buffer.from('Hej Østergade'), 'noter')).toMatchObject({ ok: true, ext: 'txt' });
  });

  it('never lets a declared MIME type overrule the content', async () => {
    expect(await detectType(makeExe(), 'program', 'application/pdf')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await detectType(pdf, 'afgørelse.txt', 'text/plain')).toEqual({ ok: false, reason: 'mismatch' });
  });
});

describe('safeFilename', () => {
  it('keeps Danish letters and ordinary punctuation', () => {
    expect(safeFilename('Høringssvar – Østergade 12 (endelig).pdf')).toBe('Høringssvar – Østergade 12 (endelig).pdf');
  });

  it('drops directories, both Unix and Windows style', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\mette\\Skrivebord\\Ansøgning.docx')).toBe('Ansøgning.docx');
  });

  it('removes control and direction-override characters that could hide the real extension', () => {
    expect(safeFilename('rapport\u0000\u0007\r\n.pdf')).toBe('rapport.pdf');
    expect(safeFilename('faktura\u202Efdp.exe')).toBe('fakturafdp.exe');
  });

  it('replaces characters Windows forbids and trims dots and spaces', () => {
    expect(safeFilename('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(safeFilename('  ..skjult.txt. ')).toBe('skjult.txt');
    expect(safeFilename('CON.txt')).toBe('_CON.txt');
  });

  it('composes decomposed letters (as macOS sends them)', () => {
    const decomposed = 'A\u030Abenhed.pdf'; // Å as A + ring above
    expect(safeFilename(decomposed)).toBe('Åbenhed.pdf');
  });

  it('shortens very long names but keeps the extension', () => {
    const name = safeFilename(`${'æ'.repeat(300)}.docx`);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(200);
    expect(name.endsWith('æ.docx')).toBe(true);
  });

  it('falls back to a name when nothing is left', () => {
    expect(safeFilename('')).toBe('dokument');
    expect(safeFilename('../..')).toBe('dokument');
    expect(safeFilename('\u0000', 'bilag')).toBe('bilag');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name for Danish file names', () => {
    const value = contentDisposition('Byggetilladelse Østergade 12.pdf', true);
    expect(value).toBe(
      'inline; filename="Byggetilladelse Oestergade 12.pdf"; filename*=UTF-8\'\'Byggetilladelse%20%C3%98stergade%2012.pdf',
    );
    const encoded = value.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toBe('Byggetilladelse Østergade 12.pdf');
  });

  it('sends only filename= for a plain ASCII name', () => {
    expect(contentDisposition('rapport (endelig).pdf')).toBe('attachment; filename="rapport (endelig).pdf"');
  });

  it('encodes every character outside RFC 5987 attr-char and keeps the fallback free of quotes and percent signs', () => {
    const value = contentDisposition("Mødets 100% 'vigtige' bilag*.pdf");
    const [, fallback] = value.match(/filename="([^"]*)"/)!;
    expect(fallback).toBe("Moedets 100_ 'vigtige' bilag_.pdf");
    const encoded = value.split("filename*=UTF-8''")[1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded)).toBe("Mødets 100% 'vigtige' bilag_.pdf");
  });

  it('makes a path-laden or hostile name safe first', () => {
    expect(contentDisposition('..\\..\\"evil"\r\nX-Injected: 1.txt')).toBe(
      'attachment; filename="_evil_X-Injected_ 1.txt"',
    );
  });

  it('transliterates other accented letters in the fallback', () => {
    expect(asciiFilename('Ærø Ålborg café Zürich.txt')).toBe('Aeroe Aalborg cafe Zurich.txt');
  });
});
