import { randomUUID } from 'node:crypto';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/password.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import { isRole, ROLES, type Role } from '../../policy/index.ts';

/**
 * Creating and changing user accounts: used by the admin pages and by `npm run user:create`.
 * Validation lives here, so both paths refuse the same bad input with the same message keys.
 */

export interface UserInput {
  username: string;
  displayName: string;
  email: string;
  phone: string;
  title: string;
  orgUnitId: string;
  managerUsername: string;
  password: string;
  roles: string[];
  isActive: boolean;
  /** May sign in with the local password when local passwords are off for everyone else; only an administrator sets it. */
  breakGlass?: boolean;
}

export type UserField =
  'username' | 'displayName' | 'email' | 'password' | 'orgUnitId' | 'managerUsername' | 'roles' | 'isActive';
export type UserErrorKey =
  | 'users.error.username'
  | 'users.error.usernameTaken'
  | 'users.error.displayName'
  | 'users.error.email'
  | 'users.error.password'
  | 'users.error.unit'
  | 'users.error.manager'
  | 'users.error.selfAdmin';
export type UserErrors = Partial<Record<UserField, UserErrorKey>>;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UserDetail extends UserInput {
  id: string;
}

function clean(s: string | undefined): string {
  return (s ?? '').trim();
}

async function validate(
  database: Database,
  input: UserInput,
  existingId: string | null,
): Promise<{ errors: UserErrors; unitId: number | null; managerId: string | null; roles: Role[] }> {
  const errors: UserErrors = {};
  const username = clean(input.username).toLowerCase();
  if (!USERNAME_PATTERN.test(username)) errors.username = 'users.error.username';
  else {
    const taken = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken && taken.id !== existingId) errors.username = 'users.error.usernameTaken';
  }
  if (!clean(input.displayName) || clean(input.displayName).length > 200)
    errors.displayName = 'users.error.displayName';
  if (clean(input.email) && !EMAIL_PATTERN.test(clean(input.email))) errors.email = 'users.error.email';
  if (input.password && input.password.length < MIN_PASSWORD_LENGTH) errors.password = 'users.error.password';

  let unitId: number | null = null;
  if (clean(input.orgUnitId)) {
    const id = toId(input.orgUnitId);
    const unit = id
      ? await database.db.selectFrom('org_units').select('id').where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!unit) errors.orgUnitId = 'users.error.unit';
    else unitId = unit.id;
  }
  let managerId: string | null = null;
  const managerName = clean(input.managerUsername).toLowerCase();
  if (managerName) {
    const manager = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', managerName)
      .executeTakeFirst();
    if (!manager || manager.id === existingId) errors.managerUsername = 'users.error.manager';
    else managerId = manager.id;
  }
  const roles = [...new Set(input.roles.filter(isRole))].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  return { errors, unitId, managerId, roles };
}

export async function createUser(
  database: Database,
  input: UserInput,
  actor: AuditActor | null,
  opts: { scryptCost: number; ip?: string | null },
): Promise<{ ok: true; id: string } | { ok: false; errors: UserErrors }> {
  const { errors, unitId, managerId, roles } = await validate(database, input, null);
  if (Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = input.password ? await hashPassword(input.password, opts.scryptCost) : null;
  const id = randomUUID();
  const now = nowIso();
  await writeTransaction(database, async (tx) => {
    await tx.db
      .insertInto('users')
      .values({
        id,
        username: clean(input.username).toLowerCase(),
        display_name: clean(input.displayName),
        email: clean(input.email) || null,
        phone: clean(input.phone) || null,
        title: clean(input.title) || null,
        org_unit_id: unitId,
        manager_id: managerId,
        password_hash: passwordHash,
        locale: null,
        is_active: input.isActive ? 1 : 0,
        break_glass: input.breakGlass ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (roles.length)
      await tx.db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: id, role })))
        .execute();
    await appendAudit(tx, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      summary: `Created user ${clean(input.username).toLowerCase()}`,
      details: {
        username: clean(input.username).toLowerCase(),
        roles,
        active: input.isActive,
        break_glass: !!input.breakGlass,
        password_set: !!passwordHash,
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, id };
}

export async function getUser(database: Database, id: string): Promise<UserDetail | null> {
  const row = await database.db
    .selectFrom('users')
    .leftJoin('users as manager', 'manager.id', 'users.manager_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.phone',
      'users.title',
      'users.org_unit_id',
      'users.is_active',
      'users.break_glass',
      'manager.username as manager_username',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email ?? '',
    phone: row.phone ?? '',
    title: row.title ?? '',
    orgUnitId: row.org_unit_id == null ? '' : String(row.org_unit_id),
    managerUsername: row.manager_username ?? '',
    password: '',
    roles: roles.map((r) => r.role),
    isActive: !!row.is_active,
    breakGlass: !!row.break_glass,
  };
}

/**
 * Saves changes to an account. Closing access ends the user's sessions at once. `mayLockOut`
 * is the policy's answer to "may the actor close this account or drop its admin role" (false
 * for one's own account).
 */
export async function updateUser(
  database: Database,
  id: string,
  input: UserInput,
  actor: AuditActor | null,
  opts: { scryptCost: number; ip?: string | null; mayLockOut: boolean },
): Promise<{ ok: true; sessionsEnded: boolean } | { ok: false; errors: UserErrors } | { ok: false; notFound: true }> {
  const before = await getUser(database, id);
  if (!before) return { ok: false, notFound: true };
  const { errors, unitId, managerId, roles } = await validate(database, input, id);
  const losesAdmin = before.roles.includes('admin') && !roles.includes('admin');
  if (!opts.mayLockOut && (losesAdmin || (before.isActive && !input.isActive))) {
    errors[losesAdmin ? 'roles' : 'isActive'] = 'users.error.selfAdmin';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = input.password ? await hashPassword(input.password, opts.scryptCost) : null;

  const after = {
    username: clean(input.username).toLowerCase(),
    displayName: clean(input.displayName),
    email: clean(input.email),
    phone: clean(input.phone),
    title: clean(input.title),
    orgUnitId: unitId == null ? '' : String(unitId),
    managerUsername: clean(input.managerUsername).toLowerCase(),
    isActive: input.isActive,
    breakGlass: input.breakGlass ?? before.breakGlass ?? false,
    roles,
  };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof typeof after>) {
    const from = key === 'roles' ? [...before.roles].sort().join(',') : before[key];
    const to = key === 'roles' ? [...after.roles].sort().join(',') : after[key];
    if (from !== to) changed[key] = { from, to };
  }
  const closing = before.isActive && !input.isActive;
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({
        username: after.username,
        display_name: after.displayName,
        email: after.email || null,
        phone: after.phone || null,
        title: after.title || null,
        org_unit_id: unitId,
        manager_id: managerId,
        is_active: input.isActive ? 1 : 0,
        break_glass: after.breakGlass ? 1 : 0,
        updated_at: nowIso(),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
      })
      .where('id', '=', id)
      .execute();
    await tx.db.deleteFrom('user_roles').where('user_id', '=', id).execute();
    if (roles.length)
      await tx.db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: id, role })))
        .execute();
    if (closing || passwordHash) await tx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(tx, {
      actor,
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      summary: `Updated user ${after.username}`,
      details: { changed, password_changed: !!passwordHash },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, sessionsEnded: closing };
}
