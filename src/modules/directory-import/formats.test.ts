import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.ts';
import { detectFormat, toRecords } from './formats.ts';
import { fixture } from './directory-import.fixtures.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('reading CSV files', () => {
  it('reads UTF-8 with a BOM and ; as separator, with line numbers', () => {
    const t = readCsv(fixture('samspil-enheder.csv').bytes);
    expect(t.encoding).toBe('utf-8');
    expect(t.delimiter).toBe(';');
    expect(t.header[0]).toBe('enhed_id');
    expect(t.rows.map((r) => [r.line, r.cells[1]])).toEqual([
      [2, 'Eksempel Kommune'],
      [3, 'Børn og Unge'],
      [4, 'Dagtilbud'],
      [5, 'Skoler'],
    ]);
    expect(detectFormat(t.header)).toBe('samspil-units');
  });

  it('reads , as separator and quoted fields with separators and newlines; counts lines from where a record starts', () => {
    const t = readCsv(fixture('samspil-personer.csv').bytes);
    expect(t.delimiter).toBe(',');
    expect(t.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(t.rows[1]!.cells[5]).toBe('Leder af\ndagtilbud');
    expect(t.rows[2]!.cells[2]).toBe('Lund, Sara');
    expect(detectFormat(t.header)).toBe('samspil-people');
  });

  it('reads Windows-1252 (Excel on a Danish Windows) and CRLF line ends', () => {
    const text = 'enhed_id;navn;overordnet_id\r\nX1;Æblegården;\r\n\r\nX2;Søndermarken;X1\r\n';
    const t = readCsv(new Uint8Array(iconv.encode(text, 'win1252')));
    expect(t.encoding).toBe('windows-1252');
    expect(t.rows.map((r) => [r.line, r.cells[1]])).toEqual([
      [2, 'Æblegården'],
      [4, 'Søndermarken'],
    ]);
  });

  it('reads UTF-8 without a BOM and UTF-16 with one', () => {
    expect(readCsv(bytes('enhed_id,navn,overordnet_id\nA,Ærø,\n')).rows[0]!.cells).toEqual(['A', 'Ærø', '']);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('enhed_id;navn;overordnet_id\nA;Ærø;\n', 'utf-16le'),
    ]);
    expect(readCsv(new Uint8Array(utf16)).rows[0]!.cells).toEqual(['A', 'Ærø', '']);
  });

  it('drops CPR columns as it reads, so they are never stored or shown', () => {
    const t = readCsv(fixture('os2mo-stilling-og-kontaktinformation.csv').bytes);
    expect(t.droppedCpr).toBe(1);
    expect(t.header).not.toContain('CPR');
    expect(JSON.stringify(t)).not.toMatch(/0101701234|0202802345/);
    const units = readCsv(fixture('os2mo-alle-tilknytninger.csv').bytes);
    expect(units.header).not.toContain('CPR-Nummer');
    expect(JSON.stringify(units)).not.toMatch(/0101701234/);
  });

  it('recognises the OS2mo reports and the Entra ID download, and keeps to the family chosen', () => {
    const header = (name: string) => readCsv(fixture(name).bytes).header;
    expect(detectFormat(header('os2mo-stilling-og-kontaktinformation.csv'))).toBe('os2mo-engagements');
    expect(detectFormat(header('os2mo-alle-tilknytninger.csv'))).toBe('os2mo-units');
    expect(detectFormat(header('os2mo-alle-ledere.csv'))).toBe('os2mo-managers');
    expect(detectFormat(header('entra-users.csv'))).toBe('entra-users');
    expect(detectFormat(header('entra-users.csv'), 'os2mo')).toBeNull();
    expect(detectFormat(header('samspil-personer.csv'), 'samspil')).toBe('samspil-people');
    expect(detectFormat(['foo', 'bar'])).toBeNull();
  });

  it("takes OS2mo's engagement in force today, one person per Person UUID", () => {
    const table = readCsv(fixture('os2mo-stilling-og-kontaktinformation.csv').bytes);
    const recs = toRecords([{ name: 'x.csv', format: 'os2mo-engagements', table }], '2026-06-01');
    const ole = recs.people.find((p) => p.username === 'ole.berg')!;
    expect(recs.people).toHaveLength(3);
    expect(ole).toMatchObject({ name: 'Ole Berg', unitName: 'Dagtilbud', title: 'Leder', line: 3 });
    // Before Ole's current engagement began, his old one (ended 2012) was the one in force.
    const earlier = toRecords([{ name: 'x.csv', format: 'os2mo-engagements', table }], '2010-06-01');
    expect(earlier.people.map((p) => [p.username, p.title])).toEqual([['ole.berg', 'Lærer']]);
  });
});
