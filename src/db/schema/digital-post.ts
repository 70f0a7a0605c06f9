import type { Generated } from 'kysely';

/**
 * Table types for the Digital Post outbox (migrations/2026-12-01-0002-digital-post-outbox.ts).
 * Merged into DB in src/db/schema.ts. Instants are ISO strings (see src/db/schema.ts).
 */

export type DigitalPostStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** How the message reaches the recipient: their digital mailbox, or remote print (fjernprint) by post. */
export type DigitalPostChannel = 'digital' | 'print';

export interface DigitalPostOutboxTable {
  id: Generated<number>;
  /** The MeMo messageUUID (v4); every attempt sends the same one. */
  message_uuid: string;
  case_id: number | null;
  recipient_type: 'CPR' | 'CVR';
  label: string;
  /** The whole MeMo 1.2 message as memoXml wrote it. */
  memo_xml: string;
  status: DigitalPostStatus;
  attempts: number;
  next_attempt_at: string;
  /** The instance that holds the row while it is `sending`. */
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The transport's name that delivered it (folder-drop …). */
  transport: string | null;
  /** Chosen when queued (migration 2026-12-01-0005); sent on 'print' means sent by post. */
  channel: Generated<DigitalPostChannel>;
}

export interface DigitalPostTables {
  digital_post_outbox: DigitalPostOutboxTable;
}
