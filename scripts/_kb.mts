import { chromium } from 'playwright-core';
const base = 'http://localhost:3123';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ locale: 'da-DK', viewport: { width: 1024, height: 768 } });
const page = await ctx.newPage();
const errors: string[] = [];
page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load') && errors.push(m.text().slice(0, 100)));
await page.goto(base + '/login');
await page.keyboard.press('Tab'); // skip link
await page.focus('#username'); await page.keyboard.type('politiker'); await page.keyboard.press('Tab'); await page.keyboard.type('samspil-demo'); await page.keyboard.press('Enter');
await page.waitForURL(base + '/');
// Tab to the "Møder" nav link and press Enter
for (let i = 0; i < 30; i++) { await page.keyboard.press('Tab'); const t = await page.evaluate(() => document.activeElement?.textContent?.trim()); if (t === 'Møder') break; }
await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
console.log('after Møder:', page.url(), await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent?.trim().slice(0, 40)));
await page.goto(base + '/reader');
for (let i = 0; i < 30; i++) { await page.keyboard.press('Tab'); const h = await page.evaluate(() => (document.activeElement as HTMLAnchorElement)?.getAttribute?.('href') ?? ''); if (/^\/reader\/meetings\/\d+$/.test(h)) break; }
await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
console.log('meeting:', page.url());
for (let i = 0; i < 60; i++) { await page.keyboard.press('Tab'); const h = await page.evaluate(() => (document.activeElement as HTMLAnchorElement)?.getAttribute?.('href') ?? ''); if (/\/items\/\d+/.test(h)) break; }
await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
console.log('item:', page.url());
for (let i = 0; i < 80; i++) { await page.keyboard.press('Tab'); const tag = await page.evaluate(() => document.activeElement?.tagName); if (tag === 'TEXTAREA') break; }
await page.keyboard.type('Spørg til økonomien i punkt 1.');
await page.keyboard.press('Tab'); 
const btn = await page.evaluate(() => document.activeElement?.textContent?.trim());
await page.keyboard.press('Enter'); await page.waitForTimeout(800);
console.log('button was:', btn, '| status text:', await page.locator('[role=status], [aria-live]').allTextContents().then((a) => a.join(' ').trim().slice(0, 120)));
await page.screenshot({ path: '/tmp/shots/kb-note.png' });
console.log('ERR', errors);
await browser.close();
