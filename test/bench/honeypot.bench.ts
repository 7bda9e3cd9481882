// Honeypot pattern matching, worst cases (issue 12 point 5: `a{0,999}a{0,999}a{0,999}b` on a 2048-character URL
// in under a millisecond). Each adversarial pattern runs through the same compile path the classifier uses, on a
// URL cut to the matcher's 2048-character limit. Prints figures; asserts nothing about wall time.
import { compileHoneypots } from '../../src/classifier/signals/honeypot';

const URL_LIMIT = 2048;

const CASES: Array<{ pattern: string; url: string }> = [
  { pattern: '/a{0,999}a{0,999}a{0,999}b/', url: `https://x.example/${'a'.repeat(URL_LIMIT)}` },
  { pattern: '/.*a.*b.*c.*d/', url: `https://x.example/${'ab'.repeat(URL_LIMIT / 2)}` },
  { pattern: '/[a-z]{1,100}[a-z0-9]{1,100}[a-z_]{1,100}x$/i', url: `https://x.example/${'q'.repeat(URL_LIMIT)}` },
  { pattern: '/(?:hp|trap|honey|pot)-\\d{1,6}(?:&|$)/', url: `https://x.example/?${'hp-1'.repeat(URL_LIMIT / 4)}` },
];

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

const median = (values: number[]): number => percentile(values, 0.5);

export function run(): void {
  let worst = 0;
  for (const { pattern, url } of CASES) {
    const { matchers, refused } = compileHoneypots([pattern]);
    if (refused.length > 0 || matchers.length !== 1) throw new Error(`${pattern} was refused: ${refused[0]?.problem}`);
    const match = matchers[0]!;
    for (let warm = 0; warm < 20; warm++) match(url);
    const runs: number[] = [];
    for (let round = 0; round < 200; round++) {
      const start = performance.now();
      match(url);
      runs.push(performance.now() - start);
    }
    // The 95th percentile, not the maximum: on a shared machine the maximum is a GC pause or a descheduling.
    const p95 = percentile(runs, 0.95);
    worst = Math.max(worst, median(runs));
    console.log(`${pattern.padEnd(48)} median ${median(runs).toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  (${Math.min(url.length, URL_LIMIT)} chars)`);
  }
  console.log(`worst-case honeypot match on a ${URL_LIMIT}-char URL (slowest pattern, median): ${worst.toFixed(3)} ms  (goal < 1 ms)`);
}
