import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/index.ts';
import { nowIso } from '../db/index.ts';
import type { JobDefinition } from '../jobs/scheduler.ts';
import type { Logger } from '../http/logger.ts';

/**
 * E-mail: queued in `mail_outbox` (in the caller's transaction, so a mail is sent exactly when the
 * change that caused it commits), delivered by the `mail-delivery` job. With SMTP_URL the job
 * sends over SMTP (nodemailer); without it, each mail is written as an .eml file (RFC 5322, the
 * same bytes SMTP would carry) to DATA_DIR/outbox, so nothing is lost and an operator can read
 * or resend them. Failures are retried with back-off (1, 2, 4 … minutes, at most 6 hours apart).
 */

export interface OutgoingMail {
  to: string;
  toUserId?: string | null;
  kind: string;
  subject: string;
  html: string;
  text: string;
  /** The same key is queued once (e.g. a digest per user per day). */
  dedupeKey?: string | null;
  /** Stored blobs sent as attachments; each must stay referenced elsewhere until the mail is sent. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  mime: string;
  sha256: string;
}

/** What a delivery sends: the mail with its attachments' bytes. */
export interface DeliverableMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** Reads an attachment's bytes (the blob store). */
export type AttachmentReader = (sha256: string) => Promise<Buffer>;

/** Queues a mail; returns false when one with the same dedupe key was already queued. */
export async function queueMail(database: Database, mail: OutgoingMail): Promise<boolean> {
  const now = nowIso();
  const row = await database.db
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      to_user_id: mail.toUserId ?? null,
      kind: mail.kind,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      dedupe_key: mail.dedupeKey ?? null,
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      created_at: now,
      next_attempt_at: now,
      attempts: 0,
      sent_at: null,
      delivered_to: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface Delivery {
  /** 'smtp' or the path of the .eml file written. */
  deliver(mail: DeliverableMail): Promise<string>;
}

export class SmtpDelivery implements Delivery {
  readonly #transport: Transporter;
  constructor(url: string) {
    this.#transport = nodemailer.createTransport(url);
  }
  async deliver(mail: DeliverableMail): Promise<string> {
    await this.#transport.sendMail(mail);
    return 'smtp';
  }
}

export class FileDelivery implements Delivery {
  readonly #transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  constructor(private readonly dir: string) {}
  async deliver(mail: DeliverableMail): Promise<string> {
    const info = (await this.#transport.sendMail(mail)) as { message: Buffer };
    await fs.promises.mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
    const target = path.join(this.dir, name);
    const tmp = `${target}.tmp`;
    await fs.promises.writeFile(tmp, info.message);
    await fs.promises.rename(tmp, target);
    return target;
  }
}

export function deliveryFor(config: { smtpUrl: string | null; dataDir: string }): Delivery {
  return config.smtpUrl ? new SmtpDelivery(config.smtpUrl) : new FileDelivery(path.join(config.dataDir, 'outbox'));
}

/** Delivers what is due; returns how many were sent and how many failed this round. */
export async function deliverPending(
  database: Database,
  delivery: Delivery,
  from: string,
  logger?: Logger,
  limit = 200,
  readAttachment?: AttachmentReader,
): Promise<{ sent: number; failed: number }> {
  const now = new Date();
  const due = await database.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(limit)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    try {
      const attachments = await readAttachments(m.attachments, readAttachment);
      const where = await delivery.deliver({
        from,
        to: m.to_address,
        subject: m.subject,
        html: m.html,
        text: m.text,
        ...(attachments ? { attachments } : {}),
      });
      await database.db
        .updateTable('mail_outbox')
        .set({ sent_at: nowIso(), delivered_to: where, attempts: m.attempts + 1, last_error: null })
        .where('id', '=', m.id)
        .execute();
      sent++;
    } catch (err) {
      const attempts = m.attempts + 1;
      const waitMinutes = Math.min(2 ** (attempts - 1), 360);
      await database.db
        .updateTable('mail_outbox')
        .set({
          attempts,
          last_error: err instanceof Error ? err.message.slice(0, 500) : String(err),
          next_attempt_at: new Date(Date.now() + waitMinutes * 60_000).toISOString(),
        })
        .where('id', '=', m.id)
        .execute();
      logger?.warn('mail delivery failed', { mail: m.id, attempts, err });
      failed++;
    }
  }
  return { sent, failed };
}

async function readAttachments(
  json: string | null,
  read: AttachmentReader | undefined,
): Promise<DeliverableMail['attachments'] | undefined> {
  if (!json) return undefined;
  const list = JSON.parse(json) as MailAttachment[];
  if (list.length === 0) return undefined;
  if (!read) throw new Error('This mail has attachments, but no blob store was given to read them');
  return Promise.all(
    list.map(async (a) => ({ filename: a.filename, contentType: a.mime, content: await read(a.sha256) })),
  );
}

export function mailDeliveryJob(
  database: Database,
  delivery: Delivery,
  from: string,
  logger?: Logger,
  readAttachment?: AttachmentReader,
): JobDefinition {
  return {
    name: 'mail-delivery',
    schedule: '* * * * *',
    runOnStart: true,
    leaseMs: 5 * 60_000,
    title: 'jobs.mail-delivery',
    result: 'jobs.mail-delivery.result',
    run: async () => ({ counts: await deliverPending(database, delivery, from, logger, 200, readAttachment) }),
  };
}
