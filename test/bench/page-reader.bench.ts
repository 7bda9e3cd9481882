// Page reader benchmark: read and mark a 10 000-row activity table (jsdom). Prints the reading time, the
// marking time, their total (the bound is ≤ 500 ms in Chromium) and the longest single chunk of work
// (the bound is 50 ms). Classification runs in the worker in the extension; it is timed apart here.
// jsdom is much slower than a browser at DOM work (its style and selector engines are written in JS, and
// shadow roots cannot adopt a shared stylesheet there, so each chip's styles go inline): read these figures as
// an upper bound; the e2e suite can add a Chromium figure.
import { JSDOM } from 'jsdom';
import { readPage } from '../../src/adapters/generic/read-page';
import { adapterForUrl } from '../../src/adapters/registry';
import { classifyCampaign } from '../../src/classifier';
import { createPageMarks, rowVerdictOf } from '../../src/content/marks';
import { getBundledIndex } from '../../src/ranges';
import { largeActivityTable } from '../content/large-table';

const ROUNDS = 3;

export async function run(): Promise<void> {
  const table = largeActivityTable(10_000);
  const results: Array<{ read: number; mark: number; longestRead: number; longestMark: number; classify: number }> = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const dom = new JSDOM(table.html, { url: table.url });
    const doc = dom.window.document;
    // A real macrotask between chunks, as on a page (setTimeout(0) in Node).
    const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    let started = performance.now();
    const reading = await readPage(doc, adapterForUrl(table.url), { yieldToPage });
    const read = performance.now() - started;
    started = performance.now();
    const report = classifyCampaign(reading.campaign, { ranges: getBundledIndex() });
    const classify = performance.now() - started;
    const marks = createPageMarks(doc, { visible: true });
    const rows = reading.rows.map((row) => ({
      element: row.element,
      verdict: rowVerdictOf(row.eventIndexes.map((index) => report.verdicts[index]!))!,
    }));
    started = performance.now();
    const marked = await marks.applyChunked(rows, { yieldToPage });
    const mark = performance.now() - started;
    results.push({ read, mark, longestRead: reading.longestChunkMs, longestMark: marked.longestChunkMs, classify });
    if (reading.rows.length !== 10_000 || doc.querySelectorAll('[data-sieve-label]').length !== 10_000) {
      throw new Error('the benchmark page was not read and marked in full');
    }
  }
  const fmt = (value: number) => `${value.toFixed(0)} ms`;
  console.log('10 000-row table, jsdom, 3 rounds (first round includes JIT warm-up)');
  results.forEach((result, round) => {
    console.log(
      `  round ${round + 1}: read ${fmt(result.read)} + mark ${fmt(result.mark)} = ${fmt(result.read + result.mark)} total; ` +
        `longest chunk read ${fmt(result.longestRead)}, mark ${fmt(result.longestMark)}; (worker-side classify ${fmt(result.classify)})`,
    );
  });
  const best = results.reduce((a, b) => (a.read + a.mark <= b.read + b.mark ? a : b));
  console.log(`  best total: ${fmt(best.read + best.mark)}; longest single chunk over all rounds: ${fmt(Math.max(...results.flatMap((r) => [r.longestRead, r.longestMark])))}`);
}
