// Reading ZIP containers (DOCX, XLSX, PPTX, ODT, ODS, ODP) without trusting them: the central
// directory is read first, so that an archive that would unpack to too much is refused before
// anything is inflated, and every entry is inflated with a byte counter that stops at the size the
// directory declared (a directory that lies about sizes cannot make us inflate more).
//
// Plain JavaScript, because the extraction worker (extract-worker.mjs) uses it too and a worker is
// loaded by Node itself; extract.ts and rendition.ts import it through zip-guard.d.mts.
import { Inflate } from 'fflate';

/** Declared unpacked size of all entries together that we accept (a real office file is far below). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Entries in one archive that we accept. */
export const MAX_ENTRIES = 10_000;

/** Compressed bytes pushed to the inflater at a time: one push can unpack to at most ~1032 times this. */
const INFLATE_CHUNK = 4096;

export class ZipGuardError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ZipGuardError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

/**
 * The entries of a ZIP archive, from its central directory: name, method (0 stored, 8 deflated),
 * compressed and declared unpacked size, and where the entry's data starts. Throws a
 * ZipGuardError for anything that is not a readable archive.
 */
export function readZipDirectory(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at) => view.getUint16(at, true);
  const u32 = (at) => view.getUint32(at, true);
  const u64 = (at) => Number(view.getBigUint64(at, true));
  let eocd = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipGuardError('not a ZIP archive (no end of central directory)');
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === ZIP64_EOCD_LOCATOR) {
    const zip64 = u64(eocd - 20 + 8);
    if (zip64 + 56 > data.length || u32(zip64) !== ZIP64_EOCD) throw new ZipGuardError('broken ZIP64 directory');
    count = u64(zip64 + 32);
    offset = u64(zip64 + 48);
  }
  if (count > MAX_ENTRIES) throw new ZipGuardError(`the archive has more than ${MAX_ENTRIES} entries`);
  const entries = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || u32(at) !== CENTRAL) throw new ZipGuardError('broken central directory');
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (at + 46 + nameLength + extraLength > data.length) throw new ZipGuardError('broken central directory');
    const name = decoder.decode(data.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: the real values are in the 0x0001 extra field, in this order, for the fields set to ~0.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = u16(extra);
        const length = u16(extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          if (size === 0xffffffff) {
            size = u64(field);
            field += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(field);
            field += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(field);
          break;
        }
        extra += 4 + length;
      }
    }
    if (localOffset + 30 > data.length || u32(localOffset) !== LOCAL)
      throw new ZipGuardError(`broken local header for ${name}`);
    const dataOffset = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataOffset + compressedSize > data.length)
      throw new ZipGuardError(`entry ${name} runs past the end of the archive`);
    entries.push({ name, method, compressedSize, size, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Why the archive may not be unpacked, or null when it may: too many entries, or a declared
 * unpacked size (of all entries together, or of one) above `maxUnpackedBytes`.
 */
export function zipRefusal(bytes, maxUnpackedBytes = MAX_UNPACKED_BYTES) {
  let entries;
  try {
    entries = readZipDirectory(bytes);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    if (total > maxUnpackedBytes) return `the archive unpacks to more than ${maxUnpackedBytes} bytes`;
  }
  return null;
}

/**
 * One entry's content, inflated with a counter: more bytes than the directory declared (or than
 * `maxBytes`) stops the inflation with a ZipGuardError instead of filling memory.
 */
export function inflateEntry(bytes, entry, maxBytes = MAX_UNPACKED_BYTES) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const limit = Math.min(entry.size, maxBytes);
  const raw = data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (raw.length > limit) throw new ZipGuardError(`entry ${entry.name} is larger than declared`);
    return raw.slice();
  }
  if (entry.method !== 8)
    throw new ZipGuardError(`entry ${entry.name} uses an unsupported compression method (${entry.method})`);
  const out = new Uint8Array(limit);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > limit)
      throw new ZipGuardError(`entry ${entry.name} unpacks to more than declared (${limit} bytes)`);
    out.set(chunk, written);
    written += chunk.length;
  });
  for (let at = 0; at < raw.length; at += INFLATE_CHUNK) {
    inflater.push(raw.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= raw.length);
  }
  if (raw.length === 0) inflater.push(new Uint8Array(0), true);
  return written === out.length ? out : out.slice(0, written);
}
