// @vitest-environment node
// Structures real report pages use that the reader once missed (found by pages written blind, under
// test/fixtures/pages/*/blind2-*): reports inside web components, icon-only event cells, cells spanning rows,
// group headers naming the recipient, split date and time columns, day-first dates, non-Latin headers, and
// look-alike tables (campaign lists, A/B variants) that are not reports. Each case reads a small page.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readPage } from '../../src/page-reader/read-page';
import { genericAdapter } from '../../src/adapters/generic';
import { pageDayFirst } from '../../src/page-reader/date-order';
import { normalizeEventType, inferColumns } from '../../src/shared/columns';

const immediate = () => Promise.resolve();
const NOW = Date.parse('2026-12-06T04:30:00Z');

function page(body: string, lang = 'en', runScripts = false): Document {
  const html = `<!doctype html><html lang="${lang}"><body>${body}</body></html>`;
  return new JSDOM(html, { url: 'https://crm.example/emails/12/activity', ...(runScripts ? { runScripts: 'dangerously' as const } : {}) }).window
    .document;
}

async function read(doc: Document) {
  const reading = await readPage(doc, genericAdapter, { now: NOW, yieldToPage: immediate });
  return {
    reading,
    events: reading.campaign.events.map((event) => ({
      type: event.type,
      recipient: event.recipient,
      at: event.timestamp === undefined ? undefined : new Date(event.timestamp).toISOString(),
    })),
  };
}

describe('where the rows are', () => {
  it('reads a report rendered inside a web component’s open shadow root', async () => {
    const doc = page(
      `<activity-table></activity-table>
       <script>
         customElements.define('activity-table', class extends HTMLElement {
           connectedCallback() {
             const root = this.attachShadow({ mode: 'open' });
             const table = document.createElement('table');
             table.innerHTML = '<thead><tr><th>Event</th><th>Recipient</th><th>Time</th></tr></thead>' +
               '<tbody><tr id="a"><td>Opened</td><td>ann@example.org</td><td>2026-12-05 10:00:00 UTC</td></tr>' +
               '<tr id="b"><td>Clicked</td><td>bo@example.org</td><td>2026-12-05 11:00:00 UTC</td></tr></tbody>';
             root.append(table);
           }
         });
       </script>`,
      'en',
      true,
    );
    const { events, reading } = await read(doc);
    expect(events).toEqual([
      { type: 'open', recipient: 'ann@example.org', at: '2026-12-05T10:00:00.000Z' },
      { type: 'click', recipient: 'bo@example.org', at: '2026-12-05T11:00:00.000Z' },
    ]);
    expect(reading.rows.map((row) => row.element.id)).toEqual(['a', 'b']);
  });

  it('takes the event from an icon’s accessible name when the cell shows no words', async () => {
    const doc = page(`<table><thead><tr><th>Event</th><th>Contact</th><th>Date</th></tr></thead><tbody>
      <tr><td><svg role="img" aria-label="Opened"><path d="M0 0"/></svg></td><td>a@x.org</td><td>2026-12-05 10:00</td></tr>
      <tr><td><img src="data:," alt="Clicked"></td><td>b@x.org</td><td>2026-12-05 10:01</td></tr>
      <tr><td><i class="ic" title="Click"></i></td><td>c@x.org</td><td>2026-12-05 10:02</td></tr>
      <tr><td><span class="dot"></span><span class="visually-hidden">Opened</span></td><td>d@x.org</td><td>2026-12-05 10:03</td></tr>
      <tr><td><i class="ic" title="Unsubscribed"></i></td><td>e@x.org</td><td>2026-12-05 10:04</td></tr>
    </tbody></table>`);
    const { events } = await read(doc);
    expect(events.map((event) => `${event.type} ${event.recipient}`)).toEqual(['open a@x.org', 'click b@x.org', 'click c@x.org', 'open d@x.org']);
  });
});

describe('who and when', () => {
  it('gives a recipient cell that spans two rows to both rows', async () => {
    const doc = page(`<table><thead><tr><th>Recipient</th><th>Opened</th><th>IP address</th></tr></thead><tbody>
      <tr><td rowspan="2">mei@example.com.au</td><td>2026-12-03 10:32:05</td><td>1.144.22.9</td></tr>
      <tr><td>2026-12-04 22:10:40</td><td>1.144.22.9</td></tr>
      <tr><td>sam@example.com</td><td>2026-12-03 09:03:30</td><td>17.58.101.90</td></tr>
    </tbody></table>`);
    const { events } = await read(doc);
    expect(events).toEqual([
      { type: 'open', recipient: 'mei@example.com.au', at: '2026-12-03T10:32:05.000Z' },
      { type: 'open', recipient: 'mei@example.com.au', at: '2026-12-04T22:10:40.000Z' },
      { type: 'open', recipient: 'sam@example.com', at: '2026-12-03T09:03:30.000Z' },
    ]);
  });

  it('names the rows under a group header, and a per-person table nested under one, by that header’s address', async () => {
    const doc = page(`<table><thead><tr><th>Link</th><th>Clicked</th><th>IP</th></tr></thead>
      <tbody><tr><th colspan="3">Jordan Blake &lt;jordan@example.gov&gt;</th></tr>
        <tr><td>https://site.example/a</td><td>2026-12-03 09:00:41</td><td>40.94.29.84</td></tr>
        <tr><th colspan="3">Ravi &lt;ravi@example.net&gt;</th></tr>
        <tr><td>https://site.example/b</td><td>2026-12-03 20:41:09</td><td>110.175.33.61</td></tr></tbody></table>
      <table class="outer"><thead><tr><th colspan="2">Recipient / clicks</th></tr></thead><tbody>
        <tr><th colspan="2">Mei &lt;mei@example.com&gt;</th></tr>
        <tr><td colspan="2"><button>1 click ▾</button></td></tr>
        <tr><td colspan="2"><table><thead><tr><th>Link</th><th>Clicked</th><th>IP</th></tr></thead><tbody>
          <tr><td>https://site.example/c</td><td>2026-12-03 10:33:12</td><td>1.144.22.9</td></tr></tbody></table></td></tr>
      </tbody></table>`);
    const { events } = await read(doc);
    expect(events.map((event) => `${event.type} ${event.recipient}`)).toEqual(['click jordan@example.gov', 'click ravi@example.net', 'click mei@example.com']);
  });

  it('joins a Date column and a Time column (12-hour clock) into one time', async () => {
    const doc = page(`<p>All times shown in UTC.</p><table><thead><tr><th>Date</th><th>Time</th><th>Event</th><th>Recipient</th></tr></thead><tbody>
      <tr><td>Dec 4, 2026</td><td>12:05 PM</td><td>Opened</td><td>a@x.org</td></tr>
      <tr><td>Dec 5, 2026</td><td>12:30 AM</td><td>Clicked</td><td>a@x.org</td></tr>
    </tbody></table>`);
    const { events } = await read(doc);
    expect(events.map((event) => event.at)).toEqual(['2026-12-04T12:05:00.000Z', '2026-12-05T00:30:00.000Z']);
  });

  it('reads numeric dates day first when the page’s dates, its note or its language say so', async () => {
    const rows = (dates: string[]) =>
      `<table><thead><tr><th>Event</th><th>Recipient</th><th>Date (UTC)</th></tr></thead><tbody>${dates
        .map((date, at) => `<tr><td>Opened</td><td>r${at}@x.org</td><td>${date}</td></tr>`)
        .join('')}</tbody></table>`;
    // A date that can only be day-first (25/11) settles the others in the table.
    const byRows = await read(page(rows(['04/12/2026 15:02', '25/11/2026 09:00'])));
    expect(byRows.events[0]!.at).toBe('2026-12-04T15:02:00.000Z');
    const byNote = await read(page(`<p>times in UTC (DD/MM/YYYY)</p>${rows(['04/12/2026 15:02'])}`));
    expect(byNote.events[0]!.at).toBe('2026-12-04T15:02:00.000Z');
    const byLanguage = await read(page(rows(['04/12/2026 15:02']), 'en-NZ'));
    expect(byLanguage.events[0]!.at).toBe('2026-12-04T15:02:00.000Z');
    // en (US) and no other evidence: month first, as before.
    const us = await read(page(rows(['04/12/2026 15:02'])));
    expect(us.events[0]!.at).toBe('2026-04-12T15:02:00.000Z');
    // A date that can only be month-first (12/25) wins over a day-first language.
    const monthFirst = await read(page(rows(['04/12/2026 15:02', '12/25/2026 10:00']), 'en-GB'));
    expect(monthFirst.events.map((event) => event.at)).toEqual(['2026-04-12T15:02:00.000Z', '2026-12-25T10:00:00.000Z']);
    expect(pageDayFirst(page(rows([])), [])).toBeUndefined();
  });
});

describe('words in other scripts', () => {
  it('maps Japanese, Chinese and Korean headers and event words', () => {
    expect(Object.fromEntries(Object.entries(inferColumns(['メールアドレス', 'イベント', 'リンク', '日時 (JST)'])).map(([field, match]) => [field, match!.index]))).toEqual({
      recipient: 0,
      eventType: 1,
      url: 2,
      timestamp: 3,
    });
    expect(['開封', 'クリック', '受信', '配信停止', '未開封', '点击', '열람'].map(normalizeEventType)).toEqual([
      'open',
      'click',
      'delivered',
      'other',
      'other',
      'click',
      'open',
    ]);
  });
});

describe('look-alikes are not reports', () => {
  it('marks nothing on a campaign list or an A/B variant table', async () => {
    const list = page(`<table><thead><tr><th></th><th>Campaign</th><th>Status</th><th>Date</th><th>Recipients</th><th>Opens</th><th>Clicks</th></tr></thead><tbody>
      <tr><td><input type="checkbox"></td><td>Winter sale</td><td>Sent</td><td>Dec 5, 2026 9:00 AM</td><td>1,240</td><td>41.3 %</td><td>3.1 %</td></tr>
      <tr><td><input type="checkbox"></td><td>Autumn news</td><td>Sent</td><td>Nov 2, 2026 9:00 AM</td><td>1,198</td><td>38.0 %</td><td>2.7 %</td></tr>
    </tbody></table>`);
    const variants = page(`<table><thead><tr><th>Version</th><th>Subject line</th><th>Recipients</th><th>Opened</th><th>Clicked</th></tr></thead><tbody>
      <tr><td>A</td><td>Spring preview</td><td>500</td><td>41 %</td><td>3 %</td></tr>
      <tr><td>B</td><td>Your spring preview</td><td>500</td><td>44 %</td><td>4 %</td></tr>
      <tr><td>Winner</td><td>Your spring preview</td><td>4,000</td><td>43 %</td><td>4 %</td></tr>
    </tbody></table>`);
    for (const doc of [list, variants]) {
      const { reading } = await read(doc);
      expect(reading.rows).toEqual([]);
      expect(reading.tables).toEqual([]);
    }
  });

  it('still treats an empty report (one "No activity yet" row) as a report with no events', async () => {
    const doc = page(`<table><thead><tr><th>Event</th><th>Recipient</th><th>Time</th></tr></thead><tbody>
      <tr><td colspan="3">No activity yet</td></tr></tbody></table>`);
    const { reading } = await read(doc);
    expect(reading.rows).toEqual([]);
    expect(reading.tables).toHaveLength(1);
  });
});
