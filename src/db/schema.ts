import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database types, in one place (DESIGN.md).
 *
 * Portable conventions, so the same queries run on SQLite and PostgreSQL:
 * - instants are ISO-8601 UTC strings in code (`timestamptz` on PostgreSQL, TEXT on SQLite;
 *   the PostgreSQL pool parses them back to ISO strings, see src/db/index.ts);
 * - flags are integers 0/1 (better-sqlite3 cannot bind booleans);
 * - integer ids are numbers (PostgreSQL BIGINT is parsed to a number at the pool).
 */

export interface OrgUnitTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: 'municipality' | 'directorate' | 'unit';
  name: string;
  short_name: string | null;
  email: string | null;
  phone: string | null;
  sort_order: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  org_unit_id: number | null;
  manager_id: string | null;
  password_hash: string | null;
  locale: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the token in the cookie; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: string | null;
  details: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface LoginAttemptTable {
  /** `user:<username>` or `ip:<address>`. */
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface JobLeaseTable {
  key: string;
  job: string;
  instance: string;
  acquired_at: string;
  expires_at: string;
  released_at: string | null;
}

export interface JobRunTable {
  id: Generated<number>;
  job: string;
  lease_key: string | null;
  trigger: 'scheduled' | 'manual' | 'startup';
  instance: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'failed';
  detail: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface DB {
  org_units: OrgUnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptTable;
  job_leases: JobLeaseTable;
  job_runs: JobRunTable;
  settings: SettingTable;
}

export type OrgUnit = Selectable<OrgUnitTable>;
export type NewOrgUnit = Insertable<OrgUnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type JobRun = Selectable<JobRunTable>;
