// The public entry of the records module (retention rules, the archive job, archival versions, disposal): what src/app.tsx, other modules, scripts and seeds may use (layout rule module-internal-import).
export {
  periodOf,
  recordsSettings,
  putRecordsSettings,
  type ArchivalPeriod,
  type RecordsSettings,
} from './settings.ts';
export { latestRuns, type RecordsRun } from './runs.ts';
export {
  validateArchivalVersion,
  ValidatorUnavailableError,
  type Finding,
  type ValidateOptions,
  type ValidationReport,
} from './validator/index.ts';
