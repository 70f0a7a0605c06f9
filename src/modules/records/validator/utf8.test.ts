import { describe, expect, it } from 'vitest';
import { TextScanner } from './utf8.ts';

/** The codes (and first lines) a scanner reports for bytes fed in the given chunks. */
function scan(...chunks: (string | number[])[]): Record<string, string> {
  const s = new TextScanner();
  for (const c of chunks) s.feed(typeof c === 'string' ? Buffer.from(c, 'utf8') : Uint8Array.from(c));
  return Object.fromEntries(s.end().map((p) => [p.code, `${p.section} | ${p.message}`]));
}

describe('the text rules of bilag 5, 5. D.', () => {
  it('accepts UTF-8 XML with Danish letters, emoji, tabs, CR/LF and #x7F–#x9F as references', () => {
    expect(scan('<?xml version="1.0" encoding="UTF-8"?>\r\n<a>\tÆble, øl & 🙂 &#x85; &#133; &amp;</a>\n')).toEqual({});
  });

  it('accepts a multi-byte character split across chunks', () => {
    const bytes = [...Buffer.from('<a>Å😀</a>')];
    expect(scan(bytes.slice(0, 4), bytes.slice(4, 6), bytes.slice(6))).toEqual({});
  });

  it('finds malformed UTF-8: a lone lead byte, a stray continuation byte, an overlong form, a truncated end', () => {
    expect(scan([0x3c, 0x61, 0xc3, 0x3e])['utf8-invalid']).toMatch(
      /^bilag 5, punkt 5\. D\. 1\.a \| Filen indeholder ugyldig UTF-8-indkodning: 1 gang, første gang i linje 1\./,
    );
    expect(scan('a\nb\n', [0x80])['utf8-invalid']).toContain('linje 3');
    expect(scan([0xc0, 0xaf])['utf8-invalid']).toContain('2 gange'); // C0 is never valid, AF is then stray
    expect(scan([0xe2, 0x82, 0xac, 0xe2, 0x82])['utf8-invalid']).toContain('1 gang');
  });

  it('finds noncharacters and surrogates (5. D. 1.b), private use (5. D. 1.c), also as references', () => {
    expect(scan('<a>\uFFFE</a>')['utf8-noncharacter']).toMatch(/^bilag 5, punkt 5\. D\. 1\.b/);
    expect(scan('<a>&#xFDD0;</a>')['utf8-noncharacter']).toBeDefined();
    expect(scan([0xed, 0xa0, 0x80])['utf8-noncharacter']).toBeDefined(); // an encoded surrogate
    expect(scan('<a>\uE000</a>')['utf8-private-use']).toMatch(/^bilag 5, punkt 5\. D\. 1\.c/);
    expect(scan('<a>&#57344;</a>')['utf8-private-use']).toBeDefined();
  });

  it('finds control characters (5. D. 1.d), raw #x7F–#x9F (5. D. 2.b) and CDATA (5. D. 2.c), even across chunks', () => {
    expect(scan('<a>\u0001</a>')['control-character']).toMatch(/^bilag 5, punkt 5\. D\. 1\.d/);
    expect(scan('<a>&#x1;</a>')['control-character']).toBeDefined();
    expect(scan('<a>\u0085</a>')['c1-character']).toMatch(/^bilag 5, punkt 5\. D\. 2\.b/);
    expect(scan('<a>\u007f</a>')['c1-character']).toBeDefined();
    expect(scan('<a><![CD', 'ATA[x]]></a>').cdata).toMatch(/^bilag 5, punkt 5\. D\. 2\.c/);
  });

  it('finds an XML declaration naming another encoding', () => {
    expect(scan('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')['encoding-declaration']).toContain('"ISO-8859-1"');
    expect(scan('<?xml version="1.0" encoding="utf-8"?><a/>')).toEqual({});
  });
});
