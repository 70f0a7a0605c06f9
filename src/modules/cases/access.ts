/**
 * Cases' scoped loader: a case is reached only through `requireCase`, which answers 404 for a case
 * the user may not see and 403 for an action they may not take. The rules, and their SQL form for
 * lists and search (`visibleCases`), are in the policy module (src/policy/cases.ts).
 */
import { toId } from '../../db/sql.ts';
import type { Database } from '../../db/index.ts';
import type { CaseTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { can, isCaseChange, type Action, type Actor, type CaseResource } from '../../policy/index.ts';
import { notFound, forbidden, refused } from '../../http/errors.tsx';
import { unitLeaders } from '../org/index.ts';

export type CaseRow = Selectable<CaseTable>;

export interface LoadedCase {
  row: CaseRow;
  resource: CaseResource;
}

export async function caseResource(database: Database, row: CaseRow): Promise<CaseResource> {
  const [access, leaders] = await Promise.all([
    row.confidential
      ? database.db.selectFrom('case_access').select(['user_id', 'unit_id']).where('case_id', '=', row.id).execute()
      : Promise.resolve([]),
    unitLeaderIds(database, row.unit_id),
  ]);
  return {
    type: 'case',
    confidential: !!row.confidential,
    caseworkerId: row.caseworker_id,
    accessUserIds: access.flatMap((a) => (a.user_id ? [a.user_id] : [])),
    accessUnitIds: access.flatMap((a) => (a.unit_id != null ? [a.unit_id] : [])),
    archived: row.status === 'archived',
    unitLeaderIds: leaders,
  };
}

/**
 * The leaders of a unit, who decide who sees its cases: the people named as its leaders
 * (org_unit_leaders), else the rule from before that table, both in the org module (`unitLeaders`).
 */
export async function unitLeaderIds(database: Database, unitId: number): Promise<string[]> {
  return unitLeaders(database, unitId);
}

/**
 * Loads a case for `action`. Someone who may not see the case gets 404 — the same answer as for a
 * case that does not exist, so guessing numbers reveals nothing; someone who may see it but not
 * take the action gets 403. An archived case is read-only: every action that changes the case or
 * anything in it is refused here, with a message saying so, whoever asks.
 */
export async function requireCase(
  database: Database,
  user: Actor | null,
  id: number | string,
  action: Action = 'case.view',
): Promise<LoadedCase> {
  const caseId = toId(id);
  if (!user || !caseId) throw notFound();
  const row = await database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound();
  const resource = await caseResource(database, row);
  if (!can(user, 'case.view', resource)) throw notFound();
  if (action !== 'case.view' && !can(user, action, resource)) {
    if (resource.archived && isCaseChange(action) && can(user, action, { ...resource, archived: false }))
      throw refused('cases.error.archivedReadOnly', { href: `/cases/${row.id}`, label: 'documents.back' });
    throw forbidden();
  }
  return { row, resource };
}
