import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { copenhagenDate, formatDate, translator, type Locale } from '../../i18n/index.ts';
import { meetingClosures, redactSnapshot, type MeetingViewer } from './redaction.ts';
import { renderAgendaPdf, type AgendaDocument, type AgendaItem, type Approval, type PdfAudience } from './pdf/index.ts';
import type { PublishedSnapshot, PublishedVersion, SnapshotAttachment } from './snapshot.ts';

/**
 * The agenda or minutes of one published version as PDF, for one viewer. The snapshot goes
 * through `redactSnapshot` with the meeting's closures first (closed items the viewer may not
 * read, also those closed only in a later version, keep only their number; closed attachments
 * disappear), and the PDF library's `audience` is chosen from the same
 * viewer: `members` for the committee's members and the secretariat, `public` for everyone
 * else — two independent guards, so a mistake in one does not print closed content.
 */

export interface MeetingPdfOptions {
  /** Append the attachments (PDFs, or the PDF renditions of office files) in one file. */
  merged?: boolean;
  locale?: Locale;
  /** Minutes: the members' approvals, passed by the minutes module. */
  approvals?: Approval[];
  /** Minutes: the seal (SHA-256) printed on the last page. */
  seal?: string;
}

let organisationName: string | null = null;

async function organisation(database: Database): Promise<string> {
  if (organisationName) return organisationName;
  const root = await database.db
    .selectFrom('org_units')
    .select('name')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  organisationName = root?.name ?? 'Samspil';
  return organisationName;
}

export function audienceFor(viewer: MeetingViewer): PdfAudience {
  return viewer.secretariat || viewer.member ? 'members' : 'public';
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

async function attachmentPdf(blobs: BlobStore, a: SnapshotAttachment): Promise<Uint8Array | undefined> {
  if (a.mime !== 'application/pdf' || !blobs.exists(a.blobSha256)) return undefined;
  return new Uint8Array(await blobs.read(a.blobSha256));
}

/** Builds the PDF library's input from a snapshot that is already redacted for the viewer. */
export async function agendaDocument(
  database: Database,
  blobs: BlobStore,
  version: Pick<PublishedVersion, 'kind' | 'number' | 'publishedAt' | 'changeNote'>,
  snapshot: PublishedSnapshot,
  opts: MeetingPdfOptions = {},
): Promise<AgendaDocument> {
  const locale = opts.locale ?? 'da';
  const t = translator(locale);
  const items: AgendaItem[] = [];
  for (const item of snapshot.items) {
    const sections = [
      { heading: t('meetings.agenda.presentation'), paragraphs: paragraphs(item.presentation) },
      { heading: t('meetings.agenda.recommendation'), paragraphs: paragraphs(item.recommendation) },
      { heading: t('meetings.agenda.economy'), paragraphs: paragraphs(item.economy) },
    ].filter((s) => s.paragraphs.length > 0);
    if (item.earlier.length) {
      sections.unshift({
        heading: t('meetings.agenda.earlier'),
        paragraphs: item.earlier.map(
          (e) =>
            `${t('meetings.agenda.earlierStep', { committee: e.committeeName, date: formatDate(e.startsAt, locale) })}: ${e.decision ?? t('meetings.agenda.earlierNoDecision')}`,
        ),
      });
    }
    const keptOut = item.disqualified.map((d) => d.name);
    const out: AgendaItem = {
      number: item.number,
      title: item.title,
      closed: item.closed,
      sections,
      attachments: await Promise.all(
        item.attachments.map(async (a) => {
          const pdf = opts.merged ? await attachmentPdf(blobs, a) : undefined;
          return pdf ? { title: a.title, closed: a.closed, pdf } : { title: a.title, closed: a.closed };
        }),
      ),
    };
    if (item.caseNumber) out.caseNumber = item.caseNumber;
    if (keptOut.length) out.attendance = { disqualified: keptOut };
    if (snapshot.kind === 'minutes') {
      if (item.decision) out.decision = item.decision;
      if (item.dissents?.length)
        out.dissent = item.dissents.map((d) => ({ member: d.party ? `${d.name} (${d.party})` : d.name, text: d.text }));
    }
    items.push(out);
  }
  const named = (p: { name: string; party?: string | null }) => (p.party ? `${p.name} (${p.party})` : p.name);
  const doc: AgendaDocument = {
    kind: snapshot.kind,
    locale,
    organisation: await organisation(database),
    committee: snapshot.meeting.committeeName,
    meeting: {
      title: snapshot.meeting.title,
      startsAt: snapshot.meeting.startsAt,
      ...(snapshot.meeting.endsAt ? { endsAt: snapshot.meeting.endsAt } : {}),
      place: snapshot.meeting.location ?? '',
    },
    version: {
      number: version.number,
      publishedAt: version.publishedAt,
      ...(version.changeNote ? { changeNote: version.changeNote } : {}),
    },
    items,
  };
  if (snapshot.kind === 'minutes' && snapshot.attendance) {
    doc.attendance = {
      present: snapshot.attendance.present.map(named),
      absent: snapshot.attendance.absent.map(named),
      substitutes: snapshot.attendance.substitutes.map((s) => ({ member: named(s), for: named(s.for) })),
    };
  }
  if (opts.approvals?.length) doc.approvals = opts.approvals;
  if (opts.seal) doc.sealHash = opts.seal;
  return doc;
}

/**
 * The PDF of a published version (agenda or minutes) for a viewer: redacted, then rendered with
 * the matching audience. `merged` appends the attachments the viewer may see.
 */
export async function renderMeetingPdf(
  database: Database,
  blobs: BlobStore,
  version: PublishedVersion,
  viewer: MeetingViewer,
  opts: MeetingPdfOptions = {},
): Promise<Uint8Array> {
  const snapshot = redactSnapshot(
    version.snapshot,
    viewer,
    await meetingClosures(database, version.snapshot.meeting.id),
  );
  const doc = await agendaDocument(database, blobs, version, snapshot, opts);
  return renderAgendaPdf(doc, { audience: audienceFor(viewer), mergeAttachments: opts.merged === true });
}

/** A file name for the PDF: "Dagsorden-Udvalget-for-Teknik-og-Miljo-2026-12-01-v2.pdf". */
export function pdfFilename(
  version: Pick<PublishedVersion, 'kind' | 'number' | 'snapshot'>,
  locale: Locale,
  merged: boolean,
): string {
  const t = translator(locale);
  const kind = version.kind === 'agenda' ? t('meetings.agenda') : locale === 'da' ? 'Referat' : 'Minutes';
  const date = copenhagenDate(new Date(version.snapshot.meeting.startsAt));
  const name = `${kind} ${version.snapshot.meeting.committeeName} ${date} v${version.number}${merged ? ` ${t('meetings.agenda.attachments')}` : ''}`;
  return `${name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')}.pdf`;
}
