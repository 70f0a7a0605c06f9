/**
 * The input of the political process's PDFs (agenda and minutes). A plain data model: the
 * meetings module fills it from the database, this library only renders it.
 *
 * Closed content is described, never pre-filtered, by the caller: items and attachments carry
 * `closed`, and the renderer's `audience` option decides what is printed (see `audience.ts`).
 * That rule lives in this library so that no caller can leak a closed item by forgetting it.
 */

export type PdfLocale = 'da' | 'en';

/** Who the PDF is for. `public` never contains a closed item's content or a closed attachment. */
export type PdfAudience = 'members' | 'public';

export interface AgendaSection {
  /** E.g. "Sagsfremstilling", "Indstilling", "Økonomi". */
  heading: string;
  /** Plain text paragraphs (no markup). A line break inside a paragraph is kept. */
  paragraphs: string[];
}

export interface AgendaAttachment {
  title: string;
  /** A closed attachment (e.g. personal data) of an otherwise open item. */
  closed: boolean;
  /**
   * The attachment as a PDF (the original when it is one, else its rendition). Only read when
   * attachments are merged; anything that is not a usable PDF is skipped with a note.
   */
  pdf?: Uint8Array;
}

export interface DissentStatement {
  member: string;
  text: string;
}

/** Attendance that differs for one item (minutes). */
export interface ItemAttendance {
  /** Members who left the meeting for this item. */
  absent?: string[];
  /** Members who were disqualified (inhabile) and took no part in this item. */
  disqualified?: string[];
  /** Anything else worth recording, e.g. "Punktet blev behandlet efter punkt 7." */
  note?: string;
}

export interface AgendaItem {
  /** The item's number on the agenda (shown as "3."). */
  number: number;
  title: string;
  caseNumber?: string;
  /** A closed item (lukket punkt), dealt with behind closed doors. */
  closed: boolean;
  sections: AgendaSection[];
  /** Minutes: the decision (beslutning). */
  decision?: string;
  /** Minutes: minority statements (mindretalsudtalelser, Styrelsesloven §13 stk. 2). */
  dissent?: DissentStatement[];
  /** Minutes: attendance that differs for this item. */
  attendance?: ItemAttendance;
  attachments: AgendaAttachment[];
}

export interface MeetingAttendance {
  present: string[];
  absent: string[];
  /** A substitute (stedfortræder) who attended in place of a member. */
  substitutes: Array<{ member: string; for: string }>;
}

export interface Approval {
  member: string;
  /** ISO-8601 instant. */
  at: string;
}

export interface AgendaDocument {
  kind: 'agenda' | 'minutes';
  /** The language of the labels and of the document (`/Lang`: da-DK or en-GB). */
  locale: PdfLocale;
  /** E.g. "Samspil Kommune" (the PDF's author). */
  organisation: string;
  /** E.g. "Udvalget for Teknik og Miljø". */
  committee: string;
  meeting: {
    /** E.g. "Ordinært møde". */
    title: string;
    /** ISO-8601 instant; shown in Europe/Copenhagen. */
    startsAt: string;
    endsAt?: string;
    place: string;
  };
  /** A published version; `number` above 1 marks a new version, `changeNote` says what changed. */
  version?: { number: number; publishedAt: string; changeNote?: string };
  items: AgendaItem[];
  /** Minutes: who attended the meeting. */
  attendance?: MeetingAttendance;
  /** Minutes: the members' approvals (underskrifter), with timestamps. */
  approvals?: Approval[];
  /** Minutes: the hash that seals the approved minutes (hex), printed on the last page. */
  sealHash?: string;
}

export interface RenderOptions {
  /** Required on purpose: the caller must say whether closed content may be printed. */
  audience: PdfAudience;
  /** Append every attachment the audience may see after the agenda (one file). Default false. */
  mergeAttachments?: boolean;
  /**
   * Fonts to embed (TrueType). Default: Liberation Sans, DejaVu Sans or Carlito from
   * /usr/share/fonts when installed, else pdfkit's built-in Helvetica (WinAnsi: æ, ø, å and the
   * rest of Western European text, but not e.g. Polish or Turkish letters). `'standard'` forces
   * Helvetica.
   */
  fonts?: 'standard' | { regular: string | Uint8Array; bold: string | Uint8Array };
  /** The creation date written into the PDF (default: now). */
  createdAt?: Date;
}
