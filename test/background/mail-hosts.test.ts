// The worker's MX gates: nothing is asked unless the user enabled the lookup AND granted the resolver origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import browser from 'webextension-polyfill';
import { attachMailHosts, withMailHosts } from '../../src/background/mail-hosts';
import { classifyCampaign } from '../../src/classifier/index';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { Campaign } from '../../src/shared/types';

const MX: Record<string, string> = {
  'contoso.com': '0 contoso-com.mail.protection.outlook.com.',
  'fabrikam.com': '10 mx0a-001.pphosted.com.',
};

let server: Server;
let resolverUrl = '';
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://stub').searchParams.get('name') ?? '';
    asked.push(name);
    const data = MX[name];
    response.setHeader('content-type', 'application/dns-json');
    response.end(JSON.stringify(data ? { Status: 0, Answer: [{ name, type: 15, TTL: 300, data }] } : { Status: 3 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resolverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dns-query`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sent = Date.parse('2025-05-06T14:00:00Z');
const campaign: Campaign = {
  sentAt: sent,
  deliveredCount: 3,
  events: [
    { type: 'open', sourceIndex: 0, recipient: 'ana@contoso.com', timestamp: sent + 3_600_000 },
    { type: 'open', sourceIndex: 1, recipient: 'bo@fabrikam.com', timestamp: sent + 7_200_000 },
    { type: 'open', sourceIndex: 2, recipient: 'cy@gmail.com', timestamp: sent + 9_000_000 },
  ],
};

function settings(enabled: boolean): Settings {
  return { ...DEFAULT_SETTINGS, mxLookup: { enabled, resolverUrl } };
}

describe('mail hosts in classification', () => {
  it('sends nothing while the lookup is off, and nothing without the resolver permission', async () => {
    const off = await withMailHosts(campaign, settings(false), true);
    expect(off.recipientMailHosts).toEqual({ 'gmail.com': 'google' }); // known without asking
    const notGranted = await withMailHosts(campaign, settings(true), true);
    expect(notGranted.recipientMailHosts).toEqual({ 'gmail.com': 'google' });
    expect(asked).toEqual([]);
  });

  it('looks up, caches, and reports recipients by mail host once enabled and granted', async () => {
    await browser.permissions.request({ origins: [`${new URL(resolverUrl).origin}/*`] });
    const enriched = await withMailHosts(campaign, settings(true), true);
    expect(enriched.recipientMailHosts).toEqual({ 'contoso.com': 'microsoft365', 'fabrikam.com': 'proofpoint', 'gmail.com': 'google' });
    expect(asked.sort()).toEqual(['contoso.com', 'fabrikam.com']);
    const report = attachMailHosts(classifyCampaign(enriched), enriched);
    expect(report.summary.byMailHost).toEqual({ microsoft365: 1, proofpoint: 1, google: 1 });
    // Second read: from the cache, no new question to the resolver.
    await withMailHosts(campaign, settings(true), false);
    expect(asked).toHaveLength(2);
  });
});
