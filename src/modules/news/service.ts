import { sql, type ExpressionBuilder } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { markdownToText } from '../../content/markdown.ts';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Actor } from '../../policy/index.ts';
import { formsPattern, ftsQuery, markAll, queryWords, snippetOf, tsQuery } from '../../search/text.ts';
import { audiencesOf, isFor, unitsAbove, type AudienceUnit } from './audience.ts';
import { checkImage, dropPendingImage, findPendingImage, keepPendingImage, type ImageUpload } from './images.ts';
import { fromLocalInput, toLocalInput } from '../../i18n/local-input.ts';
import { newsStatus, type NewsRow, type NewsStatus } from './model.ts';

/**
 * Intranet news: writing and changing items (with an image, an audience, a publish window,
 * pinning and "must read"), the front page's "news for me", the archive and search. Receipts,
 * the must-read report and reminders live in readers.ts; comments and reactions in
 * discussion.ts; both are re-exported here, so other modules use this file only.
 *
 * Rules:
 * - Published = `publish_at <= now < unpublish_at` (no unpublish time: published for good).
 *   Scheduled and unpublished items are seen by editors only (the routes answer 404 to others).
 * - Targeting decides what is pushed to whom, never who may read (see audience.ts): the
 *   archive and search show every published item to everyone.
 * - A "substantial change" (a checkbox when editing) bumps `version`; receipts name the
 *   version read, so earlier receipts no longer count and readers are asked again.
 * - Every change is audited in the transaction that makes it.
 */

export {
  confirmRead,
  readersReport,
  receiptFor,
  remindPending,
  type ReadersReport,
  type ReceiptState,
  type UnitReport,
} from './readers.ts';
export {
  addComment,
  listComments,
  reactionSummary,
  toggleReaction,
  type CommentView,
  type ReactionCount,
} from './discussion.ts';
export { isPublished, newsStatus, REACTION_KINDS, type NewsRow, type NewsStatus, type ReactionKind } from './model.ts';
export { MAX_IMAGE_BYTES, IMAGE_ACCEPT } from './images.ts';

export type NewsActor = Actor & AuditActor;

export interface NewsInput {
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  imageAlt: string;
  /** Org unit ids; none = everyone. */
  audience: string[];
  /** Copenhagen local date-time as typed (datetime-local); '' = now (when creating) or unchanged. */
  publishAt: string;
  unpublishAt: string;
  pinned: boolean;
  mustRead: boolean;
  /** Editing only: bump the version, so readers must confirm again. */
  substantial: boolean;
  /** Editing only. */
  removeImage: boolean;
  /** The token of an image kept from an earlier attempt at this form (see images.ts). */
  pendingImage: string;
}

export type NewsField = 'title' | 'summary' | 'body' | 'image' | 'imageAlt' | 'audience' | 'publishAt' | 'unpublishAt';
export type NewsErrors = Partial<Record<NewsField, MessageKey>>;

export const emptyNewsInput = (over: Partial<NewsInput> = {}): NewsInput => ({
  title: '',
  summary: '',
  body: '',
  imageAlt: '',
  audience: [],
  publishAt: '',
  unpublishAt: '',
  pinned: false,
  mustRead: false,
  substantial: false,
  removeImage: false,
  pendingImage: '',
  ...over,
});

export const LIMITS = { title: 200, summary: 500, body: 100_000, imageAlt: 300 } as const;

const clean = (s: string | undefined) => (s ?? '').trim();

interface Validated {
  title: string;
  summary: string;
  body: string;
  /** The image after saving: a new upload, a pending one, the existing one, or none. */
  image:
    | { kind: 'new'; mime: string; bytes: Buffer }
    | { kind: 'pending'; sha256: string; mime: string; token: string }
    | { kind: 'keep' }
    | { kind: 'none' };
  imageAlt: string | null;
  audience: number[];
  publishAt: string;
  unpublishAt: string | null;
  pinned: boolean;
  mustRead: boolean;
}

type Checked =
  | { ok: true; value: Validated }
  | { ok: false; errors: NewsErrors; keep: { mime: string; bytes: Buffer } | null; pendingToken: string };

async function validate(
  database: Database,
  input: NewsInput,
  upload: ImageUpload | null,
  actor: NewsActor,
  existing?: NewsRow,
): Promise<Checked> {
  const errors: NewsErrors = {};
  const title = clean(input.title);
  if (!title) errors.title = 'news.error.title';
  else if (title.length > LIMITS.title) errors.title = 'news.error.titleLong';
  const summary = clean(input.summary);
  if (!summary) errors.summary = 'news.error.summary';
  else if (summary.length > LIMITS.summary) errors.summary = 'news.error.summaryLong';
  const body = (input.body ?? '').replace(/\r\n/g, '\n').trim();
  if (!body) errors.body = 'news.error.body';
  else if (body.length > LIMITS.body) errors.body = 'news.error.bodyLong';

  let image: Validated['image'] = existing?.image_sha256 && !input.removeImage ? { kind: 'keep' } : { kind: 'none' };
  let keep: { mime: string; bytes: Buffer } | null = null;
  let pendingToken = '';
  if (upload) {
    const checked = await checkImage(upload);
    if (!checked.ok) errors.image = checked.error;
    else {
      image = { kind: 'new', mime: checked.mime, bytes: checked.bytes };
      keep = { mime: checked.mime, bytes: checked.bytes };
    }
  } else if (clean(input.pendingImage)) {
    const pending = await findPendingImage(database, actor.id, clean(input.pendingImage));
    if (pending) {
      image = { kind: 'pending', ...pending, token: clean(input.pendingImage) };
      pendingToken = clean(input.pendingImage);
    }
  }
  const alt = clean(input.imageAlt);
  const hasImage = image.kind !== 'none' || !!errors.image;
  if (hasImage && !alt) errors.imageAlt = 'news.error.imageAlt';
  else if (alt.length > LIMITS.imageAlt) errors.imageAlt = 'news.error.imageAltLong';

  const audienceIds = input.audience.map((a) => toId(a));
  const audience = [...new Set(audienceIds.filter((id): id is number => id !== null))];
  if (audienceIds.some((id) => id === null)) errors.audience = 'news.error.audience';
  else if (audience.length) {
    const found = await database.db.selectFrom('org_units').select('id').where('id', 'in', audience).execute();
    if (found.length !== audience.length) errors.audience = 'news.error.audience';
  }

  // The form shows times to the minute: a time sent back unchanged keeps the stored instant.
  const unchanged = (typed: string, stored: string | null | undefined) =>
    !!stored && clean(typed) === toLocalInput(stored);
  let publishAt: string | null = existing?.publish_at ?? nowIso();
  if (clean(input.publishAt) && !unchanged(input.publishAt, existing?.publish_at)) {
    publishAt = fromLocalInput(input.publishAt);
    if (!publishAt) errors.publishAt = 'news.error.publishAt';
  }
  let unpublishAt: string | null = null;
  if (unchanged(input.unpublishAt, existing?.unpublish_at)) unpublishAt = existing!.unpublish_at;
  else if (clean(input.unpublishAt)) {
    unpublishAt = fromLocalInput(input.unpublishAt);
    if (!unpublishAt) errors.unpublishAt = 'news.error.unpublishAt';
    else if (publishAt && Date.parse(unpublishAt) <= Date.parse(publishAt))
      errors.unpublishAt = 'news.error.unpublishBeforePublish';
  }

  if (Object.keys(errors).length) return { ok: false, errors, keep, pendingToken };
  return {
    ok: true,
    value: {
      title,
      summary,
      body,
      image,
      imageAlt: image.kind === 'none' ? null : alt,
      audience: audience.sort((a, b) => a - b),
      publishAt: publishAt!,
      unpublishAt,
      pinned: input.pinned,
      mustRead: input.mustRead,
    },
  };
}

export type SaveResult =
  | { ok: true; id: number; changed: string[]; version: number }
  | {
      ok: false;
      errors: NewsErrors;
      /** Carry this in the form again (a checked image kept for the next attempt). */ pendingImage: string;
    };

async function failure(
  database: Database,
  blobs: BlobStore,
  actor: NewsActor,
  checked: Extract<Checked, { ok: false }>,
): Promise<SaveResult> {
  let pendingImage = checked.pendingToken;
  if (checked.keep) pendingImage = await keepPendingImage(database, blobs, actor.id, checked.keep);
  return { ok: false, errors: checked.errors, pendingImage };
}

async function storeImage(
  tx: Database,
  blobs: BlobStore,
  v: Validated,
  existing?: NewsRow,
): Promise<{ sha256: string | null; mime: string | null }> {
  switch (v.image.kind) {
    case 'new':
      return { sha256: await blobs.put(tx, v.image.bytes), mime: v.image.mime };
    case 'pending':
      await dropPendingImage(tx, v.image.token);
      return { sha256: v.image.sha256, mime: v.image.mime };
    case 'keep':
      return { sha256: existing!.image_sha256, mime: existing!.image_mime };
    case 'none':
      return { sha256: null, mime: null };
  }
}

export async function createNews(
  database: Database,
  blobs: BlobStore,
  input: NewsInput,
  image: ImageUpload | null,
  actor: NewsActor,
  opts: { ip?: string | null } = {},
): Promise<SaveResult> {
  const checked = await validate(database, input, image, actor);
  if (!checked.ok) return failure(database, blobs, actor, checked);
  const v = checked.value;
  return writeTransaction(database, async (tx) => {
    const now = nowIso();
    const stored = await storeImage(tx, blobs, v);
    const { id } = await tx.db
      .insertInto('news')
      .values({
        title: v.title,
        summary: v.summary,
        body_md: v.body,
        body_text: markdownToText(v.body),
        image_sha256: stored.sha256,
        image_mime: stored.mime,
        image_alt: v.imageAlt,
        publish_at: v.publishAt,
        unpublish_at: v.unpublishAt,
        pinned: v.pinned ? 1 : 0,
        must_read: v.mustRead ? 1 : 0,
        version: 1,
        author_id: actor.id,
        created_at: now,
        updated_at: now,
        updated_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.audience.length)
      await tx.db
        .insertInto('news_audience')
        .values(v.audience.map((unit_id) => ({ news_id: id, unit_id })))
        .execute();
    await appendAudit(tx, {
      actor,
      action: 'news.create',
      entityType: 'news',
      entityId: id,
      summary: `Created news item "${v.title}"`,
      details: {
        title: v.title,
        audience: v.audience,
        publishAt: v.publishAt,
        unpublishAt: v.unpublishAt,
        pinned: v.pinned,
        mustRead: v.mustRead,
        image: stored.sha256,
      },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id, changed: [], version: 1 };
  });
}

/** Changes an item. Returns the fields that changed; `version` is bumped by a substantial change. */
export async function updateNews(
  database: Database,
  blobs: BlobStore,
  row: NewsRow,
  input: NewsInput,
  image: ImageUpload | null,
  actor: NewsActor,
  opts: { ip?: string | null } = {},
): Promise<SaveResult> {
  const checked = await validate(database, input, image, actor, row);
  if (!checked.ok) return failure(database, blobs, actor, checked);
  const v = checked.value;
  const before = (
    await database.db.selectFrom('news_audience').select('unit_id').where('news_id', '=', row.id).execute()
  )
    .map((a) => a.unit_id)
    .sort((a, b) => a - b);
  return writeTransaction(database, async (tx) => {
    const stored = await storeImage(tx, blobs, v, row);
    const after = {
      title: v.title,
      summary: v.summary,
      body_md: v.body,
      image_sha256: stored.sha256,
      image_mime: stored.mime,
      image_alt: v.imageAlt,
      publish_at: v.publishAt,
      unpublish_at: v.unpublishAt,
      pinned: v.pinned ? 1 : 0,
      must_read: v.mustRead ? 1 : 0,
    };
    const changed: string[] = [];
    for (const [k, value] of Object.entries(after)) {
      const old = (row as unknown as Record<string, unknown>)[k];
      const same =
        k.endsWith('_at') && old && value ? Date.parse(String(old)) === Date.parse(String(value)) : old === value;
      if (!same) changed.push(k);
    }
    const sameAudience = before.join() === v.audience.join();
    if (!sameAudience) changed.push('audience');
    const version = input.substantial ? row.version + 1 : row.version;
    if (version !== row.version) changed.push('version');
    if (!changed.length) return { ok: true as const, id: row.id, changed, version };
    await tx.db
      .updateTable('news')
      .set({ ...after, body_text: markdownToText(v.body), version, updated_at: nowIso(), updated_by: actor.id })
      .where('id', '=', row.id)
      .execute();
    if (!sameAudience) {
      await tx.db.deleteFrom('news_audience').where('news_id', '=', row.id).execute();
      if (v.audience.length)
        await tx.db
          .insertInto('news_audience')
          .values(v.audience.map((unit_id) => ({ news_id: row.id, unit_id })))
          .execute();
    }
    await appendAudit(tx, {
      actor,
      action: 'news.update',
      entityType: 'news',
      entityId: row.id,
      summary: `Changed news item "${v.title}": ${changed.join(', ')}`,
      details: {
        title: v.title,
        fields: changed,
        version,
        ...(sameAudience ? {} : { audience: { from: before, to: v.audience } }),
      },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id: row.id, changed, version };
  });
}

export async function getNews(database: Database, id: number): Promise<NewsRow | undefined> {
  if (!toId(id)) return undefined;
  return database.db.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Form values for editing an item. */
export async function inputFromNews(database: Database, row: NewsRow): Promise<NewsInput> {
  const audience = await database.db
    .selectFrom('news_audience')
    .select('unit_id')
    .where('news_id', '=', row.id)
    .execute();
  return emptyNewsInput({
    title: row.title,
    summary: row.summary,
    body: row.body_md,
    imageAlt: row.image_alt ?? '',
    audience: audience.map((a) => String(a.unit_id)),
    publishAt: toLocalInput(row.publish_at),
    unpublishAt: row.unpublish_at ? toLocalInput(row.unpublish_at) : '',
    pinned: !!row.pinned,
    mustRead: !!row.must_read,
  });
}

/** The image's address; the hash in it changes with the image, so browsers may cache it for good. */
export function imageUrl(row: Pick<NewsRow, 'id' | 'image_sha256'>): string | null {
  return row.image_sha256 ? `/news/${row.id}/image?v=${row.image_sha256.slice(0, 16)}` : null;
}

// --- Lists ------------------------------------------------------------------------------------

/** An item as lists and the front page show it. */
export interface NewsCardItem {
  id: number;
  title: string;
  summary: string;
  publishAt: string;
  unpublishAt: string | null;
  status: NewsStatus;
  pinned: boolean;
  mustRead: boolean;
  version: number;
  image: { url: string; alt: string } | null;
  /** Empty = everyone. */
  audience: AudienceUnit[];
  authorName: string | null;
  commentCount: number;
  /** A must-read item for the viewer that they have not confirmed (in its current version). */
  pendingRead: boolean;
  /** The viewer has confirmed the current version. */
  confirmed: boolean;
}

const published = (now: string) => (eb: ExpressionBuilder<DB, 'news'>) =>
  eb.and([
    eb('news.publish_at', '<=', now),
    eb.or([eb('news.unpublish_at', 'is', null), eb('news.unpublish_at', '>', now)]),
  ]);

/** For a user whose units-above are `above`: items for everyone, or for one of those units. */
const targetedAt = (above: readonly number[]) => (eb: ExpressionBuilder<DB, 'news'>) => {
  const everyone = eb.not(
    eb.exists(eb.selectFrom('news_audience as a').select('a.news_id').whereRef('a.news_id', '=', 'news.id')),
  );
  if (!above.length) return everyone;
  return eb.or([
    everyone,
    eb.exists(
      eb
        .selectFrom('news_audience as a')
        .select('a.news_id')
        .whereRef('a.news_id', '=', 'news.id')
        .where('a.unit_id', 'in', [...above]),
    ),
  ]);
};

async function toCards(
  database: Database,
  rows: NewsRow[],
  viewer: { id: string; above: readonly number[] } | null,
  now: Date,
): Promise<NewsCardItem[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const authorIds = [...new Set(rows.flatMap((r) => (r.author_id ? [r.author_id] : [])))];
  const [audiences, comments, authors, receipts] = await Promise.all([
    audiencesOf(database, ids),
    database.db
      .selectFrom('news_comments')
      .select(['news_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('news_id', 'in', ids)
      .groupBy('news_id')
      .execute(),
    authorIds.length
      ? database.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', authorIds).execute()
      : Promise.resolve([]),
    viewer
      ? database.db
          .selectFrom('news_receipts')
          .select(['news_id', 'version'])
          .where('user_id', '=', viewer.id)
          .where('news_id', 'in', ids)
          .execute()
      : Promise.resolve([]),
  ]);
  const commentCount = new Map(comments.map((c) => [c.news_id, Number(c.n)]));
  const authorName = new Map(authors.map((a) => [a.id, a.display_name]));
  return rows.map((r) => {
    const audience = audiences.get(r.id) ?? [];
    const confirmed = receipts.some((x) => x.news_id === r.id && x.version === r.version);
    const url = imageUrl(r);
    return {
      id: r.id,
      title: r.title,
      summary: r.summary,
      publishAt: r.publish_at,
      unpublishAt: r.unpublish_at,
      status: newsStatus(r, now),
      pinned: !!r.pinned,
      mustRead: !!r.must_read,
      version: r.version,
      image: url ? { url, alt: r.image_alt ?? '' } : null,
      audience,
      authorName: r.author_id ? (authorName.get(r.author_id) ?? null) : null,
      commentCount: commentCount.get(r.id) ?? 0,
      pendingRead: !!viewer && !!r.must_read && !confirmed && isFor(audience, viewer.above),
      confirmed,
    };
  });
}

/**
 * The front page's news: published now, for everyone or for the user's unit or a unit above it;
 * pinned items first, then the newest. Each item says whether the user still has to confirm it.
 */
export async function newsForUser(
  database: Database,
  user: Actor,
  opts: { limit?: number; now?: Date } = {},
): Promise<NewsCardItem[]> {
  const now = opts.now ?? new Date();
  const above = await unitsAbove(database, user.orgUnitId);
  const rows = await database.db
    .selectFrom('news')
    .selectAll()
    .where(published(now.toISOString()))
    .where(targetedAt(above))
    .orderBy('pinned', 'desc')
    .orderBy('publish_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 10)
    .execute();
  return toCards(database, rows, { id: user.id, above }, now);
}

/** Published must-read items for the user that they have not confirmed in their current version. */
export async function pendingMustRead(
  database: Database,
  user: Actor,
  opts: { now?: Date } = {},
): Promise<Array<{ id: number; title: string }>> {
  const now = (opts.now ?? new Date()).toISOString();
  const above = await unitsAbove(database, user.orgUnitId);
  return database.db
    .selectFrom('news')
    .select(['news.id', 'news.title'])
    .where('news.must_read', '=', 1)
    .where(published(now))
    .where(targetedAt(above))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('news_receipts as r')
            .select('r.news_id')
            .whereRef('r.news_id', '=', 'news.id')
            .whereRef('r.version', '=', 'news.version')
            .where('r.user_id', '=', user.id),
        ),
      ),
    )
    .orderBy('news.publish_at', 'desc')
    .limit(50)
    .execute();
}

export interface NewsListQuery {
  /** The viewer, for must-read markers. */
  user?: Actor | null;
  /** 'unpublished' (scheduled and expired items) is for editors; the route decides. */
  view?: 'published' | 'unpublished';
  /** Keyset cursor: the last item's publish time and id. */
  after?: { publishAt: string; id: number } | null;
  limit?: number;
  now?: Date;
}

/**
 * The archive: every published item, newest first, whoever it was targeted at (targeting does
 * not restrict reading). Paged by keyset on (publish_at, id).
 */
export async function listNews(
  database: Database,
  q: NewsListQuery = {},
): Promise<{ items: NewsCardItem[]; next: { publishAt: string; id: number } | null }> {
  const now = q.now ?? new Date();
  const nowS = now.toISOString();
  const limit = q.limit ?? 20;
  let query = database.db.selectFrom('news').selectAll();
  query =
    q.view === 'unpublished'
      ? query.where((eb) =>
          eb.or([
            eb('news.publish_at', '>', nowS),
            eb.and([eb('news.unpublish_at', 'is not', null), eb('news.unpublish_at', '<=', nowS)]),
          ]),
        )
      : query.where(published(nowS));
  if (q.after) {
    const { publishAt, id } = q.after;
    query = query.where((eb) =>
      eb.or([
        eb('news.publish_at', '<', publishAt),
        eb.and([eb('news.publish_at', '=', publishAt), eb('news.id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('news.publish_at', 'desc')
    .orderBy('news.id', 'desc')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  const viewer = q.user ? { id: q.user.id, above: await unitsAbove(database, q.user.orgUnitId) } : null;
  const items = await toCards(database, rows, viewer, now);
  const last = rows[rows.length - 1];
  return { items, next: more && last ? { publishAt: last.publish_at, id: last.id } : null };
}

export interface NewsSearchHit {
  id: number;
  /** Title with the matches marked (HL_START/HL_END from the search module; render with <Marked>). */
  title: string;
  /** Text around the first match, marked. */
  snippet: string;
  publishAt: string;
  pinned: boolean;
  mustRead: boolean;
}

/**
 * Full-text search over every published item's title, summary and body text (FTS5 on SQLite,
 * tsvector 'danish' on PostgreSQL). Targeting plays no part: everyone finds every item. User
 * input is reduced to words and never reaches the query syntax (as in the case search).
 */
export async function searchNews(
  database: Database,
  q: string,
  limit = 20,
  opts: { now?: Date } = {},
): Promise<NewsSearchHit[]> {
  const words = queryWords(q);
  if (!words.length) return [];
  const now = (opts.now ?? new Date()).toISOString();
  const max = Math.max(1, Math.min(100, Math.trunc(limit)));
  type Row = {
    id: number;
    title: string;
    summary: string;
    body_text: string;
    publish_at: string;
    pinned: number;
    must_read: number;
  };
  let rows: Row[];
  if (database.dialect === 'sqlite') {
    rows = (
      await sql<Row>`
        select n.id, n.title, n.summary, substr(n.body_text, 1, 20000) as body_text, n.publish_at, n.pinned, n.must_read
        from news_fts join news n on n.id = news_fts.rowid
        where news_fts match ${ftsQuery(words)}
          and n.publish_at <= ${now} and (n.unpublish_at is null or n.unpublish_at > ${now})
        order by bm25(news_fts, 10.0, 4.0, 1.0), n.publish_at desc, n.id desc
        limit ${max}`.execute(database.db)
    ).rows;
  } else {
    rows = (
      await sql<Row>`
        select n.id, n.title, n.summary, left(n.body_text, 20000) as body_text, n.publish_at, n.pinned, n.must_read
        from news n, to_tsquery('danish', ${tsQuery(words)}) as query
        where n.tsv @@ query
          and n.publish_at <= ${now} and (n.unpublish_at is null or n.unpublish_at > ${now})
        order by ts_rank(n.tsv, query) desc, n.publish_at desc, n.id desc
        limit ${max}`.execute(database.db)
    ).rows;
  }
  const pattern = formsPattern(words);
  return rows.map((r) => {
    pattern.lastIndex = 0;
    const inSummary = pattern.test(r.summary);
    return {
      id: Number(r.id),
      title: markAll(r.title, pattern),
      snippet: snippetOf(inSummary ? r.summary : `${r.summary} ${r.body_text}`, pattern, 24),
      publishAt: typeof r.publish_at === 'string' ? r.publish_at : new Date(r.publish_at).toISOString(),
      pinned: !!r.pinned,
      mustRead: !!r.must_read,
    };
  });
}

/** The item's audience and author's name, for its page. */
export async function newsContext(
  database: Database,
  row: NewsRow,
): Promise<{ audience: AudienceUnit[]; authorName: string | null }> {
  const [audiences, author] = await Promise.all([
    audiencesOf(database, [row.id]),
    row.author_id
      ? database.db.selectFrom('users').select('display_name').where('id', '=', row.author_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return { audience: audiences.get(row.id) ?? [], authorName: author?.display_name ?? null };
}

/** Whether the item is for this user (by its audience): the front page shows it, and it asks them to confirm. */
export async function isTargetedAt(database: Database, row: NewsRow, user: Actor): Promise<boolean> {
  const [audiences, above] = await Promise.all([audiencesOf(database, [row.id]), unitsAbove(database, user.orgUnitId)]);
  return isFor(audiences.get(row.id) ?? [], above);
}
