import type { Database } from '../../db/index.ts';
import type { UnitMergeStep } from '../org/index.ts';

/**
 * Single sign-on's group rules that place people in a unit ("members of group X are placed in
 * unit U"), for the organisation admin's merges and deletions (handed in through src/app.tsx).
 * A merge points the rules at the unit merged into, so the next sign-in places people there.
 */
export const ssoUnitMergeSteps: readonly UnitMergeStep[] = [
  {
    id: 'ssoGroupRules',
    covers: ['sso_group_rules.unit_id'],
    label: 'orgAdmin.held.ssoGroupRules',
    async count(database, unitIds) {
      const row = await database.db
        .selectFrom('sso_group_rules')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('unit_id', 'in', [...unitIds])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async move(tx: Database, fromId, toId) {
      const r = await tx.db
        .updateTable('sso_group_rules')
        .set({ unit_id: toId })
        .where('unit_id', '=', fromId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  },
];
