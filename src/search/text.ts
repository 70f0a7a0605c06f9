/**
 * The text search toolkit shared by every full-text search (cases, rooms, news, pages, the
 * meetings reader): user input reduced to words (letters and digits only, so no input reaches
 * MATCH or to_tsquery as syntax), Danish word forms for FTS5 (which has no Danish stemmer),
 * the FTS5 and tsquery strings, and highlighting: matches are marked with control characters
 * (HL_START/HL_END) that views turn into <mark> through highlightParts() (no raw HTML).
 */

/** Marks the start and end of a highlighted match in snippets (rendered as <mark>). */
export const HL_START = '\u0002';
export const HL_END = '\u0003';

/** Snowball's Danish stop words: dropped from a query unless it has nothing else. */
const STOP_WORDS = new Set(
  (
    'og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ' +
    'ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle ' +
    'denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver ' +
    'hendes været thi jer sådan'
  ).split(' '),
);

/** Words of the query: runs of letters and digits (æ, ø, å included), stop words out, at most 12. */
export function queryWords(q: string): string[] {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return content.length ? content : words;
}

/** Danish inflection endings (nouns and verbs), longest first. */
const ENDINGS = ['ernes', 'erne', 'enes', 'ene', 'ens', 'ets', 'ers', 'en', 'et', 'er', 'es', 'ne', 'e'];
/** Endings added to a stem: after a final -e (klage → klagen, klager, klagerne) and otherwise (bil → bilen, biler …). */
const FORMS_AFTER_E = ['', 'n', 'r', 'rne', 'ne', 's', 'ns', 't'];
const FORMS = ['', 'e', 'en', 'et', 'er', 'erne', 'ene', 's', 'ens', 'ets'];

/**
 * The forms of a word to look for. FTS5 has no Danish stemmer, and its prefix queries ("word"*)
 * read every posting of every matching term without being able to seek — measured at 120–220 ms
 * for a common word among 4 million entries, against about 1 ms for exact terms. So instead of a
 * prefix, a word is expanded to its likely inflections (of itself and of its stem without an
 * ending), all exact terms that FTS5 can seek in: "byggetilladelse" also finds
 * "byggetilladelsen" and "byggetilladelser"; "carporten" also finds "carport".
 */
export function danishForms(word: string): string[] {
  if (word.length < 4 || /^\d+$/.test(word)) return [word];
  let stem = word;
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) {
      stem = word.slice(0, -ending.length);
      break;
    }
  }
  const forms = new Set([word]);
  for (const f of stem.endsWith('e') ? FORMS_AFTER_E : FORMS) forms.add(stem + f);
  return [...forms];
}

/** FTS5: every word as a group of quoted exact forms, all groups required. Quotes cannot occur in words. */
export function ftsQuery(words: string[]): string {
  return words
    .map(
      (w) =>
        `(${danishForms(w)
          .map((f) => `"${f}"`)
          .join(' OR ')})`,
    )
    .join(' AND ');
}

/** PostgreSQL: every word as a prefix term, all required; words hold only letters and digits. */
export function tsQuery(words: string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

/** A case-insensitive pattern for every form of every query word, on word boundaries. */
export function formsPattern(words: string[]): RegExp {
  const forms = [...new Set(words.flatMap(danishForms))].sort((a, b) => b.length - a.length);
  const escaped = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Marks every match in a short text (a title). */
export function markAll(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => `${HL_START}${m}${HL_END}`);
}

/** About `words` words around the first match, with the matches marked; the start when none. */
export function snippetOf(text: string, pattern: RegExp, words = 16): string {
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  const flat = text.replace(/\s+/g, ' ');
  if (!first) {
    const head = flat.split(' ').slice(0, words).join(' ');
    return head.length < flat.length ? `${head}…` : head;
  }
  // Find the match in the whitespace-collapsed text and take words on both sides.
  pattern.lastIndex = 0;
  const m = pattern.exec(flat);
  const at = m ? m.index : 0;
  const before = flat.slice(0, at).split(' ');
  const after = flat.slice(at).split(' ');
  const lead = Math.min(before.length - 1, Math.floor(words / 3));
  const startWords = before.slice(before.length - 1 - lead);
  const piece = [
    ...startWords.slice(0, -1),
    startWords[startWords.length - 1]! + after[0]!,
    ...after.slice(1, words - lead),
  ]
    .join(' ')
    .trim();
  const prefix = before.length - 1 > lead ? '…' : '';
  const suffix = after.length > words - lead ? '…' : '';
  return `${prefix}${markAll(piece, pattern)}${suffix}`;
}

/** Splits a marked string into plain and highlighted parts, for rendering without raw HTML. */
export function highlightParts(marked: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let hit = false;
  let current = '';
  for (const ch of marked) {
    if (ch === HL_START || ch === HL_END) {
      if (current) parts.push({ text: current, hit });
      current = '';
      hit = ch === HL_START;
    } else current += ch;
  }
  if (current) parts.push({ text: current, hit });
  return parts;
}
