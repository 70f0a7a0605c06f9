import type {
  AgendaAttachment,
  AgendaDocument,
  AgendaSection,
  DissentStatement,
  ItemAttendance,
  PdfAudience,
} from './types.ts';

/**
 * What one audience may see of an agenda or minutes: the one place that applies the rule for
 * closed items and closed attachments. The renderer only ever sees the result, so closed content
 * cannot reach a public PDF through a layout bug.
 *
 * For `public`:
 * - a closed item keeps its number and title only (no case number, sections, decision, dissent,
 *   item attendance or attachments);
 * - a closed attachment of an open item becomes a `withheld` placeholder without its title or
 *   file (its number is kept, so references between editions stay the same).
 * For `members` everything is kept, closed parts marked.
 *
 * The result is built field by field (an allow-list), so a field added to the input later does
 * not reach a public PDF until someone decides it may.
 */

export type VisibleAttachment =
  | {
      kind: 'shown';
      /** The attachment's number within its item (1-based, as in the input order). */
      number: number;
      title: string;
      closed: boolean;
      pdf?: Uint8Array;
    }
  | { kind: 'withheld'; number: number };

export interface VisibleItem {
  number: number;
  title: string;
  closed: boolean;
  /** True when the item is closed and the audience is the public: only number and title remain. */
  redacted: boolean;
  caseNumber?: string;
  sections: AgendaSection[];
  decision?: string;
  dissent: DissentStatement[];
  attendance?: ItemAttendance;
  attachments: VisibleAttachment[];
}

export interface VisibleAgenda extends Omit<AgendaDocument, 'items'> {
  audience: PdfAudience;
  items: VisibleItem[];
  /** Whether anything closed is printed (members) or was left out (public). */
  hasClosedContent: boolean;
}

export function visibleAgenda(doc: AgendaDocument, audience: PdfAudience): VisibleAgenda {
  if (audience !== 'members' && audience !== 'public') {
    // A typo or an unchecked value from a request must never fall through to "members".
    throw new Error(`Unknown PDF audience: ${String(audience)}`);
  }
  const isPublic = audience === 'public';
  let hasClosedContent = false;
  const items: VisibleItem[] = doc.items.map((item) => {
    if (item.closed) hasClosedContent = true;
    if (item.closed && isPublic) {
      return {
        number: item.number,
        title: item.title,
        closed: true,
        redacted: true,
        sections: [],
        dissent: [],
        attachments: [],
      };
    }
    const attachments = item.attachments.map((a, index): VisibleAttachment => {
      if (a.closed) hasClosedContent = true;
      if (a.closed && isPublic) return { kind: 'withheld', number: index + 1 };
      return shownAttachment(a, index + 1);
    });
    const visible: VisibleItem = {
      number: item.number,
      title: item.title,
      closed: item.closed,
      redacted: false,
      sections: item.sections.map((s) => ({ heading: s.heading, paragraphs: [...s.paragraphs] })),
      dissent: (item.dissent ?? []).map((d) => ({ member: d.member, text: d.text })),
      attachments,
    };
    if (item.caseNumber) visible.caseNumber = item.caseNumber;
    if (item.decision) visible.decision = item.decision;
    if (item.attendance) {
      const attendance: ItemAttendance = {};
      if (item.attendance.absent?.length) attendance.absent = [...item.attendance.absent];
      if (item.attendance.disqualified?.length) attendance.disqualified = [...item.attendance.disqualified];
      if (item.attendance.note) attendance.note = item.attendance.note;
      if (Object.keys(attendance).length > 0) visible.attendance = attendance;
    }
    return visible;
  });

  const result: VisibleAgenda = {
    kind: doc.kind,
    locale: doc.locale,
    organisation: doc.organisation,
    committee: doc.committee,
    meeting: { ...doc.meeting },
    items,
    audience,
    hasClosedContent,
  };
  if (doc.version) result.version = { ...doc.version };
  if (doc.attendance) {
    result.attendance = {
      present: [...doc.attendance.present],
      absent: [...doc.attendance.absent],
      substitutes: doc.attendance.substitutes.map((s) => ({ member: s.member, for: s.for })),
    };
  }
  if (doc.approvals) result.approvals = doc.approvals.map((a) => ({ member: a.member, at: a.at }));
  if (doc.sealHash) result.sealHash = doc.sealHash;
  return result;
}

function shownAttachment(a: AgendaAttachment, number: number): VisibleAttachment {
  const shown: VisibleAttachment = { kind: 'shown', number, title: a.title, closed: a.closed };
  if (a.pdf) shown.pdf = a.pdf;
  return shown;
}
