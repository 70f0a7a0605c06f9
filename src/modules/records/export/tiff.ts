import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { ArchivalTiffMode } from '../../../db/schema/records.ts';

/**
 * Documents as TIFF 6.0 baseline (bek. 128/2020, bilag 5, 5.E), made from PDF with Ghostscript:
 *
 * - 5.E.2: bitonal documents compressed with CCITT G4 (`tiffg4`), grey and colour with LZW
 *   (`tiffgray`, `tiff24nc` with `-sCompression=lzw`). 5.E.3: RGB at 24 bits (8×3), grey at 8.
 * - 300 dpi, as the National Archives' TIFF guide sets its converter (TIFFvejledning, 2.3), the
 *   same in both directions, and each page at the size of the PDF's page, so that the width and
 *   height scale as the original's (5.E.5).
 * - One multi-page file per document, `1.tif`: bilag 4, 4.G.5–6 let a document be "one or more
 *   files of the same format", and the TIFF guide's converter and viewers work with multi-page
 *   TIFF documents ("bladre mellem siderne i TIFF-dokumentet").
 * - `auto` (the default): a first pass with Ghostscript's `inkcov` device finds whether any page
 *   has colour; then 24-bit colour, else 8-bit grey. No colour or grey is thrown away (5.J, no
 *   deterioration). `bitonal` (G4, about a tenth of the size for text) is for when the receiving
 *   archive asks for it (5.I, optimisation).
 *
 * Ghostscript runs through execFile with -dSAFER (no file access beyond its input and output) and a
 * timeout, so the event loop never waits for it. `-dTIFFDateTime=false` leaves out the time of
 * conversion, so converting the same PDF twice gives the same bytes.
 */

export type TiffMode = ArchivalTiffMode;
export const TIFF_MODES: readonly TiffMode[] = ['auto', 'bitonal', 'gray', 'color'];

export const TIFF_DPI = 300;
export const DEFAULT_CONVERSION_TIMEOUT_MS = 10 * 60_000;

/** A conversion that failed for this document (a damaged or encrypted PDF, a timeout): try another source. */
export class ConversionError extends Error {}

/** Ghostscript is missing: nothing can be converted until it is installed. */
export class ConverterUnavailableError extends Error {}

export interface TiffConverter {
  /** The converter's name and version, or null when it is not installed. */
  available(): Promise<string | null>;
  /** Converts a PDF file to a multi-page TIFF at `outFile`; returns the device used. */
  pdfToTiff(
    pdfFile: string,
    outFile: string,
    opts: { mode: TiffMode; timeoutMs?: number },
  ): Promise<{ device: string }>;
}

interface Run {
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const e = error as NodeJS.ErrnoException & { killed?: boolean };
          if (e.code === 'ENOENT') reject(new ConverterUnavailableError(`${command} is not installed`));
          else if (e.killed) reject(new ConversionError(`Ghostscript timed out after ${timeoutMs} ms`));
          else {
            const detail = `${stderr || stdout}`.trim().split('\n').slice(-3).join(' ').slice(0, 300);
            reject(new ConversionError(`Ghostscript failed${detail ? `: ${detail}` : ''}`));
          }
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

const COMMON = ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-dNOINTERPOLATE'];

const DEVICES: Record<Exclude<TiffMode, 'auto'>, string[]> = {
  bitonal: ['-sDEVICE=tiffg4'],
  gray: ['-sDEVICE=tiffgray', '-sCompression=lzw'],
  color: ['-sDEVICE=tiff24nc', '-sCompression=lzw'],
};

/** Whether any page of the PDF puts cyan, magenta or yellow ink on paper (Ghostscript's inkcov). */
export function hasColour(inkcov: string): boolean {
  for (const line of inkcov.split('\n')) {
    const m = /^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK/.exec(line);
    if (m && [m[1], m[2], m[3]].some((v) => Number(v) > 0.00001)) return true;
  }
  return false;
}

/** The Ghostscript converter (`gs`, Debian's ghostscript package; GS_PATH to use another binary). */
export function ghostscript(binary = process.env.GS_PATH || 'gs'): TiffConverter {
  let version: Promise<string | null> | null = null;
  return {
    available() {
      version ??= run(binary, ['--version'], 10_000).then(
        (r) => `Ghostscript ${r.stdout.trim()}`,
        () => null,
      );
      return version;
    },
    async pdfToTiff(pdfFile, outFile, opts) {
      const timeoutMs = opts.timeoutMs ?? DEFAULT_CONVERSION_TIMEOUT_MS;
      let mode = opts.mode;
      if (mode === 'auto') {
        const ink = await run(binary, [...COMMON, '-sDEVICE=inkcov', '-r20', '-o', '-', pdfFile], timeoutMs);
        mode = hasColour(ink.stdout) ? 'color' : 'gray';
      }
      const device = DEVICES[mode];
      await run(
        binary,
        [...COMMON, ...device, `-r${TIFF_DPI}`, '-dTIFFDateTime=false', '-o', outFile, pdfFile],
        timeoutMs,
      );
      return { device: device[0]!.slice('-sDEVICE='.length) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a TIFF's directories (for the page count, and for tests and checks of what was written)

export interface TiffPage {
  width: number;
  height: number;
  compression: number;
  bitsPerSample: number[];
  photometric: number;
  xResolution: number | null;
  yResolution: number | null;
  /** 273: baseline TIFF keeps its image in strips, never tiles. */
  strips: boolean;
}

export interface TiffInfo {
  littleEndian: boolean;
  pages: TiffPage[];
}

/** TIFF compression codes that bilag 5, 5.E.2 allows: 2 (CCITT RLE/G3 1D), 3 (G3), 4 (G4), 5 (LZW), 32773 (PackBits). */
export const ALLOWED_COMPRESSION = new Set([2, 3, 4, 5, 32773]);

/** Reads the image file directories of a classic TIFF (not BigTIFF); throws when it is not one. */
export async function readTiffInfo(file: string): Promise<TiffInfo> {
  const handle = await open(file, 'r');
  try {
    const read = async (offset: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      if (bytesRead < length) throw new Error('TIFF ends early');
      return buffer;
    };
    const header = await read(0, 8);
    const order = header.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw new Error('not a TIFF file');
    const le = order === 'II';
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    if (u16(header, 2) !== 42) throw new Error('not a classic TIFF file (magic 42)');
    const pages: TiffPage[] = [];
    const seen = new Set<number>();
    let offset = u32(header, 4);
    while (offset !== 0) {
      if (seen.has(offset) || pages.length > 100_000) throw new Error('TIFF directories loop');
      seen.add(offset);
      const count = u16(await read(offset, 2), 0);
      const entries = await read(offset + 2, count * 12 + 4);
      const tags = new Map<number, { type: number; count: number; at: number }>();
      for (let i = 0; i < count; i++) {
        const at = i * 12;
        tags.set(u16(entries, at), { type: u16(entries, at + 2), count: u32(entries, at + 4), at: at + 8 });
      }
      const short = async (tag: number): Promise<number[]> => {
        const t = tags.get(tag);
        if (!t) return [];
        const size = t.type === 3 ? 2 : 4;
        const bytes = t.count * size;
        const data = bytes <= 4 ? entries.subarray(t.at, t.at + 4) : await read(u32(entries, t.at), bytes);
        return Array.from({ length: t.count }, (_, i) => (size === 2 ? u16(data, i * 2) : u32(data, i * 4)));
      };
      const rational = async (tag: number): Promise<number | null> => {
        const t = tags.get(tag);
        if (!t || t.type !== 5) return null;
        const data = await read(u32(entries, t.at), 8);
        const den = u32(data, 4);
        return den ? u32(data, 0) / den : null;
      };
      pages.push({
        width: (await short(256))[0] ?? 0,
        height: (await short(257))[0] ?? 0,
        bitsPerSample: await short(258),
        compression: (await short(259))[0] ?? 1,
        photometric: (await short(262))[0] ?? -1,
        xResolution: await rational(282),
        yResolution: await rational(283),
        strips: tags.has(273),
      });
      offset = u32(entries, count * 12);
    }
    return { littleEndian: le, pages };
  } finally {
    await handle.close();
  }
}
