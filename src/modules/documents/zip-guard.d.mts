/** Types for zip-guard.mjs (plain JavaScript, shared with the extraction worker). */
export declare const MAX_UNPACKED_BYTES: number;
export declare const MAX_ENTRIES: number;
export declare class ZipGuardError extends Error {}
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Unpacked size as the central directory declares it. */
  size: number;
  dataOffset: number;
}
export declare function readZipDirectory(bytes: Uint8Array): ZipEntry[];
export declare function zipRefusal(bytes: Uint8Array, maxUnpackedBytes?: number): string | null;
export declare function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes?: number): Uint8Array;
