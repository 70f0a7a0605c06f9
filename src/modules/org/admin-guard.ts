import type { Context } from 'hono';
import { toId } from '../../db/sql.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { can } from '../../policy/index.ts';

/** Every /admin/org route asks for `org.manage` first: anyone else gets 403. */
export function requireOrgAdmin(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user || !can(user, 'org.manage')) throw forbidden();
  return user;
}

/** The unit id in the path (`:id`), or 404. */
export function unitIdParam(c: Context<AppEnv>): number {
  const id = toId(c.req.param('id'));
  if (!id) throw notFound();
  return id;
}
