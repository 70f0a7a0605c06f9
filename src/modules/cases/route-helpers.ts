import type { FieldErrors } from '../../../views/components/form.tsx';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import type { Context } from 'hono';
import { forbidden } from '../../http/errors.tsx';
import type { MessageKey, T } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';

/** Small helpers the cases routes files share. */

export const actorOf = (u: CurrentUser) => ({ id: u.id, name: u.displayName, roles: u.roles, orgUnitId: u.orgUnitId });

export function translate(t: T, errors: Partial<Record<string, MessageKey>>, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, key] of Object.entries(errors)) if (key) out[`${prefix}${k}`] = t(key);
  return out;
}

export function requireRole(c: Context<AppEnv>, action: 'cases.view' | 'cases.create'): CurrentUser {
  const user = c.get('user');
  if (!can(user, action)) throw forbidden();
  return user!;
}
