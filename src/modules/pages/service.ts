import { sql } from 'kysely';
import { toId } from '../../db/sql.ts';
import { diffLines, diffWords, type ChangeObject } from 'diff';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { renderMarkdown, markdownToText } from '../../content/markdown.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, writeTransaction } from '../../db/index.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import type { Actor } from '../../policy/index.ts';
import { formsPattern, ftsQuery, markAll, queryWords, snippetOf, tsQuery } from '../../search/text.ts';

/**
 * Knowledge pages: a tree of guides, policies and how-tos, each with an owner and a review date.
 * Every change of title or text is a new revision (append-only; nothing is written when nothing
 * changed); the links in the current revision to other pages are kept for "pages that link here";
 * a page is archived, never deleted. Every change is audited in the same transaction.
 */

export const MAX_TITLE = 200;
export const MAX_BODY = 100_000;
export const MAX_NOTE = 500;

export type PageActor = Actor & AuditActor;

export interface PageInput {
  title: string;
  body: string;
  /** '' for a top-level page. */
  parentId: string;
  ownerUsername: string;
  /** yyyy-mm-dd or ''. */
  reviewBy: string;
  sortOrder: string;
  /** What changed, in a few words (kept with the revision). */
  note: string;
  /** The revision the editor started from (edit only), to catch overlapping edits. */
  baseRevision: string;
}

export type PageField = keyof PageInput;
export type PageErrors = Partial<Record<PageField, MessageKey>>;

export const emptyPageInput = (over: Partial<PageInput> = {}): PageInput => ({
  title: '',
  body: '',
  parentId: '',
  ownerUsername: '',
  reviewBy: '',
  sortOrder: '',
  note: '',
  baseRevision: '',
  ...over,
});

export interface PageRow {
  id: number;
  parent_id: number | null;
  title: string;
  owner_id: string | null;
  review_by: string | null;
  current_revision: number;
  sort_order: number;
  archived: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

const PAGE_COLUMNS = [
  'pages.id',
  'pages.parent_id',
  'pages.title',
  'pages.owner_id',
  'pages.review_by',
  'pages.current_revision',
  'pages.sort_order',
  'pages.archived',
  'pages.archived_at',
  'pages.created_at',
  'pages.updated_at',
] as const;

// --- Small helpers -------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written yyyy-mm-dd. */
export function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A yyyy-mm-dd date `days` days later (or earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One line of text: no control characters, single spaces, trimmed. */
function cleanLine(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Markdown as stored: Unix line ends, no trailing whitespace at the end, no leading blank lines,
 * no control characters other than tab and newline. Textareas send CRLF; without this a page
 * saved unchanged from a browser would look changed.
 */
export function normaliseBody(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/\s+$/, '');
}

/** The ids of other pages the Markdown links to (`/pages/<id>`), as rendered (so only real links count). */
export function linkedPageIds(bodyMd: string, selfId?: number): number[] {
  const html = renderMarkdown(bodyMd);
  const ids = new Set<number>();
  for (const m of html.matchAll(/href="\/pages\/(\d+)(?:[/?#][^"]*)?"/g)) {
    const id = toId(m[1]);
    if (id && id !== selfId) ids.add(id);
  }
  return [...ids];
}

/** When a page's review falls: none set, later, within 30 days, today, or past. */
export type ReviewState = 'none' | 'later' | 'soon' | 'due' | 'overdue';

/**
 * The review rule: the owner is reminded on the review date (and on any later day until it has
 * been done, should the job have been down); the page shows "overdue" from the day after.
 */
export function reviewState(reviewBy: string | null, today: string): ReviewState {
  if (!reviewBy) return 'none';
  if (reviewBy < today) return 'overdue';
  if (reviewBy === today) return 'due';
  return reviewBy <= addDays(today, 30) ? 'soon' : 'later';
}

/** The review is due (the owner gets reminded) when its date has come. */
export function isReviewDue(reviewBy: string | null, today: string): boolean {
  return !!reviewBy && reviewBy <= today;
}

// --- The tree ------------------------------------------------------------------------------------

export interface PageNode {
  id: number;
  parentId: number | null;
  title: string;
  sortOrder: number;
  ownerId: string | null;
  reviewBy: string | null;
  archived: boolean;
  /** Live (not archived) children, in order. */
  children: PageNode[];
}

export interface PageTree {
  /** Live top-level pages, in order. */
  roots: PageNode[];
  /** Every page, archived ones too. */
  byId: Map<number, PageNode>;
}

const collator = new Intl.Collator('da');
const byOrder = (a: PageNode, b: PageNode) =>
  a.sortOrder - b.sortOrder || collator.compare(a.title, b.title) || a.id - b.id;

/** Every page in one query, assembled into the tree here. */
export async function loadTree(database: Database): Promise<PageTree> {
  const rows = await database.db
    .selectFrom('pages')
    .select(['id', 'parent_id', 'title', 'sort_order', 'owner_id', 'review_by', 'archived'])
    .execute();
  const byId = new Map<number, PageNode>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      parentId: r.parent_id,
      title: r.title,
      sortOrder: r.sort_order,
      ownerId: r.owner_id,
      reviewBy: r.review_by,
      archived: !!r.archived,
      children: [],
    });
  }
  const roots: PageNode[] = [];
  for (const node of byId.values()) {
    if (node.archived) continue;
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    // A live page under a missing or archived parent is shown at the top rather than lost.
    if (parent && !parent.archived) parent.children.push(node);
    else roots.push(node);
  }
  roots.sort(byOrder);
  for (const node of byId.values()) node.children.sort(byOrder);
  return { roots, byId };
}

/** The page's ancestors, top-level first (not the page itself). Stops on a cycle in bad data. */
export function ancestorsIn(tree: PageTree, id: number): PageNode[] {
  const out: PageNode[] = [];
  const seen = new Set<number>([id]);
  let parentId = tree.byId.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = tree.byId.get(parentId);
    if (!parent) break;
    out.unshift(parent);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return out;
}

/** The ids of every page below `id` (archived ones too). */
export function descendantIdsIn(tree: PageTree, id: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const n of tree.byId.values()) {
    if (n.parentId !== null) childrenOf.set(n.parentId, [...(childrenOf.get(n.parentId) ?? []), n.id]);
  }
  const out = new Set<number>();
  const stack = [...(childrenOf.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next) || next === id) continue;
    out.add(next);
    stack.push(...(childrenOf.get(next) ?? []));
  }
  return out;
}

/** The live tree as a list in reading order, with each page's depth (for indented selects). */
export function flattenTree(tree: PageTree): Array<{ node: PageNode; depth: number }> {
  const out: Array<{ node: PageNode; depth: number }> = [];
  const walk = (nodes: PageNode[], depth: number) => {
    for (const n of nodes) {
      out.push({ node: n, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(tree.roots, 0);
  return out;
}

/** Breadcrumbs: the page's ancestors, top-level first. */
export async function breadcrumbs(database: Database, pageId: number): Promise<Array<{ id: number; title: string }>> {
  const tree = await loadTree(database);
  return ancestorsIn(tree, pageId).map((n) => ({ id: n.id, title: n.title }));
}

// --- Reading -------------------------------------------------------------------------------------

export interface PageView extends PageRow {
  body_md: string;
  owner_name: string | null;
  owner_username: string | null;
  /** Who made the current revision, and when. */
  changed_by: string;
  changed_at: string;
}

/** A page with its current text, owner and last change; undefined when there is no such page. */
export async function getPage(database: Database, id: number): Promise<PageView | undefined> {
  if (!toId(id)) return undefined;
  return database.db
    .selectFrom('pages')
    .innerJoin('page_revisions as r', (j) =>
      j.onRef('r.page_id', '=', 'pages.id').onRef('r.revision', '=', 'pages.current_revision'),
    )
    .leftJoin('users as o', 'o.id', 'pages.owner_id')
    .select([
      ...PAGE_COLUMNS,
      'r.body_md',
      'r.author_name as changed_by',
      'r.created_at as changed_at',
      'o.display_name as owner_name',
      'o.username as owner_username',
    ])
    .where('pages.id', '=', id)
    .executeTakeFirst();
}

/** Live child pages, in order. */
export async function children(database: Database, pageId: number): Promise<Array<{ id: number; title: string }>> {
  const rows = await database.db
    .selectFrom('pages')
    .select(['id', 'title', 'sort_order'])
    .where('parent_id', '=', pageId)
    .where('archived', '=', 0)
    .execute();
  return rows
    .sort((a, b) => a.sort_order - b.sort_order || collator.compare(a.title, b.title) || a.id - b.id)
    .map((r) => ({ id: r.id, title: r.title }));
}

/** Live pages whose current text links to this page ("Sider der linker hertil"). */
export async function backlinks(database: Database, pageId: number): Promise<Array<{ id: number; title: string }>> {
  const rows = await database.db
    .selectFrom('page_links')
    .innerJoin('pages', 'pages.id', 'page_links.from_page_id')
    .select(['pages.id', 'pages.title'])
    .where('page_links.to_page_id', '=', pageId)
    .where('pages.archived', '=', 0)
    .execute();
  return rows.sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
}

export interface RevisionSummary {
  revision: number;
  title: string;
  author_name: string;
  note: string | null;
  created_at: string;
}

/** Every revision of a page, newest first (without the texts). */
export function history(database: Database, pageId: number): Promise<RevisionSummary[]> {
  return database.db
    .selectFrom('page_revisions')
    .select(['revision', 'title', 'author_name', 'note', 'created_at'])
    .where('page_id', '=', pageId)
    .orderBy('revision', 'desc')
    .execute();
}

export function getRevision(database: Database, pageId: number, revision: number) {
  if (!toId(revision)) return Promise.resolve(undefined);
  return database.db
    .selectFrom('page_revisions')
    .select(['revision', 'title', 'body_md', 'author_name', 'note', 'created_at'])
    .where('page_id', '=', pageId)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

/** The pages an owner should review now (review date come), oldest date first. */
export async function pagesDueForReview(database: Database, ownerId: string, today: string) {
  return database.db
    .selectFrom('pages')
    .select(['id', 'title', 'review_by'])
    .where('owner_id', '=', ownerId)
    .where('archived', '=', 0)
    .where('review_by', '<=', today)
    .orderBy('review_by')
    .orderBy('id')
    .limit(100)
    .execute() as Promise<Array<{ id: number; title: string; review_by: string }>>;
}

/** Archived pages, most recently archived first. */
export function archivedPages(database: Database, limit = 200) {
  return database.db
    .selectFrom('pages')
    .select(['id', 'title', 'archived_at'])
    .where('archived', '=', 1)
    .orderBy('archived_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Form values for editing a page (optionally starting from an older revision's text). */
export async function inputFromPage(
  database: Database,
  page: PageView,
  from?: { title: string; body_md: string },
): Promise<PageInput> {
  return emptyPageInput({
    title: from?.title ?? page.title,
    body: from?.body_md ?? page.body_md,
    parentId: page.parent_id === null ? '' : String(page.parent_id),
    ownerUsername: page.owner_username ?? '',
    reviewBy: page.review_by ?? '',
    sortOrder: page.sort_order ? String(page.sort_order) : '',
    baseRevision: String(page.current_revision),
  });
}

// --- Validation ----------------------------------------------------------------------------------

interface Validated {
  title: string;
  body: string;
  parentId: number | null;
  ownerId: string;
  reviewBy: string | null;
  sortOrder: number;
  note: string | null;
}

async function validate(
  database: Database,
  input: PageInput,
  mode: 'create' | 'update',
  existing?: PageView,
  today = copenhagenDate(new Date()),
): Promise<{ ok: true; value: Validated; tree: PageTree } | { ok: false; errors: PageErrors }> {
  const errors: PageErrors = {};
  const title = cleanLine(input.title);
  if (!title) errors.title = 'pages.error.title';
  else if (title.length > MAX_TITLE) errors.title = 'pages.error.titleLong';

  const body = normaliseBody(input.body);
  if (body.length > MAX_BODY) errors.body = 'pages.error.bodyLong';

  const tree = await loadTree(database);
  let parentId: number | null = null;
  const p = input.parentId.trim();
  if (p) {
    const id = toId(p) ?? 0;
    const parent = id ? tree.byId.get(id) : undefined;
    if (!parent || parent.archived) errors.parentId = 'pages.error.parent';
    else if (existing && (id === existing.id || descendantIdsIn(tree, existing.id).has(id)))
      errors.parentId = 'pages.error.cycle';
    else parentId = id;
  }

  let ownerId = '';
  const ownerName = input.ownerUsername.trim().toLowerCase();
  if (!ownerName) errors.ownerUsername = 'pages.error.ownerMissing';
  else {
    const owner = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', ownerName)
      .where('is_active', '=', 1)
      .executeTakeFirst();
    if (!owner) errors.ownerUsername = 'pages.error.owner';
    else ownerId = owner.id;
  }

  const r = input.reviewBy.trim();
  let reviewBy: string | null = null;
  if (r) {
    if (!isRealDate(r)) errors.reviewBy = 'pages.error.reviewDate';
    // A date in the past is refused when it is being set; an old one left as it was stays.
    else if (r < today && (mode === 'create' || r !== existing!.review_by)) errors.reviewBy = 'pages.error.reviewPast';
    else reviewBy = r;
  }

  let sortOrder = 0;
  const s = input.sortOrder.trim();
  if (s) {
    const n = Number(s);
    if (!Number.isInteger(n) || n < -9999 || n > 9999) errors.sortOrder = 'pages.error.sortOrder';
    else sortOrder = n;
  }

  const note = cleanLine(input.note);
  if (note.length > MAX_NOTE) errors.note = 'pages.error.noteLong';

  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { title, body, parentId, ownerId, reviewBy, sortOrder, note: note || null }, tree };
}

async function writeLinks(tx: Database, pageId: number, bodyMd: string): Promise<number[]> {
  await tx.db.deleteFrom('page_links').where('from_page_id', '=', pageId).execute();
  const wanted = linkedPageIds(bodyMd, pageId);
  if (!wanted.length) return [];
  const existing = await tx.db.selectFrom('pages').select('id').where('id', 'in', wanted).execute();
  const ids = existing.map((e) => e.id);
  if (ids.length)
    await tx.db
      .insertInto('page_links')
      .values(ids.map((to_page_id) => ({ from_page_id: pageId, to_page_id })))
      .execute();
  return ids;
}

// --- Changes -------------------------------------------------------------------------------------

export async function createPage(
  database: Database,
  input: PageInput,
  actor: PageActor,
  opts: { ip?: string | null; at?: Date } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: PageErrors }> {
  const checked = await validate(database, input, 'create');
  if (!checked.ok) return checked;
  const v = checked.value;
  return writeTransaction(database, async (tx) => {
    const now = (opts.at ?? new Date()).toISOString();
    const { id } = await tx.db
      .insertInto('pages')
      .values({
        parent_id: v.parentId,
        title: v.title,
        owner_id: v.ownerId,
        review_by: v.reviewBy,
        review_reminded_for: null,
        current_revision: 1,
        sort_order: v.sortOrder,
        search_text: markdownToText(v.body),
        archived: 0,
        archived_at: null,
        created_at: now,
        created_by: actor.id,
        updated_at: now,
        updated_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('page_revisions')
      .values({
        page_id: id,
        revision: 1,
        title: v.title,
        body_md: v.body,
        author_id: actor.id,
        author_name: actor.name,
        note: v.note,
        created_at: now,
      })
      .execute();
    const links = await writeLinks(tx, id, v.body);
    await appendAudit(tx, {
      actor,
      action: 'page.create',
      entityType: 'page',
      entityId: id,
      summary: `Created page "${v.title}"`,
      details: { title: v.title, parent: v.parentId, owner: v.ownerId, reviewBy: v.reviewBy, links },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id };
  });
}

export type UpdateResult =
  | { ok: true; revision: number | null; changed: string[]; moved: boolean }
  | { ok: false; errors: PageErrors; currentRevision?: number };

/**
 * Saves the edit form. A new revision only when the title or the text really changed; owner,
 * review date and order are saved on the page; a new parent is a move (audited as such). When
 * nothing changed, nothing is written. An edit started from an older revision than the current
 * one is refused (the other person's change would be lost) with the current revision's number.
 */
export async function updatePage(
  database: Database,
  pageId: number,
  input: PageInput,
  actor: PageActor,
  opts: { ip?: string | null; at?: Date; today?: string } = {},
): Promise<UpdateResult> {
  const page = await getPage(database, pageId);
  if (!page) return { ok: false, errors: { title: 'pages.error.notFound' } };
  const checked = await validate(database, input, 'update', page, opts.today);
  if (!checked.ok) return checked;
  const v = checked.value;
  return writeTransaction(database, async (tx): Promise<UpdateResult> => {
    await lockKey(tx, `page:${pageId}`);
    // Read again inside the transaction: another edit may have landed since the form was checked.
    const current = await getPage(tx, pageId);
    if (!current) return { ok: false, errors: { title: 'pages.error.notFound' } };
    const contentChanged = v.title !== current.title || v.body !== current.body_md;
    const base = toId(input.baseRevision);
    if (contentChanged && input.baseRevision.trim() && base !== current.current_revision) {
      return { ok: false, errors: { body: 'pages.error.conflict' }, currentRevision: current.current_revision };
    }
    const changed: string[] = [];
    if (v.title !== current.title) changed.push('title');
    if (v.body !== current.body_md) changed.push('body');
    if (v.ownerId !== current.owner_id) changed.push('owner');
    if (v.reviewBy !== current.review_by) changed.push('reviewBy');
    if (v.sortOrder !== current.sort_order) changed.push('sortOrder');
    const moved = v.parentId !== current.parent_id;
    if (!changed.length && !moved) return { ok: true, revision: null, changed: [], moved: false };

    const now = (opts.at ?? new Date()).toISOString();
    if (moved) {
      const result = await moveWithin(tx, current, v.parentId, actor, opts.ip ?? null, now);
      if (!result.ok) return { ok: false, errors: { parentId: result.error } };
    }
    if (!changed.length) return { ok: true, revision: null, changed: [], moved };

    let revision: number | null = null;
    if (contentChanged) {
      revision = current.current_revision + 1;
      await tx.db
        .insertInto('page_revisions')
        .values({
          page_id: pageId,
          revision,
          title: v.title,
          body_md: v.body,
          author_id: actor.id,
          author_name: actor.name,
          note: v.note,
          created_at: now,
        })
        .execute();
    }
    await tx.db
      .updateTable('pages')
      .set({
        title: v.title,
        owner_id: v.ownerId,
        review_by: v.reviewBy,
        sort_order: v.sortOrder,
        ...(revision !== null ? { current_revision: revision, search_text: markdownToText(v.body) } : {}),
        updated_at: now,
        updated_by: actor.id,
      })
      .where('id', '=', pageId)
      .execute();
    const links = v.body !== current.body_md ? await writeLinks(tx, pageId, v.body) : undefined;
    await appendAudit(tx, {
      actor,
      action: 'page.update',
      entityType: 'page',
      entityId: pageId,
      summary: `Changed page "${v.title}": ${changed.join(', ')}${revision !== null ? ` (revision ${revision})` : ''}`,
      details: {
        title: v.title,
        fields: changed,
        ...(revision !== null ? { revision } : {}),
        ...(changed.includes('owner') ? { owner: { from: current.owner_id, to: v.ownerId } } : {}),
        ...(changed.includes('reviewBy') ? { reviewBy: { from: current.review_by, to: v.reviewBy } } : {}),
        ...(links ? { links } : {}),
      },
      ip: opts.ip ?? null,
    });
    return { ok: true, revision, changed, moved };
  });
}

async function moveWithin(
  tx: Database,
  page: PageRow,
  parentId: number | null,
  actor: PageActor,
  ip: string | null,
  now: string,
): Promise<{ ok: true; moved: boolean } | { ok: false; error: MessageKey }> {
  if (parentId === page.parent_id) return { ok: true, moved: false };
  const tree = await loadTree(tx);
  if (parentId !== null) {
    const parent = tree.byId.get(parentId);
    if (!parent || parent.archived) return { ok: false, error: 'pages.error.parent' };
    // The new parent may not be the page itself or any page below it.
    if (parentId === page.id || descendantIdsIn(tree, page.id).has(parentId))
      return { ok: false, error: 'pages.error.cycle' };
  }
  await tx.db.updateTable('pages').set({ parent_id: parentId, updated_at: now }).where('id', '=', page.id).execute();
  const title = (id: number | null) => (id === null ? null : (tree.byId.get(id)?.title ?? null));
  await appendAudit(tx, {
    actor,
    action: 'page.move',
    entityType: 'page',
    entityId: page.id,
    summary: `Moved page "${page.title}" from ${page.parent_id ?? 'top level'} to ${parentId ?? 'top level'}`,
    details: {
      title: page.title,
      from: page.parent_id,
      to: parentId,
      fromTitle: title(page.parent_id),
      toTitle: title(parentId),
    },
    ip,
  });
  return { ok: true, moved: true };
}

/** Gives a page a new parent (null: top level). Refuses a parent that is the page or below it. */
export async function movePage(
  database: Database,
  pageId: number,
  parentId: number | null,
  actor: PageActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; moved: boolean } | { ok: false; error: MessageKey }> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `page:${pageId}`);
    const page = await getPage(tx, pageId);
    if (!page) return { ok: false, error: 'pages.error.notFound' };
    if (page.archived) return { ok: false, error: 'pages.error.archived' };
    return moveWithin(tx, page, parentId, actor, opts.ip ?? null, new Date().toISOString());
  });
}

/**
 * Archives a page: hidden from the tree, search and backlinks, but kept with its history and
 * still reachable by its address. A page with live child pages is refused (move or archive them
 * first), so nothing disappears from the tree unnoticed.
 */
export async function archivePage(
  database: Database,
  pageId: number,
  actor: PageActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `page:${pageId}`);
    const page = await getPage(tx, pageId);
    if (!page) return { ok: false, error: 'pages.error.notFound' };
    if (page.archived) return { ok: true };
    const live = await children(tx, pageId);
    if (live.length) return { ok: false, error: 'pages.error.hasChildren' };
    const now = new Date().toISOString();
    await tx.db
      .updateTable('pages')
      .set({ archived: 1, archived_at: now, updated_at: now, updated_by: actor.id })
      .where('id', '=', pageId)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'page.archive',
      entityType: 'page',
      entityId: pageId,
      summary: `Archived page "${page.title}"`,
      details: { title: page.title },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** Brings an archived page back into the tree, where it was (its parent must be live). */
export async function restorePage(
  database: Database,
  pageId: number,
  actor: PageActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `page:${pageId}`);
    const page = await getPage(tx, pageId);
    if (!page) return { ok: false, error: 'pages.error.notFound' };
    if (!page.archived) return { ok: true };
    if (page.parent_id !== null) {
      const parent = await tx.db
        .selectFrom('pages')
        .select('archived')
        .where('id', '=', page.parent_id)
        .executeTakeFirst();
      if (!parent || parent.archived) return { ok: false, error: 'pages.error.restoreParent' };
    }
    const now = new Date().toISOString();
    await tx.db
      .updateTable('pages')
      .set({ archived: 0, archived_at: null, updated_at: now, updated_by: actor.id })
      .where('id', '=', pageId)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'page.restore',
      entityType: 'page',
      entityId: pageId,
      summary: `Restored page "${page.title}"`,
      details: { title: page.title },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

// --- Differences between revisions ---------------------------------------------------------------

export type DiffPart =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** Unchanged lines left out of the view (there are `lines` of them). */
  | { kind: 'skip'; lines: number };

export interface PageDiff {
  from: RevisionSummary;
  to: RevisionSummary;
  /** Word-level difference of the titles; null when the title did not change. */
  title: DiffPart[] | null;
  /** Word-level difference of the Markdown text, long unchanged stretches shortened. */
  body: DiffPart[];
  identical: boolean;
  added: number;
  removed: number;
}

const CONTEXT_LINES = 3;

/** Keeps a few lines of context around changes; long unchanged stretches become a "skip". */
function elide(text: string, keepHead: number, keepTail: number): DiffPart[] {
  const lines = text.split('\n');
  const hidden = lines.length - keepHead - keepTail;
  if (hidden <= 2) return [{ kind: 'same', text }];
  const parts: DiffPart[] = [];
  if (keepHead) parts.push({ kind: 'same', text: `${lines.slice(0, keepHead).join('\n')}\n` });
  parts.push({ kind: 'skip', lines: hidden });
  if (keepTail) parts.push({ kind: 'same', text: lines.slice(-keepTail).join('\n') });
  return parts;
}

/** A readable word-level difference between two texts (the `diff` package's diffWords). */
export function wordDiff(before: string, after: string, opts: { elide?: boolean } = {}): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  // Word diffs cost O(N·D); a large rewrite falls back to a line diff rather than stalling.
  const changes: ChangeObject<string>[] = diffWords(before, after, { timeout: 1500 }) ?? diffLines(before, after);
  const parts: DiffPart[] = [];
  changes.forEach((c, i) => {
    if (c.added) parts.push({ kind: 'added', text: c.value });
    else if (c.removed) parts.push({ kind: 'removed', text: c.value });
    else if (opts.elide) {
      const first = i === 0;
      const last = i === changes.length - 1;
      parts.push(...elide(c.value, first ? 0 : CONTEXT_LINES, last ? 0 : CONTEXT_LINES));
    } else parts.push({ kind: 'same', text: c.value });
  });
  return parts;
}

const countWords = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** The difference between two revisions of a page; undefined when either does not exist. */
export async function diff(
  database: Database,
  pageId: number,
  fromRev: number,
  toRev: number,
): Promise<PageDiff | undefined> {
  const [a, b] = await Promise.all([getRevision(database, pageId, fromRev), getRevision(database, pageId, toRev)]);
  if (!a || !b) return undefined;
  const body = wordDiff(a.body_md, b.body_md, { elide: true });
  const title = a.title === b.title ? null : wordDiff(a.title, b.title);
  const all = [...body, ...(title ?? [])];
  const summary = (r: typeof a): RevisionSummary => ({
    revision: r.revision,
    title: r.title,
    author_name: r.author_name,
    note: r.note,
    created_at: r.created_at,
  });
  return {
    from: summary(a),
    to: summary(b),
    title,
    body,
    identical: a.title === b.title && a.body_md === b.body_md,
    added: all.reduce((n, p) => n + (p.kind === 'added' ? countWords(p.text) : 0), 0),
    removed: all.reduce((n, p) => n + (p.kind === 'removed' ? countWords(p.text) : 0), 0),
  };
}

// --- Search --------------------------------------------------------------------------------------

export interface PageHit {
  id: number;
  /** The title, matches marked with HL_START/HL_END (as in case search; render with highlightParts). */
  title: string;
  /** Words around the first match in the text, matches marked. */
  snippet: string;
  /** Titles of the page's ancestors, top-level first. */
  path: string[];
}

/**
 * Searches the titles and current texts of live pages: FTS5 on SQLite, tsvector ('danish') on
 * PostgreSQL, with the same query handling as case search (user input is reduced to words, so
 * nothing typed can break the query). Best matches first.
 */
export async function searchPages(database: Database, q: string, limit = 20): Promise<PageHit[]> {
  const words = queryWords(q.trim().slice(0, 200));
  if (!words.length) return [];
  const n = Math.max(1, Math.min(100, Math.trunc(limit)));
  let rows: Array<{ id: number; title: string; text: string }>;
  if (database.dialect === 'sqlite') {
    const result = await sql<{ id: number; title: string; text: string }>`
      select p.id, p.title, substr(p.search_text, 1, 50000) as text
      from pages_fts join pages p on p.id = pages_fts.rowid
      where pages_fts match ${ftsQuery(words)} and p.archived = 0
      order by bm25(pages_fts, 4.0, 1.0), p.id desc
      limit ${n}`.execute(database.db);
    rows = result.rows;
  } else {
    const result = await sql<{ id: number; title: string; text: string }>`
      with q as (select to_tsquery('danish', ${tsQuery(words)}) as query)
      select p.id, p.title, left(p.search_text, 50000) as text
      from pages p, q
      where p.tsv @@ q.query and p.archived = 0
      order by ts_rank(p.tsv, q.query) desc, p.id desc
      limit ${n}`.execute(database.db);
    rows = result.rows;
  }
  if (!rows.length) return [];
  const tree = await loadTree(database);
  const pattern = formsPattern(words);
  return rows.map((r) => ({
    id: r.id,
    title: markAll(r.title, pattern),
    snippet: snippetOf(r.text, pattern, 24),
    path: ancestorsIn(tree, r.id).map((a) => a.title),
  }));
}
