import type { Database } from '../../db/index.ts';
import type { UnitMergeStep } from '../org/index.ts';

/**
 * News sent to an organisational unit (news_audience), for the organisation admin's merges and
 * deletions (handed in through src/app.tsx). A unit cannot be deleted while news is sent to it:
 * an item whose only audience went would become news for everyone.
 */
export const newsUnitMergeSteps: readonly UnitMergeStep[] = [
  {
    id: 'newsAudience',
    covers: ['news_audience.unit_id'],
    label: 'orgAdmin.held.newsAudience',
    async count(database, unitIds) {
      const row = await database.db
        .selectFrom('news_audience')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('unit_id', 'in', [...unitIds])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async move(tx: Database, fromId, toId) {
      // An item already sent to the unit merged into keeps that one row (the key is news + unit).
      await tx.db
        .deleteFrom('news_audience')
        .where('unit_id', '=', fromId)
        .where('news_id', 'in', (eb) => eb.selectFrom('news_audience').select('news_id').where('unit_id', '=', toId))
        .execute();
      const r = await tx.db
        .updateTable('news_audience')
        .set({ unit_id: toId })
        .where('unit_id', '=', fromId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  },
];
