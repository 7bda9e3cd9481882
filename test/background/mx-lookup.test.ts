// The opt-in MX lookup against a local DNS-over-HTTPS JSON stub on loopback, answering the way Cloudflare's
// and Google's JSON APIs do (Status + Answer[] with type 15 records whose data is "preference host.").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getMx, openSieveDb, putMx, type SieveDb } from '../../src/background/db';
import { DEFAULT_MX_CACHE_TTL_MS, lookupMailHosts, parseDohMxAnswer, type MxLookupOptions } from '../../src/background/mx-lookup';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);

type Answer = (response: ServerResponse) => void;
const json =
  (body: unknown, status = 200): Answer =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/dns-json' });
    response.end(JSON.stringify(body));
  };
const mx = (name: string, ...records: string[]) =>
  json({
    Status: 0,
    TC: false,
    RD: true,
    RA: true,
    AD: false,
    CD: false,
    Question: [{ name: `${name}.`, type: 15 }],
    Answer: records.map((data) => ({ name: `${name}.`, type: 15, TTL: 3600, data })),
  });

/** What the stub resolver knows. Names not listed get NOERROR with no answer (a domain without MX). */
const zone: Record<string, Answer> = {
  'contoso.com': mx('contoso.com', '0 contoso-com.mail.protection.outlook.com.'),
  'fabrikam.com': mx('fabrikam.com', '10 mx0a-001.pphosted.com.', '10 mx0b-001.pphosted.com.'),
  // Listed out of preference order, behind a CNAME record, as resolvers may return them.
  'northwind.example': json({
    Status: 0,
    Answer: [
      { name: 'northwind.example.', type: 5, TTL: 300, data: 'mail-alias.northwind.example.' },
      { name: 'mail-alias.northwind.example.', type: 15, TTL: 300, data: '20 backup.northwind.example.' },
      { name: 'mail-alias.northwind.example.', type: 15, TTL: 300, data: '5 eu-smtp-inbound-1.mimecast.com.' },
    ],
  }),
  'nxdomain.example': json({
    Status: 3,
    Question: [{ name: 'nxdomain.example.', type: 15 }],
    Authority: [{ name: 'example.', type: 6, TTL: 900, data: 'ns.icann.org. noc.dns.icann.org. 2026112401 7200 3600 1209600 3600' }],
  }),
  'garbage.example': (response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html><body>Captive portal: please log in</body></html>');
  },
  'servfail.example': json({ Status: 2, Question: [{ name: 'servfail.example.', type: 15 }] }),
  'error500.example': json({ error: 'internal' }, 500),
  'badrecord.example': json({ Status: 0, Answer: [{ name: 'badrecord.example.', type: 15, TTL: 60, data: 'mx.badrecord.example.' }] }),
  // Never answers: the client must give up on its own.
  'slow.example': () => undefined,
};

interface Seen {
  path: string;
  name: string | null;
  type: string | null;
  accept: string | undefined;
  extra: string | null;
}

let server: Server;
let resolverUrl: string;
let seen: Seen[];
let inFlight = 0;
let maxInFlight = 0;
/** Delay before answering, to make concurrency observable. */
let answerDelayMs = 0;
let db: SieveDb;
let dbCounter = 0;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const name = url.searchParams.get('name');
    seen.push({ path: url.pathname, name, type: url.searchParams.get('type'), accept: request.headers.accept, extra: url.searchParams.get('ct') });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => (inFlight -= 1));
    const answer = url.pathname === '/dns-query' && name ? (zone[name] ?? json({ Status: 0, Question: [{ name, type: 15 }] })) : json({}, 404);
    if (answerDelayMs > 0) setTimeout(() => answer(response), answerDelayMs);
    else answer(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  resolverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dns-query`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

beforeEach(async () => {
  seen = [];
  inFlight = 0;
  maxInFlight = 0;
  answerDelayMs = 0;
  dbCounter += 1;
  db = await openSieveDb({ name: `mx-lookup-test-${Date.now()}-${dbCounter}` });
});

const options = (extra: Partial<MxLookupOptions> = {}): MxLookupOptions => ({ resolverUrl, now: T0, db, timeoutMs: 2_000, ...extra });
const asked = (): string[] => seen.map((request) => request.name ?? '').sort();

describe('lookupMailHosts against a DoH JSON stub', () => {
  it('maps MX sets to mail hosts, asking once per domain with the DoH JSON request', async () => {
    const result = await lookupMailHosts(['contoso.com', 'fabrikam.com', 'northwind.example', 'nomx.example'], options());
    expect(result.hosts).toEqual({
      'contoso.com': 'microsoft365',
      'fabrikam.com': 'proofpoint',
      'northwind.example': 'mimecast', // preference 5 beats 20 whatever the listing order
      'nomx.example': 'other',
    });
    expect(result).toMatchObject({ looked: 4, cached: 0, failed: [], skipped: [] });
    expect(asked()).toEqual(['contoso.com', 'fabrikam.com', 'nomx.example', 'northwind.example']);
    for (const request of seen) {
      expect(request).toMatchObject({ path: '/dns-query', type: 'MX', accept: 'application/dns-json' });
    }
  });

  it('answers free-mail domains without asking, and asks each distinct domain once', async () => {
    const result = await lookupMailHosts(
      ['gmail.com', 'Outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'Contoso.COM', 'contoso.com.', ' contoso.com '],
      options(),
    );
    expect(result.hosts).toEqual({
      'gmail.com': 'google',
      'outlook.com': 'other',
      'hotmail.com': 'other',
      'yahoo.com': 'other',
      'icloud.com': 'other',
      'contoso.com': 'microsoft365',
    });
    expect(asked()).toEqual(['contoso.com']);
    expect(result.looked).toBe(1);
  });

  it('uses the IndexedDB cache on the second run and writes when each answer was checked', async () => {
    await lookupMailHosts(['contoso.com', 'fabrikam.com'], options());
    expect(seen).toHaveLength(2);
    expect(await getMx('contoso.com', db)).toEqual({ host: 'microsoft365', checkedAt: T0 });

    const again = await lookupMailHosts(['contoso.com', 'fabrikam.com'], options({ now: T0 + 6 * DAY }));
    expect(seen).toHaveLength(2); // no new request
    expect(again).toEqual({ hosts: { 'contoso.com': 'microsoft365', 'fabrikam.com': 'proofpoint' }, looked: 0, cached: 2, failed: [], skipped: [] });
  });

  it('asks again once the cached answer is older than the TTL (7 days by default)', async () => {
    expect(DEFAULT_MX_CACHE_TTL_MS).toBe(7 * DAY);
    // A stale record that says something else: the refetch must replace it.
    await putMx('contoso.com', { host: 'mimecast', checkedAt: T0 - 7 * DAY - 1 }, db);
    await putMx('fabrikam.com', { host: 'proofpoint', checkedAt: T0 - 7 * DAY + 60_000 }, db);
    const result = await lookupMailHosts(['contoso.com', 'fabrikam.com'], options());
    expect(asked()).toEqual(['contoso.com']);
    expect(result).toMatchObject({ hosts: { 'contoso.com': 'microsoft365', 'fabrikam.com': 'proofpoint' }, looked: 1, cached: 1 });
    expect(await getMx('contoso.com', db)).toEqual({ host: 'microsoft365', checkedAt: T0 });

    // A shorter TTL from the caller makes the fresh record stale too.
    seen = [];
    await lookupMailHosts(['contoso.com'], options({ now: T0 + 2 * DAY, cacheTtlMs: DAY }));
    expect(asked()).toEqual(['contoso.com']);
  });

  it('lists timeouts, garbage, resolver errors and malformed records as failed without throwing or caching them', async () => {
    const domains = ['slow.example', 'garbage.example', 'servfail.example', 'error500.example', 'badrecord.example', 'contoso.com'];
    // slow.example never gets an answer: without the client-side timeout this run would hang past the test timeout.
    const result = await lookupMailHosts(domains, options({ timeoutMs: 300 }));
    expect(result.failed).toEqual(['slow.example', 'garbage.example', 'servfail.example', 'error500.example', 'badrecord.example']);
    expect(result.hosts).toEqual({ 'contoso.com': 'microsoft365' });
    expect(result.looked).toBe(6);
    for (const domain of result.failed) expect(await getMx(domain, db)).toBeUndefined();

    seen = [];
    const retry = await lookupMailHosts(['garbage.example', 'servfail.example'], options());
    expect(asked()).toEqual(['garbage.example', 'servfail.example']);
    expect(retry.failed).toEqual(['garbage.example', 'servfail.example']);
  });

  it('caches NXDOMAIN as a real answer: no mail gateway', async () => {
    const result = await lookupMailHosts(['nxdomain.example'], options());
    expect(result).toMatchObject({ hosts: { 'nxdomain.example': 'other' }, failed: [] });
    expect(await getMx('nxdomain.example', db)).toEqual({ host: 'other', checkedAt: T0 });
  });

  it('looks up at most maxDomains per run and leaves the rest for the next run', async () => {
    const domains = Array.from({ length: 30 }, (_, index) => `tenant${index}.example`);
    const first = await lookupMailHosts(domains, options({ maxDomains: 10 }));
    expect(seen).toHaveLength(10);
    expect(asked()).toEqual(domains.slice(0, 10).sort());
    expect(first.looked).toBe(10);
    expect(first.skipped).toEqual(domains.slice(10));
    expect(Object.keys(first.hosts)).toHaveLength(10);

    // The next run serves the first ten from the cache and asks the next ten: cache hits do not use the cap.
    seen = [];
    const second = await lookupMailHosts(domains, options({ maxDomains: 10 }));
    expect(asked()).toEqual(domains.slice(10, 20).sort());
    expect(second).toMatchObject({ looked: 10, cached: 10 });
    expect(second.skipped).toEqual(domains.slice(20));
  });

  it('caps the default run at 500 domains', async () => {
    const domains = Array.from({ length: 520 }, (_, index) => `bulk${index}.example`);
    const result = await lookupMailHosts(domains, options({ concurrency: 16 }));
    expect(seen).toHaveLength(500);
    expect(result.skipped).toHaveLength(20);
  });

  it('keeps at most `concurrency` requests in flight (4 by default)', async () => {
    answerDelayMs = 40;
    const domains = Array.from({ length: 12 }, (_, index) => `wide${index}.example`);
    await lookupMailHosts(domains, options());
    expect(seen).toHaveLength(12);
    expect(maxInFlight).toBe(4);

    seen = [];
    maxInFlight = 0;
    await lookupMailHosts(domains.map((domain) => `one-${domain}`), options({ concurrency: 1 }));
    expect(maxInFlight).toBe(1);
  });

  it('keeps the query string of a resolver URL that has one', async () => {
    await lookupMailHosts(['contoso.com'], options({ resolverUrl: `${resolverUrl}?ct=application/dns-json` }));
    expect(seen[0]).toMatchObject({ name: 'contoso.com', type: 'MX', extra: 'application/dns-json' });
  });

  it('fails the domains, never the run, when the resolver is unusable', async () => {
    const unreachable = await lookupMailHosts(['contoso.com'], options({ resolverUrl: 'http://127.0.0.1:9/dns-query' }));
    expect(unreachable).toMatchObject({ hosts: {}, looked: 1, failed: ['contoso.com'] });
    const malformed = await lookupMailHosts(['contoso.com', 'gmail.com'], options({ resolverUrl: 'not a url' }));
    expect(malformed).toMatchObject({ hosts: { 'gmail.com': 'google' }, looked: 0, failed: ['contoso.com'] });
    const throwing = await lookupMailHosts(['contoso.com'], options({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) }));
    expect(throwing.failed).toEqual(['contoso.com']);
  });

  it('does not send names that are not domains', async () => {
    const result = await lookupMailHosts(['', 'localhost', '192.0.2.1', 'bad domain.com', 'contoso.com'], options());
    expect(asked()).toEqual(['contoso.com']);
    expect(result.failed).toEqual(['', 'localhost', '192.0.2.1', 'bad domain.com']);
  });
});

describe('parseDohMxAnswer', () => {
  it('sorts exchanges by preference and keeps only MX records', () => {
    expect(
      parseDohMxAnswer({
        Status: 0,
        Answer: [
          { type: 5, data: 'alias.example.' },
          { type: 15, data: '30 c.example.' },
          { type: 15, data: '10 a.example.' },
          { type: 15, data: '10 b.example.' },
        ],
      }),
    ).toEqual({ ok: true, exchanges: ['a.example.', 'b.example.', 'c.example.'] });
  });

  it.each([[null], ['text'], [[]], [{}], [{ Status: '0' }], [{ Status: 0, Answer: {} }], [{ Status: 5 }]])('rejects %j', (body) => {
    expect(parseDohMxAnswer(body).ok).toBe(false);
  });
});
