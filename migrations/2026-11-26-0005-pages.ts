import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, forbidUpdatesAndDeletes, instantType } from '../src/db/migration-helpers.ts';

/**
 * Knowledge pages (intranet): a tree of pages with an owner and a review date, an append-only
 * revision history, the links between pages (for "pages that link here"), and full-text search
 * over each page's title and current text (FTS5 on SQLite, tsvector 'danish' on PostgreSQL).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await addIdColumn(db.schema.createTable('pages'), dialect)
    .addColumn('parent_id', 'integer', (c) => c.references('pages.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // A calendar date, yyyy-mm-dd (Copenhagen).
    .addColumn('review_by', 'text')
    // The review date a reminder was last sent for (so the daily job reads only what is new).
    .addColumn('review_reminded_for', 'text')
    .addColumn('current_revision', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    // The current revision's text without Markdown, for search and snippets.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('pages_parent').on('pages').columns(['parent_id', 'sort_order']).execute();
  await db.schema.createIndex('pages_owner').on('pages').columns(['owner_id', 'review_by']).execute();
  await db.schema.createIndex('pages_review').on('pages').columns(['archived', 'review_by']).execute();

  // Append-only: a revision is never changed or removed (the database refuses it).
  await addIdColumn(db.schema.createTable('page_revisions'), dialect)
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('page_revisions_page_revision', ['page_id', 'revision'])
    .execute();
  await forbidUpdatesAndDeletes(db, dialect, 'page_revisions');

  // Links in the current revision's Markdown to other pages (/pages/<id>), rebuilt on each revision.
  await db.schema
    .createTable('page_links')
    .addColumn('from_page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('to_page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('page_links_pk', ['from_page_id', 'to_page_id'])
    .execute();
  await db.schema.createIndex('page_links_to').on('page_links').columns(['to_page_id', 'from_page_id']).execute();

  if (dialect === 'postgres') {
    await sql
      .raw(
        `alter table pages add column tsv tsvector generated always as (
           setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(search_text, '')), 'B')
         ) stored`,
      )
      .execute(db);
    await sql.raw(`create index pages_tsv on pages using gin (tsv)`).execute(db);
  } else {
    // External-content FTS5 over pages(title, search_text), kept in step by triggers. unicode61
    // with remove_diacritics 0 keeps æ, ø and å distinct (DESIGN.md).
    await sql
      .raw(
        `create virtual table pages_fts using fts5(title, search_text, content='pages', content_rowid='id',
           tokenize = "unicode61 remove_diacritics 0")`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger pages_fts_ai after insert on pages begin
           insert into pages_fts(rowid, title, search_text) values (new.id, new.title, new.search_text); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger pages_fts_ad after delete on pages begin
           insert into pages_fts(pages_fts, rowid, title, search_text) values ('delete', old.id, old.title, old.search_text); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger pages_fts_au after update of title, search_text on pages begin
           insert into pages_fts(pages_fts, rowid, title, search_text) values ('delete', old.id, old.title, old.search_text);
           insert into pages_fts(rowid, title, search_text) values (new.id, new.title, new.search_text); end`,
      )
      .execute(db);
  }
}
