import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Set on the handle passed into writeTransaction's callback. */
  inTransaction?: boolean;
  destroy(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… for PostgreSQL; otherwise SQLite. */
  databaseUrl?: string | null;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** PostgreSQL: an idle connection failed (the server closed it); the pool has already dropped it. */
  onIdleError?: (err: Error) => void;
}

/**
 * PostgreSQL returns BIGINT and COUNT(*) as strings and timestamptz as Date; the app works with
 * numbers and ISO strings on both databases, so convert here, at the edge, once.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary') as (value: Buffer) => unknown;
    switch (oid) {
      case pg.types.builtins.INT8:
        return (value: string) => Number(value);
      case pg.types.builtins.TIMESTAMPTZ:
      case pg.types.builtins.TIMESTAMP: {
        const parse = pg.types.getTypeParser(oid, 'text') as (v: string) => Date;
        return (value: string) => parse(value).toISOString();
      }
      default:
        return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
    }
  },
} as pg.CustomTypesConfig;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running most of
 * our queries. The app issues a small, fixed set of SQL strings, so keep the prepared statements
 * (better-sqlite3 runs them synchronously, so one statement object is never used twice at once).
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sqlText: string) => {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

export function openDatabase(options: OpenOptions): Database {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
    // Without a listener, an idle connection closed by the server (a restart, an administrator,
    // a test database dropped while the pool's sockets are still closing) would end the process.
    pool.on('error', (err) => options.onIdleError?.(err));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (url) throw new Error('DATABASE_URL must start with postgres:// (leave it empty for SQLite)');
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

/**
 * Runs `fn` in a write transaction on either database. On SQLite it is `BEGIN IMMEDIATE`, which
 * takes the write lock up front, so a read-then-write inside cannot fail half-way with
 * SQLITE_BUSY when another process (a CLI next to the server) writes too. Nested calls join
 * the outer transaction. Services take a `Database` and work the same inside or outside one.
 */
export async function writeTransaction<T>(database: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  if (database.inTransaction) return fn(database);
  const wrap = (trx: Kysely<DB>): Database => ({
    db: trx,
    dialect: database.dialect,
    inTransaction: true,
    destroy: async () => {},
  });
  if (database.dialect === 'postgres') {
    return database.db.transaction().execute((trx: Transaction<DB>) => fn(wrap(trx)));
  }
  return database.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(wrap(conn));
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * Inside a write transaction: makes writers that use the same `key` wait for each other, across
 * app instances too. PostgreSQL takes a transaction-scoped advisory lock; on SQLite the immediate
 * transaction already excludes every other writer. Use it for chained or numbered rows (the
 * audit chain, case numbers), where a read-then-insert must not be overtaken.
 */
export async function lockKey(tx: Database, key: string): Promise<void> {
  if (!tx.inTransaction) throw new Error('lockKey must be called inside writeTransaction');
  if (tx.dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx.db);
  }
}

/** A write transaction that holds the lock for `key` (see lockKey). */
export function serializedWrite<T>(database: Database, key: string, fn: (tx: Database) => Promise<T>): Promise<T> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, key);
    return fn(tx);
  });
}

/** The current instant as the ISO-8601 UTC string every table stores. */
export function nowIso(): string {
  return new Date().toISOString();
}
