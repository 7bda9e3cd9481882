// The end-to-end suite: real browsers. `npm run test:e2e` (part of `npm test`).
// The global setup builds dist/e2e-chrome and dist/e2e-firefox first (SIEVE_E2E_SKIP_BUILD=1 skips that); it is
// the root config's, so it runs once, before either engine's project starts.
//
// One vitest project per engine (`--project chromium` runs one), and the two projects run side by side: each
// test file starts its own loopback fixture server and egress recorder, and each browser it launches gets its
// own profile and proxy port, so what one engine requests is never attributed to the other. Measured on the
// 2-core CI machine, one engine at a time left a core mostly idle (the suite waits on pages and workers far more
// than it computes); two files at once, never more, keeps both busy without two browsers per core.
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import { BROWSER_NAMES } from './harness/engines.ts';
import { LongestFirstSequencer } from './harness/longest-first.ts';

const root = resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root,
  test: {
    globalSetup: ['test/e2e/global-setup.ts'],
    reporters: ['default'],
    sequence: { sequencer: LongestFirstSequencer },
    projects: BROWSER_NAMES.map((browser) => ({
      test: {
        name: browser,
        root,
        globals: true,
        include: ['test/e2e/**/*.e2e.test.ts'],
        environment: 'node',
        provide: { e2eBrowsers: [browser] },
        // Two files at a time across both projects (projects of one group share this worker count).
        maxWorkers: 2,
        sequence: { concurrent: false },
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
