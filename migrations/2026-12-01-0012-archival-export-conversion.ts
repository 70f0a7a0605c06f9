import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The archival version exporter (src/modules/records/export) keeps, per document, how it was
 * converted, so that a resumed export writes the same tables and notes as an uninterrupted one:
 *
 * - `archival_export_documents.source`: what the TIFF was made from — `pdf` (the journalised
 *   version is a PDF), `rendition` (the PDF rendition made when the document was finalised),
 *   `converted` (a rendition made by the export: an e-mail, an image, an office file through
 *   LibreOffice), `text` (the version's extracted text, laid out anew: the original's layout is
 *   lost) or `placeholder` (nothing could be converted: a page that says so). Null until converted.
 * - `archival_export_documents.note`: the conversion note (Danish) written into the documents
 *   table of the archival version; null when the document was converted without remark.
 * - `archival_exports.tiff_mode`: the colour depth chosen for the documents (`auto`: 24-bit
 *   colour when a page has colour, else 8-bit grey, both LZW; `bitonal`: CCITT G4; `gray`;
 *   `color`), fixed when the export is planned so that a resumed export keeps it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('archival_export_documents')
    .addColumn('source', 'text', (c) =>
      c.check(sql`source is null or source in ('pdf', 'rendition', 'converted', 'text', 'placeholder')`),
    )
    .execute();
  await db.schema.alterTable('archival_export_documents').addColumn('note', 'text').execute();
  await db.schema
    .alterTable('archival_exports')
    .addColumn('tiff_mode', 'text', (c) =>
      c
        .notNull()
        .defaultTo('auto')
        .check(sql`tiff_mode in ('auto', 'bitonal', 'gray', 'color')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('archival_export_documents').dropColumn('source').execute();
  await db.schema.alterTable('archival_export_documents').dropColumn('note').execute();
  await db.schema.alterTable('archival_exports').dropColumn('tiff_mode').execute();
}
