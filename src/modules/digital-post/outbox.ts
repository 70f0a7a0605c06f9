import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { writeTransaction, type Database } from '../../db/index.ts';
import type { DigitalPostChannel, DigitalPostOutboxTable } from '../../db/schema/digital-post.ts';
import type { Selectable } from 'kysely';
import { memoXml, type MemoMessage } from './memo.ts';
import type { DigitalPostTransport } from './transports.ts';

/**
 * The Digital Post outbox. `enqueueMessage` stores a message (its MeMo XML and UUID) in the
 * caller's transaction; `workOutbox` sends what is due, one row at a time:
 *
 *   queued ──claim──▶ sending ──sent──▶ sent
 *     ▲                  │
 *     └──error, back-off─┤──error, attempts ≥ maxAttempts──▶ failed
 *
 * A claim is one compare-and-set UPDATE (queued and due, or sending with an expired lease →
 * sending, with this instance's lease), and only the worker whose UPDATE changed the row sends
 * it, so two instances never claim the same row. The outcome is written only while the worker
 * still holds its lease. A worker that dies while sending leaves the row `sending`; when the lease
 * has run out another worker claims it and sends the same stored XML again, which the transport
 * must take as a repeat (the folder drop does).
 */

export type OutboxRow = Selectable<DigitalPostOutboxTable>;

/** Minutes to wait after the 1st, 2nd … failed attempt (the last is repeated). */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 720];
export const DEFAULT_MAX_ATTEMPTS = 6;
export const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_ERROR = 2000;

/**
 * Queues a message; call it inside the transaction that decides to send it. Returns the row id.
 * The message's UUID is kept (a new v4 one when it has none); a second message with the same UUID
 * is refused by the unique index.
 */
export async function enqueueMessage(
  tx: Database,
  message: MemoMessage & { caseId?: number; channel?: DigitalPostChannel },
): Promise<number> {
  const { uuid, xml } = memoXml(message);
  const now = new Date().toISOString();
  const row = await tx.db
    .insertInto('digital_post_outbox')
    .values({
      message_uuid: uuid,
      case_id: message.caseId ?? null,
      recipient_type: message.recipient.idType,
      label: message.label,
      memo_xml: xml,
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      lease_owner: null,
      lease_expires_at: null,
      last_error: null,
      created_at: now,
      sent_at: null,
      transport: null,
      channel: message.channel ?? 'digital',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface WorkOptions {
  /** Who claims (the scheduler's instance name); written as `lease_owner`. */
  instance: string;
  /** The instant to work at (tests); the app clock otherwise, read at every step. */
  now?: Date;
  /** At most this many messages per call (default 50). */
  batch?: number;
  maxAttempts?: number;
  leaseMs?: number;
  /**
   * Called in the transaction that marks a message `failed` for good (the letters module tells
   * the caseworker), so the failure and what follows from it commit together.
   */
  onFailed?: (tx: Database, row: OutboxRow) => Promise<void>;
}

export interface WorkResult {
  sent: number;
  /** Failed this time, queued again for later. */
  retried: number;
  /** Failed for the last time. */
  failed: number;
  /** Sent or failed, but the lease had passed to another worker, which writes the outcome. */
  lost: number;
}

const at = (opts: WorkOptions) => opts.now ?? new Date();

/** Claims one due row for `instance`, or returns null when nothing is due. */
export async function claimNext(
  database: Database,
  instance: string,
  now: Date,
  leaseMs: number = DEFAULT_LEASE_MS,
): Promise<OutboxRow | null> {
  const nowIso = now.toISOString();
  const leaseExpiresAt = new Date(now.getTime() + leaseMs).toISOString();
  for (;;) {
    const candidate = await database.db
      .selectFrom('digital_post_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_expires_at', '<=', nowIso)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return null;
    // Compare and set: the same condition again, so of two workers that picked the same row
    // only one changes it (PostgreSQL re-checks the condition after waiting for the other's
    // row lock; SQLite runs one writer at a time).
    const result = await database.db
      .updateTable('digital_post_outbox')
      .set((eb) => ({
        status: 'sending',
        lease_owner: instance,
        lease_expires_at: leaseExpiresAt,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', candidate.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_expires_at', '<=', nowIso)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue; // another worker took it; look again
    return await database.db
      .selectFrom('digital_post_outbox')
      .selectAll()
      .where('id', '=', candidate.id)
      .executeTakeFirstOrThrow();
  }
}

function backoffMs(attempts: number): number {
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
  return minutes * 60_000;
}

/** What the audit entry says about a message: never the recipient's CPR number. */
function auditDetails(row: OutboxRow, transport: string, attempts: number): Record<string, unknown> {
  return {
    uuid: row.message_uuid,
    caseId: row.case_id,
    recipientType: row.recipient_type,
    transport,
    attempts,
  };
}

/** Sends what is due through `transport`, one claimed row at a time. */
export async function workOutbox(
  database: Database,
  transport: DigitalPostTransport,
  opts: WorkOptions,
): Promise<WorkResult> {
  const batch = opts.batch ?? 50;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const result: WorkResult = { sent: 0, retried: 0, failed: 0, lost: 0 };
  for (let i = 0; i < batch; i++) {
    const row = await claimNext(database, opts.instance, at(opts), leaseMs);
    if (!row) break;
    // The lease this worker holds: the outcome is written only while the row still carries it.
    const held = { owner: opts.instance, expires: row.lease_expires_at ?? '' };
    let error: string | null = null;
    let deliveredBy = transport.name;
    try {
      const sent = await transport.send(row.message_uuid, row.memo_xml, { channel: row.channel });
      if (sent?.transport) deliveredBy = sent.transport;
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR) || 'error';
    }
    const outcome = await writeTransaction(database, async (tx) => {
      const now = at(opts);
      const base = tx.db
        .updateTable('digital_post_outbox')
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('lease_owner', '=', held.owner)
        .where('lease_expires_at', '=', held.expires);
      if (error === null) {
        const r = await base
          .set({
            status: 'sent',
            sent_at: now.toISOString(),
            transport: deliveredBy,
            lease_owner: null,
            lease_expires_at: null,
            last_error: null,
          })
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return 'lost' as const;
        await appendAudit(tx, {
          actor: null,
          action: 'digital-post.sent',
          entityType: 'digital_post_outbox',
          entityId: row.id,
          summary: `Digital Post message ${row.message_uuid} sent (${deliveredBy})`,
          details: auditDetails(row, deliveredBy, row.attempts),
        });
        return 'sent' as const;
      }
      const final = row.attempts >= maxAttempts;
      const r = await base
        .set({
          status: final ? 'failed' : 'queued',
          next_attempt_at: final ? now.toISOString() : new Date(now.getTime() + backoffMs(row.attempts)).toISOString(),
          lease_owner: null,
          lease_expires_at: null,
          last_error: error,
        })
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 'lost' as const;
      if (!final) return 'retried' as const;
      await appendAudit(tx, {
        actor: null,
        action: 'digital-post.failed',
        entityType: 'digital_post_outbox',
        entityId: row.id,
        summary: `Digital Post message ${row.message_uuid} failed after ${row.attempts} attempts (${transport.name})`,
        details: auditDetails(row, transport.name, row.attempts),
      });
      await opts.onFailed?.(tx, row);
      return 'failed' as const;
    });
    result[outcome]++;
  }
  return result;
}

/**
 * What the caseworker is told about a message: its status, with "sent by post" for a message
 * sent on the print channel (remote print).
 */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'sent_by_post' | 'failed';

export function deliveryStatus(row: { status: OutboxRow['status']; channel: DigitalPostChannel }): DeliveryStatus {
  return row.status === 'sent' && row.channel === 'print' ? 'sent_by_post' : row.status;
}

export interface OutboxListItem {
  id: number;
  messageUuid: string;
  caseId: number | null;
  caseNumber: string | null;
  label: string;
  recipientType: OutboxRow['recipient_type'];
  channel: DigitalPostChannel;
  status: OutboxRow['status'];
  delivery: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

/** The outbox, newest first, for administrators (no recipient numbers: they are only in the XML). */
export async function listOutbox(
  database: Database,
  opts: { status?: OutboxRow['status'] | null; limit?: number } = {},
): Promise<OutboxListItem[]> {
  let q = database.db
    .selectFrom('digital_post_outbox')
    .leftJoin('cases', 'cases.id', 'digital_post_outbox.case_id')
    .select([
      'digital_post_outbox.id',
      'digital_post_outbox.message_uuid',
      'digital_post_outbox.case_id',
      'cases.number as case_number',
      'digital_post_outbox.label',
      'digital_post_outbox.recipient_type',
      'digital_post_outbox.channel',
      'digital_post_outbox.status',
      'digital_post_outbox.attempts',
      'digital_post_outbox.last_error',
      'digital_post_outbox.created_at',
      'digital_post_outbox.sent_at',
      'digital_post_outbox.next_attempt_at',
    ])
    .orderBy('digital_post_outbox.id', 'desc')
    .limit(opts.limit ?? 200);
  if (opts.status) q = q.where('digital_post_outbox.status', '=', opts.status);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    messageUuid: r.message_uuid,
    caseId: r.case_id,
    caseNumber: r.case_number,
    label: r.label,
    recipientType: r.recipient_type,
    channel: r.channel,
    status: r.status,
    delivery: deliveryStatus(r),
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}

/**
 * Sends a failed message again (an administrator's retry): back to `queued`, due now, with its
 * attempts counted from zero. The stored XML and UUID stay, so the recipient can never get it
 * twice. Only a failed message can be requeued (false otherwise).
 */
export async function requeueMessage(
  database: Database,
  id: number,
  actor: AuditActor,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<boolean> {
  return writeTransaction(database, async (tx) => {
    const r = await tx.db
      .updateTable('digital_post_outbox')
      .set({ status: 'queued', attempts: 0, next_attempt_at: (opts.now ?? new Date()).toISOString(), last_error: null })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    const row = await tx.db
      .selectFrom('digital_post_outbox')
      .select(['message_uuid', 'case_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'digital-post.requeue',
      entityType: 'digital_post_outbox',
      entityId: id,
      summary: `Digital Post message ${row.message_uuid} queued again`,
      details: { uuid: row.message_uuid, caseId: row.case_id },
      ip: opts.ip ?? null,
    });
    return true;
  });
}
