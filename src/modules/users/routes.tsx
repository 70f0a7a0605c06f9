import { Hono } from 'hono';
import {
  UserFormPage,
  UsersPage,
  UsersTable,
  usersCountText,
  type UsersListState,
} from '../../../views/users/Users.tsx';
import { LiveAnnouncement } from '../../../views/components/live.tsx';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import type { AppEnv } from '../../http/env.ts';
import { actorOf, translateErrors } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render, wantsFragment } from '../../http/render.tsx';
import { unitTree } from '../org/index.ts';
import { filterQuery, parseFilters, type UserCursor } from './filters.ts';
import { countUsers, listUsers } from './list.ts';
import { createUser, type UserInput } from './service.ts';
import { readUserForm, requireUsers, userRoutes } from './user-routes.tsx';

/**
 * The user administration pages, mounted at /admin/users (the rest of the administration —
 * front page, settings, audit log, jobs — is in src/modules/admin):
 * - GET  /            the user list: search and filters that combine (role, unit and sub-units,
 *                     status, sign-in, break-glass), the count, keyset paging by name; a plain GET
 *                     form, and htmx swaps the results and announces the count
 * - GET  /new         the form for a new user
 * - POST /            create the user
 * - /:id…             one user (user-routes.tsx)
 */
export function usersRoutes(database: Database, config: Config) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    requireUsers(c, 'users.view');
    const query = c.req.query();
    const filters = parseFilters(query, toId);
    let after: UserCursor | null = null;
    if (query.after) {
      const i = query.after.lastIndexOf('|');
      if (i > 0) after = { name: query.after.slice(0, i), id: query.after.slice(i + 1) };
    }
    // The unit tree is only for the filter form, which a fragment does not hold.
    const [page, units] = await Promise.all([
      listUsers(database, filters, { after, limit: 50 }),
      wantsFragment(c) ? [] : unitTree(database),
    ]);
    // A first page that is not full is every match: no need to count them again.
    const total = !after && !page.next ? page.items.length : await countUsers(database, filters);
    const s: UsersListState = {
      filters,
      items: page.items,
      total,
      next: page.next ? filterQuery(filters, { after: `${page.next.name}|${page.next.id}` }) : null,
      paged: !!after,
    };
    return render(c, {
      title: (v) => v.t('users.title'),
      body: (v) => <UsersPage v={v} s={s} units={units} />,
      fragment: (v) => (
        <>
          <UsersTable v={v} s={s} />
          <LiveAnnouncement text={usersCountText(v, total)} />
        </>
      ),
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
    breakGlass: false,
  };

  app.get('/new', async (c) => {
    requireUsers(c, 'users.manage');
    const units = await unitTree(database);
    return render(c, {
      title: (v) => v.t('users.new'),
      body: (v) => <UserFormPage v={v} mode="new" input={blankUser} errors={{}} units={units} />,
    });
  });

  app.post('/', async (c) => {
    const user = requireUsers(c, 'users.manage');
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

  app.route('/', userRoutes(database, config));
  return app;
}
