import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { CaseRow } from './access.ts';

/** Deadlines (frister) on a case, with an optional reminder date; marked done, never deleted. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export interface DeadlineInput {
  title: string;
  dueOn: string;
  remindOn: string;
}

export type DeadlineErrors = Partial<Record<keyof DeadlineInput, MessageKey>>;

export async function addDeadline(
  database: Database,
  c: CaseRow,
  input: DeadlineInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: DeadlineErrors }> {
  const errors: DeadlineErrors = {};
  const title = input.title.trim();
  if (!title || title.length > 300) errors.title = 'deadlines.error.title';
  const dueOn = input.dueOn.trim();
  if (!realDate(dueOn)) errors.dueOn = 'deadlines.error.date';
  const remindOn = input.remindOn.trim();
  if (remindOn && !realDate(remindOn)) errors.remindOn = 'deadlines.error.date';
  else if (remindOn && realDate(dueOn) && remindOn > dueOn) errors.remindOn = 'deadlines.error.remindAfter';
  if (Object.keys(errors).length) return { ok: false, errors };
  return writeTransaction(database, async (tx) => {
    const now = nowIso();
    const { id } = await tx.db
      .insertInto('case_deadlines')
      .values({
        case_id: c.id,
        title,
        due_on: dueOn,
        remind_on: remindOn || null,
        reminded_at: null,
        done_at: null,
        done_by: null,
        created_at: now,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.updateTable('cases').set({ updated_at: now }).where('id', '=', c.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'deadline.create',
      entityType: 'case',
      entityId: c.id,
      summary: `Deadline "${title}" on ${dueOn} for ${c.number}`,
      details: { deadline: id, title, due: dueOn, remind: remindOn || null },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id };
  });
}

export async function completeDeadline(
  database: Database,
  c: CaseRow,
  deadlineId: number,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<boolean> {
  return writeTransaction(database, async (tx) => {
    const d = await tx.db
      .selectFrom('case_deadlines')
      .select(['id', 'title', 'done_at'])
      .where('id', '=', deadlineId)
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    if (!d || d.done_at) return false;
    const now = nowIso();
    await tx.db.updateTable('case_deadlines').set({ done_at: now, done_by: actor.id }).where('id', '=', d.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'deadline.complete',
      entityType: 'case',
      entityId: c.id,
      summary: `Deadline "${d.title}" done on ${c.number}`,
      details: { deadline: d.id, title: d.title },
      ip: opts.ip ?? null,
    });
    return true;
  });
}

export function listDeadlines(database: Database, caseId: number) {
  return database.db
    .selectFrom('case_deadlines')
    .leftJoin('users', 'users.id', 'case_deadlines.done_by')
    .select([
      'case_deadlines.id',
      'case_deadlines.title',
      'case_deadlines.due_on',
      'case_deadlines.remind_on',
      'case_deadlines.done_at',
      'users.display_name as done_by_name',
    ])
    .where('case_deadlines.case_id', '=', caseId)
    .orderBy('case_deadlines.done_at', 'desc')
    .orderBy('case_deadlines.due_on')
    .execute();
}
