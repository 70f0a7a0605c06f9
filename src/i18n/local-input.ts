import { TIME_ZONE } from './index.ts';

/** The conversion between a form's local date-times (Copenhagen) and stored UTC instants. */

const localParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the value of a datetime-local input in Copenhagen time: `2026-12-01T08:00`. */
export function toLocalInput(instant: string | Date): string {
  const parts = Object.fromEntries(localParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * A date-time typed in the form, read as Copenhagen time, to the UTC instant (ISO string); null
 * when it is not a real date-time. Accepts what a datetime-local input sends (`2026-12-01T08:00`),
 * the same with a space, Danish style (`01.12.2026 08.00`), a bare date (midnight), or a full ISO
 * instant with its offset. A time that does not exist (the hour skipped when summer time starts)
 * is read as standard time.
 */
export function fromLocalInput(value: string): string | null {
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2})[:.](\d{2})(?::\d{2})?)?$/.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi] = [Number(m[4]), Number(m[5])];
  } else {
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(?:kl\.\s*)?(\d{1,2})[:.](\d{2}))?$/.exec(s);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi] = [Number(m[4]), Number(m[5])];
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || y < 2000 || y > 2200) return null;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCDate() !== d) return null;
  const wanted = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
  // Copenhagen is UTC+1 in winter and UTC+2 in summer: keep the offset that lands on the wanted time.
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(y, mo - 1, d, h - offset, mi));
    if (toLocalInput(candidate) === wanted) return candidate.toISOString();
  }
  return new Date(Date.UTC(y, mo - 1, d, h - 1, mi)).toISOString();
}
