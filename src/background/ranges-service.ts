// The worker's range service: keeps the stored dataset current with the bundled one, builds the RangeIndex from
// IndexedDB (dataset + user ranges) once per worker start, answers lookups, and manages user ranges.
//
// Worker lifecycle: an MV3 service worker is killed when idle, so every start re-reads IndexedDB (cold start is
// measured in test/bench/ranges.bench.ts). Until the stored data is loaded, lookups wait for it; if IndexedDB
// cannot be read, the bundled index answers rather than nothing.
import browser from 'webextension-polyfill';
import type { DatasetInfo, UserRange } from '../shared/messages';
import type { RangeKind, RangeLookup, RangeMatch } from '../shared/types';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES, getBundledIndex, RangeIndex } from '../ranges/index';
import { formatCidr, parseCidr } from '../ranges/ip';
import { USER_RANGE_PRIORITY, type RangeEntry } from '../ranges/types';
import { userRangeVendorId } from '../shared/vendors';
import {
  deleteUserRange,
  findUserRangeByCidr,
  getDataset,
  insertUserRange,
  listStoredUserRanges,
  openSieveDb,
  putDataset,
  type SieveDb,
  type StoredDataset,
} from './db';
import { officialSources, REFRESH_ORIGINS, refreshFromOfficialSources, type RefreshOptions } from './refresh';

const RANGE_KINDS: readonly RangeKind[] = ['scanner', 'mail-proxy', 'web-gateway', 'cloud'];

let loadedIndex: Promise<RangeIndex> | undefined;

function bundledDataset(now: number): StoredDataset {
  return { version: BUNDLED_DATASET_VERSION, source: 'bundled', fetchedAt: now, entries: [...BUNDLED_ENTRIES] };
}

const prefixCount = (entries: readonly RangeEntry[]): number => entries.reduce((count, entry) => count + entry.cidrs.length, 0);

/** The newest date the entries' sources give (YYYY-MM-DD; every entry carries the date of its source). */
export function sourcesDate(entries: readonly RangeEntry[]): string {
  return entries.reduce((newest, entry) => (entry.date > newest ? entry.date : newest), '');
}

/**
 * Entries a refresh downloaded, as opposed to curated ones: a refresh writes one entry per official list first,
 * then the curated entries (some of which cite the same lists), so it is the leading run of official-source
 * entries, at most one per list.
 */
export function downloadedEntries(entries: readonly RangeEntry[]): RangeEntry[] {
  const officialBases = Object.values(officialSources('x')).map((url) => url.split('?')[0] as string);
  const downloaded: RangeEntry[] = [];
  for (const entry of entries) {
    if (downloaded.length === officialBases.length || !officialBases.includes(entry.source.split('?')[0] as string)) break;
    downloaded.push(entry);
  }
  return downloaded;
}

export const BUNDLED_SOURCES_DATE = sourcesDate(BUNDLED_ENTRIES);

export type EnsureOutcome = 'written' | 'kept' | 'kept-refresh' | 'replaced-refresh';

/**
 * On install, update and worker start. No dataset stored: the bundled one is written. A dataset from an older
 * version: a refreshed one whose downloaded lists are at least as new (by their own dates) as the bundled data
 * is kept, with this version's curated entries in place of the old ones; otherwise the bundled dataset replaces
 * it and remembers what it replaced (the options page says so). Never touches user ranges.
 */
export async function ensureBundledDataset(db?: SieveDb, now: number = Date.now()): Promise<EnsureOutcome> {
  const database = db ?? (await openSieveDb());
  const stored = await getDataset(database);
  if (stored && stored.version >= BUNDLED_DATASET_VERSION) return 'kept';
  if (stored?.source === 'refreshed') {
    const downloaded = downloadedEntries(stored.entries);
    const refreshDate = sourcesDate(downloaded);
    if (downloaded.length > 0 && refreshDate >= BUNDLED_SOURCES_DATE) {
      // The same order a refresh writes: downloaded first, curated after (curated tags win on equal blocks).
      await putDataset({ version: BUNDLED_DATASET_VERSION, source: 'refreshed', fetchedAt: stored.fetchedAt, entries: [...downloaded, ...BUNDLED_ENTRIES] }, database);
      loadedIndex = undefined;
      return 'kept-refresh';
    }
    await putDataset(
      {
        ...bundledDataset(now),
        replaced: { source: 'refreshed', sourcesDate: refreshDate, prefixCount: prefixCount(stored.entries), fetchedAt: stored.fetchedAt },
      },
      database,
    );
    loadedIndex = undefined;
    return 'replaced-refresh';
  }
  await putDataset(bundledDataset(now), database);
  loadedIndex = undefined;
  return 'written';
}

/** "Use the bundled list": drops a refreshed dataset for the one this version ships. User ranges stay. */
export async function useBundledDataset(db?: SieveDb, now: number = Date.now()): Promise<DatasetInfo> {
  const database = db ?? (await openSieveDb());
  await putDataset(bundledDataset(now), database);
  invalidateRangeIndex();
  return datasetInfo(database);
}

/** A user range as an index entry: higher priority than any bundled or refreshed range. */
function userRangeEntry(range: UserRange): RangeEntry {
  // The vendor id carries the label in kebab case so reason codes stay kebab-case and the UI shows the typed name.
  return {
    vendor: userRangeVendorId(range.label),
    kind: range.kind,
    cidrs: [range.cidr],
    source: 'user',
    date: new Date(range.addedAt).toISOString().slice(0, 10),
    priority: USER_RANGE_PRIORITY,
  };
}

async function buildIndexFromStore(db?: SieveDb): Promise<RangeIndex> {
  const database = db ?? (await openSieveDb());
  const [dataset, userRanges] = await Promise.all([getDataset(database), listStoredUserRanges(database)]);
  const entries = dataset?.entries ?? BUNDLED_ENTRIES;
  return RangeIndex.build([...entries, ...userRanges.map(userRangeEntry)]);
}

/** The index of the stored dataset plus user ranges, built once per worker start (or after a change). */
export function loadRangeIndex(db?: SieveDb): Promise<RangeIndex> {
  if (!loadedIndex) {
    const building = buildIndexFromStore(db).catch((error: unknown) => {
      console.error('Scanner Sieve: range data could not be read from IndexedDB; using the bundled list', error);
      loadedIndex = undefined;
      return getBundledIndex();
    });
    loadedIndex = building;
  }
  return loadedIndex;
}

/** Drops the built index so the next lookup rebuilds it from IndexedDB (after a refresh or a user-range change). */
export function invalidateRangeIndex(): void {
  loadedIndex = undefined;
}

/** The lookup the classifier takes. */
export function getRangeLookup(db?: SieveDb): Promise<RangeLookup> {
  return loadRangeIndex(db);
}

export async function lookupIp(ip: string, db?: SieveDb): Promise<RangeMatch | undefined> {
  return (await loadRangeIndex(db)).lookup(ip);
}

export async function datasetInfo(db?: SieveDb): Promise<DatasetInfo> {
  const database = db ?? (await openSieveDb());
  const [dataset, userRanges] = await Promise.all([getDataset(database), listStoredUserRanges(database)]);
  const entries = dataset?.entries ?? BUNDLED_ENTRIES;
  const source = dataset?.source ?? 'bundled';
  const downloaded = source === 'refreshed' ? downloadedEntries(entries) : [];
  const info: DatasetInfo = {
    version: String(dataset?.version ?? BUNDLED_DATASET_VERSION),
    source,
    sourcesDate: sourcesDate(downloaded) || sourcesDate(entries),
    prefixCount: prefixCount(entries),
    userRangeCount: userRanges.length,
    bundled: { version: BUNDLED_DATASET_VERSION, sourcesDate: BUNDLED_SOURCES_DATE, prefixCount: prefixCount(BUNDLED_ENTRIES) },
    ...(dataset?.replaced ? { replaced: dataset.replaced } : {}),
    ...(downloaded.length > 0
      ? { lists: downloaded.map((entry) => ({ vendor: entry.vendor, source: entry.source, date: entry.date, prefixCount: entry.cidrs.length })) }
      : {}),
  };
  if (dataset) info.fetchedAt = dataset.fetchedAt;
  return info;
}

export async function listUserRanges(db?: SieveDb): Promise<UserRange[]> {
  return listStoredUserRanges(db);
}

/**
 * Validates and stores a user range. The CIDR is stored in canonical form (`10.0.0.1/8` becomes `10.0.0.0/8`).
 * Throws an Error with a sentence the options page can show when the input is not usable.
 */
export async function addUserRange(
  request: { cidr: string; label: string; kind: RangeKind },
  db?: SieveDb,
  now: number = Date.now(),
): Promise<UserRange> {
  const cidr = parseCidr(String(request.cidr ?? ''));
  if (!cidr) {
    throw new Error(`'${String(request.cidr).slice(0, 64)}' is not an IP range. Write it like 203.0.113.0/24, 2001:db8::/32 or a single address.`);
  }
  if (!RANGE_KINDS.includes(request.kind)) throw new Error(`Kind must be one of: ${RANGE_KINDS.join(', ')}.`);
  const label = String(request.label ?? '').trim().slice(0, 200);
  if (!label) throw new Error('Give the range a label, e.g. the vendor or the office it belongs to.');
  const canonical = formatCidr(cidr);
  const database = db ?? (await openSieveDb());
  const existing = await findUserRangeByCidr(canonical, database);
  if (existing) throw new Error(`${canonical} is already in your list as "${existing.label}".`);
  const stored = await insertUserRange({ cidr: canonical, label, kind: request.kind, addedAt: now }, database);
  invalidateRangeIndex();
  return stored;
}

export async function removeUserRange(id: number, db?: SieveDb): Promise<void> {
  await deleteUserRange(id, db);
  invalidateRangeIndex();
}

/**
 * The options page's "Refresh from official sources". Requires the host permission for REFRESH_ORIGINS (the
 * options page asks for it first); throws with the reason in plain words when anything fails, keeping the
 * previous data.
 */
export async function refreshRanges(options: RefreshOptions = {}): Promise<DatasetInfo> {
  const granted = await browser.permissions.contains({ origins: [...REFRESH_ORIGINS] });
  if (!granted) {
    throw new Error(
      `Scanner Sieve needs your permission to download the official lists from ${REFRESH_ORIGINS.map((origin) => origin.replace('/*', '')).join(', ')}. Nothing was downloaded.`,
    );
  }
  const database = options.db ?? (await openSieveDb());
  const result = await refreshFromOfficialSources({ ...options, db: database });
  if (!result.ok) throw new Error(result.reason);
  invalidateRangeIndex();
  await loadRangeIndex(database);
  return datasetInfo(database);
}
