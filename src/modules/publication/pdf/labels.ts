import type { PdfLocale } from './types.ts';

/**
 * The fixed texts of the agenda and minutes PDFs, in Danish and English. Kept beside the renderer
 * (a pure library); the lead may move them into src/i18n's catalogs when the module is wired.
 */
export interface PdfLabels {
  agenda: string;
  minutes: string;
  /** The PDF's title: "{kind}: {committee}, {date}". */
  documentTitle: (kind: string, committee: string, date: string) => string;
  documentSubject: (kind: string, committee: string, meeting: string, date: string) => string;
  time: string;
  place: string;
  timeRange: (date: string, from: string, to?: string) => string;
  version: (number: number, publishedAt: string) => string;
  newVersion: (number: number) => string;
  changes: string;
  membersEdition: string;
  publicEdition: string;
  contents: string;
  itemHeading: (number: number, title: string) => string;
  closedItem: string;
  closedItemMembersNote: string;
  closedItemPublicNote: string;
  caseNumber: string;
  attachments: string;
  attachmentLabel: (item: number, attachment: number) => string;
  closedAttachment: string;
  withheldAttachment: string;
  attachmentsAtTheBack: string;
  skippedNotPdf: string;
  skippedEncrypted: string;
  skippedNoPdf: string;
  skippedNoPages: string;
  attachmentCouldNotBeInserted: string;
  decision: string;
  dissent: string;
  attendance: string;
  present: string;
  absent: string;
  substitutes: string;
  substituteFor: (member: string, forMember: string) => string;
  absentForItem: string;
  disqualified: string;
  approvalHeading: string;
  approvedBy: (member: string, at: string) => string;
  noApprovals: string;
  seal: string;
  sealText: string;
  pageOf: (page: number, total: number) => string;
  none: string;
}

const da: PdfLabels = {
  agenda: 'Dagsorden',
  minutes: 'Referat',
  documentTitle: (kind, committee, date) => `${kind}: ${committee}, ${date}`,
  documentSubject: (kind, committee, meeting, date) => `${kind} for ${committee}, ${meeting}, ${date}`,
  time: 'Tidspunkt',
  place: 'Sted',
  timeRange: (date, from, to) => (to ? `${date} kl. ${from}–${to}` : `${date} kl. ${from}`),
  version: (n, at) => `Version ${n}, offentliggjort ${at}`,
  newVersion: (n) => `Ny udgave (version ${n}) – erstatter tidligere udgaver`,
  changes: 'Ændringer',
  membersEdition:
    'Udgave til udvalgets medlemmer. Indeholder lukkede punkter eller bilag, som er fortrolige og ikke må videregives.',
  publicEdition: 'Offentlig udgave. Lukkede punkter og lukkede bilag er udeladt.',
  contents: 'Indholdsfortegnelse',
  itemHeading: (n, title) => `${n}. ${title}`,
  closedItem: 'Lukket punkt',
  closedItemMembersNote: 'Lukket punkt. Indholdet er fortroligt og må ikke videregives.',
  closedItemPublicNote: 'Punktet behandles for lukkede døre. Indholdet offentliggøres ikke.',
  caseNumber: 'Sagsnr.',
  attachments: 'Bilag',
  attachmentLabel: (item, a) => `Bilag ${item}.${a}`,
  closedAttachment: 'lukket bilag',
  withheldAttachment: 'Lukket bilag – indgår ikke i den offentlige udgave.',
  attachmentsAtTheBack: 'Bilagene er samlet bagest i dokumentet (se indholdsfortegnelsen).',
  skippedNotPdf: 'Bilaget er ikke indsat, fordi filen ikke er en gyldig PDF.',
  skippedEncrypted: 'Bilaget er ikke indsat, fordi PDF-filen er krypteret.',
  skippedNoPdf: 'Bilaget er ikke indsat, fordi der ikke findes en PDF-udgave af det.',
  skippedNoPages: 'Bilaget er ikke indsat, fordi PDF-filen ikke har nogen sider.',
  attachmentCouldNotBeInserted: 'Bilaget kunne ikke indsættes her. Se det oprindelige dokument.',
  decision: 'Beslutning',
  dissent: 'Mindretalsudtalelse',
  attendance: 'Fremmøde',
  present: 'Til stede',
  absent: 'Fraværende',
  substitutes: 'Stedfortrædere',
  substituteFor: (member, forMember) => `${member} (for ${forMember})`,
  absentForItem: 'Fraværende under punktet',
  disqualified: 'Inhabil',
  approvalHeading: 'Godkendelse af referatet',
  approvedBy: (member, at) => `${member}, godkendt ${at}`,
  noApprovals: 'Referatet er endnu ikke godkendt.',
  seal: 'Forsegling',
  sealText: 'Det godkendte referat er forseglet med kontrolsummen (SHA-256):',
  pageOf: (page, total) => `Side ${page} af ${total}`,
  none: 'Ingen',
};

const en: PdfLabels = {
  agenda: 'Agenda',
  minutes: 'Minutes',
  documentTitle: (kind, committee, date) => `${kind}: ${committee}, ${date}`,
  documentSubject: (kind, committee, meeting, date) => `${kind} of ${committee}, ${meeting}, ${date}`,
  time: 'Time',
  place: 'Place',
  timeRange: (date, from, to) => (to ? `${date}, ${from}–${to}` : `${date}, ${from}`),
  version: (n, at) => `Version ${n}, published ${at}`,
  newVersion: (n) => `New edition (version ${n}) – replaces earlier editions`,
  changes: 'Changes',
  membersEdition:
    "Members' edition. Contains closed items or attachments that are confidential and must not be passed on.",
  publicEdition: 'Public edition. Closed items and closed attachments are left out.',
  contents: 'Contents',
  itemHeading: (n, title) => `${n}. ${title}`,
  closedItem: 'Closed item',
  closedItemMembersNote: 'Closed item. The content is confidential and must not be passed on.',
  closedItemPublicNote: 'This item is dealt with behind closed doors. Its content is not published.',
  caseNumber: 'Case no.',
  attachments: 'Attachments',
  attachmentLabel: (item, a) => `Attachment ${item}.${a}`,
  closedAttachment: 'closed attachment',
  withheldAttachment: 'Closed attachment – not part of the public edition.',
  attachmentsAtTheBack: 'The attachments follow at the back of this document (see the contents).',
  skippedNotPdf: 'The attachment is not included because the file is not a valid PDF.',
  skippedEncrypted: 'The attachment is not included because the PDF file is encrypted.',
  skippedNoPdf: 'The attachment is not included because there is no PDF version of it.',
  skippedNoPages: 'The attachment is not included because the PDF file has no pages.',
  attachmentCouldNotBeInserted: 'The attachment could not be included here. See the original document.',
  decision: 'Decision',
  dissent: 'Minority statement',
  attendance: 'Attendance',
  present: 'Present',
  absent: 'Absent',
  substitutes: 'Substitutes',
  substituteFor: (member, forMember) => `${member} (for ${forMember})`,
  absentForItem: 'Absent for this item',
  disqualified: 'Disqualified',
  approvalHeading: 'Approval of the minutes',
  approvedBy: (member, at) => `${member}, approved ${at}`,
  noApprovals: 'The minutes have not been approved yet.',
  seal: 'Seal',
  sealText: 'The approved minutes are sealed with the checksum (SHA-256):',
  pageOf: (page, total) => `Page ${page} of ${total}`,
  none: 'None',
};

export function pdfLabels(locale: PdfLocale): PdfLabels {
  return locale === 'en' ? en : da;
}
