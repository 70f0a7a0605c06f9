import { Hono, type Context } from 'hono';
import { DeletePage } from '../../../views/org/DeleteUnit.tsx';
import { MergePage } from '../../../views/org/MergeUnit.tsx';
import { MovePage } from '../../../views/org/MoveUnit.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import {
  adminTree,
  deleteUnit,
  deletionBlockers,
  mergeError,
  mergePreview,
  mergeTargets,
  mergeUnits,
  moveError,
  movePreview,
  moveTargets,
  moveUnit,
  pathTo,
  type AdminTree,
} from './admin.ts';
import { requireOrgAdmin, unitIdParam } from './admin-guard.ts';
import type { UnitMergeStep } from './merge-steps.ts';

/**
 * Moving, merging and deleting units (/admin/org/:id/move, …/merge, …/deletion). Each is a page
 * with a form (a GET that shows what would happen) and a POST that does it; the drag-and-drop and
 * keyboard move on the tree end on the same confirm page, so the server decides.
 */
export function changeRoutes(database: Database, steps: readonly UnitMergeStep[]) {
  const app = new Hono<AppEnv>();

  const loadTree = async (id: number): Promise<AdminTree> => {
    const tree = await adminTree(database);
    if (!tree.byId.has(id)) throw notFound();
    return tree;
  };

  // ---- Move ----------------------------------------------------------------------------------
  const movePage = async (c: Context<AppEnv>, id: number, toRaw: string, status: 200 | 422 = 200) => {
    const tree = await loadTree(id);
    const unit = tree.byId.get(id)!;
    const toId_ = toRaw ? toId(toRaw) : null;
    let error = toRaw ? (toId_ ? moveError(tree, id, toId_) : 'orgAdmin.move.error.target') : null;
    if (unit.parentId == null) error = 'orgAdmin.move.error.root';
    const preview = toId_ && !error ? await movePreview(database, tree, id, toId_, steps) : null;
    return render(c, {
      title: (v) => v.t(preview ? 'orgAdmin.move.confirmTitle' : 'orgAdmin.move.title', { name: unit.name }),
      body: (v) => (
        <MovePage
          v={v}
          unit={unit}
          path={pathTo(tree, id)}
          targets={moveTargets(tree, id)}
          chosen={toRaw}
          error={error ? v.t(error) : null}
          preview={preview}
        />
      ),
      status: error && (toRaw || status === 422) ? 422 : status,
    });
  };

  app.get('/:id{[0-9]+}/move', (c) => {
    requireOrgAdmin(c);
    return movePage(c, unitIdParam(c), (c.req.query('to') ?? '').trim().slice(0, 20));
  });

  app.post('/:id{[0-9]+}/move', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const to = str(await c.req.parseBody(), 'to', 20).trim();
    const target = toId(to);
    const result = target ? await moveUnit(database, id, target, actorOf(user), { ip: c.get('clientIp')() }) : null;
    if (!result?.ok) return movePage(c, id, to || '0', 422);
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.moved' });
    return c.redirect(`/admin/org#unit-${id}`, 303);
  });

  // ---- Merge ---------------------------------------------------------------------------------
  const mergePage = async (
    c: Context<AppEnv>,
    id: number,
    intoRaw: string,
    leaders: string,
    status: 200 | 422 = 200,
  ) => {
    const tree = await loadTree(id);
    const unit = tree.byId.get(id)!;
    const intoId = intoRaw ? toId(intoRaw) : null;
    let error = intoRaw ? (intoId ? mergeError(tree, id, intoId) : 'orgAdmin.merge.error.target') : null;
    if (unit.parentId == null) error = 'orgAdmin.merge.error.root';
    const leadersError = status === 422 && !error && leaders !== 'keep' && leaders !== 'drop';
    const preview =
      intoId && (!error || error === 'orgAdmin.merge.error.nameTaken')
        ? await mergePreview(database, tree, id, intoId, steps)
        : null;
    return render(c, {
      title: (v) =>
        v.t(preview && !error ? 'orgAdmin.merge.previewTitle' : 'orgAdmin.merge.title', { name: unit.name }),
      body: (v) => (
        <MergePage
          v={v}
          unit={unit}
          path={pathTo(tree, id)}
          targets={mergeTargets(tree, id)}
          chosen={intoRaw}
          leaders={leaders}
          error={error ? v.t(error) : null}
          leadersError={leadersError ? v.t('orgAdmin.merge.error.leaders') : null}
          preview={error ? null : preview}
          clashes={preview?.clashes ?? []}
        />
      ),
      status: error || leadersError ? 422 : status,
    });
  };

  app.get('/:id{[0-9]+}/merge', (c) => {
    requireOrgAdmin(c);
    return mergePage(c, unitIdParam(c), (c.req.query('into') ?? '').trim().slice(0, 20), '');
  });

  app.post('/:id{[0-9]+}/merge', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const body = await c.req.parseBody();
    const into = str(body, 'into', 20).trim();
    const leaders = str(body, 'leaders', 10);
    const intoId = toId(into);
    if (!intoId || (leaders !== 'keep' && leaders !== 'drop')) return mergePage(c, id, into || '0', leaders, 422);
    const result = await mergeUnits(database, id, intoId, steps, leaders === 'keep', actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) return mergePage(c, id, into, leaders, 422);
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.merged' });
    return c.redirect(`/admin/org/${intoId}`, 303);
  });

  // ---- Delete --------------------------------------------------------------------------------
  const deletePage = async (c: Context<AppEnv>, id: number, status: 200 | 422 = 200) => {
    const tree = await loadTree(id);
    const unit = tree.byId.get(id)!;
    const blockers = unit.parentId == null ? [] : await deletionBlockers(database, id, steps);
    return render(c, {
      title: (v) => v.t('orgAdmin.delete.title', { name: unit.name }),
      body: (v) => (
        <DeletePage v={v} unit={unit} path={pathTo(tree, id)} blockers={blockers} refused={status === 422} />
      ),
      status,
    });
  };

  app.get('/:id{[0-9]+}/deletion', (c) => {
    requireOrgAdmin(c);
    return deletePage(c, unitIdParam(c));
  });

  app.post('/:id{[0-9]+}/deletion', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const result = await deleteUnit(database, id, steps, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if ('missing' in result) throw notFound();
      return deletePage(c, id, 422);
    }
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.deleted' });
    return c.redirect('/admin/org', 303);
  });

  return app;
}
