import type { Generated } from 'kysely';

/**
 * Table types for the local CPR and CVR registers (migrations/2026-12-01-0003-registers.ts).
 * Merged into DB in src/db/schema.ts. Instants are ISO strings, flags 0/1 (see src/db/schema.ts).
 */

export interface RegisterPersonTable {
  /** 10 digits, no dash. */
  cpr: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  /** Navne- og adressebeskyttelse: the address is shown only to those the policy allows. */
  protected_address: number;
  deceased: number;
  /** Exempt from Digital Post (migration 2026-12-01-0005): letters go by remote print. */
  digital_post_exempt: Generated<number>;
  updated_at: string;
}

export interface RegisterCompanyTable {
  /** 8 digits. */
  cvr: string;
  name: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  /** e.g. 'active', 'ceased'. */
  status: string;
  updated_at: string;
}

export interface RegistersTables {
  register_persons: RegisterPersonTable;
  register_companies: RegisterCompanyTable;
}
