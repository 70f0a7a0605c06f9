import { copenhagenDate } from '../i18n/index.ts';

/**
 * The platform's one working-day calendar: Monday to Friday except the Danish public holidays
 * (helligdage) and the municipality's own closing days. Every deadline in working days counts
 * with it — the agenda's notice before a meeting, and the 7 working days of an access request
 * (Offentlighedsloven § 36, stk. 2).
 *
 * - Public holidays are computed, not listed, so every year works: the fixed days (nytårsdag,
 *   juledag, 2. juledag) and the Easter-based ones (skærtorsdag, langfredag, påskedag,
 *   2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag). Store bededag is no longer a
 *   holiday from 2024 (lov nr. 1 af 2023).
 * - Closing days (`ClosingDays`) are the municipality's choice, kept as a setting
 *   (src/calendar/closing-days.ts, Administration → Indstillinger): days of every year (by
 *   default grundlovsdag 5 June, juleaftensdag and nytårsaftensdag, which are not public holidays
 *   but on which most municipal offices close) and single dates (a bridge day, a move).
 */

/** Easter Sunday (Gregorian calendar; the anonymous algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** yyyy-mm-dd plus n calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export type HolidayKey =
  | 'newYear'
  | 'maundyThursday'
  | 'goodFriday'
  | 'easterSunday'
  | 'easterMonday'
  | 'greatPrayerDay'
  | 'ascension'
  | 'whitSunday'
  | 'whitMonday'
  | 'christmasDay'
  | 'boxingDay';

const holidayCache = new Map<number, Map<string, HolidayKey>>();

/** The year's public holidays, date → which day it is. */
export function danishHolidays(year: number): Map<string, HolidayKey> {
  let days = holidayCache.get(year);
  if (days) return days;
  const easter = easterSunday(year);
  const list: Array<[string, HolidayKey]> = [
    [`${year}-01-01`, 'newYear'],
    [addDays(easter, -3), 'maundyThursday'],
    [addDays(easter, -2), 'goodFriday'],
    [easter, 'easterSunday'],
    [addDays(easter, 1), 'easterMonday'],
    [addDays(easter, 39), 'ascension'],
    [addDays(easter, 49), 'whitSunday'],
    [addDays(easter, 50), 'whitMonday'],
    [`${year}-12-25`, 'christmasDay'],
    [`${year}-12-26`, 'boxingDay'],
  ];
  // Store bededag (the fourth Friday after Easter) was abolished as a holiday from 2024.
  if (year < 2024) list.push([addDays(easter, 26), 'greatPrayerDay']);
  days = new Map(list);
  holidayCache.set(year, days);
  return days;
}

/** A closing day: every year on a month and day, or once on a date; with the name the admin gave it. */
export interface ClosingDay {
  /** `MM-DD` (every year) or `YYYY-MM-DD` (once). */
  day: string;
  label: string;
}

export type ClosingDays = readonly ClosingDay[];

/** What a new installation closes on: grundlovsdag, juleaftensdag and nytårsaftensdag. */
export const DEFAULT_CLOSING_DAYS: ClosingDays = Object.freeze([
  { day: '06-05', label: 'Grundlovsdag' },
  { day: '12-24', label: 'Juleaftensdag' },
  { day: '12-31', label: 'Nytårsaftensdag' },
]);

function isClosed(date: string, closing: ClosingDays): boolean {
  const monthDay = date.slice(5);
  return closing.some((c) => c.day === date || c.day === monthDay);
}

/** Monday to Friday, not a public holiday and not one of the closing days. */
export function isWorkingDay(date: string, closing: ClosingDays = DEFAULT_CLOSING_DAYS): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (danishHolidays(Number(date.slice(0, 4))).has(date)) return false;
  return !isClosed(date, closing);
}

/**
 * The day `n` working days after `date` (n ≥ 0): the deadline of something received on `date`
 * with n working days to answer. The day of receipt does not count (so 7 working days from a
 * Monday is the Wednesday of the week after), and a deadline never falls on a non-working day.
 */
export function addWorkingDays(date: string, n: number, closing: ClosingDays = DEFAULT_CLOSING_DAYS): string {
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day, closing)) counted++;
  }
  return day;
}

/**
 * The last day an agenda may be published for a meeting on `meetingDate` when the rule is
 * "`days` working days before the meeting": counting back from the day before the meeting,
 * the `days`-th working day. (4 working days before a Thursday meeting is the Friday before.)
 */
export function noticeDeadline(meetingDate: string, days: number, closing: ClosingDays = DEFAULT_CLOSING_DAYS): string {
  let date = meetingDate;
  let counted = 0;
  while (counted < days) {
    date = addDays(date, -1);
    if (isWorkingDay(date, closing)) counted++;
  }
  return date;
}

/** Whether publishing at `at` is later than the rule for a meeting starting at `startsAt`. */
export function isLateNotice(
  startsAt: string,
  at: Date,
  days: number,
  closing: ClosingDays = DEFAULT_CLOSING_DAYS,
): { late: boolean; deadline: string } {
  const deadline = noticeDeadline(copenhagenDate(new Date(startsAt)), days, closing);
  return { late: copenhagenDate(at) > deadline, deadline };
}
