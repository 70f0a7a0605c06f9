import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, forbidUpdatesAndDeletes, instantType } from '../src/db/migration-helpers.ts';

/**
 * Collaboration rooms (samarbejdsrum): rooms with owners and members (open or closed), invitations
 * and access requests, follows, a forum of threads and posts (Markdown, quoting, an edit history
 * that is append-only, reactions, reports), files with versions that can be sent to a case, and
 * full-text search over posts (FTS5 on SQLite, tsvector 'danish' on PostgreSQL).
 *
 * Rooms are never deleted (they are archived), so the foreign keys keep history intact; people
 * are deactivated rather than deleted, and authorship falls back to null if one ever is.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await addIdColumn(db.schema.createTable('rooms'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('last_activity_at', instant, (c) => c.notNull())
    .addColumn('archived_at', instant)
    .addColumn('archived_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // Open rooms to join, newest activity first (keyset on last_activity_at, id).
  await db.schema
    .createIndex('rooms_visibility_activity')
    .on('rooms')
    .columns(['visibility', 'last_activity_at', 'id'])
    .execute();
  await db.schema.createIndex('rooms_activity').on('rooms').columns(['last_activity_at', 'id']).execute();

  await db.schema
    .createTable('room_members')
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('joined_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('room_members_pk', ['room_id', 'user_id'])
    .execute();
  await db.schema.createIndex('room_members_user').on('room_members').columns(['user_id', 'room_id']).execute();
  await db.schema.createIndex('room_members_role').on('room_members').columns(['room_id', 'role']).execute();

  await addIdColumn(db.schema.createTable('room_invitations'), dialect)
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('answered_at', instant)
    .execute();
  await db.schema
    .createIndex('room_invitations_user')
    .on('room_invitations')
    .columns(['user_id', 'status', 'room_id'])
    .execute();
  await db.schema.createIndex('room_invitations_room').on('room_invitations').columns(['room_id', 'status']).execute();

  await addIdColumn(db.schema.createTable('room_requests'), dialect)
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('decided_at', instant)
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('room_requests_room').on('room_requests').columns(['room_id', 'status', 'id']).execute();
  await db.schema.createIndex('room_requests_user').on('room_requests').columns(['user_id', 'room_id']).execute();

  // --- Forum ------------------------------------------------------------------------------------
  await addIdColumn(db.schema.createTable('threads'), dialect)
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // Normalised tags, space-separated, for display; thread_tags holds them for filtering.
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_question', 'integer', (c) => c.notNull().defaultTo(0))
    // The accepted answer (a post in this thread); checked in code (posts reference threads).
    .addColumn('accepted_post_id', 'integer')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply_at', instant)
    .addColumn('last_activity_at', instant, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  // Threads of a room by activity (keyset), the unanswered-questions filter, and pinned threads.
  await db.schema
    .createIndex('threads_room_activity')
    .on('threads')
    .columns(['room_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema
    .createIndex('threads_room_questions')
    .on('threads')
    .columns(['room_id', 'is_question', 'accepted_post_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema
    .createIndex('threads_room_pinned')
    .on('threads')
    .columns(['room_id', 'pinned', 'last_activity_at'])
    .execute();

  await db.schema
    .createTable('thread_tags')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_tags_pk', ['thread_id', 'tag'])
    .execute();
  await db.schema.createIndex('thread_tags_room').on('thread_tags').columns(['room_id', 'tag', 'thread_id']).execute();

  await addIdColumn(db.schema.createTable('posts'), dialect)
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('threads.id'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // 1 for the thread's opening post (which carries the thread's title for search).
    .addColumn('is_first', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_md', 'text', (c) => c.notNull())
    // renderMarkdown's sanitised output (with @mentions linked), made once when the text is saved.
    .addColumn('body_html', 'text', (c) => c.notNull())
    // Plain text, for search, excerpts and e-mail.
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('quoted_post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('hidden_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('edited_at', instant)
    .addColumn('edited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // Replies of a thread by id (keyset), a room's recent activity, a person's posts.
  await db.schema.createIndex('posts_thread').on('posts').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('posts_room').on('posts').columns(['room_id', 'id']).execute();
  await db.schema.createIndex('posts_author').on('posts').columns(['author_id', 'id']).execute();

  // Earlier versions of a post: written only when the text (or title) really changed; never altered.
  await addIdColumn(db.schema.createTable('post_revisions'), dialect)
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    // Who wrote this version and when; and when it was replaced.
    .addColumn('written_by', 'text', (c) => c.references('users.id'))
    .addColumn('written_at', instant, (c) => c.notNull())
    .addColumn('replaced_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_revisions_post').on('post_revisions').columns(['post_id', 'id']).execute();
  await forbidUpdatesAndDeletes(db, dialect, 'post_revisions');

  await db.schema
    .createTable('post_reactions')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('post_reactions_pk', ['post_id', 'user_id', 'kind'])
    .execute();

  await addIdColumn(db.schema.createTable('post_reports'), dialect)
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('resolved_at', instant)
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('post_reports_room')
    .on('post_reports')
    .columns(['room_id', 'resolved_at', 'id'])
    .execute();
  await db.schema.createIndex('post_reports_post').on('post_reports').columns(['post_id', 'reporter_id']).execute();

  // Following a room (target 'room') or a thread (target 'thread:<id>').
  await db.schema
    .createTable('room_follows')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer', (c) => c.references('threads.id').onDelete('cascade'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('room_follows_pk', ['user_id', 'room_id', 'target'])
    .execute();
  await db.schema
    .createIndex('room_follows_target')
    .on('room_follows')
    .columns(['room_id', 'target', 'user_id'])
    .execute();

  // --- Files ------------------------------------------------------------------------------------
  await addIdColumn(db.schema.createTable('room_files'), dialect)
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('room_files_room').on('room_files').columns(['room_id', 'updated_at', 'id']).execute();

  await addIdColumn(db.schema.createTable('room_file_versions'), dialect)
    .addColumn('file_id', 'integer', (c) => c.notNull().references('room_files.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    // Once sent to a case: the case and the journalised document made from this version.
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('case_document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('sent_at', instant)
    .addColumn('sent_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('room_file_versions_file_version', ['file_id', 'version'])
    .execute();
  await db.schema
    .createIndex('room_file_versions_document')
    .on('room_file_versions')
    .column('case_document_id')
    .execute();

  // --- Search -----------------------------------------------------------------------------------
  if (dialect === 'postgres') {
    await sql
      .raw(
        `alter table posts add column tsv tsvector generated always as (
           setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(body_text, '')), 'B')
         ) stored`,
      )
      .execute(db);
    await sql.raw(`create index posts_tsv on posts using gin (tsv)`).execute(db);
  } else {
    // External-content FTS5 table over posts, kept in step by triggers (as search_fts for cases).
    await sql
      .raw(
        `create virtual table posts_fts using fts5(title, body_text, content='posts', content_rowid='id',
           tokenize = "unicode61 remove_diacritics 0")`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger posts_ai after insert on posts begin
           insert into posts_fts(rowid, title, body_text) values (new.id, new.title, new.body_text); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger posts_ad after delete on posts begin
           insert into posts_fts(posts_fts, rowid, title, body_text) values ('delete', old.id, old.title, old.body_text); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger posts_au after update of title, body_text on posts begin
           insert into posts_fts(posts_fts, rowid, title, body_text) values ('delete', old.id, old.title, old.body_text);
           insert into posts_fts(rowid, title, body_text) values (new.id, new.title, new.body_text); end`,
      )
      .execute(db);
  }
}
