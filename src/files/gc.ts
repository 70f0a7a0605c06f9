import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { writeTransaction } from '../db/index.ts';
import type { BlobStore } from './blobs.ts';

/**
 * Blob garbage collection (DESIGN.md, Files: "removed when nothing refers to them"). Deleting a
 * personal file, a room file or a news image deletes its row; the bytes go from disk once no
 * row anywhere refers to the same content. GDPR erasure depends on this.
 *
 * Safety, in order of importance:
 * 1. **Every reference counts.** `BLOB_REFERENCES` lists each column that holds a blob's hash
 *    (all of them carry a foreign key to `blobs`; a test compares the list with the live schema),
 *    and every 64-hex string inside a published agenda or minutes snapshot counts too (the
 *    snapshots freeze attachment hashes in JSON, without a foreign key).
 * 2. **A grace period.** Only files untouched for `graceMs` (default 24 h) are candidates.
 *    `BlobStore.put` touches an existing file, so an upload whose row is not committed yet, even
 *    of bytes stored long ago, is never collected.
 * 3. **Check again at the last moment.** A candidate is first renamed aside (after which a new
 *    `put` of the same bytes writes a fresh file instead of touching this one), its time checked
 *    again, and then, in one write transaction, its references are looked up once more and its
 *    `blobs` row deleted. The foreign keys make that delete fail while any row still points at
 *    the blob (a forgotten column included): the file is then put back. Only after the commit is
 *    the file unlinked.
 * 4. **Idempotent and self-healing.** A run that stops half-way leaves at most a renamed file,
 *    which the next run puts back and judges again; temporary files of crashed uploads older than
 *    the grace period are removed; `blobs` rows whose file is gone and that nothing refers to are
 *    deleted.
 */

/** Every column that refers to a blob by its SHA-256 (besides the published snapshots' JSON). */
export const BLOB_REFERENCES: ReadonlyArray<{ table: string; column: string }> = [
  { table: 'document_versions', column: 'blob_sha256' },
  { table: 'document_versions', column: 'rendition_sha256' },
  { table: 'news', column: 'image_sha256' },
  { table: 'news_pending_images', column: 'sha256' },
  { table: 'profiles', column: 'photo_sha256' },
  { table: 'personal_files', column: 'blob_sha256' },
  { table: 'room_file_versions', column: 'blob_sha256' },
  { table: 'municipality_logos', column: 'sha256' },
];

export const DEFAULT_GRACE_MS = 24 * 3600_000;
const BATCH = 500;
const HEX64 = /^[0-9a-f]{64}$/;
const HEX2 = /^[0-9a-f]{2}$/;
const TRASH = /^\.gc-([0-9a-f]{64})-[0-9a-f]+$/;

export interface BlobGcOptions {
  /** Files modified (or re-stored) more recently than this are left alone. */
  graceMs?: number;
  /** The clock (tests). */
  now?: Date;
}

export interface BlobGcResult {
  /** Blob files looked at. */
  scanned: number;
  /** Blob files removed, and their bytes. */
  removed: number;
  bytes: number;
  /** Temporary files of interrupted uploads removed. */
  temp: number;
  /** `blobs` rows removed whose file was already gone. */
  rows: number;
  /** Referenced blobs whose file is missing (for the operator: restore from backup). */
  missing: number;
}

type AnyDb = Kysely<any>;

/** The hashes frozen in published snapshots, read incrementally (versions are append-only). */
class SnapshotHashes {
  readonly set = new Set<string>();
  #lastId = 0;

  async refresh(db: AnyDb): Promise<void> {
    for (;;) {
      const rows: Array<{ id: number; snapshot: string }> = await db
        .selectFrom('published_versions')
        .select(['id', 'snapshot'])
        .where('id', '>', this.#lastId)
        .orderBy('id')
        .limit(200)
        .execute();
      for (const r of rows) {
        // Any 64-hex string anywhere in the snapshot counts: erring towards keeping is safe.
        for (const m of String(r.snapshot).matchAll(/[0-9a-f]{64}/g)) this.set.add(m[0]);
        this.#lastId = Number(r.id);
      }
      if (rows.length < 200) return;
    }
  }
}

/** Which of these hashes a row refers to. */
async function referencedAmong(db: AnyDb, hashes: string[], snapshots: SnapshotHashes): Promise<Set<string>> {
  const found = new Set(hashes.filter((h) => snapshots.set.has(h)));
  const rest = hashes.filter((h) => !found.has(h));
  if (!rest.length) return found;
  for (const { table, column } of BLOB_REFERENCES) {
    const rows: Array<{ sha: string }> = await db
      .selectFrom(table)
      .select(`${column} as sha`)
      .distinct()
      .where(column, 'in', rest)
      .execute();
    for (const r of rows) found.add(r.sha);
  }
  return found;
}

function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

async function readdir(dir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(dir)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}

async function mtimeOf(file: string): Promise<{ mtimeMs: number; size: number } | null> {
  try {
    const s = await fs.promises.stat(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Removes one blob file that looked unreferenced, under the last-moment checks: renamed aside,
 * its time checked against `cutoff` (re-stored since: kept), its references looked up again and
 * its `blobs` row deleted in one write transaction (a foreign key still pointing at it: kept),
 * and only then unlinked. True when the file was removed.
 */
async function collectOne(
  database: Database,
  dir: string,
  sha: string,
  cutoff: number,
  snapshots: SnapshotHashes,
): Promise<boolean> {
  const target = path.join(dir, sha);
  const aside = path.join(dir, `.gc-${sha}-${randomBytes(6).toString('hex')}`);
  try {
    await fs.promises.rename(target, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const restore = async () => {
    await fs.promises.rename(aside, target);
    return false;
  };
  // Stored again between our look and the rename: keep it.
  const stat = await mtimeOf(aside);
  if (!stat || stat.mtimeMs >= cutoff) {
    if (stat) await restore();
    return false;
  }
  let free = false;
  try {
    free = await writeTransaction(database, async (tx) => {
      await snapshots.refresh(tx.db as AnyDb);
      if ((await referencedAmong(tx.db as AnyDb, [sha], snapshots)).size) return false;
      await (tx.db as AnyDb).deleteFrom('blobs').where('sha256', '=', sha).execute();
      return true;
    });
  } catch (err) {
    if (!isForeignKeyViolation(err)) {
      await restore();
      throw err;
    }
  }
  if (!free) return restore();
  try {
    await fs.promises.unlink(aside);
  } catch (err) {
    // Put back by an overlapping run (after a lease ran out): nothing refers to it; the next run removes it.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return false;
  }
  return true;
}

/**
 * Removes these blobs now, when nothing refers to them any more: for a caller that has just
 * deleted the rows that referred to them (disposal) and must not leave the bytes on disk until the
 * nightly run. The same last-moment checks as the nightly run; instead of the grace period, a
 * file stored (or re-stored) at or after `since` is kept, so an upload of the same bytes that began
 * after the caller's delete never loses its file. What is kept here and later becomes
 * unreferenced goes with the nightly run. Returns the hashes removed.
 */
export async function collectBlobs(
  database: Database,
  blobs: BlobStore,
  hashes: readonly string[],
  opts: { since: Date },
): Promise<{ removed: string[]; kept: string[] }> {
  const snapshots = new SnapshotHashes();
  await snapshots.refresh(database.db as AnyDb);
  const unique = [...new Set(hashes)].filter((h) => HEX64.test(h));
  const used = await referencedAmong(database.db as AnyDb, unique, snapshots);
  const removed: string[] = [];
  const kept: string[] = [];
  for (const sha of unique) {
    const file = blobs.pathOf(sha);
    if (!used.has(sha) && (await collectOne(database, path.dirname(file), sha, opts.since.getTime(), snapshots)))
      removed.push(sha);
    else kept.push(sha);
  }
  return { removed, kept };
}

/** Removes every blob that nothing refers to and that is older than the grace period. */
export async function collectBlobGarbage(
  database: Database,
  blobs: BlobStore,
  opts: BlobGcOptions = {},
): Promise<BlobGcResult> {
  const db = database.db as AnyDb;
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.graceMs ?? DEFAULT_GRACE_MS);
  const result: BlobGcResult = { scanned: 0, removed: 0, bytes: 0, temp: 0, rows: 0, missing: 0 };
  const snapshots = new SnapshotHashes();
  await snapshots.refresh(db);

  async function judge(batch: Array<{ dir: string; sha: string; size: number }>): Promise<void> {
    if (!batch.length) return;
    const used = await referencedAmong(
      db,
      batch.map((b) => b.sha),
      snapshots,
    );
    for (const b of batch)
      if (!used.has(b.sha) && (await collectOne(database, b.dir, b.sha, cutoff, snapshots))) {
        result.removed++;
        result.bytes += b.size;
      }
    batch.length = 0;
  }

  // --- Files on disk -------------------------------------------------------------------------
  const batch: Array<{ dir: string; sha: string; size: number }> = [];
  for (const a of await readdir(blobs.root)) {
    if (!HEX2.test(a)) continue;
    for (const b of await readdir(path.join(blobs.root, a))) {
      if (!HEX2.test(b)) continue;
      const dir = path.join(blobs.root, a, b);
      for (const name of await readdir(dir)) {
        const file = path.join(dir, name);
        const trash = TRASH.exec(name);
        if (trash) {
          // Left by an interrupted run: put it back (or drop it when a new copy exists) and
          // judge it afresh on the next run.
          if (await mtimeOf(path.join(dir, trash[1]!))) await fs.promises.unlink(file);
          else await fs.promises.rename(file, path.join(dir, trash[1]!));
          continue;
        }
        if (name.startsWith('.tmp-')) {
          const stat = await mtimeOf(file);
          if (stat && stat.mtimeMs < cutoff) {
            await fs.promises.unlink(file);
            result.temp++;
          }
          continue;
        }
        if (!HEX64.test(name) || !name.startsWith(a + b)) continue;
        result.scanned++;
        const stat = await mtimeOf(file);
        if (!stat || stat.mtimeMs >= cutoff) continue;
        batch.push({ dir, sha: name, size: stat.size });
        if (batch.length >= BATCH) await judge(batch);
      }
    }
  }
  await judge(batch);

  // --- Rows without a file -------------------------------------------------------------------
  let after = '';
  for (;;) {
    const rows: Array<{ sha256: string; created_at: string }> = await db
      .selectFrom('blobs')
      .select(['sha256', 'created_at'])
      .where('sha256', '>', after)
      .orderBy('sha256')
      .limit(BATCH)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1]!.sha256;
    const gone = rows.filter((r) => !blobs.exists(r.sha256));
    if (!gone.length) continue;
    const used = await referencedAmong(
      db,
      gone.map((r) => r.sha256),
      snapshots,
    );
    for (const r of gone) {
      if (used.has(r.sha256)) {
        result.missing++;
        continue;
      }
      if (Date.parse(r.created_at) >= cutoff) continue;
      try {
        const deleted = await writeTransaction(database, async (tx) => {
          if (blobs.exists(r.sha256)) return false;
          await snapshots.refresh(tx.db as AnyDb);
          if ((await referencedAmong(tx.db as AnyDb, [r.sha256], snapshots)).size) return false;
          await (tx.db as AnyDb).deleteFrom('blobs').where('sha256', '=', r.sha256).execute();
          return true;
        });
        if (deleted) result.rows++;
      } catch (err) {
        if (!isForeignKeyViolation(err)) throw err;
      }
    }
  }
  return result;
}
