import { appendAudit, type AuditActor } from '../audit/service.ts';
import { writeTransaction, type Database } from '../db/index.ts';
import { getSetting, putSetting } from '../db/settings.ts';
import type { MessageKey } from '../i18n/index.ts';
import { DEFAULT_CLOSING_DAYS, type ClosingDay, type ClosingDays } from './workdays.ts';

/**
 * The municipality's closing days as a setting (Administration → Indstillinger), written the way
 * people write dates in Danish: one a line, `24.12` for every year or `2.1.2027` for once, then
 * the day's name if wanted (`24.12 Juleaftensdag`). Stored as JSON under `calendar.closing_days`;
 * without the setting the calendar uses DEFAULT_CLOSING_DAYS.
 */

export const CLOSING_DAYS_SETTING = 'calendar.closing_days';

const LINE = /^(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}))?(?:\s+(.*))?$/;
const MAX_LINES = 100;
const MAX_LABEL = 80;

export async function closingDays(database: Database): Promise<ClosingDays> {
  const raw = await getSetting(database, CLOSING_DAYS_SETTING);
  if (raw === null) return DEFAULT_CLOSING_DAYS;
  const parsed = JSON.parse(raw) as ClosingDay[];
  return Object.freeze(parsed);
}

/** The days as the form shows them, one a line. */
export function closingDaysText(days: ClosingDays): string {
  return days
    .map((d) => {
      const [a, b, c] = d.day.split('-');
      const date = c ? `${Number(c)}.${Number(b)}.${a}` : `${Number(b)}.${Number(a)}`;
      return d.label ? `${date} ${d.label}` : date;
    })
    .join('\n');
}

export type ClosingDaysError = { key: MessageKey; line: number };

/** Reads the form's text; every line must be a real date (29.2 is allowed as a yearly day). */
export function parseClosingDays(
  text: string,
): { ok: true; days: ClosingDay[] } | { ok: false; error: ClosingDaysError } {
  const lines = text.split(/\r?\n/);
  const days: ClosingDay[] = [];
  const seen = new Set<string>();
  let number = 0;
  for (const raw of lines) {
    number++;
    const line = raw.trim();
    if (!line) continue;
    if (days.length >= MAX_LINES) return { ok: false, error: { key: 'settings.error.closingTooMany', line: number } };
    const m = LINE.exec(line);
    if (!m) return { ok: false, error: { key: 'settings.error.closingDate', line: number } };
    const day = Number(m[1]);
    const month = Number(m[2]);
    const year = m[3] ? Number(m[3]) : null;
    if (!realDate(year ?? 2028, month, day))
      return { ok: false, error: { key: 'settings.error.closingDate', line: number } };
    const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const key = year ? `${year}-${mmdd}` : mmdd;
    const label = (m[4] ?? '').trim().slice(0, MAX_LABEL);
    if (seen.has(key)) continue;
    seen.add(key);
    days.push({ day: key, label });
  }
  return { ok: true, days };
}

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 2000 || year > 2200) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export async function setClosingDays(
  database: Database,
  actor: AuditActor,
  text: string,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; error: ClosingDaysError }> {
  const result = parseClosingDays(text);
  if (!result.ok) return result;
  await writeTransaction(database, async (tx) => {
    const before = (await closingDays(tx)).map((d) => d.day);
    await putSetting(tx, CLOSING_DAYS_SETTING, JSON.stringify(result.days));
    await appendAudit(tx, {
      actor,
      action: 'settings.update',
      summary: `Closing days set to ${result.days.map((d) => d.day).join(', ') || 'none'}`,
      details: {
        key: CLOSING_DAYS_SETTING,
        days: result.days.map((d) => d.day),
        before,
        after: result.days.map((d) => d.day),
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}
