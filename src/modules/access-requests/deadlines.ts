import { appendAudit } from '../../audit/service.ts';
import { closingDays } from '../../calendar/closing-days.ts';
import { isWorkingDay, noticeDeadline, type ClosingDays } from '../../calendar/workdays.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { copenhagenDate, formatDate, formatDateTime, translator, type MessageKey } from '../../i18n/index.ts';
import { renderDocumentPdf, type Block } from '../../pdf/index.ts';
import type { AnswerChannel } from '../../db/schema/access-requests.ts';
import type { CaseRow } from '../cases/index.ts';
import { addJournalisedDocument, extractText } from '../documents/index.ts';
import {
  dispatchLetter,
  organisation,
  prepareLetter,
  type LetterSender,
  type PreparedLetter,
} from '../letters/index.ts';
import { notify } from '../notifications/index.ts';
import type { AccessRequestRow } from './access.ts';
import { requesterMail, requesterParty, type LetterPost } from './requester.ts';

/**
 * Deadlines of access requests: the date that counts (a fristbrev's new date, else 7 working days
 * from receipt), working days left, the fristbrev itself, and the warnings job. All working days
 * come from the platform's one calendar (src/calendar) with the municipality's closing days.
 */

/** The deadline that counts now: the new date told in a fristbrev, else the legal one. */
export const effectiveDeadline = (r: { deadline: string; extended_deadline: string | null }): string =>
  r.extended_deadline ?? r.deadline;

/**
 * Working days from `today` to `due`: the working days after today up to and including the due
 * date (0 when due today); negative when overdue (the working days since the due date).
 */
export function workingDaysLeft(today: string, due: string, closing: ClosingDays): number {
  if (today === due) return 0;
  const forward = today < due;
  let from = forward ? today : due;
  const to = forward ? due : today;
  let n = 0;
  while (from < to) {
    from = new Date(Date.parse(`${from}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    if (isWorkingDay(from, closing)) n++;
  }
  return forward ? n : -n;
}

/** When the caseworker is warned: 2 working days before the deadline. */
export const WARN_WORKING_DAYS = 2;

export interface ExtensionInput {
  reason: string;
  newDate: string;
}
export type ExtensionErrors = Partial<Record<keyof ExtensionInput, MessageKey>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fristbrev as a tagged PDF, in Danish (the letter goes to a Danish requester). */
export async function renderExtensionLetter(
  r: Pick<AccessRequestRow, 'requester_name' | 'requester_address' | 'received_at' | 'asks_for'>,
  x: { number: string; oldDeadline: string; newDate: string; reason: string; caseworker: string; at: Date },
): Promise<Uint8Array> {
  const d = (date: string) => formatDate(`${date}T12:00:00Z`, 'da');
  const blocks: Block[] = [
    { type: 'paragraph', text: [r.requester_name, r.requester_address ?? ''].filter(Boolean).join('\n') },
    { type: 'paragraph', text: `${d(copenhagenDate(x.at))} · Sag ${x.number}`, muted: true },
    { type: 'heading', level: 1, text: 'Ny frist for svar på din anmodning om aktindsigt' },
    {
      type: 'paragraph',
      text: `Vi modtog din anmodning om aktindsigt ${formatDateTime(r.received_at, 'da')}. Du bad om: ${r.asks_for}`,
    },
    {
      type: 'paragraph',
      text: `Efter offentlighedslovens § 36, stk. 2, skal en anmodning om aktindsigt som udgangspunkt besvares inden 7 arbejdsdage, det vil sige senest ${d(x.oldDeadline)}. Det kan vi ikke nå.`,
    },
    { type: 'heading', level: 2, text: 'Begrundelse' },
    { type: 'paragraph', text: x.reason },
    { type: 'heading', level: 2, text: 'Hvornår får du svar?' },
    {
      type: 'paragraph',
      text: [{ text: 'Du kan forvente svar senest ' }, { text: d(x.newDate), bold: true }, { text: '.' }],
    },
    { type: 'paragraph', text: `Med venlig hilsen\n${x.caseworker}` },
  ];
  return renderDocumentPdf({
    title: `Ny frist for svar på anmodning om aktindsigt (${x.number})`,
    locale: 'da',
    author: x.caseworker,
    subject: 'Fristbrev',
    blocks,
    footer: `Sag ${x.number}`,
    createdAt: x.at,
  });
}

/** How a fristbrev went out: Digital Post, remote print (someone exempt), e-mail, or to be posted by hand. */
export type ExtensionSentAs = 'digital' | 'print' | 'email' | 'post';

/**
 * The fristbrev: a reason and a new date after the current deadline. Writes the new date and the
 * reason on the request, renders the letter and sends it: through the letters module when the
 * requester has a CPR or CVR number (Digital Post, or remote print for someone exempt; the
 * requester is a party of the AKT case), by e-mail with the PDF attached when only an e-mail
 * address is known, else it is journalised to be printed and posted. Either way it is journalised
 * once, as an outgoing document on the AKT case, in the transaction that moves the deadline.
 */
export async function extendDeadline(
  database: Database,
  blobs: BlobStore,
  request: AccessRequestRow,
  kase: CaseRow,
  input: ExtensionInput,
  actor: LetterSender,
  post: LetterPost,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<
  { ok: true; documentId: number; sentAs: ExtensionSentAs } | { ok: false; errors: ExtensionErrors; error?: MessageKey }
> {
  const errors: ExtensionErrors = {};
  const reason = input.reason.trim();
  if (!reason) errors.reason = 'akt.error.extensionReason';
  else if (reason.length > 3000) errors.reason = 'akt.error.tooLong';
  const newDate = input.newDate.trim();
  const current = effectiveDeadline(request);
  if (!ISO_DATE.test(newDate) || Number.isNaN(Date.parse(`${newDate}T12:00:00Z`)))
    errors.newDate = 'akt.error.extensionDate';
  else if (newDate <= current) errors.newDate = 'akt.error.extensionNotLater';
  if (request.status !== 'open') errors.reason = 'akt.error.notOpen';
  if (Object.keys(errors).length) return { ok: false, errors };

  const now = opts.now ?? new Date();
  const pdf = await renderExtensionLetter(request, {
    number: kase.number,
    oldDeadline: current,
    newDate,
    reason,
    caseworker: actor.name,
    at: now,
  });
  const title = `Fristbrev: ny frist ${formatDate(`${newDate}T12:00:00Z`, 'da')}`;
  const filename = `fristbrev-${kase.number}.pdf`;
  const text = (await extractText(pdf, 'application/pdf')).text ?? title;

  const partyId = await requesterParty(database, request, kase, actor, { ip: opts.ip });
  let letter: PreparedLetter | null = null;
  if (partyId !== null) {
    const ready = await prepareLetter(
      database,
      blobs,
      post.register,
      kase,
      { partyId, title, pdf, text, filename, language: 'da' },
      actor,
      { ip: opts.ip, defaultSenderCvr: post.defaultSenderCvr },
    );
    if (!ready.ok) return { ok: false, errors: {}, error: ready.error };
    letter = ready.prepared;
  }
  const channel: AnswerChannel = letter ? 'digital_post' : request.requester_email ? 'email' : 'post';
  const org = letter?.organisation ?? (await organisation(database));
  const sha256 = letter?.sha256 ?? (await blobs.put(database, Buffer.from(pdf)));
  const t = translator('da');
  const mail =
    channel === 'email'
      ? await requesterMail(database, {
          to: request.requester_email!,
          kind: 'access-request.extension',
          dedupeKey: `access-request-extension:${request.id}:${newDate}`,
          locale: 'da',
          template: 'access-request.extension',
          values: {
            'anmoder.navn': request.requester_name,
            'sag.nummer': kase.number,
            'dato.frist': formatDate(`${newDate}T12:00:00Z`, 'da'),
          },
          footer: t('accessAnswers.mail.footer', { organisation: org }),
          organisation: org,
          attachment: { filename, sha256 },
        })
      : null;

  return writeTransaction(database, async (tx) => {
    let documentId: number;
    let sentAs: ExtensionSentAs;
    if (letter) {
      const sent = await dispatchLetter(tx, kase, letter, actor, { ip: opts.ip, now });
      documentId = sent.documentId;
      sentAs = sent.channel;
    } else {
      const doc = await addJournalisedDocument(
        tx,
        kase,
        {
          title,
          direction: 'outgoing',
          documentDate: copenhagenDate(now),
          sender: org,
          recipient: request.requester_name,
          filename,
          mime: 'application/pdf',
          size: pdf.length,
          sha256,
          text,
        },
        actor,
        { ip: opts.ip },
      );
      documentId = doc.id;
      sentAs = channel === 'email' ? 'email' : 'post';
      if (mail) await mail(tx);
    }
    const at = now.toISOString();
    await tx.db
      .updateTable('access_requests')
      .set({
        extended_deadline: newDate,
        extension_reason: reason,
        extended_at: at,
        extension_document_id: documentId,
        extension_channel: channel,
        // A new deadline gets its own warnings.
        warned_at: null,
        overdue_notified_at: null,
        updated_at: at,
      })
      .where('id', '=', request.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'accessRequest.extend',
      entityType: 'case',
      entityId: kase.id,
      summary: `Deadline of ${kase.number} moved from ${current} to ${newDate}; the fristbrev went by ${sentAs}`,
      details: { request: request.id, from: current, to: newDate, reason, document: documentId, channel: sentAs },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, documentId, sentAs };
  });
}

/**
 * Warns the caseworker of each open request once when its deadline is 2 working days away (or
 * nearer), and once when it has passed. The row is claimed first (`warned_at` /
 * `overdue_notified_at` set where still null), so two instances never warn twice.
 */
export async function sendDeadlineWarnings(
  database: Database,
  today = copenhagenDate(new Date()),
): Promise<{ warned: number; overdue: number }> {
  const closing = await closingDays(database);
  const open = await database.db
    .selectFrom('access_requests')
    .innerJoin('cases', 'cases.id', 'access_requests.case_id')
    .select([
      'access_requests.id',
      'access_requests.deadline',
      'access_requests.extended_deadline',
      'access_requests.caseworker_id',
      'access_requests.warned_at',
      'access_requests.overdue_notified_at',
      'cases.number',
    ])
    .where('access_requests.status', '=', 'open')
    .where((eb) =>
      eb.or([eb('access_requests.warned_at', 'is', null), eb('access_requests.overdue_notified_at', 'is', null)]),
    )
    .limit(10_000)
    .execute();
  const out = { warned: 0, overdue: 0 };
  const at = new Date().toISOString();
  for (const r of open) {
    const due = effectiveDeadline(r);
    const kind: 'overdue' | 'warned' | null =
      today > due && !r.overdue_notified_at
        ? 'overdue'
        : today <= due && !r.warned_at && today >= noticeDeadline(due, WARN_WORKING_DAYS, closing)
          ? 'warned'
          : null;
    if (!kind) continue;
    const column = kind === 'overdue' ? 'overdue_notified_at' : 'warned_at';
    const claimed = await database.db
      .updateTable('access_requests')
      .set({ [column]: at })
      .where('id', '=', r.id)
      .where(column, 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1 || !r.caseworker_id) continue;
    await notify(database, {
      userId: r.caseworker_id,
      kind: kind === 'overdue' ? 'accessRequest.overdue' : 'accessRequest.deadline',
      params: { number: r.number, due },
      link: `/access-requests/${r.id}`,
      dedupeKey: `access-request:${r.id}:${kind}:${due}`,
    });
    out[kind]++;
  }
  return out;
}
