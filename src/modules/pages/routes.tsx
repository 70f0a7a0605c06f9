import { Hono, type Context } from 'hono';
import { toId } from '../../db/sql.ts';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import { PageFormScreen, type PageFormData } from '../../../views/pages/Form.tsx';
import { DiffScreen, HistoryScreen, RevisionScreen } from '../../../views/pages/History.tsx';
import { countText, PageSearchResults, PagesIndex } from '../../../views/pages/Index.tsx';
import { PageScreen } from '../../../views/pages/Page.tsx';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, queryId, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { copenhagenDate, type Locale, type T } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import {
  ancestorsIn,
  archivedPages,
  archivePage,
  backlinks,
  children,
  createPage,
  descendantIdsIn,
  diff,
  emptyPageInput,
  flattenTree,
  getPage,
  getRevision,
  history,
  inputFromPage,
  loadTree,
  pagesDueForReview,
  restorePage,
  reviewState,
  searchPages,
  updatePage,
  type PageInput,
  type PageTree,
  type PageView,
} from './service.ts';

/**
 * Knowledge pages, mounted at /pages. Everyone on the intranet reads; editors and administrators
 * create; a page's owner, editors and administrators change, move and archive it (the policy
 * module's 'pages.edit' on the page). Forms post ordinary form data and redirect after success.
 */

function requireUser(c: Context<AppEnv>, action: 'intranet.view' | 'pages.create'): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

const pageResource = (p: PageView) => ({ type: 'page' as const, ownerId: p.owner_id });

/** Loads a page (404 when there is none); for 'pages.edit', 403 unless the policy allows it. */
async function requirePage(
  database: Database,
  c: Context<AppEnv>,
  action: 'intranet.view' | 'pages.edit' = 'intranet.view',
): Promise<{ user: CurrentUser; page: PageView }> {
  const user = c.get('user');
  if (!can(user, 'intranet.view')) throw forbidden();
  const page = await getPage(database, toId(c.req.param('id')) ?? 0);
  if (!page) throw notFound();
  if (action === 'pages.edit' && !can(user, 'pages.edit', pageResource(page))) throw forbidden();
  return { user: user!, page };
}

async function readPageForm(c: Context<AppEnv>): Promise<PageInput> {
  const body = await c.req.parseBody();
  return emptyPageInput({
    title: str(body, 'title', 1000),
    body: str(body, 'body', 200_000),
    parentId: str(body, 'parentId', 20),
    ownerUsername: str(body, 'ownerUsername', 100),
    reviewBy: str(body, 'reviewBy', 20),
    sortOrder: str(body, 'sortOrder', 10),
    note: str(body, 'note', 2000),
    baseRevision: str(body, 'baseRevision', 20),
  });
}

/** Where a page may go: the live tree, without the page itself and what lies below it. */
function parentChoices(tree: PageTree, pageId?: number) {
  const excluded = pageId === undefined ? new Set<number>() : new Set([pageId, ...descendantIdsIn(tree, pageId)]);
  return flattenTree(tree)
    .filter((e) => !excluded.has(e.node.id))
    .map((e) => ({ id: e.node.id, title: e.node.title, depth: e.depth }));
}

const trailOf = (tree: PageTree, id: number) => ancestorsIn(tree, id).map((n) => ({ id: n.id, title: n.title }));

export function pageRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  // --- The tree and search ---------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = requireUser(c, 'intranet.view');
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const hits = q ? await searchPages(database, q, 50) : null;
    const announce = (v: { t: T; locale: Locale }) =>
      hits === null ? '' : hits.length ? countText(v, hits.length) : v.t('pages.search.none', { q });
    const [tree, due, archived] = await Promise.all([
      loadTree(database),
      pagesDueForReview(database, user.id, copenhagenDate(new Date())),
      can(user, 'pages.create') ? archivedPages(database) : Promise.resolve([]),
    ]);
    return render(c, {
      title: (v) => (q ? `${v.t('pages.search.results')}: ${q}` : v.t('pages.title')),
      body: (v) => <PagesIndex v={v} d={{ tree, q, hits, due, archived }} />,
      fragment: (v) => (
        <>
          <PageSearchResults v={v} q={q} hits={hits} />
          <LiveAnnouncement text={announce(v)} />
        </>
      ),
    });
  });

  // --- Create ------------------------------------------------------------------------------------
  app.get('/new', async (c) => {
    const user = requireUser(c, 'pages.create');
    const tree = await loadTree(database);
    const parent = queryId(c, 'parent');
    const parentNode = parent ? tree.byId.get(parent) : undefined;
    const parentId = parentNode && !parentNode.archived ? String(parent) : '';
    const d: PageFormData = {
      mode: 'new',
      input: emptyPageInput({ parentId, ownerUsername: user.username }),
      errors: {},
      parents: parentChoices(tree),
      trail: parent && parentId ? [...trailOf(tree, parent), { id: parent, title: parentNode!.title }] : [],
    };
    return render(c, { title: (v) => v.t('pages.new'), body: (v) => <PageFormScreen v={v} d={d} /> });
  });

  app.post('/', async (c) => {
    const user = requireUser(c, 'pages.create');
    const input = await readPageForm(c);
    const result = await createPage(database, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const tree = await loadTree(database);
      const d: PageFormData = {
        mode: 'new',
        input,
        errors: translateErrors(c.get('t'), result.errors),
        parents: parentChoices(tree),
        trail: [],
      };
      return render(c, { title: (v) => v.t('pages.new'), status: 422, body: (v) => <PageFormScreen v={v} d={d} /> });
    }
    setFlash(c, { kind: 'success', key: 'pages.createdMsg' });
    return c.redirect(`/pages/${result.id}`, 303);
  });

  // --- One page ----------------------------------------------------------------------------------
  app.get('/:id{[0-9]+}', async (c) => {
    const { user, page } = await requirePage(database, c);
    const [tree, kids, links] = await Promise.all([
      loadTree(database),
      children(database, page.id),
      backlinks(database, page.id),
    ]);
    const trail = trailOf(tree, page.id);
    const html = renderMarkdown(page.body_md);
    return render(c, {
      title: page.title,
      body: (v) => (
        <PageScreen
          v={v}
          d={{
            page,
            html,
            trail,
            children: kids,
            backlinks: links,
            tree,
            openIds: new Set([...trail.map((a) => a.id), page.id]),
            review: reviewState(page.review_by, copenhagenDate(new Date())),
            allowed: { edit: can(user, 'pages.edit', pageResource(page)), create: can(user, 'pages.create') },
          }}
        />
      ),
    });
  });

  async function editForm(
    c: Context<AppEnv>,
    page: PageView,
    over: Partial<PageFormData> & { input: PageInput },
    status: 200 | 409 | 422 = 200,
  ) {
    const tree = await loadTree(database);
    const d: PageFormData = {
      mode: 'edit',
      errors: {},
      parents: parentChoices(tree, page.id),
      trail: trailOf(tree, page.id),
      page: { id: page.id, title: page.title, archived: !!page.archived },
      ...over,
    };
    return render(c, {
      title: (v) => v.t('pages.editTitle', { title: page.title }),
      status,
      body: (v) => <PageFormScreen v={v} d={d} />,
    });
  }

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const { page } = await requirePage(database, c, 'pages.edit');
    // ?from=<revision>: start from an older version's text (saving makes it a new revision).
    const from = queryId(c, 'from');
    const fromRev = from ? await getRevision(database, page.id, from) : undefined;
    return editForm(c, page, { input: await inputFromPage(database, page, fromRev) });
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const { user, page } = await requirePage(database, c, 'pages.edit');
    const input = await readPageForm(c);
    const result = await updatePage(database, page.id, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const errors = translateErrors(c.get('t'), result.errors);
      if (result.currentRevision !== undefined) {
        // An overlapping edit: keep the user's text, show what changed, and let a second save win.
        const base = toId(input.baseRevision) ?? 1;
        return editForm(
          c,
          page,
          {
            input: { ...input, baseRevision: String(result.currentRevision) },
            errors,
            conflict: { from: base, to: result.currentRevision },
          },
          409,
        );
      }
      return editForm(c, page, { input, errors }, 422);
    }
    setFlash(c, {
      kind: 'success',
      key:
        result.revision !== null
          ? 'pages.savedMsg'
          : result.changed.length || result.moved
            ? 'pages.savedMetaMsg'
            : 'pages.noChanges',
    });
    return c.redirect(`/pages/${page.id}`, 303);
  });

  app.post('/:id{[0-9]+}/archive', async (c) => {
    const { user, page } = await requirePage(database, c, 'pages.edit');
    const result = await archivePage(database, page.id, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return editForm(
        c,
        page,
        { input: await inputFromPage(database, page), archiveError: c.get('t')(result.error) },
        422,
      );
    setFlash(c, { kind: 'success', key: 'pages.archivedMsg' });
    return c.redirect(`/pages/${page.id}`, 303);
  });

  app.post('/:id{[0-9]+}/restore', async (c) => {
    const { user, page } = await requirePage(database, c, 'pages.edit');
    const result = await restorePage(database, page.id, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok)
      return editForm(
        c,
        page,
        { input: await inputFromPage(database, page), archiveError: c.get('t')(result.error) },
        422,
      );
    setFlash(c, { kind: 'success', key: 'pages.restoredMsg' });
    return c.redirect(`/pages/${page.id}`, 303);
  });

  // --- History -----------------------------------------------------------------------------------
  app.get('/:id{[0-9]+}/history', async (c) => {
    const { page } = await requirePage(database, c);
    const [tree, revisions] = await Promise.all([loadTree(database), history(database, page.id)]);
    return render(c, {
      title: (v) => v.t('pages.history.title', { title: page.title }),
      body: (v) => <HistoryScreen v={v} page={page} trail={trailOf(tree, page.id)} revisions={revisions} />,
    });
  });

  app.get('/:id{[0-9]+}/revisions/:rev{[0-9]+}', async (c) => {
    const { user, page } = await requirePage(database, c);
    const revision = await getRevision(database, page.id, toId(c.req.param('rev')) ?? 0);
    if (!revision) throw notFound();
    const tree = await loadTree(database);
    const html = renderMarkdown(revision.body_md);
    return render(c, {
      title: (v) => v.t('pages.revision.title', { title: revision.title, revision: revision.revision }),
      body: (v) => (
        <RevisionScreen
          v={v}
          page={page}
          trail={trailOf(tree, page.id)}
          revision={revision}
          html={html}
          canEdit={can(user, 'pages.edit', pageResource(page))}
        />
      ),
    });
  });

  app.get('/:id{[0-9]+}/diff', async (c) => {
    const { page } = await requirePage(database, c);
    const num = (s: string | undefined, fallback: number) => toId(s) ?? fallback;
    const to = num(c.req.query('to'), page.current_revision);
    const from = num(c.req.query('from'), Math.max(1, to - 1));
    const [result, revisions, tree] = await Promise.all([
      diff(database, page.id, from, to),
      history(database, page.id),
      loadTree(database),
    ]);
    if (!result) throw notFound();
    return render(c, {
      title: (v) => v.t('pages.diff.title', { title: page.title }),
      body: (v) => <DiffScreen v={v} page={page} trail={trailOf(tree, page.id)} revisions={revisions} diff={result} />,
    });
  });

  return app;
}
