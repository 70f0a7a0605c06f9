import { formatDate, hasMessage, translator, type Locale } from '../../i18n/index.ts';

/** The notification kinds and how they read: no database, so views may use them. */

/** Known kinds and their defaults. Modules add theirs here. */
export const KINDS: Record<string, { email: 'immediate' | 'digest' | 'off' }> = {
  'deadline.reminder': { email: 'immediate' },
  'accessRequest.deadline': { email: 'immediate' },
  'accessRequest.overdue': { email: 'immediate' },
  'news.comment': { email: 'digest' },
  'news.reaction': { email: 'off' },
  'news.mustread': { email: 'immediate' },
  'page.review': { email: 'immediate' },
  'room.mention': { email: 'immediate' },
  'room.reply': { email: 'digest' },
  'room.invitation': { email: 'immediate' },
  'room.request': { email: 'immediate' },
  'room.post': { email: 'digest' },
  'room.answer': { email: 'immediate' },
  'room.approved': { email: 'immediate' },
  'meeting.published': { email: 'immediate' },
  'meeting.minutes': { email: 'immediate' },
  'meeting.cancelled': { email: 'immediate' },
  'letter.failed': { email: 'immediate' },
  /** The daily digest itself: on by default. */
  digest: { email: 'digest' },
};

export function describe(kind: string, params: Record<string, string | number>, locale: Locale, count = 1): string {
  const t = translator(locale);
  // Calendar dates in parameters are shown the reader's way. `note` is an optional trailing
  // remark (e.g. a new agenda version's change note); rows stored before it existed lack it.
  params = Object.fromEntries(
    Object.entries({ note: '', ...params }).map(([k, v]) => [
      k,
      typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(`${v}T12:00:00Z`, locale) : v,
    ]),
  );
  const key = `notifications.kind.${kind}`;
  const text = hasMessage(key) ? t(key, params) : kind;
  return count > 1 ? `${text} ${t('notifications.more', { count: count - 1 })}` : text;
}
