import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The fonts of every PDF Samspil writes (agendas, minutes, letters, released documents). An embedded TrueType font covers every letter a name may hold
 * (ø and å, but also ł, ş, ő …) and carries a ToUnicode map, so text extraction and screen
 * readers get the real characters. We only use fonts from Debian packages the project already
 * installs (fonts-liberation2, fonts-dejavu-core, fonts-crosextra-carlito; all in the Docker
 * image). When none is present, pdfkit's built-in Helvetica is used: WinAnsi, which still
 * renders æ, ø, å and the rest of Western European text.
 */

/** A font parsed by fontkit (the font engine inside pdfkit); pdfkit accepts one in place of a file. */
export interface ParsedFont {
  layout: (...args: unknown[]) => unknown;
  hasGlyphForCodePoint: (codePoint: number) => boolean;
}

export interface FontChoice {
  /** Where the fonts came from (for tests and the log). */
  name: string;
  regular: string | Uint8Array | ParsedFont;
  bold: string | Uint8Array | ParsedFont;
  /** True for pdfkit's built-in Helvetica (names, not files). */
  standard: boolean;
}

/**
 * fontkit as pdfkit resolves it (pdfkit's own dependency, so the versions match). Parsing a
 * TrueType font costs far more than laying out an agenda; parsed once, a font is shared by every
 * document (pdfkit keeps each document's glyph subset apart).
 */
const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as {
  create(data: Uint8Array): Partial<ParsedFont> & {
    characterSet?: number[];
    glyphForCodePoint?: (codePoint: number) => unknown;
  };
};

/**
 * Parses a font for sharing between documents. fontkit caches one glyph object per glyph id,
 * with the code points it was first created for, and pdfkit writes those code points into the
 * PDF's ToUnicode map. Subsetting a composite glyph (Å is A plus a ring) creates its components
 * without code points, so in a shared font the next document's "A" would extract as nothing.
 * Creating every mapped glyph from its code point first, once, keeps the right code points.
 */
function parse(data: Uint8Array): ParsedFont {
  const font = fontkit.create(data);
  if (
    typeof font?.layout !== 'function' ||
    typeof font.glyphForCodePoint !== 'function' ||
    typeof font.hasGlyphForCodePoint !== 'function'
  ) {
    throw new Error('Not a single TrueType/OpenType font');
  }
  for (const codePoint of font.characterSet ?? []) font.glyphForCodePoint(codePoint);
  return font as ParsedFont;
}

const STANDARD: FontChoice = { name: 'Helvetica', regular: 'Helvetica', bold: 'Helvetica-Bold', standard: true };

const CANDIDATES: Array<{ name: string; regular: string; bold: string }> = [
  {
    name: 'Liberation Sans',
    regular: '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf',
  },
  {
    name: 'Liberation Sans',
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  },
  {
    name: 'DejaVu Sans',
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  },
  {
    name: 'Carlito',
    regular: '/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf',
    bold: '/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf',
  },
];

let systemChoice: FontChoice | undefined;

/** The first installed candidate, read once per process; Helvetica when none is installed. */
export function systemFonts(): FontChoice {
  if (systemChoice) return systemChoice;
  for (const candidate of CANDIDATES) {
    try {
      const regular = parse(readFileSync(candidate.regular));
      const bold = parse(readFileSync(candidate.bold));
      systemChoice = { name: candidate.name, regular, bold, standard: false };
      return systemChoice;
    } catch {
      // Not installed here (or unreadable): try the next one.
    }
  }
  systemChoice = STANDARD;
  return systemChoice;
}

const parsedBytes = new WeakMap<Uint8Array, ParsedFont>();
const parsedFiles = new Map<string, ParsedFont>();

function parseSource(source: string | Uint8Array): ParsedFont {
  if (typeof source === 'string') {
    let font = parsedFiles.get(source);
    if (!font) parsedFiles.set(source, (font = parse(readFileSync(source))));
    return font;
  }
  let font = parsedBytes.get(source);
  if (!font) parsedBytes.set(source, (font = parse(source)));
  return font;
}

/** The fonts for one document; a custom font that cannot be read falls back to the system's. */
/** Which fonts a document asks for: the system's (default), pdfkit's Helvetica, or a given pair. */
export type FontOption = 'standard' | { regular: string | Uint8Array; bold: string | Uint8Array } | undefined;

export function chooseFonts(option: FontOption): FontChoice {
  if (option === 'standard') return STANDARD;
  if (option && typeof option === 'object') {
    try {
      return { name: 'custom', regular: parseSource(option.regular), bold: parseSource(option.bold), standard: false };
    } catch {
      return systemFonts();
    }
  }
  return systemFonts();
}

/** Windows-1252 beyond ASCII and Latin-1: what pdfkit's built-in Helvetica can encode. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export type FontWeight = 'regular' | 'bold';

/** Whether a font (parsed, or pdfkit's built-in Helvetica by name) can draw a code point. */
function glyphCheck(fonts: FontChoice, font: FontChoice['regular']): (ch: string, code: number) => boolean {
  if (fonts.standard || typeof font !== 'object' || !('hasGlyphForCodePoint' in font)) {
    return (ch, code) => (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
  }
  return (_ch, code) => font.hasGlyphForCodePoint(code);
}

/**
 * Makes text safe to draw with a font: Unicode NFC (a decomposed "å" from a Mac becomes one
 * letter), line breaks as \n, tabs as spaces, other control characters removed, and every
 * character the font has no glyph for replaced by "?". Without this, pdfkit's Helvetica garbles
 * the rest of a line after one letter outside WinAnsi, and an embedded font draws an empty box
 * that text extraction and screen readers read as U+0000.
 *
 * The check is keyed to the font the text is drawn in (`weight`): a regular and a bold face
 * need not cover the same letters (a custom pair, or a family whose bold lacks some glyphs), so
 * a heading is cleaned against the bold face and body text against the regular one.
 */
export function textCleaner(fonts: FontChoice): (text: string, weight?: FontWeight) => string {
  const supports: Record<FontWeight, (ch: string, code: number) => boolean> = {
    regular: glyphCheck(fonts, fonts.regular),
    bold: glyphCheck(fonts, fonts.bold),
  };
  const caches: Record<FontWeight, Map<string, string>> = { regular: new Map(), bold: new Map() };
  return (text: string, weight: FontWeight = 'regular') => {
    const cache = caches[weight];
    let clean = cache.get(text);
    if (clean !== undefined) return clean;
    const has = supports[weight];
    clean = '';
    for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
      const code = ch.codePointAt(0)!;
      if (ch === '\n') clean += ch;
      else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xad) continue;
      else clean += has(ch, code) ? ch : '?';
    }
    if (cache.size < 10_000) cache.set(text, clean);
    return clean;
  };
}
