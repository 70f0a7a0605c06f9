import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Actor } from '../../policy/index.ts';
import { notify } from '../notifications/index.ts';
import { isReactionKind, REACTION_KINDS, type NewsRow, type ReactionKind } from './model.ts';

/**
 * Comments and reactions on news. Comments are plain text (shown as text, never as HTML).
 * A reaction is one per user per kind per item, toggled on and off. The item's author is
 * notified of comments and reactions from others (never of their own); a reaction's
 * notification has a dedupe key per item, kind and person, so toggling it off and on again
 * does not notify twice.
 */

type Actor_ = Actor & AuditActor;

export const COMMENT_MAX = 5000;

export interface CommentView {
  id: number;
  authorName: string;
  body: string;
  createdAt: string;
}

export async function listComments(database: Database, newsId: number): Promise<CommentView[]> {
  const rows = await database.db
    .selectFrom('news_comments')
    .select(['id', 'author_name', 'body', 'created_at'])
    .where('news_id', '=', newsId)
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, authorName: r.author_name, body: r.body, createdAt: r.created_at }));
}

export async function addComment(
  database: Database,
  row: NewsRow,
  text: string,
  actor: Actor_,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; error: MessageKey }> {
  const body = (text ?? '').replace(/\r\n/g, '\n').trim();
  if (!body) return { ok: false, error: 'news.error.comment' };
  if (body.length > COMMENT_MAX) return { ok: false, error: 'news.error.commentLong' };
  return writeTransaction(database, async (tx) => {
    const { id } = await tx.db
      .insertInto('news_comments')
      .values({ news_id: row.id, author_id: actor.id, author_name: actor.name, body, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'news.comment',
      entityType: 'news',
      entityId: row.id,
      summary: `Commented on news item "${row.title}"`,
      details: { title: row.title, comment: id },
      ip: opts.ip ?? null,
    });
    if (row.author_id && row.author_id !== actor.id) {
      await notify(tx, {
        userId: row.author_id,
        kind: 'news.comment',
        params: { name: actor.name, title: row.title },
        link: `/news/${row.id}#comment-${id}`,
        dedupeKey: `news-comment:${id}`,
      });
    }
    return { ok: true as const, id };
  });
}

export interface ReactionCount {
  kind: ReactionKind;
  count: number;
  /** The viewer has given this reaction. */
  mine: boolean;
}

/** Every kind with its count and whether the viewer chose it, in display order. */
export async function reactionSummary(database: Database, newsId: number, userId: string): Promise<ReactionCount[]> {
  const rows = await database.db
    .selectFrom('news_reactions')
    .select(['kind', 'user_id'])
    .where('news_id', '=', newsId)
    .execute();
  return REACTION_KINDS.map((kind) => ({
    kind,
    count: rows.filter((r) => r.kind === kind).length,
    mine: rows.some((r) => r.kind === kind && r.user_id === userId),
  }));
}

/** Adds the viewer's reaction of this kind, or takes it back when they had given it. */
export async function toggleReaction(
  database: Database,
  row: NewsRow,
  kind: string,
  actor: Actor_,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; added: boolean; kind: ReactionKind } | { ok: false; error: MessageKey }> {
  if (!isReactionKind(kind)) return { ok: false, error: 'news.error.reaction' };
  return writeTransaction(database, async (tx) => {
    const removed = await tx.db
      .deleteFrom('news_reactions')
      .where('news_id', '=', row.id)
      .where('user_id', '=', actor.id)
      .where('kind', '=', kind)
      .executeTakeFirst();
    const added = Number(removed.numDeletedRows) === 0;
    if (added) {
      await tx.db
        .insertInto('news_reactions')
        .values({ news_id: row.id, user_id: actor.id, kind, created_at: nowIso() })
        .onConflict((oc) => oc.columns(['news_id', 'user_id', 'kind']).doNothing())
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: added ? 'news.react' : 'news.unreact',
      entityType: 'news',
      entityId: row.id,
      summary: `${added ? 'Reacted' : 'Withdrew reaction'} "${kind}" on news item "${row.title}"`,
      details: { title: row.title, reaction: kind },
      ip: opts.ip ?? null,
    });
    if (added && row.author_id && row.author_id !== actor.id) {
      await notify(tx, {
        userId: row.author_id,
        kind: `news.reaction.${kind}`,
        params: { name: actor.name, title: row.title },
        link: `/news/${row.id}#reactions`,
        dedupeKey: `news-reaction:${row.id}:${kind}:${actor.id}`,
      });
    }
    return { ok: true as const, added, kind };
  });
}
