import { chromium } from 'playwright-core';
const base = 'http://localhost:3123';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function as(user: string) {
  const ctx = await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load') && errors.push(m.text().slice(0,80) + ' @ ' + page.url() + ' ' + JSON.stringify(m.location())));
  await page.goto(base + '/login');
  await page.fill('#username', user);
  await page.fill('#password', 'samspil-demo');
  await page.press('#password', 'Enter');
  await page.waitForURL(base + '/');
  return { page, errors };
}
async function tabs(page: any, n: number) {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => { const e = document.activeElement as HTMLElement; const r = e.getBoundingClientRect(); const st = getComputedStyle(e); return `${e.tagName.toLowerCase()}:${(e.textContent || (e as HTMLInputElement).value || e.getAttribute('aria-label') || '').trim().slice(0, 30)}${r.width === 0 ? ' [INVISIBLE]' : ''}${st.outlineStyle === 'none' && !e.matches(':focus-visible') ? ' [no-focus-ring]' : ''}`; }));
  }
  return seen;
}
// Politician: reader -> meeting -> item, keyboard only
{
  const { page, errors } = await as('politiker');
  await page.goto(base + '/reader');
  const t = await tabs(page, 14);
  console.log('READER TABS', t.join(' | '));
  const link = page.locator('main a[href^="/reader/meetings/"]').first();
  await link.focus(); await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
  const item = page.locator('main a[href*="/items/"]').first();
  await item.focus(); await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
  console.log('ITEM URL', page.url());
  await page.screenshot({ path: '/tmp/shots/kb-item.png' });
  console.log('ERR', errors);
}
// Secretariat: meeting editor
{
  const { page, errors } = await as('sekretariat');
  await page.goto(base + '/meetings');
  const m = page.locator('main a[href^="/meetings/"][href$="0"], main a[href^="/meetings/"]').filter({ hasNotText: 'Udvalg' }).first();
  await m.focus(); await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
  console.log('MEETING URL', page.url());
  await page.screenshot({ path: '/tmp/shots/kb-meeting.png', fullPage: true });
  console.log('ERR', errors);
}
// Employee: rooms, open a room, start a thread via keyboard
{
  const { page, errors } = await as('medarbejder');
  await page.goto(base + '/rooms');
  await page.screenshot({ path: '/tmp/shots/kb-rooms.png' });
  const r = page.locator('main a[href^="/rooms/"]').first();
  await r.focus(); await page.keyboard.press('Enter'); await page.waitForLoadState('networkidle');
  console.log('ROOM URL', page.url());
  await page.screenshot({ path: '/tmp/shots/kb-room.png', fullPage: false });
  await page.goto(base + '/me/files');
  await page.screenshot({ path: '/tmp/shots/kb-files.png' });
  await page.goto(base + '/org');
  await page.screenshot({ path: '/tmp/shots/kb-org.png' });
  console.log('ERR', errors);
}
await browser.close();
