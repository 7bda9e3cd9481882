// The end-to-end suite: real browsers, one at a time. `npm run test:e2e` (part of `npm test`).
// The global setup builds dist/e2e-chrome and dist/e2e-firefox first (SIEVE_E2E_SKIP_BUILD=1 skips that).
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(import.meta.dirname, '..', '..'),
  test: {
    globals: true,
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser at a time: two headless browsers plus their renderers would fight over CPU, and the egress
    // recorder attributes attempts by time window.
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
