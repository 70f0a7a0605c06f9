/**
 * Validates an archival version folder (arkiveringsversion, bek. 128/2020) and prints the
 * findings in Danish:
 *
 *   npm run archive:validate -- /path/to/AVID.SA.18005.1 [--json] [--xmllint /usr/bin/xmllint]
 *
 * Exit code 0: valid (warnings allowed); 1: invalid; 2: could not validate (no such folder, no
 * xmllint, bad arguments). `--json` prints the whole report as JSON instead of text.
 * Needs no database; docs/records.md ("The validator") says what is checked.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  validateArchivalVersion,
  ValidatorUnavailableError,
  type ValidationReport,
} from '../src/modules/records/index.ts';

export const USAGE = `Brug: npm run archive:validate -- MAPPE [--json] [--xmllint STI]
MAPPE er arkiveringsversionens mappe, fx AVID.SA.18005.1.
Afslutningskode: 0 gyldig, 1 ugyldig, 2 kunne ikke kontrolleres.`;

const number = new Intl.NumberFormat('da-DK');
const decimal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });

/** The report as text lines for a person. */
export function formatReport(report: ValidationReport): string[] {
  const errors = report.findings.filter((f) => f.severity !== 'warning').length;
  const warnings = report.findings.length - errors;
  const c = report.counts;
  const lines = [
    `${report.avid}: ${report.ok ? 'gyldig' : 'ikke gyldig'} (${number.format(errors)} fejl, ${number.format(warnings)} ${warnings === 1 ? 'advarsel' : 'advarsler'})`,
  ];
  for (const f of report.findings) {
    lines.push('');
    lines.push(
      `${f.severity === 'warning' ? 'ADVARSEL' : 'FEJL'}  ${f.section}${f.path ? `  ${f.path}` : ''}  [${f.code}]`,
    );
    lines.push(`  ${f.message}`);
  }
  const seconds = (c.millis ?? 0) / 1000;
  const mb = (c.md5Bytes ?? 0) / 1e6;
  lines.push('');
  lines.push(
    `Kontrolleret: ${number.format(c.files ?? 0)} filer (${number.format(c.md5 ?? 0)} MD5-summer over ${decimal.format(mb)} MB), ` +
      `${number.format(c.tables ?? 0)} tabeller med ${number.format(c.rows ?? 0)} rækker, ${number.format(c.documents ?? 0)} dokumenter, ` +
      `${number.format(c.contextDocuments ?? 0)} kontekstdokumenter, ${number.format(c.tiffPages ?? 0)} TIFF-sider, ` +
      `${number.format(c.xmlFiles ?? 0)} XML-filer mod skema; ${decimal.format(seconds)} s` +
      (seconds > 0
        ? ` (${number.format(Math.round((c.files ?? 0) / seconds))} filer/s, ${decimal.format(mb / seconds)} MB/s).`
        : '.'),
  );
  return lines;
}

export async function archiveValidate(argv: string[], out: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, xmllint: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    out(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    out(USAGE);
    return 2;
  }
  let report: ValidationReport;
  try {
    report = await validateArchivalVersion(positionals[0]!, values.xmllint ? { xmllint: values.xmllint } : {});
  } catch (e) {
    if (e instanceof ValidatorUnavailableError) {
      out(`Arkiveringsversionen kunne ikke kontrolleres: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (values.json) out(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) out(line);
  return report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const code = await archiveValidate(process.argv.slice(2), (line) => console.log(line));
  process.exit(code);
}
