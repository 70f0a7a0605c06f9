import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/index.ts';
import { nowIso } from '../db/index.ts';

/**
 * Content-addressed file storage (DESIGN.md, Files). A file's name is the SHA-256 of its bytes,
 * under DATA_DIR/blobs/ab/cd/<hash>. Writing goes to a temporary file, is fsynced, then renamed
 * into place and the directory fsynced, so a crash never leaves a half-written blob under a real
 * name. The same content is stored once however often it is uploaded. Blobs are referenced from
 * the database (see `BLOB_REFERENCES` in gc.ts); they are never changed in place, and the blob
 * garbage collector (gc.ts) removes those nothing refers to.
 *
 * Storing content that is already there touches the file's modification time: the collector
 * leaves alone every file touched within its grace period, so an upload whose database row is
 * not yet committed never loses its blob, even when the same bytes were stored long ago.
 */
export class BlobStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
  }

  static hash(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes (if new) and records the blob; returns its hash. */
  async put(database: Database, content: Buffer): Promise<string> {
    const sha256 = BlobStore.hash(content);
    const target = this.pathOf(sha256);
    if (!(await touch(target))) {
      const dir = path.dirname(target);
      await fs.promises.mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      const handle = await fs.promises.open(tmp, 'wx');
      try {
        await handle.writeFile(content);
        // The file's time is the app's clock, not the system's: the collector's grace period
        // compares the two (and SAMSPIL_CLOCK moves only the app's).
        const now = new Date();
        await handle.utimes(now, now);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, target);
      const dirHandle = await fs.promises.open(dir, 'r');
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
    }
    await database.db
      .insertInto('blobs')
      .values({ sha256, size: content.length, created_at: nowIso() })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return sha256;
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(sha256));
  }

  stream(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256));
  }

  exists(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }
}

/** Sets a file's modification time to now; false when there is no such file. */
async function touch(file: string): Promise<boolean> {
  const now = new Date();
  try {
    await fs.promises.utimes(file, now, now);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
