// The public entry of the cases module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { type CaseRow, type LoadedCase, requireCase } from './access.ts';
export { type CasePageRenderer, type CasePageSection } from './case-page.ts';
export { addNote } from './notes.ts';
export { addParty, type PartyInput } from './parties.ts';
export { nextValue, TYPE_PREFIX } from './numbering.ts';
export { caseReads, describeCaseRead } from './reads.ts';
export { deadlineReminderJob } from './reminders.ts';
export { casePageRenderer, caseRoutes } from './routes.tsx';
export { archiveCase } from './archiving.ts';
export { closeProblems, openDeadlinesCheck, type CaseCloseCheck, type CloseProblem } from './close-check.ts';
export { followInheritedRetention, type FollowResult } from './retention.ts';
export { reindexCase, reindexDocument } from './search-index.ts';
export { searchCases } from './search.ts';
export { createCase, emptyCaseInput, listCases, recentlyViewed, upcomingDeadlines } from './service.ts';
export { caseUnitMergeSteps } from './unit-merge.ts';
