import type { PdfLocale } from './types.ts';

/** Dates and times in the PDFs: always Europe/Copenhagen, in the document's language. */

const TIME_ZONE = 'Europe/Copenhagen';
const TAGS: Record<PdfLocale, string> = { da: 'da-DK', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: PdfLocale, kind: 'day' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
        : kind === 'date'
          ? { day: 'numeric', month: 'numeric', year: 'numeric' }
          : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(TAGS[locale], { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

function instant(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`Not an ISO-8601 instant: ${iso}`);
  return d;
}

/** "torsdag den 26. november 2026" / "Thursday, 26 November 2026". */
export function formatDay(iso: string, locale: PdfLocale): string {
  return formatter(locale, 'day').format(instant(iso));
}

/** "26.11.2026" / "26/11/2026". */
export function formatShortDate(iso: string, locale: PdfLocale): string {
  return formatter(locale, 'date').format(instant(iso));
}

/** "16.00" / "16:00". */
export function formatTime(iso: string, locale: PdfLocale): string {
  return formatter(locale, 'time').format(instant(iso));
}

/** "26.11.2026 kl. 16.00" / "26/11/2026, 16:00" (as formatDateTime in src/i18n). */
export function formatDateTime(iso: string, locale: PdfLocale): string {
  const date = formatShortDate(iso, locale);
  const time = formatTime(iso, locale);
  return locale === 'da' ? `${date} kl. ${time}` : `${date}, ${time}`;
}

/** Whether two instants fall on the same Copenhagen calendar day. */
export function sameDay(a: string, b: string): boolean {
  const f = formatter('da', 'date');
  return f.format(instant(a)) === f.format(instant(b));
}
