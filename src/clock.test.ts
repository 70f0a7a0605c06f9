import { afterEach, describe, expect, it } from 'vitest';
import { clockOffsetMs, installClock } from './clock.ts';

describe('the app clock setting (SAMSPIL_CLOCK)', () => {
  const before = { ...process.env };
  // Back to whatever the suite runs with (a moved clock when SAMSPIL_CLOCK is set for the run).
  afterEach(() => void installClock({ ...before }));

  it('starts the clock at the given instant and lets it run on', async () => {
    const env: NodeJS.ProcessEnv = { SAMSPIL_CLOCK: '2028-02-29T23:30:00Z' };
    installClock(env);
    const first = Date.now();
    expect(Math.abs(first - Date.parse('2028-02-29T23:30:00Z'))).toBeLessThan(60_000);
    expect(new Date().toISOString().slice(0, 13)).toBe('2028-02-29T23');
    await new Promise((r) => setTimeout(r, 20));
    expect(Date.now()).toBeGreaterThan(first);
    // Only "now" moves: explicit instants, parsing and instanceof stay the real ones.
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date('2026-06-01T10:00:00Z').getTime()).toBe(Date.UTC(2026, 5, 1, 10));
    expect(new Date()).toBeInstanceOf(Date);
    expect(String(Date())).toContain('2028');
    // Child processes inherit the same offset.
    expect(env.SAMSPIL_CLOCK_OFFSET_MS).toBe(String(clockOffsetMs()));
    const child: NodeJS.ProcessEnv = { SAMSPIL_CLOCK_OFFSET_MS: env.SAMSPIL_CLOCK_OFFSET_MS };
    expect(installClock(child)).toBe(clockOffsetMs());
  });

  it('refuses a setting that is not an instant', () => {
    expect(() => installClock({ SAMSPIL_CLOCK: 'next tuesday' })).toThrow(/SAMSPIL_CLOCK/);
  });

  it('leaves the real clock alone without the setting', () => {
    installClock({});
    expect(clockOffsetMs()).toBe(0);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1000);
  });
});
