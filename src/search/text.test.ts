import { describe, expect, it } from 'vitest';
import { danishForms, ftsQuery, highlightParts, queryWords, tsQuery } from './text.ts';

describe('query building', () => {
  it('keeps only words, quotes them and matches prefixes, whatever the user typed', () => {
    expect(queryWords('Byggetilladelse, Østergade 12!')).toEqual(['byggetilladelse', 'østergade', '12']);
    expect(queryWords('e-mail "unclosed AND OR NEAR( * ^')).toEqual(['e', 'mail', 'unclosed', 'and', 'or', 'near']);
    expect(queryWords('klage over støj i haven')).toEqual(['klage', 'støj', 'haven']);
    expect(queryWords('og i')).toEqual(['og', 'i']);
    expect(ftsQuery(['e', 'mail'])).toBe(
      '("e") AND ("mail" OR "maile" OR "mailen" OR "mailet" OR "mailer" OR "mailerne" OR "mailene" OR "mails" OR "mailens" OR "mailets")',
    );
    expect(tsQuery(['carport', 'øst'])).toBe('carport:* & øst:*');
    expect(queryWords('"')).toEqual([]);
  });

  it('expands a Danish word to its inflections, from any form of it', () => {
    expect(danishForms('byggetilladelse')).toEqual(
      expect.arrayContaining(['byggetilladelse', 'byggetilladelsen', 'byggetilladelser', 'byggetilladelserne']),
    );
    expect(danishForms('klagerne')).toEqual(expect.arrayContaining(['klage', 'klagen', 'klager', 'klagerne']));
    expect(danishForms('huset')).toEqual(expect.arrayContaining(['hus', 'huset', 'huse', 'husene']));
    expect(danishForms('carporten')).toEqual(expect.arrayContaining(['carport', 'carporten', 'carporte']));
    expect(danishForms('12')).toEqual(['12']);
    expect(danishForms('hus')).toEqual(['hus']);
  });

  it('splits marked text into parts', () => {
    expect(highlightParts('a \u0002b\u0003 c')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c', hit: false },
    ]);
  });
});
