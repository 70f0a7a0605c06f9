/**
 * Table types for the users module's own additions (migrations/2026-12-01-0015-password-resets.ts).
 * Merged into DB in src/db/schema.ts.
 */

/** A one-time password-reset link: only the SHA-256 of its token is stored. */
export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface UsersTables {
  password_resets: PasswordResetTable;
}
