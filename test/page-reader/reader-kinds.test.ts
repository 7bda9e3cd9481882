// @vitest-environment node
// The kinds of page-reading failure seen on report pages nobody here wrote: event words in links and subjects,
// the ESP's own proxy/bot rows, contacts lists that are not reports, one oversized cell, and row keys that must
// not collide on huge pages. Each test reads a realistic page the way the content script does.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readPage, hashText } from '../../src/page-reader/read-page';
import { genericAdapter } from '../../src/adapters/generic';
import { eventWordKind } from '../../src/page-reader/event-words';
import { EVENT_FIELD_LIMITS, MESSAGE_RULES } from '../../src/shared/messages';
import type { Adapter } from '../../src/adapters/types';

const immediate = () => Promise.resolve();
const NOW = Date.parse('2025-02-14T09:00:00Z');

function page(body: string, url = 'https://reports.example/campaigns/4411/activity'): Document {
  return new JSDOM(`<!doctype html><html><body>${body}</body></html>`, { url }).window.document;
}

async function read(doc: Document, adapter: Adapter = genericAdapter) {
  return readPage(doc, adapter, { now: NOW, yieldToPage: immediate });
}

function payloadOf(reading: Awaited<ReturnType<typeof read>>) {
  return {
    url: 'https://reports.example/campaigns/4411/activity',
    esp: 'generic',
    pageKind: reading.pageKind ?? 'event-activity',
    campaignKey: reading.campaignKey,
    campaign: reading.campaign,
    rowKeys: reading.rowKeys,
  };
}

describe('event type comes from the event cell only', () => {
  it('reads a click whose link and subject hold "unsubscribe", "open", "bounce" and "delivered" as a click', async () => {
    const doc = page(`
      <h1>Spring open house</h1>
      <table>
        <thead><tr><th>Recipient</th><th>Event</th><th>Subject</th><th>Link</th><th>Date</th></tr></thead>
        <tbody>
          <tr id="a"><td>ann@firm.example</td><td><span class="pill">Clicked</span></td><td>Open house: bounce back, delivered</td>
            <td><a href="https://news.shop.example/email/unsubscribe?c=88a1">https://news.shop.example/email/unsubscribe?c=88a1</a></td><td>2025-02-13 17:05:10 UTC</td></tr>
          <tr id="b"><td>bob@firm.example</td><td><a href="/messages/77/events/2">Opened</a> <small>Re: Your order bounced</small></td><td>Open house</td>
            <td></td><td>2025-02-13 17:06:00 UTC</td></tr>
          <tr id="c"><td>cy@firm.example</td><td>Unsubscribed</td><td>Open house</td>
            <td><a href="https://news.shop.example/open">https://news.shop.example/open</a></td><td>2025-02-13 17:07:00 UTC</td></tr>
          <tr id="d"><td>dee@firm.example</td><td>Delivered</td><td>Clicks and opens</td><td></td><td>2025-02-13 17:00:04 UTC</td></tr>
        </tbody>
      </table>`);
    const reading = await read(doc);
    expect(reading.rows.map((row) => row.element.id)).toEqual(['a', 'b']);
    expect(reading.campaign.events.map((event) => [event.recipient, event.type])).toEqual([
      ['ann@firm.example', 'click'],
      ['bob@firm.example', 'open'],
    ]);
    expect(reading.campaign.events[0]!.url).toBe('https://news.shop.example/email/unsubscribe?c=88a1');
    expect(reading.campaign.deliveries).toEqual([{ recipient: 'dee@firm.example', deliveredAt: Date.parse('2025-02-13T17:00:04Z') }]);
  });

  it('never takes a link, an address or a path for an event word', () => {
    expect(eventWordKind('https://shop.example/open-house?utm=click')).toBe('unknown');
    expect(eventWordKind('/email/unsubscribe?c=1')).toBe('unknown');
    expect(eventWordKind('open.rate@shop.example')).toBe('unknown');
    expect(eventWordKind('Clicked https://shop.example/email/unsubscribe?c=1')).toBe('click');
  });
});

describe("the ESP's own proxy and bot rows", () => {
  it('reads them as opens and clicks carrying the ESP flag', async () => {
    const rows = [
      ['Loaded by proxy', ''],
      ['Proxy open', ''],
      ['Machine open', ''],
      ['Apple Privacy open', ''],
      ['Bot click', 'https://shop.example/sale'],
      ['Filtered', 'https://shop.example/sale'],
      ['Opened <span class="tag" title="Apple Mail Privacy Protection">MPP</span>', ''],
      ['Opened', ''],
    ];
    const doc = page(`<table><tr><th>Email</th><th>Activity</th><th>URL</th><th>Time</th></tr>
      ${rows.map(([event, url], at) => `<tr><td>p${at}@mail.example</td><td>${event}</td><td>${url}</td><td>2025-02-13 17:1${at}:00 UTC</td></tr>`).join('')}
    </table>`);
    const reading = await read(doc);
    expect(reading.campaign.events.map((event) => [event.type, event.sourceBotHint])).toEqual([
      ['open', 'Loaded by proxy'],
      ['open', 'Proxy open'],
      ['open', 'Machine open'],
      ['open', 'Apple Privacy open'],
      ['click', 'Bot click'],
      ['click', 'Filtered'],
      ['open', 'MPP'],
      ['open', undefined],
    ]);
  });

  it('takes a bot-flag column as the flag unless it says no', async () => {
    const doc = page(`<table><tr><th>Email</th><th>Event</th><th>Time</th><th>Machine open</th></tr>
      <tr><td>a@mail.example</td><td>open</td><td>2025-02-13 17:10:00 UTC</td><td>Yes</td></tr>
      <tr><td>b@mail.example</td><td>open</td><td>2025-02-13 17:11:00 UTC</td><td>No</td></tr>
    </table>`);
    const reading = await read(doc);
    expect(reading.campaign.events.map((event) => event.sourceBotHint)).toEqual(['Yes', undefined]);
  });
});

describe('pages that are not reports', () => {
  it('reads nothing from a contacts list whose lead status says "Open"', async () => {
    const doc = page(
      `<h1>Contacts</h1><table><thead><tr><th>Name</th><th>Email</th><th>Lead status</th><th>Create date</th><th>Opens</th></tr></thead><tbody>
      <tr><td>Ann Lee</td><td>ann@firm.example</td><td>Open</td><td>Feb 3, 2025 10:04 AM</td><td>3</td></tr>
      <tr><td>Bob Roy</td><td>bob@firm.example</td><td>Open</td><td>Feb 4, 2025 11:20 AM</td><td>0</td></tr>
      <tr><td>Cy Dunn</td><td>cy@firm.example</td><td>Open</td><td>Feb 5, 2025 9:00 AM</td><td>1</td></tr>
      </tbody></table>`,
      'https://crm.example/contacts/list/view/all',
    );
    const reading = await read(doc);
    expect(reading.campaign.events).toEqual([]);
    expect(reading.rows).toEqual([]);
  });

  it('reads nothing from a table whose "Status" column holds statuses of something else', async () => {
    const statuses = ['Open', 'New', 'In progress', 'Qualified', 'Open', 'Connected'];
    const doc = page(`<table><tr><th>Email</th><th>Status</th><th>Last activity</th></tr>
      ${statuses.map((status, at) => `<tr><td>c${at}@firm.example</td><td>${status}</td><td>2025-02-0${at + 1} 10:00</td></tr>`).join('')}
    </table>`);
    const reading = await read(doc);
    expect(reading.rows).toEqual([]);
    expect(reading.tables).toEqual([]);
  });
});

describe('one oversized cell never costs the page', () => {
  it('cuts a 2 000-character agent and a 600-character campaign id to the message limits and reads all 200 rows', async () => {
    const hugeAgent = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${'X'.repeat(2100)}`;
    const rows = Array.from({ length: 200 }, (_, at) => {
      const agent = at === 7 ? hugeAgent : 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15';
      return `<tr><td>r${at}@mail.example</td><td>Opened</td><td>2025-02-13 17:${String(at % 60).padStart(2, '0')}:00 UTC</td><td>${agent}</td></tr>`;
    });
    const doc = page(`<table><tr><th>Email</th><th>Event</th><th>Time</th><th>User agent</th></tr>${rows.join('')}</table>`);
    const longId = 'c'.repeat(600);
    const adapter: Adapter = { ...genericAdapter, id: 'longid', campaignKey: () => `longid:${longId}` };
    const reading = await read(doc, adapter);
    expect(reading.campaign.events).toHaveLength(200);
    expect(reading.campaign.events[7]!.userAgent).toHaveLength(EVENT_FIELD_LIMITS.userAgent);
    expect(reading.cutFields).toBe(1);
    expect(reading.campaignKey.length).toBeLessThanOrEqual(512);
    expect(MESSAGE_RULES['page-rows'].payload(payloadOf(reading))).toBe(true);
    // Two different long ids that share their first 500 characters stay two campaigns.
    const other = await read(doc, { ...adapter, campaignKey: () => `longid:${longId}-b` });
    expect(other.campaignKey).not.toBe(reading.campaignKey);
  });
});

describe('row keys', () => {
  it('has no collisions among 250 000 realistic row texts (64-bit keys)', () => {
    const seen = new Set<string>();
    for (let at = 0; at < 250_000; at += 1) {
      seen.add(hashText(`user${at}@mail${at % 97}.example|Opened|2025-02-13 ${at % 24}:${at % 60}:${(at * 7) % 60}|81.2.${at % 256}.${(at >> 8) % 256}|`));
    }
    expect(seen.size).toBe(250_000);
  });
});
