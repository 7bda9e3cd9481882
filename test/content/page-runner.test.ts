// @vitest-environment jsdom
// The content script's page runner on saved pages in jsdom: rows marked with the worker's verdicts, marks that
// survive a re-render, infinite scroll and pagination accumulating per campaign, SPA navigation aborting the
// run in progress, the no-table state, and chips toggled from the popup.
import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { adapterForUrl, SUPPORTED_PAGES } from '../../src/adapters/registry';
import { startPageRunner, type PageRunner, type RunResult } from '../../src/content/page-runner';
import { LABEL_ATTRIBUTE, REASONS_ATTRIBUTE } from '../../src/content/marks';
import { describeReason } from '../../src/classifier/reasons';
import { listFixturePages } from '../adapters/fixture-pages';
import { createFakeWorker, type FakeWorker } from './fake-worker';

const pages = listFixturePages();
const page = (esp: string, name: string) => pages.find((p) => p.esp === esp && p.name === name)!;

let running: PageRunner[] = [];
afterEach(() => {
  for (const runner of running) runner.stop();
  running = [];
});

interface Harness {
  dom: JSDOM;
  doc: Document;
  worker: FakeWorker;
  runner: PageRunner;
  /** Resolves with the next run that completes (not aborted) after this call. */
  nextRun(): Promise<RunResult>;
}

function start(html: string, url: string): Harness {
  const dom = new JSDOM(html, { url, pretendToBeVisual: true });
  const doc = dom.window.document;
  const worker = createFakeWorker();
  const waiting: Array<(result: RunResult) => void> = [];
  const runner = startPageRunner({
    doc,
    transport: worker,
    adapterFor: adapterForUrl,
    debounceMs: 5,
    settleMs: 0,
    onRunComplete(result) {
      // Only runs awaited with nextRun() (started by mutations after the call) are of interest.
      waiting.shift()?.(result);
    },
  });
  running.push(runner);
  return {
    dom,
    doc,
    worker,
    runner,
    nextRun: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

/** The chips in our layer (one shadow root outside the page's tables). */
const chipsIn = (doc: Document) => Array.from(doc.querySelector('[data-sieve-chip-layer]')?.shadowRoot?.querySelectorAll('[data-sieve-chip]') ?? []);

const labels = (doc: Document) =>
  Object.fromEntries(Array.from(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).map((row) => [row.id, row.getAttribute(LABEL_ATTRIBUTE)]));

describe('page runner', () => {
  it('marks every engagement row of a saved page with its label, reasons, a chip and a summary', async () => {
    const logs = page('mailgun', 'logs');
    const { doc, worker, runner } = start(logs.html, logs.expected.url);
    const result = await runner.rescan();
    expect(result.outcome).toBe('marked');
    expect(labels(doc)).toEqual(Object.fromEntries(logs.expected.rows.map((row) => [row.rowSelector!.slice(1), row.label])));
    // Skipped rows (accepted, delivered, failed) carry no mark and no chip.
    for (const id of ['l9', 'l10', 'l11', 'l12']) {
      expect(doc.getElementById(id)!.hasAttribute(LABEL_ATTRIBUTE)).toBe(false);
      expect(runner.marks.chipOf(doc.getElementById(id)!)).toBeUndefined();
    }
    const mpp = doc.getElementById("l4") as HTMLTableRowElement;
    expect(mpp.getAttribute(REASONS_ATTRIBUTE)!.split(';')).toContain('mpp-ua');
    const chip = runner.marks.chipOf(mpp)!;
    expect(chip.getAttribute('aria-label')).toBe('Scanner Sieve: Proxy');
    expect(chip.querySelector('[role="tooltip"]')!.textContent).toContain(describeReason('mpp-ua'));
    // The chip lives in our own layer, not in the table: the row keeps its cells and gains no element.
    expect(mpp.cells).toHaveLength(7);
    expect(mpp.querySelector('[data-sieve-own]')).toBeNull();
    expect(doc.querySelector('[data-sieve-chip-layer]')!.shadowRoot!.contains(chip)).toBe(true);
    const summary = doc.querySelector('[data-sieve-summary]')!.shadowRoot!;
    expect(summary.textContent).toContain('Unique clicks');
    expect(worker.sentRows).toHaveLength(1);
    expect(worker.sentRows[0]!.esp).toBe('mailgun');
    expect(worker.sentRows[0]!.rowKeys).toHaveLength(worker.sentRows[0]!.campaign.events.length);
    expect(worker.states.at(-1)!.state).toEqual({ state: 'ready' });
  });

  it('re-marks rows after the table re-renders, from the cache when the rows are the same', async () => {
    const logs = page('mailgun', 'logs');
    const { doc, worker, runner, nextRun } = start(logs.html, logs.expected.url);
    await runner.rescan();
    const before = labels(doc);
    // A framework re-render: the tbody is replaced by fresh elements with the same content.
    const tbody = doc.querySelector('tbody')!;
    const fresh = doc.createElement('tbody');
    for (const row of Array.from(tbody.rows)) {
      const copy = doc.createElement('tr');
      copy.id = row.id;
      for (const cell of Array.from(row.cells)) {
        const td = doc.createElement('td');
        td.textContent = cell.textContent;
        copy.append(td);
      }
      fresh.append(copy);
    }
    tbody.replaceWith(fresh);
    expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(0);
    const result = await nextRun();
    expect(result).toMatchObject({ outcome: 'marked', fromCache: true });
    expect(labels(doc)).toEqual(before);
    expect(worker.sentRows).toHaveLength(1);
    // Exactly one chip per marked row, on the new rows: our own chip insertions do not trigger another read.
    expect(chipsIn(doc)).toHaveLength(Object.keys(before).length);
    for (const id of Object.keys(before)) expect(runner.marks.chipOf(doc.getElementById(id)!)).toBeDefined();
  });

  it('follows infinite scroll: appended rows are read and the worker accumulates them once', async () => {
    const feed = page('sendgrid', 'feed');
    const { doc, worker, runner, nextRun } = start(feed.html, feed.expected.url);
    await runner.rescan();
    expect(Object.keys(labels(doc))).toEqual(['m1', 'm2', 'm3']);
    const body = doc.querySelector('[role="rowgroup"].body-1Lk7m')!;
    const template = doc.getElementById('m2')!;
    const more = template.cloneNode(true) as Element;
    more.id = 'm7';
    more.removeAttribute(LABEL_ATTRIBUTE);
    more.children[2]!.textContent = 'felix.wagner@alpenblick-hotels.at';
    more.children[3]!.textContent = '02/13/2025 4:02:19 PM';
    body.append(more);
    const result = await nextRun();
    expect(result).toMatchObject({ outcome: 'marked', fromCache: false, accumulatedRows: 4 });
    expect(labels(doc)).toMatchObject({ m7: 'human' });
    expect(worker.sentRows).toHaveLength(2);
    expect(worker.sentRows[1]!.campaignKey).toBe(worker.sentRows[0]!.campaignKey);
  });

  it('clears marks on SPA navigation and accumulates the pages of one campaign', async () => {
    const logs = page('mailgun', 'logs');
    const { dom, doc, worker, runner, nextRun } = start(logs.html, logs.expected.url);
    await runner.rescan();
    expect(Object.keys(labels(doc))).toHaveLength(8);
    // Page 2 of the same logs: the app pushes a URL and renders other rows.
    dom.window.history.pushState({}, '', `${logs.expected.url}&page=2`);
    const tbody = doc.querySelector('tbody')!;
    const row = doc.createElement('tr');
    row.id = 'p2-1';
    for (const text of ['', '2025-02-13 22:40:10 UTC', 'opened', 'felix.wagner@alpenblick-hotels.at', 'February roast drop', '62.46.12.9', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15']) {
      const cell = doc.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    tbody.replaceChildren(row);
    const result = await nextRun();
    expect(result).toMatchObject({ outcome: 'marked', accumulatedRows: 9 });
    expect(labels(doc)).toEqual({ 'p2-1': 'human' });
    expect(worker.sentRows.map((sent) => sent.campaignKey)).toEqual([
      'mailgun:mg.fernhill-coffee.com:tag:feb-roast-drop',
      'mailgun:mg.fernhill-coffee.com:tag:feb-roast-drop',
    ]);
  });

  it('aborts a run in progress when the URL changes, and reads the new page instead', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td>user${i}@example.org</td><td>opened</td><td>2025-02-13 18:${String(i % 60).padStart(2, '0')}:00 UTC</td></tr>`).join('');
    const html = `<table><thead><tr><th>Recipient</th><th>Event</th><th>Date</th></tr></thead><tbody>${rows}</tbody></table>`;
    const { dom, worker, runner, nextRun } = start(html, 'https://crm.northwind.example/reports/1');
    const first = runner.rescan();
    dom.window.history.pushState({}, '', '/reports/2');
    dom.window.dispatchEvent(new dom.window.PopStateEvent('popstate'));
    expect((await first).outcome).toBe('aborted');
    const second = await nextRun();
    expect(second.outcome).toBe('marked');
    expect(worker.sentRows).toHaveLength(1);
    expect(worker.sentRows[0]!.url).toBe('https://crm.northwind.example/reports/2');
  });

  it('says "no engagement table found" with the supported pages on a page without one', async () => {
    const none = page('generic', 'no-tables');
    const { doc, worker, runner } = start(none.html, none.expected.url);
    expect((await runner.rescan()).outcome).toBe('no-table');
    expect(worker.states.at(-1)!.state).toEqual({ state: 'no-table', supportedPages: SUPPORTED_PAGES });
    expect(doc.querySelectorAll('[data-sieve-chip-layer], [data-sieve-summary]')).toHaveLength(0);
    expect(worker.sentRows).toHaveLength(0);
  });

  it('says "no opens or clicks yet" for an empty report table, without sending rows', async () => {
    const empty = page('hubspot', 'empty-state');
    const { worker, runner } = start(empty.html, empty.expected.url);
    expect((await runner.rescan()).outcome).toBe('empty');
    expect(worker.sentRows).toHaveLength(0);
    expect(worker.states.at(-1)!.state).toEqual({ state: 'no-events' });
  });

  it('hides and shows the chips and summary from the popup, keeping the row attributes', async () => {
    const logs = page('mailgun', 'logs');
    const { doc, runner } = start(logs.html, logs.expected.url);
    await runner.rescan();
    runner.setMarksVisible(false);
    const hosts = Array.from(doc.querySelectorAll<HTMLElement>('[data-sieve-chip-layer], [data-sieve-summary]'));
    expect(hosts.length).toBe(2);
    expect(chipsIn(doc)).toHaveLength(8);
    expect(hosts.every((host) => host.hidden)).toBe(true);
    expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(8);
    runner.setMarksVisible(true);
    expect(hosts.every((host) => !host.hidden)).toBe(true);
  });

  it('respects showMarks=false from the settings at start', async () => {
    const logs = page('mailgun', 'logs');
    const dom = new JSDOM(logs.html, { url: logs.expected.url });
    const worker = createFakeWorker();
    worker.visible = false;
    const runner = startPageRunner({ doc: dom.window.document, transport: worker, adapterFor: adapterForUrl, debounceMs: 5 });
    running.push(runner);
    await runner.rescan();
    expect(chipsIn(dom.window.document)).toHaveLength(8);
    expect(dom.window.document.querySelector<HTMLElement>('[data-sieve-chip-layer]')!.hidden).toBe(true);
  });

  it('docks the summary as a collapsed tab that opens on click, closes with Esc, and is reached with Alt+Shift+S', async () => {
    const logs = page('mailgun', 'logs');
    const { doc, runner } = start(logs.html, logs.expected.url);
    await runner.rescan();
    const shadow = doc.querySelector('[data-sieve-summary]')!.shadowRoot!;
    const tab = shadow.querySelector<HTMLButtonElement>('.tab')!;
    const panel = shadow.querySelector<HTMLElement>('.panel')!;
    // Collapsed by default: only the slim tab is there, with the headline figure on it.
    expect(panel.hidden).toBe(true);
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(tab.textContent).toMatch(/^Sieve \d+$/);
    tab.click();
    expect(panel.hidden).toBe(false);
    expect(tab.getAttribute('aria-expanded')).toBe('true');
    expect(panel.textContent).toContain('People (scanners and privacy proxies removed)');
    panel.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(panel.hidden).toBe(true);
    // The one keyboard entry point, from anywhere on the page: the panel opens on "Walk the rows".
    doc.body.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'S', code: 'KeyS', altKey: true, shiftKey: true, bubbles: true }));
    expect(panel.hidden).toBe(false);
    const walk = shadow.activeElement as HTMLButtonElement;
    expect(walk.textContent).toContain('Walk the rows');
    // Walking: the ring lands on the first marked row and ArrowDown moves to the next, announced in words.
    walk.click();
    const layer = doc.querySelector('[data-sieve-chip-layer]')!.shadowRoot!;
    const ring = layer.querySelector<HTMLElement>('.ring')!;
    expect(ring.hidden).toBe(false);
    expect(ring.getAttribute('aria-label')).toMatch(/^Row 1 of \d+: Scanner Sieve: /);
    ring.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(ring.getAttribute('aria-label')).toMatch(/^Row 2 of /);
    expect(shadow.querySelector('[role="status"]')!.textContent).toMatch(/^Row 2 of /);
  });
});

describe('mutation filtering', () => {
  it('ignores text changes outside the tables it read (a ticking clock) but re-reads on edits inside them', async () => {
    const logs = page('mailgun', 'logs');
    const { doc, worker, runner, nextRun } = start(logs.html, logs.expected.url);
    await runner.rescan();
    const clock = doc.querySelector('.Filters_range__1Ws2m')!.firstChild as Text;
    let reruns = 0;
    const counted = nextRun().then((result) => {
      reruns += 1;
      return result;
    });
    clock.data = 'Feb 13, 2025 – Feb 15, 2025';
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reruns).toBe(0);
    // A cell's text changes in place (React updating a text node): the row is read again and re-judged.
    const ipCell = (doc.getElementById('l1') as HTMLTableRowElement).cells[5]!.firstChild as Text;
    ipCell.data = '40.94.96.12';
    const result = await counted;
    expect(result).toMatchObject({ outcome: 'marked', fromCache: false });
    expect(worker.sentRows.at(-1)!.campaign.events.find((event) => event.recipient === 'tom.becker@fernmail.de')!.ip).toBe('40.94.96.12');
  });
});

describe('messages the worker accepts', () => {
  it('sends page-rows that pass the worker-side validator, even on a very long URL', async () => {
    const { MESSAGE_RULES } = await import('../../src/shared/messages');
    const logs = page('mailgun', 'logs');
    const longUrl = `https://crm.northwind.example/reports/${'segment/'.repeat(120)}?filters=${'x'.repeat(300)}`;
    const { worker, runner } = start(page('generic', 'unusual-headers').html, longUrl);
    await runner.rescan();
    expect(worker.sentRows).toHaveLength(1);
    expect(MESSAGE_RULES['page-rows'].payload(worker.sentRows[0])).toBe(true);
    const second = start(logs.html, logs.expected.url);
    await second.runner.rescan();
    expect(MESSAGE_RULES['page-rows'].payload(second.worker.sentRows[0])).toBe(true);
    for (const { state, url } of [...worker.states, ...second.worker.states]) {
      expect(MESSAGE_RULES['page-state'].payload({ state, url })).toBe(true);
    }
  });
});
