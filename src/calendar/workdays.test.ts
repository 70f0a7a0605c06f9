import { describe, expect, it } from 'vitest';
import { danishHolidays, easterSunday, isLateNotice, isWorkingDay, noticeDeadline } from './workdays.ts';
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
    expect(isWorkingDay('2026-06-05')).toBe(false); // Grundlovsdag
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
