import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database, Dialect } from './index.ts';

/** A migration in migrations/: like Kysely's, but told which database it runs on. */
export interface DialectMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  down?(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Kysely's FileMigrationProvider, re-done in a few lines so that each migration receives the
 * dialect, and so that the `import()` happens in our own module: under vitest that import goes
 * through the TypeScript transform (kysely's own import() inside node_modules would not).
 */
class DialectMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR))
      .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const m = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as DialectMigration;
      if (typeof m.up !== 'function') throw new Error(`migration ${file} has no up()`);
      migrations[file.replace(/\.(ts|js|mjs)$/, '')] = {
        up: (db) => m.up(db, this.dialect),
        down: m.down ? (db) => m.down!(db, this.dialect) : undefined,
      };
    }
    return migrations;
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  // Unordered: migrations written in parallel branches may land after a newer one has run.
  const migrator = new Migrator({
    db: database.db,
    provider: new DialectMigrationProvider(database.dialect),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
