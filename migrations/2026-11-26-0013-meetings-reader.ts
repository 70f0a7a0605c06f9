import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * Minutes and the politicians' reader (src/modules/meetings/minutes.ts, reader-search.ts):
 *
 * - `decision_writebacks`: each decision written back to its case (a journalised document and a
 *   case note), once per agenda item and minutes version (the unique key makes it idempotent).
 * - `reader_search`: one row per item of the latest published agenda and minutes of each meeting,
 *   for the reader's full-text search (FTS5 on SQLite, tsvector 'danish' on PostgreSQL). Closed
 *   items are indexed too (members search them); every hit is checked against the snapshot
 *   through `redactSnapshot` before anything of it is shown.
 * - `reader_search_versions`: which published versions have been indexed.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await addIdColumn(db.schema.createTable('decision_writebacks'), dialect)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('published_versions.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    // null when the decision had not changed since the previous write-back (nothing new written).
    .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('document_version', 'integer')
    .addColumn('note_id', 'integer', (c) => c.references('case_notes.id'))
    .addColumn('decision_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('decision_writebacks_unique', ['item_id', 'version_id'])
    .execute();

  await addIdColumn(db.schema.createTable('reader_search'), dialect)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('published_versions.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('committee_id', 'integer', (c) => c.notNull())
    .addColumn('starts_at', instant, (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('reader_search_unique', ['meeting_id', 'kind', 'item_id'])
    .execute();
  await db.schema
    .createIndex('reader_search_committee')
    .on('reader_search')
    .columns(['committee_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('reader_search_versions')
    .addColumn('version_id', 'integer', (c) => c.primaryKey().references('published_versions.id'))
    .addColumn('indexed_at', instant, (c) => c.notNull())
    .execute();

  if (dialect === 'postgres') {
    await sql
      .raw(
        `alter table reader_search add column tsv tsvector generated always as (
           setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(body, '')), 'B')
         ) stored`,
      )
      .execute(db);
    await sql.raw(`create index reader_search_tsv on reader_search using gin (tsv)`).execute(db);
  } else {
    // External-content FTS5 (as pages_fts): unicode61 with remove_diacritics 0 keeps æ, ø, å apart.
    await sql
      .raw(
        `create virtual table reader_search_fts using fts5(title, body, content='reader_search', content_rowid='id',
           tokenize = "unicode61 remove_diacritics 0")`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger reader_search_fts_ai after insert on reader_search begin
           insert into reader_search_fts(rowid, title, body) values (new.id, new.title, new.body); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger reader_search_fts_ad after delete on reader_search begin
           insert into reader_search_fts(reader_search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger reader_search_fts_au after update on reader_search begin
           insert into reader_search_fts(reader_search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
           insert into reader_search_fts(rowid, title, body) values (new.id, new.title, new.body); end`,
      )
      .execute(db);
  }
}
