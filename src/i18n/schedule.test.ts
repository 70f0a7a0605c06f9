import { describe, expect, it } from 'vitest';
import { describeSchedule } from './schedule.ts';

describe('schedules in words', () => {
  it.each([
    ['*/15 * * * *', 'Hvert 15. minut', 'Every 15 minutes'],
    ['* * * * *', 'Hvert minut', 'Every minute'],
    ['30 2 * * *', 'Hver nat kl. 02.30', 'Every night at 02:30'],
    ['40 3 * * *', 'Hver nat kl. 03.40', 'Every night at 03:40'],
    ['0 7 * * *', 'Hver dag kl. 07.00', 'Every day at 07:00'],
    [
      '5 7-17 * * *',
      'Hver time, 5 minutter over, fra kl. 07.05 til kl. 17.05',
      'Every hour at 5 past, from 07:05 to 17:05',
    ],
    ['0 16 * * 1-5', 'Mandag til fredag kl. 16.00', 'Monday to Friday at 16:00'],
  ])('%s', (expr, da, en) => {
    expect(describeSchedule(expr, 'da')).toBe(da);
    expect(describeSchedule(expr, 'en')).toBe(en);
  });

  it('words other schedules through cronstrue, Danish times the Danish way', () => {
    expect(describeSchedule('0 12 * * 0', 'da')).toBe('Kl. 12.00, hver søndag');
    expect(describeSchedule('0 12 * * 0', 'en')).toBe('At 12:00, only on Sunday');
  });

  it('shows an expression it cannot read as it is', () => {
    expect(describeSchedule('not cron', 'da')).toBe('not cron');
  });
});
