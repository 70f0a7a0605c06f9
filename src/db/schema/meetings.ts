import type { Generated } from 'kysely';

/**
 * Table types for the political process (migrations/2026-11-26-0011-meetings.ts). Merged into DB
 * in src/db/schema.ts. Instants are ISO strings, dates yyyy-mm-dd, flags 0/1.
 */

export type CommitteeKind = 'council' | 'finance' | 'standing' | 'task' | 'other';
export type MembershipRole = 'chair' | 'vice_chair' | 'member' | 'substitute';
export type MeetingStatus = 'planned' | 'published' | 'held' | 'approved' | 'cancelled';
export type PublishedKind = 'agenda' | 'minutes';
export type ChangeKind = 'addendum' | 'version';

export interface CouncilPersonTable {
  id: Generated<number>;
  user_id: string | null;
  name: string;
  given_name: string | null;
  family_name: string | null;
  party: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LegislativeTermTable {
  id: Generated<number>;
  name: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CommitteeTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: CommitteeKind;
  mandate: string | null;
  term_start: string | null;
  term_end: string | null;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CommitteeMembershipTable {
  id: Generated<number>;
  committee_id: number;
  person_id: number;
  role: MembershipRole;
  voting: Generated<number>;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingLocationTable {
  id: Generated<number>;
  description: string;
  street_address: string | null;
  postal_code: string | null;
  locality: string | null;
  room: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingTable {
  id: Generated<number>;
  committee_id: number;
  title: string;
  starts_at: string;
  ends_at: string | null;
  location_id: number | null;
  status: MeetingStatus;
  agenda_published_at: string | null;
  minutes_published_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface PaperTable {
  id: Generated<number>;
  case_id: number | null;
  reference: string | null;
  title: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  paper_id: number | null;
  number: number;
  title: string;
  closed: Generated<number>;
  closed_reason: string | null;
  presentation: Generated<string>;
  recommendation: Generated<string>;
  economy: Generated<string>;
  decision: string | null;
  decided_at: string | null;
  decision_document_id: number | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface AgendaAttachmentTable {
  id: Generated<number>;
  item_id: number;
  document_id: number;
  title: string;
  closed: Generated<number>;
  position: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface ItemDisqualificationTable {
  id: Generated<number>;
  item_id: number;
  person_id: number;
  reason: string | null;
  kept_out: Generated<number>;
  created_at: string;
  created_by: string | null;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  person_id: number;
  status: 'present' | 'absent';
  substitute_for: number | null;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface ItemDissentTable {
  id: Generated<number>;
  item_id: number;
  person_id: number;
  text: string;
  created_at: string;
  created_by: string | null;
}

export interface PublishedVersionTable {
  id: Generated<number>;
  meeting_id: number;
  kind: PublishedKind;
  number: number;
  change_kind: ChangeKind | null;
  change_note: string | null;
  /** JSON of `PublishedSnapshot` (src/modules/publication/snapshot.ts). */
  snapshot: string;
  previous_sha256: string | null;
  sha256: string;
  published_at: string;
  published_by: string | null;
}

export interface MinutesApprovalTable {
  id: Generated<number>;
  version_id: number;
  person_id: number;
  user_id: string | null;
  approved_at: string;
}

export interface ReaderNoteTable {
  id: Generated<number>;
  user_id: string;
  item_id: number;
  /** 'item', or 'document:<id>' for an attachment. */
  target: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingsTables {
  council_persons: CouncilPersonTable;
  legislative_terms: LegislativeTermTable;
  committees: CommitteeTable;
  committee_memberships: CommitteeMembershipTable;
  meeting_locations: MeetingLocationTable;
  meetings: MeetingTable;
  papers: PaperTable;
  agenda_items: AgendaItemTable;
  agenda_attachments: AgendaAttachmentTable;
  item_disqualifications: ItemDisqualificationTable;
  meeting_attendance: MeetingAttendanceTable;
  item_dissents: ItemDissentTable;
  published_versions: PublishedVersionTable;
  minutes_approvals: MinutesApprovalTable;
  reader_notes: ReaderNoteTable;
}
