/** The validator's findings and report (the types are re-exported by index.ts, the module's contract). */
export interface Finding {
  /** A stable code for tests and programs, e.g. 'md5-mismatch', 'file-missing', 'xsd-invalid' (docs/records.md lists them). */
  code: string;
  /** The point of the order it breaks, numbered as the order writes it, e.g. 'bilag 4, punkt 4. C. 2.a'. */
  section: string;
  /** Danish, for the records manager. */
  message: string;
  /** The path inside the AVID folder it is about, with forward slashes, when it is about a file or folder. */
  path?: string;
  /** 'warning' for what the order does not demand but the National Archives' tools expect; errors otherwise. */
  severity?: 'error' | 'warning';
}

export interface ValidationReport {
  /** True when no finding is an error (warnings do not make a version invalid). */
  ok: boolean;
  /** The AVID folder's name, e.g. AVID.SA.18005.1. */
  avid: string;
  findings: Finding[];
  /** What was checked: files, directories, md5 (sums compared), md5Bytes, documents, tables, rows, tiffPages, xmlFiles, millis. */
  counts: Record<string, number>;
}

/** Collects findings, keeping at most `max` of each code (then one line that says how many more). */
export class Findings {
  private readonly list: Finding[] = [];
  private readonly perCode = new Map<string, { n: number; example: Finding }>();

  constructor(private readonly max: number) {}

  add(f: Finding): void {
    const seen = this.perCode.get(f.code);
    const n = (seen?.n ?? 0) + 1;
    this.perCode.set(f.code, { n, example: seen?.example ?? f });
    if (n <= this.max) this.list.push(f);
  }

  /** The findings by path (those about the whole version first), in the order found within a path. */
  finish(): Finding[] {
    const out = this.list
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (a.f.path ?? '').localeCompare(b.f.path ?? '', 'en', { numeric: true }) || a.i - b.i)
      .map(({ f }) => f);
    for (const [code, { n, example }] of this.perCode) {
      if (n > this.max) {
        out.push({
          code,
          section: example.section,
          severity: example.severity,
          message: `… og ${n - this.max} fund mere af samme slags (${code}), som ikke er vist.`,
        });
      }
    }
    return out;
  }
}
