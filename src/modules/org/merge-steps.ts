import type { Database } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * What hangs on an organisational unit, as a module that owns it tells the organisation admin.
 *
 * `org` sits at the top of the module map, so it cannot look into cases, news or any other table
 * that refers to a unit. Each module that has such a column hands a `UnitMergeStep` in through
 * src/app.tsx (the way documents and access requests hand their closing checks to cases). The
 * admin pages use the steps to say what a unit holds (before a move, a merge or a deletion) and to
 * move it inside the merge's one transaction. A test compares the steps' `covers` with every
 * foreign key to `org_units` in the live schema, so a new table cannot be forgotten.
 */
export interface UnitMergeStep {
  /** A stable name for the audit entry's counts ("cases", "caseAccess", "newsAudience"). */
  id: string;
  /** The columns this step moves, as `table.column`. */
  covers: readonly string[];
  /** A catalog key with a `{count}` param saying what moves ("{count} sager"). */
  label: MessageKey;
  /** What may move with a unit (a move: it stays in the unit) or must move before it goes (merge, delete). */
  count(database: Database, unitIds: readonly number[]): Promise<number>;
  /** Inside the merge's transaction: moves what belongs to `fromId` to `toId`; returns how many rows moved. */
  move(tx: Database, fromId: number, toId: number): Promise<number>;
}
