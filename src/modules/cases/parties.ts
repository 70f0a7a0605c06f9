import { appendAudit, audit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { CasePartyTable } from '../../db/schema.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Selectable } from 'kysely';
import type { CaseRow } from './access.ts';
import { maskCpr, validateCpr, validateCvr } from '../../identity/index.ts';
import { reindexCase } from './search-index.ts';

/**
 * Case parties: persons (CPR), companies (CVR) and others, each with a role. A CPR number is shown
 * masked (DDMMYY-XXXX); showing it in full is a separate, audited action for those who need it.
 */

export const PARTY_KINDS = ['person', 'company', 'other'] as const;
export const PARTY_ROLES = ['party', 'representative', 'copy'] as const;

export interface PartyInput {
  kind: string;
  role: string;
  name: string;
  cpr: string;
  cvr: string;
  address: string;
  email: string;
  phone: string;
}

export type PartyErrors = Partial<Record<keyof PartyInput, MessageKey>>;

export type PartyRow = Selectable<CasePartyTable>;

export interface PartyView extends Omit<PartyRow, 'cpr'> {
  /** Always masked here; see `unmaskCpr`. */
  cprMasked: string | null;
}

export function toView(p: PartyRow): PartyView {
  const { cpr, ...rest } = p;
  return { ...rest, cprMasked: cpr ? maskCpr(cpr) : null };
}

export async function listParties(database: Database, caseId: number): Promise<PartyView[]> {
  const rows = await database.db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map(toView);
}

const clean = (s: string | undefined) => (s ?? '').trim();

export async function addParty(
  database: Database,
  c: CaseRow,
  input: PartyInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: PartyErrors }> {
  const errors: PartyErrors = {};
  const kind = clean(input.kind) as PartyRow['kind'];
  const role = clean(input.role) as PartyRow['role'];
  if (!(PARTY_KINDS as readonly string[]).includes(kind)) errors.kind = 'parties.error.kind';
  if (!(PARTY_ROLES as readonly string[]).includes(role)) errors.role = 'parties.error.role';
  const name = clean(input.name);
  if (!name || name.length > 300) errors.name = 'parties.error.name';
  let cpr: string | null = null;
  let cvr: string | null = null;
  if (kind === 'person' && clean(input.cpr)) {
    const r = validateCpr(clean(input.cpr));
    if (!r.ok) errors.cpr = r.reason === 'future' ? 'cases.error.cprFuture' : 'cases.error.cpr';
    else cpr = r.cpr;
  }
  if (kind === 'company') {
    const r = validateCvr(clean(input.cvr));
    if (!r.ok) errors.cvr = 'cases.error.cvr';
    else cvr = r.cvr;
  }
  const email = clean(input.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'parties.error.email';
  if (Object.keys(errors).length) return { ok: false, errors };
  return writeTransaction(database, async (tx) => {
    const { id } = await tx.db
      .insertInto('case_parties')
      .values({
        case_id: c.id,
        kind,
        role,
        name,
        cpr,
        cvr,
        address: clean(input.address) || null,
        email: email || null,
        phone: clean(input.phone) || null,
        created_at: nowIso(),
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.updateTable('cases').set({ updated_at: nowIso() }).where('id', '=', c.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'party.create',
      entityType: 'case',
      entityId: c.id,
      summary: `Added ${kind} party ${name} (${role}) to ${c.number}`,
      // The CPR number itself never goes into the log: masked only.
      details: { party: id, kind, role, name, cpr: cpr ? maskCpr(cpr) : null, cvr },
      ip: opts.ip ?? null,
    });
    await reindexCase(tx, c.id);
    return { ok: true as const, id };
  });
}

/** The full CPR number, for someone the policy allows; every call is in the audit log (GDPR). */
export async function unmaskCpr(
  database: Database,
  c: CaseRow,
  partyId: number,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ name: string; cpr: string } | null> {
  const p = await database.db
    .selectFrom('case_parties')
    .select(['id', 'name', 'cpr'])
    .where('id', '=', partyId)
    .where('case_id', '=', c.id)
    .executeTakeFirst();
  if (!p?.cpr) return null;
  await audit(database, {
    actor,
    action: 'party.unmask',
    entityType: 'case',
    entityId: c.id,
    summary: `Showed the CPR number of ${p.name} on ${c.number}`,
    details: { party: p.id, cpr: maskCpr(p.cpr) },
    ip: opts.ip ?? null,
  });
  return { name: p.name, cpr: p.cpr };
}
