// @vitest-environment jsdom
// A 10 000-row table is read and marked in full, in many small chunks with the page given its thread back in
// between (the timing itself is measured by test/bench/page-reader.bench.ts, never asserted here).
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { adapterForUrl } from '../../src/adapters/registry';
import { startPageRunner } from '../../src/content/page-runner';
import { LABEL_ATTRIBUTE } from '../../src/content/marks';
import { createFakeWorker } from './fake-worker';
import { largeActivityTable } from './large-table';

it('reads and marks all 10 000 rows in chunks, yielding to the page between them', { timeout: 120_000 }, async () => {
  const table = largeActivityTable(10_000);
  const dom = new JSDOM(table.html, { url: table.url });
  const worker = createFakeWorker();
  let yields = 0;
  const runner = startPageRunner({
    doc: dom.window.document,
    transport: worker,
    adapterFor: adapterForUrl,
    yieldToPage: async () => {
      yields += 1;
    },
  });
  try {
    const result = await runner.rescan();
    expect(result.outcome).toBe('marked');
    if (result.outcome !== 'marked') return;
    expect(result.reading.rows).toHaveLength(10_000);
    expect(worker.sentRows[0]!.campaign.events).toHaveLength(10_000);
    expect(new Set(worker.sentRows[0]!.rowKeys).size).toBe(10_000);
    const marked = dom.window.document.querySelectorAll(`[${LABEL_ATTRIBUTE}]`);
    expect(marked).toHaveLength(10_000);
    const byLabel = new Map<string, number>();
    marked.forEach((row) => byLabel.set(row.getAttribute(LABEL_ATTRIBUTE)!, (byLabel.get(row.getAttribute(LABEL_ATTRIBUTE)!) ?? 0) + 1));
    // Every kind of reader in the generated table shows up with its label.
    expect(byLabel.get('scanner')).toBeGreaterThan(1000);
    expect(byLabel.get('proxy')).toBeGreaterThan(1000);
    expect(byLabel.get('human')).toBeGreaterThan(3000);
    // Work was split: a chunk is at most ~12 ms of work, so 10 000 rows take many chunks.
    expect(yields).toBeGreaterThan(10);
    expect(worker.states.some(({ state }) => state.state === 'reading' && state.total === 10_000)).toBe(true);
  } finally {
    runner.stop();
  }
});
