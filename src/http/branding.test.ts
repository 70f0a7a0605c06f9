import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRAST_PAIRS, contrastRatio, PALETTE, paletteProblems, SHADES } from './branding.ts';

describe('the brand palette', () => {
  it('computes WCAG contrast as the specification does', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  });

  it.each(PALETTE.map((p) => [p.id, p] as const))('%s gives white text 4.5:1 and focus rings 3:1', (_id, colour) => {
    expect(paletteProblems(colour)).toEqual([]);
    // The checks themselves: every pair named, with the thresholds of WCAG 1.4.3 and 1.4.11.
    expect(CONTRAST_PAIRS.some((p) => p.fg === 'white' && p.bg === 700 && p.min === 4.5)).toBe(true);
    expect(CONTRAST_PAIRS.some((p) => p.fg === 600 && p.bg === 'white' && p.min === 3)).toBe(true);
    expect(contrastRatio('#ffffff', colour.shades[700])).toBeGreaterThanOrEqual(4.5);
  });

  it('refuses a colour that would break contrast', () => {
    const pale = { ...PALETTE[0]!, id: 'pale', shades: { ...PALETTE[0]!.shades, 700: '#7db6dc' } };
    expect(paletteProblems(pale).join('\n')).toMatch(/white on 700/);
  });

  it('is what app.css sets for each colour class', () => {
    const css = fs.readFileSync(new URL('../../views/styles/app.css', import.meta.url), 'utf8');
    for (const p of PALETTE) {
      const rule = new RegExp(`\\.brand-${p.id} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';
      for (const s of SHADES) expect(rule, `${p.id} ${s}`).toContain(`--color-brand-${s}: ${p.shades[s]};`);
    }
  });
});
