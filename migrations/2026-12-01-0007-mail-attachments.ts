import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';

/**
 * Attachments for queued e-mails (src/mail/outbox.ts): `mail_outbox.attachments` is a JSON list
 * of `{ filename, mime, sha256 }`, each a stored blob, read when the mail is delivered. The
 * access-request answer sends its package this way. The blob must be kept by another reference
 * while the mail waits (the answer package is journalised on the AKT case first).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('attachments', 'text').execute();
}
