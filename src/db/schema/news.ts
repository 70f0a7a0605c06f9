import type { Generated } from 'kysely';

/**
 * Table types for the news module (the news migration creates them). Merged into DB in
 * src/db/schema.ts. Instants are ISO strings, flags 0/1 (see src/db/schema.ts).
 */

export interface NewsTable {
  id: Generated<number>;
  title: string;
  summary: string;
  body_md: string;
  /** The body as plain text, for search and previews. */
  body_text: string;
  image_sha256: string | null;
  image_mime: string | null;
  image_alt: string | null;
  publish_at: string;
  unpublish_at: string | null;
  pinned: number;
  must_read: number;
  /** Bumped by a substantial edit; receipts for earlier versions no longer count. */
  version: number;
  author_id: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** No rows for a news item means: everyone. */
export interface NewsAudienceTable {
  news_id: number;
  unit_id: number;
}

export interface NewsReceiptTable {
  news_id: number;
  user_id: string;
  version: number;
  read_at: string;
}

export interface NewsCommentTable {
  id: Generated<number>;
  news_id: number;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: string;
}

export interface NewsReactionTable {
  news_id: number;
  user_id: string;
  kind: string;
  created_at: string;
}

export interface NewsPendingImageTable {
  token: string;
  user_id: string;
  sha256: string;
  mime: string;
  created_at: string;
}

export interface NewsTables {
  news: NewsTable;
  news_audience: NewsAudienceTable;
  news_receipts: NewsReceiptTable;
  news_comments: NewsCommentTable;
  news_reactions: NewsReactionTable;
  news_pending_images: NewsPendingImageTable;
}
