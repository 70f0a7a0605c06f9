import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTiff, readTiff, TAG, type TiffField, type TiffFile } from './tiff.ts';

/** One page with the baseline tags, then the given fields on top. */
function page(fields: Record<number, number[] | number>): TiffFile {
  const base: Record<number, number[] | number> = {
    [TAG.ImageWidth]: 100,
    [TAG.ImageLength]: 100,
    [TAG.Compression]: 5,
    [TAG.PhotometricInterpretation]: 1,
    [TAG.StripOffsets]: 8,
    [TAG.RowsPerStrip]: 100,
    [TAG.StripByteCounts]: 10,
    [TAG.XResolution]: [300, 1],
    [TAG.YResolution]: [300, 1],
    [TAG.ResolutionUnit]: 2,
    [TAG.BitsPerSample]: 8,
  };
  const map = new Map<number, TiffField>();
  for (const [tag, v] of Object.entries({ ...base, ...fields })) {
    const values = Array.isArray(v) ? v : [v];
    map.set(Number(tag), { type: 3, count: values.length, values });
  }
  return { littleEndian: true, size: 1000, pages: [{ index: 0, fields: map }] };
}
const codes = (t: TiffFile) => checkTiff(t).map((p) => `${p.code} ${p.section}`);

describe('TIFF pages against bilag 5, 5. E.', () => {
  it('accepts grey LZW, RGB 8+8+8 PackBits, RGBA 32 bit, CMYK 32 and 40 bit, palette 8 bit with a colour map', () => {
    expect(codes(page({}))).toEqual([]);
    expect(
      codes(
        page({
          [TAG.PhotometricInterpretation]: 2,
          [TAG.SamplesPerPixel]: 3,
          [TAG.BitsPerSample]: [8, 8, 8],
          [TAG.Compression]: 32773,
        }),
      ),
    ).toEqual([]);
    expect(
      codes(
        page({
          [TAG.PhotometricInterpretation]: 2,
          [TAG.SamplesPerPixel]: 4,
          [TAG.BitsPerSample]: [8, 8, 8, 8],
          [TAG.ExtraSamples]: 2,
        }),
      ),
    ).toEqual([]);
    expect(
      codes(page({ [TAG.PhotometricInterpretation]: 5, [TAG.SamplesPerPixel]: 4, [TAG.BitsPerSample]: [8, 8, 8, 8] })),
    ).toEqual([]);
    expect(
      codes(
        page({ [TAG.PhotometricInterpretation]: 5, [TAG.SamplesPerPixel]: 5, [TAG.BitsPerSample]: [8, 8, 8, 8, 8] }),
      ),
    ).toEqual([]);
    expect(codes(page({ [TAG.PhotometricInterpretation]: 3, [TAG.ColorMap]: [0] }))).toEqual([]);
  });

  it('allows CCITT G3, G4, PackBits and LZW for black and white (5. E. 2.a), only PackBits and LZW for grey and colour (5. E. 2.b)', () => {
    for (const c of [3, 4, 5, 32773]) expect(codes(page({ [TAG.BitsPerSample]: 1, [TAG.Compression]: c }))).toEqual([]);
    for (const c of [1, 2, 7, 8])
      expect(codes(page({ [TAG.BitsPerSample]: 1, [TAG.Compression]: c }))).toEqual([
        'tiff-compression bilag 5, punkt 5. E. 2.a',
      ]);
    for (const c of [1, 4, 6, 7, 8])
      expect(codes(page({ [TAG.Compression]: c }))).toEqual(['tiff-compression bilag 5, punkt 5. E. 2.b']);
  });

  it('limits the bit depths of RGB (5. E. 3, 3.a) and CMYK (5. E. 4, 4.a)', () => {
    const rgb = (bits: number[]) =>
      page({ [TAG.PhotometricInterpretation]: 2, [TAG.SamplesPerPixel]: bits.length, [TAG.BitsPerSample]: bits });
    expect(codes(rgb([16, 16, 16]))).toEqual(['tiff-bit-depth bilag 5, punkt 5. E. 3']);
    expect(codes(rgb([8, 8, 8, 4, 4]))).toEqual(['tiff-bit-depth bilag 5, punkt 5. E. 3.a']);
    const cmyk = (bits: number[]) =>
      page({ [TAG.PhotometricInterpretation]: 5, [TAG.SamplesPerPixel]: bits.length, [TAG.BitsPerSample]: bits });
    expect(codes(cmyk([8, 8, 8, 8, 8, 8]))).toEqual(['tiff-bit-depth bilag 5, punkt 5. E. 4']);
    expect(codes(cmyk([16, 16]))).toEqual(['tiff-bit-depth bilag 5, punkt 5. E. 4.a']);
  });

  it('wants TIFF 6.0 baseline (5. E. 1): the required tags, strips not tiles, a baseline photometric; and a real resolution (5. E. 5)', () => {
    const missing = page({});
    missing.pages[0]!.fields.delete(TAG.ResolutionUnit);
    missing.pages[0]!.fields.delete(TAG.RowsPerStrip);
    expect(checkTiff(missing).map((p) => p.message)).toEqual([
      'de påkrævede TIFF 6.0 baseline-tags mangler: RowsPerStrip, ResolutionUnit.',
    ]);
    expect(codes(page({ [TAG.TileWidth]: 256 }))).toEqual(['tiff-not-baseline bilag 5, punkt 5. E. 1']);
    expect(codes(page({ [TAG.PhotometricInterpretation]: 6 }))).toEqual(['tiff-not-baseline bilag 5, punkt 5. E. 1']);
    expect(codes(page({ [TAG.XResolution]: [0, 1] }))).toEqual(['tiff-resolution bilag 5, punkt 5. E. 5']);
    expect(codes(page({ [TAG.StripByteCounts]: 5000 }))).toEqual(['tiff-strips bilag 5, punkt 5. E. 1']);
  });

  it('reads the header: byte order, the version number 42, not BigTIFF', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiff-'));
    try {
      const file = path.join(dir, '1.tif');
      await fs.writeFile(file, Buffer.from('%PDF-1.7 not a tiff'));
      await expect(readTiff(file)).rejects.toThrow(/byte-rækkefølgen i hovedet er hverken "II" eller "MM"/);
      await fs.writeFile(file, Buffer.from([0x49, 0x49, 0x2b, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
      await expect(readTiff(file)).rejects.toThrow(/BigTIFF/);
      // A big-endian file with one page whose IFD lies past the end.
      await fs.writeFile(file, Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0x10, 0]));
      await expect(readTiff(file)).rejects.toThrow(/uden for filen/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
