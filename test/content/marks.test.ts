// @vitest-environment jsdom
// The marks contract (conventions §2) on its own: attributes on the row element, one chip per row in our own
// layer (one shadow root outside the table, so the table gains no element) with the reasons in plain words,
// keyboard-focusable with an accessible name, updates in place, clean removal — including rows a framework
// cloned together with our attributes. (Placement next to the row on screen needs layout: the e2e suite and
// test/bench/page-reader.bench.ts check it in real browsers.)
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { createPageMarks, rowVerdictOf, CHIP_LAYER_ATTRIBUTE, LABEL_ATTRIBUTE, REASONS_ATTRIBUTE } from '../../src/content/marks';
import { describeReason } from '../../src/classifier/reasons';
import { emptySummary } from '../setup/summary';

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
const layerChips = (doc: Document) => Array.from(doc.querySelector(`[${CHIP_LAYER_ATTRIBUTE}]`)?.shadowRoot?.querySelectorAll('[data-sieve-chip]') ?? []);
const tipOf = (chip: Element) => (chip.getRootNode() as ShadowRoot).getElementById(chip.getAttribute('aria-describedby')!);

it('puts label and reasons on the row and a chip with plain-words reasons in one layer outside the table', () => {
  const { doc, rows } = table(2);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply([
    { element: rows[0]!, verdict: { label: 'scanner', reasons: ['scanner-ip:microsoft', 'all-links'] } },
    { element: rows[1]!, verdict: { label: 'human', reasons: [] } },
  ]);
  expect(rows[0]!.getAttribute(LABEL_ATTRIBUTE)).toBe('scanner');
  expect(rows[0]!.getAttribute(REASONS_ATTRIBUTE)).toBe('scanner-ip:microsoft;all-links');
  const chip = marks.chipOf(rows[0]!)!;
  expect(chip.textContent).toContain('Scanner');
  // Named and described by its tooltip; not a Tab stop (rows are walked from the summary, Alt+Shift+S).
  expect(chip.tabIndex).toBe(-1);
  expect(chip.getAttribute('aria-label')).toBe('Scanner Sieve: Scanner');
  expect(tipOf(chip)!.getAttribute('role')).toBe('tooltip');
  expect(tipOf(chip)!.textContent).toBe(`Scanner Sieve: Scanner\n${describeReason('scanner-ip:microsoft')}\n${describeReason('all-links')}`);
  expect(tipOf(marks.chipOf(rows[1]!)!)!.textContent).toBe('Scanner Sieve: Human\nNo machine signal.');
  // Both chips live in ONE shadow root, on a host outside <body>; the table gains no element and no text.
  expect(layerChips(doc)).toEqual([chip, marks.chipOf(rows[1]!)]);
  expect(doc.querySelectorAll(`[${CHIP_LAYER_ATTRIBUTE}]`)).toHaveLength(1);
  expect(doc.body.contains(doc.querySelector(`[${CHIP_LAYER_ATTRIBUTE}]`))).toBe(false);
  expect(rows[0]!.querySelectorAll('*')).toHaveLength(3);
  expect(rows[0]!.textContent).toBe('person0@example.orgopened2025-02-13 17:00:00 UTC');
  // Nothing of ours is built from markup: the tooltip is text, even for an odd reason code.
  marks.apply([{ element: rows[0]!, verdict: { label: 'suspect', reasons: ['<img src=x onerror=alert(1)>'] } }]);
  expect(tipOf(marks.chipOf(rows[0]!)!)!.querySelector('img')).toBeNull();
});

it('hides and shows every chip with one switch, keeping the row attributes', () => {
  const { doc, rows } = table(3);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply(rows.map((element) => ({ element, verdict: { label: 'human' as const, reasons: [] } })));
  const host = doc.querySelector<HTMLElement>(`[${CHIP_LAYER_ATTRIBUTE}]`)!;
  marks.setVisible(false);
  expect(host.hidden).toBe(true);
  expect(host.style.getPropertyValue('display')).toBe('none');
  expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(3);
  marks.setVisible(true);
  expect(host.hidden).toBe(false);
  expect(layerChips(doc)).toHaveLength(3);
});

it('updates marks in place and removes the marks of rows that are gone from the list', () => {
  const { doc, rows } = table(3);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply(rows.map((element) => ({ element, verdict: { label: 'human' as const, reasons: [] } })));
  marks.apply([{ element: rows[1]!, verdict: { label: 'proxy', reasons: ['mpp-ua'] } }]);
  expect(rows.map((row) => row.getAttribute(LABEL_ATTRIBUTE))).toEqual([null, 'proxy', null]);
  expect(rows.map((row) => marks.chipOf(row) !== undefined)).toEqual([false, true, false]);
  expect(layerChips(doc)).toHaveLength(1);
  expect(marks.chipOf(rows[1]!)!.getAttribute('aria-label')).toBe('Scanner Sieve: Proxy');
  expect(tipOf(marks.chipOf(rows[1]!)!)!.textContent).toBe(`Scanner Sieve: Proxy\n${describeReason('mpp-ua')}`);
  expect(marks.markedCount()).toBe(1);
});

it('moves the chip to the copy of a row the page cloned, and clears everything on navigation', () => {
  const { doc, rows } = table(1);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply([{ element: rows[0]!, verdict: { label: 'scanner', reasons: ['bot-ua'] } }]);
  // A framework re-renders by cloning: the clone keeps our attributes (and nothing else of ours).
  const clone = rows[0]!.cloneNode(true) as HTMLTableRowElement;
  rows[0]!.replaceWith(clone);
  expect(clone.getAttribute(LABEL_ATTRIBUTE)).toBe('scanner');
  marks.apply([{ element: clone, verdict: { label: 'suspect', reasons: ['click-without-open'] } }]);
  expect(rows[0]!.hasAttribute(LABEL_ATTRIBUTE)).toBe(false);
  expect(marks.chipOf(rows[0]!)).toBeUndefined();
  expect(layerChips(doc)).toEqual([marks.chipOf(clone)]);
  expect(marks.chipOf(clone)!.textContent).toContain('Suspect');
  marks.showSummary({
    summary: emptySummary({
      totalEvents: 1,
      raw: { uniqueOpens: 1, uniqueClicks: 0 },
      byLabel: { human: 0, scanner: 0, proxy: 0, suspect: 1 },
    }),
    pageRows: 1,
    accumulatedRows: 3,
  });
  expect(doc.querySelector('[data-sieve-summary]')!.shadowRoot!.textContent).toContain('1 on this page · 3 across pages');
  marks.clearAll();
  expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}], [${REASONS_ATTRIBUTE}], [${CHIP_LAYER_ATTRIBUTE}], [data-sieve-summary]`)).toHaveLength(0);
  expect(marks.chipOf(clone)).toBeUndefined();
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

it('keeps the label of a row judged on no evidence but shows a neutral "not judged" chip, and the ESP flag agreement', () => {
  const { doc, rows } = table(3);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply([
    { element: rows[0]!, verdict: { label: 'human', reasons: [], unjudged: true } },
    { element: rows[1]!, verdict: { label: 'scanner', reasons: ['bot-ua'], espFlag: { flag: 'bot', agrees: true } } },
    { element: rows[2]!, verdict: { label: 'human', reasons: [], espFlag: { flag: 'true', agrees: false } } },
  ]);
  expect(rows[0]!.getAttribute(LABEL_ATTRIBUTE)).toBe('human');
  expect(rows[0]!.hasAttribute('data-sieve-unjudged')).toBe(true);
  const neutral = marks.chipOf(rows[0]!)!;
  expect(neutral.textContent).toContain('Not judged');
  expect(neutral.textContent).not.toContain('Human');
  expect(neutral.getAttribute('data-kind')).toBe('unjudged');
  expect(tipOf(neutral)!.textContent).toMatch(/^Not judged: this page shows no times/);
  expect(rows.map((row) => row.getAttribute('data-sieve-esp-flag'))).toEqual([null, 'agrees', 'disagrees']);
  expect(tipOf(marks.chipOf(rows[1]!)!)!.textContent).toContain('The ESP also flags this as a machine (“bot”): we agree.');
  expect(tipOf(marks.chipOf(rows[2]!)!)!.textContent).toContain('we disagree');
  // The summary says where the evidence is.
  marks.showSummary({ summary: emptySummary({ totalEvents: 3 }), pageRows: 3, accumulatedRows: 3 });
  expect(doc.querySelector('[data-sieve-summary]')!.shadowRoot!.textContent).toContain('Open the campaign’s activity view');
  // Re-judged with evidence later: the neutral state goes.
  marks.apply([{ element: rows[0]!, verdict: { label: 'scanner', reasons: ['link-burst'] } }]);
  expect(rows[0]!.hasAttribute('data-sieve-unjudged')).toBe(false);
  expect(marks.chipOf(rows[0]!)!.textContent).toContain('Scanner');
});

it('makes a row unjudged only when every event of it was, and carries the ESP flag of the main event', () => {
  expect(
    rowVerdictOf([
      { type: 'open', label: 'human', reasons: [], unjudged: true },
      { type: 'click', label: 'scanner', reasons: ['bot-ua'], espFlag: { flag: 'bot', agrees: true } },
    ]),
  ).toEqual({ label: 'scanner', reasons: ['bot-ua'], espFlag: { flag: 'bot', agrees: true } });
  expect(rowVerdictOf([{ type: 'open', label: 'human', reasons: [], unjudged: true }])).toEqual({ label: 'human', reasons: [], unjudged: true });
});

it('puts the people numbers first in filter mode and the reported ones in log-only mode in the page summary', () => {
  const { doc, rows } = table(1);
  const marks = createPageMarks(doc, { visible: true });
  marks.apply([{ element: rows[0]!, verdict: { label: 'scanner', reasons: ['bot-ua'] } }]);
  const summary = emptySummary({
    totalEvents: 40,
    raw: { uniqueOpens: 30, uniqueClicks: 12 },
    qualified: { uniqueOpens: 9, uniqueClicks: 3 },
  });
  marks.showSummary({ summary, pageRows: 1, accumulatedRows: 1 });
  const shadow = doc.querySelector('[data-sieve-summary]')!.shadowRoot!;
  const headline = () => shadow.querySelector('.headline')!.textContent;
  const tab = () => shadow.querySelector('.tab')!.textContent;
  expect(headline()).toMatch(/^People/);
  expect(tab()).toBe('Sieve 9');
  marks.setMode('log-only');
  expect(headline()).toMatch(/^Reported numbers/);
  expect(tab()).toBe('Sieve 30');
});
