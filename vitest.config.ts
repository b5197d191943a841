// Tests run against real PostgreSQL and a real Temporal server, both started once per run by
// the global setup. The forks pool, because Temporal's native core misbehaves under threads.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,activities,domain,infra,workflows,web}/**/*.test.ts', '*.test.ts'],
    // The screenshot script (npm run screenshots) is not a test: it is left out of test runs, not skipped in them.
    exclude: [...configDefaults.exclude, ...(process.env.SCREENSHOTS === '1' ? [] : ['web/e2e/screenshots.test.ts'])],
    globalSetup: ['infra/testing/global-setup.ts'],
    setupFiles: ['infra/testing/quiet-temporal.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
