/**
 * Pure helpers of disposal that the views use too: the automatic reasons a case is kept back
 * from a disposal list (stored as `excluded_reason = 'auto:<kind>'`, shown from the catalogs).
 */

/**
 * Why a case on a list cannot be disposed of without breaking another record: the political
 * process refers to it (papers, agenda items and attachments, decision write-backs), a room's file
 * was sent to it, it has sub-cases that are not disposed of with it, or an access request about it
 * is not finished.
 */
export type BlockerKind = 'meetings' | 'rooms' | 'subcases' | 'accessRequest';
export const BLOCKER_KINDS: readonly BlockerKind[] = ['meetings', 'rooms', 'subcases', 'accessRequest'];
export const AUTO_REASON = 'auto:';

/** The automatic reason's kind, when a case was kept back by the check (not by a person). */
export function blockerOf(reason: string | null): BlockerKind | null {
  if (!reason?.startsWith(AUTO_REASON)) return null;
  const kind = reason.slice(AUTO_REASON.length) as BlockerKind;
  return BLOCKER_KINDS.includes(kind) ? kind : null;
}
