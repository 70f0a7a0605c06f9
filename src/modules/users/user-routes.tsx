import { Hono, type Context } from 'hono';
import { UserFormPage } from '../../../views/users/Users.tsx';
import { ResetLinkPage, UserPage } from '../../../views/users/UserPage.tsx';
import { audit } from '../../audit/service.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound, refused } from '../../http/errors.tsx';
import { userRequestsOnly } from '../../http/fetch-dest.ts';
import { actorOf, list, str, translateErrors } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { can, type Action } from '../../policy/index.ts';
import { unitTree } from '../org/index.ts';
import { deactivateUser, endSessions, reactivateUser } from './account.ts';
import { userOverview } from './overview.ts';
import { createPasswordReset, RESET_VALID_HOURS } from './password-reset.ts';
import { getUser, updateUser, type UserInput } from './service.ts';

/**
 * One user in the administration (mounted under /admin/users):
 * - GET  /:id                        the user's page: who, access, memberships, identities, sessions (read logged)
 * - GET  /:id/edit                   the form
 * - POST /:id                        save it (roles, unit, manager, contact, break-glass, access, password)
 * - POST /:id/deactivation           deactivate: sessions end at once (not one's own account)
 * - POST /:id/deactivation/deletion  reactivate
 * - POST /:id/sessions/deletion      sign out everywhere
 * - POST /:id/password-reset         make a one-time reset link (e-mailed, and shown once in the answer)
 */

export function requireUsers(c: Context<AppEnv>, action: Action): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}

export async function readUserForm(c: Context<AppEnv>): Promise<UserInput> {
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
    breakGlass: body.breakGlass !== undefined,
  };
}

export function userRoutes(database: Database, config: Config) {
  const app = new Hono<AppEnv>();
  // The user's page shows personal data: only a page the admin asked for is served (and logged).
  app.use('/:id', userRequestsOnly());

  app.get('/:id', async (c) => {
    const user = requireUsers(c, 'users.manage');
    const u = await userOverview(database, c.req.param('id'));
    if (!u) throw notFound();
    await audit(database, {
      actor: actorOf(user),
      action: 'user.view',
      entityType: 'user',
      entityId: u.id,
      summary: `Viewed user ${u.username}`,
      details: { username: u.username },
      ip: c.get('clientIp')(),
    });
    return render(c, {
      title: () => u.displayName,
      body: (v) => <UserPage v={v} u={u} self={u.id === user.id} resetHours={RESET_VALID_HOURS} />,
    });
  });

  app.get('/:id/edit', async (c) => {
    requireUsers(c, 'users.manage');
    const found = await getUser(database, c.req.param('id'));
    if (!found) throw notFound();
    const units = await unitTree(database);
    return render(c, {
      title: (v) => v.t('users.edit', { name: found.displayName }),
      body: (v) => <UserFormPage v={v} mode="edit" id={found.id} input={found} errors={{}} units={units} />,
    });
  });

  app.post('/:id', async (c) => {
    const user = requireUsers(c, 'users.manage');
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
    return c.redirect(`/admin/users/${id}`, 303);
  });

  app.post('/:id/deactivation', async (c) => {
    const user = requireUsers(c, 'users.manage');
    const id = c.req.param('id');
    if (!can(user, 'users.lockOut', { type: 'user', id }))
      throw refused('users.error.selfDeactivate', { href: `/admin/users/${id}`, label: 'users.title' });
    const result = await deactivateUser(database, id, actorOf(user), c.get('clientIp')());
    if (!result.ok) throw notFound();
    setFlash(c, {
      kind: 'success',
      key: 'users.flash.deactivated',
      params: { name: result.name, count: result.sessionsEnded },
    });
    return c.redirect(`/admin/users/${id}`, 303);
  });

  app.post('/:id/deactivation/deletion', async (c) => {
    const user = requireUsers(c, 'users.manage');
    const id = c.req.param('id');
    const result = await reactivateUser(database, id, actorOf(user), c.get('clientIp')());
    if (!result.ok) throw notFound();
    setFlash(c, { kind: 'success', key: 'users.flash.reactivated', params: { name: result.name } });
    return c.redirect(`/admin/users/${id}`, 303);
  });

  app.post('/:id/sessions/deletion', async (c) => {
    const user = requireUsers(c, 'users.manage');
    const id = c.req.param('id');
    const result = await endSessions(database, id, actorOf(user), c.get('clientIp')());
    if (!result.ok) throw notFound();
    if (id === user.id) return c.redirect('/login', 303);
    setFlash(c, {
      kind: 'success',
      key: 'users.flash.signedOut',
      params: { name: result.name, count: result.sessionsEnded },
    });
    return c.redirect(`/admin/users/${id}`, 303);
  });

  // The link page answers a POST; reloading or going back to its address comes back to the user.
  app.get('/:id/password-reset', (c) => {
    requireUsers(c, 'users.manage');
    return c.redirect(`/admin/users/${c.req.param('id')}`, 303);
  });

  app.post('/:id/password-reset', async (c) => {
    const user = requireUsers(c, 'users.manage');
    const id = c.req.param('id');
    const result = await createPasswordReset(database, id, actorOf(user), {
      baseUrl: config.publicUrl ?? new URL(c.req.url).origin,
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      if (result.reason === 'notFound') throw notFound();
      throw refused(result.reason === 'inactive' ? 'users.error.resetInactive' : 'users.error.resetNoPassword', {
        href: `/admin/users/${id}`,
        label: 'users.title',
      });
    }
    const target = await getUser(database, id);
    // Answered with the page itself, not a redirect: the link is shown this once and never stored.
    return render(c, {
      title: (v) => v.t('users.reset.title', { name: result.name }),
      body: (v) => (
        <ResetLinkPage
          v={v}
          id={id}
          name={result.name}
          url={result.url}
          email={result.emailed ? (target?.email ?? null) : null}
          expiresAt={result.expiresAt}
        />
      ),
    });
  });

  return app;
}
