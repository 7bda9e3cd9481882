// Issue 12 point 4: a page decides which recipient domains the worker sees. A page listing 50,000 distinct
// domains must not make the worker send 50,000 DNS-over-HTTPS queries: the per-minute and per-day caps hold.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import browser from 'webextension-polyfill';
import { LOOKUPS_PER_DAY, LOOKUPS_PER_MINUTE, lookupStats, takeLookupBudget } from '../../src/background/lookup-budget';
import { withMailHosts } from '../../src/background/mail-hosts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { Campaign } from '../../src/shared/types';

let server: Server;
let resolverUrl = '';
let queries = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    queries += 1;
    const name = new URL(request.url ?? '/', 'http://stub').searchParams.get('name') ?? '';
    response.setHeader('content-type', 'application/dns-json');
    response.end(JSON.stringify({ Status: 0, Answer: [{ name, type: 15, TTL: 300, data: `10 ${name.replace(/\./g, '-')}.mail.protection.outlook.com.` }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resolverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dns-query`;
  await browser.permissions.request({ origins: [`${new URL(resolverUrl).origin}/*`] });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sent = Date.parse('2026-04-02T09:00:00Z');
/** A page of 50,000 opens, each from a different company domain. */
const wideCampaign: Campaign = {
  sentAt: sent,
  events: Array.from({ length: 50_000 }, (_, k) => ({ type: 'open' as const, sourceIndex: k, recipient: `it@tenant-${k}.example.com`, timestamp: sent + k * 1000 })),
};

describe('DNS-over-HTTPS lookup caps', () => {
  it('sends at most the per-minute cap for a page of 50,000 distinct domains, and counts the rest as held back', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, mxLookup: { enabled: true, resolverUrl } };
    const enriched = await withMailHosts(wideCampaign, settings, true);
    expect(queries).toBe(LOOKUPS_PER_MINUTE);
    expect(Object.keys(enriched.recipientMailHosts ?? {})).toHaveLength(LOOKUPS_PER_MINUTE);
    // A second read of the same page within the minute: answered from the cache, nothing more sent.
    await withMailHosts(wideCampaign, settings, true);
    expect(queries).toBe(LOOKUPS_PER_MINUTE);
    const stats = await lookupStats();
    expect(stats.queriesSent).toBe(LOOKUPS_PER_MINUTE);
    expect(stats.sentLastMinute).toBe(LOOKUPS_PER_MINUTE);
    expect(stats.cacheHits).toBe(LOOKUPS_PER_MINUTE); // the second read's cached answers
    // Each read considers the 5,000 most frequent domains (all tied here).
    expect(stats.cacheMisses).toBe(2 * 5000 - LOOKUPS_PER_MINUTE);
    expect(stats.heldBack).toBeGreaterThan(0);
  });

  it('refills per minute but stops at the daily cap', async () => {
    const start = Date.parse('2026-04-03T00:00:00Z');
    let sentToday = 0;
    for (let minute = 0; minute < 60; minute++) sentToday += await takeLookupBudget(500, start + minute * 60_000);
    expect(sentToday).toBe(LOOKUPS_PER_DAY);
    expect(await takeLookupBudget(1, start + 61 * 60_000)).toBe(0);
    // The next UTC day starts afresh.
    expect(await takeLookupBudget(5, start + 86_400_000)).toBe(5);
  });
});
