import type { Context } from 'hono';
import type { FieldErrors } from '../../views/components/form.tsx';
import type { AuditActor } from '../audit/service.ts';
import { toId } from '../db/sql.ts';
import type { MessageKey, T } from '../i18n/index.ts';
import type { Actor } from '../policy/index.ts';
import type { CurrentUser } from './env.ts';

/**
 * Reading forms and query strings in routes: what every module used to write again.
 * Bodies are what `c.req.parseBody()` (or `parseBody({ all: true })`) returns.
 */

type Body = Record<string, unknown>;

/** A text field, cut to `max` characters; '' when absent, repeated or a file. */
export function str(body: Body, key: string, max = 1000): string {
  const v = body[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** A repeated field (checkboxes, multi-selects; parse the body with `{ all: true }`): its text values, at most `max`. */
export function list(body: Body, key: string, max = 500): string[] {
  const v = body[key];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === 'string')
    .slice(0, max);
}

/**
 * A service's field errors (message keys) as the form's messages. `rename` maps a service field
 * to the form's field id, as a table (`{ title: 'doc-title' }`) or a prefix for all of them
 * (`'edit-'`).
 */
export function translateErrors<K extends string>(
  t: T,
  errors: Partial<Record<K, MessageKey | null | undefined>>,
  rename: Record<string, string> | string = {},
): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, key] of Object.entries(errors) as Array<[string, MessageKey | null | undefined]>) {
    if (key) out[typeof rename === 'string' ? `${rename}${field}` : (rename[field] ?? field)] = t(key);
  }
  return out;
}

/** The signed-in user as services take them: who (for the policy) and by what name (for the audit log). */
export function actorOf(user: CurrentUser): Actor & AuditActor {
  return { id: user.id, name: user.displayName, roles: user.roles, orgUnitId: user.orgUnitId };
}

/** An id from the query string (`?parent=12`), through `toId()`: null when absent or not a valid id. */
export function queryId(c: Context, name: string): number | null {
  return toId(c.req.query(name));
}
