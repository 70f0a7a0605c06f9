/**
 * The one place that answers "may this user do this to that?" (DESIGN.md, Access).
 * Every route asks `can()`; views ask it too, to hide what the user cannot use.
 *
 * Actions are named `<area>.<verb>`. Global actions depend on roles only; actions on a
 * resource get the resource as the third argument and may look at it (owner, access group,
 * membership). Modules add their resource rules here as they arrive, so the whole access
 * model can be read and tested in one file.
 */

export const ROLES = ['admin', 'caseworker', 'records_manager', 'secretariat', 'politician', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The signed-in user as the policy sees them. */
export interface Actor {
  id: string;
  roles: readonly Role[];
  orgUnitId: number | null;
}

export type Action =
  | 'intranet.view'
  | 'cases.view'
  | 'meetings.view'
  | 'rooms.view'
  | 'admin.view'
  | 'audit.view'
  | 'audit.verify'
  | 'jobs.view'
  | 'jobs.run'
  | 'users.view'
  | 'users.manage'
  /** Closing a user's access or removing their administrator role. */
  | 'users.lockOut';

export type Resource = { type: 'user'; id: string };

const EVERYONE: readonly Role[] = ROLES;

/** Which roles may take each global action. */
const rules: Record<Action, readonly Role[]> = {
  'intranet.view': EVERYONE,
  'cases.view': ['admin', 'caseworker', 'records_manager', 'secretariat'],
  'meetings.view': EVERYONE,
  'rooms.view': EVERYONE,
  // Administration is for administrators; records managers see the audit log (GDPR requests,
  // supervision) but not users or jobs.
  'admin.view': ['admin', 'records_manager'],
  'audit.view': ['admin', 'records_manager'],
  'audit.verify': ['admin', 'records_manager'],
  'jobs.view': ['admin'],
  'jobs.run': ['admin'],
  'users.view': ['admin'],
  'users.manage': ['admin'],
  'users.lockOut': ['admin'],
};

export function can(user: Actor | null | undefined, action: Action, resource?: Resource): boolean {
  if (!user) return false;
  const allowed = rules[action];
  if (!allowed) return false;
  if (!user.roles.some((r) => allowed.includes(r))) return false;
  if (!resource) return true;
  switch (resource.type) {
    case 'user':
      // An administrator may not close their own access or drop their own admin role:
      // that is how installations end up with nobody who can administer them.
      return action !== 'users.lockOut' || resource.id !== user.id;
  }
}
