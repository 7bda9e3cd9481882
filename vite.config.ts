import { defineConfig } from 'vitest/config';
import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Plugin } from 'vite';
import { makeManifest, type TargetBrowser } from './manifest.config.ts';

/**
 * Sites the user adds get the content script through `scripting.registerContentScripts`. crxjs's content script
 * is a loader that imports its chunks as web-accessible resources, and those are only accessible on the ESP
 * hosts listed at build time; so added sites get this self-contained copy instead (no imports, nothing made
 * web-accessible to every site, which would let any page detect the extension).
 */
export const STANDALONE_CONTENT_SCRIPT = 'content-standalone.js';

function standaloneContentScript(outDir: string, defines: Record<string, string>): Plugin {
  return {
    name: 'sieve:standalone-content-script',
    apply: 'build',
    async closeBundle() {
      await esbuild({
        entryPoints: [resolve(import.meta.dirname, 'src/content/main.ts')],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        minify: true,
        define: defines,
        outfile: resolve(outDir, STANDALONE_CONTENT_SCRIPT),
        logLevel: 'warning',
      });
    },
  };
}

// One build per browser (crxjs emits one manifest per build): `vite build --mode chrome|firefox`.
// `--mode e2e-chrome|e2e-firefox` adds the hooks the end-to-end suite needs (see test/e2e/README).
export default defineConfig(({ mode }) => {
  const e2e = mode.startsWith('e2e-');
  const browser: TargetBrowser = mode.endsWith('firefox') ? 'firefox' : 'chrome';
  const isVitest = Boolean(process.env.VITEST);
  const outDir = resolve(import.meta.dirname, 'dist', e2e ? `e2e-${browser}` : browser);
  const defines = { __SIEVE_E2E__: JSON.stringify(e2e), __SIEVE_BROWSER__: JSON.stringify(browser) };
  return {
    plugins: isVitest
      ? []
      : [crx({ manifest: makeManifest(browser), browser }), standaloneContentScript(outDir, defines)],
    define: defines,
    build: {
      outDir,
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
