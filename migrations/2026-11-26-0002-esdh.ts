import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, forbidUpdatesAndDeletes, instantType } from '../src/db/migration-helpers.ts';

/**
 * Case and document management (ESDH): the KLE plan, cases with parties, notes, deadlines and
 * access groups, documents with immutable versions over content-addressed blobs, and one search
 * index (FTS5 on SQLite, tsvector 'danish' on PostgreSQL).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  const real = dialect === 'postgres' ? sql`double precision` : sql`real`;

  // --- KLE ----------------------------------------------------------------------------------
  await db.schema
    .createTable('kle_subjects')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('parent_number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('uuid', 'text')
    .addColumn('retention', 'text')
    .addColumn('retention_years', 'integer')
    .addColumn('guidance', 'text')
    .addColumn('created_date', 'text')
    .addColumn('changed_date', 'text')
    .addColumn('expired_date', 'text')
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kle_subjects_parent').on('kle_subjects').column('parent_number').execute();

  await db.schema
    .createTable('kle_facets')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('category_title', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('uuid', 'text')
    .addColumn('guidance', 'text')
    .addColumn('expired_date', 'text')
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await addIdColumn(db.schema.createTable('kle_imports'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('imported_at', instant, (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();

  // --- Numbering ----------------------------------------------------------------------------
  await db.schema
    .createTable('number_sequences')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();

  // --- Cases --------------------------------------------------------------------------------
  await addIdColumn(db.schema.createTable('cases'), dialect)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kle_number', 'text', (c) => c.notNull().references('kle_subjects.number'))
    .addColumn('facet_code', 'text', (c) => c.notNull().references('kle_facets.code'))
    .addColumn('parent_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('caseworker_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('retention_years', 'integer')
    .addColumn('retention_overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('address', 'text')
    .addColumn('geometry', 'text')
    .addColumn('geo_lat', real)
    .addColumn('geo_lng', real)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('closed_at', instant)
    .addColumn('archived_at', instant)
    .execute();
  await db.schema.createIndex('cases_caseworker').on('cases').columns(['caseworker_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('cases_unit').on('cases').columns(['unit_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('cases_updated').on('cases').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('cases_parent').on('cases').column('parent_id').execute();
  await db.schema.createIndex('cases_kle').on('cases').columns(['kle_number', 'id']).execute();
  await db.schema.createIndex('cases_geo').on('cases').columns(['geo_lat', 'geo_lng']).execute();

  await addIdColumn(db.schema.createTable('case_access'), dialect)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.references('org_units.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('case_access_case').on('case_access').column('case_id').execute();
  await db.schema.createIndex('case_access_user').on('case_access').columns(['user_id', 'case_id']).execute();
  await db.schema.createIndex('case_access_unit').on('case_access').columns(['unit_id', 'case_id']).execute();

  await addIdColumn(db.schema.createTable('case_parties'), dialect)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cpr', 'text')
    .addColumn('cvr', 'text')
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('case_parties_case').on('case_parties').column('case_id').execute();
  await db.schema.createIndex('case_parties_cpr').on('case_parties').column('cpr').execute();
  await db.schema.createIndex('case_parties_cvr').on('case_parties').column('cvr').execute();

  await addIdColumn(db.schema.createTable('case_notes'), dialect)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_notes_case').on('case_notes').columns(['case_id', 'id']).execute();
  await forbidUpdatesAndDeletes(db, dialect, 'case_notes');

  await addIdColumn(db.schema.createTable('case_deadlines'), dialect)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('remind_on', 'text')
    .addColumn('reminded_at', instant)
    .addColumn('done_at', instant)
    .addColumn('done_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('case_deadlines_case').on('case_deadlines').column('case_id').execute();
  await db.schema.createIndex('case_deadlines_due').on('case_deadlines').columns(['done_at', 'due_on']).execute();
  await db.schema
    .createIndex('case_deadlines_remind')
    .on('case_deadlines')
    .columns(['reminded_at', 'remind_on'])
    .execute();

  await db.schema
    .createTable('case_relations')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('related_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('case_relations_pk', ['case_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('case_views')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('viewed_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_views_pk', ['user_id', 'case_id'])
    .execute();
  await db.schema.createIndex('case_views_recent').on('case_views').columns(['user_id', 'viewed_at']).execute();

  // --- Files and documents --------------------------------------------------------------------
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await addIdColumn(db.schema.createTable('documents'), dialect)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('number', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('document_date', 'text', (c) => c.notNull())
    .addColumn('sender', 'text')
    .addColumn('recipient', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('journalised_at', instant)
    .addColumn('journalised_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('finalised_at', instant)
    .addColumn('finalised_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('documents_case_number', ['case_id', 'number'])
    .execute();
  await db.schema.createIndex('documents_case').on('documents').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('documents_parent').on('documents').column('parent_id').execute();

  await addIdColumn(db.schema.createTable('document_versions'), dialect)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('text_status', 'text', (c) => c.notNull())
    .addColumn('text_content', 'text')
    .addColumn('rendition_sha256', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('rendition_status', 'text', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('document_versions_doc_version', ['document_id', 'version'])
    .execute();

  // A locked (finalised) version never changes: only its rendition may be filled in afterwards.
  // Journalised documents and their versions cannot be deleted.
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create or replace function document_versions_guard() returns trigger language plpgsql as $$
         begin
           if tg_op = 'DELETE' then
             raise exception 'document versions are never deleted';
           end if;
           if old.locked = 1 and (new.locked <> 1 or new.blob_sha256 <> old.blob_sha256 or new.filename <> old.filename
               or new.mime <> old.mime or new.size <> old.size or new.version <> old.version or new.document_id <> old.document_id
               or new.text_content is distinct from old.text_content or new.text_status <> old.text_status) then
             raise exception 'a finalised document version is immutable';
           end if;
           return new;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger document_versions_guard before update or delete on document_versions for each row execute function document_versions_guard()`,
      )
      .execute(db);
    await sql
      .raw(
        `create or replace function documents_no_delete() returns trigger language plpgsql as $$
         begin
           if old.journalised_at is not null then raise exception 'a journalised document cannot be deleted'; end if;
           return old;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger documents_no_delete before delete on documents for each row execute function documents_no_delete()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger document_versions_no_delete before delete on document_versions
         begin select raise(abort, 'document versions are never deleted'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger document_versions_immutable before update on document_versions
         when old.locked = 1 and (new.locked <> 1 or new.blob_sha256 <> old.blob_sha256 or new.filename <> old.filename
           or new.mime <> old.mime or new.size <> old.size or new.version <> old.version or new.document_id <> old.document_id
           or new.text_content is not old.text_content or new.text_status <> old.text_status)
         begin select raise(abort, 'a finalised document version is immutable'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger documents_no_delete before delete on documents when old.journalised_at is not null
         begin select raise(abort, 'a journalised document cannot be deleted'); end`,
      )
      .execute(db);
  }

  // --- Search ---------------------------------------------------------------------------------
  // One row per searchable thing (a case with its parties and notes; a document with its text).
  await addIdColumn(db.schema.createTable('search_entries'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('search_entries_ref', ['kind', 'ref_id'])
    .execute();
  await db.schema.createIndex('search_entries_case').on('search_entries').column('case_id').execute();
  if (dialect === 'postgres') {
    await sql
      .raw(
        `alter table search_entries add column tsv tsvector generated always as (
           setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(body, '')), 'B')
         ) stored`,
      )
      .execute(db);
    await sql.raw(`create index search_entries_tsv on search_entries using gin (tsv)`).execute(db);
  } else {
    // External-content FTS5 table kept in step by triggers. No Danish stemmer exists for FTS5:
    // unicode61 with remove_diacritics 0 keeps æ, ø and å distinct; queries use prefix matching.
    await sql
      .raw(
        `create virtual table search_fts using fts5(title, body, content='search_entries', content_rowid='id',
           tokenize = "unicode61 remove_diacritics 0")`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger search_entries_ai after insert on search_entries begin
           insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger search_entries_ad after delete on search_entries begin
           insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger search_entries_au after update on search_entries begin
           insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
           insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end`,
      )
      .execute(db);
  }
}
