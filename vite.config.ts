import { defineConfig } from 'vitest/config';
import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Plugin } from 'vite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { englishLocaleFile } from './src/ui/messages-en.ts';
import { makeManifest, STANDALONE_CONTENT_SCRIPT, withoutWebAccessibleResources, type TargetBrowser } from './manifest.config.ts';

/**
 * The content script as one self-contained file (no imports). crxjs's own content script is a loader that
 * imports its chunks as web-accessible resources, which lets the ESP pages detect the extension; the manifest
 * is rewritten to use this copy on the ESP hosts too, with no web-accessible resources (see
 * withoutWebAccessibleResources), and sites the user adds get it through `scripting.registerContentScripts`.
 */
export { STANDALONE_CONTENT_SCRIPT };

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
      const manifestPath = resolve(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      writeFileSync(manifestPath, JSON.stringify(withoutWebAccessibleResources(manifest), null, 2));
    },
  };
}

/**
 * `_locales/en/messages.json` written from src/ui/messages-en.ts, the one place the English strings live (the
 * manifest's `default_locale: 'en'` needs the file; translations add `_locales/<lang>/messages.json`).
 */
function englishLocale(outDir: string): Plugin {
  return {
    name: 'sieve:english-locale',
    apply: 'build',
    closeBundle() {
      mkdirSync(resolve(outDir, '_locales', 'en'), { recursive: true });
      writeFileSync(resolve(outDir, '_locales', 'en', 'messages.json'), englishLocaleFile());
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
      : [crx({ manifest: makeManifest(browser), browser }), standaloneContentScript(outDir, defines), englishLocale(outDir)],
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
      // One worker per core. vitest's default for `run` is one fewer than the cores, which on the 2-core CI
      // machine is a single worker while the main process, past the first transforms, mostly waits.
      maxWorkers: availableParallelism(),
    },
  };
});
