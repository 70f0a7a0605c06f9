/**
 * iCalendar (RFC 5545) feeds of public meetings. Written by hand (no iCalendar library is
 * installed, and the subset we need is small): CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character, TEXT values escaped, local times with TZID=Europe/Copenhagen and
 * the matching VTIMEZONE (EU summer time rules), DTSTAMP and LAST-MODIFIED in UTC.
 */

export interface CalendarEvent {
  uid: string;
  summary: string;
  startsAt: string;
  /** When unknown, the event is given two hours (a meeting's usual length). */
  endsAt: string | null;
  location: string | null;
  url: string;
  description?: string;
  cancelled: boolean;
  /** The last public change (DTSTAMP and LAST-MODIFIED). */
  modifiedAt: string;
  /** Increases with each new publication or a cancellation (RFC 5545 SEQUENCE). */
  sequence: number;
}

export interface Calendar {
  name: string;
  description?: string;
  events: CalendarEvent[];
}

const TZID = 'Europe/Copenhagen';
const DEFAULT_LENGTH_MS = 2 * 3600_000;

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 §3.1): at most 75 octets per line, continuation lines start
 * with one space (which counts towards their 75), never inside a multi-byte UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space takes one octet
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZID,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A UTC instant as Copenhagen local time, `YYYYMMDDTHHMMSS` (for `;TZID=Europe/Copenhagen`). */
export function copenhagenLocal(iso: string | Date): string {
  const parts = Object.fromEntries(local.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

/** A UTC instant as `YYYYMMDDTHHMMSSZ`. */
export function utcStamp(iso: string | Date): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** The whole calendar as text/calendar content. */
export function buildCalendar(calendar: Calendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Samspil//Politiske møder//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${TZID}`,
  ];
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  lines.push(...VTIMEZONE);
  for (const e of calendar.events) {
    const end =
      e.endsAt && Date.parse(e.endsAt) > Date.parse(e.startsAt)
        ? e.endsAt
        : new Date(Date.parse(e.startsAt) + DEFAULT_LENGTH_MS).toISOString();
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.modifiedAt)}`,
      `LAST-MODIFIED:${utcStamp(e.modifiedAt)}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTART;TZID=${TZID}:${copenhagenLocal(e.startsAt)}`,
      `DTEND;TZID=${TZID}:${copenhagenLocal(end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    // URI values are not TEXT: no escaping, but they must not contain line breaks.
    lines.push(
      `URL:${e.url.replace(/[\r\n]/g, '')}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
