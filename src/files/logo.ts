import { crc32 } from 'node:zlib';
import type { MessageKey } from '../i18n/index.ts';

/**
 * The municipality's logo: PNG only. An SVG can carry scripts and external references, and
 * rasterising one on the server means running an SVG renderer over what an upload says; a PNG
 * is plain pixels. The file is read chunk by chunk (signature, IHDR first, every CRC, IEND
 * last) and written anew with only the chunks that draw the image: text, EXIF and other
 * metadata are dropped, and nothing follows IEND.
 */

export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MAX_SIDE = 2000;
export const LOGO_MIN_SIDE = 16;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The chunks kept: those that decide how the pixels look. */
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs']);

export type LogoCheck =
  | { ok: true; png: Buffer; width: number; height: number }
  | { ok: false; error: MessageKey; params?: Record<string, string | number> };

export function checkLogo(bytes: Uint8Array): LogoCheck {
  const buf = Buffer.from(bytes);
  if (buf.length === 0) return { ok: false, error: 'branding.logo.error.missing' };
  if (buf.length > LOGO_MAX_BYTES)
    return { ok: false, error: 'branding.logo.error.tooLarge', params: { kb: LOGO_MAX_BYTES / 1024 } };
  if (!buf.subarray(0, 8).equals(SIGNATURE)) {
    const head = buf.subarray(0, 2048).toString('utf8').toLowerCase();
    return { ok: false, error: head.includes('<svg') ? 'branding.logo.error.svg' : 'branding.logo.error.notPng' };
  }
  const kept: Buffer[] = [SIGNATURE];
  let offset = 8;
  let width = 0;
  let height = 0;
  let first = true;
  let ended = false;
  while (offset + 12 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.subarray(offset + 4, offset + 8).toString('latin1');
    const end = offset + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > buf.length) return { ok: false, error: 'branding.logo.error.broken' };
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== crc)
      return { ok: false, error: 'branding.logo.error.broken' };
    if (first) {
      if (type !== 'IHDR' || length !== 13) return { ok: false, error: 'branding.logo.error.broken' };
      width = buf.readUInt32BE(offset + 8);
      height = buf.readUInt32BE(offset + 12);
      first = false;
    }
    if (KEEP.has(type)) kept.push(buf.subarray(offset, end));
    offset = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (first || !ended || !kept.some((c) => c.subarray(4, 8).toString('latin1') === 'IDAT'))
    return { ok: false, error: 'branding.logo.error.broken' };
  if (width < LOGO_MIN_SIDE || height < LOGO_MIN_SIDE || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE)
    return {
      ok: false,
      error: 'branding.logo.error.size',
      params: { min: LOGO_MIN_SIDE, max: LOGO_MAX_SIDE, width, height },
    };
  return { ok: true, png: Buffer.concat(kept), width, height };
}
