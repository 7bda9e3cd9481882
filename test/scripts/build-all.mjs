#!/usr/bin/env node
// `npm run build`: the `scanner-sieve` command (dist/cli/scanner-sieve.mjs, build-cli.mjs), then one vite/crxjs
// build per browser (crxjs writes one manifest per build) and a store-ready ZIP of each:
//   dist/chrome/   + dist/scanner-sieve-chrome.zip    (MV3 service worker)
//   dist/firefox/  + dist/scanner-sieve-firefox.zip   (MV3 background.scripts, gecko id)
// Options:
//   --e2e        also build the e2e bundles dist/e2e-chrome and dist/e2e-firefox (__SIEVE_E2E__ = true; not zipped)
//   --e2e-only   build only the e2e bundles (what the e2e suite's global setup runs)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from './build-cli.mjs';
import { zipDirectory } from './zip-directory.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--e2e', '--e2e-only'].includes(arg));
if (unknown.length > 0) {
  console.error(`build-all: unknown option ${unknown.join(' ')} (known: --e2e, --e2e-only)`);
  process.exit(2);
}

const releaseModes = args.has('--e2e-only') ? [] : ['chrome', 'firefox'];
const e2eModes = args.has('--e2e') || args.has('--e2e-only') ? ['e2e-chrome', 'e2e-firefox'] : [];

// vite.config.ts leaves the crx plugin out when VITEST is set (unit tests need no manifest), and vitest sets it
// in the process that runs the e2e global setup: the builds must not inherit it, or they write no manifest.
const buildEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

/** One `vite build --mode <mode>`; resolves to its output directory once the manifest is there. */
async function build(mode) {
  const started = Date.now();
  const status = await new Promise((resolveExit) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      env: buildEnv,
    });
    child.on('error', (error) => resolveExit(error.message));
    child.on('exit', (code, signal) => resolveExit(code ?? signal));
  });
  if (status !== 0) {
    console.error(`build-all: vite build --mode ${mode} failed (exit ${status})`);
    process.exit(typeof status === 'number' ? status : 1);
  }
  const outDir = join(root, 'dist', mode);
  const manifestPath = join(outDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(`build-all: ${mode} build wrote no ${manifestPath}`);
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  console.log(`build-all: dist/${mode} (manifest v${manifest.manifest_version}, ${manifest.version}) in ${Date.now() - started} ms`);
  if (releaseModes.includes(mode)) {
    const zipPath = join(root, 'dist', `scanner-sieve-${mode}.zip`);
    rmSync(zipPath, { force: true });
    const entries = zipDirectory(outDir, zipPath);
    console.log(`build-all: dist/scanner-sieve-${mode}.zip (${entries} files)`);
  }
}

if (releaseModes.length > 0) console.log(`build-all: dist/cli/scanner-sieve.mjs in ${await buildCli()} ms`);
// The builds are independent (one output directory each) and each mostly keeps one core busy: run as many at
// once as there are cores, so `npm test` on the 2-core CI machine waits for two builds instead of four.
const queue = [...releaseModes, ...e2eModes];
const lanes = Math.max(1, Math.min(availableParallelism(), queue.length));
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let mode = queue.shift(); mode !== undefined; mode = queue.shift()) await build(mode);
  }),
);
