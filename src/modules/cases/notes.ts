import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { CaseRow } from './access.ts';
import { reindexCase } from './search-index.ts';

/** Case notes (journalnotater): append-only (the database refuses changes), timestamped, authored. */

export const MAX_NOTE = 20_000;

export async function addNote(
  database: Database,
  c: CaseRow,
  body: string,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; error: MessageKey }> {
  const text = body.replace(/\r\n/g, '\n').trim();
  if (!text) return { ok: false, error: 'notes.error.empty' };
  if (text.length > MAX_NOTE) return { ok: false, error: 'notes.error.long' };
  return writeTransaction(database, async (tx) => {
    const now = nowIso();
    const { id } = await tx.db
      .insertInto('case_notes')
      .values({ case_id: c.id, author_id: actor.id, author_name: actor.name, body: text, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.updateTable('cases').set({ updated_at: now }).where('id', '=', c.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'note.create',
      entityType: 'case',
      entityId: c.id,
      summary: `Added a note to ${c.number}`,
      details: { note: id, length: text.length },
      ip: opts.ip ?? null,
    });
    await reindexCase(tx, c.id);
    return { ok: true as const, id };
  });
}

export function listNotes(database: Database, caseId: number) {
  return database.db.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').execute();
}
