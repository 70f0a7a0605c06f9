import fs from 'node:fs/promises';

/**
 * A small TIFF reader for the archival rules of bek. 128, bilag 5, 5. E.: it reads the header and
 * every image file directory (IFD, one per page) and the few tag values the rules need; it never
 * decodes pixels. Only classic TIFF (TIFF 6.0: "II*\0" or "MM\0*"); BigTIFF is not TIFF 6.0.
 * Reads are positioned (the IFDs of a libtiff file often sit after the image data), so a
 * multi-gigabyte file costs a few small reads.
 */

export const TAG = {
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  PhotometricInterpretation: 262,
  StripOffsets: 273,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  XResolution: 282,
  YResolution: 283,
  ResolutionUnit: 296,
  ColorMap: 320,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  InkSet: 332,
  ExtraSamples: 338,
} as const;

/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

/** The tags whose values are read (the rest are only known to be present). */
const READ_VALUES = new Set<number>([
  TAG.ImageWidth,
  TAG.ImageLength,
  TAG.BitsPerSample,
  TAG.Compression,
  TAG.PhotometricInterpretation,
  TAG.StripOffsets,
  TAG.SamplesPerPixel,
  TAG.RowsPerStrip,
  TAG.StripByteCounts,
  TAG.XResolution,
  TAG.YResolution,
  TAG.ResolutionUnit,
  TAG.InkSet,
  TAG.ExtraSamples,
]);

const MAX_PAGES = 100_000;
const MAX_VALUES = 1_000_000;

export interface TiffField {
  type: number;
  count: number;
  /** Integer values; a RATIONAL is two numbers (numerator, denominator). Empty when not read. */
  values: number[];
}

export interface TiffPage {
  /** 0-based page number. */
  index: number;
  fields: Map<number, TiffField>;
}

export interface TiffFile {
  littleEndian: boolean;
  size: number;
  pages: TiffPage[];
}

/** A file that cannot be read as classic TIFF; the message is Danish. */
export class TiffFormatError extends Error {}

export async function readTiff(file: string): Promise<TiffFile> {
  const fh = await fs.open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const read = async (offset: number, length: number): Promise<Buffer> => {
      if (offset < 0 || length < 0 || offset + length > size) {
        throw new TiffFormatError(
          `en værdi peger uden for filen (byte ${offset}, ${length} bytes; filen er ${size} bytes)`,
        );
      }
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      if (bytesRead !== length) throw new TiffFormatError('filen sluttede før ventet');
      return buf;
    };
    if (size < 8) throw new TiffFormatError('filen er for kort til et TIFF-hoved');
    const head = await read(0, 8);
    const order = head.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') {
      throw new TiffFormatError(`byte-rækkefølgen i hovedet er hverken "II" eller "MM" (${JSON.stringify(order)})`);
    }
    const le = order === 'II';
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const magic = u16(head, 2);
    if (magic === 43) throw new TiffFormatError('filen er BigTIFF, som ikke er TIFF version 6.0');
    if (magic !== 42) throw new TiffFormatError(`TIFF-hovedets versionsnummer er ${magic}, ikke 42`);

    const pages: TiffPage[] = [];
    const seen = new Set<number>();
    let next = u32(head, 4);
    if (next === 0) throw new TiffFormatError('filen har ingen sider (ingen IFD)');
    while (next !== 0) {
      if (seen.has(next)) throw new TiffFormatError(`kæden af sider (IFD) løber i ring ved byte ${next}`);
      if (pages.length >= MAX_PAGES) throw new TiffFormatError(`filen har over ${MAX_PAGES} sider`);
      seen.add(next);
      const n = u16(await read(next, 2), 0);
      const ifd = await read(next + 2, n * 12 + 4);
      const fields = new Map<number, TiffField>();
      for (let i = 0; i < n; i++) {
        const e = i * 12;
        const tag = u16(ifd, e);
        const type = u16(ifd, e + 2);
        const count = u32(ifd, e + 4);
        const field: TiffField = { type, count, values: [] };
        fields.set(tag, field);
        const width = TYPE_SIZE[type];
        if (!READ_VALUES.has(tag) || width === undefined || count === 0) continue;
        if (count > MAX_VALUES) throw new TiffFormatError(`tag ${tag} har ${count} værdier`);
        const bytes = width * count;
        const data = bytes <= 4 ? ifd.subarray(e + 8, e + 12) : await read(u32(ifd, e + 8), bytes);
        for (let k = 0; k < count; k++) {
          if (type === 3) field.values.push(u16(data, k * 2));
          else if (type === 4) field.values.push(u32(data, k * 4));
          else if (type === 1) field.values.push(data[k]!);
          else if (type === 5) field.values.push(u32(data, k * 8), u32(data, k * 8 + 4));
        }
      }
      pages.push({ index: pages.length, fields });
      next = u32(ifd, n * 12);
    }
    return { littleEndian: le, size, pages };
  } finally {
    await fh.close();
  }
}

export interface TiffProblem {
  code:
    | 'tiff-header'
    | 'tiff-compression'
    | 'tiff-bit-depth'
    | 'tiff-tag-missing'
    | 'tiff-not-baseline'
    | 'tiff-resolution'
    | 'tiff-strips';
  section: string;
  message: string;
}

const COMPRESSION_NAMES: Record<number, string> = {
  1: 'ingen komprimering',
  2: 'CCITT modificeret Huffman (1D)',
  3: 'CCITT gruppe 3',
  4: 'CCITT gruppe 4',
  5: 'LZW',
  6: 'JPEG (gammel)',
  7: 'JPEG',
  8: 'Deflate',
  32773: 'PackBits',
  32946: 'Deflate',
  34712: 'JPEG 2000',
};
const compressionName = (c: number) => `${c} (${COMPRESSION_NAMES[c] ?? 'ukendt'})`;

/** bilag 5, 5. E. 2.a: black-and-white pages. */
const BITONAL_COMPRESSIONS = new Set([3, 4, 32773, 5]);
/** bilag 5, 5. E. 2.b: pages with grey tones or colours. */
const TONE_COMPRESSIONS = new Set([32773, 5]);
/** TIFF 6.0 baseline photometric interpretations, and CMYK (5), which 5. E. 4 allows. */
const PHOTOMETRIC = new Set([0, 1, 2, 3, 5]);

const first = (page: TiffPage, tag: number): number | undefined => page.fields.get(tag)?.values[0];

/** Checks every page of a TIFF against bilag 5, 5. E. (and TIFF 6.0 baseline, 5. E. 1). */
export function checkTiff(tiff: TiffFile): TiffProblem[] {
  const problems: TiffProblem[] = [];
  for (const page of tiff.pages) {
    const side = tiff.pages.length > 1 ? `Side ${page.index + 1}: ` : '';
    const add = (code: TiffProblem['code'], section: string, message: string) =>
      problems.push({ code, section, message: side + message });
    const has = (tag: number) => page.fields.has(tag);

    const photometric = first(page, TAG.PhotometricInterpretation);
    const compression = first(page, TAG.Compression) ?? 1;
    const samples = first(page, TAG.SamplesPerPixel) ?? 1;
    const bps = page.fields.get(TAG.BitsPerSample)?.values ?? [1];
    const bits = Array.from({ length: samples }, (_, i) => bps[i] ?? bps[0] ?? 1);
    const total = bits.reduce((a, b) => a + b, 0);

    const required: [string, number][] = [
      ['ImageWidth', TAG.ImageWidth],
      ['ImageLength', TAG.ImageLength],
      ['Compression', TAG.Compression],
      ['PhotometricInterpretation', TAG.PhotometricInterpretation],
      ['StripOffsets', TAG.StripOffsets],
      ['RowsPerStrip', TAG.RowsPerStrip],
      ['StripByteCounts', TAG.StripByteCounts],
      ['XResolution', TAG.XResolution],
      ['YResolution', TAG.YResolution],
      ['ResolutionUnit', TAG.ResolutionUnit],
    ];
    // BitsPerSample defaults to 1 (bilevel); grey, palette, RGB and CMYK pages must give it.
    if (photometric !== undefined && photometric > 1) required.push(['BitsPerSample', TAG.BitsPerSample]);
    if (photometric === 2 || photometric === 5) required.push(['SamplesPerPixel', TAG.SamplesPerPixel]);
    if (photometric === 3) required.push(['ColorMap', TAG.ColorMap]);
    const missing = required.filter(([, tag]) => !has(tag)).map(([name]) => name);
    if (missing.length) {
      add(
        'tiff-tag-missing',
        'bilag 5, punkt 5. E. 1',
        `de påkrævede TIFF 6.0 baseline-tags mangler: ${missing.join(', ')}.`,
      );
    }
    if ([TAG.TileWidth, TAG.TileLength, TAG.TileOffsets, TAG.TileByteCounts].some(has)) {
      add(
        'tiff-not-baseline',
        'bilag 5, punkt 5. E. 1',
        'siden er gemt i fliser (tiles), som ikke er TIFF 6.0 baseline.',
      );
    }
    if (photometric !== undefined && !PHOTOMETRIC.has(photometric)) {
      add(
        'tiff-not-baseline',
        'bilag 5, punkt 5. E. 1',
        `PhotometricInterpretation ${photometric} er ikke TIFF 6.0 baseline (tilladt: 0, 1, 2, 3 og CMYK 5).`,
      );
    }

    const bitonal = (photometric === 0 || photometric === 1) && samples === 1 && bits[0] === 1;
    if (bitonal) {
      if (!BITONAL_COMPRESSIONS.has(compression)) {
        add(
          'tiff-compression',
          'bilag 5, punkt 5. E. 2.a',
          `sort/hvid-siden er komprimeret med ${compressionName(compression)}; tilladt er CCITT gruppe 3 (3), gruppe 4 (4), PackBits (32773) eller LZW (5).`,
        );
      }
    } else if (!TONE_COMPRESSIONS.has(compression)) {
      add(
        'tiff-compression',
        'bilag 5, punkt 5. E. 2.b',
        `siden med gråtoner eller farver er komprimeret med ${compressionName(compression)}; tilladt er PackBits (32773) eller LZW (5).`,
      );
    }

    if (photometric === 2 || photometric === 3) {
      const colour = photometric === 3 ? 1 : Math.min(samples, 3);
      const extra = samples - colour;
      if (![1, 2, 4, 8, 24, 32].includes(total)) {
        add(
          'tiff-bit-depth',
          'bilag 5, punkt 5. E. 3',
          `RGB-siden har bitdybden ${total}; tilladt er 1, 2, 4, 8, 24 og 32.`,
        );
      } else if (bits.some((b) => b > 8) || extra > 1 || (extra === 1 && bits[samples - 1] !== 8)) {
        add(
          'tiff-bit-depth',
          'bilag 5, punkt 5. E. 3.a',
          `RGB-siden har kanalerne ${bits.join('+')} bit; højst 3 farvekanaler på 8 bit og én alfakanal på 8 bit.`,
        );
      }
    } else if (photometric === 5) {
      const extra = samples - Math.min(samples, 4);
      if (![1, 2, 4, 8, 32, 40].includes(total)) {
        add(
          'tiff-bit-depth',
          'bilag 5, punkt 5. E. 4',
          `CMYK-siden har bitdybden ${total}; tilladt er 1, 2, 4, 8, 32 og 40.`,
        );
      } else if (bits.some((b) => b > 8) || extra > 1 || (extra === 1 && bits[samples - 1] !== 8)) {
        add(
          'tiff-bit-depth',
          'bilag 5, punkt 5. E. 4.a',
          `CMYK-siden har kanalerne ${bits.join('+')} bit; højst 4 farvekanaler på 8 bit og én alfakanal på 8 bit.`,
        );
      }
    }

    for (const [name, tag] of [
      ['XResolution', TAG.XResolution],
      ['YResolution', TAG.YResolution],
    ] as const) {
      const v = page.fields.get(tag)?.values;
      if (has(tag) && (!v || v.length < 2 || v[0] === 0 || v[1] === 0)) {
        add(
          'tiff-resolution',
          'bilag 5, punkt 5. E. 5',
          `${name} er ikke et positivt tal, så sidens dimensioner kan ikke udledes.`,
        );
      }
    }

    const offsets = page.fields.get(TAG.StripOffsets)?.values;
    const counts = page.fields.get(TAG.StripByteCounts)?.values;
    if (offsets && counts) {
      if (offsets.length !== counts.length) {
        add(
          'tiff-strips',
          'bilag 5, punkt 5. E. 1',
          `StripOffsets har ${offsets.length} værdier, men StripByteCounts ${counts.length}.`,
        );
      } else if (offsets.some((o, i) => o + counts[i]! > tiff.size)) {
        add(
          'tiff-strips',
          'bilag 5, punkt 5. E. 1',
          'billeddata (strips) rækker ud over filens slutning; filen er afkortet eller beskadiget.',
        );
      }
    }
  }
  return problems;
}
