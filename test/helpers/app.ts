import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp, createServices, type Services } from '../../src/app.tsx';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Dialect } from '../../src/db/index.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { createLogger } from '../../src/http/logger.ts';
import type { ThrottlePolicy } from '../../src/auth/throttle.ts';
import { seedDemo } from '../../seeds/index.ts';
import { DEMO_PASSWORD } from '../../seeds/demo-org.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export const ORIGIN = 'http://localhost';

export interface TestApp {
  app: Hono<AppEnv>;
  services: Services;
  db: TestDatabase;
  config: Config;
  /** GET (or any request) with an optional session cookie. */
  get(path: string, opts?: { cookie?: string; headers?: Record<string, string> }): Promise<Response>;
  /** A same-origin form POST, as a browser sends it. */
  post(
    path: string,
    form: Record<string, string | string[]>,
    opts?: { cookie?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A same-origin multipart form post with files, as a browser sends an upload. */
  upload(
    path: string,
    fields: Record<string, string>,
    files: Array<{ field: string; name: string; type?: string; content: Buffer }>,
    opts?: { cookie?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Signs in as a demo account and returns the cookie header value. */
  signIn(username: string, password?: string): Promise<string>;
  cleanup(): Promise<void>;
}

export function formBody(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  return params.toString();
}

export function sessionCookieFrom(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('samspil_session='));
  if (!set) return null;
  const value = set.split(';')[0]!;
  return value === 'samspil_session=' ? null : value;
}

export async function createTestApp(
  dialect: Dialect,
  opts: { seed?: boolean; config?: Partial<Config>; throttle?: Partial<ThrottlePolicy> } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-data-'));
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), scryptCost: 1024, dataDir, ...opts.config };
  if (opts.seed !== false) await seedDemo(db.database, { scryptCost: config.scryptCost });
  const services = createServices(db.database, config, createLogger('silent'), {
    throttle: { slowdownBaseMs: 0, ...opts.throttle },
  });
  const app = createApp(services);

  const request = (path: string, init: RequestInit & { cookie?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.cookie) headers.Cookie = init.cookie;
    return Promise.resolve(app.request(`${ORIGIN}${path}`, { ...init, headers }));
  };
  const t: TestApp = {
    app,
    services,
    db,
    config,
    get: (path, o = {}) => request(path, { method: 'GET', cookie: o.cookie, headers: o.headers }),
    post: (path, form, o = {}) =>
      request(path, {
        method: 'POST',
        cookie: o.cookie,
        headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', ...o.headers },
        body: formBody(form),
      }),
    upload(path, fields, files, o = {}) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const f of files)
        form.append(
          f.field,
          new File([new Uint8Array(f.content)], f.name, { type: f.type ?? 'application/octet-stream' }),
        );
      return request(path, { method: 'POST', cookie: o.cookie, headers: { Origin: ORIGIN, ...o.headers }, body: form });
    },
    async signIn(username, password = DEMO_PASSWORD) {
      const res = await t.post('/login', { username, password });
      const cookie = sessionCookieFrom(res);
      if (res.status !== 303 || !cookie) throw new Error(`sign-in as ${username} failed: ${res.status}`);
      return cookie;
    },
    cleanup: async () => {
      await db.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Adds the cookies a response set (a flash, say) to a Cookie header value, as a browser would. */
export function withCookies(cookie: string, res: Response): string {
  const jar = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.split('=')[0]!, c] as const),
  );
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(';')[0]!;
    const name = pair.split('=')[0]!;
    if (pair.endsWith('=')) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}
