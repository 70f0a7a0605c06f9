import type { Generated } from 'kysely';

/**
 * Table types for collaboration rooms (migrations/2026-11-26-0009-rooms.ts). Merged into DB in
 * src/db/schema.ts. Instants are ISO strings, flags 0/1 (see src/db/schema.ts).
 */

export type RoomVisibility = 'open' | 'closed';
export type RoomRole = 'owner' | 'member';
/** How much a member hears from a room: everything (new threads too), mentions only, nothing. */
export type RoomLevel = 'everything' | 'mentions' | 'nothing';

export interface RoomTable {
  id: Generated<number>;
  name: string;
  purpose: string;
  visibility: RoomVisibility;
  member_count: Generated<number>;
  thread_count: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  archived_at: string | null;
  archived_by: string | null;
}

export interface RoomMemberTable {
  room_id: number;
  user_id: string;
  role: RoomRole;
  level: RoomLevel;
  joined_at: string;
}

export interface RoomInvitationTable {
  id: Generated<number>;
  room_id: number;
  user_id: string;
  invited_by: string | null;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  created_at: string;
  answered_at: string | null;
}

export interface RoomRequestTable {
  id: Generated<number>;
  room_id: number;
  user_id: string;
  message: string;
  status: 'pending' | 'approved' | 'rejected';
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface ThreadTable {
  id: Generated<number>;
  room_id: number;
  title: string;
  author_id: string | null;
  /** Normalised tags, space-separated (thread_tags has them for filtering). */
  tags: Generated<string>;
  is_question: Generated<number>;
  accepted_post_id: number | null;
  accepted_by: string | null;
  pinned: Generated<number>;
  locked: Generated<number>;
  hidden: Generated<number>;
  reply_count: Generated<number>;
  last_reply_at: string | null;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
}

export interface ThreadTagTable {
  thread_id: number;
  room_id: number;
  tag: string;
}

export interface PostTable {
  id: Generated<number>;
  thread_id: number;
  room_id: number;
  author_id: string | null;
  is_first: Generated<number>;
  /** The thread's title on its opening post (for search); empty on replies. */
  title: Generated<string>;
  body_md: string;
  /** renderMarkdown's sanitised output with @mentions linked: the only HTML rendered raw. */
  body_html: string;
  body_text: string;
  quoted_post_id: number | null;
  hidden: Generated<number>;
  hidden_by: string | null;
  hidden_at: string | null;
  created_at: string;
  edited_at: string | null;
  edited_by: string | null;
}

/** An earlier version of a post (append-only). */
export interface PostRevisionTable {
  id: Generated<number>;
  post_id: number;
  title: string;
  body_md: string;
  written_by: string | null;
  written_at: string;
  replaced_at: string;
}

export interface PostReactionTable {
  post_id: number;
  user_id: string;
  kind: string;
  created_at: string;
}

export interface PostReportTable {
  id: Generated<number>;
  post_id: number;
  room_id: number;
  reporter_id: string | null;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface RoomFollowTable {
  user_id: string;
  /** 'room' or 'thread:<id>'. */
  target: string;
  room_id: number;
  thread_id: number | null;
  created_at: string;
}

export interface RoomFileTable {
  id: Generated<number>;
  room_id: number;
  title: string;
  current_version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoomFileVersionTable {
  id: Generated<number>;
  file_id: number;
  version: number;
  blob_sha256: string;
  filename: string;
  mime: string;
  size: number;
  note: string | null;
  created_by: string | null;
  created_at: string;
  case_id: number | null;
  case_document_id: number | null;
  sent_at: string | null;
  sent_by: string | null;
}

export interface RoomsTables {
  rooms: RoomTable;
  room_members: RoomMemberTable;
  room_invitations: RoomInvitationTable;
  room_requests: RoomRequestTable;
  threads: ThreadTable;
  thread_tags: ThreadTagTable;
  posts: PostTable;
  post_revisions: PostRevisionTable;
  post_reactions: PostReactionTable;
  post_reports: PostReportTable;
  room_follows: RoomFollowTable;
  room_files: RoomFileTable;
  room_file_versions: RoomFileVersionTable;
}
