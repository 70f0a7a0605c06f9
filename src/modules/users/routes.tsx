import { Hono, type Context } from 'hono';
import { UserFormPage, UsersPage, UsersTable } from '../../../views/users/Users.tsx';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { actorOf, list, str, translateErrors } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { can, type Action } from '../../policy/index.ts';
import { unitTree } from '../org/index.ts';
import { createUser, getUser, listUsers, updateUser, type UserInput } from './service.ts';

/**
 * The user administration pages, mounted at /admin/users (the rest of the administration —
 * front page, settings, audit log, jobs — is in src/modules/admin):
 * - GET  /            the user list (search by name; keyset paging by name; htmx swaps the table)
 * - GET  /new         the form for a new user
 * - POST /            create the user
 * - GET  /:id         the form for an existing user
 * - POST /:id         save it (roles, access, password)
 */

function require(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

async function readUserForm(c: Context<AppEnv>): Promise<UserInput> {
  const body = await c.req.parseBody({ all: true });
  return {
    username: str(body, 'username', 500),
    displayName: str(body, 'displayName', 500),
    email: str(body, 'email', 500),
    phone: str(body, 'phone', 500),
    title: str(body, 'title', 500),
    orgUnitId: str(body, 'orgUnitId', 500),
    managerUsername: str(body, 'managerUsername', 500),
    password: str(body, 'password', 500),
    roles: list(body, 'roles'),
    isActive: body.isActive !== undefined,
  };
}

export function usersRoutes(database: Database, config: Config) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    require(c, 'users.view');
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const afterRaw = c.req.query('after');
    let after: { name: string; id: string } | null = null;
    if (afterRaw) {
      const i = afterRaw.lastIndexOf('|');
      if (i > 0) after = { name: afterRaw.slice(0, i), id: afterRaw.slice(i + 1) };
    }
    const { items, next } = await listUsers(database, { q, after });
    const nextParam = next ? `${next.name}|${next.id}` : null;
    return render(c, {
      title: (v) => v.t('users.title'),
      body: (v) => <UsersPage v={v} items={items} next={nextParam} q={q} />,
      fragment: (v) => <UsersTable v={v} items={items} next={nextParam} q={q} />,
    });
  });

  const blankUser: UserInput = {
    username: '',
    displayName: '',
    email: '',
    phone: '',
    title: '',
    orgUnitId: '',
    managerUsername: '',
    password: '',
    roles: ['employee'],
    isActive: true,
  };

  app.get('/new', async (c) => {
    require(c, 'users.manage');
    const units = await unitTree(database);
    return render(c, {
      title: (v) => v.t('users.new'),
      body: (v) => <UserFormPage v={v} mode="new" input={blankUser} errors={{}} units={units} />,
    });
  });

  app.post('/', async (c) => {
    const user = require(c, 'users.manage');
    const input = await readUserForm(c);
    const result = await createUser(database, input, actorOf(user), {
      scryptCost: config.scryptCost,
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const units = await unitTree(database);
      const errors = translateErrors(c.get('t'), result.errors);
      return render(c, {
        title: (v) => v.t('users.new'),
        status: 422,
        body: (v) => <UserFormPage v={v} mode="new" input={{ ...input, password: '' }} errors={errors} units={units} />,
      });
    }
    setFlash(c, { kind: 'success', key: 'users.created', params: { name: input.displayName.trim() } });
    return c.redirect('/admin/users', 303);
  });

  app.get('/:id', async (c) => {
    require(c, 'users.manage');
    const found = await getUser(database, c.req.param('id'));
    if (!found) throw notFound();
    const units = await unitTree(database);
    return render(c, {
      title: (v) => v.t('users.edit', { name: found.displayName }),
      body: (v) => <UserFormPage v={v} mode="edit" id={found.id} input={found} errors={{}} units={units} />,
    });
  });

  app.post('/:id', async (c) => {
    const user = require(c, 'users.manage');
    const id = c.req.param('id');
    const input = await readUserForm(c);
    const result = await updateUser(database, id, input, actorOf(user), {
      scryptCost: config.scryptCost,
      ip: c.get('clientIp')(),
      mayLockOut: can(user, 'users.lockOut', { type: 'user', id }),
    });
    if (!result.ok) {
      if ('notFound' in result) throw notFound();
      const units = await unitTree(database);
      const errors = translateErrors(c.get('t'), result.errors);
      return render(c, {
        title: (v) => v.t('users.edit', { name: input.displayName }),
        status: 422,
        body: (v) => (
          <UserFormPage v={v} mode="edit" id={id} input={{ ...input, password: '' }} errors={errors} units={units} />
        ),
      });
    }
    setFlash(c, { kind: 'success', key: 'users.saved', params: { name: input.displayName.trim() } });
    return c.redirect('/admin/users', 303);
  });

  return app;
}
