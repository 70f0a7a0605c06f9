import type { ExpressionBuilder } from 'kysely';
import { toId } from '../../db/sql.ts';
import type { Database } from '../../db/index.ts';
import type { CaseTable, DB } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { can, type Action, type Actor, type CaseResource } from '../../policy/index.ts';
import { notFound, forbidden } from '../../http/errors.tsx';

/**
 * Case access in SQL, the same rule as `mayAccessCase` in the policy module: ordinary cases are
 * visible to everyone with a case role; a confidential case only to its caseworker and its access
 * group. Every list, search and loader of cases goes through these helpers.
 */
export function visibleCases(user: Actor) {
  return (eb: ExpressionBuilder<DB, 'cases'>) =>
    eb.or([
      eb('cases.confidential', '=', 0),
      eb('cases.caseworker_id', '=', user.id),
      eb.exists(
        eb
          .selectFrom('case_access')
          .select('case_access.id')
          .whereRef('case_access.case_id', '=', 'cases.id')
          .where((a) =>
            user.orgUnitId === null
              ? a('case_access.user_id', '=', user.id)
              : a.or([a('case_access.user_id', '=', user.id), a('case_access.unit_id', '=', user.orgUnitId)]),
          ),
      ),
    ]);
}

export type CaseRow = Selectable<CaseTable>;

export interface LoadedCase {
  row: CaseRow;
  resource: CaseResource;
}

export async function caseResource(database: Database, row: CaseRow): Promise<CaseResource> {
  const access = row.confidential
    ? await database.db.selectFrom('case_access').select(['user_id', 'unit_id']).where('case_id', '=', row.id).execute()
    : [];
  return {
    type: 'case',
    confidential: !!row.confidential,
    caseworkerId: row.caseworker_id,
    accessUserIds: access.flatMap((a) => (a.user_id ? [a.user_id] : [])),
    accessUnitIds: access.flatMap((a) => (a.unit_id != null ? [a.unit_id] : [])),
  };
}

/**
 * Loads a case for `action`. Someone who may not see the case gets 404 — the same answer as for a
 * case that does not exist, so guessing numbers reveals nothing; someone who may see it but not
 * take the action gets 403.
 */
export async function requireCase(database: Database, user: Actor | null, id: number | string, action: Action = 'case.view'): Promise<LoadedCase> {
  const caseId = toId(id);
  if (!user || !caseId) throw notFound();
  const row = await database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound();
  const resource = await caseResource(database, row);
  if (!can(user, 'case.view', resource)) throw notFound();
  if (action !== 'case.view' && !can(user, action, resource)) throw forbidden();
  return { row, resource };
}
