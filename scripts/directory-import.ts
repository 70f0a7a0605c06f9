/**
 * Imports people and units from CSV files from the command line, for a nightly sync with the
 * municipality's HR or identity system (docs/import.md):
 *
 *   npm run directory:import -- --file people.csv [--units units.csv] [--file leaders.csv]
 *                               [--format auto|samspil|os2mo|entra] [--deactivate-missing] [--dry-run]
 *
 * The same reading, plan and apply as /admin/import, recorded in the same import table (created
 * by nobody: "the command line"). Prints the plan (or the report) as plain text. Exit code 0 when
 * it was imported (or, with --dry-run, could be), 1 when a file or row is bad (nothing imported),
 * 2 on wrong usage. Uses the same settings as the server (DATA_DIR, DATABASE_URL) and runs
 * migrations first.
 */
import '../src/clock.ts';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { translator, type MessageKey } from '../src/i18n/index.ts';
import {
  applyImport,
  createImport,
  FAMILIES,
  readFiles,
  type FormatChoice,
  type Plan,
  type UploadedFile,
} from '../src/modules/directory-import/index.ts';

export const USAGE = `Brug: npm run directory:import -- --file FIL.csv [--units ENHEDER.csv] [--format ${FAMILIES.join('|')}] [--deactivate-missing] [--dry-run]
  --file                 en fil med personer (eller ledere); kan gentages
  --units                en fil med enheder; kan gentages
  --format               filernes format (standard: auto, kendes på overskriftsrækken)
  --deactivate-missing   luk adgangen for importerede personer, der ikke står i filerne
  --dry-run              vis kun, hvad der ville ske; intet ændres
Afslutningskode: 0 gennemført, 1 fejl i filerne (intet importeret), 2 forkert brug.`;

/** The plan as plain text, in Danish (the lists capped at 50 lines each; the counts are whole). */
export function planText(plan: Plan, t = translator('da')): string[] {
  const out: string[] = [];
  const list = (title: string, lines: string[]) => {
    out.push(`${title}`);
    for (const l of lines.slice(0, 50)) out.push(`  ${l}`);
    if (lines.length > 50) out.push(`  ${t('dirimport.more', { count: lines.length - 50 })}`);
  };
  const changes = (cs: Plan['units']['updated'][number]['changes']) =>
    cs
      .map((c) => `${t(`dirimport.field.${c.field}` as MessageKey)}: ${c.before ?? '–'} → ${c.after ?? '–'}`)
      .join('; ');
  for (const f of plan.files)
    out.push(t('dirimport.preview.fileLine', { file: f.name, format: f.format, rows: f.rows }));
  if (plan.errors.length) {
    list(
      t('dirimport.preview.errors', { count: plan.errors.length }),
      plan.errors.map(
        (e) =>
          `${e.file}, ${t('dirimport.col.line').toLowerCase()} ${e.line}: ${t(`dirimport.row.${e.code}` as MessageKey, { value: e.value ?? '' })}`,
      ),
    );
    return out;
  }
  const u = plan.units;
  const p = plan.people;
  list(
    t('dirimport.section.unitsNew', { count: u.created.length }),
    u.created.map((x) => `${x.name} (${x.externalId}) under ${x.parentName ?? '–'}`),
  );
  list(
    t('dirimport.section.unitsChanged', { count: u.updated.length }),
    u.updated.map((x) => `${x.name}: ${changes(x.changes)}`),
  );
  list(
    t('dirimport.section.peopleNew', { count: p.created.length }),
    p.created.map((x) => `${x.name} (${x.username}), ${x.unitName ?? '–'}`),
  );
  list(
    t('dirimport.section.peopleChanged', { count: p.updated.length }),
    p.updated.map((x) => `${x.name} (${x.username}): ${changes(x.changes)}`),
  );
  list(
    t('dirimport.section.peopleDeactivated', { count: p.deactivated.length }),
    p.deactivated.map((x) => `${x.name} (${x.username})`),
  );
  list(
    t('dirimport.section.leadersAdded', { count: plan.leaders.added.length }),
    plan.leaders.added.map((l) => `${l.unitName}: ${l.personName}`),
  );
  list(
    t('dirimport.section.leadersRemoved', { count: plan.leaders.removed.length }),
    plan.leaders.removed.map((l) => `${l.unitName}: ${l.personName}`),
  );
  out.push(t('dirimport.unchanged', { units: u.unchanged, people: p.unchanged }));
  return out;
}

export async function directoryImport(
  database: Database,
  argv: string[],
  opts: { out: (line: string) => void },
): Promise<number> {
  const t = translator('da');
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string', multiple: true },
        units: { type: 'string', multiple: true },
        format: { type: 'string' },
        'deactivate-missing': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    opts.out(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    opts.out(USAGE);
    return 0;
  }
  const format = (values.format ?? 'auto') as FormatChoice;
  if (!(FAMILIES as readonly string[]).includes(format)) {
    opts.out(`Ukendt format: ${values.format}\n${USAGE}`);
    return 2;
  }
  const paths = [...(values.units ?? []), ...(values.file ?? [])];
  if (!values.file?.length && !values.units?.length) {
    opts.out(USAGE);
    return 2;
  }
  const uploads: UploadedFile[] = [];
  for (const p of paths) {
    try {
      uploads.push({ name: path.basename(p), bytes: new Uint8Array(fs.readFileSync(p)) });
    } catch (err) {
      opts.out(`Kan ikke læse ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n${USAGE}`);
      return 2;
    }
  }
  const read = readFiles(uploads, format);
  if (!read.ok) {
    for (const e of read.errors) opts.out(t(`dirimport.file.${e.code}`, { file: e.file, line: e.line ?? 1 }));
    return 1;
  }
  const deactivateMissing = !!values['deactivate-missing'];
  const { id, plan } = await createImport(database, {
    files: read.files,
    sha256: read.sha256,
    options: { format, deactivateMissing },
    actor: null,
    source: 'cli',
  });
  opts.out(`${t('dirimport.preview.title', { id })}`);
  for (const line of planText(plan, t)) opts.out(line);
  if (plan.errors.length) {
    await database.db.updateTable('directory_imports').set({ status: 'failed' }).where('id', '=', id).execute();
    opts.out(t('dirimport.flash.errors'));
    return 1;
  }
  if (values['dry-run']) {
    await database.db.updateTable('directory_imports').set({ status: 'discarded' }).where('id', '=', id).execute();
    opts.out('--dry-run: intet er ændret.');
    return 0;
  }
  const result = await applyImport(database, id, null);
  if (!result.ok) {
    opts.out(result.reason === 'stale' ? t('dirimport.flash.stale') : t('dirimport.flash.errors'));
    return 1;
  }
  opts.out(t('dirimport.flash.applied'));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'samspil.sqlite'),
  });
  await migrateToLatest(database);
  const code = await directoryImport(database, process.argv.slice(2), { out: (line) => console.log(line) });
  await database.destroy();
  process.exit(code);
}
