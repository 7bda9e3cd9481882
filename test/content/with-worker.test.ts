// @vitest-environment jsdom
// The page runner against the worker's real page-rows code (src/background/audits.ts, IndexedDB through
// fake-indexeddb): two pages of one Mailgun log accumulate into one campaign, and the verdicts that come back
// land on the right rows.
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { classifyPageRows } from '../../src/background/audits';
import { adapterForUrl } from '../../src/adapters/registry';
import { startPageRunner, type RunnerTransport } from '../../src/content/page-runner';
import { LABEL_ATTRIBUTE } from '../../src/content/marks';
import { getBundledIndex } from '../../src/ranges';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { listFixturePages } from '../adapters/fixture-pages';

it('marks a saved page with the verdicts of the real worker code and accumulates a second page', async () => {
  const logs = listFixturePages().find((page) => page.esp === 'mailgun' && page.name === 'logs')!;
  const transport: RunnerTransport = {
    sendRows: (payload) => classifyPageRows(structuredClone(payload), DEFAULT_SETTINGS, getBundledIndex()),
    sendState: async () => undefined,
    marksVisible: async () => true,
  };
  const labelsOf = (doc: Document) =>
    Object.fromEntries(Array.from(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).map((row) => [row.id, row.getAttribute(LABEL_ATTRIBUTE)]));

  const first = new JSDOM(logs.html, { url: logs.expected.url });
  const runner = startPageRunner({ doc: first.window.document, transport, adapterFor: adapterForUrl });
  const firstResult = await runner.rescan();
  runner.stop();
  expect(labelsOf(first.window.document)).toEqual(Object.fromEntries(logs.expected.rows.map((row) => [row.rowSelector!.slice(1), row.label])));
  expect(firstResult).toMatchObject({ outcome: 'marked', accumulatedRows: 8 });

  // Page 2 of the same tagged log: only its own rows are on the page, the worker counts both pages.
  const second = new JSDOM(logs.html, { url: `${logs.expected.url}&page=2` });
  const tbody = second.window.document.querySelector('tbody')!;
  for (const row of Array.from(tbody.rows)) if (row.id !== 'l1') row.remove();
  const only = tbody.rows[0]!;
  only.cells[3]!.textContent = 'felix.wagner@alpenblick-hotels.at';
  const secondRunner = startPageRunner({ doc: second.window.document, transport, adapterFor: adapterForUrl });
  const secondResult = await secondRunner.rescan();
  secondRunner.stop();
  expect(secondResult).toMatchObject({ outcome: 'marked', accumulatedRows: 9 });
  expect(labelsOf(second.window.document)).toEqual({ l1: 'human' });
});
