// The CI summary line sums vitest's own tallies from `npm test` output and never reports a red run as clean.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(import.meta.dirname, 'ci-summary.mjs');

function summarize(log: string, status: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sieve-ci-')), 'npm-test.log');
  writeFileSync(path, log);
  return execFileSync(process.execPath, [script, path, String(status)], { encoding: 'utf8' }).trim();
}

describe('ci-summary', () => {
  it('adds the unit and e2e tallies, colours and skipped tests included', () => {
    const log = [
      '> vitest run',
      '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m805 passed\u001b[39m\u001b[22m\u001b[2m | \u001b[22m\u001b[33m3 skipped\u001b[39m\u001b[90m (808)\u001b[39m',
      '> vitest run --config test/e2e/vitest.e2e.config.ts',
      '      Tests  8 failed | 48 passed (56)',
    ].join('\n');
    expect(summarize(log, 1)).toBe('853 passed, 8 failed');
  });

  it('counts a step that failed before any test tally (typecheck, build, lint) as one failure', () => {
    expect(summarize("src/x.ts(3,1): error TS2304: Cannot find name 'y'.\n", 2)).toBe('0 passed, 1 failed');
    expect(summarize('      Tests  790 passed (790)\nweb-ext lint: errors 3\n', 1)).toBe('790 passed, 1 failed');
  });

  it('reports a green run as it is', () => {
    expect(summarize('      Tests  790 passed (790)\n      Tests  56 passed (56)\n', 0)).toBe('846 passed, 0 failed');
  });
});
