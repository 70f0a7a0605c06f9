import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { safeNext } from './redirect.ts';

const ORIGIN = 'http://localhost';

/** Targets that a browser would send to another site, or that are no web address at all. */
const BYPASSES = [
  '//evil.example',
  '///evil.example',
  '/\t/evil.example',
  '/%09/evil.example'.replace('%09', '\t'),
  '\t//evil.example',
  '/\r\n/evil.example',
  '/\n/evil.example',
  '\\\\evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '/.//evil.example',
  '/a/..//evil.example',
  '/./\t/evil.example',
  'https://evil.example',
  'http://evil.example/',
  'HTTPS://evil.example',
  'https:evil.example',
  'http:/\\evil.example',
  'https://localhost',
  'http://localhost:8080/',
  'http://localhost@evil.example/',
  'http://localhost:x@evil.example',
  'javascript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'mailto:a@evil.example',
  'http://[::1',
];

describe('safeNext', () => {
  it.each(BYPASSES)('refuses %j', (raw) => {
    expect(safeNext(raw, ORIGIN)).toBe('/');
  });

  it('keeps local paths with their query and fragment, rebuilt from the parsed address', () => {
    expect(safeNext('/admin/audit?actor=x', ORIGIN)).toBe('/admin/audit?actor=x');
    expect(safeNext('/cases/1#notes', ORIGIN)).toBe('/cases/1#notes');
    expect(safeNext('http://localhost/pages/2', ORIGIN)).toBe('/pages/2');
    // Userinfo with our own host is dropped, not passed on.
    expect(safeNext('http://someone@localhost/x', ORIGIN)).toBe('/x');
    // An encoded slash stays encoded: a path on our site, not a host.
    expect(safeNext('/%2F/evil.example', ORIGIN)).toBe('/%2F/evil.example');
    expect(safeNext('/%5C/evil.example', ORIGIN)).toBe('/%5C/evil.example');
    // Raw control characters are not passed through to the Location header.
    expect(safeNext('/a\u0000b', ORIGIN)).toBe('/a%00b');
  });

  it('falls back for what is not a string', () => {
    expect(safeNext(undefined, ORIGIN)).toBe('/');
    expect(safeNext(['/x'], ORIGIN, '/home')).toBe('/home');
    expect(safeNext('', ORIGIN)).toBe('/');
  });
});

describe.each(DIALECTS)('redirects from user input (%s)', (dialect) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookie = await t.signIn('medarbejder');
  });
  afterAll(async () => t.cleanup());

  const enc = encodeURIComponent;

  it('GET /login?next= never sends a signed-in user to another site', async () => {
    for (const raw of BYPASSES) {
      const res = await t.get(`/login?next=${enc(raw)}`, { cookie });
      expect(res.status, raw).toBe(303);
      expect(res.headers.get('location'), raw).toBe('/');
    }
    const ok = await t.get(`/login?next=${enc('/news?page=2')}`, { cookie });
    expect(ok.headers.get('location')).toBe('/news?page=2');
  });

  it('the sign-in form carries only a safe target, and POST /login redirects only to it', async () => {
    const form = await t.get(`/login?next=${enc('/\t/evil.example')}`);
    expect(await form.text()).toMatch(/name="next" value="\/"/);
    for (const raw of ['/\t/evil.example', '/\\evil.example', '/.//evil.example', 'https://evil.example']) {
      const res = await t.post('/login', { username: 'medarbejder', password: 'samspil-demo', next: raw });
      expect(res.status, raw).toBe(303);
      expect(res.headers.get('location'), raw).toBe('/');
    }
  });

  it('the language switch returns only to a page of ours', async () => {
    for (const raw of ['/\t/evil.example', '//evil.example', '/.//evil.example']) {
      const res = await t.post('/locale', { lang: 'en', return: raw }, { cookie });
      expect(res.status, raw).toBe(303);
      expect(res.headers.get('location'), raw).toBe('/');
    }
    const ok = await t.post('/locale', { lang: 'da', return: '/people?unit=1' }, { cookie });
    expect(ok.headers.get('location')).toBe('/people?unit=1');
  });
});
