import type { CaseCloseCheck, CloseProblem } from '../cases/index.ts';

/**
 * Closing a case (cases/close-check.ts): no unanswered access request may be about it, neither
 * the request of an AKT case nor a request that asks for documents of this case
 * (access_request_cases). New and open requests count; answered and withdrawn ones do not.
 */
export const accessRequestsCloseCheck: CaseCloseCheck = async (database, row) => {
  const requests = await database.db
    .selectFrom('access_requests')
    .leftJoin('cases', 'cases.id', 'access_requests.case_id')
    .select(['access_requests.id', 'cases.number'])
    .where('access_requests.status', 'in', ['new', 'open'])
    .where((eb) =>
      eb.or([
        eb('access_requests.case_id', '=', row.id),
        eb.exists(
          eb
            .selectFrom('access_request_cases')
            .select('access_request_cases.case_id')
            .whereRef('access_request_cases.request_id', '=', 'access_requests.id')
            .where('access_request_cases.case_id', '=', row.id),
        ),
      ]),
    )
    .orderBy('access_requests.id')
    .execute();
  return requests.map((r): CloseProblem =>
    r.number
      ? { key: 'records.close.accessRequestOpen', params: { number: r.number }, href: `/access-requests/${r.id}` }
      : { key: 'records.close.accessRequestUnregistered', params: { id: r.id }, href: `/access-requests/${r.id}` },
  );
};
