import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../../src/db/index.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/**
 * Test databases. SQLite always; PostgreSQL too when TEST_POSTGRES_URL points at a server
 * (CI: postgres://postgres@127.0.0.1:5432/test). Each test file gets a database of its own,
 * created for it and dropped afterwards, so runs never see each other's data.
 */

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL || null;

export const DIALECTS: Dialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  database: Database;
  /** The connection string or file, to open a second handle (a second app instance). */
  location: { databaseUrl: string | null; sqliteFile: string };
  open(): Database;
  cleanup(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(dialect: Dialect, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const handles: Database[] = [];
  let location: TestDatabase['location'];
  let drop: () => Promise<void>;
  if (dialect === 'postgres') {
    if (!POSTGRES_URL) throw new Error('TEST_POSTGRES_URL is not set');
    const name = `samspil_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    location = { databaseUrl: withDatabase(POSTGRES_URL, name), sqliteFile: '' };
    drop = async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-test-'));
    location = { databaseUrl: null, sqliteFile: path.join(dir, 'test.sqlite') };
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const open = () => {
    const d = openDatabase({ ...location, poolSize: 5 });
    handles.push(d);
    return d;
  };
  const database = open();
  if (opts.migrate !== false) await migrateToLatest(database);
  return {
    database,
    location,
    open,
    cleanup: async () => {
      for (const h of handles) await h.destroy();
      await drop();
    },
  };
}
