import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from './extract.ts';
import {
  csvSeparator,
  findLibreOffice,
  libreOfficeAvailable,
  makePdfRendition,
  withoutRemoteResources,
  type RenditionResult,
} from './rendition.ts';
import {
  DANISH_SENTENCE,
  fixture,
  JPEG_1X1,
  makeDocx,
  makeEml,
  makePdf,
  makePng,
  makeZipBombDocx,
} from './documents.fixtures.ts';

function madePdf(result: RenditionResult): Buffer {
  if (result.status !== 'made') throw new Error(`expected a rendition, got ${JSON.stringify(result)}`);
  expect(result.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return result.pdf;
}

async function pdfText(pdf: Buffer): Promise<string> {
  const result = await extractText(pdf, 'application/pdf');
  return result.text ?? '';
}

async function pageSizes(pdf: Buffer): Promise<Array<[number, number]>> {
  const doc = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
  const sizes: Array<[number, number]> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const [, , width, height] = (await doc.getPage(n)).view;
    sizes.push([Math.round(width!), Math.round(height!)]);
  }
  await doc.destroy();
  return sizes;
}

describe('makePdfRendition without LibreOffice', () => {
  it('leaves a PDF alone', async () => {
    expect(await makePdfRendition(await makePdf(['x']), 'pdf')).toEqual({ status: 'not_needed' });
  });

  it('puts a PNG on one A4 page, landscape for a wide image', async () => {
    const wide = madePdf(await makePdfRendition(makePng(300, 100), 'png'));
    expect(await pageSizes(wide)).toEqual([[842, 595]]);
    const tall = madePdf(await makePdfRendition(makePng(100, 300), 'png'));
    expect(await pageSizes(tall)).toEqual([[595, 842]]);
    expect(tall.includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });

  it('puts a JPEG on a page', async () => {
    const pdf = madePdf(await makePdfRendition(JPEG_1X1, 'jpeg'));
    expect(pdf.includes(Buffer.from('/DCTDecode'))).toBe(true);
  });

  it('prints an e-mail with its header fields and body', async () => {
    const eml = makeEml(await makePdf([DANISH_SENTENCE]), makePng(2, 2));
    const text = await pdfText(madePdf(await makePdfRendition(eml, 'eml')));
    expect(text).toContain('Mette Sørensen');
    expect(text).toContain('Høringssvar: carport på Østergade 12');
    expect(text).toContain('5.3.2026 kl. 10.30');
    expect(text).toContain('Situationsplan Østergade.pdf');
    expect(text).toContain('Med venlig hilsen');
    const msgText = await pdfText(madePdf(await makePdfRendition(fixture('outlook-sample.msg'), 'msg')));
    expect(msgText).toContain('Åse Æbelø');
    expect(msgText).toContain('Høringssvar.txt');
  });

  it('gives failed, not a throw, for a broken image or e-mail and for a type it cannot render', async () => {
    const brokenPng = Buffer.concat([makePng(2, 2).subarray(0, 16), Buffer.from('garbage')]);
    expect(await makePdfRendition(brokenPng, 'png')).toMatchObject({ status: 'failed' });
    expect(await makePdfRendition(Buffer.from('no headers'), 'eml')).toMatchObject({ status: 'failed' });
    expect(await makePdfRendition(Buffer.from('MZ'), 'exe')).toMatchObject({ status: 'failed' });
  });

  it('says unavailable for office files when no LibreOffice is configured', async () => {
    const docx = await makeDocx('Afgørelse', [DANISH_SENTENCE]);
    expect(await makePdfRendition(docx, 'docx', { libreOfficePath: null })).toEqual({ status: 'unavailable' });
  });
});

describe('finding LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'samspil-find-lo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses LIBREOFFICE_PATH when it names an executable, and nothing else when it does not', () => {
    const fake = path.join(dir, 'soffice-custom');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findLibreOffice({ LIBREOFFICE_PATH: fake, PATH: '' })).toBe(fake);
    expect(findLibreOffice({ LIBREOFFICE_PATH: path.join(dir, 'missing'), PATH: '/usr/bin' })).toBeNull();
    expect(findLibreOffice({ LIBREOFFICE_PATH: '', PATH: '/usr/bin' })).toBeNull();
  });

  it('looks for soffice and libreoffice on PATH', () => {
    const fake = path.join(dir, 'libreoffice');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findLibreOffice({ PATH: dir })).toBe(fake);
  });
});

describe('preparing files for LibreOffice', () => {
  it('removes from HTML everything that would be fetched while converting', () => {
    const html = withoutRemoteResources(
      '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><style>@import url(https://x.example/a.css); body{background:url(https://x.example/b.png)}</style>' +
        '<script src="https://x.example/s.js"></script><base href="https://x.example/"></head>' +
        '<body background="https://x.example/bg.png"><p style="background-image:url(https://x.example/c.png)" onclick="alert(1)">Østergade 12</p>' +
        '<img src="https://sporing.example/pixel.gif"><img src="data:image/png;base64,iVBORw0KGgo="><iframe src="https://x.example"></iframe>' +
        '<a href="https://example.dk/laes">Læs mere</a></body></html>',
    );
    expect(html).not.toMatch(/x\.example|cdn\.example|sporing\.example/);
    expect(html).not.toContain('onclick');
    expect(html).toContain('Østergade 12');
    expect(html).toContain('data:image/png;base64');
    expect(html).toContain('href="https://example.dk/laes"');
  });

  it('finds the CSV separator a Danish spreadsheet uses', () => {
    expect(csvSeparator('navn;beløb;dato\n"a,b";1,5;x')).toBe(';');
    expect(csvSeparator('name,amount\n1,2')).toBe(',');
    expect(csvSeparator('navn\tby\nÅse\tÆrø')).toBe('\t');
  });
});

describe('starting LibreOffice (a fake soffice that records what it was given)', () => {
  let dir: string;
  let fake: string;
  const saved: Record<string, string | undefined> = {};
  const secrets = {
    DATABASE_URL: 'postgres://samspil:hemmeligt@db.internal/samspil',
    SMTP_URL: 'smtp://relay:kodeord@smtp.internal:587',
    SESSION_SECRET: 'ikke-til-libreoffice',
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'samspil-fake-lo-'));
    fake = path.join(dir, 'soffice');
    // Records its environment, and when it starts and ends (appends of one short line are atomic).
    writeFileSync(
      fake,
      `#!/bin/sh\nenv > "${dir}/env-$$"\necho start >> "${dir}/log"\nsleep 0.3\necho end >> "${dir}/log"\n`,
    );
    chmodSync(fake, 0o755);
    for (const key of [...Object.keys(secrets), 'LIBREOFFICE_PATH']) saved[key] = process.env[key];
    Object.assign(process.env, secrets, { LIBREOFFICE_PATH: fake });
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const envFiles = () => readdirSync(dir).filter((name) => name.startsWith('env-'));

  it('gives it a minimal environment: none of the server’s secrets', async () => {
    const result = await makePdfRendition(Buffer.from('Østergade 12\n'), 'txt');
    expect(result).toMatchObject({ status: 'failed' }); // The fake makes no PDF.
    const [file] = envFiles();
    const env = Object.fromEntries(
      readFileSync(path.join(dir, file!), 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    for (const key of Object.keys(secrets)) expect(env[key], key).toBeUndefined();
    expect(JSON.stringify(env)).not.toContain('hemmeligt');
    expect(env.PATH).toBeTruthy();
    expect(env.HOME).toMatch(/samspil-lo-/);
    expect(env.HOME).not.toBe(process.env.HOME);
  });

  it('runs at most LIBREOFFICE_CONCURRENCY (2) conversions at once', { timeout: 30_000 }, async () => {
    rmSync(path.join(dir, 'log'), { force: true });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => makePdfRendition(Buffer.from(`Dokument ${i}\n`), 'txt')),
    );
    expect(results.every((r) => r.status === 'failed')).toBe(true);
    const events = readFileSync(path.join(dir, 'log'), 'utf8').trim().split('\n');
    expect(events.filter((e) => e === 'start')).toHaveLength(5);
    let running = 0;
    let most = 0;
    for (const event of events) {
      running += event === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBeLessThanOrEqual(2);
  });

  it('never starts it for a zip bomb', async () => {
    const before = envFiles().length;
    const result = await makePdfRendition(await makeZipBombDocx(200), 'docx');
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.status === 'failed' && result.reason).toMatch(/unpacks to more than/);
    expect(envFiles().length).toBe(before);
  });
});

// Without LibreOffice these tests are skipped with a warning, unless REQUIRE_LIBREOFFICE=1 (CI),
// where a missing LibreOffice fails the run (like REQUIRE_BROWSER_TESTS for Chromium).
const loMissing = !libreOfficeAvailable();
if (loMissing) {
  if (process.env.REQUIRE_LIBREOFFICE === '1') {
    throw new Error(
      "LibreOffice (soffice) not found; install Debian's libreoffice-*-nogui packages or set LIBREOFFICE_PATH",
    );
  }
  console.warn(
    '[rendition tests skipped] LibreOffice (soffice) not found on PATH or in LIBREOFFICE_PATH: office files cannot be converted to PDF here.',
  );
}

describe.skipIf(loMissing)('makePdfRendition with LibreOffice', () => {
  const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith('samspil-lo-'));
  let before: string[];
  beforeAll(() => {
    before = leftovers();
  });

  it('converts a Word document, keeping æ, ø and å', { timeout: 120_000 }, async () => {
    const docx = await makeDocx('Afgørelse', [DANISH_SENTENCE, 'Æbler, øl og ål.']);
    const text = await pdfText(madePdf(await makePdfRendition(docx, 'docx')));
    expect(text).toContain(DANISH_SENTENCE);
    expect(text).toContain('Æbler, øl og ål.');
  });

  it('runs conversions side by side without their profiles colliding', { timeout: 180_000 }, async () => {
    const [sheet, slides, csv] = await Promise.all([
      makePdfRendition(fixture('ansoegninger.xlsx'), 'xlsx'),
      makePdfRendition(fixture('lokalplan.odp'), 'odp'),
      makePdfRendition(Buffer.from('Adresse;Sag\nÅboulevarden 3;Udestue\n', 'utf8'), 'csv'),
    ]);
    expect(await pdfText(madePdf(sheet))).toContain('Åboulevarden 3');
    expect(await pdfText(madePdf(slides))).toContain('Høring om carport og åbne grønne arealer');
    expect(await pdfText(madePdf(csv))).toContain('Åboulevarden 3');
  });

  it('converts HTML and Windows-1252 text', { timeout: 120_000 }, async () => {
    const html = Buffer.from(
      '<html><body><h1>Høring</h1><p>Carport på Østergade 12</p><img src="http://127.0.0.1:9/x.png"></body></html>',
    );
    expect(await pdfText(madePdf(await makePdfRendition(html, 'html')))).toContain('Carport på Østergade 12');
    const legacy = Buffer.from([0xc6, 0x62, 0x6c, 0x65, 0x72, 0x20, 0xf8, 0x6c, 0x20, 0xe5, 0x6c]); // "Æbler øl ål" in Windows-1252
    expect(await pdfText(madePdf(await makePdfRendition(legacy, 'txt')))).toContain('Æbler øl ål');
  });

  it('gives failed for a corrupt office file', { timeout: 120_000 }, async () => {
    const result = await makePdfRendition(Buffer.from('PK\u0003\u0004 broken'), 'docx');
    expect(result.status).toBe('failed');
  });

  it('stops a conversion that takes too long', { timeout: 120_000 }, async () => {
    const docx = await makeDocx('Afgørelse', [DANISH_SENTENCE]);
    const result = await makePdfRendition(docx, 'docx', { timeoutMs: 300 });
    expect(result).toEqual({ status: 'failed', reason: 'LibreOffice timed out after 300 ms' });
  });

  it('removes its temporary files', () => {
    expect(leftovers()).toEqual(before);
  });
});
