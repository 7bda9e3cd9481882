// @vitest-environment jsdom
// Variations written blind (no look at the adapters' fixtures) that need no classifier labels: link tables with
// bare count headers and screen-reader sort hints inside header cells. Kept out of test/fixtures/pages so the
// e2e suite's aggregate-page checks only run on the adapters' own saved pages.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readPage } from '../../src/page-reader/read-page';
import { adapterForUrl } from '../../src/adapters/registry';
import { headerColumns } from '../../src/page-reader/columns';

const immediate = () => Promise.resolve();

const CLICK_PERFORMANCE = `<!doctype html><html lang="en"><head><title>Click performance | Mailchimp</title></head>
<body><div id="root"><main class="main-8Kq1d">
  <h1>Spring Menu Launch</h1>
  <table class="linkTable-3kd9s">
    <thead><tr>
      <th><button type="button"><span>URL</span><span class="sr-only">Not sorted</span></button></th>
      <th><button type="button"><span>Unique</span><span class="sr-only">Sorted descending</span><svg aria-hidden="true"></svg></button></th>
      <th><button type="button"><span>Total</span><svg aria-hidden="true"></svg></button></th>
      <th><span>% of clicks</span></th>
    </tr></thead>
    <tbody>
      <tr><td><a href="https://fernhill-coffee.com/menu/spring" title="https://fernhill-coffee.com/menu/spring">fernhill-coffee.com/menu/spring</a></td><td>412</td><td>1,388</td><td>61.2%</td></tr>
      <tr><td><a href="https://fernhill-coffee.com/shop">fernhill-coffee.com/shop</a></td><td>198</td><td>602</td><td>26.5%</td></tr>
      <tr><td><a href="https://us14.admin.mailchimp.com/unsubscribe?u=abc">Unsubscribe link</a> <span class="muted">https://fernhill-coffee.us14.list-manage.com/unsubscribe</span></td><td>41</td><td>279</td><td>12.3%</td></tr>
    </tbody>
  </table>
</main></div></body></html>
</html>`;

describe('link tables', () => {
  it("reads bare 'Unique' / 'Total' headers beside a '% of clicks' share, with sort hints in the header buttons", async () => {
    const url = 'https://us14.admin.mailchimp.com/reports/click-performance?id=3320155';
    const doc = new JSDOM(CLICK_PERFORMANCE, { url }).window.document;
    const reading = await readPage(doc, adapterForUrl(url), { now: Date.parse('2025-02-14T09:00:00Z'), yieldToPage: immediate });
    expect(reading.pageKind).toBe('link-clicks');
    expect(reading.rows).toHaveLength(0);
    expect(reading.campaign.linkStats).toEqual([
      { url: 'https://fernhill-coffee.com/menu/spring', totalClicks: 1388, uniqueClicks: 412 },
      { url: 'https://fernhill-coffee.com/shop', totalClicks: 602, uniqueClicks: 198 },
      { url: 'https://fernhill-coffee.us14.list-manage.com/unsubscribe', totalClicks: 279, uniqueClicks: 41 },
    ]);
  });

  it("takes 'Total clicks' as the total when 'Unique clicks' comes first, and never a rate as a count", async () => {
    const html = `<table><thead><tr><th>Link</th><th>Unique clicks</th><th>Total clicks</th><th>Click rate</th></tr></thead>
      <tbody><tr><td>https://example.com/a</td><td>5</td><td>9</td><td>2.1%</td></tr></tbody></table>`;
    const url = 'https://reports.example.net/links';
    const doc = new JSDOM(html, { url }).window.document;
    const reading = await readPage(doc, adapterForUrl(url), { now: 0, yieldToPage: immediate });
    expect(reading.campaign.linkStats).toEqual([{ url: 'https://example.com/a', totalClicks: 9, uniqueClicks: 5 }]);
  });
});

describe('header cells', () => {
  it('ignores screen-reader sort hints inside header cells', () => {
    const columns = headerColumns(['Email address Sort ascending', 'Event Sortable', 'Date Sorted descending', 'IP, activate to sort column ascending']);
    expect(Object.fromEntries(Object.entries(columns).map(([field, match]) => [field, match!.index]))).toEqual({
      recipient: 0,
      eventType: 1,
      timestamp: 2,
      ip: 3,
    });
  });

  it('does not count a rate column as clicks or opens', () => {
    expect(headerColumns(['Email', 'Open rate', 'Click rate']).opens).toBeUndefined();
    expect(headerColumns(['Email', 'Open rate', 'Click rate']).clicks).toBeUndefined();
  });
});

describe('lists without a header row', () => {
  const read = async (html: string, url = 'https://crm.example.org/campaigns') => {
    const doc = new JSDOM(html, { url }).window.document;
    return readPage(doc, adapterForUrl(url), { now: Date.parse('2025-02-14T09:00:00Z'), yieldToPage: immediate });
  };

  it('reads an event timeline by what its cells hold (event word, date, address)', async () => {
    const reading = await read(`<ul>
      <li><span>Opened</span><span>Feb 13, 2025 · 6:10 PM</span><span>ana@example.com</span></li>
      <li><span>Clicked</span><span>Feb 13, 2025 · 6:11 PM</span><span>ana@example.com</span></li>
      <li><span>Delivered</span><span>Feb 13, 2025 · 5:00 PM</span><span>ana@example.com</span></li></ul>`);
    expect(reading.campaign.events.map((event) => [event.type, event.recipient, new Date(event.timestamp ?? 0).toISOString()])).toEqual([
      ['open', 'ana@example.com', '2025-02-13T18:10:00.000Z'],
      ['click', 'ana@example.com', '2025-02-13T18:11:00.000Z'],
    ]);
  });

  it('does not take a list of campaigns with "Open" buttons and dates for engagement', async () => {
    const reading = await read(`<ul>
      <li><a href="/c/1">Spring menu</a><span>Feb 13, 2025</span><button>Open</button></li>
      <li><a href="/c/2">Winter menu</a><span>Nov 13, 2024</span><button>Open</button></li>
      <li><a href="/c/3">Autumn menu</a><span>Sep 13, 2024</span><button>Open</button></li></ul>`);
    expect(reading.tables).toHaveLength(0);
    expect(reading.campaign.events).toHaveLength(0);
  });
});
