import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieFrom, type TestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { loadConfig } from '../config.ts';
import { hashSessionId } from './adapter.ts';
import { AuthService } from './service.ts';
import { DEFAULT_THROTTLE, LoginThrottle } from './throttle.ts';

describe.each(DIALECTS)('sign-in and sessions (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.cleanup());

  it('sends a signed-out visitor to the sign-in page and back afterwards', async () => {
    const res = await t.get('/admin/audit?actor=x');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Faudit%3Factor%3Dx');
    const login = await t.post('/login', { username: 'admin', password: 'samspil-demo', next: '/admin/audit?actor=x' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/audit?actor=x');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure only behind HTTPS', async () => {
    const plain = await t.post('/login', { username: 'sagsbehandler', password: 'samspil-demo' });
    const cookie = plain.headers.getSetCookie().find((c) => c.startsWith('samspil_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const https = await t.app.request('https://samspil.example/login', {
      method: 'POST',
      headers: { Origin: 'https://samspil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=sagsbehandler&password=samspil-demo',
    });
    const secure = https.headers.getSetCookie().find((c) => c.startsWith('samspil_session='))!;
    expect(secure).toMatch(/Secure/);
  });

  it('stores only a hash of the session id', async () => {
    const cookie = await t.signIn('journal');
    const id = cookie.split('=')[1]!;
    const raw = await t.db.database.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst();
    expect(raw).toBeUndefined();
    const hashed = await t.db.database.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', hashSessionId(id))
      .executeTakeFirst();
    expect(hashed).toBeDefined();
  });

  it('answers a wrong password and an unknown user with the same message, and keeps the user name', async () => {
    const wrong = await t.post('/login', { username: 'medarbejder', password: 'forkert-kode' });
    const unknown = await t.post('/login', { username: 'findes.ikke', password: 'forkert-kode' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain('Brugernavn eller adgangskode er forkert.');
    expect(b).toContain('Brugernavn eller adgangskode er forkert.');
    expect(a).toContain('value="medarbejder"');
    expect(sessionCookieFrom(wrong)).toBeNull();
  });

  it('re-renders with field errors when fields are empty', async () => {
    const res = await t.post('/login', { username: '  ', password: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Skriv dit brugernavn');
    expect(html).toContain('Skriv din adgangskode');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/aria-describedby="username-error"/);
  });

  it('locks a name at an address after repeated failures, even with the right password, and says so', async () => {
    for (let i = 0; i < 9; i++) {
      const res = await t.post('/login', { username: 'politiker', password: `wrong-${i}` });
      expect(res.status).toBe(422);
    }
    const tenth = await t.post('/login', { username: 'politiker', password: 'wrong-10' });
    expect(tenth.status).toBe(429);
    expect(await tenth.text()).toContain('For mange mislykkede forsøg');
    const right = await t.post('/login', { username: 'politiker', password: 'samspil-demo' });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('900');
    expect(sessionCookieFrom(right)).toBeNull();
    // Unknown names lock the same way, so the lock reveals nothing about who exists.
    for (let i = 0; i < 10; i++) await t.post('/login', { username: 'ingen.saadan', password: 'x' });
    expect((await t.post('/login', { username: 'ingen.saadan', password: 'x' })).status).toBe(429);
  });

  it('locks a name only at the address it failed from; from elsewhere the name is only slowed', async () => {
    const local = await createTestApp(dialect, { config: { trustProxy: true } });
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': ip } });
    const A = '198.51.100.7';
    const B = '198.51.100.8';
    try {
      for (let i = 0; i < 9; i++)
        expect((await local.post('/login', { username: 'politiker', password: `wrong-${i}` }, from(A))).status).toBe(
          422,
        );
      expect((await local.post('/login', { username: 'politiker', password: 'wrong-9' }, from(A))).status).toBe(429);
      expect((await local.post('/login', { username: 'politiker', password: 'samspil-demo' }, from(A))).status).toBe(
        429,
      );
      // The colleague at another address is not locked out: a wrong password is an ordinary failure…
      expect((await local.post('/login', { username: 'politiker', password: 'typo' }, from(B))).status).toBe(422);
      // …and the right one signs in.
      const right = await local.post('/login', { username: 'politiker', password: 'samspil-demo' }, from(B));
      expect(right.status).toBe(303);
      expect(sessionCookieFrom(right)).not.toBeNull();
      // Still locked at A after that success.
      expect((await local.post('/login', { username: 'politiker', password: 'samspil-demo' }, from(A))).status).toBe(
        429,
      );

      // The name alone is slowed, across addresses: with the real slowdown, a failure from yet
      // another address waits (11 failures of this name so far), but is not refused.
      const slowed = new AuthService(
        local.db.database,
        local.services.lucia,
        new LoginThrottle(local.db.database, DEFAULT_THROTTLE),
        local.config.scryptCost,
      );
      const elsewhere = await slowed.signIn({
        username: 'politiker',
        password: 'wrong',
        ip: '198.51.100.9',
        userAgent: null,
      });
      expect(elsewhere).toMatchObject({ ok: false, reason: 'invalid' });
      expect(elsewhere.ok === false && elsewhere.reason === 'invalid' && elsewhere.delayMs).toBe(5000);
      // A fresh name at a fresh address is not slowed.
      const fresh = await slowed.signIn({
        username: 'medarbejder',
        password: 'wrong',
        ip: '198.51.100.9',
        userAgent: null,
      });
      expect(fresh.ok === false && fresh.reason === 'invalid' && fresh.delayMs).toBe(0);

      // Unknown names behave the same: locked at the address, not elsewhere.
      for (let i = 0; i < 10; i++) await local.post('/login', { username: 'ingen.saadan', password: 'x' }, from(A));
      expect((await local.post('/login', { username: 'ingen.saadan', password: 'x' }, from(A))).status).toBe(429);
      expect((await local.post('/login', { username: 'ingen.saadan', password: 'x' }, from(B))).status).toBe(422);
    } finally {
      await local.cleanup();
    }
  });

  it('refuses an address after many failures across accounts', async () => {
    const ip = { 'X-Forwarded-For': '203.0.113.9' };
    const local = await createTestApp(dialect, { config: { trustProxy: true }, throttle: { maxFailuresPerIp: 5 } });
    try {
      for (let i = 0; i < 5; i++) await local.post('/login', { username: `user${i}`, password: 'x' }, { headers: ip });
      const res = await local.post('/login', { username: 'admin', password: 'samspil-demo' }, { headers: ip });
      expect(res.status).toBe(429);
      const other = await local.post(
        '/login',
        { username: 'admin', password: 'samspil-demo' },
        { headers: { 'X-Forwarded-For': '203.0.113.10' } },
      );
      expect(other.status).toBe(303);
    } finally {
      await local.cleanup();
    }
  });

  it('signs out this session, and everywhere', async () => {
    const a = await t.signIn('sekretariat');
    const b = await t.signIn('sekretariat');
    expect((await t.get('/', { cookie: a })).status).toBe(200);
    const out = await t.post('/logout', {}, { cookie: a });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect((await t.get('/', { cookie: a })).status).toBe(303);
    expect((await t.get('/', { cookie: b })).status).toBe(200);

    const c = await t.signIn('sekretariat');
    await t.post('/logout/everywhere', {}, { cookie: c });
    expect((await t.get('/', { cookie: b })).status).toBe(303);
    expect((await t.get('/', { cookie: c })).status).toBe(303);
  });

  it('slides the expiry forward when a session is used past half its life', async () => {
    const cookie = await t.signIn('admin');
    const id = hashSessionId(cookie.split('=')[1]!);
    const soon = new Date(Date.now() + 60 * 60_000).toISOString();
    await t.db.database.db.updateTable('sessions').set({ expires_at: soon }).where('id', '=', id).execute();
    const res = await t.get('/', { cookie });
    expect(res.status).toBe(200);
    expect(sessionCookieFrom(res)).toBe(cookie);
    const row = await t.db.database.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
  });

  it('rejects an expired session and clears its cookie', async () => {
    const cookie = await t.signIn('admin');
    const id = hashSessionId(cookie.split('=')[1]!);
    await t.db.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    const res = await t.get('/', { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('samspil_session=;'))).toBe(true);
  });

  it('ends a session at its absolute lifetime, however active it was', async () => {
    expect(t.config.sessionAbsoluteHours).toBe(24);
    const cookie = await t.signIn('admin');
    const id = hashSessionId(cookie.split('=')[1]!);
    // Signed in 23 h ago and used all along (its sliding expiry is hours ahead): still valid.
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    await t.db.database.db
      .updateTable('sessions')
      .set({ created_at: hoursAgo(23) })
      .where('id', '=', id)
      .execute();
    expect((await t.get('/', { cookie })).status).toBe(200);
    // 24 h after sign-in it is over, although its idle expiry is still ahead.
    await t.db.database.db
      .updateTable('sessions')
      .set({ created_at: hoursAgo(24.01) })
      .where('id', '=', id)
      .execute();
    const row = await t.db.database.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now() + 3600_000);
    const res = await t.get('/', { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2F');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('samspil_session=;'))).toBe(true);
    expect(
      await t.db.database.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    expect((await t.get('/', { cookie })).status).toBe(303);
  });

  it('lets the clean-up job remove sessions past their absolute lifetime', async () => {
    const cookie = await t.signIn('journal');
    const id = hashSessionId(cookie.split('=')[1]!);
    await t.db.database.db
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect(await t.services.adapter.deleteExpired()).toBeGreaterThanOrEqual(1);
    expect(
      await t.db.database.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('rotates the session on sign-in: the one the browser had stops working', async () => {
    const before = await t.signIn('medarbejder');
    expect((await t.get('/', { cookie: before })).status).toBe(200);
    // The same browser signs in again (as someone else, on a shared machine).
    const res = await t.post('/login', { username: 'sekretariat', password: 'samspil-demo' }, { cookie: before });
    expect(res.status).toBe(303);
    const after = sessionCookieFrom(res)!;
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect((await t.get('/', { cookie: before })).status).toBe(303);
    expect((await t.get('/', { cookie: after })).status).toBe(200);
    const oldId = hashSessionId(before.split('=')[1]!);
    expect(
      await t.db.database.db.selectFrom('sessions').select('id').where('id', '=', oldId).executeTakeFirst(),
    ).toBeUndefined();
    // A failed attempt leaves the current session alone.
    const failed = await t.post('/login', { username: 'sekretariat', password: 'forkert' }, { cookie: after });
    expect(failed.status).toBe(422);
    expect((await t.get('/', { cookie: after })).status).toBe(200);
  });

  it('reads SESSION_ABSOLUTE_HOURS, 24 by default and at least 1', () => {
    expect(loadConfig({}).sessionAbsoluteHours).toBe(24);
    expect(loadConfig({ SESSION_ABSOLUTE_HOURS: '8' }).sessionAbsoluteHours).toBe(8);
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: '0' })).toThrow(/SESSION_ABSOLUTE_HOURS/);
  });

  it('writes every attempt to the audit log', async () => {
    const rows = await t.db.database.db.selectFrom('audit_log').select(['action', 'actor_name']).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['session.create', 'session.failed', 'session.refused', 'session.delete', 'session.delete_all']) {
      expect(actions).toContain(a);
    }
  });
});
