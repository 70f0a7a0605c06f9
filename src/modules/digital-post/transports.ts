import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DigitalPostChannel } from '../../db/schema/digital-post.ts';

/**
 * How a MeMo message leaves Samspil. A transport must be idempotent per UUID: the outbox may hand
 * it the same message again (a worker died after sending but before marking it sent, or its lease
 * ran out while sending), and that must not reach the recipient twice.
 */
export interface DigitalPostTransport {
  /** Stored on the row that it delivered (`transport`), unless `send` names another (a channel's). */
  name: string;
  /**
   * `channel` is the row's: 'digital' for the recipient's mailbox, 'print' for remote print
   * (fjernprint). A transport that can do both (SF1601's KombiValgKode) chooses by it.
   */
  send(uuid: string, xml: string, opts?: { channel: DigitalPostChannel }): Promise<void | { transport: string }>;
}

/** The folder remote-print messages are dropped into: DATA_DIR/digital-post/print. */
export function defaultPrintDropDir(dataDir: string): string {
  return path.join(dataDir, 'digital-post', 'print');
}

/**
 * One transport per channel: digital messages to `digital`, remote print to `print` (the default
 * setup: two folder drops, so the gateway knows what goes by post).
 */
export function channelTransport(transports: Record<DigitalPostChannel, DigitalPostTransport>): DigitalPostTransport {
  return {
    name: transports.digital.name,
    async send(uuid, xml, opts) {
      const channel = opts?.channel ?? 'digital';
      const chosen = transports[channel];
      await chosen.send(uuid, xml, { channel });
      return { transport: chosen.name };
    },
  };
}

/** The folder the app drops into: DATA_DIR/digital-post/outbox. */
export function defaultDropDir(dataDir: string): string {
  return path.join(dataDir, 'digital-post', 'outbox');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Drops each message as `<uuid>.xml` into `dir`, for an integration gateway that picks the files
 * up (default DATA_DIR/digital-post/outbox). Atomic: written to a hidden `.tmp` file in the same
 * folder, fsynced, renamed into place, and the folder fsynced, so the gateway never sees half a
 * file and a crash leaves either no file or the whole one. Idempotent: when `<uuid>.xml` is
 * already there with the same bytes, that is success and nothing is written; other bytes under
 * the same UUID are refused (an error, so the row keeps it in `last_error`).
 */
export function folderDropTransport(dir: string): DigitalPostTransport {
  return {
    name: 'folder-drop',
    async send(uuid: string, xml: string): Promise<void> {
      if (!UUID.test(uuid)) throw new Error(`not a UUID: ${uuid}`);
      const bytes = Buffer.from(xml, 'utf8');
      const target = path.join(dir, `${uuid.toLowerCase()}.xml`);
      const existing = await readIfExists(target);
      if (existing) {
        if (existing.equals(bytes)) return;
        throw new Error(`${path.basename(target)} already exists with other content`);
      }
      await fs.mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.${uuid.toLowerCase()}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await fs.open(tmp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        // Two workers racing on the same UUID write the same bytes, so whichever rename lands
        // last leaves the same single file.
        await fs.rename(tmp, target);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        throw err;
      }
      const folder = await fs.open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    },
  };
}
