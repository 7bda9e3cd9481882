// The ONE IndexedDB schema of the extension (only the worker opens it). Versioned with migrations keyed on the
// old version, the way idb's `upgrade(db, oldVersion, newVersion, tx)` intends: each step runs once, in order,
// and never touches stores it does not own. User data (user ranges, audits, settings) never depends on bundled
// data: replacing the range dataset writes one key of one store and nothing else.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AuditRecord, UserRange } from '../shared/messages';
import type { Campaign, MailHost } from '../shared/types';
import type { RangeEntry } from '../ranges/types';
import type { AccumulatedCampaign } from './accumulate';
import type { CompactEvents } from './compact-events';

export const DB_NAME = 'scanner-sieve';
/**
 * v1: dataset, userRanges, settings, audits (byEsp, byDate), pageRows, mxCache.
 * v2: userRanges.byCidr, so adding a range can refuse a duplicate without reading the whole store.
 * v3: importEvents, an imported report's events (by column), so a settings change re-classifies it too.
 */
export const DB_VERSION = 3;

/** The range dataset the worker indexes at start-up: the bundled copy or the last successful refresh. */
export interface StoredDataset {
  /** BUNDLED_DATASET_VERSION of the bundled data this dataset contains (a refresh keeps the curated entries). */
  version: number;
  source: 'bundled' | 'refreshed';
  /** When the dataset was written (bundled) or downloaded (refreshed), ms since the epoch. */
  fetchedAt: number;
  entries: RangeEntry[];
  /**
   * Set when an update replaced a refreshed dataset because the bundled one is newer by the sources' own dates:
   * what was replaced, so the options page can say so.
   */
  replaced?: { source: 'refreshed'; sourcesDate: string; prefixCount: number; fetchedAt: number };
}

export interface MxCacheRecord {
  host: MailHost;
  checkedAt: number;
}

/** What an imported report was classified from: the campaign without its events, and the events by column. */
export interface StoredImport {
  /** The report's audit id (`import:…`). */
  auditId: string;
  campaign: Omit<Campaign, 'events'>;
  events: CompactEvents;
}

export type NewUserRange = Omit<UserRange, 'id'>;

export interface SieveDbSchema extends DBSchema {
  dataset: { key: 'current'; value: StoredDataset };
  userRanges: { key: number; value: UserRange; indexes: { byCidr: string } };
  settings: { key: string; value: unknown };
  audits: { key: string; value: AuditRecord; indexes: { byEsp: string; byDate: number } };
  pageRows: { key: string; value: AccumulatedCampaign };
  mxCache: { key: string; value: MxCacheRecord };
  importEvents: { key: string; value: StoredImport };
}

export type SieveDb = IDBPDatabase<SieveDbSchema>;
type UpgradeTransaction = IDBPTransaction<SieveDbSchema, StoreNames<SieveDbSchema>[], 'versionchange'>;

/** Runs the migration steps between two versions. Exported for the migration test only. */
export function upgradeSieveDb(db: SieveDb, oldVersion: number, newVersion: number, tx: UpgradeTransaction): void {
  if (oldVersion < 1 && newVersion >= 1) {
    db.createObjectStore('dataset');
    // The v1 store had no index; v2 adds it below so a v1 database and a fresh one end up identical.
    db.createObjectStore('userRanges', { keyPath: 'id', autoIncrement: true });
    db.createObjectStore('settings');
    const audits = db.createObjectStore('audits', { keyPath: 'id' });
    audits.createIndex('byEsp', 'esp');
    audits.createIndex('byDate', 'createdAt');
    db.createObjectStore('pageRows', { keyPath: 'campaignKey' });
    db.createObjectStore('mxCache');
  }
  if (oldVersion < 2 && newVersion >= 2) {
    tx.objectStore('userRanges').createIndex('byCidr', 'cidr');
  }
  if (oldVersion < 3 && newVersion >= 3) {
    db.createObjectStore('importEvents', { keyPath: 'auditId' });
  }
}

const connections = new Map<string, Promise<SieveDb>>();

/**
 * Opens (and upgrades) the database; one shared connection per name and version. A newer version opened
 * elsewhere (an extension update while a page holds the old worker) closes this connection instead of
 * blocking the upgrade.
 */
export function openSieveDb(options: { name?: string; version?: number } = {}): Promise<SieveDb> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  const key = `${name}@${version}`;
  let connection = connections.get(key);
  if (!connection) {
    connection = openDB<SieveDbSchema>(name, version, {
      upgrade: (db, oldVersion, newVersion, tx) => upgradeSieveDb(db, oldVersion, newVersion ?? version, tx),
      blocking: () => {
        void connection?.then((db) => db.close());
        connections.delete(key);
      },
    });
    connections.set(key, connection);
    connection.catch(() => connections.delete(key));
  }
  return connection;
}

/** Closes every shared connection (tests, and before deleting the database). */
export async function closeSieveDb(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  for (const connection of open) {
    try {
      (await connection).close();
    } catch {
      // A connection that never opened has nothing to close.
    }
  }
}

// ---- dataset ----

export async function getDataset(db?: SieveDb): Promise<StoredDataset | undefined> {
  return (db ?? (await openSieveDb())).get('dataset', 'current');
}

/** Replaces the dataset in one transaction: readers see the old one or the new one, never a mix. */
export async function putDataset(dataset: StoredDataset, db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).put('dataset', dataset, 'current');
}

// ---- user ranges ----

export async function listStoredUserRanges(db?: SieveDb): Promise<UserRange[]> {
  return (db ?? (await openSieveDb())).getAll('userRanges');
}

/** Stores a user range and returns it with its new id. The caller validates the CIDR. */
export async function insertUserRange(range: NewUserRange, db?: SieveDb): Promise<UserRange> {
  const database = db ?? (await openSieveDb());
  // `id` is assigned by the autoIncrement key generator; the record is stored without it first.
  const id = await database.add('userRanges', range as UserRange);
  return { ...range, id };
}

export async function findUserRangeByCidr(cidr: string, db?: SieveDb): Promise<UserRange | undefined> {
  return (db ?? (await openSieveDb())).getFromIndex('userRanges', 'byCidr', cidr);
}

export async function deleteUserRange(id: number, db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).delete('userRanges', id);
}

// ---- settings ----

export async function getSetting<T>(key: string, db?: SieveDb): Promise<T | undefined> {
  return (await (db ?? (await openSieveDb())).get('settings', key)) as T | undefined;
}

export async function putSetting(key: string, value: unknown, db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).put('settings', value, key);
}

/**
 * Reads, changes and writes one setting in ONE readwrite transaction: IndexedDB runs readwrite transactions on
 * the same store one after the other, so two concurrent updates both see the other's write (no lost update).
 */
export async function updateSetting<T>(key: string, update: (stored: unknown) => T, db?: SieveDb): Promise<T> {
  const tx = (db ?? (await openSieveDb())).transaction('settings', 'readwrite');
  const next = update(await tx.store.get(key));
  await Promise.all([tx.store.put(next, key), tx.done]);
  return next;
}

// ---- audits ----

/** Newest first. */
export async function listAuditRecords(db?: SieveDb): Promise<AuditRecord[]> {
  const records = await (db ?? (await openSieveDb())).getAllFromIndex('audits', 'byDate');
  return records.reverse();
}

/** Newest first, one ESP. */
export async function listAuditRecordsByEsp(esp: string, db?: SieveDb): Promise<AuditRecord[]> {
  const records = await (db ?? (await openSieveDb())).getAllFromIndex('audits', 'byEsp', esp);
  return records.sort((a, b) => b.createdAt - a.createdAt);
}

export async function putAuditRecord(record: AuditRecord, db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).put('audits', record);
}

export async function deleteAuditRecord(id: string, db?: SieveDb): Promise<void> {
  // A page report's rows go with it, or they would come back (and count against the cap) unseen.
  await deleteReports([id], db);
}

/** The audit id of a campaign's accumulated page report (its rows are in pageRows under the campaign key). */
const PAGE_AUDIT_PREFIX = 'page:';
export const pageAuditId = (campaignKey: string): string => `${PAGE_AUDIT_PREFIX}${campaignKey}`;
/** The campaign key of a page report's audit id; undefined for an imported report's id. */
export const pageCampaignKeyOf = (auditId: string): string | undefined =>
  auditId.startsWith(PAGE_AUDIT_PREFIX) ? auditId.slice(PAGE_AUDIT_PREFIX.length) : undefined;

/** The stores that hold a report's events: accumulated page rows, or an import's events. */
type EventStore = 'pageRows' | 'importEvents';
const REPORT_STORES = ['pageRows', 'importEvents', 'audits'] as const;

/**
 * Stores a report: its events (a page's accumulated rows or an import's events) and its history record, in ONE
 * transaction (both or neither), and keeps the user's pin. Rejects with the browser's error (QuotaExceededError
 * on a full disk); nothing is written.
 */
async function storeReport(
  events: { store: 'pageRows'; value: AccumulatedCampaign } | { store: 'importEvents'; value: StoredImport },
  audit: AuditRecord,
  db?: SieveDb,
): Promise<AuditRecord> {
  const stores: [EventStore, 'audits'] = [events.store, 'audits'];
  const tx = (db ?? (await openSieveDb())).transaction(stores, 'readwrite');
  try {
    const existing = await tx.objectStore('audits').get(audit.id);
    const record: AuditRecord = existing?.pinned ? { ...audit, pinned: true } : audit;
    const written =
      events.store === 'pageRows' ? tx.objectStore('pageRows').put(events.value) : tx.objectStore('importEvents').put(events.value);
    await Promise.all([written, tx.objectStore('audits').put(record), tx.done]);
    return record;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

export function storePageReport(accumulated: AccumulatedCampaign, audit: AuditRecord, db?: SieveDb): Promise<AuditRecord> {
  return storeReport({ store: 'pageRows', value: accumulated }, audit, db);
}

export function storeImportReport(stored: StoredImport, audit: AuditRecord, db?: SieveDb): Promise<AuditRecord> {
  return storeReport({ store: 'importEvents', value: stored }, audit, db);
}

export async function getImportEvents(auditId: string, db?: SieveDb): Promise<StoredImport | undefined> {
  return (db ?? (await openSieveDb())).get('importEvents', auditId);
}

/** Changes one stored audit in a transaction of its own (pin, new summary); a missing audit is left missing. */
export async function updateAuditRecord(id: string, update: (record: AuditRecord) => AuditRecord, db?: SieveDb): Promise<boolean> {
  const tx = (db ?? (await openSieveDb())).transaction('audits', 'readwrite');
  const record = await tx.store.get(id);
  if (record) await tx.store.put(update(record));
  await tx.done;
  return record !== undefined;
}

/** Deletes reports and their events (accumulated page rows, imported events) in one transaction. */
export async function deleteReports(ids: readonly string[], db?: SieveDb): Promise<void> {
  const tx = (db ?? (await openSieveDb())).transaction([...REPORT_STORES], 'readwrite');
  const deletions: Array<Promise<unknown>> = [];
  for (const id of ids) {
    deletions.push(tx.objectStore('audits').delete(id));
    const campaignKey = pageCampaignKeyOf(id);
    if (campaignKey !== undefined) deletions.push(tx.objectStore('pageRows').delete(campaignKey));
    else deletions.push(tx.objectStore('importEvents').delete(id));
  }
  await Promise.all([...deletions, tx.done]);
}

/** Clears the history: every report and the events behind it, in one transaction. */
export async function clearReports(db?: SieveDb): Promise<void> {
  const tx = (db ?? (await openSieveDb())).transaction([...REPORT_STORES], 'readwrite');
  await Promise.all([...REPORT_STORES.map((store) => tx.objectStore(store).clear()), tx.done]);
}

export async function clearAuditRecords(db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).clear('audits');
}

// ---- accumulated page rows ----

export async function getPageRows(campaignKey: string, db?: SieveDb): Promise<AccumulatedCampaign | undefined> {
  return (db ?? (await openSieveDb())).get('pageRows', campaignKey);
}

export async function putPageRows(accumulated: AccumulatedCampaign, db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).put('pageRows', accumulated);
}

// ---- MX cache ----

export async function getMx(domain: string, db?: SieveDb): Promise<MxCacheRecord | undefined> {
  return (db ?? (await openSieveDb())).get('mxCache', domain.toLowerCase());
}

/** Many cache reads in one transaction (a page may list thousands of recipient domains). */
export async function getMxMany(domains: readonly string[], db?: SieveDb): Promise<Array<MxCacheRecord | undefined>> {
  const tx = (db ?? (await openSieveDb())).transaction('mxCache', 'readonly');
  const records = await Promise.all(domains.map((domain) => tx.store.get(domain.toLowerCase())));
  await tx.done;
  return records;
}

export async function putMx(domain: string, record: MxCacheRecord, db?: SieveDb): Promise<void> {
  await (db ?? (await openSieveDb())).put('mxCache', record, domain.toLowerCase());
}
