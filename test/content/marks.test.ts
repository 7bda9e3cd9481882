// @vitest-environment jsdom
// The marks contract (conventions §2) on its own: attributes on the row element, one chip per row inside a
// shadow root in the first cell with the reasons in plain words, updates in place, clean removal — including
// rows a framework cloned together with our chip.
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { createPageMarks, rowVerdictOf, LABEL_ATTRIBUTE, REASONS_ATTRIBUTE } from '../../src/content/marks';
import { describeReason } from '../../src/classifier/reasons';

function table(rows: number): { doc: Document; rows: HTMLTableRowElement[] } {
  const doc = new JSDOM('<!doctype html><table><tbody></tbody></table>').window.document;
  const body = doc.querySelector('tbody')!;
  for (let at = 0; at < rows; at += 1) {
    const row = doc.createElement('tr');
    for (const text of [`person${at}@example.org`, 'opened', '2025-02-13 17:00:00 UTC']) {
      const cell = doc.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    body.append(row);
  }
  return { doc, rows: Array.from(body.rows) };
}
const chipOf = (row: HTMLTableRowElement) => row.cells[0]!.querySelector('[data-sieve-chip]')?.shadowRoot?.querySelector('.chip');

it('puts label and reasons on the row and a chip with plain-words reasons in its first cell', () => {
  const { doc, rows } = table(2);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply([
    { element: rows[0]!, verdict: { label: 'scanner', reasons: ['scanner-ip:microsoft', 'all-links'] } },
    { element: rows[1]!, verdict: { label: 'human', reasons: [] } },
  ]);
  expect(rows[0]!.getAttribute(LABEL_ATTRIBUTE)).toBe('scanner');
  expect(rows[0]!.getAttribute(REASONS_ATTRIBUTE)).toBe('scanner-ip:microsoft;all-links');
  const chip = chipOf(rows[0]!)!;
  expect(chip.textContent).toBe('Scanner');
  expect(chip.getAttribute('title')).toBe(`Scanner: ${describeReason('scanner-ip:microsoft')}\n${describeReason('all-links')}`);
  expect(chipOf(rows[1]!)!.getAttribute('title')).toBe('Human: No machine signal.');
  // The chip adds no cell and no text to the row: the table keeps its columns and the row its text.
  expect(rows[0]!.cells).toHaveLength(3);
  expect(rows[0]!.textContent).toBe('person0@example.orgopened2025-02-13 17:00:00 UTC');
});

it('updates marks in place and removes the marks of rows that are gone from the list', () => {
  const { doc, rows } = table(3);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply(rows.map((element) => ({ element, verdict: { label: 'human' as const, reasons: [] } })));
  marks.apply([{ element: rows[1]!, verdict: { label: 'proxy', reasons: ['mpp-ua'] } }]);
  expect(rows.map((row) => row.getAttribute(LABEL_ATTRIBUTE))).toEqual([null, 'proxy', null]);
  expect(rows.map((row) => row.querySelectorAll('[data-sieve-chip]').length)).toEqual([0, 1, 0]);
  expect(chipOf(rows[1]!)!.textContent).toBe('Proxy');
  expect(marks.markedCount()).toBe(1);
});

it('replaces the lifeless copy of a chip in a row the page cloned, and clears everything on navigation', () => {
  const { doc, rows } = table(1);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply([{ element: rows[0]!, verdict: { label: 'scanner', reasons: ['bot-ua'] } }]);
  // A framework re-renders by cloning: the clone keeps our attributes and a host without its shadow root.
  const clone = rows[0]!.cloneNode(true) as HTMLTableRowElement;
  rows[0]!.replaceWith(clone);
  expect(clone.querySelector('[data-sieve-chip]')!.shadowRoot).toBeNull();
  marks.apply([{ element: clone, verdict: { label: 'suspect', reasons: ['click-without-open'] } }]);
  expect(clone.querySelectorAll('[data-sieve-chip]')).toHaveLength(1);
  expect(chipOf(clone)!.textContent).toBe('Suspect');
  marks.showSummary({
    summary: {
      totalEvents: 1,
      raw: { uniqueOpens: 1, uniqueClicks: 0 },
      qualified: { uniqueOpens: 0, uniqueClicks: 0 },
      byLabel: { human: 0, scanner: 0, proxy: 0, suspect: 1 },
      byReason: {},
      byVendor: {},
      links: [],
      scannerUnsubscribes: 0,
      timing: [],
      notes: [],
    },
    pageRows: 1,
    accumulatedRows: 3,
  });
  expect(doc.querySelector('[data-sieve-summary]')!.shadowRoot!.textContent).toContain('1 on this page · 3 across pages');
  marks.clearAll();
  expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}], [${REASONS_ATTRIBUTE}], [data-sieve-chip], [data-sieve-summary]`)).toHaveLength(0);
});

it('gives a row with an open and a click the click’s label and both events’ reasons', () => {
  expect(
    rowVerdictOf([
      { type: 'open', label: 'proxy', reasons: ['mpp-ua'] },
      { type: 'click', label: 'human', reasons: ['later-human-repeat'] },
    ]),
  ).toEqual({ label: 'human', reasons: ['mpp-ua', 'later-human-repeat'] });
  expect(rowVerdictOf([])).toBeUndefined();
});
