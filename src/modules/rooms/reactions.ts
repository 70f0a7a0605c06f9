import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { LoadedRoom, PostRow, RoomActor } from './access.ts';

/**
 * Reactions on posts: one per person per kind per post, toggled on and off by members. Not
 * notified (quiet by default); audited like every other change.
 */

/** In display order; labels `posts.reaction.<kind>`. */
export const REACTION_KINDS = ['like', 'thanks', 'idea', 'celebrate'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export function isReactionKind(value: unknown): value is ReactionKind {
  return typeof value === 'string' && (REACTION_KINDS as readonly string[]).includes(value);
}

export interface ReactionCount {
  kind: ReactionKind;
  count: number;
  mine: boolean;
}

/** For each post: every kind with its count and whether the viewer chose it. */
export async function reactionSummary(
  database: Database,
  postIds: number[],
  viewerId: string,
): Promise<Map<number, ReactionCount[]>> {
  const out = new Map<number, ReactionCount[]>();
  if (!postIds.length) return out;
  const rows = await database.db
    .selectFrom('post_reactions')
    .select(['post_id', 'kind', 'user_id'])
    .where('post_id', 'in', [...new Set(postIds)])
    .execute();
  const counts = new Map<string, { count: number; mine: boolean }>();
  for (const r of rows) {
    const key = `${r.post_id}:${r.kind}`;
    const c = counts.get(key) ?? { count: 0, mine: false };
    c.count++;
    if (r.user_id === viewerId) c.mine = true;
    counts.set(key, c);
  }
  for (const id of postIds) {
    out.set(
      id,
      REACTION_KINDS.map((kind) => {
        const c = counts.get(`${id}:${kind}`);
        return { kind, count: c?.count ?? 0, mine: c?.mine ?? false };
      }),
    );
  }
  return out;
}

export async function toggleReaction(
  database: Database,
  room: LoadedRoom,
  post: PostRow,
  kind: string,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; added: boolean; kind: ReactionKind } | { ok: false; error: MessageKey }> {
  if (!isReactionKind(kind)) return { ok: false, error: 'posts.error.reaction' };
  if (!room.rights.post) return { ok: false, error: 'posts.error.notMember' };
  return writeTransaction(database, async (tx) => {
    const removed = await tx.db
      .deleteFrom('post_reactions')
      .where('post_id', '=', post.id)
      .where('user_id', '=', actor.id)
      .where('kind', '=', kind)
      .executeTakeFirst();
    const added = Number(removed.numDeletedRows) === 0;
    if (added) {
      await tx.db
        .insertInto('post_reactions')
        .values({ post_id: post.id, user_id: actor.id, kind, created_at: nowIso() })
        .onConflict((oc) => oc.columns(['post_id', 'user_id', 'kind']).doNothing())
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: added ? 'post.react' : 'post.unreact',
      entityType: 'room',
      entityId: room.row.id,
      summary: `${added ? 'Reacted' : 'Withdrew reaction'} "${kind}" on a post in the room "${room.row.name}"`,
      details: { room: room.row.name, post: post.id, reaction: kind },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, added, kind };
  });
}
