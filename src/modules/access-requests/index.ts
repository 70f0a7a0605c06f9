// The public entry of the access-requests module (aktindsigt): what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { requireAccessRequest, type AccessRequestRow, type LoadedRequest } from './access.ts';
export { accessRequestRoutes } from './routes.tsx';
export { accessRequestsSection } from './case-section.tsx';
export { accessRequestDeadlineJob } from './job.ts';
export { legalBasisRoutes } from './legal-basis-routes.tsx';
export { listLegalBases, type LegalBasis } from './legal-bases.ts';
export { decide, loadItem, type DecisionInput, type LoadedItem } from './decisions.ts';
export { effectiveDeadline, extendDeadline, sendDeadlineWarnings, workingDaysLeft } from './deadlines.ts';
export {
  emptyRequestInput,
  lawFor,
  markAnswered,
  receiveFormRequest,
  registerRequest,
  type RequestInput,
} from './service.ts';
export { loadAnswer, sendAnswer } from './answer.ts';
export { accessRequestsCloseCheck } from './close-check.ts';
