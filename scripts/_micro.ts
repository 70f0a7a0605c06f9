import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/config.ts';
const config = { ...loadConfig({ DATA_DIR: process.env.DATA_DIR ?? '/work/scale-data', LOG_LEVEL: 'silent', RUN_JOBS: 'false' }) };
const { app } = await boot(config);
const login = await app.request('http://localhost/login', { method: 'POST', headers: { Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=sagsbehandler&password=samspil-demo' });
const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
const mine = await (await app.request('http://localhost/cases?view=mine', { headers: { Cookie: cookie } })).text();
const caseId = /href="\/cases\/(\d+)"/.exec(mine)![1];
async function run(path: string, n = Number(process.env.N ?? 300)) {
  for (let i = 0; i < 30; i++) await (await app.request('http://localhost' + path, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })).arrayBuffer();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await (await app.request('http://localhost' + path, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })).arrayBuffer();
  console.log(`${path.padEnd(40)} ${(((performance.now() - t0) / n) * 1000).toFixed(0)} µs/req`);
}
const which = process.argv.slice(2);
for (const p of which.length ? which : ['/healthz', '/', '/cases?view=mine', '/cases?view=all', `/cases/${caseId}`, '/cases/search?q=carport']) await run(p);
process.exit(0);
