import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'seeds/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // How long expect.poll waits for a page to settle (a loaded CI machine takes seconds, not one).
    expect: { poll: { timeout: 15_000 } },
    env: { LOG_LEVEL: 'silent' },
  },
});
