// The public entry of the records module (retention rules, the archive job, archival versions, disposal): what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export {
  DEFAULT_RECORDS_SETTINGS,
  periodOf,
  recordsSettings,
  putRecordsSettings,
  type ArchivalPeriod,
  type RecordsSettings,
} from './settings.ts';
export { latestRuns, type RecordsRun } from './runs.ts';
export { recordsRoutes, type RecordsRoutesOptions } from './routes.tsx';
export { ARCHIVE_JOB, archiveJob, runArchive, casesDue, type ArchiveOptions, type ArchiveResult } from './archive.ts';
export {
  approveDisposal,
  cancelDisposal,
  disposalCases,
  disposalRuns,
  excludeFromDisposal,
  executeDisposal,
  proposeDisposal,
  type DisposalCase,
  type DisposalRun,
} from './disposal.ts';
export {
  clearLocalRule,
  getRule,
  listFacetRules,
  listSubjectRules,
  setLocalRule,
  type RuleItem,
  type RuleTarget,
} from './rules.ts';
export { deletionDueOn, retentionRuleFor, ruleInForce, type RuleInForce, type SideRule } from '../kle/index.ts';
export { subjectReport, type SubjectReport } from './subject-report.ts';
export {
  validateArchivalVersion,
  ValidatorUnavailableError,
  type Finding,
  type ValidateOptions,
  type ValidationReport,
} from './validator/index.ts';
export { ARCHIVAL_EXPORT_JOB, archivalExportJob, exportArchivalVersion } from './export/job.ts';
export { runArchivalExport, type RunExportOptions, type RunExportResult } from './export/run.ts';
export {
  avidFor,
  exportablePeriods,
  getArchivalExport,
  listArchivalExports,
  parsePeriod,
  planArchivalExport,
  recordDelivery,
  type ArchivalExport,
  type ExportProblem,
  type PlanInput,
  type PlanResult,
} from './export/service.ts';
export { ghostscript, readTiffInfo, TIFF_MODES, type TiffConverter, type TiffMode } from './export/tiff.ts';
