// Schema and migrations of the one IndexedDB database (fake-indexeddb, loaded by test/setup/unit.ts).
import { deleteDB, openDB } from 'idb';
import type { AuditRecord } from '../../src/shared/messages';
import {
  clearAuditRecords,
  closeSieveDb,
  DB_VERSION,
  deleteAuditRecord,
  deleteUserRange,
  findUserRangeByCidr,
  getDataset,
  getMx,
  getPageRows,
  getSetting,
  insertUserRange,
  listAuditRecords,
  listAuditRecordsByEsp,
  listStoredUserRanges,
  openSieveDb,
  putAuditRecord,
  putDataset,
  putMx,
  putPageRows,
  putSetting,
} from '../../src/background/db';
import { emptyAccumulation } from '../../src/background/accumulate';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';
import { emptySummary } from '../setup/summary';

let dbCounter = 0;
const freshName = (): string => `sieve-test-${Date.now()}-${(dbCounter += 1)}`;

afterEach(async () => {
  await closeSieveDb();
});

function audit(id: string, esp: string, createdAt: number): AuditRecord {
  return {
    id,
    esp,
    campaignName: `Campaign ${id}`,
    source: 'import',
    createdAt,
    summary: emptySummary(),
  };
}

describe('migrations', () => {
  it('upgrades a v1 database with user ranges to the current version without losing them', async () => {
    const name = freshName();
    const v1 = await openSieveDb({ name, version: 1 });
    expect([...v1.objectStoreNames].sort()).toEqual(['audits', 'dataset', 'mxCache', 'pageRows', 'settings', 'userRanges']);
    expect([...v1.transaction('userRanges').store.indexNames]).toEqual([]);
    const office = await insertUserRange({ cidr: '198.51.100.0/24', label: 'Head office proxy', kind: 'web-gateway', addedAt: 1_700_000_000_000 }, v1);
    const sandbox = await insertUserRange({ cidr: '2001:db8:5::/48', label: 'Our sandbox', kind: 'scanner', addedAt: 1_700_000_100_000 }, v1);
    await putDataset({ version: BUNDLED_DATASET_VERSION - 1, source: 'bundled', fetchedAt: 1, entries: BUNDLED_ENTRIES.slice(0, 2) }, v1);
    await putSetting('strict', true, v1);
    await closeSieveDb();

    const current = await openSieveDb({ name });
    expect(current.version).toBe(DB_VERSION);
    // v3: imported reports keep their events.
    expect([...current.objectStoreNames].sort()).toEqual(['audits', 'dataset', 'importEvents', 'mxCache', 'pageRows', 'settings', 'userRanges']);
    expect([...current.transaction('userRanges').store.indexNames]).toEqual(['byCidr']);
    expect(await listStoredUserRanges(current)).toEqual([office, sandbox]);
    expect(await findUserRangeByCidr('2001:db8:5::/48', current)).toEqual(sandbox);
    expect(await getSetting('strict', current)).toBe(true);
    expect((await getDataset(current))?.entries).toHaveLength(2);
  });

  it('creates the same schema fresh as by migration', async () => {
    const fresh = await openSieveDb({ name: freshName() });
    expect([...fresh.objectStoreNames].sort()).toEqual(['audits', 'dataset', 'importEvents', 'mxCache', 'pageRows', 'settings', 'userRanges']);
    const tx = fresh.transaction(['audits', 'userRanges']);
    expect([...tx.objectStore('audits').indexNames].sort()).toEqual(['byDate', 'byEsp']);
    expect([...tx.objectStore('userRanges').indexNames]).toEqual(['byCidr']);
    await tx.done;
  });

  it('writing a new dataset leaves user ranges alone', async () => {
    const db = await openSieveDb({ name: freshName() });
    const mine = await insertUserRange({ cidr: '203.0.113.0/24', label: 'Lab', kind: 'scanner', addedAt: 5 }, db);
    await putDataset({ version: BUNDLED_DATASET_VERSION, source: 'bundled', fetchedAt: 10, entries: [...BUNDLED_ENTRIES] }, db);
    await putDataset({ version: BUNDLED_DATASET_VERSION, source: 'refreshed', fetchedAt: 20, entries: BUNDLED_ENTRIES.slice(0, 1) }, db);
    expect(await listStoredUserRanges(db)).toEqual([mine]);
    expect(await getDataset(db)).toMatchObject({ source: 'refreshed', fetchedAt: 20 });
  });

  it('closes its connection when a newer version is opened elsewhere instead of blocking it', async () => {
    const name = freshName();
    await openSieveDb({ name });
    const newer = await openDB(name, DB_VERSION + 1, { upgrade: () => undefined });
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    await deleteDB(name);
  });
});

describe('store helpers', () => {
  it('adds, finds and deletes user ranges with generated ids', async () => {
    const db = await openSieveDb({ name: freshName() });
    const first = await insertUserRange({ cidr: '192.0.2.0/24', label: 'A', kind: 'cloud', addedAt: 1 }, db);
    const second = await insertUserRange({ cidr: '192.0.2.128/25', label: 'B', kind: 'scanner', addedAt: 2 }, db);
    expect(second.id).toBeGreaterThan(first.id);
    await deleteUserRange(first.id, db);
    expect(await listStoredUserRanges(db)).toEqual([second]);
    expect(await findUserRangeByCidr('192.0.2.0/24', db)).toBeUndefined();
  });

  it('lists audits newest first, per ESP, and deletes them', async () => {
    const db = await openSieveDb({ name: freshName() });
    await putAuditRecord(audit('a', 'mailchimp', 100), db);
    await putAuditRecord(audit('b', 'sendgrid', 300), db);
    await putAuditRecord(audit('c', 'mailchimp', 200), db);
    expect((await listAuditRecords(db)).map((record) => record.id)).toEqual(['b', 'c', 'a']);
    expect((await listAuditRecordsByEsp('mailchimp', db)).map((record) => record.id)).toEqual(['c', 'a']);
    await deleteAuditRecord('c', db);
    expect((await listAuditRecords(db)).map((record) => record.id)).toEqual(['b', 'a']);
    await clearAuditRecords(db);
    expect(await listAuditRecords(db)).toEqual([]);
  });

  it('keeps accumulated page rows per campaign key and MX answers per domain', async () => {
    const db = await openSieveDb({ name: freshName() });
    const accumulated = { ...emptyAccumulation('mailchimp:42', 'mailchimp'), updatedAt: 7 };
    await putPageRows(accumulated, db);
    expect(await getPageRows('mailchimp:42', db)).toEqual(accumulated);
    expect(await getPageRows('mailchimp:43', db)).toBeUndefined();
    await putMx('Example.COM', { host: 'proofpoint', checkedAt: 9 }, db);
    expect(await getMx('example.com', db)).toEqual({ host: 'proofpoint', checkedAt: 9 });
  });
});
