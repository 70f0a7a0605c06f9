/**
 * Access requests' scoped loader. A registered request is reached through its AKT case: whoever
 * may not see that case gets 404 for the request too (a confidential AKT case stays with its
 * access group), and a change needs the case action (`case.edit`, refused on an archived case).
 * A request from the public form that is not registered yet (status `new`, no case) is seen by
 * those who register requests (`accessRequests.manage`).
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { AccessRequestTable } from '../../db/schema/access-requests.ts';
import { toId } from '../../db/sql.ts';
import { notFound } from '../../http/errors.tsx';
import { can, type Action, type Actor } from '../../policy/index.ts';
import { requireCase, type LoadedCase } from '../cases/index.ts';

export type AccessRequestRow = Selectable<AccessRequestTable>;

export interface LoadedRequest {
  row: AccessRequestRow;
  /** The AKT case; null for a request from the public form that waits to be registered. */
  kase: LoadedCase | null;
}

export async function requireAccessRequest(
  database: Database,
  user: Actor | null,
  id: number | string,
  action: Extract<Action, 'case.view' | 'case.edit'> = 'case.view',
): Promise<LoadedRequest> {
  const requestId = toId(id);
  if (!user || !requestId || !can(user, 'accessRequests.view')) throw notFound();
  const row = await database.db
    .selectFrom('access_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.case_id == null) {
    if (!can(user, 'accessRequests.manage')) throw notFound();
    return { row, kase: null };
  }
  return { row, kase: await requireCase(database, user, row.case_id, action) };
}
