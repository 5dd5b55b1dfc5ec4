import { defineConfig } from 'vitest/config';

// Benchmarks that need the API tests' migrated template database (test/helpers/global-setup.ts), run on
// demand only: `npm run bench:wechat`. Never part of `npm test`, and they assert nothing about time.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { ZT_DB_TARGET: 'external' },
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
