import { da } from './da.ts';
import { en } from './en.ts';

export type MessageKey = keyof typeof da;
export type Catalog = { readonly [K in MessageKey]: string };
export type Locale = 'da' | 'en';
export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

export const LOCALES: readonly Locale[] = ['da', 'en'];
export const DEFAULT_LOCALE: Locale = 'da';
export const TIME_ZONE = 'Europe/Copenhagen';

const catalogs: Record<Locale, Catalog> = { da, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'da' || value === 'en';
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const translators = new Map<Locale, T>();

/** A translator for one locale; cached, so taking one per request costs nothing. */
export function translator(locale: Locale): T {
  let t = translators.get(locale);
  if (!t) {
    const catalog = catalogs[locale];
    t = (key, params) => interpolate(catalog[key] ?? da[key] ?? key, params);
    translators.set(locale, t);
  }
  return t;
}

/** `true` when `key` names a message (for keys built at run time, such as role names). */
export function hasMessage(key: string): key is MessageKey {
  return key in da;
}

const tags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: Locale, kind: 'date' | 'time' | 'long'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { day: 'numeric', month: 'numeric', year: 'numeric' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit' }
          : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
    f = new Intl.DateTimeFormat(tags[locale], { ...options, timeZone: TIME_ZONE });
    formatters.set(key, f);
  }
  return f;
}

/** Instants are stored in UTC and shown in Europe/Copenhagen, in the reader's locale. */
export function formatDateTime(iso: string | Date, locale: Locale): string {
  const d = new Date(iso);
  const date = dateFormatter(locale, 'date').format(d);
  const time = dateFormatter(locale, 'time').format(d);
  return locale === 'da' ? `${date} kl. ${time}` : `${date}, ${time}`;
}
export function formatDate(iso: string | Date, locale: Locale): string {
  return dateFormatter(locale, 'date').format(new Date(iso));
}
export function formatLongDate(iso: string | Date, locale: Locale): string {
  return dateFormatter(locale, 'long').format(new Date(iso));
}

const numberFormatters = new Map<Locale, Intl.NumberFormat>();
export function formatNumber(n: number, locale: Locale): string {
  let f = numberFormatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(tags[locale]);
    numberFormatters.set(locale, f);
  }
  return f.format(n);
}

/** Picks the locale: an explicit choice (cookie), then the user's saved preference, then Danish. */
export function pickLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const c of candidates) if (isLocale(c)) return c;
  return DEFAULT_LOCALE;
}

const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const hour = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/** The calendar date (yyyy-mm-dd) in Copenhagen for an instant. */
export function copenhagenDate(instant: Date): string {
  return ymd.format(instant);
}

/** The UTC instant at which a Copenhagen calendar date (yyyy-mm-dd) begins. */
export function startOfCopenhagenDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Try both possible offsets (CET +1, CEST +2) and keep the one that lands on local midnight.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, -offsetHours));
    const parts = hour.format(candidate);
    if (parts === '00' && copenhagenDate(candidate) === date) return candidate;
  }
  return new Date(Date.UTC(y, m - 1, d));
}

/** The calendar day after a yyyy-mm-dd date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
