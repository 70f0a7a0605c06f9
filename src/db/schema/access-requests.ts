import type { Generated } from 'kysely';

/**
 * Table types for access to records and the post list (migrations/2026-12-01-0004-access-requests.ts).
 * Merged into DB in src/db/schema.ts. Instants are ISO strings, dates yyyy-mm-dd, flags 0/1.
 */

export type Law = 'offl' | 'fvl';
export type AccessRequestStatus = 'new' | 'open' | 'answered' | 'withdrawn';
export type RequesterKind = 'citizen' | 'company' | 'journalist' | 'party' | 'other';
export type RequestChannel = 'form' | 'email' | 'letter' | 'digital_post' | 'phone' | 'in_person';
export type AnswerChannel = 'digital_post' | 'email' | 'post';
export type AccessDecision = 'full' | 'partial' | 'refused';

export interface LegalBasisTable {
  id: Generated<number>;
  law: Law;
  /** As written in the law, e.g. "§ 30, nr. 1". */
  section: string;
  /** The section's short title, e.g. "Private forhold". */
  title: string;
  active: Generated<number>;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AccessRequestTable {
  id: Generated<number>;
  /** The AKT case; null while a request from the public form waits to be registered. */
  case_id: number | null;
  status: Generated<AccessRequestStatus>;
  requester_kind: RequesterKind;
  /** A party's request follows Forvaltningsloven, anyone else's Offentlighedsloven. */
  law: Law;
  requester_name: string;
  requester_email: string | null;
  requester_phone: string | null;
  requester_address: string | null;
  requester_cpr: string | null;
  requester_cvr: string | null;
  channel: RequestChannel;
  received_at: string;
  /** The Copenhagen date of receipt; the deadline counts from it. */
  received_on: string;
  asks_for: string;
  /** 7 working days after received_on (Offentlighedsloven § 36, stk. 2). */
  deadline: string;
  /** The new date given in a fristbrev. */
  extended_deadline: string | null;
  extension_reason: string | null;
  extended_at: string | null;
  /** The fristbrev, journalised on the AKT case. */
  extension_document_id: number | null;
  /** How the fristbrev went out (migrations/2026-12-01-0008-extension-channel.ts). */
  extension_channel: AnswerChannel | null;
  caseworker_id: string | null;
  answered_at: string | null;
  answered_by: string | null;
  answer_channel: AnswerChannel | null;
  /** The answer package, journalised on the AKT case. */
  answer_document_id: number | null;
  /** When the caseworker was warned that the deadline is near. */
  warned_at: string | null;
  overdue_notified_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface AccessRequestCaseTable {
  request_id: number;
  case_id: number;
}

export interface AccessRequestDocumentTable {
  id: Generated<number>;
  request_id: number;
  document_id: number;
  /** The document version the decision and its redactions were made on. */
  version: number;
  /** null until decided. */
  decision: AccessDecision | null;
  reason: string | null;
  /** Offentlighedsloven § 28: the facts extracted from a withheld document. */
  extraction: string | null;
  /** Offentlighedsloven § 14. */
  meroffentlighed: Generated<number>;
  meroffentlighed_note: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

export interface AccessRequestDocumentBasisTable {
  item_id: number;
  legal_basis_id: number;
}

export interface AccessRequestRedactionTable {
  id: Generated<number>;
  item_id: number;
  /** Character offsets into the text of the decided version: [start_offset, end_offset). */
  start_offset: number;
  end_offset: number;
  legal_basis_id: number;
  created_at: string;
  created_by: string | null;
}

export interface AccessRequestsTables {
  legal_bases: LegalBasisTable;
  access_requests: AccessRequestTable;
  access_request_cases: AccessRequestCaseTable;
  access_request_documents: AccessRequestDocumentTable;
  access_request_document_bases: AccessRequestDocumentBasisTable;
  access_request_redactions: AccessRequestRedactionTable;
}
