import type { ChangeKind, PublishedKind } from '../../db/schema/meetings.ts';

/**
 * What a published version freezes (the `snapshot` JSON of `published_versions`). Everything the
 * reader, the public pages, the PDFs and OParl show of a published agenda or minutes comes from
 * here, never from the live tables, so a published version cannot change under its readers.
 *
 * The snapshot holds closed content too (members read it); `redactSnapshot` in access.ts is the
 * one place that removes what a given viewer may not see, with the meeting's closures (what is
 * closed in its latest agenda and minutes counts as closed in every version). Nothing may render
 * a snapshot without passing it through that function first.
 */

export interface SnapshotPerson {
  personId: number;
  name: string;
  party?: string | null;
}

export interface SnapshotAttachment {
  /** agenda_attachments.id */
  id: number;
  documentId: number;
  /** The document version frozen with this publication. */
  version: number;
  title: string;
  closed: boolean;
  /** The file served: the version's PDF rendition when there is one, else the original. */
  blobSha256: string;
  filename: string;
  mime: string;
  size: number;
}

export interface SnapshotEarlierStep {
  itemId: number;
  meetingId: number;
  committeeName: string;
  startsAt: string;
  /** The decision taken there, when there is one and it was not closed. */
  decision: string | null;
  closed: boolean;
}

export interface SnapshotItem {
  /** agenda_items.id: stable across versions (reader notes hang on it). */
  id: number;
  number: number;
  title: string;
  closed: boolean;
  closedReason: string | null;
  paperId: number | null;
  caseId: number | null;
  caseNumber: string | null;
  /** Plain text; paragraphs are separated by blank lines. */
  presentation: string;
  recommendation: string;
  economy: string;
  attachments: SnapshotAttachment[];
  /** The same paper's earlier steps through other committees (oldest first). */
  earlier: SnapshotEarlierStep[];
  /** Members kept out of this item or recorded as disqualified (inhabile). */
  disqualified: Array<SnapshotPerson & { keptOut: boolean; reason: string | null }>;
  /** Minutes only. */
  decision?: string | null;
  dissents?: Array<SnapshotPerson & { text: string }>;
}

export interface PublishedSnapshot {
  kind: PublishedKind;
  meeting: {
    id: number;
    committeeId: number;
    committeeName: string;
    title: string;
    startsAt: string;
    endsAt: string | null;
    locationId: number | null;
    location: string | null;
  };
  items: SnapshotItem[];
  /** Minutes only. */
  attendance?: {
    present: SnapshotPerson[];
    absent: SnapshotPerson[];
    substitutes: Array<SnapshotPerson & { for: SnapshotPerson }>;
  };
}

/** A published version as read from the database, snapshot parsed. */
export interface PublishedVersion {
  id: number;
  meetingId: number;
  kind: PublishedKind;
  number: number;
  changeKind: ChangeKind | null;
  changeNote: string | null;
  snapshot: PublishedSnapshot;
  previousSha256: string | null;
  sha256: string;
  publishedAt: string;
  publishedBy: string | null;
}
