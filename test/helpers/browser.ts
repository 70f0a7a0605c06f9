/**
 * What every browser test (`*.browser.test.ts`) needs: Debian's Chromium through playwright-core
 * (never a downloaded browser), the app served on a random port, a signed-in page that records
 * script errors and CSP violations, and axe-core at WCAG 2.1 A and AA.
 *
 *   describe.skipIf(!haveChromium)('…', () => {
 *     beforeAll(async () => { server = await serveApp(t.app.fetch); browser = await launchChromium(); }, 120_000);
 *     afterAll(async () => { await browser?.close(); await server?.close(); await t?.cleanup(); });
 *     it('…', async () => {
 *       const { context, page, problems } = await signedIn(browser, server.base, 'sagsbehandler');
 *       await checkA11y(page, 'the case page');
 *       expect(problems).toEqual([]);
 *     });
 *   });
 *
 * Without Chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1 (CI), where a missing
 * browser fails the run. CHROMIUM_PATH names another binary.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.REQUIRE_BROWSER_TESTS === '1') {
  throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium package`);
}

/** The axe-core rule tags every page is checked against. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The demo accounts' password (seeds/index.ts). */
export const DEMO_PASSWORD = 'samspil-demo';

/** Chromium without sandbox (containers), GPU or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface TestServer {
  server: ServerType;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/** Serves an app's `fetch` on 127.0.0.1 at a free port. */
export async function serveApp(fetch: (request: Request) => Response | Promise<Response>): Promise<TestServer> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Records script errors and console errors of a page in `problems` (which a test expects to stay
 * empty). Expected error statuses (422, 403, 404, 500) are logged by the browser as failed loads
 * and do not count.
 */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
}

/** A Danish browser context whose every page records its problems. */
export async function newContext(
  browser: Browser,
  opts: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ locale: 'da-DK', ...opts });
  const problems: string[] = [];
  context.on('page', (p) => watchProblems(p, problems));
  return { context, problems };
}

/** Signs in on the login page with the user name and the demo password; waits for the front page. */
export async function signIn(page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.press('#password', 'Enter');
  await page.waitForURL(`${base}/`);
}

/** A new context (see newContext) with one page, signed in as `username`. */
export async function signedIn(
  browser: Browser,
  base: string,
  username: string,
  opts: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const { context, problems } = await newContext(browser, opts);
  const page = await context.newPage();
  await signIn(page, base, username);
  return { context, page, problems };
}

/**
 * Expects no axe-core violations (WCAG 2.1 A and AA) on the page as it is now. A frame sandboxed
 * without scripts (the e-mail template preview shows the rendered mail in one) is left out: axe
 * cannot run inside it, and waiting for it hangs the check; the frame itself carries a title.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).exclude('iframe[sandbox=""]').analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
}

/** Expects the page not to scroll sideways at its current width; `message` names the page. */
export async function expectNoOverflow(page: Page, message: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, message).toBeLessThanOrEqual(0);
}

/**
 * Waits until htmx has finished with the page: no request in flight and nothing swapping or
 * settling. Content can be visible before htmx settles, and app.js moves focus (to the new
 * heading, or where the page asks) only then; a test that types or presses keys before that can
 * lose them to the focus move on a slow machine.
 */
export async function settled(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling') === null))
    .toBe(true);
}
