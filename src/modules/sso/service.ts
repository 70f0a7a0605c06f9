import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { isRole, ROLES, type Role } from '../../policy/index.ts';
import { createUser } from '../users/index.ts';
import { listRules, type GroupRule, type ProviderConfig } from './provider.ts';

/**
 * Who a checked ID token is, in Samspil: the person is found by the issuer and the configured
 * claim (default `sub`) in `user_identities` — never by e-mail — or, when the provider allows it,
 * created on their first sign-in. Then the group rules are applied, in one transaction with the
 * identity's `last_used_at` and an audit entry naming what changed.
 *
 * Rules manage only the roles that appear in some rule: such a role is given to members of a
 * group that has it and taken from everyone else at their next sign-in. A role no rule names
 * (given by hand on /admin/users) is never touched. A unit rule places the person in the unit
 * of the first matching rule (in the rules' order); with no matching unit rule the unit stays
 * as it is.
 */

export type Claims = Record<string, unknown>;

export type SignInFailure = 'claim_missing' | 'no_account' | 'inactive' | 'create_failed';

export type ClaimsResult =
  | { ok: true; user: { id: string; name: string }; created: boolean; changes: RuleChanges }
  | { ok: false; reason: SignInFailure; detail: string; userId?: string };

export interface RuleChanges {
  added: Role[];
  removed: Role[];
  unit: { from: number | null; to: number } | null;
}

/** The groups a person is in, from the configured claim (an array of strings, or one string). */
export function groupsOf(claims: Claims, claim: string): string[] {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value === 'string' && value) return [value];
  return [];
}

/** What the rules say for these groups: the roles they manage, the roles to have, the unit. */
export function planRules(
  rules: GroupRule[],
  groups: string[],
): { managed: Set<Role>; wanted: Set<Role>; unitId: number | null } {
  const member = new Set(groups);
  const managed = new Set<Role>();
  const wanted = new Set<Role>();
  let unitId: number | null = null;
  for (const rule of rules) {
    if (rule.kind === 'role' && rule.role) {
      managed.add(rule.role);
      if (member.has(rule.group)) wanted.add(rule.role);
    } else if (rule.kind === 'unit' && rule.unitId != null && unitId == null && member.has(rule.group)) {
      unitId = rule.unitId;
    }
  }
  return { managed, wanted, unitId };
}

function claimString(claims: Claims, name: string): string | null {
  const v = claims[name];
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return null;
}

/** A username from the claim (or the e-mail's local part): lower case, our pattern, made unique. */
export async function deriveUsername(database: Database, claims: Claims, claim: string): Promise<string | null> {
  const raw = claimString(claims, claim) ?? claimString(claims, 'email');
  if (!raw) return null;
  let base = raw
    .toLowerCase()
    .split('@')[0]!
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[._-]+$/, '')
    .slice(0, 34);
  if (base.length < 2) base = `${base}bruger`.slice(0, 34);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    const taken = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', candidate)
      .executeTakeFirst();
    if (!taken) return candidate;
  }
  return null;
}

function displayNameOf(claims: Claims, username: string): string {
  const name = claimString(claims, 'name');
  if (name) return name.slice(0, 200);
  const parts = [claimString(claims, 'given_name'), claimString(claims, 'family_name')].filter(Boolean);
  return parts.length ? parts.join(' ').slice(0, 200) : username;
}

/**
 * Finds (or creates) the person for checked claims and applies the group rules. Does not start
 * the session: the route does that through AuthService.startSession.
 */
export async function signInWithClaims(
  database: Database,
  provider: ProviderConfig,
  claims: Claims,
  opts: { ip: string | null; scryptCost: number },
): Promise<ClaimsResult> {
  const issuer = claimString(claims, 'iss');
  const subject = claimString(claims, provider.matchClaim);
  if (!issuer || !subject)
    return {
      ok: false,
      reason: 'claim_missing',
      detail: `the ID token has no ${issuer ? provider.matchClaim : 'iss'}`,
    };
  const subjectKey = subject.slice(0, 500);
  const rules = await listRules(database);
  const groups = groupsOf(claims, provider.groupClaim);
  const plan = planRules(rules, groups);

  return writeTransaction(database, async (tx) => {
    const known = await tx.db
      .selectFrom('user_identities as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['u.id', 'u.display_name', 'u.is_active', 'u.org_unit_id'])
      .where('i.issuer', '=', issuer)
      .where('i.subject', '=', subjectKey)
      .executeTakeFirst();
    let user: { id: string; display_name: string; is_active: number; org_unit_id: number | null };
    let created = false;
    const now = nowIso();
    if (known) {
      if (known.is_active !== 1)
        return { ok: false as const, reason: 'inactive' as const, detail: 'the account is closed', userId: known.id };
      user = known;
      await tx.db
        .updateTable('user_identities')
        .set({ last_used_at: now })
        .where('issuer', '=', issuer)
        .where('subject', '=', subjectKey)
        .execute();
    } else {
      if (!provider.createUsers)
        return {
          ok: false as const,
          reason: 'no_account' as const,
          detail: `no account for ${provider.matchClaim} ${subjectKey.slice(0, 100)} and creation is off`,
        };
      const username = await deriveUsername(tx, claims, provider.usernameClaim);
      if (!username)
        return { ok: false as const, reason: 'create_failed' as const, detail: 'no username claim and no e-mail' };
      const email = claimString(claims, 'email') ?? '';
      const displayName = displayNameOf(claims, username);
      const result = await createUser(
        tx,
        {
          username,
          displayName,
          email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : '',
          phone: '',
          title: '',
          orgUnitId: plan.unitId == null ? '' : String(plan.unitId),
          managerUsername: '',
          password: '',
          roles: [],
          isActive: true,
        },
        null,
        { scryptCost: opts.scryptCost, ip: opts.ip },
      );
      if (!result.ok)
        return {
          ok: false as const,
          reason: 'create_failed' as const,
          detail: `creating ${username} failed: ${Object.values(result.errors).join(', ')}`,
        };
      await tx.db
        .insertInto('user_identities')
        .values({ issuer, subject: subjectKey, user_id: result.id, created_at: now, last_used_at: now })
        .execute();
      await appendAudit(tx, {
        actor: { id: result.id, name: displayName },
        action: 'sso.user.create',
        entityType: 'user',
        entityId: result.id,
        summary: `Created ${username} at the first sign-on from ${issuer}`,
        details: { issuer, subject: subjectKey.slice(0, 100), username },
        ip: opts.ip,
      });
      user = { id: result.id, display_name: displayName, is_active: 1, org_unit_id: plan.unitId };
      created = true;
    }

    // The rules: managed roles added or taken away, the unit of the first matching unit rule.
    const have = new Set(
      (await tx.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute())
        .map((r) => r.role)
        .filter(isRole),
    );
    const added = ROLES.filter((r) => plan.managed.has(r) && plan.wanted.has(r) && !have.has(r));
    const removed = ROLES.filter((r) => plan.managed.has(r) && !plan.wanted.has(r) && have.has(r));
    if (added.length)
      await tx.db
        .insertInto('user_roles')
        .values(added.map((role) => ({ user_id: user.id, role })))
        .execute();
    if (removed.length)
      await tx.db.deleteFrom('user_roles').where('user_id', '=', user.id).where('role', 'in', removed).execute();
    const unit =
      plan.unitId != null && plan.unitId !== user.org_unit_id ? { from: user.org_unit_id, to: plan.unitId } : null;
    if (unit)
      await tx.db
        .updateTable('users')
        .set({ org_unit_id: unit.to, updated_at: now })
        .where('id', '=', user.id)
        .execute();
    const changes = { added, removed, unit };
    if (added.length || removed.length || unit)
      await appendAudit(tx, {
        actor: { id: user.id, name: user.display_name },
        action: 'sso.rules.apply',
        entityType: 'user',
        entityId: user.id,
        summary: [
          'Sign-on group rules applied:',
          added.length ? `roles added ${added.join(', ')}` : '',
          removed.length ? `roles removed ${removed.join(', ')}` : '',
          unit ? `unit ${unit.from ?? 'none'} → ${unit.to}` : '',
        ]
          .filter(Boolean)
          .join(' '),
        details: { added, removed, unit, groups: groups.slice(0, 50) },
        ip: opts.ip,
      });
    return { ok: true as const, user: { id: user.id, name: user.display_name }, created, changes };
  });
}
