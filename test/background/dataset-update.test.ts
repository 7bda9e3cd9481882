// Issue 12 point 1: an extension update must not throw away a refresh. Simulates the update on a stored
// database: a refreshed dataset written by an older version (lower BUNDLED_DATASET_VERSION), then the new
// version's start-up (ensureBundledDataset).
import { getDataset, insertUserRange, listStoredUserRanges, openSieveDb, putDataset, type SieveDb, type StoredDataset } from '../../src/background/db';
import { BUNDLED_SOURCES_DATE, datasetInfo, ensureBundledDataset, useBundledDataset } from '../../src/background/ranges-service';
import { officialSources } from '../../src/background/refresh';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';
import type { RangeEntry } from '../../src/ranges/types';

let db: SieveDb;
let counter = 0;

/** What "Refresh from official sources" stored: Apple's full egress list (14,000 prefixes) plus the curated entries. */
function refreshedByOlderVersion(downloadedOn: string): StoredDataset {
  const apple: RangeEntry = {
    vendor: 'apple-icloud',
    kind: 'mail-proxy',
    tag: 'private-relay',
    cidrs: Array.from({ length: 14_000 }, (_, k) => `172.224.${k >> 6}.${(k & 63) * 4}/30`),
    source: officialSources('x').appleEgress,
    date: downloadedOn,
  };
  // The older version's curated entries: today's minus one, to show they are replaced by this version's.
  return { version: BUNDLED_DATASET_VERSION - 1, source: 'refreshed', fetchedAt: Date.parse(downloadedOn), entries: [apple, ...BUNDLED_ENTRIES.slice(1)] };
}

const dayAfter = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

beforeEach(async () => {
  counter += 1;
  db = await openSieveDb({ name: `dataset-update-${counter}` });
});

describe('extension update with a refreshed dataset', () => {
  it('keeps a refresh newer than the bundled data, with this version’s curated entries, and says so', async () => {
    const downloadedOn = dayAfter(BUNDLED_SOURCES_DATE, 3);
    await putDataset(refreshedByOlderVersion(downloadedOn), db);
    await insertUserRange({ cidr: '198.51.100.0/24', label: 'QA sandbox', kind: 'scanner', addedAt: 1 }, db);

    expect(await ensureBundledDataset(db)).toBe('kept-refresh');
    const stored = await getDataset(db);
    expect(stored?.source).toBe('refreshed');
    expect(stored?.version).toBe(BUNDLED_DATASET_VERSION);
    expect(stored?.entries[0]?.cidrs).toHaveLength(14_000);
    expect(stored?.entries.slice(1)).toEqual([...BUNDLED_ENTRIES]);
    const info = await datasetInfo(db);
    expect(info).toMatchObject({ source: 'refreshed', sourcesDate: downloadedOn, bundled: { sourcesDate: BUNDLED_SOURCES_DATE } });
    expect(info.prefixCount).toBeGreaterThan(14_000);
    expect(await listStoredUserRanges(db)).toHaveLength(1);
    // A second start of the same version changes nothing.
    expect(await ensureBundledDataset(db)).toBe('kept');
  });

  it('replaces a refresh older than the bundled data and remembers what it replaced', async () => {
    const downloadedOn = dayAfter(BUNDLED_SOURCES_DATE, -30);
    await putDataset(refreshedByOlderVersion(downloadedOn), db);
    expect(await ensureBundledDataset(db)).toBe('replaced-refresh');
    const info = await datasetInfo(db);
    expect(info.source).toBe('bundled');
    expect(info.sourcesDate).toBe(BUNDLED_SOURCES_DATE);
    expect(info.replaced).toMatchObject({ source: 'refreshed', sourcesDate: downloadedOn });
    expect(info.replaced!.prefixCount).toBeGreaterThan(14_000);
  });

  it('goes back to the bundled dataset on request', async () => {
    await putDataset(refreshedByOlderVersion(dayAfter(BUNDLED_SOURCES_DATE, 3)), db);
    await ensureBundledDataset(db);
    const info = await useBundledDataset(db);
    expect(info.source).toBe('bundled');
    expect(info.prefixCount).toBe(info.bundled!.prefixCount);
    expect((await getDataset(db))?.entries).toEqual([...BUNDLED_ENTRIES]);
  });
});
