import type { Database } from '../../db/index.ts';
import type { UnitMergeStep } from '../org/index.ts';

/**
 * What cases hang on an organisational unit, for the organisation admin's moves, merges and
 * deletions (handed in through src/app.tsx; org never imports cases): the cases a unit is
 * responsible for, and the confidential cases' access grants to a unit.
 */
export const caseUnitMergeSteps: readonly UnitMergeStep[] = [
  {
    id: 'cases',
    covers: ['cases.unit_id'],
    label: 'orgAdmin.held.cases',
    async count(database, unitIds) {
      const row = await database.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('unit_id', 'in', [...unitIds])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async move(tx: Database, fromId, toId) {
      const r = await tx.db
        .updateTable('cases')
        .set({ unit_id: toId })
        .where('unit_id', '=', fromId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  },
  {
    id: 'caseAccess',
    covers: ['case_access.unit_id'],
    label: 'orgAdmin.held.caseAccess',
    async count(database, unitIds) {
      const row = await database.db
        .selectFrom('case_access')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('unit_id', 'in', [...unitIds])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async move(tx: Database, fromId, toId) {
      // A case whose access group already holds the unit merged into keeps that one grant.
      await tx.db
        .deleteFrom('case_access')
        .where('unit_id', '=', fromId)
        .where('case_id', 'in', (eb) => eb.selectFrom('case_access').select('case_id').where('unit_id', '=', toId))
        .execute();
      const r = await tx.db
        .updateTable('case_access')
        .set({ unit_id: toId })
        .where('unit_id', '=', fromId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  },
];
