import { Hono, type Context } from 'hono';
import { OrgAdminPage } from '../../../views/org/OrgAdmin.tsx';
import { UnitPage, type UnitFormState } from '../../../views/org/UnitPage.tsx';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { requireOrgAdmin, unitIdParam } from './admin-guard.ts';
import { adminTree, createUnit, pathTo, unitRow, updateUnit, type UnitInput } from './admin.ts';
import { changeRoutes } from './admin-change-routes.tsx';
import { addLeader, moveLeader, removeLeader, unitLeadership } from './leaders.ts';
import type { UnitMergeStep } from './merge-steps.ts';
import { searchPeople } from './service.ts';

const emptyInput = (parentId = ''): UnitInput => ({
  name: '',
  shortName: '',
  kind: 'unit',
  email: '',
  phone: '',
  parentId,
});

function readInput(body: Record<string, unknown>): UnitInput {
  return {
    name: str(body, 'name', 200),
    shortName: str(body, 'shortName', 40),
    kind: str(body, 'kind', 20),
    email: str(body, 'email', 250),
    phone: str(body, 'phone', 40),
    parentId: str(body, 'parentId', 20),
  };
}

/**
 * The organisation's admin pages, mounted at /admin/org (`org.manage`): the tree, a new unit, a
 * unit's page (its details and its leaders), and through `changeRoutes` moves, merges and
 * deletions. `steps` are what other modules hang on a unit (src/app.tsx hands them in).
 */
export function orgAdminRoutes(database: Database, opts: { steps: readonly UnitMergeStep[] }) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    requireOrgAdmin(c);
    const tree = await adminTree(database);
    return render(c, { title: (v) => v.t('orgAdmin.title'), body: (v) => <OrgAdminPage v={v} tree={tree} /> });
  });

  const newPage = async (c: Context<AppEnv>, form: UnitFormState, status: 200 | 422 = 200) => {
    const tree = await adminTree(database);
    return render(c, {
      title: (v) => v.t('orgAdmin.new.title'),
      body: (v) => <UnitPage v={v} tree={tree} form={form} />,
      status,
    });
  };

  app.get('/new', (c) => {
    requireOrgAdmin(c);
    const parent = toId(c.req.query('parent'));
    return newPage(c, { input: emptyInput(parent ? String(parent) : ''), errors: {} });
  });

  app.post('/', async (c) => {
    const user = requireOrgAdmin(c);
    const input = readInput(await c.req.parseBody());
    const result = await createUnit(database, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      const errors = 'errors' in result ? translateErrors(c.get('t'), result.errors) : {};
      return newPage(c, { input, errors }, 422);
    }
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.created', params: { name: input.name.trim() } });
    return c.redirect(`/admin/org/${result.id}`, 303);
  });

  const unitPage = async (
    c: Context<AppEnv>,
    id: number,
    state: { form?: UnitFormState; leaderError?: string } = {},
    status: 200 | 422 = 200,
  ) => {
    const [tree, row, leadership] = await Promise.all([
      adminTree(database),
      unitRow(database, id),
      unitLeadership(database, id),
    ]);
    if (!row) throw notFound();
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const candidates = q ? await searchPeople(database, q, 20) : null;
    const form: UnitFormState = state.form ?? {
      input: {
        name: row.name,
        shortName: row.short_name ?? '',
        kind: row.kind,
        email: row.email ?? '',
        phone: row.phone ?? '',
        parentId: row.parent_id != null ? String(row.parent_id) : '',
      },
      errors: {},
    };
    return render(c, {
      title: (v) => `${v.t('orgAdmin.unit.title')}: ${row.name}`,
      body: (v) => (
        <UnitPage
          v={v}
          tree={tree}
          form={form}
          unit={{
            row,
            path: pathTo(tree, id),
            leadership,
            search: { q, candidates },
            leaderError: state.leaderError,
            node: tree.byId.get(id)!,
          }}
        />
      ),
      status,
    });
  };

  app.get('/:id{[0-9]+}', (c) => {
    requireOrgAdmin(c);
    return unitPage(c, unitIdParam(c));
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const input = readInput(await c.req.parseBody());
    const result = await updateUnit(database, id, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if ('missing' in result) throw notFound();
      return unitPage(c, id, { form: { input, errors: translateErrors(c.get('t'), result.errors) } }, 422);
    }
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.saved' });
    return c.redirect(`/admin/org/${id}`, 303);
  });

  // Leaders: name one (chosen from the search on the unit's page), remove one, move one up or down.
  app.post('/:id{[0-9]+}/leaders', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const body = await c.req.parseBody();
    const userId = str(body, 'userId', 64);
    const result = await addLeader(database, id, userId, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      if (result.error === 'orgAdmin.error.unitMissing') throw notFound();
      return unitPage(c, id, { leaderError: c.get('t')(result.error) }, 422);
    }
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.leaderAdded' });
    return c.redirect(`/admin/org/${id}#leaders`, 303);
  });

  app.post('/:id{[0-9]+}/leaders/:userId/deletion', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const result = await removeLeader(database, id, c.req.param('userId').slice(0, 64), actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) throw notFound();
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.leaderRemoved' });
    return c.redirect(`/admin/org/${id}#leaders`, 303);
  });

  app.post('/:id{[0-9]+}/leaders/:userId/position', async (c) => {
    const user = requireOrgAdmin(c);
    const id = unitIdParam(c);
    const body = await c.req.parseBody();
    const direction = str(body, 'direction', 10) === 'up' ? 'up' : 'down';
    const result = await moveLeader(database, id, c.req.param('userId').slice(0, 64), direction, actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) throw notFound();
    setFlash(c, { kind: 'success', key: 'orgAdmin.flash.leaderMoved' });
    return c.redirect(`/admin/org/${id}#leaders`, 303);
  });

  app.route('/', changeRoutes(database, opts.steps));
  return app;
}
