import type { Database } from '../../db/index.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import type { CaseRow } from './access.ts';

/**
 * Is a case ready to be closed? Closing is refused (422) while anything here finds a problem, and
 * the page lists each problem as a link to what needs doing.
 *
 * The cases module checks its own parts (open deadlines, below). Other modules that sit above cases
 * in the module map (documents: every document journalised and final; access-requests: no
 * unanswered request about the case) export a `CaseCloseCheck` each, and src/app.tsx hands them to
 * caseRoutes() as `closeChecks`, the way the case page's sections are handed over: cases never
 * imports them.
 */

export interface CloseProblem {
  /** A catalog key saying what is missing, with its params. */
  key: MessageKey;
  params?: Params;
  /** Where the user fixes it (the document, the deadline, the request). */
  href: string;
}

export type CaseCloseCheck = (database: Database, row: CaseRow) => Promise<CloseProblem[]>;

/** Deadlines not yet marked done. */
export const openDeadlinesCheck: CaseCloseCheck = async (database, row) => {
  const rows = await database.db
    .selectFrom('case_deadlines')
    .select(['id', 'title', 'due_on'])
    .where('case_id', '=', row.id)
    .where('done_at', 'is', null)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return rows.map((d) => ({
    key: 'records.close.deadlineOpen',
    params: { title: d.title },
    href: `/cases/${row.id}#deadline-${d.id}`,
  }));
};

/** Every problem the case's own check and the given checks find, in that order. */
export async function closeProblems(
  database: Database,
  row: CaseRow,
  checks: readonly CaseCloseCheck[] = [],
): Promise<CloseProblem[]> {
  const found = await Promise.all([openDeadlinesCheck, ...checks].map((check) => check(database, row)));
  return found.flat();
}
