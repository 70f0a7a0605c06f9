import { sql, type RawBuilder, type SqlBool } from 'kysely';

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
  for (const [upper, lower] of FOLD_PAIRS) if (lowered.includes(lower)) expr = sql`replace(${expr}, ${sql.lit(upper)}, ${sql.lit(lower)})`;
  return sql<SqlBool>`lower(${expr}) like ${`%${escapeLike(lowered)}%`} escape '\\'`;
}
