/**
 * Publication: the contract the political process's modules share. A published version is an
 * append-only, sealed snapshot of a meeting's agenda or minutes; everything shown of it (to the
 * members, the employees, the public, in PDFs, OParl and search) is redacted for its viewer with
 * the meeting's closures. This module imports none of meetings, minutes, reader or public.
 */
export type { PublishedSnapshot, PublishedVersion, SnapshotAttachment, SnapshotItem } from './snapshot.ts';
export { buildSnapshot } from './build-snapshot.ts';
export { latestVersion, publishedVersions, publishVersion, verifySeals } from './publish.ts';
export {
  closuresOfMeetings,
  mayReadItem,
  meetingClosures,
  personOfUser,
  PUBLIC_VIEWER,
  redactSnapshot,
  viewerFor,
  type Closures,
  type MeetingViewer,
} from './redaction.ts';
export { approvalState, type ApprovalState } from './approvals.ts';
export { serveSnapshotAttachment, visibleAttachment } from './files.ts';
export { pdfFilename, renderMeetingPdf } from './agenda-pdf.ts';
export { renderAgendaPdf } from './pdf/index.ts';
export { type AgendaAttachment, type AgendaDocument, type AgendaItem, type RenderOptions } from './pdf/types.ts';
