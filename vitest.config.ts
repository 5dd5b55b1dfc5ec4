import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; API tests share one migrated template database per run
// (see test/helpers/global-setup.ts) and copy it per test file.
function apiProject(name: string, target: 'embedded' | 'external', include = ['test/api/**/*.test.ts']) {
  return {
    test: {
      name,
      include,
      exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
      globalSetup: ['test/helpers/global-setup.ts'],
      env: { ZT_DB_TARGET: target },
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      // CI runs the embedded server's API tests once, on Node 24 (.ci/run), to stay within its time.
      ...(process.env.ZHITONG_SKIP_EMBEDDED_API === '1' ? [] : [apiProject('api', 'embedded')]),
      {
        // The console in Debian's Chromium (test/e2e/harness.ts): one server and one browser for the
        // suite, so one file at a time; skipped without Chromium unless ZHITONG_E2E=required.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/security/**/*.e2e.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          env: { ZT_DB_TARGET: 'embedded' },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL ? [apiProject('api-external', 'external')] : []),
      // The security suite (issue 9, `npm run test:security`) and the short crash suite (`npm run test:crash`)
      // run once per `npm test`, against the external server when there is one, else the embedded one.
      apiProject('security', process.env.TEST_DATABASE_URL ? 'external' : 'embedded', ['test/security/**/*.test.ts']),
      apiProject('crash', process.env.TEST_DATABASE_URL ? 'external' : 'embedded', ['test/crash/**/*.test.ts']),
    ],
  },
});
