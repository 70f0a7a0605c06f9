/**
 * The archival version validator (bek. 128/2020): checks a written AVID folder on its own, without
 * the database, so that CI, the export job and `npm run archive:validate -- DIR` all run the same
 * checks. Every finding says in Danish what is wrong, where (a path inside the folder) and which
 * section or bilag of the order it breaks.
 *
 * CONTRACT (the validator's author fills this in; the exporter only calls validateArchivalVersion):
 */
export interface Finding {
  /** A stable code for tests, e.g. 'md5-mismatch', 'file-missing', 'file-unreferenced', 'xsd-invalid', 'name-invalid', 'tiff-compression'. */
  code: string;
  /** The section of the order, e.g. 'bilag 3, 3.4' or '§ 5, stk. 1, litra e' (as written in the order's text). */
  section: string;
  /** Danish, for the records manager. */
  message: string;
  /** The path inside the AVID folder it is about, with forward slashes, when it is about a file. */
  path?: string;
}

export interface ValidationReport {
  ok: boolean;
  /** The AVID folder's name, e.g. AVID.SA.18005.1. */
  avid: string;
  findings: Finding[];
  /** What was checked, for the report: files, documents, tables, MD5 sums. */
  counts: Record<string, number>;
}

export async function validateArchivalVersion(_dir: string): Promise<ValidationReport> {
  throw new Error('validateArchivalVersion: written by the validator branch');
}
