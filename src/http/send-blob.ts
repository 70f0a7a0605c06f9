import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { BlobStore } from '../files/blobs.ts';
import { contentDisposition } from '../files/types.ts';
import { notFound } from './errors.tsx';

/**
 * The one way to answer with a file: case documents and renditions, room files, personal files,
 * meeting attachments and PDFs, profile photos, news images, the iCalendar feeds.
 *
 * - `Content-Type` is the stored type (decided from the content at upload, never the browser's
 *   word), with `X-Content-Type-Options: nosniff` and `Content-Length`.
 * - A strong `ETag` from the content hash (a blob's SHA-256, or the SHA-256 of the bytes);
 *   `If-None-Match` (one tag, a list, weak tags compared weakly as RFC 9110 says, or `*`) → 304.
 * - `Content-Disposition` (RFC 6266, through `contentDisposition()`): `inline` only when the
 *   caller asks for it and the type is in INLINE_SAFE, otherwise `attachment`.
 * - A CSP that allows nothing: `default-src 'none'`, plus `sandbox` for everything but an inline
 *   PDF (browsers' PDF viewers do not open in a sandbox). What is shown inline may be framed by
 *   our own pages (`frame-ancestors 'self'`, `X-Frame-Options: SAMEORIGIN`) and nobody else's.
 * - `Cache-Control` as the caller says: personal data private (`private, no-cache` to
 *   revalidate, `private, no-store` for something made per request), public attachments public.
 * - `Range` (RFC 9110 §14): one byte range of a stored blob → 206 with `Content-Range`
 *   (`If-Range` honoured with a strong comparison), an unsatisfiable one → 416, several ranges
 *   or a malformed header → the whole file (a server may ignore Range). Blobs announce
 *   `Accept-Ranges: bytes`. Bytes made for this response (a rendered PDF, a feed) are always sent
 *   whole: a range request would make them again, and they need not come out the same.
 * - HEAD answers with the headers and opens no file.
 */

/** Types a browser shows in its own viewer without running anything in them; everything else is a download. */
export const INLINE_SAFE: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  // A calendar feed opens in the user's calendar program (or shows as text); nothing in it runs.
  'text/calendar',
]);

/** Whether a file of this type may be shown in the browser (parameters such as charset ignored). */
export function inlineSafe(mime: string): boolean {
  return INLINE_SAFE.has(mime.split(';')[0]!.trim().toLowerCase());
}

export type BlobSource =
  /** A stored blob, by its hash (which is its ETag). */
  | { blobs: BlobStore; sha256: string }
  /** Bytes made for this response. */
  | { bytes: Uint8Array };

export interface SendBlobOptions {
  /** The stored type, sent as Content-Type. */
  mime: string;
  /** The file name for Content-Disposition; without one, a bare `inline` or `attachment`. */
  filename?: string;
  /** The caller would show it in the browser (`?inline=1`, or not `?download=1`); only INLINE_SAFE types are. */
  inline: boolean;
  /** Cache-Control, as the caller decides. */
  cacheControl: string;
  /** gzip the bytes when the client accepts it and they are worth it (text made for this response). */
  compress?: boolean;
}

const MIN_COMPRESS_SIZE = 1024;

export function sendBlob(c: Context, source: BlobSource, opts: SendBlobOptions): Response {
  let size: number;
  let sha256: string;
  let path: string | null = null;
  let bytes: Uint8Array | null = null;
  if ('blobs' in source) {
    path = source.blobs.pathOf(source.sha256);
    const stat = fs.statSync(path, { throwIfNoEntry: false });
    if (!stat) throw notFound();
    size = stat.size;
    sha256 = source.sha256;
  } else {
    bytes = source.bytes;
    size = bytes.byteLength;
    sha256 = createHash('sha256').update(bytes).digest('hex');
  }

  let etag = `"${sha256}"`;
  if (bytes && opts.compress) {
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '') && size >= MIN_COMPRESS_SIZE) {
      bytes = gzipSync(bytes, { level: 1 });
      size = bytes.byteLength;
      // Another representation, so another tag.
      etag = `"${sha256}-gzip"`;
      c.header('Content-Encoding', 'gzip');
    }
  }

  const inline = opts.inline && inlineSafe(opts.mime);
  const pdf = opts.mime.split(';')[0]!.trim().toLowerCase() === 'application/pdf';
  c.header('Content-Type', opts.mime);
  c.header(
    'Content-Disposition',
    opts.filename ? contentDisposition(opts.filename, inline) : inline ? 'inline' : 'attachment',
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', opts.cacheControl);
  c.header('ETag', etag);
  if (inline) {
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; img-src 'self'; frame-ancestors 'self'${pdf ? '' : '; sandbox'}`,
    );
    c.header('X-Frame-Options', 'SAMEORIGIN');
  } else {
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
  }
  if (noneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);

  const ranged = path !== null;
  if (ranged) c.header('Accept-Ranges', 'bytes');
  const range = ranged && ifRangeHolds(c.req.header('If-Range'), etag) ? parseRange(c.req.header('Range'), size) : null;
  if (range === 'unsatisfiable') {
    c.header('Content-Range', `bytes */${size}`);
    c.header('Content-Length', '0');
    return c.body(null, 416);
  }
  const status = range ? 206 : 200;
  if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  c.header('Content-Length', String(range ? range.end - range.start + 1 : size));
  if (c.req.method === 'HEAD') return c.body(null, status);
  if (bytes)
    return c.body((range ? bytes.subarray(range.start, range.end + 1) : bytes) as Uint8Array<ArrayBuffer>, status);
  if (size === 0) return c.body(null, status);
  const stream = fs.createReadStream(path!, range ?? {});
  return c.body(Readable.toWeb(stream) as ReadableStream, status);
}

/** If-None-Match (RFC 9110 §13.1.2): `*`, or any listed tag equal to ours by weak comparison. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const ours = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === ours);
}

/** If-Range (RFC 9110 §13.1.5): the range applies without it, or when it is our tag, strongly compared (a date never matches: we send no Last-Modified). */
function ifRangeHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return header.trim() === etag;
}

/**
 * One byte range of a representation of `size` bytes (RFC 9110 §14.1.2): `bytes=first-last`,
 * `bytes=first-` or `bytes=-suffix`, the last position clamped to the end. Null when there is no
 * Range, it is not bytes, it is malformed or it asks for several ranges (the whole file is sent
 * then); 'unsatisfiable' when it starts past the end or asks for no bytes.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  // Zero bytes have no range to give; the (empty) whole is the answer.
  if (size === 0) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  // A last position before the first makes the header invalid (ignored), not unsatisfiable.
  if (last < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}
