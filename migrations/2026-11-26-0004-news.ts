import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * Intranet news: items with a publish window, an optional image (a blob) and an audience of
 * org units (none = everyone; a directorate covers every unit under it), read receipts per
 * version for "must read" items, comments and reactions. Full-text search over title, summary
 * and the body's plain text: FTS5 on SQLite, tsvector 'danish' on PostgreSQL.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await addIdColumn(db.schema.createTable('news'), dialect)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    // The body as plain text (markdownToText), for search and previews.
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('image_sha256', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('image_mime', 'text')
    .addColumn('image_alt', 'text')
    .addColumn('publish_at', instant, (c) => c.notNull())
    .addColumn('unpublish_at', instant)
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('must_read', 'integer', (c) => c.notNull().defaultTo(0))
    // Bumped by a substantial edit: receipts for earlier versions no longer count.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('news_published').on('news').columns(['publish_at', 'id']).execute();
  await db.schema.createIndex('news_pinned').on('news').columns(['pinned', 'publish_at']).execute();
  await db.schema.createIndex('news_author').on('news').column('author_id').execute();

  await db.schema
    .createTable('news_audience')
    .addColumn('news_id', 'integer', (c) => c.notNull().references('news.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('news_audience_pk', ['news_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('news_audience_unit').on('news_audience').columns(['unit_id', 'news_id']).execute();

  await db.schema
    .createTable('news_receipts')
    .addColumn('news_id', 'integer', (c) => c.notNull().references('news.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('read_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('news_receipts_pk', ['news_id', 'user_id', 'version'])
    .execute();
  await db.schema.createIndex('news_receipts_user').on('news_receipts').columns(['user_id', 'news_id']).execute();

  await addIdColumn(db.schema.createTable('news_comments'), dialect)
    .addColumn('news_id', 'integer', (c) => c.notNull().references('news.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_comments_news').on('news_comments').columns(['news_id', 'id']).execute();

  await db.schema
    .createTable('news_reactions')
    .addColumn('news_id', 'integer', (c) => c.notNull().references('news.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('news_reactions_pk', ['news_id', 'user_id', 'kind'])
    .execute();

  // An image that passed its checks on a form that failed for other reasons: kept under a
  // random token for the person who uploaded it, so the next submit need not upload it again.
  await db.schema
    .createTable('news_pending_images')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  // --- Search ---------------------------------------------------------------------------------
  if (dialect === 'postgres') {
    await sql
      .raw(
        `alter table news add column tsv tsvector generated always as (
           setweight(to_tsvector('danish', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('danish', coalesce(summary, '')), 'B') ||
           setweight(to_tsvector('danish', coalesce(body_text, '')), 'C')
         ) stored`,
      )
      .execute(db);
    await sql.raw(`create index news_tsv on news using gin (tsv)`).execute(db);
  } else {
    // External-content FTS5 table kept in step by triggers (as search_fts for cases).
    await sql
      .raw(
        `create virtual table news_fts using fts5(title, summary, body_text, content='news', content_rowid='id',
           tokenize = "unicode61 remove_diacritics 0")`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger news_ai after insert on news begin
           insert into news_fts(rowid, title, summary, body_text) values (new.id, new.title, new.summary, new.body_text); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger news_ad after delete on news begin
           insert into news_fts(news_fts, rowid, title, summary, body_text) values ('delete', old.id, old.title, old.summary, old.body_text); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger news_au after update of title, summary, body_text on news begin
           insert into news_fts(news_fts, rowid, title, summary, body_text) values ('delete', old.id, old.title, old.summary, old.body_text);
           insert into news_fts(rowid, title, summary, body_text) values (new.id, new.title, new.summary, new.body_text); end`,
      )
      .execute(db);
  }
}
