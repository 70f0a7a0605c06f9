import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  danishHolidays,
  DEFAULT_CLOSING_DAYS,
  easterSunday,
  isLateNotice,
  isWorkingDay,
  noticeDeadline,
} from './workdays.ts';
import { closingDaysText, parseClosingDays } from './closing-days.ts';
import { copenhagenInstant } from '../modules/meetings/index.ts';

describe('Danish working days', () => {
  it('finds Easter Sunday for known years', () => {
    expect(['2024', '2025', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });

  it('knows the Easter-based holidays, and that store bededag is gone from 2024', () => {
    const h2026 = danishHolidays(2026);
    expect(h2026.get('2026-04-02')).toBe('maundyThursday');
    expect(h2026.get('2026-04-03')).toBe('goodFriday');
    expect(h2026.get('2026-04-06')).toBe('easterMonday');
    expect(h2026.get('2026-05-14')).toBe('ascension');
    expect(h2026.get('2026-05-25')).toBe('whitMonday');
    expect([...h2026.values()]).not.toContain('greatPrayerDay');
    expect(danishHolidays(2023).get('2023-05-05')).toBe('greatPrayerDay');
  });

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-11-26')).toBe(true); // Thursday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-06-05')).toBe(false); // Grundlovsdag, a default closing day
  });

  // Every public holiday of 2024–2030, written out (Easter dates from an independent
  // implementation, dateutil.easter; the rest from the law's list), and nothing else.
  const HOLIDAYS: Record<number, string[]> = {
    2024: ['01-01', '03-28', '03-29', '03-31', '04-01', '05-09', '05-19', '05-20', '12-25', '12-26'],
    2025: ['01-01', '04-17', '04-18', '04-20', '04-21', '05-29', '06-08', '06-09', '12-25', '12-26'],
    2026: ['01-01', '04-02', '04-03', '04-05', '04-06', '05-14', '05-24', '05-25', '12-25', '12-26'],
    2027: ['01-01', '03-25', '03-26', '03-28', '03-29', '05-06', '05-16', '05-17', '12-25', '12-26'],
    2028: ['01-01', '04-13', '04-14', '04-16', '04-17', '05-25', '06-04', '06-05', '12-25', '12-26'],
    2029: ['01-01', '03-29', '03-30', '04-01', '04-02', '05-10', '05-20', '05-21', '12-25', '12-26'],
    2030: ['01-01', '04-18', '04-19', '04-21', '04-22', '05-30', '06-09', '06-10', '12-25', '12-26'],
  };
  it.each(Object.entries(HOLIDAYS))('knows every public holiday of %s, and no other day', (year, days) => {
    expect([...danishHolidays(Number(year)).keys()].sort()).toEqual(days.map((d) => `${year}-${d}`));
    // Store bededag (the fourth Friday after Easter) is a working day again.
    const easter = easterSunday(Number(year));
    const greatPrayerDay = new Date(`${easter}T12:00:00Z`);
    greatPrayerDay.setUTCDate(greatPrayerDay.getUTCDate() + 26);
    expect(isWorkingDay(greatPrayerDay.toISOString().slice(0, 10), [])).toBe(true);
  });

  it('counts closing days from the setting: every year, or once', () => {
    // Without closing days, 24 and 31 December and 5 June are ordinary weekdays (2027: Friday, Friday, Saturday).
    expect(isWorkingDay('2027-12-24', [])).toBe(true);
    expect(isWorkingDay('2027-12-31', [])).toBe(true);
    expect(isWorkingDay('2027-12-24')).toBe(false);
    expect(DEFAULT_CLOSING_DAYS.map((d) => d.day)).toEqual(['06-05', '12-24', '12-31']);
    const closing = [
      { day: '12-24', label: '' },
      { day: '2027-05-07', label: 'Dagen efter Kristi himmelfart' },
    ];
    expect(isWorkingDay('2027-05-07', closing)).toBe(false);
    expect(isWorkingDay('2028-05-26', closing)).toBe(true); // a one-off date does not repeat
    expect(isWorkingDay('2027-06-04', closing)).toBe(true);
    // Whit Monday 2028 is Constitution Day too: one day, closed either way.
    expect(isWorkingDay('2028-06-05', [])).toBe(false);
  });

  it('adds working days: the day of receipt does not count, nor do weekends, holidays and closing days', () => {
    // Received Monday 7 December 2026: 7 working days is Wednesday 16 December.
    expect(addWorkingDays('2026-12-07', 7)).toBe('2026-12-16');
    // Received Friday 18 December 2026: 24, 25 and 31 December and 1 January are not working days
    // (26 December is a Saturday); without closing days only Christmas Day is.
    expect(addWorkingDays('2026-12-18', 7)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-18', 7, [])).toBe('2026-12-30');
    // Received on Maundy Thursday 2027 (25 March): Easter takes Friday and Monday.
    expect(addWorkingDays('2027-03-25', 7)).toBe('2027-04-07');
    // Received on a Saturday: the count starts on Monday.
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-05', 0)).toBe('2026-12-05');
  });

  it('reads closing days as people write them, and says which line is wrong', () => {
    const parsed = parseClosingDays(
      '5.6 Grundlovsdag\n24.12\n\n31.12. Nytårsaftensdag\n2.1.2027 Broens lukkedag\n24.12',
    );
    expect(parsed).toEqual({
      ok: true,
      days: [
        { day: '06-05', label: 'Grundlovsdag' },
        { day: '12-24', label: '' },
        { day: '12-31', label: 'Nytårsaftensdag' },
        { day: '2027-01-02', label: 'Broens lukkedag' },
      ],
    });
    if (parsed.ok)
      expect(closingDaysText(parsed.days)).toBe(
        '5.6 Grundlovsdag\n24.12\n31.12 Nytårsaftensdag\n2.1.2027 Broens lukkedag',
      );
    expect(parseClosingDays('29.2')).toEqual({ ok: true, days: [{ day: '02-29', label: '' }] });
    expect(parseClosingDays('24.12\n31.2')).toEqual({
      ok: false,
      error: { key: 'settings.error.closingDate', line: 2 },
    });
    expect(parseClosingDays('2027-12-24')).toEqual({
      ok: false,
      error: { key: 'settings.error.closingDate', line: 1 },
    });
    expect(parseClosingDays('29.2.2027')).toEqual({ ok: false, error: { key: 'settings.error.closingDate', line: 1 } });
    expect(parseClosingDays('')).toEqual({ ok: true, days: [] });
  });

  it('counts the notice back in working days', () => {
    // A Thursday meeting: four working days before is the Friday of the week before.
    expect(noticeDeadline('2026-11-26', 4)).toBe('2026-11-20');
    // Across Easter 2026 (Thursday 2 April to Monday 6 April are holidays).
    expect(noticeDeadline('2026-04-09', 4)).toBe('2026-03-31');
    expect(noticeDeadline('2026-12-01', 0)).toBe('2026-12-01');
  });

  it('says whether a publication is late', () => {
    const startsAt = copenhagenInstant('2026-11-26', '19:00')!;
    expect(isLateNotice(startsAt, new Date('2026-11-20T10:00:00Z'), 4)).toEqual({
      late: false,
      deadline: '2026-11-20',
    });
    expect(isLateNotice(startsAt, new Date('2026-11-23T07:00:00Z'), 4).late).toBe(true);
  });

  it('turns Copenhagen wall-clock times into instants across daylight saving', () => {
    expect(copenhagenInstant('2026-01-15', '16:00')).toBe('2026-01-15T15:00:00.000Z');
    expect(copenhagenInstant('2026-07-15', '16:00')).toBe('2026-07-15T14:00:00.000Z');
    expect(copenhagenInstant('2026-03-29', '02:30')).toBeNull(); // does not exist (clocks go forward)
    expect(copenhagenInstant('2026-02-30', '16:00')).toBeNull();
    expect(copenhagenInstant('2026-01-15', '25:00')).toBeNull();
  });
});
