#!/usr/bin/env node
// Compiles the `scanner-sieve` command (src/cli/scanner-sieve.ts) into one ES module, dist/cli/scanner-sieve.mjs,
// that runs on plain Node: no TypeScript is compiled when the command runs (tsx cost ~0.9 s per run).
// `npm run build` calls it; `npm run audit` calls it with --if-stale, which rebuilds only when a source file is
// newer than the bundle (and prints nothing on stdout either way: stdout belongs to the audit's JSON).
import { build } from 'esbuild';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'scanner-sieve.mjs');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  const bundle = statSync(CLI_BUNDLE, { throwIfNoEntry: false });
  if (!bundle) return true;
  const sources = Math.max(newestSourceTime(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs);
  return sources > bundle.mtimeMs;
}

export async function buildCli() {
  const started = Date.now();
  await build({
    entryPoints: [join(root, 'src', 'cli', 'scanner-sieve.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Papaparse is CommonJS; its `require` calls need a require function inside an ES module.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __sieveCreateRequire } from 'node:module';\nconst require = __sieveCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
  chmodSync(CLI_BUNDLE, 0o755);
  return Date.now() - started;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || isStale()) {
    const ms = await buildCli();
    if (!ifStale) console.log(`build-cli: dist/cli/scanner-sieve.mjs in ${ms} ms`);
  }
}
