import { audit, auditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { maskCpr, validateCpr, validateCvr } from '../../identity/index.ts';
import { can, type Actor } from '../../policy/index.ts';

/**
 * The CPR and CVR registers (issue 10). The app asks them through two interfaces, so the local
 * register in the database (imported from CSV: the demo, tests, municipalities with a replica)
 * and the Serviceplatformen clients (SF1520 for CPR in sf1520.ts, SF1530 for CVR in sf1530.ts)
 * are interchangeable; `registersFor` picks them by REGISTERS. Every question goes through
 * `lookupPerson` / `lookupCompany`, which write the audit entry with its purpose (also when the
 * register fails to answer) and apply the protected-address rule.
 */

export interface RegisterPerson {
  /** 10 digits, no dash. */
  cpr: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  protectedAddress: boolean;
  deceased: boolean;
  /**
   * Exempt from Digital Post, or without a digital mailbox: letters go by remote print. Optional,
   * since not every register can tell (absent means digital).
   */
  digitalPostExempt?: boolean;
}

export interface RegisterCompany {
  /** 8 digits. */
  cvr: string;
  name: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  status: string;
}

export interface PersonRegister {
  /** The person with this CPR number (validated by the caller), or null when the register has none. */
  lookup(cpr: string): Promise<RegisterPerson | null>;
}

export interface CompanyRegister {
  lookup(cvr: string): Promise<RegisterCompany | null>;
}

/** The person register kept in the database (`register_persons`). */
export function localPersonRegister(database: Database): PersonRegister {
  return {
    async lookup(cpr) {
      const row = await database.db
        .selectFrom('register_persons')
        .selectAll()
        .where('cpr', '=', cpr)
        .executeTakeFirst();
      if (!row) return null;
      return {
        cpr: row.cpr,
        name: row.name,
        street: row.street,
        postcode: row.postcode,
        city: row.city,
        protectedAddress: row.protected_address === 1,
        deceased: row.deceased === 1,
        digitalPostExempt: row.digital_post_exempt === 1,
      };
    },
  };
}

/** The company register kept in the database (`register_companies`). */
export function localCompanyRegister(database: Database): CompanyRegister {
  return {
    async lookup(cvr) {
      const row = await database.db
        .selectFrom('register_companies')
        .selectAll()
        .where('cvr', '=', cvr)
        .executeTakeFirst();
      if (!row) return null;
      return {
        cvr: row.cvr,
        name: row.name,
        address: row.address,
        postcode: row.postcode,
        city: row.city,
        status: row.status,
      };
    },
  };
}

/** Who asks: the policy's actor and the name the audit log records. */
export type RegisterViewer = Actor & { displayName: string };

/** Why the register is asked: every lookup names the case it is for. */
export interface LookupOptions {
  purpose: { caseId: number };
  ip?: string | null;
}

export interface PersonAddress {
  street: string | null;
  postcode: string | null;
  city: string | null;
}

export type PersonLookup =
  | { status: 'invalid' }
  | { status: 'not_found' }
  | {
      status: 'found';
      cpr: string;
      name: string;
      /** Null when the address is protected and the viewer may not see it. */
      address: PersonAddress | null;
      /**
       * The person has navne- og adressebeskyttelse. Also true for a viewer who may see the address,
       * so that they know not to pass it on (in a letter to someone else, a party list …).
       */
      addressProtected: boolean;
      deceased: boolean;
      /** Present (true) when letters go by remote print (see RegisterPerson). */
      digitalPostExempt?: true;
    };

export type CompanyLookup =
  { status: 'invalid' } | { status: 'not_found' } | { status: 'found'; company: RegisterCompany };

const digitsOf = (n: string) => n.replace(/\D/g, '');

/**
 * Asks a register. A question may have reached the register (Serviceplatformen) even when no
 * answer came back, so a failure is audited like an answer, with its kind (the
 * ServiceplatformenError's, never its text), and then passed on.
 */
async function ask<T>(
  lookup: () => Promise<T | null>,
): Promise<{ answer: T | null; failed: { kind: string; error: unknown } | null }> {
  try {
    return { answer: await lookup(), failed: null };
  } catch (error) {
    const kind = (error as { kind?: unknown } | null)?.kind;
    return { answer: null, failed: { kind: typeof kind === 'string' ? kind : 'error', error } };
  }
}

/**
 * The one way the app asks the CPR register. Writes `register.cpr.lookup` with the purpose (the
 * case) and the masked number — never the full one; an invalid number asks nothing and logs
 * nothing. A protected address is replaced by null unless the viewer may see it.
 */
export async function lookupPerson(
  database: Database,
  register: PersonRegister,
  viewer: RegisterViewer,
  cpr: string,
  opts: LookupOptions,
): Promise<PersonLookup> {
  const valid = validateCpr(cpr);
  if (!valid.ok) return { status: 'invalid' };
  const digits = digitsOf(valid.cpr);
  const { answer: person, failed } = await ask(() => register.lookup(digits));
  const hidden = !!person?.protectedAddress && !can(viewer, 'registers.viewProtectedAddress');
  await audit(database, {
    actor: auditActor(viewer),
    action: 'register.cpr.lookup',
    entityType: 'case',
    entityId: opts.purpose.caseId,
    summary: `Looked up ${maskCpr(digits)} in the CPR register${failed ? ' (failed)' : ''}`,
    details: {
      cpr: maskCpr(digits),
      purpose: { caseId: opts.purpose.caseId },
      ...(failed ? { failed: failed.kind } : { found: !!person }),
      ...(person?.protectedAddress ? { addressShown: !hidden } : {}),
    },
    ip: opts.ip ?? null,
  });
  if (failed) throw failed.error;
  if (!person) return { status: 'not_found' };
  return {
    status: 'found',
    cpr: person.cpr,
    name: person.name,
    address: hidden ? null : { street: person.street, postcode: person.postcode, city: person.city },
    addressProtected: person.protectedAddress,
    deceased: person.deceased,
    ...(person.digitalPostExempt ? { digitalPostExempt: true as const } : {}),
  };
}

/** The one way the app asks the CVR register (`register.cvr.lookup`, with the purpose). */
export async function lookupCompany(
  database: Database,
  register: CompanyRegister,
  viewer: RegisterViewer,
  cvr: string,
  opts: LookupOptions,
): Promise<CompanyLookup> {
  const valid = validateCvr(cvr);
  if (!valid.ok) return { status: 'invalid' };
  const { answer: company, failed } = await ask(() => register.lookup(valid.cvr));
  await audit(database, {
    actor: auditActor(viewer),
    action: 'register.cvr.lookup',
    entityType: 'case',
    entityId: opts.purpose.caseId,
    summary: `Looked up CVR ${valid.cvr} in the CVR register${failed ? ' (failed)' : ''}`,
    details: {
      cvr: valid.cvr,
      purpose: { caseId: opts.purpose.caseId },
      ...(failed ? { failed: failed.kind } : { found: !!company }),
    },
    ip: opts.ip ?? null,
  });
  if (failed) throw failed.error;
  if (!company) return { status: 'not_found' };
  return { status: 'found', company };
}
