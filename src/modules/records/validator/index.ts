/**
 * The archival version validator (bek. 128/2020): checks a written AVID folder on its own, without
 * the database, so that CI, the export job and `npm run archive:validate -- DIR` all run the same
 * checks. Every finding says in Danish what is wrong, where (a path inside the folder) and which
 * point of the order it breaks. docs/records.md ("The validator") lists what it checks and what not.
 *
 * CONTRACT: `validateArchivalVersion(dir, options?)` resolves with a ValidationReport (`ok` is false
 * when any finding is an error; warnings do not count) and rejects with ValidatorUnavailableError
 * (code 'xmllint-missing' or 'folder-unreadable', Danish message) when it cannot check at all.
 */
export type { Finding, ValidationReport } from './report.ts';
export { validateArchivalVersion, ValidatorUnavailableError, type ValidateOptions } from './validate.ts';
