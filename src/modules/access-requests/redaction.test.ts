import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allText, inspectPdf } from '../../../test/helpers/pdf.ts';
import {
  checkRange,
  countOccurrences,
  findOccurrence,
  releasedParagraphs,
  renderReleasedPdf,
  splitPassages,
  withheldNote,
  type RedactionRange,
} from './redaction.ts';

const TEXT = [
  'Ansøgning om byggetilladelse til carport.',
  '',
  'Ansøger er Kirsten Quistgaard, cpr 120345-6789, Æblehaven 7. Hun har naboens accept. Sagen haster!',
  'Tegningerne er vedlagt.',
  '',
  'Med venlig hilsen',
  'Teknik og Miljø',
].join('\n');
const WITHHELD = 'Kirsten Quistgaard, cpr 120345-6789, Æblehaven 7';
const start = TEXT.indexOf(WITHHELD);
const RANGE: RedactionRange = { start, end: start + WITHHELD.length, law: 'offl', section: '§ 30, nr. 1' };
const META = {
  title: 'Ansøgning om byggetilladelse',
  locale: 'da' as const,
  intro: ['Udleveret kopi af dokument 3 på sag 02.34.02-P19-1-26.'],
  footer: 'AKT-2026-000001',
  createdAt: new Date('2026-12-01T10:00:00Z'),
};

describe('passages and ranges', () => {
  it('splits the text into numbered sentences with their offsets', () => {
    const passages = splitPassages(TEXT);
    expect(passages.map((p) => p.text)).toEqual([
      'Ansøgning om byggetilladelse til carport.',
      'Ansøger er Kirsten Quistgaard, cpr 120345-6789, Æblehaven 7.',
      'Hun har naboens accept.',
      'Sagen haster!',
      'Tegningerne er vedlagt.',
      'Med venlig hilsen',
      'Teknik og Miljø',
    ]);
    for (const p of passages) expect(TEXT.slice(p.start, p.end)).toBe(p.text);
    expect(passages.filter((p) => p.paragraphStart).map((p) => p.number)).toEqual([1, 2, 6]);
  });

  it('finds the n-th occurrence of a pasted passage, with any white space', () => {
    const text = 'Anna Berg ringede. Senere ringede Anna\nBerg igen.';
    expect(findOccurrence(text, 'Anna Berg')).toEqual({ start: 0, end: 9 });
    const second = findOccurrence(text, ' Anna  Berg ', 2)!;
    expect(text.slice(second.start, second.end)).toBe('Anna\nBerg');
    expect(findOccurrence(text, 'Anna Berg', 3)).toBeNull();
    expect(findOccurrence(text, 'a.b')).toBeNull();
    expect(countOccurrences(text, 'Anna Berg')).toBe(2);
  });

  it('refuses empty and out-of-range passages, trims white space at the edges', () => {
    expect(checkRange('abc def', [], 0, 0, 1)).toMatchObject({ ok: false, error: 'range' });
    expect(checkRange('abc def', [], 2, 99, 1)).toMatchObject({ ok: false, error: 'range' });
    expect(checkRange('abc def', [], 3, 4, 1)).toMatchObject({ ok: false, error: 'range' });
    expect(checkRange('abc def', [], 3, 7, 1)).toEqual({ ok: true, start: 4, end: 7, merges: [] });
  });

  it('merges overlapping and touching passages with the same basis, refuses overlaps with another', () => {
    const existing = [
      { id: 1, start: 0, end: 5, legalBasisId: 7 },
      { id: 2, start: 10, end: 15, legalBasisId: 7 },
      { id: 3, start: 20, end: 25, legalBasisId: 8 },
    ];
    const text = 'x'.repeat(30);
    expect(checkRange(text, existing, 4, 10, 7)).toEqual({ ok: true, start: 0, end: 15, merges: [1, 2] });
    expect(checkRange(text, existing, 14, 21, 7)).toEqual({
      ok: false,
      error: 'overlap',
      conflict: { start: 20, end: 25 },
    });
    // Touching a passage with another basis is fine: two notes side by side.
    expect(checkRange(text, existing, 15, 20, 9)).toEqual({ ok: true, start: 15, end: 20, merges: [] });
  });

  it('prints the legal basis where the passage was', () => {
    expect(withheldNote({ law: 'offl', section: '§ 30, nr. 1' })).toBe(
      '[Undtaget efter offentlighedslovens § 30, nr. 1]',
    );
    expect(withheldNote({ law: 'fvl', section: '15 b' })).toBe('[Undtaget efter forvaltningslovens § 15 b]');
    const paragraphs = releasedParagraphs(TEXT, [RANGE]);
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[1]).toEqual([
      { text: 'Ansøger er ' },
      { text: '[Undtaget efter offentlighedslovens § 30, nr. 1]', withheld: true },
      { text: '. Hun har naboens accept. Sagen haster!\nTegningerne er vedlagt.' },
    ]);
  });
});

/** Every stream of a PDF, inflated where it is compressed. */
function streams(pdf: Uint8Array): Buffer[] {
  const raw = Buffer.from(pdf);
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const s = raw.indexOf('stream', at, 'latin1');
    if (s < 0) break;
    if (raw.subarray(s - 3, s).toString('latin1') === 'end') {
      at = s + 6;
      continue;
    }
    let begin = s + 6;
    if (raw[begin] === 0x0d) begin++;
    if (raw[begin] === 0x0a) begin++;
    const end = raw.indexOf('endstream', begin, 'latin1');
    if (end < 0) break;
    const body = raw.subarray(begin, end);
    out.push(body);
    try {
      out.push(zlib.inflateSync(body));
    } catch {
      // Not compressed (or not with Flate).
    }
    at = end + 9;
  }
  return out;
}

/** The Unicode code points the PDF's fonts map glyphs to (their /ToUnicode CMaps). */
function mappedCodePoints(pdf: Uint8Array): Set<number> {
  const points = new Set<number>();
  for (const s of streams(pdf)) {
    const text = s.toString('latin1');
    if (!text.includes('begincmap')) continue;
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const line of block[1]!.split('\n')) {
        const array = /^\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/.exec(line);
        if (array) {
          for (const u of array[3]!.matchAll(/<([0-9a-fA-F]{4})/g)) points.add(parseInt(u[1]!, 16));
          continue;
        }
        const range = /^\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]{4})/.exec(line);
        if (range)
          for (let c = parseInt(range[1]!, 16); c <= parseInt(range[2]!, 16); c++)
            points.add(parseInt(range[3]!, 16) + c - parseInt(range[1]!, 16));
      }
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const m of block[1]!.matchAll(/<[0-9a-fA-F]+>\s*<([0-9a-fA-F]{4})/g)) points.add(parseInt(m[1]!, 16));
  }
  return points;
}

function encodings(s: string): Buffer[] {
  const utf16 = Buffer.from(s, 'utf16le').swap16();
  return [Buffer.from(s, 'latin1'), Buffer.from(s, 'utf8'), utf16, Buffer.from(utf16.toString('hex'), 'latin1')];
}

describe('renderReleasedPdf', () => {
  it('leaves the withheld text out of the page text, every stream, the metadata and the font subset', async () => {
    const pdf = await renderReleasedPdf(TEXT, [RANGE], META);
    const text = await allText(pdf);
    expect(text).toContain('[Undtaget efter offentlighedslovens § 30, nr. 1]');
    expect(text).toContain('Hun har naboens accept.');
    for (const word of ['Quistgaard', 'Kirsten', '120345', '6789', 'Æblehaven']) expect(text).not.toContain(word);

    const haystacks = [Buffer.from(pdf), ...streams(pdf)];
    for (const word of ['Quistgaard', 'Kirsten', '120345-6789', 'Æblehaven'])
      for (const needle of encodings(word))
        for (const hay of haystacks) expect(hay.includes(needle), `${word} in the PDF bytes`).toBe(false);

    // Q and Æ occur only in the withheld passage: no font in the file may have a glyph for them.
    const points = mappedCodePoints(pdf);
    expect(points.size).toBeGreaterThan(10);
    expect(points.has('Q'.codePointAt(0)!)).toBe(false);
    expect(points.has('Æ'.codePointAt(0)!)).toBe(false);

    const info = await inspectPdf(pdf);
    expect(info.marked).toBe(true);
    expect(info.title).toBe('Ansøgning om byggetilladelse');
  });

  it('does carry the text when nothing is withheld (so the checks above can fail)', async () => {
    const pdf = await renderReleasedPdf(TEXT, [], META);
    expect(await allText(pdf)).toContain('Quistgaard');
    const points = mappedCodePoints(pdf);
    expect(points.has('Q'.codePointAt(0)!)).toBe(true);
    expect(points.has('Æ'.codePointAt(0)!)).toBe(true);
  });
});
