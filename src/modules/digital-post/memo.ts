import { randomUUID } from 'node:crypto';

/**
 * MeMo 1.2 messages (Digitaliseringsstyrelsen's Digital Post format, namespace
 * `https://DigitalPost.dk/MeMo-1`): the envelope a letter travels in, to a folder drop for an
 * integration gateway or to Serviceplatformen's SF1601. Written by hand in the schema's element
 * order (MeMo_core.xsd 1.2, vendored in test/fixtures/memo with its provenance) with the literal
 * `memo:` prefix, which SF1601 requires. `memo.test.ts` validates what this writes against that XSD.
 *
 * What is written: MessageHeader (messageType DIGITALPOST, a v4 messageUUID, label, mandatory and
 * legalNotification, postType MYNDIGHEDSPOST, Sender by CVR, Recipient by CPR or CVR, ContentData
 * with the case number and the KLE subject), MessageBody (createdDateTime, the MainDocument and
 * any AdditionalDocuments, each one file, base64). Texts longer than the schema allows (256
 * characters) are cut, never refused: a case title must not stop a letter.
 */

export const MEMO_NAMESPACE = 'https://DigitalPost.dk/MeMo-1';
const KLE_NAMESPACE = 'http://kle-online.dk/';
const GRD_NAMESPACE = 'https://data.gov.dk/model/core/';
const MAX_TEXT = 256;

export interface MemoFile {
  filename: string;
  /** The file's type, e.g. application/pdf. */
  mime: string;
  bytes: Uint8Array;
  /** Two letters (ISO 639-1). */
  language?: string;
  /** The document's title in the recipient's mailbox. */
  label?: string;
}

export interface MemoMessage {
  /** v4 UUID; a new one when not given (a retry must reuse the stored one, so it is not sent twice). */
  uuid?: string;
  /** The subject the recipient sees. */
  label: string;
  sender: { cvr: string; label: string };
  recipient: { idType: 'CPR' | 'CVR'; id: string; name?: string };
  /** The case this letter belongs to, and the system that holds it. */
  caseNumber?: string;
  caseSystem?: string;
  kle?: { subjectKey: string; version: string; label: string; activityFacet?: string };
  /** Whether the recipient must read it before anything else (default false). */
  mandatory?: boolean;
  /** Whether it is a legal notification (default false). */
  legalNotification?: boolean;
  createdAt: Date;
  main: MemoFile;
  attachments?: MemoFile[];
}

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function text(value: string, max = MAX_TEXT): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest is escaped.
  const clean = [...value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')].slice(0, max).join('');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function el(name: string, value: string, max?: number): string {
  return `<${name}>${text(value, max)}</${name}>`;
}

function file(f: MemoFile): string {
  return (
    '<memo:File>' +
    el('memo:encodingFormat', f.mime) +
    el('memo:filename', f.filename) +
    el('memo:language', (f.language ?? 'da').slice(0, 2)) +
    `<memo:content>${Buffer.from(f.bytes).toString('base64')}</memo:content>` +
    '</memo:File>'
  );
}

function document(kind: 'MainDocument' | 'AdditionalDocument', f: MemoFile): string {
  return `<memo:${kind}>${f.label ? el('memo:label', f.label) : ''}${file(f)}</memo:${kind}>`;
}

/** The message as MeMo 1.2 XML (UTF-8 text with its declaration). */
export function memoXml(m: MemoMessage): { uuid: string; xml: string } {
  const uuid = m.uuid ?? randomUUID();
  if (!V4.test(uuid)) throw new Error(`messageUUID must be a v4 UUID: ${uuid}`);
  if (!/^\d{8}$/.test(m.sender.cvr)) throw new Error('the sender is identified by an 8-digit CVR number');
  const recipientId = m.recipient.id.replace(/\D/g, '');
  if (m.recipient.idType === 'CPR' ? recipientId.length !== 10 : recipientId.length !== 8)
    throw new Error(`the recipient's ${m.recipient.idType} number has the wrong length`);

  const contentData =
    m.caseNumber || m.kle
      ? '<memo:ContentData>' +
        (m.caseNumber
          ? `<memo:CaseID>${el('memo:caseID', m.caseNumber)}${el('memo:caseSystem', m.caseSystem ?? 'Samspil')}</memo:CaseID>`
          : '') +
        (m.kle
          ? '<kle:KLEdata>' +
            el('kle:subjectKey', m.kle.subjectKey) +
            el('kle:version', m.kle.version) +
            (m.kle.activityFacet ? el('kle:activityFacet', m.kle.activityFacet) : '') +
            el('kle:label', m.kle.label) +
            '</kle:KLEdata>'
          : '') +
        '</memo:ContentData>'
      : '';

  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<memo:Message xmlns:memo="${MEMO_NAMESPACE}" xmlns:kle="${KLE_NAMESPACE}" xmlns:grd="${GRD_NAMESPACE}" memoVersion="1.2">` +
    '<memo:MessageHeader>' +
    el('memo:messageType', 'DIGITALPOST') +
    el('memo:messageUUID', uuid) +
    el('memo:label', m.label) +
    el('memo:mandatory', m.mandatory ? 'true' : 'false') +
    el('memo:legalNotification', m.legalNotification ? 'true' : 'false') +
    el('memo:postType', 'MYNDIGHEDSPOST') +
    '<memo:Sender>' +
    el('memo:senderID', m.sender.cvr) +
    el('memo:idType', 'CVR') +
    el('memo:label', m.sender.label) +
    '</memo:Sender>' +
    '<memo:Recipient>' +
    el('memo:recipientID', recipientId) +
    el('memo:idType', m.recipient.idType) +
    (m.recipient.name ? el('memo:label', m.recipient.name) : '') +
    '</memo:Recipient>' +
    contentData +
    '</memo:MessageHeader>' +
    '<memo:MessageBody>' +
    el('memo:createdDateTime', m.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')) +
    document('MainDocument', m.main) +
    (m.attachments ?? []).map((a) => document('AdditionalDocument', a)).join('') +
    '</memo:MessageBody>' +
    '</memo:Message>\n';
  return { uuid, xml };
}
