import type { Selectable } from 'kysely';
import type { NewsTable } from '../../db/schema/news.ts';

/**
 * What the news module's files share: the row type, the publish-window rule, the reactions, and
 * (the form's local date-times are converted by src/i18n/local-input.ts).
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
