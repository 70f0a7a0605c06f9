import type { Generated } from 'kysely';

/**
 * Table types for the directory import (migration 2026-12-01-0017). Merged into DB in
 * src/db/schema.ts.
 */

export type DirectoryImportStatus = 'planned' | 'applied' | 'failed' | 'discarded';

export interface DirectoryImportTable {
  id: Generated<number>;
  /** The administrator who uploaded the files; null for the command line. */
  created_by: string | null;
  created_at: string;
  source: 'web' | 'cli';
  /** The files' names, joined with ", ". */
  filename: string;
  /** The formats found, joined with ", " (samspil-units, os2mo-engagements …). */
  format: string;
  /** SHA-256 (hex) over the files' bytes as uploaded, in order. */
  content_hash: string;
  /** JSON: the files as read ({ name, kind, text }), CPR columns already dropped. */
  files: string;
  /** JSON: { format, deactivateMissing }. */
  options: string;
  /** JSON: the plan shown as the preview. */
  plan: string;
  status: DirectoryImportStatus;
  applied_at: string | null;
  /** JSON: what was done (counts and lists), or why it failed. */
  report: string | null;
}

export interface DirectoryImportTables {
  directory_imports: DirectoryImportTable;
}
