import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/helpers/db.ts';
import { FIXTURES } from '../src/modules/directory-import/directory-import.fixtures.ts';
import { directoryImport } from './directory-import.ts';

const file = (name: string) => path.join(FIXTURES, name);

describe.each(DIALECTS)('npm run directory:import (%s)', (dialect) => {
  let t: TestDatabase;
  let out: string[];
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    out = [];
  });
  afterEach(async () => t.cleanup());
  const run = (argv: string[]) => directoryImport(t.database, argv, { out: (l) => out.push(l) });

  it('imports, prints the plan, records the run, and a second run changes nothing', async () => {
    expect(await run(['--units', file('samspil-enheder.csv'), '--file', file('samspil-personer.csv')])).toBe(0);
    expect(out.join('\n')).toContain('Nye personer (3)');
    expect(out.join('\n')).toContain('Importen er gennemført.');
    const rows = await t.database.db
      .selectFrom('directory_imports')
      .select(['created_by', 'source', 'status'])
      .execute();
    expect(rows).toEqual([{ created_by: null, source: 'cli', status: 'applied' }]);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(3);
    out = [];
    expect(await run(['--units', file('samspil-enheder.csv'), '--file', file('samspil-personer.csv')])).toBe(0);
    expect(out.join('\n')).toContain('Uændret: 4 enheder og 3 personer.');
  });

  it('--dry-run changes nothing; bad rows give 1 and import nothing; usage errors give 2', async () => {
    expect(await run(['--file', file('samspil-personer.csv'), '--dry-run'])).toBe(1); // the units are not there
    expect(out.join('\n')).toMatch(/samspil-personer.csv, linje 2: Enheden F1 findes hverken/);
    out = [];
    expect(await run(['--units', file('samspil-enheder.csv'), '--dry-run'])).toBe(0);
    expect(out.join('\n')).toContain('Nye enheder (4)');
    expect(await t.database.db.selectFrom('org_units').select('id').execute()).toEqual([]);
    expect(await run([])).toBe(2);
    expect(await run(['--file', file('samspil-personer.csv'), '--format', 'excel'])).toBe(2);
    expect(await run(['--file', '/no/such/file.csv'])).toBe(2);
    expect(await run(['--bogus'])).toBe(2);
    expect(await run(['--file', file('samspil-enheder.csv'), '--format', 'os2mo'])).toBe(1);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toEqual([]);
  });
});

describe('the script as a process', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-import-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const spawn = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.resolve('scripts/directory-import.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  it('exits with 2, 1 and 0 against a database of its own', async () => {
    expect(spawn([]).status).toBe(2);
    const bad = spawn(['--file', file('samspil-personer.csv')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('Fejl i filerne');
    const good = spawn([
      '--units',
      file('samspil-enheder.csv'),
      '--file',
      file('samspil-personer.csv'),
      '--deactivate-missing',
    ]);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    const database = openDatabase({ databaseUrl: null, sqliteFile: path.join(dataDir, 'samspil.sqlite') });
    try {
      const users = await database.db.selectFrom('users').select('username').orderBy('username').execute();
      expect(users.map((u) => u.username)).toEqual(['mette.dahl', 'ole.berg', 'sara.lund']);
      const runs = await database.db.selectFrom('directory_imports').select('status').orderBy('id').execute();
      expect(runs.map((r) => r.status)).toEqual(['failed', 'applied']);
    } finally {
      await database.destroy();
    }
  }, 120_000);
});
