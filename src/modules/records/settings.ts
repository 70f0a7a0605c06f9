import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/index.ts';
import { putSetting } from '../../db/settings.ts';

/**
 * The records settings (the `settings` table; changed on Administration → Arkiv og kassation):
 *
 * - `records.archive_grace_days`: how long a closed case stays closed (and can be reopened)
 *   before the nightly archive job archives it.
 * - `records.period_years` and `records.period_first_year`: the archival periods, e.g. five-year
 *   periods from 2016 (2016–2020, 2021–2025, …). A case belongs to the period it was closed in.
 * - `records.archive_code`: the archive's code in AVID.<ARCHIVE>.<NO>.<PART> (bilag 2: two to four
 *   capital letters, e.g. SA for Rigsarkivet, or a municipal archive's own).
 */
export interface RecordsSettings {
  archiveGraceDays: number;
  periodYears: number;
  periodFirstYear: number;
  archiveCode: string;
}

export const RECORDS_SETTINGS = {
  archiveGraceDays: 'records.archive_grace_days',
  periodYears: 'records.period_years',
  periodFirstYear: 'records.period_first_year',
  archiveCode: 'records.archive_code',
} as const;

export const DEFAULT_RECORDS_SETTINGS: RecordsSettings = Object.freeze({
  archiveGraceDays: 90,
  periodYears: 5,
  periodFirstYear: 2016,
  archiveCode: 'SA',
});

export const ARCHIVE_CODE = /^[A-ZÆØÅ]{2,4}$/;

export async function recordsSettings(database: Database): Promise<RecordsSettings> {
  const rows = await database.db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(RECORDS_SETTINGS))
    .execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const int = (key: string, fallback: number) => {
    const n = Number(value(key));
    return Number.isInteger(n) && value(key) !== undefined ? n : fallback;
  };
  const code = value(RECORDS_SETTINGS.archiveCode);
  return {
    archiveGraceDays: int(RECORDS_SETTINGS.archiveGraceDays, DEFAULT_RECORDS_SETTINGS.archiveGraceDays),
    periodYears: int(RECORDS_SETTINGS.periodYears, DEFAULT_RECORDS_SETTINGS.periodYears),
    periodFirstYear: int(RECORDS_SETTINGS.periodFirstYear, DEFAULT_RECORDS_SETTINGS.periodFirstYear),
    archiveCode: code && ARCHIVE_CODE.test(code) ? code : DEFAULT_RECORDS_SETTINGS.archiveCode,
  };
}

export async function putRecordsSettings(database: Database, s: RecordsSettings): Promise<void> {
  await putSetting(database, RECORDS_SETTINGS.archiveGraceDays, String(s.archiveGraceDays));
  await putSetting(database, RECORDS_SETTINGS.periodYears, String(s.periodYears));
  await putSetting(database, RECORDS_SETTINGS.periodFirstYear, String(s.periodFirstYear));
  await putSetting(database, RECORDS_SETTINGS.archiveCode, s.archiveCode);
}

export interface ArchivalPeriod {
  /** yyyy-mm-dd, inclusive. */
  start: string;
  /** yyyy-mm-dd, inclusive. */
  end: string;
}

/** The archival period a date (yyyy-mm-dd, Copenhagen) falls in. */
export function periodOf(date: string, s: Pick<RecordsSettings, 'periodYears' | 'periodFirstYear'>): ArchivalPeriod {
  const year = Number(date.slice(0, 4));
  const n = Math.max(1, s.periodYears);
  const first = s.periodFirstYear + Math.floor((year - s.periodFirstYear) / n) * n;
  return { start: `${first}-01-01`, end: `${first + n - 1}-12-31` };
}

/** The National Archives' standard schemas the app carries (see standard/README.md). */
export const STANDARD_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'standard');

/** The schemas an archival version's Schemas/standard/ holds (bilag 2; researchIndex only when used). */
export const STANDARD_SCHEMAS = [
  'archiveIndex.xsd',
  'contextDocumentationIndex.xsd',
  'docIndex.xsd',
  'fileIndex.xsd',
  'tableIndex.xsd',
  'XMLSchema.xsd',
] as const;
