import type { Database } from '../db/index.ts';
import { getSetting, MUNICIPALITY_NAME, municipalityName } from '../db/settings.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * The municipality's look: its name, its logo and its brand colour, chosen by an administrator
 * (Administration → Indstillinger → Kommunen) and used by the page frame (views/layout).
 *
 * The colour comes from a fixed palette, never a free colour picker: every entry is a full scale
 * of the `brand` shades the views use, and each is checked (here in code, `paletteProblems()`,
 * and in a test) to give white text at least 4.5:1 on the shades text sits on, brand text 4.5:1 on
 * white and on the lightest shade, and focus rings and borders at least 3:1 (WCAG 1.4.3, 1.4.11).
 * The scale reaches the page through a class on `<html>` (`brand-<id>`) whose rule in
 * views/styles/app.css sets the `--color-brand-*` custom properties Tailwind's utilities read: no
 * inline style, so the strict CSP (style-src 'self') stays as it is. A test checks that app.css
 * holds exactly these values.
 */

export type Shade = 50 | 100 | 200 | 300 | 400 | 500 | 600 | 700 | 800 | 900;
export const SHADES: readonly Shade[] = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900];

export interface PaletteColour {
  id: string;
  label: MessageKey;
  shades: Readonly<Record<Shade, string>>;
}

const scale = (hex: string[]): Record<Shade, string> =>
  Object.fromEntries(SHADES.map((s, i) => [s, hex[i]!])) as Record<Shade, string>;

export const PALETTE: readonly PaletteColour[] = [
  {
    id: 'havblaa',
    label: 'branding.colour.havblaa',
    shades: scale([
      '#eef6fb',
      '#d5e9f5',
      '#aed3eb',
      '#7db6dc',
      '#4a93c8',
      '#2a76b0',
      '#1d5e93',
      '#184c78',
      '#163f62',
      '#142f48',
    ]),
  },
  {
    id: 'skovgroen',
    label: 'branding.colour.skovgroen',
    shades: scale([
      '#ecfdf5',
      '#d1fae5',
      '#a7f3d0',
      '#6ee7b7',
      '#34d399',
      '#10b981',
      '#047857',
      '#065f46',
      '#064e3b',
      '#022c22',
    ]),
  },
  {
    id: 'petrol',
    label: 'branding.colour.petrol',
    shades: scale([
      '#f0fdfa',
      '#ccfbf1',
      '#99f6e4',
      '#5eead4',
      '#2dd4bf',
      '#14b8a6',
      '#0f766e',
      '#115e59',
      '#134e4a',
      '#042f2e',
    ]),
  },
  {
    id: 'lilla',
    label: 'branding.colour.lilla',
    shades: scale([
      '#f5f3ff',
      '#ede9fe',
      '#ddd6fe',
      '#c4b5fd',
      '#a78bfa',
      '#8b5cf6',
      '#6d28d9',
      '#5b21b6',
      '#4c1d95',
      '#2e1065',
    ]),
  },
  {
    id: 'bordeaux',
    label: 'branding.colour.bordeaux',
    shades: scale([
      '#fff1f2',
      '#ffe4e6',
      '#fecdd3',
      '#fda4af',
      '#fb7185',
      '#f43f5e',
      '#be123c',
      '#9f1239',
      '#881337',
      '#4c0519',
    ]),
  },
  {
    id: 'rust',
    label: 'branding.colour.rust',
    shades: scale([
      '#fff7ed',
      '#ffedd5',
      '#fed7aa',
      '#fdba74',
      '#fb923c',
      '#f97316',
      '#c2410c',
      '#9a3412',
      '#7c2d12',
      '#431407',
    ]),
  },
  {
    id: 'skifer',
    label: 'branding.colour.skifer',
    shades: scale([
      '#f8fafc',
      '#f1f5f9',
      '#e2e8f0',
      '#cbd5e1',
      '#94a3b8',
      '#64748b',
      '#475569',
      '#334155',
      '#1e293b',
      '#0f172a',
    ]),
  },
];

export const DEFAULT_COLOUR = 'havblaa';
export const COLOUR_SETTING = 'municipality.colour';

export function paletteColour(id: string | null | undefined): PaletteColour {
  return PALETTE.find((p) => p.id === id) ?? PALETTE.find((p) => p.id === DEFAULT_COLOUR)!;
}

/** WCAG 2.1 relative luminance of an sRGB colour written #rrggbb. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.1 contrast ratio (1–21) between two colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const WHITE = '#ffffff';

/**
 * The pairs the views draw, with the contrast each needs: text 4.5:1 (1.4.3), focus rings and
 * borders that mark a control 3:1 (1.4.11).
 */
export const CONTRAST_PAIRS: ReadonlyArray<{ fg: Shade | 'white'; bg: Shade | 'white'; min: number; use: string }> = [
  { fg: 'white', bg: 700, min: 4.5, use: 'header and primary buttons' },
  { fg: 'white', bg: 800, min: 4.5, use: 'buttons on hover' },
  { fg: 'white', bg: 900, min: 4.5, use: 'the search button' },
  { fg: 'white', bg: 600, min: 4.5, use: 'white text on brand-600' },
  { fg: 100, bg: 700, min: 4.5, use: 'links on the header on hover' },
  { fg: 700, bg: 'white', min: 4.5, use: 'links' },
  { fg: 800, bg: 50, min: 4.5, use: 'current items on a light brand background' },
  { fg: 900, bg: 100, min: 4.5, use: 'text on brand-100 badges' },
  { fg: 600, bg: 'white', min: 3, use: 'focus rings and borders on white' },
  { fg: 600, bg: 50, min: 3, use: 'focus rings and borders on brand-50' },
  { fg: 'white', bg: 700, min: 3, use: 'the white focus ring on the header' },
];

/** What in a colour's scale fails its contrast (empty when it is fit for the palette). */
export function paletteProblems(colour: PaletteColour): string[] {
  const hex = (s: Shade | 'white') => (s === 'white' ? WHITE : colour.shades[s]);
  return CONTRAST_PAIRS.flatMap((p) => {
    const ratio = contrastRatio(hex(p.fg), hex(p.bg));
    return ratio >= p.min
      ? []
      : [`${colour.id}: ${p.fg} on ${p.bg} is ${ratio.toFixed(2)}:1, needs ${p.min}:1 (${p.use})`];
  });
}

/** The municipality's look as the page frame uses it. */
export interface Branding {
  name: string;
  /** The name was written by an administrator (not the org tree's root): page titles carry it. */
  ownName: boolean;
  colour: string;
  /** The logo's address (fingerprinted by its hash, cached a year) and size, or null for the default mark. */
  logo: { url: string; width: number; height: number } | null;
}

export const LOGO_PATH = '/static/logo/';

/** The stored logo's row, if one was uploaded. */
export async function currentLogo(database: Database) {
  return (
    (await database.db
      .selectFrom('municipality_logos')
      .select(['sha256', 'width', 'height', 'mime'])
      .orderBy('uploaded_at', 'desc')
      .executeTakeFirst()) ?? null
  );
}

const cache = new WeakMap<Database, { at: number; value: Branding }>();
/** How long an instance keeps what it read (another instance's change shows within this). */
const CACHE_MS = 15_000;

/**
 * The branding for a page: read from the database at most every few seconds per process, and at
 * once after a change made here (`forgetBranding()`).
 */
export async function loadBranding(database: Database): Promise<Branding> {
  const cached = cache.get(database);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const [own, name, colour, logo] = await Promise.all([
    getSetting(database, MUNICIPALITY_NAME),
    municipalityName(database),
    getSetting(database, COLOUR_SETTING),
    currentLogo(database),
  ]);
  const value: Branding = {
    name,
    ownName: !!own?.trim(),
    colour: paletteColour(colour).id,
    logo: logo ? { url: `${LOGO_PATH}${logo.sha256}.png`, width: logo.width, height: logo.height } : null,
  };
  cache.set(database, { at: Date.now(), value });
  return value;
}

export function forgetBranding(database: Database): void {
  cache.delete(database);
}
