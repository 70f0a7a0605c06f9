import { describe, expect, it } from 'vitest';
import { cprCentury, maskCpr, validateCpr, validateCvr } from './index.ts';

describe('CPR numbers', () => {
  const today = new Date('2026-11-26T12:00:00Z');

  it('accepts real dates in either form and normalises them', () => {
    expect(validateCpr('0101901234', today)).toEqual({ ok: true, cpr: '010190-1234', birthDate: '1990-01-01' });
    expect(validateCpr('29 02 00-4123', today)).toEqual({ ok: true, cpr: '290200-4123', birthDate: '2000-02-29' });
  });

  it('reads the century from the seventh digit', () => {
    expect(cprCentury(36, 4)).toBe(2036);
    expect(cprCentury(37, 4)).toBe(1937);
    expect(cprCentury(57, 5)).toBe(2057);
    expect(cprCentury(58, 8)).toBe(1858);
    expect(cprCentury(99, 2)).toBe(1999);
    expect(cprCentury(10, 9)).toBe(2010);
  });

  it('refuses impossible dates, future births and bad formats', () => {
    expect(validateCpr('3102901234', today)).toEqual({ ok: false, reason: 'date' });
    expect(validateCpr('2902011234', today)).toEqual({ ok: false, reason: 'date' }); // 1901 is no leap year
    expect(validateCpr('0113901234', today)).toEqual({ ok: false, reason: 'date' });
    expect(validateCpr('0101304000', today)).toEqual({ ok: false, reason: 'future' }); // 2030
    expect(validateCpr('01019-1234', today)).toEqual({ ok: false, reason: 'format' });
    expect(validateCpr('abcdefghij', today)).toEqual({ ok: false, reason: 'format' });
  });

  it('does not require the old modulus-11 check (numbers after 2007 may fail it)', () => {
    // 010170-1235 fails modulus 11 but is a valid date: accepted.
    expect(validateCpr('0101701235', today).ok).toBe(true);
  });

  it('masks the serial number', () => {
    expect(maskCpr('010190-1234')).toBe('010190-XXXX');
  });
});

describe('CVR numbers', () => {
  it('checks the weighted modulus 11', () => {
    expect(validateCvr('29403473')).toEqual({ ok: true, cvr: '29403473' }); // 2·2+9·7+4·6+0·5+3·4+4·3+7·2+3·1 = 132 = 11·12
    expect(validateCvr('DK 2940 3473')).toEqual({ ok: true, cvr: '29403473' });
    expect(validateCvr('29403474')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateCvr('09403473')).toEqual({ ok: false, reason: 'format' });
    expect(validateCvr('1234567')).toEqual({ ok: false, reason: 'format' });
  });
});
