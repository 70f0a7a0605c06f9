import type { Generated } from 'kysely';

/**
 * Table types for the pages module (the pages migration creates them). Merged into DB in
 * src/db/schema.ts.
 */

export interface PageTable {
  id: Generated<number>;
  parent_id: number | null;
  title: string;
  owner_id: string | null;
  /** A calendar date, yyyy-mm-dd (Copenhagen), by which the owner should review the page. */
  review_by: string | null;
  /** The review date a reminder was last sent for. */
  review_reminded_for: string | null;
  current_revision: number;
  sort_order: Generated<number>;
  /** The current revision's text without Markdown (search and snippets). */
  search_text: Generated<string>;
  archived: Generated<number>;
  archived_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** Append-only (database triggers refuse UPDATE and DELETE). */
export interface PageRevisionTable {
  id: Generated<number>;
  page_id: number;
  revision: number;
  title: string;
  body_md: string;
  author_id: string | null;
  author_name: string;
  note: string | null;
  created_at: string;
}

export interface PageLinkTable {
  from_page_id: number;
  to_page_id: number;
}

export interface PagesTables {
  pages: PageTable;
  page_revisions: PageRevisionTable;
  page_links: PageLinkTable;
}
