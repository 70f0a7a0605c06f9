import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaName, packageId, parseAvid } from './avid.ts';
import { avidFor, parsePeriod, periodInstants } from './service.ts';
import { hasColour, readTiffInfo } from './tiff.ts';
import { clean, escapeXml, xmlText } from './xml.ts';
import { CASE_TABLE, normalise, sqlType, tableSchema } from './tables.ts';
import { makeTiff } from '../../documents/documents.fixtures.ts';

describe('text in an archival version (bilag 5, 5.D)', () => {
  it('removes what the order does not allow and says how much', () => {
    const r = clean('a\u0000b\u0001c\td\ne\rf\uE000g\uFFFEh\uFDD0i\u{10FFFD}j\u{1F600}');
    expect(r.text).toBe('abc\td\ne\rfghij\u{1F600}');
    expect(r.removed).toBe(6);
  });

  it('writes C1 controls as character references, and the five entities', () => {
    expect(escapeXml('<a & "b"> \'c\'')).toBe('&lt;a &amp; &quot;b&quot;&gt; &apos;c&apos;');
    expect(escapeXml('x\u0085y\u007Fz\u009F')).toBe('x&#x85;y&#x7F;z&#x9F;');
    expect(escapeXml('line\r\nnext')).toBe('line&#13;\nnext');
    expect(xmlText('ø\u0002')).toBe('ø');
  });

  it('trims fields, and declares a text column as long as its longest value', () => {
    expect(normalise('  Østergade 12 \n', 'string')).toEqual({ value: 'Østergade 12', removed: 0 });
    expect(normalise('2023-05-01T10:00:00.123Z', 'timestamp').value).toBe('2023-05-01T10:00:00Z');
    expect(normalise(1, 'boolean').value).toBe(true);
    const title = CASE_TABLE.columns.findIndex((c) => c.name === 'titel');
    const rows = [Array(CASE_TABLE.columns.length).fill(null), Array(CASE_TABLE.columns.length).fill(null)];
    rows[0]![title] = 'Æble';
    rows[1]![title] = '😀😀😀😀😀';
    expect(sqlType(CASE_TABLE.columns[title]!, rows, title)).toBe('VARCHAR(5)');
    expect(sqlType(CASE_TABLE.columns[title]!, [], title)).toBe('VARCHAR(1)');
  });

  it('declares nullable columns nillable in the table schema', () => {
    const xsd = tableSchema(CASE_TABLE, 'table1');
    expect(xsd).toContain('<xs:element name="c1" type="xs:integer"/>');
    expect(xsd).toContain('<xs:element name="c4" type="xs:string" nillable="true"/>');
    expect(xsd).toContain('targetNamespace="http://www.sa.dk/xmlns/siard/1.0/schema0/table1.xsd"');
  });
});

describe('AVIDs and periods', () => {
  it('parses a medium name and gives the package ID without the medium', () => {
    const a = parseAvid('AVID.SA.18005.1')!;
    expect(a).toEqual({ archive: 'SA', number: '18005', medium: 1 });
    expect(packageId(a)).toBe('AVID.SA.18005');
    expect(mediaName(a)).toBe('AVID.SA.18005.1');
    for (const bad of ['AVID.SA.18005', 'AVID.sa.18005.1', 'AVID.SA.018005.1', 'AVID.SAXXX.1.1', 'SA.18005.1'])
      expect(parseAvid(bad), bad).toBeNull();
    expect(avidFor(' 18005 ', { archiveCode: 'KBH' })).toBe('AVID.KBH.18005.1');
    expect(avidFor('018005', { archiveCode: 'SA' })).toBeNull();
  });

  it('knows the configured periods, and counts them in Copenhagen time', () => {
    const s = { periodYears: 5, periodFirstYear: 2016 };
    expect(parsePeriod('2021-2025', s)).toEqual({ start: '2021-01-01', end: '2025-12-31' });
    expect(parsePeriod('2021–2025', s)).toEqual({ start: '2021-01-01', end: '2025-12-31' });
    expect(parsePeriod('2021-2024', s)).toBeNull();
    expect(parsePeriod('2022-2026', s)).toBeNull();
    expect(periodInstants({ start: '2021-01-01', end: '2025-12-31' })).toEqual({
      from: '2020-12-31T23:00:00.000Z',
      until: '2025-12-31T23:00:00.000Z',
    });
  });
});

describe('TIFF', () => {
  it('reads a TIFF’s directories', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiff-'));
    const file = path.join(dir, 'a.tif');
    fs.writeFileSync(file, makeTiff());
    const info = await readTiffInfo(file);
    expect(info.pages).toHaveLength(1);
    expect(info.pages[0]).toMatchObject({ width: 1, height: 1, compression: 1, bitsPerSample: [8], strips: true });
    fs.writeFileSync(file, Buffer.from('%PDF-1.7'));
    await expect(readTiffInfo(file)).rejects.toThrow('not a TIFF');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds colour in Ghostscript’s ink coverage', () => {
    expect(hasColour(' 0.00000  0.00000  0.00000  0.07732 CMYK OK\n')).toBe(false);
    expect(
      hasColour(' 0.00000  0.00000  0.00000  0.07732 CMYK OK\n 0.00000  0.00048  0.00048  0.00000 CMYK OK\n'),
    ).toBe(true);
  });
});
