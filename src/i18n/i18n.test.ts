import { describe, expect, it } from 'vitest';
import { da } from './da.ts';
import { en } from './en.ts';
import { formatDate, formatDateTime, formatNumber, startOfCopenhagenDay, translator } from './index.ts';

describe('message catalogs', () => {
  it('has every Danish message in English too, with the same placeholders', () => {
    for (const key of Object.keys(da) as Array<keyof typeof da>) {
      expect(en[key], key).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(da[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });

  it('fills placeholders', () => {
    expect(translator('da')('home.greeting', { name: 'Søren' })).toBe('Goddag, Søren');
    expect(translator('en')('home.greeting', { name: 'Søren' })).toBe('Hello, Søren');
  });
});

describe('dates and numbers', () => {
  it('shows UTC instants in Copenhagen time, Danish style', () => {
    expect(formatDateTime('2026-11-26T04:46:00.000Z', 'da')).toBe('26.11.2026 kl. 05.46');
    expect(formatDateTime('2026-07-01T10:00:00.000Z', 'da')).toBe('1.7.2026 kl. 12.00');
    expect(formatDateTime('2026-11-26T04:46:00.000Z', 'en')).toBe('26/11/2026, 05:46');
    expect(formatDate('2026-12-31T23:30:00.000Z', 'da')).toBe('1.1.2027');
    expect(formatNumber(1234567, 'da')).toBe('1.234.567');
  });

  it('finds the UTC start of a Copenhagen day, summer and winter', () => {
    expect(startOfCopenhagenDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfCopenhagenDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfCopenhagenDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});
