// A 200 000-row activity table, read and its marks prepared by the real reader and marks code, must not overflow
// the call stack: nothing on the path may spread or recurse over all rows (`Math.max(...rows.map(…))` throws a
// RangeError past ~120 000 arguments). It runs in headless Chromium, the DOM the extension meets: jsdom needs
// minutes to build and read this many rows (measured on the team's loaded 2-core machine: 20 000 rows of three
// cells took 7 s to build and 9 s to read, and the time grows with the rows). Skipped when no Chromium binary or
// bundler is at hand (SIEVE_CHROMIUM, else /usr/bin/chromium, the binary the e2e suite uses).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, startChromiumWith } from '../content/chromium-page';

const ROWS = 200_000;
const SENT_AT = Date.UTC(2025, 1, 13, 17, 0, 0);

// Runs in the page: writes the rows as markup (the browser's parser is its fastest way to build 200 000 rows),
// reads them with readPage, gives each row the verdict of its events through rowVerdictOf (as the page runner
// does with the worker's verdicts: opens human, clicks scanner here) and marks them.
const ENTRY = `
import { readPage } from './src/page-reader/read-page';
import { genericAdapter } from './src/adapters/generic';
import { createPageMarks, rowVerdictOf } from './src/content/marks';
(window as any).__readHugeTable = async (count: number, sentAt: number) => {
  const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\\.\\d+Z$/, ' UTC');
  const rows: string[] = [];
  for (let at = 0; at < count; at += 1) {
    rows.push('<tr id="r' + at + '"><td>' + stamp(sentAt + 60_000 + at * 1000) + '</td><td>' + (at % 4 === 3 ? 'clicked' : 'opened') + '</td><td>reader' + at +
      '@example-' + (at % 97) + '.com</td><td>81.' + ((at >> 16) & 255) + '.' + ((at >> 8) & 255) + '.' + (at & 255) + '</td></tr>');
  }
  document.querySelector('tbody')!.innerHTML = rows.join('');
  rows.length = 0;
  const reading = await readPage(document, genericAdapter, {
    url: 'https://app.mailgun.com/app/sending/domains/mg.example.com/logs',
    yieldToPage: () => Promise.resolve(),
    chunkBudgetMs: 60_000,
  });
  const events = reading.campaign.events;
  const marks = createPageMarks(document, { visible: true, dockStore: { load: async () => undefined, save: () => undefined } });
  marks.apply(
    reading.rows.map((row) => ({
      element: row.element,
      verdict: rowVerdictOf(
        row.eventIndexes.map((index) => ({ type: events[index]!.type, label: events[index]!.type === 'click' ? ('scanner' as const) : ('human' as const), reasons: [] })),
      )!,
    })),
  );
  const sample = [0, 1, 3, 99_999, count - 1].map((at) => {
    const row = reading.rows[at]!;
    return { id: row.element.id, keys: row.keys.length, event: events[row.eventIndexes[0]!] };
  });
  return {
    rows: reading.rows.length,
    events: events.length,
    uniqueKeys: new Set(reading.rowKeys).size,
    sample,
    human: document.querySelectorAll('[data-sieve-label="human"]').length,
    scanner: document.querySelectorAll('[data-sieve-label="scanner"]').length,
    markedCount: marks.markedCount(),
  };
};
`;

const PAGE = `<!DOCTYPE html><html><head><title>Logs</title></head><body><main><h1>Logs</h1>
<table><thead><tr><th>Date &amp; time</th><th>Event</th><th>Recipient</th><th>IP</th></tr></thead><tbody></tbody></table>
</main></body></html>`;

interface HugeTableResult {
  rows: number;
  events: number;
  uniqueKeys: number;
  sample: Array<{ id: string; keys: number; event: { type: string; recipient?: string; ip?: string; timestamp?: number; sourceIndex: number } }>;
  human: number;
  scanner: number;
  markedCount: number;
}

async function readInChromium(): Promise<HugeTableResult> {
  const run = await startChromiumWith(ENTRY, 'huge-table-entry.ts');
  if (!run) throw new Error('no Chromium or no bundler');
  try {
    const page = await run.browser.newPage();
    await page.setContent(PAGE, { waitUntil: 'load' });
    await page.addScriptTag({ content: run.script });
    return (await page.evaluate(
      (count, sentAt) => (window as unknown as { __readHugeTable(count: number, sentAt: number): Promise<HugeTableResult> }).__readHugeTable(count, sentAt),
      ROWS,
      SENT_AT,
    )) as HugeTableResult;
  } finally {
    await run.browser.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('a 200 000-row table in headless Chromium', () => {
  it('is read row by row and every row marked, without overflowing the call stack', { timeout: 300_000 }, async () => {
    const result = await readInChromium();
    expect(result.rows).toBe(ROWS);
    expect(result.events).toBe(ROWS);
    // 64-bit row keys: no two rows share one (32-bit keys collided about 7 times in 250 000 rows).
    expect(result.uniqueKeys).toBe(ROWS);
    for (const { id, keys, event } of result.sample) {
      const at = Number(id.slice(1));
      expect(keys, id).toBe(1);
      expect(event, id).toMatchObject({
        type: at % 4 === 3 ? 'click' : 'open',
        recipient: `reader${at}@example-${at % 97}.com`,
        ip: `81.${(at >> 16) & 255}.${(at >> 8) & 255}.${at & 255}`,
        timestamp: SENT_AT + 60_000 + at * 1000,
        sourceIndex: at,
      });
    }
    expect(result.scanner).toBe(ROWS / 4);
    expect(result.human).toBe(ROWS - ROWS / 4);
    expect(result.markedCount).toBe(ROWS);
  });
});
