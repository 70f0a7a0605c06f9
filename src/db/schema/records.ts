import type { Generated } from 'kysely';

/**
 * Table types for the records lifecycle (migrations/2026-12-01-0009-records.ts): runs of the
 * archive job and of exports, archival versions, disposal. Merged into DB in src/db/schema.ts.
 * Instants are ISO strings, dates yyyy-mm-dd, flags 0/1.
 */

export type RecordsRunKind = 'archive' | 'export';
export type RecordsRunTrigger = 'scheduled' | 'manual' | 'startup' | 'cli';
export type RecordsRunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface RecordsRunTable {
  id: Generated<number>;
  kind: RecordsRunKind;
  trigger: RecordsRunTrigger;
  status: RecordsRunStatus;
  total: Generated<number>;
  done: Generated<number>;
  export_id: number | null;
  started_at: string;
  /** Touched as the run goes; a running row whose heartbeat is old belongs to a dead process. */
  heartbeat_at: string;
  finished_at: string | null;
  started_by: string | null;
  /** JSON: counts, or { error }. */
  detail: string | null;
}

export interface ArchiveRunCaseTable {
  run_id: number;
  case_id: number;
  case_number: string;
  archived_at: string;
}

export type ArchivalExportStatus = 'pending' | 'running' | 'written' | 'valid' | 'invalid' | 'failed' | 'delivered';

export interface ArchivalExportTable {
  id: Generated<number>;
  /** AVID.<ARCHIVE>.<NO>.<PART> (bilag 2), e.g. AVID.SA.18005.1. */
  avid: string;
  /** yyyy-mm-dd, inclusive. */
  period_start: string;
  /** yyyy-mm-dd, inclusive. */
  period_end: string;
  status: ArchivalExportStatus;
  /** The folder the AVID folder is written into (absolute). */
  out_dir: string;
  case_count: Generated<number>;
  document_count: Generated<number>;
  documents_done: Generated<number>;
  created_at: string;
  created_by: string | null;
  started_at: string | null;
  finished_at: string | null;
  /** JSON: the validator's findings. */
  validation: string | null;
  validated_at: string | null;
  delivered_at: string | null;
  delivered_by: string | null;
  delivery_reference: string | null;
  error: string | null;
  /** The documents' colour depth, fixed when planned (migration 0012). */
  tiff_mode: Generated<ArchivalTiffMode>;
}

/** How documents become TIFF (migration 0012): see src/modules/records/export/tiff.ts. */
export type ArchivalTiffMode = 'auto' | 'bitonal' | 'gray' | 'color';

/** What a document's TIFF was made from (migration 0012). */
export type ArchivalDocumentSource = 'pdf' | 'rendition' | 'converted' | 'text' | 'placeholder';

export interface ArchivalExportCaseTable {
  export_id: number;
  case_id: number;
  case_number: string;
}

export interface ArchivalExportDocumentTable {
  export_id: number;
  doc_id: number;
  case_id: number;
  document_id: number;
  version: number;
  collection: number;
  status: Generated<'pending' | 'done' | 'failed'>;
  pages: number | null;
  error: string | null;
  /** What the TIFF was made from; null until converted (migration 0012). */
  source: ArchivalDocumentSource | null;
  /** The conversion note (Danish) for the archival version's documents table (migration 0012). */
  note: string | null;
}

export type DisposalRunStatus = 'proposed' | 'approved' | 'executing' | 'executed' | 'cancelled';

export interface DisposalRunTable {
  id: Generated<number>;
  status: DisposalRunStatus;
  /** yyyy-mm-dd: the list holds the cases whose retention had passed by this day. */
  as_of: string;
  created_at: string;
  created_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  executed_at: string | null;
  note: string | null;
}

/** One case on a disposal list; after execution, the disposal record (no personal data). */
export interface DisposalRunCaseTable {
  run_id: number;
  case_id: number;
  case_number: string;
  kle_number: string;
  facet_code: string;
  retention: string;
  retention_years: number | null;
  export_id: number | null;
  closed_at: string | null;
  document_count: Generated<number>;
  file_count: Generated<number>;
  excluded: Generated<number>;
  excluded_reason: string | null;
  excluded_by: string | null;
  disposed_at: string | null;
}

export interface RecordsTables {
  records_runs: RecordsRunTable;
  archive_run_cases: ArchiveRunCaseTable;
  archival_exports: ArchivalExportTable;
  archival_export_cases: ArchivalExportCaseTable;
  archival_export_documents: ArchivalExportDocumentTable;
  disposal_runs: DisposalRunTable;
  disposal_run_cases: DisposalRunCaseTable;
}
