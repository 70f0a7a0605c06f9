/**
 * Danish person and company numbers.
 *
 * CPR (Det Centrale Personregister): DDMMYY-SSSS. Since 2007 not every CPR number satisfies the
 * old modulus-11 check (CPR-kontoret ran out of such numbers for some birth dates), so a number is
 * validated by its date: a real calendar date, with the century read from the 7th digit as the CPR
 * office specifies, and not in the future.
 *
 * CVR (Det Centrale Virksomhedsregister): 8 digits, first not 0, weighted modulus 11 with the
 * weights 2, 7, 6, 5, 4, 3, 2, 1.
 */

export type CprResult =
  { ok: true; cpr: string; birthDate: string } | { ok: false; reason: 'format' | 'date' | 'future' };

/** The birth year from the two-digit year and the 7th digit (the CPR office's century table). */
export function cprCentury(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy; // 5–8
}

export function validateCpr(input: string, today = new Date()): CprResult {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return { ok: false, reason: 'format' };
  const dd = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const year = cprCentury(yy, Number(digits[6]));
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || dd < 1 || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) {
    return { ok: false, reason: 'date' };
  }
  if (date.getTime() > today.getTime()) return { ok: false, reason: 'future' };
  return {
    ok: true,
    cpr: `${digits.slice(0, 6)}-${digits.slice(6)}`,
    birthDate: date.toISOString().slice(0, 10),
  };
}

/** `DDMMYY-XXXX`: the birth date stays visible, the serial number does not. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace(/\D/g, '');
  return `${digits.slice(0, 6)}-XXXX`;
}

export type CvrResult = { ok: true; cvr: string } | { ok: false; reason: 'format' | 'checksum' };

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

export function validateCvr(input: string): CvrResult {
  const digits = input.replace(/[\s-]/g, '').replace(/^DK/i, '');
  if (!/^[1-9]\d{7}$/.test(digits)) return { ok: false, reason: 'format' };
  const sum = CVR_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  if (sum % 11 !== 0) return { ok: false, reason: 'checksum' };
  return { ok: true, cvr: digits };
}
