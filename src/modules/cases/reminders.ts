import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { notify } from '../notifications/index.ts';

/**
 * Deadline reminders: every morning (and at start-up, to catch up after downtime), each open
 * deadline whose reminder day has come gets one notification to the case's caseworker. The
 * notification's dedupe key and `reminded_at` make the job idempotent.
 */
export async function sendDeadlineReminders(database: Database, today = copenhagenDate(new Date())): Promise<number> {
  const due = await database.db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .select([
      'case_deadlines.id',
      'case_deadlines.title',
      'case_deadlines.due_on',
      'case_deadlines.remind_on',
      'cases.id as case_id',
      'cases.number',
      'cases.caseworker_id',
    ])
    .where('case_deadlines.reminded_at', 'is', null)
    .where('case_deadlines.done_at', 'is', null)
    .where('case_deadlines.remind_on', '<=', today)
    .where('cases.status', '=', 'open')
    .limit(10_000)
    .execute();
  let sent = 0;
  for (const d of due) {
    if (d.caseworker_id) {
      const fresh = await notify(database, {
        userId: d.caseworker_id,
        kind: 'deadline.reminder',
        params: { title: d.title, due: d.due_on, number: d.number },
        link: `/cases/${d.case_id}#deadlines`,
        dedupeKey: `deadline:${d.id}:${d.remind_on}`,
      });
      if (fresh) sent++;
    }
    await database.db.updateTable('case_deadlines').set({ reminded_at: nowIso() }).where('id', '=', d.id).execute();
  }
  return sent;
}

export function deadlineReminderJob(database: Database): JobDefinition {
  return {
    name: 'deadline-reminders',
    schedule: '0 7 * * *',
    runOnStart: true,
    title: 'jobs.deadline-reminders',
    result: 'jobs.deadline-reminders.result',
    async run() {
      return { counts: { reminders: await sendDeadlineReminders(database) } };
    },
  };
}
