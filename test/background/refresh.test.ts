// Refresh from official sources, against sample files in the official formats served over loopback HTTP.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeSieveDb, getDataset, insertUserRange, listStoredUserRanges, openSieveDb, putDataset, type SieveDb } from '../../src/background/db';
import { officialSources, refreshFromOfficialSources, REFRESH_ORIGINS, type RefreshOptions } from '../../src/background/refresh';
import { RangeIndex } from '../../src/ranges/index';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';

const samples = resolve(dirname(fileURLToPath(import.meta.url)), '../ranges/samples');
const sample = (name: string): string => readFileSync(resolve(samples, name), 'utf8');

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const serveText =
  (body: string, type: string, status = 200): Route =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  };

let server: Server;
let base: string;
let routes: Record<string, Route>;
let db: SieveDb;
let dbCounter = 0;

function defaultRoutes(): Record<string, Route> {
  return {
    '/endpoints/worldwide': serveText(sample('endpoints-worldwide.json'), 'application/json'),
    '/ipranges/goog.json': serveText(sample('goog.json'), 'application/json'),
    '/ipranges/cloud.json': serveText(sample('cloud.json'), 'application/json'),
    '/egress-ip-ranges.csv': serveText(sample('egress-ip-ranges.csv'), 'text/csv'),
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] as string;
    const route = routes[path];
    if (route) route(request, response);
    else serveText('not found', 'text/plain', 404)(request, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

beforeEach(async () => {
  routes = defaultRoutes();
  dbCounter += 1;
  db = await openSieveDb({ name: `refresh-test-${Date.now()}-${dbCounter}` });
  await putDataset({ version: BUNDLED_DATASET_VERSION, source: 'bundled', fetchedAt: 1000, entries: [...BUNDLED_ENTRIES] }, db);
});

afterEach(async () => {
  await closeSieveDb();
});

function options(extra: Partial<RefreshOptions> = {}): RefreshOptions {
  return {
    db,
    sources: {
      microsoftEndpoints: `${base}/endpoints/worldwide?clientrequestid=2b8a4a34-9d0e-4c7d-8f1b-6a2f0e3c5d71`,
      googleGoog: `${base}/ipranges/goog.json`,
      googleCloud: `${base}/ipranges/cloud.json`,
      appleEgress: `${base}/egress-ip-ranges.csv`,
    },
    // The sample CSV has 10 merged prefixes; Apple's real list has thousands (DEFAULT_MIN_PREFIXES).
    minPrefixes: { appleEgress: 5 },
    timeoutMs: 2000,
    now: () => Date.UTC(2026, 10, 24, 12),
    ...extra,
  };
}

async function expectOldDataKept(): Promise<void> {
  const stored = await getDataset(db);
  expect(stored).toMatchObject({ source: 'bundled', fetchedAt: 1000 });
}

describe('refreshFromOfficialSources', () => {
  it('downloads every list, keeps the curated entries and swaps the dataset', async () => {
    const mine = await insertUserRange({ cidr: '198.51.100.0/24', label: 'Office', kind: 'web-gateway', addedAt: 1 }, db);
    const result = await refreshFromOfficialSources(options());
    expect(result.ok).toBe(true);
    const stored = await getDataset(db);
    expect(stored).toMatchObject({ source: 'refreshed', version: BUNDLED_DATASET_VERSION, fetchedAt: Date.UTC(2026, 10, 24, 12) });
    const index = RangeIndex.build(stored?.entries ?? []);
    // From the Microsoft sample: Exchange client ranges only the refresh knows about.
    expect(index.lookup('40.96.1.1')).toEqual({ vendor: 'microsoft', kind: 'scanner', tag: 'exchange-online' });
    expect(index.lookup('13.107.136.5')).toBeUndefined(); // SharePoint, not Exchange
    // Curated tags win over the same block from the download.
    expect(index.lookup('40.92.0.1')).toMatchObject({ tag: 'eop' });
    expect(index.lookup('40.94.0.1')).toMatchObject({ tag: 'safe-links' });
    // goog minus cloud.
    expect(index.lookup('34.1.32.9')).toMatchObject({ vendor: 'google', kind: 'mail-proxy' });
    expect(index.lookup('34.0.200.1')).toEqual({ vendor: 'google-cloud', kind: 'cloud' });
    expect(index.lookup('8.8.8.8')).toMatchObject({ vendor: 'google' });
    // Apple rows beyond the bundled subset.
    expect(index.lookup('104.28.0.31')).toMatchObject({ vendor: 'apple-icloud', kind: 'mail-proxy' });
    expect(index.lookup('2a02:26f7:b3c0:4001::9')).toMatchObject({ vendor: 'apple-icloud' });
    // Curated vendors the official lists do not cover are still there.
    expect(index.lookup('205.139.110.7')).toMatchObject({ vendor: 'mimecast' });
    expect(await listStoredUserRanges(db)).toEqual([mine]);
    if (result.ok) expect(result.prefixCount).toBe(stored?.entries.reduce((sum, entry) => sum + entry.cidrs.length, 0));
  });

  it('keeps the old data when a file is broken, and says which and why', async () => {
    routes['/ipranges/cloud.json'] = serveText('{"syncToken": "1", "prefixes": [{"ipv4Prefix": "34.0.0.0/16"}, {"ipv4Prefix": "34.1.0/20"}]}', 'application/json');
    const result = await refreshFromOfficialSources(options());
    expect(result).toEqual({
      ok: false,
      reason: "Google Cloud's address list (cloud.json) could not be read: prefix #2: '34.1.0/20' is not an IP range. The previous range list is still in use.",
    });
    await expectOldDataKept();
  });

  it('keeps the old data when a file is not JSON at all', async () => {
    routes['/endpoints/worldwide'] = serveText('<html><body>Service Unavailable</body></html>', 'text/html');
    const result = await refreshFromOfficialSources(options());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^Microsoft 365 endpoint list could not be read: .*JSON/);
    await expectOldDataKept();
  });

  it('refuses an HTTP error', async () => {
    routes['/egress-ip-ranges.csv'] = serveText('gone', 'text/plain', 503);
    const result = await refreshFromOfficialSources(options());
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Apple's iCloud Private Relay list: the server answered 503/) });
    await expectOldDataKept();
  });

  it('refuses an empty or cut-off list', async () => {
    routes['/egress-ip-ranges.csv'] = serveText('', 'text/csv');
    const empty = await refreshFromOfficialSources(options());
    expect(empty).toMatchObject({ ok: false, reason: expect.stringContaining('came back empty') });
    routes['/egress-ip-ranges.csv'] = serveText(sample('egress-ip-ranges.csv'), 'text/csv');
    const cutOff = await refreshFromOfficialSources(options({ minPrefixes: {} }));
    expect(cutOff).toMatchObject({ ok: false, reason: expect.stringContaining('has only 10 ranges (expected at least 100)') });
    await expectOldDataKept();
  });

  it('refuses a file over its size limit, declared or streamed', async () => {
    const big = `${sample('egress-ip-ranges.csv')}${'# padding padding padding padding\n'.repeat(2000)}`;
    routes['/egress-ip-ranges.csv'] = serveText(big, 'text/csv');
    const declared = await refreshFromOfficialSources(options({ maxBytes: { appleEgress: 4096 } }));
    expect(declared).toMatchObject({ ok: false, reason: expect.stringContaining('is larger than') });
    routes['/egress-ip-ranges.csv'] = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' }); // chunked: no content-length to trust
      response.write(sample('egress-ip-ranges.csv'));
      response.end('# padding\n'.repeat(1000));
    };
    const streamed = await refreshFromOfficialSources(options({ maxBytes: { appleEgress: 4096 } }));
    expect(streamed).toMatchObject({ ok: false, reason: expect.stringContaining('is larger than') });
    await expectOldDataKept();
  });

  it('gives up on a server that does not answer in time', async () => {
    routes['/ipranges/goog.json'] = () => {
      // Never answers.
    };
    const result = await refreshFromOfficialSources(options({ timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('no answer within') });
    await expectOldDataKept();
  });

  it('refuses an unreachable server', async () => {
    const result = await refreshFromOfficialSources(options({ sources: { ...options().sources, googleGoog: 'http://127.0.0.1:1/goog.json' } }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Google's address list \(goog.json\) could not be reached/) });
    await expectOldDataKept();
  });
});

describe('official source list', () => {
  it('names the official URLs, with a fresh client request id for Microsoft, all inside REFRESH_ORIGINS', () => {
    const sources = officialSources('0b7f6f0e-7a3c-4d8e-9a3e-0e4c7d2b1f55');
    expect(sources.microsoftEndpoints).toBe('https://endpoints.office.com/endpoints/worldwide?clientrequestid=0b7f6f0e-7a3c-4d8e-9a3e-0e4c7d2b1f55');
    expect(officialSources().microsoftEndpoints).not.toBe(officialSources().microsoftEndpoints);
    for (const url of Object.values(sources)) {
      const origin = `${new URL(url).origin}/*`;
      expect(REFRESH_ORIGINS).toContain(origin);
    }
  });
});
