import { audit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { toInt } from '../../db/sql.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { ARCHIVE_CODE, putRecordsSettings, recordsSettings, type RecordsSettings } from './settings.ts';

/** The records settings form's fields, as typed. */
export interface RecordsSettingsInput {
  archiveGraceDays: string;
  periodYears: string;
  periodFirstYear: string;
  archiveCode: string;
}

export type RecordsSettingsErrors = Partial<Record<keyof RecordsSettingsInput, MessageKey>>;

export const settingsInput = (s: RecordsSettings): RecordsSettingsInput => ({
  archiveGraceDays: String(s.archiveGraceDays),
  periodYears: String(s.periodYears),
  periodFirstYear: String(s.periodFirstYear),
  archiveCode: s.archiveCode,
});

/** Checks the form: whole numbers in sensible ranges, and an archive code of two to four capitals. */
export function parseRecordsSettings(
  input: RecordsSettingsInput,
): { ok: true; value: RecordsSettings } | { ok: false; errors: RecordsSettingsErrors } {
  const errors: RecordsSettingsErrors = {};
  const grace = toInt(input.archiveGraceDays, 0, 3650);
  if (grace === null) errors.archiveGraceDays = 'records.settings.error.graceDays';
  const years = toInt(input.periodYears, 1, 30);
  if (years === null) errors.periodYears = 'records.settings.error.periodYears';
  const first = toInt(input.periodFirstYear, 1900, 2200);
  if (first === null) errors.periodFirstYear = 'records.settings.error.periodFirstYear';
  const code = input.archiveCode.trim().toUpperCase();
  if (!ARCHIVE_CODE.test(code)) errors.archiveCode = 'records.settings.error.archiveCode';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: { archiveGraceDays: grace!, periodYears: years!, periodFirstYear: first!, archiveCode: code },
  };
}

/** Saves the settings after checking them; the change is audit-logged with the values before and after. */
export async function saveRecordsSettings(
  database: Database,
  actor: AuditActor,
  input: RecordsSettingsInput,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; errors: RecordsSettingsErrors }> {
  const parsed = parseRecordsSettings(input);
  if (!parsed.ok) return parsed;
  const before = await recordsSettings(database);
  await putRecordsSettings(database, parsed.value);
  await audit(database, {
    actor,
    action: 'records.settings',
    entityType: 'settings',
    entityId: 'records',
    summary: 'Changed the records settings',
    details: { before, after: parsed.value },
    ip: opts.ip ?? null,
  });
  return { ok: true };
}
