/**
 * Takes screenshots of the main pages at phone and desktop widths, for looking at what we built:
 *   npm run screenshots -- [base-url] [out-dir]
 * Needs a running server with demo data (npm start) and Debian's Chromium (/usr/bin/chromium).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = path.resolve(process.argv[3] ?? 'screenshots');
const user = process.env.SCREENSHOT_USER ?? 'admin';
const pages = (
  process.env.SCREENSHOT_PAGES ?? '/login,/,/admin,/admin/audit,/admin/jobs,/admin/users,/search?q=jensen,/nope'
).split(',');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
for (const width of [375, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'da-DK' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.screenshot({ path: path.join(out, `${width}-login.png`), fullPage: true });
  await page.fill('#username', user);
  await page.fill('#password', 'samspil-demo');
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  for (const p of pages.filter((x) => x !== '/login')) {
    await page.goto(base + p);
    const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    await page.screenshot({ path: path.join(out, `${width}-${name}.png`), fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
