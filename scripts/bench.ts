/**
 * npm run bench: starts the server in a child process on a fresh seeded database, then measures
 * pages with autocannon from this process (so the load generator never shares the server's event
 * loop). Prints requests/s and p50/p95/p99 latency per page, and each page's throughput as a
 * share of /healthz measured in the same run, and writes the figures as JSON to bench-results/.
 *
 * Settings (environment): BENCH_DURATION seconds per page (10), BENCH_CONNECTIONS (10),
 * BENCH_DATABASE_URL to bench on PostgreSQL (a scratch database; it is emptied), BENCH_DATA_DIR
 * to reuse a data folder (e.g. one filled by `npm run seed:scale`) instead of a fresh demo
 * database, BENCH_SEARCH the words the search page is measured with (carport), BENCH_ONLY a
 * comma-separated list of words: only the pages whose name holds one of them are measured (and
 * /healthz, the baseline), e.g. BENCH_ONLY=user for the user administration.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(import.meta.dirname, '..');
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-bench-'));

export interface Target {
  name: string;
  path: string;
  signedIn: boolean;
  /** Another account's session, when the page is not the caseworker's (the politicians' reader). */
  cookie?: string;
}

const SEARCH = process.env.BENCH_SEARCH ?? 'carport';

/** The pages measured; modules add theirs here. Paths that depend on the data are found at run time. */
async function targets(cookie: string): Promise<Target[]> {
  const mine = await fetch(`${base}/cases?view=mine`, { headers: { Cookie: cookie } }).then((r) => r.text());
  const caseId = /href="\/cases\/(\d+)"/.exec(mine)?.[1];
  const list: Target[] = [
    { name: 'healthz', path: '/healthz', signedIn: false },
    { name: 'login page', path: '/login', signedIn: false },
    { name: 'home (signed in)', path: '/', signedIn: true },
    { name: 'case list (mine)', path: '/cases?view=mine', signedIn: true },
    { name: 'case list (all)', path: '/cases?view=all', signedIn: true },
  ];
  if (caseId) list.push({ name: 'case page', path: `/cases/${caseId}`, signedIn: true });
  list.push({ name: `case search "${SEARCH}"`, path: `/cases/search?q=${encodeURIComponent(SEARCH)}`, signedIn: true });
  // The intranet: a profile, the org chart and a people search (npm run seed:scale -- --employees 6000).
  list.push(
    { name: 'profile', path: '/people/sagsbehandler', signedIn: true },
    { name: 'org chart', path: '/org', signedIn: true },
    { name: 'people search "jensen"', path: '/people?q=jensen', signedIn: true },
  );
  list.push(...(await roomTargets(cookie)));
  // Access to records: the open requests (as sagsbehandler) and the public post list.
  list.push(
    { name: 'access requests (open)', path: '/access-requests', signedIn: true },
    { name: 'public post list', path: '/postliste', signedIn: false },
  );
  // The public agenda page (not signed in): the first meeting in the public calendar.
  const meetingId = /href="\/public\/meetings\/(\d+)"/.exec(
    await fetch(`${base}/public/meetings`).then((r) => r.text()),
  )?.[1];
  if (meetingId) list.push({ name: 'public agenda page', path: `/public/meetings/${meetingId}`, signedIn: false });
  if (meetingId) list.push({ name: 'agenda page (signed in)', path: `/meetings/${meetingId}`, signedIn: true });
  // The politicians' reader: the first meeting on politiker's list, as politiker.
  const politiker = await signIn('politiker');
  const readerId = /href="\/reader\/meetings\/(\d+)"/.exec(
    await fetch(`${base}/reader`, { headers: { Cookie: politiker } }).then((r) => r.text()),
  )?.[1];
  if (readerId)
    list.push({ name: 'reader meeting page', path: `/reader/meetings/${readerId}`, signedIn: true, cookie: politiker });
  // The records manager's pages: the rules of the whole KLE plan, the archive job, disposal lists.
  const journal = await signIn('journal');
  list.push(
    { name: 'retention rules', path: '/admin/records/rules', signedIn: true, cookie: journal },
    { name: 'archive job page', path: '/admin/records/archive', signedIn: true, cookie: journal },
    { name: 'archival versions', path: '/admin/records/exports', signedIn: true, cookie: journal },
  );
  list.push(...(await userAdminTargets()));
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  return only.length ? list.filter((t, i) => i === 0 || only.some((w) => t.name.toLowerCase().includes(w))) : list;
}

/**
 * The user administration, as admin (`npm run seed:scale -- --employees 10000 --cases 0` for
 * 10,000 accounts): the plain list, a search, a combination of filters (a directorate with its
 * sub-units, a role, active, not signed in for 90 days) and a user's page (each read is logged);
 * then the other administration pages (BENCH_ONLY=admin measures all of them).
 */
async function userAdminTargets(): Promise<Target[]> {
  const admin = await signIn('admin');
  const get = (p: string) => fetch(`${base}${p}`, { headers: { Cookie: admin } }).then((r) => r.text());
  const list = await get('/admin/users');
  const unitId = [...list.matchAll(/<option value="(\d+)"/g)][1]?.[1];
  const userId = /href="\/admin\/users\/([0-9a-f-]{36})"/.exec(await get('/admin/users?q=sagsbehandler'))?.[1];
  const targets: Target[] = [
    { name: 'user admin list', path: '/admin/users', signedIn: true, cookie: admin },
    { name: 'user admin search "jensen"', path: '/admin/users?q=jensen', signedIn: true, cookie: admin },
  ];
  if (unitId)
    targets.push({
      name: 'user admin filters',
      path: `/admin/users?role=employee&unit=${unitId}&sub=1&status=active&signin=stale`,
      signedIn: true,
      cookie: admin,
    });
  if (userId)
    targets.push({ name: 'user admin user page', path: `/admin/users/${userId}`, signedIn: true, cookie: admin });
  // The rest of the administration: the organisation tree (every unit with head counts and
  // leaders), the audit log's newest page, the jobs, the settings, the import and single sign-on.
  targets.push(
    { name: 'admin organisation tree', path: '/admin/org', signedIn: true, cookie: admin },
    { name: 'admin audit log', path: '/admin/audit', signedIn: true, cookie: admin },
    { name: 'admin jobs', path: '/admin/jobs', signedIn: true, cookie: admin },
    { name: 'admin settings', path: '/admin/settings', signedIn: true, cookie: admin },
    { name: 'admin import', path: '/admin/import', signedIn: true, cookie: admin },
    { name: 'admin single sign-on', path: '/admin/sso', signedIn: true, cookie: admin },
  );
  return targets;
}

/**
 * Collaboration rooms: a room's front page and a long thread (first page and last page of
 * replies). With `npm run seed:scale -- --rooms 2000 --posts 200000` that is the scale seed's
 * open room with a thread of 200+ replies (its newest thread); on the demo data, the learning
 * agents' room and its most recently active thread.
 */
async function roomTargets(cookie: string): Promise<Target[]> {
  const get = (p: string) => fetch(`${base}${p}`, { headers: { Cookie: cookie } }).then((r) => r.text());
  const roomIn = (html: string) => /href="\/rooms\/(\d+)" class="font-semibold"/.exec(html)?.[1];
  let roomId = roomIn(await get('/rooms/search?q=erfaringsudveksling'));
  const scale = roomId !== undefined;
  roomId ??= roomIn(await get(`/rooms/search?q=${encodeURIComponent('læringsagenter')}`));
  if (!roomId) return [];
  const threadId = new RegExp(`href="/rooms/${roomId}/threads/(\\d+)"`).exec(
    await get(`/rooms/${roomId}/threads`),
  )?.[1];
  const list: Target[] = [{ name: 'room front page', path: `/rooms/${roomId}`, signedIn: true }];
  if (threadId) {
    const label = scale ? 'room thread 200+' : 'room thread';
    list.push(
      { name: `${label} (first page)`, path: `/rooms/${roomId}/threads/${threadId}`, signedIn: true },
      { name: `${label} (last page)`, path: `/rooms/${roomId}/threads/${threadId}?last=1`, signedIn: true },
    );
  }
  return list;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy');
}

async function signIn(username = 'sagsbehandler'): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `username=${username}&password=samspil-demo`,
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('samspil_session='));
  if (!cookie) throw new Error(`sign-in failed (${res.status})`);
  return cookie.split(';')[0]!;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(target: Target, cookie: string) {
  const headers: Record<string, string> = { 'Accept-Encoding': 'gzip' };
  if (target.signedIn) headers.Cookie = target.cookie ?? cookie;
  // Warm-up, not counted.
  await autocannon({ url: base + target.path, connections, duration: 2, headers });
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base + target.path, connections, duration, headers }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, time) => {
      if (status === 200) latencies.push(time);
    });
  });
  latencies.sort((a, b) => a - b);
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    name: target.name,
    path: target.path,
    requestsPerSecond: Math.round(result.requests.average),
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p95: Math.round(percentile(latencies, 95) * 100) / 100,
    p99: Math.round(percentile(latencies, 99) * 100) / 100,
    errors: non2xx,
    total: result.requests.total,
  };
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    LOG_LEVEL: 'warn',
    RUN_JOBS: 'false',
    NODE_ENV: 'production',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

try {
  await waitForHealth();
  const cookie = await signIn();
  const results = [];
  for (const target of await targets(cookie)) {
    process.stdout.write(`measuring ${target.name} (${duration}s, ${connections} connections)…\n`);
    results.push(await measure(target, cookie));
  }
  const baseline = results[0]!.requestsPerSecond;
  const rows = results.map((r) => ({
    ...r,
    ratioOfHealthz: Math.round((r.requestsPerSecond / baseline) * 1000) / 1000,
  }));
  console.log('');
  console.log('page                           req/s    p50 ms   p95 ms   p99 ms   share of /healthz   errors');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(29)} ${String(r.requestsPerSecond).padStart(7)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99
        .toFixed(2)
        .padStart(8)}   ${(r.ratioOfHealthz * 100).toFixed(1).padStart(15)} %   ${r.errors}`,
    );
  }
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    database: process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite',
    durationSeconds: duration,
    connections,
    results: rows,
  };
  const outDir = path.join(root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwritten to ${path.relative(root, file)}`);
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  if (!process.env.BENCH_DATA_DIR) setTimeout(() => fs.rmSync(dataDir, { recursive: true, force: true }), 500);
}
