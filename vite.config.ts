import { defineConfig } from 'vitest/config';
import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { makeManifest, type TargetBrowser } from './manifest.config.ts';

// One build per browser (crxjs emits one manifest per build): `vite build --mode chrome|firefox`.
// `--mode e2e-chrome|e2e-firefox` adds the hooks the end-to-end suite needs (see test/e2e/README).
export default defineConfig(({ mode }) => {
  const e2e = mode.startsWith('e2e-');
  const browser: TargetBrowser = mode.endsWith('firefox') ? 'firefox' : 'chrome';
  const isVitest = Boolean(process.env.VITEST);
  return {
    plugins: isVitest ? [] : [crx({ manifest: makeManifest(browser), browser })],
    define: {
      __SIEVE_E2E__: JSON.stringify(e2e),
      __SIEVE_BROWSER__: JSON.stringify(browser),
    },
    build: {
      outDir: resolve(import.meta.dirname, 'dist', e2e ? `e2e-${browser}` : browser),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      rollupOptions: {
        input: {
          demo: resolve(import.meta.dirname, 'src/demo/index.html'),
        },
      },
    },
    test: {
      globals: true,
      include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
      exclude: ['test/e2e/**', 'node_modules/**'],
      environment: 'node',
      setupFiles: ['test/setup/unit.ts'],
      testTimeout: 30_000,
      pool: 'threads',
    },
  };
});
