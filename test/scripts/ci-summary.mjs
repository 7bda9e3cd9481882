#!/usr/bin/env node
// Prints the CI summary line `N passed, N failed` from the output of `npm test`: the sum of every vitest run's
// "Tests  … passed | … failed" line (unit and e2e). A step that failed without a vitest tally (typecheck,
// build, web-ext lint, or a vitest run that crashed before reporting) counts as one failure, so a red run can
// never print "0 failed".
// Usage: node test/scripts/ci-summary.mjs <log file> <exit status of npm test>
import { readFileSync } from 'node:fs';

const [logPath, statusText = '1'] = process.argv.slice(2);
if (!logPath) {
  console.error('usage: ci-summary.mjs <log file> <exit status>');
  process.exit(2);
}
// eslint-disable-next-line no-control-regex
const text = readFileSync(logPath, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
for (const line of text.split('\n')) {
  const tally = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!tally) continue;
  passed += Number(/(\d+) passed/.exec(tally[1])?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(tally[1])?.[1] ?? 0);
}
if (Number(statusText) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
