import type { Database } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { notify } from '../notifications/index.ts';

/**
 * Review reminders for knowledge pages: every morning (and at start-up, to catch up after
 * downtime), each live page whose review date has come gets one notification to its owner. The
 * notification's dedupe key (page + review date) makes the job idempotent, also across instances;
 * `review_reminded_for` keeps the daily query to pages not yet handled for their current date.
 * Setting a new review date (the owner has reviewed the page) arms the next reminder.
 */
export async function sendPageReviewReminders(database: Database, today = copenhagenDate(new Date())): Promise<number> {
  const due = await database.db
    .selectFrom('pages')
    .leftJoin('users', (j) => j.onRef('users.id', '=', 'pages.owner_id').on('users.is_active', '=', 1))
    .select(['pages.id', 'pages.title', 'pages.review_by', 'users.id as active_owner'])
    .where('pages.archived', '=', 0)
    .where('pages.review_by', 'is not', null)
    .where('pages.review_by', '<=', today)
    .where((eb) =>
      eb.or([
        eb('pages.review_reminded_for', 'is', null),
        eb('pages.review_reminded_for', '<>', eb.ref('pages.review_by')),
      ]),
    )
    .orderBy('pages.id')
    .limit(10_000)
    .execute();
  let sent = 0;
  for (const p of due) {
    const reviewBy = p.review_by!;
    // A page without an active owner waits (and is listed again tomorrow) until it gets one.
    if (!p.active_owner) continue;
    const fresh = await notify(database, {
      userId: p.active_owner,
      kind: 'page.review',
      // `due` as yyyy-mm-dd: the notification list shows it as a date in the reader's locale.
      params: { title: p.title, due: reviewBy },
      link: `/pages/${p.id}`,
      dedupeKey: `page-review:${p.id}:${reviewBy}`,
    });
    if (fresh) sent++;
    // Only for the date it was sent for: a date changed meanwhile stays armed.
    await database.db
      .updateTable('pages')
      .set({ review_reminded_for: reviewBy })
      .where('id', '=', p.id)
      .where('review_by', '=', reviewBy)
      .execute();
  }
  return sent;
}

export function pageReviewJob(database: Database): JobDefinition {
  return {
    name: 'page-review-reminders',
    schedule: '10 7 * * *',
    runOnStart: true,
    title: 'pages.job.review',
    result: 'pages.job.review.result',
    async run() {
      return { counts: { reminders: await sendPageReviewReminders(database) } };
    },
  };
}
