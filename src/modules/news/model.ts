import type { Selectable } from 'kysely';
import type { NewsTable } from '../../db/schema/news.ts';
import { TIME_ZONE } from '../../i18n/index.ts';

/**
 * What the news module's files share: the row type, the publish-window rule, the reactions, and
 * the conversion between the form's local date-times (Copenhagen) and stored UTC instants.
 */

export type NewsRow = Selectable<NewsTable>;

/** Reactions, in the order they are shown. Labels: `news.reaction.<kind>`. */
export const REACTION_KINDS = ['like', 'heart', 'celebrate', 'thanks'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export function isReactionKind(value: unknown): value is ReactionKind {
  return typeof value === 'string' && (REACTION_KINDS as readonly string[]).includes(value);
}

export type NewsStatus = 'published' | 'scheduled' | 'expired';

/** Published now: the publish time has come and the unpublish time (if any) has not. */
export function newsStatus(row: Pick<NewsRow, 'publish_at' | 'unpublish_at'>, now: Date = new Date()): NewsStatus {
  const at = now.getTime();
  if (Date.parse(row.publish_at) > at) return 'scheduled';
  if (row.unpublish_at && Date.parse(row.unpublish_at) <= at) return 'expired';
  return 'published';
}

export function isPublished(row: Pick<NewsRow, 'publish_at' | 'unpublish_at'>, now: Date = new Date()): boolean {
  return newsStatus(row, now) === 'published';
}

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
