import type { AppEnv, CurrentUser } from '../../http/env.ts';
import type { Context } from 'hono';
import { forbidden } from '../../http/errors.tsx';
import { can } from '../../policy/index.ts';

/** The role check the cases lists share (a case itself is loaded through requireCase). */

export function requireRole(c: Context<AppEnv>, action: 'cases.view' | 'cases.create'): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}
