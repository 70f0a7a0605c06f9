import type { Database } from '../../db/index.ts';
import { retentionRuleFor } from '../kle/index.ts';

/**
 * Cases inherit their retention rule from their KLE subject and action facet (ruleInForce in
 * src/modules/kle/retention.ts) when created and whenever their classification changes, unless a
 * records manager has overridden it (`retention_overridden` = 1, with `retention_reason`).
 *
 * When a records manager changes the local rule of a subject or a facet (/admin/records/rules),
 * the cases that inherit it follow: `followInheritedRetention` recomputes the rule for each
 * (subject, facet) pair in use and updates the inheriting cases whose rule differs, open, closed
 * or archived alike (the disposal lists read the rule from the case). A case already disposed of
 * has no row left to change.
 */

const CHUNK = 500;

export interface FollowResult {
  /** How many cases now have a different rule. */
  count: number;
  /** The numbers of the first of them (for the audit entry), in number order. */
  numbers: string[];
}

export async function followInheritedRetention(
  tx: Database,
  filter: { kleNumber: string } | { facetCode: string },
): Promise<FollowResult> {
  const inheriting = () => {
    const q = tx.db.selectFrom('cases').where('retention_overridden', '=', 0);
    return 'kleNumber' in filter
      ? q.where('kle_number', '=', filter.kleNumber)
      : q.where('facet_code', '=', filter.facetCode);
  };
  const pairs = await inheriting().select(['kle_number', 'facet_code']).distinct().execute();
  const changed: Array<{ id: number; number: string }> = [];
  for (const pair of pairs) {
    const rule = await retentionRuleFor(tx, pair.kle_number, pair.facet_code);
    const rows = await inheriting()
      .select(['id', 'number'])
      .where('kle_number', '=', pair.kle_number)
      .where('facet_code', '=', pair.facet_code)
      .where((eb) =>
        eb.or([
          eb('retention', '!=', rule.retention),
          rule.years === null
            ? eb('retention_years', 'is not', null)
            : eb.or([eb('retention_years', 'is', null), eb('retention_years', '!=', rule.years)]),
        ]),
      )
      .execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const ids = rows.slice(i, i + CHUNK).map((r) => r.id);
      await tx.db
        .updateTable('cases')
        .set({ retention: rule.retention, retention_years: rule.years })
        .where('id', 'in', ids)
        .execute();
    }
    changed.push(...rows);
  }
  changed.sort((a, b) => a.number.localeCompare(b.number));
  return { count: changed.length, numbers: changed.slice(0, 100).map((r) => r.number) };
}
