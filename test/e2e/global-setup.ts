// Builds the release bundles and the e2e bundles (dist/e2e-*: the release build plus the e2e hook) before
// any browser starts, so the suite always tests the current source. SIEVE_E2E_SKIP_BUILD=1 reuses what is there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '..', '..');
  if (process.env.SIEVE_E2E_SKIP_BUILD !== '1') {
    const started = Date.now();
    const result = spawnSync(process.execPath, [join(root, 'test', 'scripts', 'build-all.mjs'), '--e2e'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`e2e build failed (exit ${result.status ?? result.signal})`);
    console.log(`e2e global setup: bundles built in ${Date.now() - started} ms`);
  }
  if (process.env.SIEVE_E2E_EXTENSION_DIR) return;
  for (const dir of ['chrome', 'firefox', 'e2e-chrome', 'e2e-firefox']) {
    if (!existsSync(join(root, 'dist', dir, 'manifest.json'))) {
      throw new Error(`dist/${dir}/manifest.json is missing: run node test/scripts/build-all.mjs --e2e`);
    }
  }
}
