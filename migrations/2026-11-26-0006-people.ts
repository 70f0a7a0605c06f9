import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * People: profiles (about me, photo), skills ("who knows about …"), and each employee's private
 * file area (folders and files over content-addressed blobs). Also the indexes that keep the
 * people directory and "my recent documents" fast at municipal scale (thousands of employees,
 * millions of documents).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await db.schema
    .createTable('profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('about', 'text')
    .addColumn('photo_sha256', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('photo_mime', 'text')
    .addColumn('photo_updated_at', instant)
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_skills')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    // Lower-cased, NFC, single spaces: what searches compare against.
    .addColumn('skill_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('user_skills_pk', ['user_id', 'skill_key'])
    .execute();
  await db.schema.createIndex('user_skills_key').on('user_skills').columns(['skill_key', 'user_id']).execute();

  await addIdColumn(db.schema.createTable('personal_folders'), dialect)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('personal_folders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased name: "Noter" and "noter" are the same folder name in one place.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('personal_folders_parent')
    .on('personal_folders')
    .columns(['user_id', 'parent_id'])
    .execute();
  // One name per parent. NULLs are distinct in a unique index on both databases, so the top
  // level (parent_id NULL) is folded to 0 (identities and AUTOINCREMENT start at 1).
  await sql
    .raw(`create unique index personal_folders_name on personal_folders (user_id, (coalesce(parent_id, 0)), name_key)`)
    .execute(db);

  await addIdColumn(db.schema.createTable('personal_files'), dialect)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('folder_id', 'integer', (c) => c.references('personal_folders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('personal_files_folder')
    .on('personal_files')
    .columns(['user_id', 'folder_id', 'name'])
    .execute();
  await db.schema
    .createIndex('personal_files_recent')
    .on('personal_files')
    .columns(['user_id', 'created_at'])
    .execute();

  // The people directory pages by (display_name, id) with a keyset.
  await db.schema.createIndex('users_directory').on('users').columns(['display_name', 'id']).execute();
  // "Documents I added recently" on my page, without scanning every document.
  await db.schema
    .createIndex('documents_created_by')
    .on('documents')
    .columns(['created_by', 'created_at', 'id'])
    .execute();
}
