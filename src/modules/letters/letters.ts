import type { AuditActor } from '../../audit/service.ts';
import { writeTransaction, type Database } from '../../db/index.ts';
import type { LetterChannel } from '../../db/schema/letters.ts';
import { toId } from '../../db/sql.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { copenhagenDate, formatLongDate, type MessageKey } from '../../i18n/index.ts';
import { renderDocumentPdf, type Block } from '../../pdf/index.ts';
import type { Actor } from '../../policy/index.ts';
import type { CaseRow } from '../cases/index.ts';
import { deliveryStatus, type DeliveryStatus } from '../digital-post/index.ts';
import { notify } from '../notifications/index.ts';
import type { PersonRegister } from '../registers/index.ts';
import { dispatchLetter, organisation, prepareLetter } from './dispatch.ts';
import { mergeText, paragraphs, type MergeValues } from './merge.ts';
import { getTemplate, MAX_BODY, MAX_TITLE } from './templates.ts';

/**
 * Letters from a case: a template merged with the case's facts, edited by the caseworker, made
 * into a tagged PDF, wrapped in a MeMo message and sent through the Digital Post outbox.
 * `sendLetter` checks the form and renders the letter; sending it (the channel, the journalised
 * document, the outbox message and the `letters` row, in one transaction) is `dispatch.ts`,
 * which every letter of the platform goes through.
 */

export type LetterSender = Actor & AuditActor & { displayName: string };

export interface LetterInput {
  partyId: string;
  templateId: string;
  /** Copenhagen date (YYYY-MM-DD) for {{dato.frist}}. */
  deadline: string;
  title: string;
  body: string;
  /** The form's one-time key (a v4 UUID made when the form was first shown). */
  token: string;
}

export type LetterErrors = Partial<Record<keyof LetterInput, MessageKey>>;

export interface Recipient {
  id: number;
  name: string;
  kind: 'person' | 'company' | 'other';
  role: string;
  address: string | null;
  idType: 'CPR' | 'CVR';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The case's parties that can get a letter: a person with a CPR number or a company with a CVR number. */
export async function recipientsOf(database: Database, caseId: number): Promise<Recipient[]> {
  const rows = await database.db
    .selectFrom('case_parties')
    .select(['id', 'name', 'kind', 'role', 'address', 'cpr', 'cvr'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) =>
    r.cpr || r.cvr
      ? [
          {
            id: r.id,
            name: r.name,
            kind: r.kind,
            role: r.role,
            address: r.address,
            idType: r.cpr ? 'CPR' : 'CVR',
          } as const,
        ]
      : [],
  );
}

/** The template an id from a form names (through toId: out-of-range numbers are no template). */
async function templateOf(database: Database, value: string) {
  const id = toId(value);
  return id === null ? undefined : getTemplate(database, id);
}

async function unitName(database: Database, unitId: number | null): Promise<string> {
  if (unitId === null) return '';
  const unit = await database.db.selectFrom('org_units').select('name').where('id', '=', unitId).executeTakeFirst();
  return unit?.name ?? '';
}

const longDate = (date: string) => formatLongDate(`${date}T12:00:00Z`, 'da');

/** The values of every merge field for a letter to `party` on `c`, written by `sender`. */
export async function mergeValues(
  database: Database,
  c: CaseRow,
  party: { name: string; address: string | null },
  sender: LetterSender,
  deadline: string,
  now: Date = new Date(),
): Promise<MergeValues> {
  return {
    'part.navn': party.name,
    'part.adresse': party.address ?? '',
    'sag.nummer': c.number,
    'sag.titel': c.title,
    'sagsbehandler.navn': sender.displayName,
    'sagsbehandler.enhed': await unitName(database, sender.orgUnitId),
    'dato.idag': longDate(copenhagenDate(now)),
    'dato.frist': DATE.test(deadline) ? longDate(deadline) : '',
  };
}

/** The template merged for the chosen recipient: the text the caseworker then edits. */
export async function composeLetter(
  database: Database,
  c: CaseRow,
  input: LetterInput,
  sender: LetterSender,
  now: Date = new Date(),
): Promise<{ ok: true; title: string; body: string } | { ok: false; errors: LetterErrors }> {
  const errors: LetterErrors = {};
  const party = (await recipientsOf(database, c.id)).find((r) => String(r.id) === input.partyId);
  if (!party) errors.partyId = 'letters.error.party';
  const template = await templateOf(database, input.templateId);
  if (!template?.active) errors.templateId = 'letters.error.template';
  if (input.deadline && !DATE.test(input.deadline)) errors.deadline = 'letters.error.deadline';
  if (!party || !template?.active || errors.deadline) return { ok: false, errors };
  const values = await mergeValues(database, c, party, sender, input.deadline, now);
  return { ok: true, title: mergeText(template.title, values), body: mergeText(template.body, values) };
}

/**
 * The letter's blocks for the shared tagged-PDF tool (src/pdf): sender, recipient, date and case
 * number as paragraphs, the heading as H1, then the paragraphs of the text.
 */
function letterBlocks(
  org: string,
  unit: string,
  recipient: Recipient,
  c: CaseRow,
  today: string,
  title: string,
  body: string,
): Block[] {
  return [
    { type: 'paragraph', text: [org, unit].filter(Boolean).join('\n'), muted: true },
    { type: 'space', height: 12 },
    { type: 'paragraph', text: [recipient.name, recipient.address ?? ''].filter(Boolean).join('\n') },
    { type: 'space', height: 12 },
    { type: 'paragraph', text: `${longDate(today)}\nSagsnr. ${c.number}` },
    { type: 'space', height: 12 },
    { type: 'heading', level: 1, text: title },
    ...paragraphs(body).map((text) => ({ type: 'paragraph' as const, text })),
  ];
}

export type SendResult =
  | {
      ok: true;
      letterId: number;
      documentId: number;
      outboxId: number;
      channel: LetterChannel;
      /** This form had sent its letter already; nothing was sent again. */
      repeated?: boolean;
    }
  | { ok: false; errors: LetterErrors; error?: MessageKey };

/**
 * Sends the letter: checks it, makes the PDF, and hands it to `prepareLetter` (the channel, by
 * an audited CPR look-up with the case as its purpose) and `dispatchLetter` (in one
 * transaction: the outgoing document, the MeMo message, the letter).
 */
export async function sendLetter(
  database: Database,
  blobs: BlobStore,
  register: PersonRegister,
  c: CaseRow,
  input: LetterInput,
  sender: LetterSender,
  opts: {
    ip?: string | null;
    now?: Date;
    /** The municipality's CVR number from the configuration (SERVICEPLATFORMEN_CVR), when the setting is empty. */
    defaultSenderCvr?: string | null;
  } = {},
): Promise<SendResult> {
  const now = opts.now ?? new Date();
  const token = UUID.test(input.token) ? input.token.toLowerCase() : null;
  const already = async (): Promise<SendResult | null> => {
    if (!token) return null;
    const sent = await database.db
      .selectFrom('letters')
      .select(['id', 'document_id', 'outbox_id', 'channel'])
      .where('form_token', '=', token)
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    return sent
      ? {
          ok: true,
          letterId: sent.id,
          documentId: sent.document_id,
          outboxId: sent.outbox_id,
          channel: sent.channel,
          repeated: true,
        }
      : null;
  };
  const repeated = await already();
  if (repeated) return repeated;
  const errors: LetterErrors = {};
  const recipients = await recipientsOf(database, c.id);
  const party = recipients.find((r) => String(r.id) === input.partyId);
  if (!party) errors.partyId = 'letters.error.party';
  const template = await templateOf(database, input.templateId);
  if (input.templateId && !template) errors.templateId = 'letters.error.template';
  const title = input.title.trim();
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  if (!title || title.length > MAX_TITLE) errors.title = 'letters.error.title';
  if (!body || body.length > MAX_BODY) errors.body = 'letters.error.body';
  if (!party || Object.keys(errors).length) return { ok: false, errors };
  const [org, unit] = await Promise.all([organisation(database), unitName(database, sender.orgUnitId)]);
  const pdf = await renderDocumentPdf({
    title,
    locale: 'da',
    author: org,
    subject: `Sagsnr. ${c.number}`,
    createdAt: now,
    footer: `${org} · Sagsnr. ${c.number}`,
    blocks: letterBlocks(org, unit, party, c, copenhagenDate(now), title, body),
  });
  const filename = `${
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .slice(0, 100)
      .trim() || 'brev'
  }.pdf`;
  const ready = await prepareLetter(
    database,
    blobs,
    register,
    c,
    { partyId: party.id, title, pdf, text: `${title}\n\n${body}`, filename, templateId: template?.id ?? null, token },
    sender,
    opts,
  );
  if (!ready.ok) {
    if (ready.error === 'letters.error.party') return { ok: false, errors: { partyId: ready.error } };
    return { ok: false, errors: {}, error: ready.error };
  }

  try {
    const sent = await writeTransaction(database, (tx) => dispatchLetter(tx, c, ready.prepared, sender, opts));
    return {
      ok: true,
      letterId: sent.letterId,
      documentId: sent.documentId,
      outboxId: sent.outboxId,
      channel: sent.channel,
    };
  } catch (err) {
    // Two sends of the same form at once: the unique form_token let one commit; this one rolled
    // back whole (document, message, letter), and answers with the one that was sent.
    const other = await already();
    if (other) return other;
    throw err;
  }
}

export interface LetterListItem {
  id: number;
  title: string;
  partyName: string;
  channel: LetterChannel;
  delivery: DeliveryStatus;
  documentId: number;
  documentNumber: number | null;
  createdAt: string;
  createdByName: string | null;
  sentAt: string | null;
}

function lettersQuery(database: Database) {
  return database.db
    .selectFrom('letters')
    .innerJoin('digital_post_outbox', 'digital_post_outbox.id', 'letters.outbox_id')
    .innerJoin('case_parties', 'case_parties.id', 'letters.party_id')
    .innerJoin('documents', 'documents.id', 'letters.document_id')
    .leftJoin('users', 'users.id', 'letters.created_by')
    .select([
      'letters.id',
      'letters.case_id',
      'letters.title',
      'letters.channel',
      'letters.document_id',
      'letters.created_at',
      'case_parties.name as party_name',
      'documents.number as document_number',
      'digital_post_outbox.status',
      'digital_post_outbox.channel as outbox_channel',
      'digital_post_outbox.sent_at',
      'users.display_name as created_by_name',
    ]);
}

type LetterQueryRow = Awaited<ReturnType<ReturnType<typeof lettersQuery>['execute']>>[number];

const toItem = (r: LetterQueryRow): LetterListItem => ({
  id: r.id,
  title: r.title,
  partyName: r.party_name,
  channel: r.channel,
  delivery: deliveryStatus({ status: r.status, channel: r.outbox_channel }),
  documentId: r.document_id,
  documentNumber: r.document_number,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  sentAt: r.sent_at,
});

/** The case's letters, newest first, with their delivery status. */
export async function listLetters(database: Database, caseId: number): Promise<LetterListItem[]> {
  const rows = await lettersQuery(database)
    .where('letters.case_id', '=', caseId)
    .orderBy('letters.id', 'desc')
    .execute();
  return rows.map(toItem);
}

/** The letter a document is, with its delivery status (for the document's page), or null. */
export async function letterOfDocument(database: Database, documentId: number): Promise<LetterListItem | null> {
  const row = await lettersQuery(database).where('letters.document_id', '=', documentId).executeTakeFirst();
  return row ? toItem(row) : null;
}

/**
 * Failed letters for the front page of `userId`: those on cases they are the caseworker of, and
 * on cases without a caseworker those they wrote.
 */
export async function failedLettersFor(
  database: Database,
  userId: string,
): Promise<Array<LetterListItem & { caseId: number; caseNumber: string; caseTitle: string }>> {
  const rows = await lettersQuery(database)
    .innerJoin('cases', 'cases.id', 'letters.case_id')
    .select(['cases.number as case_number', 'cases.title as case_title'])
    .where('digital_post_outbox.status', '=', 'failed')
    .where((eb) =>
      eb.or([
        eb('cases.caseworker_id', '=', userId),
        eb.and([eb('cases.caseworker_id', 'is', null), eb('letters.created_by', '=', userId)]),
      ]),
    )
    .orderBy('letters.id', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({ ...toItem(r), caseId: r.case_id, caseNumber: r.case_number, caseTitle: r.case_title }));
}

/**
 * When Digital Post gives up on a letter's message (the outbox's `onFailed`, in its transaction):
 * a notification to the case's caseworker, or to the letter's writer when the case has none,
 * linking to the case's letters. Messages that are not letters are left alone.
 */
export async function notifyFailedLetter(tx: Database, outbox: { id: number }): Promise<void> {
  const letter = await tx.db
    .selectFrom('letters')
    .innerJoin('cases', 'cases.id', 'letters.case_id')
    .select([
      'letters.id',
      'letters.title',
      'letters.created_by',
      'cases.id as case_id',
      'cases.number',
      'cases.caseworker_id',
    ])
    .where('letters.outbox_id', '=', outbox.id)
    .executeTakeFirst();
  const userId = letter?.caseworker_id ?? letter?.created_by;
  if (!letter || !userId) return;
  await notify(tx, {
    userId,
    kind: 'letter.failed',
    params: { title: letter.title, number: letter.number },
    link: `/cases/${letter.case_id}#letters`,
  });
}
