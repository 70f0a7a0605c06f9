import type { Kysely } from 'kysely';

/**
 * Indexes for the audit page's filters (src/audit/service.ts, `searchAudit`), which all read the
 * log newest first (`order by id desc`, keyset on id) and stop after one page. The first
 * migration's indexes serve a person `(actor_id, id)`, an action `(action, id)`, one
 * object `(entity_type, entity_id, id)` and a period `(at)`. What was missing:
 *
 * - `(entity_type, id)`: "every entry about a case" (a kind of object, no id). With only
 *   `(entity_type, entity_id, id)` the database must read every entry of that kind — on a large
 *   log millions of `case.view` rows — and sort them to find the newest 50; with this index it
 *   reads the 50 newest in order and stops.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_entity_type').on('audit_log').columns(['entity_type', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_entity_type').execute();
}
