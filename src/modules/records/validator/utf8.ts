/**
 * The text rules of bek. 128, bilag 5, 5. D., for index files and table content, checked on the
 * bytes as they stream past (one pass, any chunk boundaries):
 *
 * - 5. D. 1.a well-formed UTF-8 (no stray continuation bytes, no overlong forms, nothing above
 *   U+10FFFF, no truncated sequence), and an XML declaration that says UTF-8 if it names an encoding;
 * - 5. D. 1.b no surrogates and no Unicode noncharacters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF);
 * - 5. D. 1.c no Private Use Area characters (U+E000–U+F8FF and planes 15–16);
 * - 5. D. 1.d no control characters U+0000–U+001F except TAB, LF and CR;
 * - 5. D. 2.b U+007F–U+009F only as character references, never as raw characters;
 * - 5. D. 2.c no CDATA sections.
 *
 * Character references (&#…;) are checked for 5. D. 1.b–1.d too: the rule is about the characters,
 * whatever their spelling.
 */

export type TextCode =
  | 'utf8-invalid'
  | 'utf8-noncharacter'
  | 'utf8-private-use'
  | 'control-character'
  | 'c1-character'
  | 'cdata'
  | 'encoding-declaration';

export const TEXT_SECTIONS: Record<TextCode, string> = {
  'utf8-invalid': 'bilag 5, punkt 5. D. 1.a',
  'encoding-declaration': 'bilag 5, punkt 5. D. 1.a',
  'utf8-noncharacter': 'bilag 5, punkt 5. D. 1.b',
  'utf8-private-use': 'bilag 5, punkt 5. D. 1.c',
  'control-character': 'bilag 5, punkt 5. D. 1.d',
  'c1-character': 'bilag 5, punkt 5. D. 2.b',
  cdata: 'bilag 5, punkt 5. D. 2.c',
};

const DESCRIPTIONS: Record<TextCode, string> = {
  'utf8-invalid': 'ugyldig UTF-8-indkodning',
  'encoding-declaration': 'en XML-erklæring med en anden tegnindkodning end UTF-8',
  'utf8-noncharacter': 'surrogater eller Unicode-ikketegn (noncharacters)',
  'utf8-private-use': 'tegn fra Private Use Area',
  'control-character': 'styrekodetegn (#x00–#x1F ud over TAB, LF og CR)',
  'c1-character': 'tegnene #x7F–#x9F skrevet direkte i stedet for som tegnreference',
  cdata: 'CDATA-sektioner',
};

export interface TextProblem {
  code: TextCode;
  section: string;
  /** Danish: what, how many times, the first line. */
  message: string;
}

const CDATA = Buffer.from('<![CDATA[');

function classify(cp: number): TextCode | null {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d ? null : 'control-character';
  if (cp < 0x7f) return null;
  if (cp <= 0x9f) return 'c1-character';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'utf8-noncharacter';
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return 'utf8-noncharacter';
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return 'utf8-private-use';
  return null;
}

export class TextScanner {
  private need = 0;
  private cp = 0;
  private min = 0;
  private line = 1;
  private cdataAt = 0;
  /** Character reference state: 0 none, 1 "&", 2 "&#", 3 decimal digits, 4 "&#x", 5 hex digits. */
  private ref = 0;
  private refValue = 0;
  private head: number[] = [];
  private readonly counts = new Map<TextCode, { n: number; line: number }>();

  private hit(code: TextCode): void {
    const c = this.counts.get(code);
    if (c) c.n++;
    else this.counts.set(code, { n: 1, line: this.line });
  }

  feed(buf: Uint8Array): void {
    if (this.head.length < 200) for (let i = 0; i < buf.length && this.head.length < 200; i++) this.head.push(buf[i]!);
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      // The common case: printable ASCII outside any sequence, reference or "<![CDATA[" prefix.
      if (b >= 0x20 && b < 0x7f && b !== 0x26 && b !== 0x3c && (this.need | this.ref | this.cdataAt) === 0) continue;
      if (this.need > 0) {
        if ((b & 0xc0) === 0x80) {
          this.cp = (this.cp << 6) | (b & 0x3f);
          if (--this.need === 0) {
            const cp = this.cp;
            if (cp < this.min || cp > 0x10ffff) this.hit('utf8-invalid');
            else if (cp >= 0xd800 && cp <= 0xdfff) this.hit('utf8-noncharacter');
            else {
              const code = classify(cp);
              if (code) this.hit(code);
            }
          }
          continue;
        }
        this.need = 0;
        this.hit('utf8-invalid');
        // the byte starts something new: fall through
      }
      if (b < 0x80) {
        if (b === 0x0a) this.line++;
        else if (b < 0x20 ? b !== 0x09 && b !== 0x0d : b === 0x7f)
          this.hit(b === 0x7f ? 'c1-character' : 'control-character');
        this.cdataAt = b === CDATA[this.cdataAt] ? this.cdataAt + 1 : b === 0x3c ? 1 : 0;
        if (this.cdataAt === CDATA.length) {
          this.hit('cdata');
          this.cdataAt = 0;
        }
        this.reference(b);
        continue;
      }
      this.ref = 0;
      this.cdataAt = 0;
      if (b >= 0xc2 && b <= 0xdf) [this.need, this.cp, this.min] = [1, b & 0x1f, 0x80];
      else if (b >= 0xe0 && b <= 0xef) [this.need, this.cp, this.min] = [2, b & 0x0f, 0x800];
      else if (b >= 0xf0 && b <= 0xf4) [this.need, this.cp, this.min] = [3, b & 0x07, 0x10000];
      else this.hit('utf8-invalid');
    }
  }

  private reference(b: number): void {
    const digit = b >= 0x30 && b <= 0x39;
    const hex = digit || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    switch (this.ref) {
      case 0:
        if (b === 0x26) this.ref = 1;
        return;
      case 1:
        this.ref = b === 0x23 ? 2 : b === 0x26 ? 1 : 0;
        return;
      case 2:
        if (b === 0x78) this.ref = 4;
        else if (digit) [this.ref, this.refValue] = [3, b - 0x30];
        else this.ref = b === 0x26 ? 1 : 0;
        return;
      case 3:
      case 5:
        if (b === 0x3b) {
          const code = this.refValue > 0x10ffff ? null : classify(this.refValue);
          // #x7F–#x9F as a reference is exactly what 5. D. 2.b asks for.
          if (code && code !== 'c1-character') this.hit(code);
          this.ref = 0;
        } else if (this.ref === 3 ? digit : hex) {
          this.refValue = Math.min(
            this.refValue * (this.ref === 3 ? 10 : 16) + parseInt(String.fromCharCode(b), 16),
            0x200000,
          );
        } else this.ref = b === 0x26 ? 1 : 0;
        return;
      case 4:
        if (hex) [this.ref, this.refValue] = [5, parseInt(String.fromCharCode(b), 16)];
        else this.ref = b === 0x26 ? 1 : 0;
        return;
    }
  }

  /** Ends the stream and returns what was found, one problem per kind. */
  end(): TextProblem[] {
    if (this.need > 0) this.hit('utf8-invalid');
    const decl = /^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(
      Buffer.from(this.head).toString('latin1'),
    );
    if (decl && decl[1]!.toLowerCase() !== 'utf-8') {
      this.counts.set('encoding-declaration', { n: 1, line: 1 });
    }
    return [...this.counts].map(([code, { n, line }]) => ({
      code,
      section: TEXT_SECTIONS[code],
      message:
        code === 'encoding-declaration'
          ? `XML-erklæringen angiver tegnindkodningen "${decl?.[1] ?? ''}"; indeksfiler og tabelindhold skal være indkodet som UTF-8.`
          : `Filen indeholder ${DESCRIPTIONS[code]}: ${n} ${n === 1 ? 'gang' : 'gange'}, første gang i linje ${line}.`,
    }));
  }
}
