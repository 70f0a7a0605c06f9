import type { Database } from '../../db/index.ts';
import type { CaseType } from '../../db/schema.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { getSetting } from '../../db/settings.ts';

/**
 * Case numbers: unique, never reused, safe under concurrent creation on several app instances.
 * Each number comes from a counter row bumped with `INSERT … ON CONFLICT DO UPDATE … RETURNING`,
 * which is atomic on both databases (PostgreSQL locks the row until the transaction ends; SQLite
 * has one writer). Called inside the transaction that creates the case, so a failed creation
 * leaves a gap rather than a duplicate; gaps are normal in journals.
 *
 * Patterns (setting `cases.number_pattern`):
 * - `type-year` (default): `EMN-2026-000123`, with a prefix per case type and a counter per year;
 * - `kle`: `00.01.00-G01-17-26` (KLE number, facet, a counter per KLE number + facet + year, year).
 */

export const NUMBER_PATTERN_SETTING = 'cases.number_pattern';
export type NumberPattern = 'type-year' | 'kle';

export const TYPE_PREFIX: Record<CaseType, string> = {
  subject: 'EMN',
  geo: 'GEO',
  citizen: 'BOR',
  company: 'VIR',
  access_request: 'AKT',
};

export async function numberPattern(database: Database): Promise<NumberPattern> {
  return (await getSetting(database, NUMBER_PATTERN_SETTING)) === 'kle' ? 'kle' : 'type-year';
}

export async function nextValue(tx: Database, key: string): Promise<number> {
  const row = await tx.db
    .insertInto('number_sequences')
    .values({ key, last_value: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ last_value: eb('number_sequences.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export async function nextCaseNumber(
  tx: Database,
  c: { type: CaseType; kleNumber: string; facetCode: string; at?: Date },
  pattern: NumberPattern,
): Promise<string> {
  const year = copenhagenDate(c.at ?? new Date()).slice(0, 4);
  if (pattern === 'kle') {
    const yy = year.slice(2);
    const seq = await nextValue(tx, `kle:${c.kleNumber}-${c.facetCode}-${yy}`);
    return `${c.kleNumber}-${c.facetCode}-${seq}-${yy}`;
  }
  const prefix = TYPE_PREFIX[c.type];
  const seq = await nextValue(tx, `case:${prefix}-${year}`);
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}
