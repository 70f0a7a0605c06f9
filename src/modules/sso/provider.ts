import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { LOCAL_PASSWORDS_SETTING, localPasswordsOn } from '../../auth/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { putSetting } from '../../db/settings.ts';
import { toId } from '../../db/sql.ts';
import { isRole, type Role } from '../../policy/index.ts';

/**
 * The identity provider's set-up and the group rules, as the admin page edits them
 * (/admin/sso). One provider (row id 1 of `sso_provider`); the client secret is stored and never
 * handed back to a page: views get `secretSaved` instead.
 */

export const DEFAULTS = {
  scopes: 'openid profile email',
  matchClaim: 'sub',
  usernameClaim: 'preferred_username',
  groupClaim: 'groups',
};

export interface ProviderSettings {
  enabled: boolean;
  issuer: string;
  clientId: string;
  scopes: string;
  buttonName: string;
  contact: string;
  matchClaim: string;
  createUsers: boolean;
  usernameClaim: string;
  groupClaim: string;
}

/** What a page may see of the provider: everything but the secret. */
export interface ProviderView extends ProviderSettings {
  secretSaved: boolean;
}

/** The provider with its secret, for the sign-in flow only. */
export interface ProviderConfig extends ProviderSettings {
  clientSecret: string | null;
  updatedAt: string;
}

export function emptyProvider(): ProviderView {
  return {
    enabled: false,
    issuer: '',
    clientId: '',
    scopes: DEFAULTS.scopes,
    buttonName: '',
    contact: '',
    matchClaim: DEFAULTS.matchClaim,
    createUsers: false,
    usernameClaim: DEFAULTS.usernameClaim,
    groupClaim: DEFAULTS.groupClaim,
    secretSaved: false,
  };
}

export async function loadProvider(database: Database): Promise<ProviderConfig | null> {
  const row = await database.db.selectFrom('sso_provider').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return null;
  return {
    enabled: row.enabled === 1,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    scopes: row.scopes,
    buttonName: row.button_name,
    contact: row.contact,
    matchClaim: row.match_claim,
    createUsers: row.create_users === 1,
    usernameClaim: row.username_claim,
    groupClaim: row.group_claim,
    updatedAt: row.updated_at,
  };
}

export function viewOf(p: ProviderConfig | null): ProviderView {
  if (!p) return emptyProvider();
  const { clientSecret, updatedAt: _updatedAt, ...rest } = p;
  return { ...rest, secretSaved: !!clientSecret };
}

/** Whether sign-in with the provider can be offered: switched on, with an issuer, a client and its secret. */
export function isUsable(p: ProviderConfig | null): p is ProviderConfig {
  return !!p && p.enabled && !!p.issuer && !!p.clientId && !!p.clientSecret;
}

export type ProviderField =
  | 'issuer'
  | 'clientId'
  | 'clientSecret'
  | 'scopes'
  | 'buttonName'
  | 'contact'
  | 'matchClaim'
  | 'usernameClaim'
  | 'groupClaim';
export type ProviderErrorKey =
  | 'sso.error.issuer'
  | 'sso.error.issuerHttp'
  | 'sso.error.clientId'
  | 'sso.error.clientSecret'
  | 'sso.error.scopes'
  | 'sso.error.buttonName'
  | 'sso.error.contact'
  | 'sso.error.claim';
export type ProviderErrors = Partial<Record<ProviderField, ProviderErrorKey>>;

export interface ProviderInput extends ProviderSettings {
  /** Empty: keep the saved secret. */
  clientSecret: string;
}

const CLAIM = /^[A-Za-z0-9_.:/-]{1,100}$/;

/** http is accepted only for the loopback addresses (a provider on the same machine, in tests). */
export function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function validIssuer(raw: string): ProviderErrorKey | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'sso.error.issuer';
  }
  if (url.search || url.hash) return 'sso.error.issuer';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url)) return null;
  return url.protocol === 'http:' ? 'sso.error.issuerHttp' : 'sso.error.issuer';
}

/** Saves the provider (the secret only when a new one was typed). Audited, without the secret. */
export async function saveProvider(
  database: Database,
  input: ProviderInput,
  actor: AuditActor,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; errors: ProviderErrors }> {
  const existing = await loadProvider(database);
  const v = {
    issuer: input.issuer.trim().replace(/\/+$/, ''),
    clientId: input.clientId.trim(),
    clientSecret: input.clientSecret,
    scopes: input.scopes.trim().split(/\s+/).filter(Boolean).join(' '),
    buttonName: input.buttonName.trim(),
    contact: input.contact.trim(),
    matchClaim: input.matchClaim.trim() || DEFAULTS.matchClaim,
    usernameClaim: input.usernameClaim.trim() || DEFAULTS.usernameClaim,
    groupClaim: input.groupClaim.trim() || DEFAULTS.groupClaim,
  };
  const errors: ProviderErrors = {};
  const issuerError = v.issuer ? validIssuer(v.issuer) : input.enabled ? 'sso.error.issuer' : null;
  if (issuerError) errors.issuer = issuerError;
  if (input.enabled && !v.clientId) errors.clientId = 'sso.error.clientId';
  if (v.clientId.length > 300) errors.clientId = 'sso.error.clientId';
  if (input.enabled && !v.clientSecret && !existing?.clientSecret) errors.clientSecret = 'sso.error.clientSecret';
  if (v.clientSecret.length > 1000) errors.clientSecret = 'sso.error.clientSecret';
  if (!v.scopes.split(' ').includes('openid') || v.scopes.length > 500) errors.scopes = 'sso.error.scopes';
  if ((input.enabled && !v.buttonName) || v.buttonName.length > 60) errors.buttonName = 'sso.error.buttonName';
  if ((input.enabled && !v.contact) || v.contact.length > 200) errors.contact = 'sso.error.contact';
  if (!CLAIM.test(v.matchClaim)) errors.matchClaim = 'sso.error.claim';
  if (!CLAIM.test(v.usernameClaim)) errors.usernameClaim = 'sso.error.claim';
  if (!CLAIM.test(v.groupClaim)) errors.groupClaim = 'sso.error.claim';
  if (Object.keys(errors).length) return { ok: false, errors };

  const now = nowIso();
  const row = {
    enabled: input.enabled ? 1 : 0,
    issuer: v.issuer,
    client_id: v.clientId,
    client_secret: v.clientSecret || existing?.clientSecret || null,
    scopes: v.scopes,
    button_name: v.buttonName,
    contact: v.contact,
    match_claim: v.matchClaim,
    create_users: input.createUsers ? 1 : 0,
    username_claim: v.usernameClaim,
    group_claim: v.groupClaim,
    updated_at: now,
  };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .insertInto('sso_provider')
      .values({ id: 1, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    const { client_secret: _secret, updated_at: _at, ...shown } = row;
    await appendAudit(tx, {
      actor,
      action: 'sso.configure',
      entityType: 'sso',
      entityId: '1',
      summary: `Saved the single sign-on provider ${v.issuer || '(none)'}${input.enabled ? ', enabled' : ', disabled'}`,
      details: { ...shown, secret_replaced: !!v.clientSecret },
      ip,
    });
  });
  return { ok: true };
}

// --- Group rules ---------------------------------------------------------------------------

export interface GroupRule {
  id: number;
  position: number;
  group: string;
  kind: 'role' | 'unit';
  role: Role | null;
  unitId: number | null;
  unitName: string | null;
}

export async function listRules(database: Database): Promise<GroupRule[]> {
  const rows = await database.db
    .selectFrom('sso_group_rules as r')
    .leftJoin('org_units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.position', 'r.group_name', 'r.kind', 'r.role', 'r.unit_id', 'u.name as unit_name'])
    .orderBy('r.position')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    group: r.group_name,
    kind: r.kind,
    role: isRole(r.role) ? r.role : null,
    unitId: r.unit_id,
    unitName: r.unit_name,
  }));
}

export interface RuleInput {
  group: string;
  kind: string;
  role: string;
  unitId: string;
}
export type RuleErrors = Partial<Record<'group' | 'kind' | 'role' | 'unitId', RuleErrorKey>>;
export type RuleErrorKey =
  'sso.rule.error.group' | 'sso.rule.error.kind' | 'sso.rule.error.role' | 'sso.rule.error.unit';

export async function addRule(
  database: Database,
  input: RuleInput,
  actor: AuditActor,
  ip: string | null,
): Promise<{ ok: true; id: number } | { ok: false; errors: RuleErrors }> {
  const group = input.group.trim();
  const errors: RuleErrors = {};
  if (!group || group.length > 300) errors.group = 'sso.rule.error.group';
  let role: Role | null = null;
  let unitId: number | null = null;
  if (input.kind === 'role') {
    if (isRole(input.role)) role = input.role;
    else errors.role = 'sso.rule.error.role';
  } else if (input.kind === 'unit') {
    const id = toId(input.unitId);
    const unit = id
      ? await database.db.selectFrom('org_units').select('id').where('id', '=', id).executeTakeFirst()
      : undefined;
    if (unit) unitId = unit.id;
    else errors.unitId = 'sso.rule.error.unit';
  } else errors.kind = 'sso.rule.error.kind';
  if (Object.keys(errors).length) return { ok: false, errors };
  const kind = input.kind as 'role' | 'unit';
  return writeTransaction(database, async (tx) => {
    const last = await tx.db
      .selectFrom('sso_group_rules')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst();
    const { id } = await tx.db
      .insertInto('sso_group_rules')
      .values({
        position: Number(last?.max ?? 0) + 1,
        group_name: group,
        kind,
        role,
        unit_id: unitId,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'sso.rule.create',
      entityType: 'sso_rule',
      entityId: id,
      summary: `Added the sign-on rule: members of ${group} ${kind === 'role' ? `get role ${role}` : `are placed in unit ${unitId}`}`,
      details: { group, kind, role, unitId },
      ip,
    });
    return { ok: true as const, id };
  });
}

export async function deleteRule(database: Database, id: number, actor: AuditActor, ip: string | null) {
  return writeTransaction(database, async (tx) => {
    const rule = await tx.db.selectFrom('sso_group_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!rule) return false;
    await tx.db.deleteFrom('sso_group_rules').where('id', '=', id).execute();
    await appendAudit(tx, {
      actor,
      action: 'sso.rule.delete',
      entityType: 'sso_rule',
      entityId: id,
      summary: `Removed the sign-on rule for group ${rule.group_name}`,
      details: { group: rule.group_name, kind: rule.kind, role: rule.role, unitId: rule.unit_id },
      ip,
    });
    return true;
  });
}

/** Moves a rule one place up or down (swaps positions with its neighbour). */
export async function moveRule(
  database: Database,
  id: number,
  direction: 'up' | 'down',
  actor: AuditActor,
  ip: string | null,
) {
  return writeTransaction(database, async (tx) => {
    const rules = await tx.db
      .selectFrom('sso_group_rules')
      .select(['id', 'position', 'group_name'])
      .orderBy('position')
      .orderBy('id')
      .execute();
    const at = rules.findIndex((r) => r.id === id);
    if (at < 0) return false;
    const other = direction === 'up' ? at - 1 : at + 1;
    if (other < 0 || other >= rules.length) return true;
    [rules[at], rules[other]] = [rules[other]!, rules[at]!];
    for (const [i, r] of rules.entries())
      await tx.db
        .updateTable('sso_group_rules')
        .set({ position: i + 1 })
        .where('id', '=', r.id)
        .execute();
    await appendAudit(tx, {
      actor,
      action: 'sso.rule.move',
      entityType: 'sso_rule',
      entityId: id,
      summary: `Moved the sign-on rule for group ${rules[other]!.group_name} ${direction}`,
      details: { direction },
      ip,
    });
    return true;
  });
}

// --- Local passwords ---------------------------------------------------------------------

/** Active administrators who may still sign in with a password when local passwords are off. */
export async function breakGlassAdmins(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => eb.fn.count<number>('users.id').distinct().as('n'))
    .where('users.break_glass', '=', 1)
    .where('users.is_active', '=', 1)
    .where('users.password_hash', 'is not', null)
    .where('user_roles.role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every account marked break-glass (active or not), as the page shows it. */
export async function breakGlassAccounts(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('break_glass', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type LocalPasswordsRefusal = 'sso.local.error.noSso' | 'sso.local.error.noBreakGlass';

/**
 * Switches local passwords on or off. Off is refused unless single sign-on is set up and
 * enabled and at least one active break-glass administrator (with a password) exists, so that
 * nobody can lock every administrator out.
 */
export async function setLocalPasswords(
  database: Database,
  on: boolean,
  actor: AuditActor,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; reason: LocalPasswordsRefusal }> {
  return writeTransaction(database, async (tx) => {
    if (!on) {
      if (!isUsable(await loadProvider(tx))) return { ok: false as const, reason: 'sso.local.error.noSso' as const };
      if ((await breakGlassAdmins(tx)) < 1)
        return { ok: false as const, reason: 'sso.local.error.noBreakGlass' as const };
    }
    const was = await localPasswordsOn(tx);
    await putSetting(tx, LOCAL_PASSWORDS_SETTING, on ? 'on' : 'off');
    await appendAudit(tx, {
      actor,
      action: 'sso.localPasswords',
      entityType: 'sso',
      entityId: '1',
      summary: on ? 'Switched local passwords on' : 'Switched local passwords off (break-glass accounts only)',
      details: { from: was ? 'on' : 'off', to: on ? 'on' : 'off' },
      ip,
    });
    return { ok: true as const };
  });
}
