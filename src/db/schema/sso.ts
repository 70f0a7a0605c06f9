import type { Generated } from 'kysely';

/**
 * Table types for single sign-on (migration 2026-12-01-0014-sso, src/modules/sso). Merged into
 * DB in src/db/schema.ts. Instants are ISO strings, flags 0/1 (see src/db/schema.ts).
 */

/** The one identity provider (id 1). */
export interface SsoProviderTable {
  id: number;
  enabled: number;
  issuer: string;
  client_id: string;
  /** Never shown back in full; null until one is saved. */
  client_secret: string | null;
  scopes: string;
  /** "Log ind med <button_name>" on the sign-in page. */
  button_name: string;
  /** Who to contact when sign-in fails ("IT-support, tlf. 1234 5678"). */
  contact: string;
  /** The claim a person is matched by, together with the issuer (default `sub`). */
  match_claim: string;
  create_users: number;
  username_claim: string;
  group_claim: string;
  updated_at: string;
}

export interface SsoGroupRuleTable {
  id: Generated<number>;
  position: number;
  group_name: string;
  kind: 'role' | 'unit';
  role: string | null;
  unit_id: number | null;
  created_at: string;
}

/** A sign-in under way: one-time, bound to the browser by `browser_hash` (SHA-256 of its cookie). */
export interface SsoLoginTable {
  state: string;
  nonce: string;
  code_verifier: string;
  browser_hash: string;
  next: string;
  created_at: string;
  used_at: string | null;
}

/** The ID token of a session begun by single sign-on, for the provider's sign-out. */
export interface SsoSessionTable {
  /** `sessions.id` (the hashed session id). */
  session_id: string;
  id_token: string;
  created_at: string;
}

export interface SsoTables {
  sso_provider: SsoProviderTable;
  sso_group_rules: SsoGroupRuleTable;
  sso_logins: SsoLoginTable;
  sso_sessions: SsoSessionTable;
}
