/**
 * The political process's PDFs (agenda and minutes): a pure library, no database and no HTTP.
 * The meetings module fills an `AgendaDocument` and calls `renderAgendaPdf`.
 */
export { renderAgendaPdf } from './render.ts';
export { visibleAgenda, type VisibleAgenda, type VisibleAttachment, type VisibleItem } from './audience.ts';
export { checkAttachmentPdf, type AttachmentCheck } from './merge.ts';
export { pdfLabels, type PdfLabels } from './labels.ts';
export type {
  AgendaAttachment,
  AgendaDocument,
  AgendaItem,
  AgendaSection,
  Approval,
  DissentStatement,
  ItemAttendance,
  MeetingAttendance,
  PdfAudience,
  PdfLocale,
  RenderOptions,
} from './types.ts';
