import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * `column` contains `text`, ignoring case, on both databases (SQLite needs the explicit ESCAPE;
 * its lower() folds ASCII only, which is fine for names and codes, and full-text search
 * covers the rest).
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}
