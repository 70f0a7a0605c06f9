import { isRole, type Role } from '../../policy/index.ts';

/**
 * The user list's filters and their query string: pure, so the views build links with them too.
 */

export const USER_STATUSES = ['active', 'inactive'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
/** local: has a local password; sso: has an identity at an identity provider; never: never signed in; stale: not in 90 days (or never). */
export const SIGN_IN_FILTERS = ['local', 'sso', 'never', 'stale'] as const;
export type SignInFilter = (typeof SIGN_IN_FILTERS)[number];
/** "Not signed in for a while" means this many days. */
export const STALE_DAYS = 90;

export interface UserFilters {
  q: string;
  role: Role | null;
  unitId: number | null;
  /** With unitId: the unit's sub-units too. */
  subUnits: boolean;
  status: UserStatus | null;
  signIn: SignInFilter | null;
  breakGlass: boolean;
}

export const NO_FILTERS: UserFilters = {
  q: '',
  role: null,
  unitId: null,
  subUnits: false,
  status: null,
  signIn: null,
  breakGlass: false,
};

export interface UserCursor {
  name: string;
  id: string;
}

/** Filters from a query string; unknown values are dropped (the form offers only valid ones). */
export function parseFilters(
  query: Record<string, string | undefined>,
  toUnitId: (s: string) => number | null,
): UserFilters {
  const role = query.role ?? '';
  const status = query.status ?? '';
  const signIn = query.signin ?? '';
  return {
    q: (query.q ?? '').trim().slice(0, 100),
    role: isRole(role) ? role : null,
    unitId: query.unit ? toUnitId(query.unit) : null,
    subUnits: query.sub === '1',
    status: (USER_STATUSES as readonly string[]).includes(status) ? (status as UserStatus) : null,
    signIn: (SIGN_IN_FILTERS as readonly string[]).includes(signIn) ? (signIn as SignInFilter) : null,
    breakGlass: query.breakglass === '1',
  };
}

/** The query string that gives these filters (and any extra parameters), for links and the pager. */
export function filterQuery(f: UserFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.role) p.set('role', f.role);
  if (f.unitId) p.set('unit', String(f.unitId));
  if (f.unitId && f.subUnits) p.set('sub', '1');
  if (f.status) p.set('status', f.status);
  if (f.signIn) p.set('signin', f.signIn);
  if (f.breakGlass) p.set('breakglass', '1');
  for (const [k, val] of Object.entries(extra)) if (val) p.set(k, val);
  const s = p.toString();
  return s ? `/admin/users?${s}` : '/admin/users';
}
