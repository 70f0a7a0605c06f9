import type { Context } from 'hono';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { can } from '../../policy/index.ts';

/** Someone who may read the committees (`meetings.view`), else 403. */
export function meetingsReader(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user || !can(user, 'meetings.view')) throw forbidden();
  return user;
}

/** The secretariat (`meetings.manage`), else 403. */
export function meetingsManager(c: Context<AppEnv>): CurrentUser {
  const user = meetingsReader(c);
  if (!can(user, 'meetings.manage')) throw forbidden();
  return user;
}
