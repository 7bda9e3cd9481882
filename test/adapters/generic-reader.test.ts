// @vitest-environment jsdom
// The generic reader's edge cases, built in the DOM directly: report tables inside layout tables, expanded
// detail rows, virtualised ARIA grids that render only some columns, div lists without a header, header
// wordings and cases, and a property: no page, however odd, makes the reader throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { readPage } from '../../src/page-reader/read-page';
import { findTables } from '../../src/page-reader/find-tables';
import { textOf } from '../../src/page-reader/dom-walk';
import { isEngagementHeader } from '../../src/page-reader/columns';
import { genericAdapter } from '../../src/adapters/generic';

const immediate = () => Promise.resolve();

/** Builds a document from nested [tag, attributes, children | text] specs (no markup strings). */
type Spec = [string, Record<string, string>, Array<Spec | string> | string];
function build(spec: Spec[], url = 'https://reports.example/campaign/1'): Document {
  const doc = new JSDOM('<!doctype html><body></body>', { url }).window.document;
  const make = ([tag, attributes, children]: Spec): Element => {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (typeof children === 'string') element.textContent = children;
    else for (const child of children) element.append(typeof child === 'string' ? doc.createTextNode(child) : make(child));
    return element;
  };
  doc.body.append(...spec.map(make));
  return doc;
}
const row = (cells: string[], tag = 'td', attributes: Record<string, string> = {}): Spec => ['tr', attributes, cells.map((text) => [tag, {}, text] as Spec)];

describe('generic reader', () => {
  it('finds a report table nested in an old-style layout table, and not the layout table', async () => {
    const doc = build([
      ['table', { class: 'layout' }, [['tr', {}, [['td', {}, [['table', { id: 'report' }, [
        row(['Email', 'Action', 'Date'], 'th'),
        row(['ann@firm.example', 'Opened', '2025-02-13 17:05:00 UTC']),
        row(['bob@firm.example', 'Clicked', '2025-02-13 17:06:00 UTC']),
      ]]]], ['td', {}, 'Sidebar']]]]],
    ]);
    const reading = await readPage(doc, genericAdapter, { yieldToPage: immediate, now: Date.UTC(2025, 1, 14) });
    expect(reading.tables.map((table) => table.root.id)).toEqual(['report']);
    expect(reading.campaign.events.map((event) => [event.recipient, event.type])).toEqual([
      ['ann@firm.example', 'open'],
      ['bob@firm.example', 'click'],
    ]);
  });

  it('skips expanded detail rows that span the table', async () => {
    const doc = build([
      ['table', {}, [
        row(['Recipient', 'Event', 'Timestamp', 'IP'], 'th'),
        row(['ann@firm.example', 'opened', '2025-02-13 17:05:00 UTC', '81.2.69.160']),
        ['tr', { class: 'detail' }, [['td', { colspan: '4' }, '{"event":"opened","ip":"81.2.69.160"}']]],
        row(['bob@firm.example', 'clicked', '2025-02-13 17:06:00 UTC', '81.2.69.161']),
      ]],
    ]);
    const reading = await readPage(doc, genericAdapter, { yieldToPage: immediate });
    expect(reading.rows).toHaveLength(2);
    expect(reading.campaign.events.map((event) => event.sourceIndex)).toEqual([0, 2]);
  });

  it('places the cells of a virtualised ARIA grid by aria-colindex', async () => {
    const cell = (role: string, index: number, text: string): Spec => ['div', { role, 'aria-colindex': String(index) }, text];
    const doc = build([
      ['div', { role: 'grid' }, [
        ['div', { role: 'row' }, [cell('columnheader', 1, 'Email'), cell('columnheader', 2, 'Status'), cell('columnheader', 3, 'Time'), cell('columnheader', 4, 'IP address')]],
        // Only columns 1, 2 and 4 rendered for this row: the IP must not land in the Time column.
        ['div', { role: 'row', id: 'r1' }, [cell('gridcell', 1, 'ann@firm.example'), cell('gridcell', 2, 'Opened'), cell('gridcell', 4, '81.2.69.160')]],
      ]],
    ]);
    const reading = await readPage(doc, genericAdapter, { yieldToPage: immediate });
    expect(reading.campaign.events).toEqual([{ type: 'open', recipient: 'ann@firm.example', ip: '81.2.69.160', sourceIndex: 0 }]);
  });

  it('accepts header wordings in any case and language the shared vocabulary knows, and refuses chrome', () => {
    expect(isEngagementHeader(['E-Mail-Adresse', 'Ereignis', 'Datum'])).toBe(true);
    expect(isEngagementHeader(['RECIPIENT', 'EVENT TYPE', 'CREATED AT'])).toBe(true);
    expect(isEngagementHeader(['URL', 'Total clicks', 'Unique clicks'])).toBe(true);
    expect(isEngagementHeader(['Email address', 'Opens'])).toBe(true);
    expect(isEngagementHeader(['Plan', 'Price', 'Renews'])).toBe(false);
    expect(isEngagementHeader(['Activity', 'Broadcasts stream · Time zone: UTC'])).toBe(false);
  });

  it('does not take a list of cards without a header for a table', () => {
    const card = (text: string): Spec => ['div', { class: 'card' }, [['span', {}, text], ['span', {}, 'ann@firm.example'], ['span', {}, '2025-02-13']]];
    const doc = build([['div', { class: 'cards' }, [card('One'), card('Two'), card('Three')]]]);
    expect(findTables(doc, isEngagementHeader)).toEqual([]);
  });

  it('joins the text of a cell with spaces between elements', () => {
    const doc = build([['div', { id: 'c' }, [['a', {}, 'Daniel Mensah'], ['span', {}, 'd.mensah@kumasi.example']]]]);
    expect(textOf(doc.getElementById('c')!)).toBe('Daniel Mensah d.mensah@kumasi.example');
  });

  it('never throws on arbitrary tables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.string({ maxLength: 40 }), { maxLength: 7 }), { maxLength: 8 }),
        async (headers, rows) => {
          const header = ['Email', 'Event', ...headers];
          const doc = build([['table', {}, [row(header, 'th'), ...rows.map((cells) => row(cells))]]]);
          const reading = await readPage(doc, genericAdapter, { yieldToPage: immediate, now: 0 });
          expect(reading.rowKeys).toHaveLength(reading.campaign.events.length);
          for (const event of reading.campaign.events) expect(['open', 'click']).toContain(event.type);
        },
      ),
      { numRuns: 60 },
    );
  });
});
