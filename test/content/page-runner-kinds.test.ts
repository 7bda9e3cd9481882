// @vitest-environment node
// The page runner on the kinds of page that broke it: a report that has no events yet or no table (a bounded
// wait, then a plain answer), two campaigns viewed one after the other on the same path (two reports, never
// one), and a table that re-renders every 50 ms (still read and marked while it keeps re-rendering).
import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { adapterForUrl } from '../../src/adapters/registry';
import { startPageRunner, type PageRunner, type RunResult } from '../../src/content/page-runner';
import { LABEL_ATTRIBUTE } from '../../src/content/marks';
import { createFakeWorker } from './fake-worker';

let running: PageRunner[] = [];
afterEach(() => {
  for (const runner of running) runner.stop();
  running = [];
});

const MAX_WAIT_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(test: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const ROWS = {
  A: [
    ['ann@firm.example', 'Opened', '2025-02-13 17:05:10 UTC', '81.2.69.160'],
    ['bob@firm.example', 'Clicked', '2025-02-13 17:06:00 UTC', '81.2.69.161'],
    ['cy@firm.example', 'Opened', '2025-02-13 18:00:00 UTC', '81.2.69.162'],
  ],
  B: [
    ['dee@shop.example', 'Opened', '2025-03-01 09:00:00 UTC', '94.254.1.77'],
    ['eli@shop.example', 'Opened', '2025-03-01 09:10:00 UTC', '94.254.1.78'],
  ],
};

function tableHtml(rows: string[][]): string {
  return `<table id="report"><thead><tr><th>Email</th><th>Event</th><th>Date</th><th>IP address</th></tr></thead><tbody>${rows
    .map((cells, at) => `<tr id="r${at}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function start(body: string, url: string, settleMs = 0, timing = { debounceMs: 20, maxWaitMs: 150 }) {
  const dom = new JSDOM(`<!doctype html><html><body>${body}</body></html>`, { url, pretendToBeVisual: true });
  const worker = createFakeWorker();
  const results: RunResult[] = [];
  const runner = startPageRunner({
    doc: dom.window.document,
    transport: worker,
    adapterFor: adapterForUrl,
    ...timing,
    settleMs,
    yieldToPage: () => new Promise((resolve) => setTimeout(resolve, 0)),
    onRunComplete: (result) => results.push(result),
  });
  running.push(runner);
  return { dom, doc: dom.window.document, worker, runner, results };
}

describe('bounded wait', () => {
  it('says "no engagement table" only after the wait, and reads a table that appears within it', async () => {
    const { doc, worker, runner } = start('<h1>Dashboard</h1><p>Loading…</p>', 'https://mail.example/app/dashboard', 300);
    expect((await runner.rescan()).outcome).toBe('no-table');
    expect(worker.states).toEqual([]);
    await until(() => worker.states.length > 0, 'the no-table state');
    expect(worker.states.at(-1)!.state.state).toBe('no-table');

    const late = start('<h1>Spring sale</h1><div id="slot"></div>', 'https://mail.example/campaigns/4411/activity', 400);
    expect((await late.runner.rescan()).outcome).toBe('no-table');
    late.doc.getElementById('slot')!.innerHTML = tableHtml(ROWS.A);
    await until(() => late.worker.sentRows.length > 0, 'the late table to be read');
    expect(late.worker.states.some(({ state }) => state.state === 'no-table')).toBe(false);
    void doc;
  });

  it('says "no opens or clicks yet" for a report table without events after the wait', async () => {
    const { worker, runner } = start(
      `<h1>Spring sale</h1><table><thead><tr><th>Email</th><th>Event</th><th>Date</th></tr></thead><tbody><tr><td colspan="3">No activity yet</td></tr></tbody></table>`,
      'https://mail.example/campaigns/4411/activity',
      200,
    );
    expect((await runner.rescan()).outcome).toBe('empty');
    await until(() => worker.states.length > 0, 'the no-events state');
    expect(worker.states.at(-1)!.state).toEqual({ state: 'no-events' });
    expect(worker.states.at(-1)!.identity?.label).toBe('Spring sale');
    expect(worker.sentRows).toHaveLength(0);
  });
});

describe('one campaign at a time', () => {
  it('starts a fresh report when the campaign id in the query changes on the same path', async () => {
    const { dom, doc, worker, runner } = start(`<h1>Campaign A</h1><div id="slot">${tableHtml(ROWS.A)}</div>`, 'https://mail.example/reports/activity?campaign=A1');
    await runner.rescan();
    dom.window.history.pushState({}, '', '/reports/activity?campaign=B2');
    doc.querySelector('h1')!.textContent = 'Campaign B';
    doc.getElementById('slot')!.innerHTML = tableHtml(ROWS.B);
    await until(() => worker.sentRows.length >= 2, 'campaign B to be sent');
    const [a, b] = worker.sentRows;
    expect(a!.campaignKey).not.toBe(b!.campaignKey);
    expect(a!.identity).toEqual({ key: a!.campaignKey, label: 'Campaign A', how: "campaign id A1 in the address" });
    expect(b!.identity!.how).toBe('campaign id B2 in the address');
    expect(b!.campaign.events.map((event) => event.recipient)).toEqual(['dee@shop.example', 'eli@shop.example']);
    expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(2);
  });

  it('starts a fresh report when only a tag filter chip changes (same address)', async () => {
    const chip = (tag: string) => `<div class="filters"><span class="filter-chip" role="button">Tag: ${tag} ×</span></div>`;
    const { doc, worker, runner } = start(`<div id="chips">${chip('spring')}</div><div id="slot">${tableHtml(ROWS.A)}</div>`, 'https://mail.example/app/logs');
    await runner.rescan();
    doc.getElementById('chips')!.innerHTML = chip('summer');
    doc.getElementById('slot')!.innerHTML = tableHtml(ROWS.B);
    await until(() => worker.sentRows.length >= 2 && worker.sentRows.at(-1)!.campaign.events.length === 2, 'the summer report');
    const keys = new Set(worker.sentRows.map((sent) => sent.campaignKey));
    expect(keys.size).toBe(2);
    expect(worker.sentRows.at(-1)!.identity).toMatchObject({ label: 'summer', how: "tag filter 'summer' on the page" });
  });

  it('keeps one report across pages and tabs of the same campaign (?page=2, #clicks)', async () => {
    const { dom, doc, worker, runner } = start(`<div id="slot">${tableHtml(ROWS.A)}</div>`, 'https://mail.example/reports/activity?campaign=A1&page=1');
    await runner.rescan();
    dom.window.history.pushState({}, '', '/reports/activity?campaign=A1&page=2#clicks');
    doc.getElementById('slot')!.innerHTML = tableHtml(ROWS.B);
    await until(() => worker.sentRows.length >= 2, 'page 2');
    expect(worker.sentRows[1]!.campaignKey).toBe(worker.sentRows[0]!.campaignKey);
  });
});

describe('fast re-rendering tables', () => {
  it('reads and marks a table that re-renders every 50 ms, while it keeps re-rendering', async () => {
    // The page never goes quiet for the 250 ms debounce: only the max wait gets it read.
    const { dom, doc, worker, results } = start(`<h1>Live</h1><div id="slot">${tableHtml(ROWS.A)}</div>`, 'https://mail.example/campaigns/9/live', 0, {
      debounceMs: 250,
      maxWaitMs: MAX_WAIT_MS,
    });
    const slot = doc.getElementById('slot')!;
    let renders = 0;
    const markedWhileRendering: number[] = [];
    // Marks are seen the moment they are set (a mutation record), not by polling: on a loaded machine a poll can
    // fall between a marking and the next re-render, which is not what this test is about.
    const watcher = new dom.window.MutationObserver(() => {
      const marked = doc.querySelectorAll(`#slot [${LABEL_ATTRIBUTE}]`).length;
      if (marked === ROWS.A.length) markedWhileRendering.push(renders);
    });
    watcher.observe(slot, { subtree: true, attributes: true, attributeFilter: [LABEL_ATTRIBUTE] });
    const timer = setInterval(() => {
      renders += 1;
      // A fresh table each time (React keyed by render): the old rows and their marks are gone.
      slot.innerHTML = tableHtml(ROWS.A);
    }, 50);
    try {
      await sleep(3000);
    } finally {
      clearInterval(timer);
      watcher.disconnect();
    }
    expect(renders).toBeGreaterThan(20);
    // Marked several times during the re-rendering, not once at the end after it stopped.
    // (Two is the floor on a loaded test machine; without the max wait there are none.)
    expect(new Set(markedWhileRendering).size).toBeGreaterThanOrEqual(2);
    expect(results.filter((result) => result.outcome === 'marked').length).toBeGreaterThanOrEqual(2);
    // The same rows re-rendered are the same rows: one campaign, three rows, however often they were sent.
    expect(new Set(worker.sentRows.map((sent) => sent.campaignKey)).size).toBeLessThanOrEqual(1);
  });
});
