import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AccessRequestsTables } from './schema/access-requests.ts';
import type { DigitalPostTables } from './schema/digital-post.ts';
import type { DirectoryImportTables } from './schema/directory-import.ts';
import type { LettersTables } from './schema/letters.ts';
import type { MeetingsTables } from './schema/meetings.ts';
import type { NewsTables } from './schema/news.ts';
import type { PagesTables } from './schema/pages.ts';
import type { PeopleTables } from './schema/people.ts';
import type { RegistersTables } from './schema/registers.ts';
import type { RecordsTables } from './schema/records.ts';
import type { RoomsTables } from './schema/rooms.ts';
import type { SsoTables } from './schema/sso.ts';
import type { UsersTables } from './schema/users.ts';

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
  /** The unit's key in the system the directory import reads (OS2mo unit UUID, HR department code). */
  external_id: string | null;
}

/** The people named as a unit's leaders, in order (migration 2026-12-01-0013). */
export interface OrgUnitLeaderTable {
  unit_id: number;
  user_id: string;
  sort_order: number;
  created_at: string;
}

/** A person's account at an identity provider: the stable claim single sign-on matches on. */
export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_used_at: string | null;
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
  last_seen_at: string | null;
  last_digest_at: string | null;
  /** The newest sign-in, by password or single sign-on. */
  last_sign_in_at: string | null;
  /** The person's key in the imported system (OS2mo person UUID, HR employee number); unique. */
  external_id: string | null;
  /** 1: may sign in with the local password when local passwords are switched off for everyone else. */
  break_glass: Generated<number>;
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

/** The municipality's logo (migration 0019): a PNG blob; the newest row is the one shown. */
export interface MunicipalityLogoTable {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface KleSubjectTable {
  /** `00`, `00.01` or `00.01.00`. */
  number: string;
  /** 1 main group, 2 group, 3 subject. */
  level: number;
  parent_number: string | null;
  title: string;
  uuid: string | null;
  /** Retention from the plan: 'preserve' (B), 'dispose' (K), 'review' (B/K); null when the plan says nothing. */
  retention: string | null;
  retention_years: number | null;
  /** KL's SletningJaevnfoerPersondataloven as written (an xs:duration such as P1825D). */
  deletion_period: string | null;
  /** The municipality's own rule (records manager, with a reason); in force over KL's when set. */
  local_retention: string | null;
  local_retention_years: number | null;
  local_reason: string | null;
  local_changed_by: string | null;
  local_changed_at: string | null;
  guidance: string | null;
  created_date: string | null;
  changed_date: string | null;
  /** The date the plan retired this number (UdgaaetDato); kept so numbers in use stay valid. */
  expired_date: string | null;
  updated_at: string;
}

export interface KleFacetTable {
  /** e.g. `G01`. */
  code: string;
  category_code: string;
  category_title: string;
  title: string;
  uuid: string | null;
  /** KL's BevaringJaevnfoerArkivloven on the facet, mapped as on subjects. */
  retention: string | null;
  retention_years: number | null;
  local_retention: string | null;
  local_retention_years: number | null;
  local_reason: string | null;
  local_changed_by: string | null;
  local_changed_at: string | null;
  guidance: string | null;
  expired_date: string | null;
  updated_at: string;
}

export interface KleImportTable {
  id: Generated<number>;
  kind: 'subjects' | 'facets';
  published: string | null;
  imported_at: string;
  imported_by: string | null;
  /** JSON: what changed. */
  report: string;
}

export interface NumberSequenceTable {
  key: string;
  last_value: number;
}

export type CaseType = 'subject' | 'geo' | 'citizen' | 'company' | 'access_request';
export type CaseStatus = 'open' | 'closed' | 'archived';

export interface CaseTable {
  id: Generated<number>;
  number: string;
  type: CaseType;
  title: string;
  description: string | null;
  status: CaseStatus;
  kle_number: string;
  facet_code: string;
  parent_id: number | null;
  unit_id: number;
  caseworker_id: string | null;
  confidential: number;
  retention: 'preserve' | 'dispose' | 'review';
  retention_years: number | null;
  retention_overridden: number;
  /** Why a records manager overrode the inherited rule. */
  retention_reason: string | null;
  /** yyyy-mm-dd: when the case's personal data should be deleted (closed + the deletion period). */
  deletion_due_on: string | null;
  address: string | null;
  /** GeoJSON geometry (Point or Polygon, WGS84 lon/lat). */
  geometry: string | null;
  geo_lat: number | null;
  geo_lng: number | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  closed_at: string | null;
  archived_at: string | null;
}

export interface CaseAccessTable {
  id: Generated<number>;
  case_id: number;
  user_id: string | null;
  unit_id: number | null;
}

export interface CasePartyTable {
  id: Generated<number>;
  case_id: number;
  kind: 'person' | 'company' | 'other';
  role: 'party' | 'representative' | 'copy';
  name: string;
  cpr: string | null;
  cvr: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  created_by: string | null;
}

export interface CaseNoteTable {
  id: Generated<number>;
  case_id: number;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: string;
}

export interface CaseDeadlineTable {
  id: Generated<number>;
  case_id: number;
  title: string;
  /** A calendar date, yyyy-mm-dd (Copenhagen). */
  due_on: string;
  remind_on: string | null;
  reminded_at: string | null;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
  created_by: string | null;
}

export interface CaseRelationTable {
  case_id: number;
  related_id: number;
  created_at: string;
  created_by: string | null;
}

export interface CaseViewTable {
  user_id: string;
  case_id: number;
  viewed_at: string;
}

export interface BlobTable {
  sha256: string;
  size: number;
  created_at: string;
}

export interface DocumentTable {
  id: Generated<number>;
  case_id: number;
  /** The document's number in the case's journal, given at journalisation (Offentlighedsloven §15). */
  number: number | null;
  title: string;
  kind: 'file' | 'email';
  direction: 'incoming' | 'outgoing' | 'internal';
  /** yyyy-mm-dd */
  document_date: string;
  sender: string | null;
  recipient: string | null;
  /** For an e-mail's attachments: the e-mail document. */
  parent_id: number | null;
  current_version: number;
  journalised_at: string | null;
  journalised_by: string | null;
  finalised_at: string | null;
  finalised_by: string | null;
  /** Marked for the public post list (postliste), under `postlist_title` (no personal data). */
  on_postlist: Generated<number>;
  postlist_title: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface DocumentVersionTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  blob_sha256: string;
  filename: string;
  mime: string;
  size: number;
  text_status: 'extracted' | 'empty' | 'unsupported' | 'failed';
  text_content: string | null;
  rendition_sha256: string | null;
  rendition_status: 'not_needed' | 'pending' | 'made' | 'unavailable' | 'failed';
  locked: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SearchEntryTable {
  id: Generated<number>;
  kind: 'case' | 'document';
  ref_id: number;
  case_id: number;
  title: string;
  body: string;
  updated_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  /** JSON parameters for the kind's message. */
  params: string;
  link: string | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
  /** Unread notifications with the same fold key are one notification with a count. */
  fold_key: string | null;
  count: Generated<number>;
  emailed_at: string | null;
}

export interface NotificationPrefTable {
  user_id: string;
  kind: string;
  in_app: number;
  email: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  to_user_id: string | null;
  kind: string;
  subject: string;
  html: string;
  text: string;
  dedupe_key: string | null;
  created_at: string;
  next_attempt_at: string;
  attempts: number;
  sent_at: string | null;
  /** 'smtp' or the .eml file's path. */
  delivered_to: string | null;
  last_error: string | null;
  /** JSON: Array<{ filename, mime, sha256 }> of stored blobs (migrations/2026-12-01-0007-mail-attachments.ts). */
  attachments: string | null;
}

export interface UserShortcutTable {
  id: Generated<number>;
  user_id: string;
  label: string;
  /** A path in Samspil (/pages/3) or an https address. */
  url: string;
  position: number;
  created_at: string;
}

/** Every table; modules with many tables keep their types in src/db/schema/<module>.ts. */
export interface DB
  extends
    NewsTables,
    PagesTables,
    PeopleTables,
    RoomsTables,
    MeetingsTables,
    DigitalPostTables,
    RegistersTables,
    LettersTables,
    AccessRequestsTables,
    RecordsTables,
    DirectoryImportTables,
    SsoTables,
    UsersTables {
  org_units: OrgUnitTable;
  org_unit_leaders: OrgUnitLeaderTable;
  user_identities: UserIdentityTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptTable;
  job_leases: JobLeaseTable;
  job_runs: JobRunTable;
  settings: SettingTable;
  municipality_logos: MunicipalityLogoTable;
  kle_subjects: KleSubjectTable;
  kle_facets: KleFacetTable;
  kle_imports: KleImportTable;
  number_sequences: NumberSequenceTable;
  cases: CaseTable;
  case_access: CaseAccessTable;
  case_parties: CasePartyTable;
  case_notes: CaseNoteTable;
  case_deadlines: CaseDeadlineTable;
  case_relations: CaseRelationTable;
  case_views: CaseViewTable;
  blobs: BlobTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  search_entries: SearchEntryTable;
  notifications: NotificationTable;
  mail_outbox: MailOutboxTable;
  notification_prefs: NotificationPrefTable;
  user_shortcuts: UserShortcutTable;
}

export type OrgUnit = Selectable<OrgUnitTable>;
export type NewOrgUnit = Insertable<OrgUnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type JobRun = Selectable<JobRunTable>;
