import { defineConfig } from 'vite';
import { resolve } from 'node:path';
export default defineConfig({
  root: resolve(import.meta.dirname),
  resolve: { alias: { 'webextension-polyfill': resolve(import.meta.dirname, 'fake-polyfill.ts') } },
  define: { __SIEVE_E2E__: 'false', __SIEVE_BROWSER__: '"chrome"' },
  build: { outDir: '/tmp/ui-harness', emptyOutDir: true, target: 'es2022' },
  base: './',
});
