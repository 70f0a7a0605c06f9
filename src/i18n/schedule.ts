import type cronstrueTypes from 'cronstrue';
// The build with every locale (Danish too). Its own type declarations do not resolve under
// NodeNext, so it is typed as the main build, which has the same API.
import cronstrueAllLocales from 'cronstrue/i18n.js';

const cronstrue = cronstrueAllLocales as unknown as typeof cronstrueTypes;
import type { Locale } from './index.ts';

/**
 * A cron expression in words ("Hver nat kl. 02.30", "Every 15 minutes"). The schedules we use
 * are worded by us (cronstrue says "Kl 02:30" and "At 02:30", leaving out that it is every day,
 * and writes Danish times with a colon); anything else goes to cronstrue in the reader's
 * language, with Danish times written the Danish way.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const FIELD = /^\d{1,2}$/;

function clock(hour: number, minute: number, locale: Locale): string {
  return locale === 'da' ? `${pad(hour)}.${pad(minute)}` : `${pad(hour)}:${pad(minute)}`;
}

function ours(expr: string, locale: Locale): string | null {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [min, hour, dom, month, dow] = parts as [string, string, string, string, string];
  const everyDay = dom === '*' && month === '*' && dow === '*';
  const da = locale === 'da';
  if (everyDay && FIELD.test(min) && FIELD.test(hour)) {
    // Daily at a fixed time: at night (before 06) or in the day.
    const at = clock(Number(hour), Number(min), locale);
    if (Number(hour) < 6) return da ? `Hver nat kl. ${at}` : `Every night at ${at}`;
    return da ? `Hver dag kl. ${at}` : `Every day at ${at}`;
  }
  const range = /^(\d{1,2})-(\d{1,2})$/.exec(hour);
  if (everyDay && FIELD.test(min) && range) {
    // Hourly within working hours: "5 7-17 * * *".
    const first = clock(Number(range[1]), Number(min), locale);
    const last = clock(Number(range[2]), Number(min), locale);
    return da
      ? `Hver time, ${Number(min)} minutter over, fra kl. ${first} til kl. ${last}`
      : `Every hour at ${Number(min)} past, from ${first} to ${last}`;
  }
  if (dom === '*' && month === '*' && dow === '1-5' && FIELD.test(min) && FIELD.test(hour)) {
    const at = clock(Number(hour), Number(min), locale);
    return da ? `Mandag til fredag kl. ${at}` : `Monday to Friday at ${at}`;
  }
  return null;
}

export function describeSchedule(expr: string, locale: Locale): string {
  const own = ours(expr, locale);
  if (own) return own;
  try {
    const text = cronstrue.toString(expr, { locale, use24HourTimeFormat: true, verbose: false });
    if (locale !== 'da') return text;
    // Danish: "kl." with a full stop, 02.30 rather than 02:30, "hver søndag" rather than "på enhver søndag".
    return text
      .replace(/\b([Kk])l\.? (?=\d)/g, '$1l. ')
      .replace(/(\d{2}):(\d{2})/g, '$1.$2')
      .replace(/\bpå enhver /g, 'hver ');
  } catch {
    return expr;
  }
}
