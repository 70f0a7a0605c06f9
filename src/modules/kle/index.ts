// The public entry of the kle module: what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export { mapBevaring, type ParsedFacet, type ParsedSubject } from './parse.ts';
export { kleRoutes } from './routes.tsx';
export { listFacets, listSubjects, retentionFor, storeFacetPlan, storeSubjectPlan } from './service.ts';
export {
  deletionDueOn,
  retentionRuleFor,
  ruleInForce,
  sideRule,
  type CaseRetention,
  type FacetRuleRow,
  type RuleBasis,
  type RuleInForce,
  type RuleOrigin,
  type SideRule,
  type SubjectRuleRow,
} from './retention.ts';
