import { createHash } from 'node:crypto';
import type { Database } from '../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../db/index.ts';
import type { AuditRow } from '../db/schema.ts';
import { sql } from 'kysely';
import { containsText } from '../db/sql.ts';

/**
 * The audit log: append-only and hash-chained (DESIGN.md, Audit). Every entry carries the hash
 * of the one before it, and its own hash covers its content and that link; editing, deleting or
 * inserting a row anywhere breaks the chain, which `verifyAuditChain` finds. The database also
 * refuses UPDATE and DELETE on the table (triggers in the first migration).
 *
 * Everything writes through `audit()`, or `appendAudit()` inside a transaction of its own so
 * that the change and its log entry commit together.
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  id: string;
  name: string;
}

/** The audit actor for a signed-in user. */
export const auditActor = (user: { id: string; displayName: string }): AuditActor => ({
  id: user.id,
  name: user.displayName,
});

export interface AuditEvent {
  actor: AuditActor | null;
  /** Dotted verb, e.g. `session.create`, `user.update`, `case.view`. */
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  /** One human-readable line for the admin page. */
  summary?: string | null;
  /** Structured detail (changed fields and such); stored as JSON. */
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

type Hashable = Pick<
  AuditRow,
  'at' | 'actor_id' | 'actor_name' | 'action' | 'entity_type' | 'entity_id' | 'summary' | 'details' | 'ip' | 'prev_hash'
>;

/** The hash of one entry: SHA-256 over its fields in a fixed order, as JSON. */
export function hashEntry(row: Hashable): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity_type,
    row.entity_id,
    row.summary,
    row.details,
    row.ip,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry inside the caller's write transaction. */
export async function appendAudit(tx: Database, event: AuditEvent): Promise<void> {
  await lockKey(tx, 'audit_log');
  const last = await tx.db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row: Hashable = {
    prev_hash: last?.hash ?? GENESIS_HASH,
    at: nowIso(),
    actor_id: event.actor?.id ?? null,
    actor_name: event.actor?.name ?? null,
    action: event.action,
    entity_type: event.entityType ?? null,
    entity_id: event.entityId == null ? null : String(event.entityId),
    summary: event.summary ?? null,
    details: event.details ? JSON.stringify(event.details) : null,
    ip: event.ip ?? null,
  };
  await tx.db
    .insertInto('audit_log')
    .values({ ...row, hash: hashEntry(row) })
    .execute();
}

/** Appends one entry in a transaction of its own. */
export function audit(database: Database, event: AuditEvent): Promise<void> {
  return writeTransaction(database, (tx) => appendAudit(tx, event));
}

export type ChainCheck =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: 'hash' | 'link' };

/**
 * Walks the whole chain in id order, in pages, and reports the first entry whose content no
 * longer matches its hash, or whose link does not match the entry before it.
 */
export async function verifyAuditChain(database: Database, pageSize = 2000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) return { ok: false, checked, brokenAt: row.id, reason: 'link' };
      if (hashEntry(row) !== row.hash) return { ok: false, checked, brokenAt: row.id, reason: 'hash' };
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}

export interface AuditQuery {
  /** Part of the actor's name, or the actor's exact id. */
  actor?: string;
  /** Entries by any of these actors (user ids); an empty list finds nothing. */
  actorIds?: readonly string[];
  /** Part of an action code. */
  action?: string;
  /** Any of these action codes, exactly; an empty list finds nothing. */
  actions?: readonly string[];
  /** `type` or `type:id`. */
  entity?: string;
  entityType?: string;
  /** With `entityType`: any of these ids; an empty list finds nothing. */
  entityIds?: readonly string[];
  /** Inclusive lower bound, ISO instant. */
  from?: string;
  /** Exclusive upper bound, ISO instant. */
  to?: string;
  /** Keyset cursor: entries older than this id. */
  before?: number;
  limit?: number;
}

/**
 * The search as one query, newest first. Each filter has an index to use (migration 0001:
 * `(actor_id, id)`, `(action, id)`, `(entity_type, entity_id, id)`, `(at)`; 0018 adds
 * `(entity_type, id)` for a kind of object without an id). The
 * substring filters (`actor` by name, `action` by part of a code) are kept for old links and
 * scripts; they scan.
 */
function auditQuery(database: Database, q: AuditQuery) {
  let query = database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (q.before) query = query.where('id', '<', q.before);
  if (q.actor) {
    const actor = q.actor;
    query = query.where((eb) => eb.or([containsText('actor_name', actor), eb('actor_id', '=', actor)]));
  }
  if (q.actorIds)
    query = q.actorIds.length ? query.where('actor_id', 'in', [...q.actorIds]) : query.where(sql<boolean>`1 = 0`);
  if (q.action) query = query.where(containsText('action', q.action));
  if (q.actions)
    query = q.actions.length ? query.where('action', 'in', [...q.actions]) : query.where(sql<boolean>`1 = 0`);
  if (q.entity) {
    const [type, id] = q.entity.split(':', 2) as [string, string | undefined];
    query = query.where('entity_type', '=', type);
    if (id) query = query.where('entity_id', '=', id);
  }
  if (q.entityType) {
    query = query.where('entity_type', '=', q.entityType);
    if (q.entityIds)
      query = q.entityIds.length ? query.where('entity_id', 'in', [...q.entityIds]) : query.where(sql<boolean>`1 = 0`);
  }
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  return query;
}

/** Searches the log newest first, by keyset (no OFFSET scans). */
export async function searchAudit(
  database: Database,
  q: AuditQuery,
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const limit = q.limit ?? 50;
  const rows = await auditQuery(database, q)
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  return { rows, nextBefore: more ? rows[rows.length - 1]!.id : null };
}

/**
 * Every entry a search finds, newest first, in batches by keyset: an export of the whole log
 * holds one batch in memory at a time.
 */
export async function* auditBatches(database: Database, q: AuditQuery, batchSize = 1000): AsyncGenerator<AuditRow[]> {
  let before = q.before;
  for (;;) {
    const { rows, nextBefore } = await searchAudit(database, { ...q, before, limit: batchSize });
    if (rows.length) yield rows;
    if (nextBefore === null) return;
    before = nextBefore;
  }
}
