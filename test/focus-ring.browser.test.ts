/**
 * Focus indicators reach 3:1 against what surrounds them (WCAG 2.4.7 and 1.4.11), measured in a
 * real browser (Debian's Chromium through playwright-core): Tab through the dark header (skip
 * link, logo, search, bell, user menu, the language switch when signed out), the user menu's
 * light panel, and controls on the light page (navigation, fields, buttons, links). For each
 * focused element the computed outline colour is compared with the background it is drawn on:
 * the element's own background for an inset ring, else the nearest opaque background behind it.
 * Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { haveChromium, launchChromium, newContext, serveApp, signedIn, type TestServer } from './helpers/browser.ts';

interface Ring {
  what: string;
  inHeader: boolean;
  outline: string;
  width: number;
  ratio: number;
}

/** Runs in the page: the focused element's ring and its contrast with what lies behind it. */
function measureFocus(): Ring | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  // Any CSS colour (rgb, oklch from Tailwind's palette, …) as sRGB bytes.
  const rgba = (color: string): [number, number, number, number] => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
  };
  const opaqueBackground = (start: Element | null): [number, number, number] => {
    for (let node = start; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0.5) return [c[0], c[1], c[2]];
    }
    return [255, 255, 255];
  };
  const luminance = ([r, g, b]: [number, number, number]) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const style = getComputedStyle(el);
  const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
  const ring = rgba(style.outlineColor);
  const behind = parseFloat(style.outlineOffset) < 0 ? opaqueBackground(el) : opaqueBackground(el.parentElement);
  const [a, b] = [luminance([ring[0], ring[1], ring[2]]), luminance(behind)];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
  return {
    what,
    inHeader: !!el.closest('header') || el.classList.contains('skip-link'),
    outline: style.outlineColor,
    width,
    ratio: Math.round(ratio * 100) / 100,
  };
}

describe.skipIf(!haveChromium)('focus rings in a real browser', () => {
  let t: TestApp;
  let server: TestServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    server = await serveApp(t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  /** The focused element's ring once its colour transitions (buttons fade theirs in) are over. */
  async function settledRing(page: Page): Promise<Ring | null> {
    await page.evaluate(() => Promise.all((document.activeElement?.getAnimations() ?? []).map((a) => a.finished)));
    return page.evaluate(measureFocus);
  }

  /** Tabs from the top of the page and measures each focused element, `count` times. */
  async function tabThrough(page: Page, count: number): Promise<Ring[]> {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const rings: Ring[] = [];
    for (let i = 0; i < count; i++) {
      await page.keyboard.press('Tab');
      const ring = await settledRing(page);
      if (ring) rings.push(ring);
    }
    return rings;
  }

  function expectVisible(rings: Ring[], where: string) {
    for (const r of rings) {
      expect(r.width, `${where}: ${r.what} has no outline`).toBeGreaterThanOrEqual(2);
      expect(r.ratio, `${where}: ring ${r.outline} on ${r.what}`).toBeGreaterThanOrEqual(3);
    }
  }

  it('signed in: the header, the user menu and the page all show a ring of at least 3:1', async () => {
    const { context, page } = await signedIn(browser, base, 'medarbejder', { viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/notifications`);

    const rings = await tabThrough(page, 24);
    const header = rings.filter((r) => r.inHeader);
    // Skip link, logo, search field, search button, bell, user menu.
    expect(header.length, header.map((r) => r.what).join(', ')).toBeGreaterThanOrEqual(6);
    expectVisible(header, 'header');
    const light = rings.filter((r) => !r.inHeader);
    expect(light.length, light.map((r) => r.what).join(', ')).toBeGreaterThanOrEqual(5);
    expectVisible(light, 'page');

    // The user menu opens a light panel inside the dark header: its ring is dark again.
    await page.focus('header details summary');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inMenu = await settledRing(page);
    expect(inMenu?.what).toMatch(/^a /);
    expectVisible([inMenu!], 'user menu');
    await context.close();
  }, 90_000);

  it('signed out: the header’s language switch and the login form show a ring of at least 3:1', async () => {
    const { context } = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    const rings = await tabThrough(page, 8);
    const header = rings.filter((r) => r.inHeader);
    expect(header.map((r) => r.what).join(', ')).toMatch(/English/);
    expectVisible(header, 'header');
    const form = rings.filter((r) => !r.inHeader);
    expect(form.map((r) => r.what).join(', ')).toMatch(/input#username.*input#password.*button/);
    expectVisible(form, 'login page');
    await context.close();
  }, 90_000);
});
