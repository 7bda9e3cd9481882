// The history's size and its cap: every stored report carries an estimate of its bytes (its summary plus, for a
// page report, its accumulated rows); the total is kept under the user's cap by removing the oldest unpinned
// reports first. The user sees the size, the cap and what was last removed in the options page, and a full disk
// in the popup (StorageProblem). Estimates, not measurements: browsers do not tell an extension the size of one
// IndexedDB record (navigator.storage.estimate() is per origin: https://developer.mozilla.org/docs/Web/API/StorageManager/estimate).
import type { AuditRecord, HistoryStatus, StorageProblem } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { deleteReports, getSetting, listAuditRecords, putSetting, type SieveDb } from './db';

const MEGABYTE = 1024 * 1024;
const LAST_PRUNED_KEY = 'history-last-pruned';

export const historyCapBytes = (settings: Settings): number => settings.history.capMegabytes * MEGABYTE;

/** A summary's share of the estimate: its JSON text at two bytes a character. */
export function approxSummaryBytes(summary: AuditRecord['summary']): number {
  return 2 * JSON.stringify(summary).length;
}

export function recordBytes(record: AuditRecord): number {
  return record.bytes ?? approxSummaryBytes(record.summary);
}

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  // Chrome and Firefox name it QuotaExceededError; Firefox's older builds said NS_ERROR_DOM_QUOTA_REACHED.
  return name === 'QuotaExceededError' || /quota/i.test(message);
}

export async function historyStatus(settings: Settings, db?: SieveDb): Promise<HistoryStatus> {
  const records = await listAuditRecords(db);
  const lastPruned = await getSetting<HistoryStatus['lastPruned']>(LAST_PRUNED_KEY, db);
  return {
    reports: records.length,
    pinned: records.filter((record) => record.pinned).length,
    historyBytes: records.reduce((sum, record) => sum + recordBytes(record), 0),
    historyCapBytes: historyCapBytes(settings),
    ...(lastPruned ? { lastPruned } : {}),
  };
}

/**
 * Removes the oldest unpinned reports until the history fits the cap; `keep` (the report just written) is never
 * removed. Returns what was removed, oldest first, and remembers it for the options page.
 */
export async function pruneHistory(
  settings: Settings,
  options: { keep?: string; now?: number; db?: SieveDb } = {},
): Promise<AuditRecord[]> {
  const cap = historyCapBytes(settings);
  const records = await listAuditRecords(options.db);
  let total = records.reduce((sum, record) => sum + recordBytes(record), 0);
  if (total <= cap) return [];
  const removed: AuditRecord[] = [];
  // listAuditRecords is newest first: walk it from the end.
  for (let index = records.length - 1; index >= 0 && total > cap; index--) {
    const record = records[index]!;
    if (record.pinned || record.id === options.keep) continue;
    removed.push(record);
    total -= recordBytes(record);
  }
  if (removed.length === 0) return [];
  await deleteReports(removed.map((record) => record.id), options.db);
  await putSetting(
    LAST_PRUNED_KEY,
    {
      at: options.now ?? Date.now(),
      reports: removed.length,
      bytes: removed.reduce((sum, record) => sum + recordBytes(record), 0),
      names: removed.slice(0, 10).map((record) => record.campaignName),
    } satisfies NonNullable<HistoryStatus['lastPruned']>,
    options.db,
  );
  return removed;
}

/** What the popup shows when a report could not be stored: why, and how big the history is against its cap. */
export async function storageProblem(error: unknown, settings: Settings, db?: SieveDb): Promise<StorageProblem> {
  let historyBytes = 0;
  try {
    historyBytes = (await historyStatus(settings, db)).historyBytes;
  } catch {
    // Reading may fail on the same full disk; the size is then unknown (0), the problem is still reported.
  }
  return {
    kind: isQuotaError(error) ? 'quota' : 'error',
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    historyBytes,
    historyCapBytes: historyCapBytes(settings),
  };
}
