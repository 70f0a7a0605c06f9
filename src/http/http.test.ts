import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { makePdf } from '../../test/helpers/files.ts';
import { acceptsUpload } from './uploads.ts';

describe.each(DIALECTS)('HTTP plumbing (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.app.get('/__boom', () => {
      throw new Error('secret internal detail at /srv/samspil');
    });
    // A new form route, and a new route that takes files (see 'limits request bodies').
    t.app.post('/__new-form', async (c) => c.text(`got ${String((await c.req.parseBody()).note ?? '').length}`));
    t.app.post(
      '/__new-upload',
      acceptsUpload(3 * 1024 * 1024, (c) => c.text('too big for this upload', 413)),
      async (c) => {
        const file = (await c.req.parseBody()).file;
        return c.text(`got ${file instanceof File ? file.size : 0}`);
      },
    );
    admin = await t.signIn('admin');
  });
  afterAll(async () => t.cleanup());

  it('reports health with a database check', async () => {
    const res = await t.get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: dialect });
  });

  describe('CSRF', () => {
    it('refuses a cross-origin form post with our 403 page', async () => {
      const res = await t.app.request(`${ORIGIN}/login`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'username=admin&password=samspil-demo',
      });
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('Forespørgslen kom ikke fra Samspil');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('samspil_session='))).toBe(false);
    });

    it('refuses a cross-site post told apart by Sec-Fetch-Site alone', async () => {
      const res = await t.app.request(`${ORIGIN}/logout/everywhere`, {
        method: 'POST',
        headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: admin },
        body: '',
      });
      expect(res.status).toBe(403);
      expect((await t.get('/', { cookie: admin })).status).toBe(200);
    });

    it('accepts a same-origin post', async () => {
      const res = await t.app.request(`${ORIGIN}/locale`, {
        method: 'POST',
        headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'lang=da&return=/login',
      });
      expect(res.status).toBe(303);
    });
  });

  describe('security headers', () => {
    it('sends a strict CSP whose nonce is on every script tag', async () => {
      const res = await t.get('/login');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBe(3);
      for (const s of scripts) {
        expect(s).toContain(`nonce="${nonce}"`);
        expect(s).toMatch(/src="\/static\//);
      }
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
      const again = await t.get('/login');
      expect(again.headers.get('content-security-policy')).not.toContain(nonce);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    });

    it('never shows a stack trace: a crash gives a calm 500 page with a reference', async () => {
      const res = await t.get('/__boom', { cookie: admin });
      expect(res.status).toBe(500);
      const html = await res.text();
      expect(html).toContain('Der opstod en fejl');
      expect(html).not.toContain('secret internal detail');
      expect(html).not.toContain('/srv/samspil');
      expect(html).toContain(`Fejlreference: ${res.headers.get('x-request-id')}`);
    });

    it('answers 404, not 500, for an id beyond the integer range in any module', async () => {
      const records = await t.signIn('journal');
      for (const [path, cookie] of [
        ['/cases/99999999999', records],
        ['/cases/1/documents/99999999999', records],
        ['/news/99999999999', admin],
        ['/pages/99999999999/history', admin],
        ['/meetings/99999999999', admin],
        ['/public/meetings/99999999999', ''],
        ['/rooms/99999999999', admin],
      ] as const) {
        const res = await t.get(path, cookie ? { cookie } : {});
        expect(res.status, path).toBe(404);
      }
    });

    it('limits request bodies', async () => {
      const res = await t.app.request(`${ORIGIN}/login`, {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `username=${'a'.repeat(2 * 1024 * 1024)}`,
      });
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('for stort');
    });

    it('gives every route the small form limit unless it declares an upload, a new one too', async () => {
      // A route that no list names, added after the app was built (in beforeAll): the form limit holds.
      const big = { note: 'a'.repeat(2 * 1024 * 1024) };
      const refused = await t.post('/__new-form', big, { cookie: admin });
      expect(refused.status).toBe(413);
      expect(await refused.text()).toContain('for stort');
      const small = await t.post('/__new-form', { note: 'kort' }, { cookie: admin });
      expect(await small.text()).toBe('got 4');
      // A form route next to upload routes (a news comment, a room thread, a case note) and an
      // address no route has: the form limit.
      for (const path of ['/news/1/comments', '/rooms/1/threads', '/cases/1/notes', '/__nowhere', '/me/files/1']) {
        const res = await t.post(path, big, { cookie: admin });
        expect(res.status, path).toBe(413);
        expect(await res.text(), path).toContain('for stort');
      }
      // A route that declares an upload takes more than the form limit, up to its own.
      const upload = (size: number) =>
        t.upload('/__new-upload', {}, [{ field: 'file', name: 'stor.bin', content: Buffer.alloc(size, 1) }], {
          cookie: admin,
        });
      expect(await (await upload(2 * 1024 * 1024)).text()).toBe(`got ${2 * 1024 * 1024}`);
      const tooBig = await upload(4 * 1024 * 1024);
      expect(tooBig.status).toBe(413);
      expect(await tooBig.text()).toBe('too big for this upload');
    });

    it('lets the routes that take files take more than the form limit', async () => {
      const pdf = Buffer.concat([await makePdf(['Stor fil']), Buffer.alloc(2 * 1024 * 1024, 32)]);
      const res = await t.upload('/me/files', { folder: '' }, [{ field: 'files', name: 'stor.pdf', content: pdf }], {
        cookie: admin,
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/me/files');
    });
  });

  describe('full page or fragment', () => {
    it('gives htmx only the fragment, with Vary', async () => {
      const res = await t.get('/search?q=jensen', { cookie: admin, headers: { 'HX-Request': 'true' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('vary')).toMatch(/HX-Request/);
      const html = await res.text();
      expect(html).not.toContain('<html');
      expect(html).toContain('id="search-results"');
      expect(html).toContain('Jensen');
    });

    it('gives a boosted navigation and a history restore the full page', async () => {
      const variants: Array<Record<string, string>> = [
        { 'HX-Request': 'true', 'HX-Boosted': 'true' },
        { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' },
        {},
      ];
      for (const headers of variants) {
        const res = await t.get('/search?q=jensen', { cookie: admin, headers });
        const html = await res.text();
        expect(html.startsWith('<!doctype html>')).toBe(true);
        expect(res.headers.get('vary')).toMatch(/HX-Request/);
      }
    });

    it('tells htmx to go to the sign-in page when the session is gone', async () => {
      const res = await t.get('/search?q=x', { headers: { 'HX-Request': 'true' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('hx-redirect')).toBe('/login?next=%2Fsearch%3Fq%3Dx');
    });
  });

  describe('languages', () => {
    it('speaks Danish by default and English when chosen, with <html lang>', async () => {
      const da = await (await t.get('/login')).text();
      expect(da).toContain('<html lang="da"');
      expect(da).toContain('Log ind');
      const switched = await t.post('/locale', { lang: 'en', return: '/login?next=%2F' });
      expect(switched.status).toBe(303);
      expect(switched.headers.get('location')).toBe('/login?next=%2F');
      const cookie = switched.headers
        .getSetCookie()
        .find((c) => c.startsWith('samspil_lang='))!
        .split(';')[0]!;
      const en = await (await t.get('/login', { cookie })).text();
      expect(en).toContain('<html lang="en"');
      expect(en).toContain('Sign in');
    });

    it('never redirects the language switch to another site', async () => {
      for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
        const res = await t.post('/locale', { lang: 'en', return: target });
        expect(res.headers.get('location')).toBe('/');
      }
    });

    it('remembers a signed-in user’s choice on their account', async () => {
      const cookie = await t.signIn('medarbejder');
      await t.post('/locale', { lang: 'en', return: '/' }, { cookie });
      const html = await (await t.get('/', { cookie })).text();
      expect(html).toContain('<html lang="en"');
      expect(html).toContain('Hello, Sofie Kragh');
    });

    it('renders 404 and 403 in both languages', async () => {
      const medarbejder = await t.signIn('medarbejder');
      // (medarbejder chose English above; an explicit cookie wins over the account.)
      const da404 = await t.get('/findes-ikke', { cookie: `${medarbejder}; samspil_lang=da` });
      expect(da404.status).toBe(404);
      expect(await da404.text()).toContain('Siden findes ikke');
      const en404 = await t.get('/findes-ikke', { cookie: `${medarbejder}; samspil_lang=en` });
      expect(await en404.text()).toContain('Page not found');
      const da403 = await t.get('/admin/users', { cookie: `${medarbejder}; samspil_lang=da` });
      expect(da403.status).toBe(403);
      expect(await da403.text()).toContain('Adgang nægtet');
      const en403 = await t.get('/admin/users', { cookie: `${medarbejder}; samspil_lang=en` });
      expect(await en403.text()).toContain('Access denied');
    });
  });

  describe('assets', () => {
    it('serves fingerprinted assets with a year-long immutable cache, compressed', async () => {
      const html = await (await t.get('/login')).text();
      const css = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(html)![1]!;
      const res = await t.get(css, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('content-type')).toMatch(/text\/css/);
      const htmx = /src="(\/static\/htmx\.[0-9a-f]+\.js)"/.exec(html)![1]!;
      expect((await t.get(htmx)).status).toBe(200);
    });

    it('compresses HTML pages', async () => {
      const res = await t.get('/', { cookie: admin, headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('content-encoding')).toBe('gzip');
    });
  });
});
