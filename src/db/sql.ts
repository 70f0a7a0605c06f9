import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** The largest id the integer id columns hold (PostgreSQL's integer, 2^31 - 1). */
export const MAX_ID = 2_147_483_647;

/**
 * An id from an address, a query string or a form: a positive integer within MAX_ID, or null.
 * A bigger number can only be "not found"; PostgreSQL would refuse to compare it with an
 * integer column and the user would get a 500.
 */
export function toId(id: unknown): number | null {
  const n =
    typeof id === 'number' ? id : typeof id === 'string' && /^\d{1,10}$/.test(id.trim()) ? Number(id.trim()) : NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null;
}

/**
 * A whole number from a query string or a form that is not an id (a year, a count, a page
 * number): within [min, max], else null. Keeps such numbers out of the database's range errors.
 */
export function toInt(value: unknown, min: number, max: number): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())
        ? Number(value.trim())
        : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Upper-case letters that SQLite's lower() leaves alone (it folds ASCII only): folded by replace()
 * first, and only those the search text holds, so that "østergaard" finds "Østergaard" there too.
 * (Harmless on PostgreSQL, whose lower() folds every letter anyway.)
 */
const FOLD_PAIRS: Array<[string, string]> = [
  ['Æ', 'æ'],
  ['Ø', 'ø'],
  ['Å', 'å'],
  ['É', 'é'],
  ['Ä', 'ä'],
  ['Ö', 'ö'],
  ['Ü', 'ü'],
];

/** `column` contains `text`, ignoring case (Danish letters included), on both databases. */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const lowered = text.normalize('NFC').toLocaleLowerCase('da');
  let expr: RawBuilder<unknown> = sql`${sql.ref(column)}`;
  for (const [upper, lower] of FOLD_PAIRS)
    if (lowered.includes(lower)) expr = sql`replace(${expr}, ${sql.lit(upper)}, ${sql.lit(lower)})`;
  return sql<SqlBool>`lower(${expr}) like ${`%${escapeLike(lowered)}%`} escape '\\'`;
}
