import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';

/**
 * Indexes on every column that refers to a blob (src/files/gc.ts). The blob garbage collector
 * asks each of them "is this hash still used?", and deleting a `blobs` row makes both databases
 * check the foreign keys that point at it: without an index each of those is a full scan.
 */
const REFERENCES: Array<[table: string, column: string]> = [
  ['document_versions', 'blob_sha256'],
  ['document_versions', 'rendition_sha256'],
  ['news', 'image_sha256'],
  ['news_pending_images', 'sha256'],
  ['profiles', 'photo_sha256'],
  ['personal_files', 'blob_sha256'],
  ['room_file_versions', 'blob_sha256'],
];

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  for (const [table, column] of REFERENCES) {
    await db.schema.createIndex(`${table}_${column}_ref`).ifNotExists().on(table).column(column).execute();
  }
}
