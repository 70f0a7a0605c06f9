/**
 * Writes an archival version (arkiveringsversion, bek. 128/2020) of an archival period from the
 * command line, in this process, to the end:
 *
 *   npm run archive:export -- --period 2021-2025 --avid AVID.SA.18005.1 --out /srv/arkiv
 *   npm run archive:export -- --resume 3
 *
 * The same export as the admin page starts (/admin/records/exports), with the same refusals; it
 * prints its progress and exits with 0 when the folder is written, 1 when it was refused or failed
 * (with the reason in Danish), 2 on wrong usage. `--resume ID` goes on with an export that was
 * interrupted or failed; nothing done is done again. Uses the same settings as the server
 * (DATA_DIR, DATABASE_URL) and runs migrations first.
 */
import '../src/clock.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { BlobStore } from '../src/files/blobs.ts';
import { translator } from '../src/i18n/index.ts';
import {
  parsePeriod,
  planArchivalExport,
  recordsSettings,
  runArchivalExport,
  TIFF_MODES,
  validateArchivalVersion,
  type RunExportOptions,
  type TiffMode,
  type ValidationReport,
} from '../src/modules/records/index.ts';

export const USAGE = `Brug: npm run archive:export -- --period ÅÅÅÅ-ÅÅÅÅ --avid AVID.<ARKIV>.<NUMMER>.1 --out MAPPE [--tiff ${TIFF_MODES.join('|')}]
       npm run archive:export -- --resume ID
  --period   arkivperioden, fx 2021-2025 (en af de indstillede perioder)
  --avid     arkiveringsversionens navn med arkivets nummer, fx AVID.SA.18005.1
  --out      mappen, AVID-mappen skrives i
  --tiff     dokumenternes farvedybde (standard: auto = farve hvor der er farve, ellers gråtoner)
  --resume   genoptag eksporten med dette id (afbrudt eller fejlet)`;

export async function archiveExport(
  database: Database,
  blobs: BlobStore,
  argv: string[],
  opts: { out: (line: string) => void } & Pick<RunExportOptions, 'converter' | 'validate'>,
): Promise<number> {
  const t = translator('da');
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        period: { type: 'string' },
        avid: { type: 'string' },
        out: { type: 'string' },
        tiff: { type: 'string' },
        resume: { type: 'string' },
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

  let exportId: number;
  let retryFailed = false;
  if (values.resume !== undefined) {
    if (!/^[1-9][0-9]{0,9}$/.test(values.resume)) {
      opts.out(`--resume skal være en eksports id (et tal).\n${USAGE}`);
      return 2;
    }
    exportId = Number(values.resume);
    retryFailed = true;
  } else {
    if (!values.period || !values.avid || !values.out) {
      opts.out(USAGE);
      return 2;
    }
    const settings = await recordsSettings(database);
    const period = parsePeriod(values.period, settings);
    if (!period) {
      opts.out(
        t('records.export.error.periodInvalid', { years: settings.periodYears, first: settings.periodFirstYear }),
      );
      return 1;
    }
    const tiffMode = (values.tiff ?? 'auto') as TiffMode;
    const planned = await planArchivalExport(database, {
      period,
      avid: values.avid,
      outDir: path.resolve(values.out),
      tiffMode,
      actor: null,
    });
    if (!planned.ok) {
      for (const p of planned.problems) opts.out(`Fejl: ${t(p.key, p.params)}`);
      return 1;
    }
    opts.out(
      `${planned.avid}: ${planned.cases} sager og ${planned.documents} dokumenter (${planned.disposeCases} sager til kassation er udeladt).`,
    );
    exportId = planned.exportId;
  }

  let lastShown = -1;
  const started = Date.now();
  const result = await runArchivalExport(database, blobs, exportId, {
    trigger: 'cli',
    retryFailed,
    converter: opts.converter,
    validate: opts.validate,
    onProgress: (done, total) => {
      const step = Math.max(1, Math.floor(total / 100));
      if (done === total || done - lastShown >= step) {
        lastShown = done;
        opts.out(`Dokumenter konverteret: ${done} af ${total}`);
      }
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  switch (result.status) {
    case 'written':
    case 'valid':
      opts.out(
        `Arkiveringsversionen er skrevet (${result.converted} dokumenter konverteret på ${seconds} s): ${result.dir}`,
      );
      if (result.status === 'valid') opts.out('Kontrollen efter bek. nr. 128 fandt ingen fejl.');
      return 0;
    case 'invalid': {
      opts.out(`Arkiveringsversionen er skrevet, men kontrollen fandt fejl: ${result.dir}`);
      const row = await database.db
        .selectFrom('archival_exports')
        .select('validation')
        .where('id', '=', exportId)
        .executeTakeFirst();
      const report = row?.validation ? (JSON.parse(row.validation) as ValidationReport) : null;
      for (const f of report?.findings ?? [])
        if (f.severity !== 'warning') opts.out(`  ${f.path ? `${f.path}: ` : ''}${f.message} (${f.section})`);
      return 1;
    }
    case 'failed':
      opts.out(`Fejl: ${result.error}`);
      return 1;
    case 'running':
      opts.out(`Eksporten er ikke færdig: ${result.remaining} dokumenter mangler.`);
      return 1;
    case 'skipped':
      opts.out(
        result.reason === 'not-found'
          ? `Fejl: der findes ingen eksport med id ${exportId}.`
          : result.reason === 'busy'
            ? `Fejl: eksport ${exportId} køres allerede af en anden proces (serverens job eller en anden kommando). Prøv igen, når den er stoppet; en proces, der er død, regnes for stoppet efter 5 minutter.`
            : `Eksport ${exportId} er allerede færdig.`,
      );
      return result.reason === 'finished' ? 0 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'samspil.sqlite'),
  });
  let code = 1;
  try {
    await migrateToLatest(database);
    code = await archiveExport(database, new BlobStore(config.dataDir), process.argv.slice(2), {
      out: (line) => console.log(line),
      // Checked after writing by the project's own validator (docs/records.md, The validator).
      validate: validateArchivalVersion,
    });
  } catch (err) {
    console.error(`Fejl: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await database.destroy();
  }
  process.exit(code);
}
