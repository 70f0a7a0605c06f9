import msgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import { convert as htmlToText } from 'html-to-text';
import iconv from 'iconv-lite';
import PostalMime, { type Address, type Email as PostalEmail } from 'postal-mime';
import {
  canonicalExt,
  compoundFileKind,
  DOCUMENT_TYPES,
  extForMime,
  filenameExtension,
  looksLikeEmail,
  safeFilename,
} from '../../files/types.ts';

/**
 * Reading e-mails saved as files: `.eml` (RFC 5322/MIME, through postal-mime) and Outlook `.msg`
 * (OLE2/MAPI, through @kenjiuno/msgreader), into one shape for journalising a mail on a case.
 * Attachments come back as files of their own; those without a name (inline images, bare parts)
 * are named `bilag-N.<ext>` from their MIME type.
 */

export interface EmailAttachment {
  filename: string;
  mime: string;
  content: Buffer;
  /** Shown inside the body (an inline image) rather than attached by the sender. */
  inline: boolean;
}

export interface ParsedEmail {
  /** `Name <address>` or just the address. */
  from: string | null;
  to: string[];
  cc: string[];
  /** Blind copies: only present in a sender's own saved copy. */
  bcc: string[];
  /** When it was sent, ISO 8601 UTC. */
  date: string | null;
  subject: string | null;
  /** The plain-text body; converted from the HTML body when that is all the mail has. */
  text: string;
  /** The HTML body as sent (never render it unsanitised), or null. */
  html: string | null;
  attachments: EmailAttachment[];
}

export class InvalidEmailError extends Error {
  readonly code = 'invalid_email';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidEmailError';
  }
}

export function isInvalidEmailError(error: unknown): error is InvalidEmailError {
  return error instanceof Error && (error as { code?: unknown }).code === 'invalid_email';
}

/** Parses a saved e-mail. Throws an `InvalidEmailError` (code `invalid_email`) for anything that is not one. */
export async function parseEmail(buffer: Buffer, kind: 'eml' | 'msg'): Promise<ParsedEmail> {
  if (buffer.byteLength === 0) throw new InvalidEmailError('the file is empty');
  return kind === 'eml' ? parseEml(buffer) : parseMsg(buffer);
}

// ---------------------------------------------------------------------------------------------
// .eml

async function parseEml(buffer: Buffer): Promise<ParsedEmail> {
  if (!looksLikeEmail(buffer)) throw new InvalidEmailError('the file does not start with e-mail header fields');
  let email: PostalEmail;
  try {
    email = await PostalMime.parse(buffer, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    throw new InvalidEmailError(
      `the e-mail could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const namer = attachmentNamer();
  const attachments = email.attachments.map((part) => {
    const mime = part.mimeType || 'application/octet-stream';
    const content =
      typeof part.content === 'string'
        ? Buffer.from(part.content, part.encoding === 'base64' ? 'base64' : 'utf8')
        : Buffer.from(part.content instanceof ArrayBuffer ? new Uint8Array(part.content) : part.content);
    return {
      filename: namer(part.filename, mime),
      mime,
      content,
      inline: part.disposition === 'inline' || part.related === true,
    };
  });
  const html = email.html ?? null;
  return {
    from: email.from ? (formatAddresses([email.from])[0] ?? null) : null,
    to: formatAddresses(email.to ?? []),
    cc: formatAddresses(email.cc ?? []),
    bcc: formatAddresses(email.bcc ?? []),
    date: isoDate(email.date),
    subject: email.subject?.trim() || null,
    text: bodyText(email.text ?? null, html),
    html,
    attachments,
  };
}

function formatAddresses(addresses: Address[]): string[] {
  const out: string[] = [];
  for (const address of addresses) {
    if (address.group) out.push(...formatAddresses(address.group));
    else if (address.address || address.name) out.push(formatMailbox(address.name, address.address));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// .msg

type MsgReaderClass = typeof import('@kenjiuno/msgreader').default;

// The package is CommonJS with `exports.default`; depending on the loader the default import is
// the class itself or the module object.
const MsgReader: MsgReaderClass =
  (msgReaderModule as unknown as { default?: MsgReaderClass }).default ??
  (msgReaderModule as unknown as MsgReaderClass);

const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function parseMsg(buffer: Buffer): ParsedEmail {
  if (buffer.byteLength < 512 || !OLE2_SIGNATURE.every((byte, i) => buffer[i] === byte)) {
    throw new InvalidEmailError('the file is not an Outlook item (no OLE2 signature)');
  }
  // msgreader reads any compound file (a Word document gives an empty "message"): check first.
  if (compoundFileKind(buffer) !== 'msg') throw new InvalidEmailError('the file is not an Outlook item');
  let reader: InstanceType<MsgReaderClass>;
  let data: FieldsData;
  try {
    const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    reader = new MsgReader(arrayBuffer);
    data = reader.getFileData();
  } catch (error) {
    throw new InvalidEmailError(
      `the Outlook item could not be read: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (data.error || data.dataType !== 'msg') {
    throw new InvalidEmailError(`the Outlook item could not be read: ${data.error ?? 'not a message'}`);
  }

  const recipients = { to: [] as string[], cc: [] as string[], bcc: [] as string[] };
  for (const recipient of data.recipients ?? []) {
    const address = smtpAddress(recipient.smtpAddress, recipient.email, recipient.addressType);
    if (!address && !recipient.name) continue;
    recipients[recipient.recipType ?? 'to'].push(formatMailbox(recipient.name, address));
  }

  const senderAddress =
    smtpAddress(data.senderSmtpAddress, data.senderEmail, data.senderAddressType) ??
    smtpAddress(data.sentRepresentingSmtpAddress, undefined, undefined);
  const from = senderAddress || data.senderName ? formatMailbox(data.senderName, senderAddress) : null;

  const html = msgHtml(data);
  const namer = attachmentNamer();
  const attachments: EmailAttachment[] = [];
  for (const attachment of data.attachments ?? []) {
    let file: { fileName: string; content: Uint8Array };
    try {
      file = reader.getAttachment(attachment);
    } catch (error) {
      throw new InvalidEmailError(
        `an attachment of the Outlook item could not be read: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    const embeddedMessage = attachment.innerMsgContent === true;
    const mime = embeddedMessage
      ? DOCUMENT_TYPES.msg.mime
      : attachment.attachMimeTag ||
        mimeFromName(file.fileName || attachment.fileName || attachment.name) ||
        'application/octet-stream';
    let name = file.fileName || attachment.fileName || attachment.fileNameShort || attachment.name || null;
    if (embeddedMessage && name && filenameExtension(name) !== 'msg') name = `${name}.msg`;
    attachments.push({
      filename: namer(name, mime),
      mime,
      content: Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
      inline:
        attachment.attachmentHidden === true ||
        Boolean(attachment.pidContentId && html?.includes(`cid:${attachment.pidContentId}`)),
    });
  }

  return {
    from,
    ...recipients,
    date: isoDate(data.clientSubmitTime) ?? isoDate(data.messageDeliveryTime) ?? isoDate(headerDate(data.headers)),
    subject: data.subject?.trim() || null,
    text: bodyText(data.body ?? null, html),
    html,
    attachments,
  };
}

/**
 * An SMTP address for a sender or recipient. Exchange stores its own users with an X.500 address
 * (`/O=EXCHANGELABS/OU=…`) in the plain e-mail field and the SMTP address beside it.
 */
function smtpAddress(smtp: string | undefined, email: string | undefined, type: string | undefined): string | null {
  if (smtp && smtp.includes('@')) return smtp.trim();
  if (email && email.includes('@') && (type ?? 'SMTP').toUpperCase() !== 'EX') return email.trim();
  return null;
}

/** The HTML body: PidTagHtml is bytes in the message's code page; some writers store a string. */
function msgHtml(data: FieldsData): string | null {
  if (data.bodyHtml) return data.bodyHtml;
  if (!data.html || data.html.byteLength === 0) return null;
  const bytes = Buffer.from(data.html.buffer, data.html.byteOffset, data.html.byteLength);
  const codepage = data.internetCodepage ?? 65001;
  const encoding = codepage === 65001 ? 'utf8' : `cp${codepage}`;
  return iconv.encodingExists(encoding) ? iconv.decode(bytes, encoding) : bytes.toString('utf8');
}

function headerDate(headers: string | undefined): string | undefined {
  return headers?.match(/^Date:\s*(.+)$/im)?.[1]?.trim();
}

// ---------------------------------------------------------------------------------------------
// Shared

function formatMailbox(name: string | undefined | null, address: string | undefined | null): string {
  const cleanName = (name ?? '').replace(/\s+/g, ' ').trim();
  const cleanAddress = (address ?? '').trim();
  if (!cleanAddress) return cleanName;
  if (!cleanName || cleanName.toLowerCase() === cleanAddress.toLowerCase()) return cleanAddress;
  return `${cleanName} <${cleanAddress}>`;
}

function isoDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function bodyText(text: string | null, html: string | null): string {
  if (text && text.trim().length > 0) return text.replace(/\r\n?/g, '\n').trim();
  if (html) return htmlAsText(html);
  return '';
}

/** Readable text from an HTML body: no link targets, no images, no scripts or styles. */
export function htmlAsText(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  }).trim();
}

const EXTRA_EXT_BY_MIME: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/calendar': 'ics',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'application/zip': 'zip',
  'application/octet-stream': 'bin',
};

function mimeFromName(name: string | undefined | null): string | null {
  const raw = name ? filenameExtension(name) : '';
  const ext = raw ? canonicalExt(raw) : null;
  return ext ? DOCUMENT_TYPES[ext].mime : null;
}

/** Names attachments safely; an unnamed one becomes `bilag-N.<ext>` (bilag: Danish for attachment). */
function attachmentNamer(): (name: string | null | undefined, mime: string) => string {
  let unnamed = 0;
  return (name, mime) => {
    const clean = name ? safeFilename(name, '') : '';
    if (clean) return clean;
    unnamed++;
    const ext = extForMime(mime) ?? EXTRA_EXT_BY_MIME[mime.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
    return `bilag-${unnamed}.${ext}`;
  };
}
