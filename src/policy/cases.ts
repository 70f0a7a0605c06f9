import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Action, Actor, CaseResource } from './index.ts';

/** The rules on a case (resource: case), asked through `can()` and by the cases module's loader. */

/** The actions that change a case or anything in it (refused on an archived case). */
const CASE_CHANGES: ReadonlySet<Action> = new Set<Action>([
  'case.edit',
  'case.journalise',
  'case.manageAccess',
  'case.reopen',
  'case.archive',
]);

export function isCaseChange(action: Action): boolean {
  return CASE_CHANGES.has(action);
}

/**
 * A confidential case is visible only to its caseworker and its access group (users, or members
 * of the units named); an ordinary case to everyone with a case role. Records managers see every
 * case, confidential ones too, so that no case can become visible to nobody and they can reopen
 * access to it. The same rule in SQL is `visibleCases` below, for lists and search; tests
 * check both agree.
 */
export function mayAccessCase(user: Actor, c: CaseResource): boolean {
  if (!c.confidential) return true;
  if (user.roles.includes('records_manager')) return true;
  return inAccessGroup(user, c);
}

/** The caseworker or a member of the access group (users or units) of a case. */
export function inAccessGroup(user: Actor, c: CaseResource): boolean {
  if (c.caseworkerId === user.id) return true;
  if (c.accessUserIds.includes(user.id)) return true;
  return user.orgUnitId !== null && c.accessUnitIds.includes(user.orgUnitId);
}

/**
 * Who decides who sees a case (confidentiality, access group, caseworker): its caseworker, the
 * leaders of its responsible unit, and records managers. Others with a case role may still change
 * its ordinary registration.
 */
export function mayManageCaseAccess(user: Actor, c: CaseResource): boolean {
  return (
    user.roles.includes('records_manager') ||
    (c.caseworkerId !== null && c.caseworkerId === user.id) ||
    c.unitLeaderIds.includes(user.id)
  );
}

/**
 * True when the user sees a confidential case only because they are a records manager (not its
 * caseworker, not in its access group): such reads are logged.
 */
export function seenAsRecordsManager(user: Actor, resource: CaseResource): boolean {
  return resource.confidential && user.roles.includes('records_manager') && !inAccessGroup(user, resource);
}

/**
 * Case access in SQL, the same rule as `mayAccessCase` above: ordinary cases are
 * visible to everyone with a case role; a confidential case only to its caseworker and its access
 * group, and to records managers, who see every case. Every list, search and loader of cases goes
 * through these helpers.
 */
export function visibleCases(user: Actor) {
  return (eb: ExpressionBuilder<DB, 'cases'>) => {
    if (user.roles.includes('records_manager')) return eb('cases.id', 'is not', null);
    return eb.or([
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
  };
}
