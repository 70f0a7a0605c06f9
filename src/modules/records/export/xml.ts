/**
 * Text in an archival version's XML (bek. 128/2020, bilag 5, 5.D): well-formed UTF-8 of valid
 * Unicode scalar values, with
 *
 * - no surrogates, no noncharacters (U+FDD0–U+FDEF and the last two code points of every plane)
 *   and nothing from the Private Use Areas (5.D.1.b–c),
 * - no control characters U+0000–U+001F except TAB, LF and CR (5.D.1.d),
 * - U+007F–U+009F written as character references (5.D.2.b),
 * - `<`, `>`, `&`, `'` and `"` written as entities (5.D.2.a, figur 5.2), never CDATA (5.D.2.c).
 *
 * Characters the order does not allow are removed (5.C.1.b: "andet indhold end det for datatypen
 * tilladte slettes"); `clean()` reports how many, for the context documentation. A CR is written as
 * `&#13;` so that an XML parser keeps it (a literal CR would be normalised to LF).
 */

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const DIARK = 'http://www.sa.dk/xmlns/diark/1.0';

function allowed(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp >= 0xe000 && cp <= 0xf8ff) return false;
  if (cp >= 0xfdd0 && cp <= 0xfdef) return false;
  if ((cp & 0xfffe) === 0xfffe) return false;
  if (cp >= 0xf0000) return false;
  return true;
}

/** The text without the characters bilag 5 does not allow, and how many were removed. */
export function clean(text: string): { text: string; removed: number } {
  let out = '';
  let removed = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (allowed(cp)) out += ch;
    else removed++;
  }
  return { text: out, removed };
}

/** Escapes cleaned text for element content (and attribute values). */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '&') out += '&amp;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '\r') out += '&#13;';
    else if (cp >= 0x7f && cp <= 0x9f) out += `&#x${cp.toString(16).toUpperCase()};`;
    else out += ch;
  }
  return out;
}

/** Cleans, then escapes: what goes between the tags of an index or a table. */
export function xmlText(text: string): string {
  return escapeXml(clean(text).text);
}

/** `<name>text</name>`; nothing when the value is null or undefined. */
export function el(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
