import { describe, expect, it } from 'vitest';
import { buildCalendar, copenhagenLocal, escapeText, foldLine, utcStamp } from './ical.ts';

describe('iCalendar', () => {
  it('escapes TEXT values (RFC 5545 3.3.11)', () => {
    expect(escapeText('Rådhuset, lokale 2; 1. sal\\nord\nny linje')).toBe(
      'Rådhuset\\, lokale 2\\; 1. sal\\\\nord\\nny linje',
    );
    expect(escapeText('a\r\nb\rc')).toBe('a\\nb\\nc');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'æøå'.repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(Buffer.from(folded).toString('utf8')).not.toContain('\uFFFD');
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes Copenhagen local times in winter and summer, and UTC stamps', () => {
    expect(copenhagenLocal('2026-12-10T15:00:00.000Z')).toBe('20261210T160000');
    expect(copenhagenLocal('2026-06-10T15:00:00.000Z')).toBe('20260610T170000');
    expect(utcStamp('2026-06-10T15:00:05.123Z')).toBe('20260610T150005Z');
  });

  it('builds a calendar with a VTIMEZONE, CRLF line ends and cancelled events', () => {
    const ics = buildCalendar({
      name: 'Møder i Udvalget for Teknik og Miljø',
      events: [
        {
          uid: 'meeting-1@example.org',
          summary: 'Teknik og Miljø: Ordinært møde',
          startsAt: '2026-12-10T15:00:00.000Z',
          endsAt: null,
          location: 'Rådhuset, lokale 2',
          url: 'https://example.org/public/meetings/1',
          cancelled: false,
          modifiedAt: '2026-11-26T08:00:00.000Z',
          sequence: 0,
        },
        {
          uid: 'meeting-2@example.org',
          summary: 'Aflyst møde',
          startsAt: '2026-06-10T15:00:00.000Z',
          endsAt: '2026-06-10T18:30:00.000Z',
          location: null,
          url: 'https://example.org/public/meetings/2',
          cancelled: true,
          modifiedAt: '2026-05-01T08:00:00.000Z',
          sequence: 2,
        },
      ],
    });
    expect(ics.split('\r\n').at(-1)).toBe('');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).toContain('PRODID:-//Samspil//Politiske møder//DA');
    expect(lines).toContain('TZID:Europe/Copenhagen');
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(lines).toContain('DTSTART;TZID=Europe/Copenhagen:20261210T160000');
    // Without an end, two hours.
    expect(lines).toContain('DTEND;TZID=Europe/Copenhagen:20261210T180000');
    expect(lines).toContain('DTEND;TZID=Europe/Copenhagen:20260610T203000');
    expect(lines).toContain('LOCATION:Rådhuset\\, lokale 2');
    expect(lines).toContain('DTSTAMP:20261126T080000Z');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
  });
});
