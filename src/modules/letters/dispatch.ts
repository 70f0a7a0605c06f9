import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { LetterChannel } from '../../db/schema/letters.ts';
import { getSetting, municipalityName } from '../../db/settings.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { validateCvr } from '../../identity/index.ts';
import type { CaseRow } from '../cases/index.ts';
import { enqueueMessage } from '../digital-post/index.ts';
import { addJournalisedDocument } from '../documents/index.ts';
import { lookupPerson, type PersonRegister } from '../registers/index.ts';
import type { LetterSender } from './letters.ts';

/**
 * The one way every letter of the platform goes out (a letter from a template, a fristbrev, the
 * answer to an access request): to a party of the case with a CPR or CVR number, through the
 * Digital Post outbox, journalised on the case as an outgoing document and recorded in `letters`,
 * so its delivery status shows on the case, on the document's page and (when it fails) on the
 * caseworker's front page.
 *
 * Two steps, because the channel is decided by a network call (SF1520 in production) that must
 * not run inside a write transaction:
 *  - `prepareLetter` (before the transaction): the party, the sender's CVR number, the channel
 *    (an audited CPR look-up with the case as its purpose: someone exempt from Digital Post gets
 *    the letter by remote print), the PDF stored as a blob;
 *  - `dispatchLetter` (in the caller's transaction): the journalised document, the outbox
 *    message, the `letters` row and the audit entry, together with whatever else the caller
 *    writes (the request answered, the new deadline).
 */

/** The municipality's CVR number, the sender of every letter (Administration → Digital Post). */
export const SENDER_CVR_SETTING = 'letters.sender_cvr';

export interface LetterToSend {
  /** A party of the case (case_parties) with a CPR or CVR number. */
  partyId: number;
  title: string;
  pdf: Uint8Array;
  /** The letter's searchable text (the journalised document's text). */
  text: string;
  filename: string;
  templateId?: number | null;
  /** The form's one-time key, so one form sends one letter. */
  token?: string | null;
  /** The MeMo main document's language (default da). */
  language?: string;
}

export interface PreparedLetter {
  letter: LetterToSend;
  party: { id: number; name: string; idType: 'CPR' | 'CVR'; number: string };
  channel: LetterChannel;
  senderCvr: string;
  organisation: string;
  kleLabel: string;
  sha256: string;
}

export type PrepareError = 'letters.error.party' | 'letters.error.senderCvr' | 'letters.error.register';

export interface DispatchedLetter {
  letterId: number;
  documentId: number;
  /** The journal number of the document. */
  number: number;
  outboxId: number;
  channel: LetterChannel;
}

/** The root unit's name: the municipality, as letters are signed and sent. */
export async function organisation(database: Database): Promise<string> {
  return municipalityName(database);
}

/**
 * Everything a letter needs before its transaction. Refused when the party is not one of the
 * case's with a CPR or CVR number, when no sender CVR number is configured, and when the CPR
 * register does not answer (sent digitally, the letter might never reach someone exempt).
 */
export async function prepareLetter(
  database: Database,
  blobs: BlobStore,
  register: PersonRegister,
  c: CaseRow,
  letter: LetterToSend,
  sender: LetterSender,
  opts: {
    ip?: string | null;
    /** The municipality's CVR number from the configuration (SERVICEPLATFORMEN_CVR), when the setting is empty. */
    defaultSenderCvr?: string | null;
  } = {},
): Promise<{ ok: true; prepared: PreparedLetter } | { ok: false; error: PrepareError }> {
  const row = await database.db
    .selectFrom('case_parties')
    .select(['id', 'name', 'cpr', 'cvr'])
    .where('id', '=', letter.partyId)
    .where('case_id', '=', c.id)
    .executeTakeFirst();
  if (!row || !(row.cpr || row.cvr)) return { ok: false, error: 'letters.error.party' };
  const cvr = validateCvr((await getSetting(database, SENDER_CVR_SETTING)) ?? opts.defaultSenderCvr ?? '');
  if (!cvr.ok) return { ok: false, error: 'letters.error.senderCvr' };

  let channel: LetterChannel = 'digital';
  if (row.cpr) {
    let found: Awaited<ReturnType<typeof lookupPerson>>;
    try {
      found = await lookupPerson(database, register, sender, row.cpr, { purpose: { caseId: c.id }, ip: opts.ip });
    } catch {
      return { ok: false, error: 'letters.error.register' };
    }
    if (found.status === 'found' && found.digitalPostExempt) channel = 'print';
  }
  const [org, kle, sha256] = await Promise.all([
    organisation(database),
    database.db.selectFrom('kle_subjects').select('title').where('number', '=', c.kle_number).executeTakeFirst(),
    blobs.put(database, Buffer.from(letter.pdf)),
  ]);
  return {
    ok: true,
    prepared: {
      letter,
      party: row.cpr
        ? { id: row.id, name: row.name, idType: 'CPR', number: row.cpr }
        : { id: row.id, name: row.name, idType: 'CVR', number: row.cvr! },
      channel,
      senderCvr: cvr.cvr,
      organisation: org,
      kleLabel: kle?.title ?? c.kle_number,
      sha256,
    },
  };
}

/**
 * Sends a prepared letter inside the caller's transaction: journalises it on the case as an
 * outgoing document, queues the MeMo message on the chosen channel, records the letter and
 * writes the audit entry.
 */
export async function dispatchLetter(
  tx: Database,
  c: CaseRow,
  p: PreparedLetter,
  sender: LetterSender,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DispatchedLetter> {
  const now = opts.now ?? new Date();
  const { letter, party, channel } = p;
  const document = await addJournalisedDocument(
    tx,
    c,
    {
      title: letter.title,
      direction: 'outgoing',
      documentDate: copenhagenDate(now),
      sender: p.organisation,
      recipient: party.name,
      filename: letter.filename,
      mime: 'application/pdf',
      size: letter.pdf.length,
      sha256: p.sha256,
      text: letter.text,
    },
    sender,
    { ip: opts.ip },
  );
  const outboxId = await enqueueMessage(tx, {
    label: letter.title,
    sender: { cvr: p.senderCvr, label: p.organisation },
    recipient: { idType: party.idType, id: party.number, name: party.name },
    caseNumber: c.number,
    kle: { subjectKey: c.kle_number, version: 'KLE', label: p.kleLabel },
    createdAt: now,
    main: {
      filename: letter.filename,
      mime: 'application/pdf',
      bytes: letter.pdf,
      label: letter.title,
      language: letter.language,
    },
    caseId: c.id,
    channel,
  });
  const { id: letterId } = await tx.db
    .insertInto('letters')
    .values({
      case_id: c.id,
      party_id: party.id,
      template_id: letter.templateId ?? null,
      title: letter.title,
      channel,
      outbox_id: outboxId,
      document_id: document.id,
      form_token: letter.token ?? null,
      created_by: sender.id,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    actor: sender,
    action: 'letter.send',
    entityType: 'case',
    entityId: c.id,
    summary: `Sent letter "${letter.title}" to ${party.name} on ${c.number} (${channel})`,
    details: { letter: letterId, document: document.id, number: document.number, outbox: outboxId, channel },
    ip: opts.ip ?? null,
  });
  return { letterId, documentId: document.id, number: document.number, outboxId, channel };
}
