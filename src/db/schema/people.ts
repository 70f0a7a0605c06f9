import type { Generated } from 'kysely';

/**
 * Table types for the people module (migrations/2026-11-26-0006-people.ts creates them). Merged
 * into DB in src/db/schema.ts.
 */

/** What an employee says about themselves, and their photo. One row per user, made on first edit. */
export interface ProfileTable {
  user_id: string;
  about: string | null;
  /** The photo (JPEG, PNG or WebP) in the blob store; null shows the initials avatar. */
  photo_sha256: string | null;
  photo_mime: string | null;
  photo_updated_at: string | null;
  updated_at: string;
}

/** "Who knows about …": one row per skill per user. */
export interface UserSkillTable {
  user_id: string;
  /** As the user wrote it, e.g. "BR18". */
  skill: string;
  /** Lower-cased, NFC, single spaces: what searches compare against (unique per user). */
  skill_key: string;
  /** The user's own order. */
  position: number;
}

/** A folder in a user's private file area; `parent_id` null is the top level. */
export interface PersonalFolderTable {
  id: Generated<number>;
  user_id: string;
  parent_id: number | null;
  name: string;
  /** Lower-cased name; unique per parent. */
  name_key: string;
  created_at: string;
  updated_at: string;
}

/** A file in a user's private file area; `folder_id` null is the top level. */
export interface PersonalFileTable {
  id: Generated<number>;
  user_id: string;
  folder_id: number | null;
  name: string;
  blob_sha256: string;
  /** Decided from the content at upload (detectType), never the browser's word. */
  mime: string;
  size: number;
  created_at: string;
  updated_at: string;
}

export interface PeopleTables {
  profiles: ProfileTable;
  user_skills: UserSkillTable;
  personal_folders: PersonalFolderTable;
  personal_files: PersonalFileTable;
}
