// The worker's range service over IndexedDB (fake-indexeddb) and the fake browser of test/setup/unit.ts.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import browser from 'webextension-polyfill';
import { closeSieveDb, getDataset, insertUserRange, listStoredUserRanges, openSieveDb, putDataset, type SieveDb } from '../../src/background/db';
import {
  addUserRange,
  datasetInfo,
  ensureBundledDataset,
  invalidateRangeIndex,
  lookupIp,
  refreshRanges,
  removeUserRange,
} from '../../src/background/ranges-service';
import { REFRESH_ORIGINS, type RefreshSources } from '../../src/background/refresh';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';
import { vendorName } from '../../src/shared/vendors';

let db: SieveDb;
let dbCounter = 0;

beforeEach(async () => {
  invalidateRangeIndex();
  dbCounter += 1;
  db = await openSieveDb({ name: `service-test-${Date.now()}-${dbCounter}` });
});

afterEach(async () => {
  await browser.permissions.remove({ origins: [...REFRESH_ORIGINS] });
  await closeSieveDb();
});

/** A worker restart: the in-memory index is gone, IndexedDB is what remains. */
function restartWorker(): void {
  invalidateRangeIndex();
}

describe('ensureBundledDataset', () => {
  it('writes the bundled dataset on first install and keeps it on the next start', async () => {
    expect(await ensureBundledDataset(db, 111)).toBe('written');
    expect(await getDataset(db)).toMatchObject({ version: BUNDLED_DATASET_VERSION, source: 'bundled', fetchedAt: 111 });
    expect(await ensureBundledDataset(db, 222)).toBe('kept');
    expect((await getDataset(db))?.fetchedAt).toBe(111);
  });

  it('replaces data from older bundled versions, keeps a refresh of the current one, and never touches user ranges', async () => {
    const mine = await insertUserRange({ cidr: '198.51.100.0/24', label: 'Office', kind: 'web-gateway', addedAt: 1 }, db);
    // A refresh holding no downloaded list has nothing newer to keep (see dataset-update.test.ts for real ones).
    await putDataset({ version: BUNDLED_DATASET_VERSION - 1, source: 'refreshed', fetchedAt: 5, entries: [] }, db);
    expect(await ensureBundledDataset(db, 10)).toBe('replaced-refresh');
    expect(await getDataset(db)).toMatchObject({ version: BUNDLED_DATASET_VERSION, source: 'bundled' });
    await putDataset({ version: BUNDLED_DATASET_VERSION, source: 'refreshed', fetchedAt: 20, entries: BUNDLED_ENTRIES.slice(0, 1) }, db);
    expect(await ensureBundledDataset(db, 30)).toBe('kept');
    expect(await listStoredUserRanges(db)).toEqual([mine]);
  });
});

describe('lookups', () => {
  it('serve the IndexedDB data after a restart, not the bundled copy', async () => {
    await ensureBundledDataset(db);
    expect(await lookupIp('40.94.1.1', db)).toMatchObject({ vendor: 'microsoft', tag: 'safe-links' });
    // A stored dataset that differs from the bundled one proves where answers come from.
    await putDataset(
      {
        version: BUNDLED_DATASET_VERSION,
        source: 'refreshed',
        fetchedAt: 2,
        entries: [{ vendor: 'example-gateway', kind: 'scanner', cidrs: ['192.0.2.0/24'], source: 'https://example.test', date: '2026-11-24' }],
      },
      db,
    );
    expect(await lookupIp('192.0.2.9', db)).toBeUndefined(); // the index built before the write is still in memory
    restartWorker();
    expect(await lookupIp('192.0.2.9', db)).toEqual({ vendor: 'example-gateway', kind: 'scanner' });
    expect(await lookupIp('40.94.1.1', db)).toBeUndefined();
    expect(await lookupIp('not an ip', db)).toBeUndefined();
  });

  it('fall back to the bundled data when nothing is stored yet', async () => {
    expect(await lookupIp('205.139.110.7', db)).toMatchObject({ vendor: 'mimecast' });
  });
});

describe('user ranges', () => {
  it('are validated, stored canonically and win over bundled ranges until removed', async () => {
    await ensureBundledDataset(db);
    const added = await addUserRange({ cidr: '40.94.7.9/16', label: 'Our Defender tenant (test)', kind: 'cloud' }, db, 1234);
    expect(added).toMatchObject({ cidr: '40.94.0.0/16', label: 'Our Defender tenant (test)', kind: 'cloud', addedAt: 1234 });
    expect(await lookupIp('40.94.1.1', db)).toEqual({ vendor: 'user-our-defender-tenant-test', kind: 'cloud' });
    expect(vendorName('user-our-defender-tenant-test', ['Partner relay', 'Our Defender tenant (test)'])).toBe('Our Defender tenant (test)');
    // Broader than the bundled block and still first: user ranges take precedence.
    await addUserRange({ cidr: '205.139.0.0/16', label: 'Partner relay', kind: 'web-gateway' }, db);
    expect(await lookupIp('205.139.110.7', db)).toMatchObject({ vendor: 'user-partner-relay', kind: 'web-gateway' });
    restartWorker();
    expect(await lookupIp('205.139.110.7', db)).toMatchObject({ vendor: 'user-partner-relay' });
    await removeUserRange(added.id, db);
    expect(await lookupIp('40.94.1.1', db)).toMatchObject({ vendor: 'microsoft', tag: 'safe-links' });
    expect(await datasetInfo(db)).toMatchObject({ userRangeCount: 1, source: 'bundled', version: String(BUNDLED_DATASET_VERSION) });
  });

  it('refuses bad input in words a person can act on', async () => {
    await expect(addUserRange({ cidr: '999.1.1.1/8', label: 'x', kind: 'scanner' }, db)).rejects.toThrow("'999.1.1.1/8' is not an IP range");
    await expect(addUserRange({ cidr: '192.0.2.0/24', label: '   ', kind: 'scanner' }, db)).rejects.toThrow(/label/);
    await expect(addUserRange({ cidr: '192.0.2.0/24', label: 'x', kind: 'robot' as never }, db)).rejects.toThrow(/Kind must be one of/);
    await addUserRange({ cidr: '192.0.2.0/24', label: 'Lab', kind: 'scanner' }, db);
    await expect(addUserRange({ cidr: '192.0.2.77/24', label: 'Again', kind: 'scanner' }, db)).rejects.toThrow('192.0.2.0/24 is already in your list as "Lab"');
  });
});

describe('refreshRanges', () => {
  const samples = resolve(dirname(fileURLToPath(import.meta.url)), 'samples');
  const files: Record<keyof RefreshSources, string> = {
    microsoftEndpoints: 'endpoints-worldwide.json',
    googleGoog: 'goog.json',
    googleCloud: 'cloud.json',
    appleEgress: 'egress-ip-ranges.csv',
  };
  const sources = Object.fromEntries(Object.keys(files).map((id) => [id, `https://sample.test/${id}`])) as RefreshSources;
  const fetchSamples: typeof fetch = async (input) => {
    const id = String(input).split('/').pop() as keyof RefreshSources;
    return new Response(readFileSync(resolve(samples, files[id]), 'utf8'), { status: 200 });
  };

  it('downloads nothing without the host permission', async () => {
    let calls = 0;
    const counting: typeof fetch = async (input, init) => {
      calls += 1;
      return fetchSamples(input, init);
    };
    await expect(refreshRanges({ db, fetch: counting, sources, minPrefixes: { appleEgress: 5 } })).rejects.toThrow(/needs your permission/);
    expect(calls).toBe(0);
  });

  it('swaps in the refreshed data and serves it at once', async () => {
    await ensureBundledDataset(db);
    await browser.permissions.request({ origins: [...REFRESH_ORIGINS] });
    expect(await lookupIp('40.96.1.1', db)).toBeUndefined();
    const info = await refreshRanges({ db, fetch: fetchSamples, sources, minPrefixes: { appleEgress: 5 }, now: () => 99 });
    expect(info).toMatchObject({ source: 'refreshed', fetchedAt: 99 });
    expect(info.prefixCount).toBeGreaterThan(BUNDLED_ENTRIES.reduce((sum, entry) => sum + entry.cidrs.length, 0));
    expect(await lookupIp('40.96.1.1', db)).toMatchObject({ vendor: 'microsoft', tag: 'exchange-online' });
  });

  it('throws the reason and keeps serving the old data when a source is broken', async () => {
    await ensureBundledDataset(db);
    await browser.permissions.request({ origins: [...REFRESH_ORIGINS] });
    const broken: typeof fetch = async (input, init) =>
      String(input).endsWith('googleGoog') ? new Response('{"prefixes": 7}', { status: 200 }) : fetchSamples(input, init);
    await expect(refreshRanges({ db, fetch: broken, sources, minPrefixes: { appleEgress: 5 } })).rejects.toThrow(
      /goog\.json\) could not be read: "prefixes" is missing or not a list/,
    );
    expect(await getDataset(db)).toMatchObject({ source: 'bundled' });
    expect(await lookupIp('40.94.1.1', db)).toMatchObject({ tag: 'safe-links' });
  });
});
