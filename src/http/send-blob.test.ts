import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../files/blobs.ts';
import { inlineSafe, noneMatch, parseRange, sendBlob } from './send-blob.ts';

describe('sendBlob', () => {
  let dir: string;
  let blobs: BlobStore;
  const pdf = Buffer.from('%PDF-1.7\n' + '0123456789'.repeat(100) + '\n%%EOF\n');
  const docx = Buffer.from('PK\u0003\u0004 not really a docx, but bytes all the same');
  const shaPdf = BlobStore.hash(pdf);
  const shaDocx = BlobStore.hash(docx);
  const app = new Hono();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-blob-'));
    blobs = new BlobStore(dir);
    for (const content of [pdf, docx]) {
      const target = blobs.pathOf(BlobStore.hash(content));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    app.get('/pdf', (c) =>
      sendBlob(
        c,
        { blobs, sha256: shaPdf },
        {
          mime: 'application/pdf',
          filename: 'Høringssvar.pdf',
          inline: c.req.query('inline') === '1',
          cacheControl: 'private, no-cache',
        },
      ),
    );
    app.get('/docx', (c) =>
      sendBlob(
        c,
        { blobs, sha256: shaDocx },
        {
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          filename: 'notat.docx',
          inline: true,
          cacheControl: 'public, no-cache',
        },
      ),
    );
    app.get('/photo', (c) =>
      sendBlob(
        c,
        { blobs, sha256: shaDocx },
        { mime: 'image/png', inline: true, cacheControl: 'private, max-age=31536000, immutable' },
      ),
    );
    app.get('/missing', (c) =>
      sendBlob(
        c,
        { blobs, sha256: 'f'.repeat(64) },
        { mime: 'application/pdf', inline: true, cacheControl: 'private, no-cache' },
      ),
    );
    app.get('/made', (c) =>
      sendBlob(
        c,
        { bytes: pdf },
        {
          mime: 'application/pdf',
          filename: 'dagsorden.pdf',
          inline: c.req.query('download') !== '1',
          cacheControl: 'private, no-store',
        },
      ),
    );
    app.get('/feed', (c) =>
      sendBlob(
        c,
        { bytes: Buffer.from('BEGIN:VCALENDAR\r\n' + 'X'.repeat(4000)) },
        {
          mime: 'text/calendar; charset=utf-8',
          filename: 'moeder.ics',
          inline: true,
          cacheControl: 'private, max-age=300',
          compress: true,
        },
      ),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    app.request(url, { method, headers });

  it('sends a download with the stored type, its length, nosniff, a strong ETag, an RFC 6266 name and a sandboxing CSP', async () => {
    const res = await get('/pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('etag')).toBe(`"${shaPdf}"`);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Hoeringssvar.pdf"; filename*=UTF-8''H%C3%B8ringssvar.pdf`,
    );
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('shows an inline-safe type inline, framed only by our own pages, and a PDF without a sandbox', async () => {
    const res = await get('/pdf?inline=1');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="Hoeringssvar.pdf"/);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src 'self'; frame-ancestors 'self'",
    );
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // An image inline keeps the sandbox; without a file name the disposition is bare.
    const photo = await get('/photo');
    expect(photo.headers.get('content-disposition')).toBe('inline');
    expect(photo.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src 'self'; frame-ancestors 'self'; sandbox",
    );
    expect(photo.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  });

  it('never shows a type outside the inline-safe list inline, whatever the caller asks', async () => {
    const res = await get('/docx');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="notat.docx"');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(inlineSafe('application/pdf')).toBe(true);
    expect(inlineSafe('image/webp')).toBe(true);
    expect(inlineSafe('text/calendar; charset=utf-8')).toBe(true);
    for (const mime of [
      'text/html',
      'image/svg+xml',
      'text/plain',
      'application/octet-stream',
      'message/rfc822',
      'image/tiff',
    ])
      expect(inlineSafe(mime), mime).toBe(false);
  });

  it('answers 304 for a matching If-None-Match: the tag, a weak tag, a list, or *', async () => {
    const etag = `"${shaPdf}"`;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, `W/"other",W/${etag}`, '*']) {
      const res = await get('/pdf', { 'If-None-Match': inm });
      expect(res.status, inm).toBe(304);
      expect(res.headers.get('etag'), inm).toBe(etag);
      expect(res.headers.get('cache-control'), inm).toBe('private, no-cache');
      expect(await res.text(), inm).toBe('');
    }
    for (const inm of ['"other"', `W/"other", "${shaDocx}"`, shaPdf])
      expect((await get('/pdf', { 'If-None-Match': inm })).status, inm).toBe(200);
    expect(noneMatch(undefined, etag)).toBe(false);
    // If-None-Match wins over Range (RFC 9110 §13.2.2).
    expect((await get('/pdf', { 'If-None-Match': etag, Range: 'bytes=0-3' })).status).toBe(304);
  });

  it('sends one byte range of a stored blob as 206, and refuses an unsatisfiable one with 416', async () => {
    const first = await get('/pdf', { Range: 'bytes=0-7' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-7/${pdf.length}`);
    expect(first.headers.get('content-length')).toBe('8');
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('etag')).toBe(`"${shaPdf}"`);
    expect(Buffer.from(await first.arrayBuffer()).toString()).toBe('%PDF-1.7');

    const tail = await get('/pdf', { Range: 'bytes=-6' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${pdf.length - 6}-${pdf.length - 1}/${pdf.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe('%%EOF\n');

    const open = await get('/pdf', { Range: 'bytes=1000-' });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer())).toEqual(pdf.subarray(1000));

    // The last position is clamped to the end.
    const past = await get('/pdf', { Range: `bytes=10-${pdf.length + 500}` });
    expect(past.status).toBe(206);
    expect(past.headers.get('content-range')).toBe(`bytes 10-${pdf.length - 1}/${pdf.length}`);

    const beyond = await get('/pdf', { Range: `bytes=${pdf.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
    expect((await get('/pdf', { Range: 'bytes=-0' })).status).toBe(416);

    // Several ranges, another unit or a malformed header: the whole file.
    for (const range of ['bytes=0-1,4-5', 'items=0-1', 'bytes=5-2', 'bytes=abc', 'bytes=-']) {
      const res = await get('/pdf', { Range: range });
      expect(res.status, range).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()), range).toEqual(pdf);
    }
  });

  it('honours If-Range only for our own tag, strongly compared', async () => {
    expect((await get('/pdf', { Range: 'bytes=0-3', 'If-Range': `"${shaPdf}"` })).status).toBe(206);
    for (const ifRange of [`W/"${shaPdf}"`, '"other"', 'Tue, 01 Dec 2026 10:00:00 GMT']) {
      const res = await get('/pdf', { Range: 'bytes=0-3', 'If-Range': ifRange });
      expect(res.status, ifRange).toBe(200);
      expect(res.headers.get('content-length'), ifRange).toBe(String(pdf.length));
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('/pdf', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(res.headers.get('etag')).toBe(`"${shaPdf}"`);
    expect(await res.text()).toBe('');
    const ranged = await get('/pdf', { Range: 'bytes=0-3' }, 'HEAD');
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-length')).toBe('4');
  });

  it('answers 404 when the blob is gone', async () => {
    expect((await get('/missing')).status).toBe(404);
  });

  it('sends bytes made for the response whole, with the ETag of their hash', async () => {
    const res = await get('/made', { Range: 'bytes=0-3' });
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBeNull();
    expect(res.headers.get('etag')).toBe(`"${shaPdf}"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="dagsorden.pdf"');
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
    const download = await get('/made?download=1');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="dagsorden.pdf"');
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect((await get('/made', { 'If-None-Match': `"${shaPdf}"` })).status).toBe(304);
  });

  it('compresses text made for the response when asked and accepted, under its own tag', async () => {
    const plain = await get('/feed');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(plain.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(plain.headers.get('content-disposition')).toBe('inline; filename="moeder.ics"');
    const text = await plain.text();
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const gz = await get('/feed', { 'Accept-Encoding': 'gzip, br' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gz.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
    expect((await get('/feed', { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.get('etag')! })).status).toBe(
      304,
    );
  });

  it('parses byte ranges as RFC 9110 says', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-0', 100)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=99-', 100)).toEqual({ start: 99, end: 99 });
    expect(parseRange('bytes=-200', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1', 0)).toBeNull();
  });
});
