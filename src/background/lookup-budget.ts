// Caps on the opt-in DNS-over-HTTPS mail-host lookup, and its counts for the options page. A page decides which
// recipient domains the worker sees, so without a cap a page listing 50,000 domains would make the worker send
// 50,000 queries to the user's resolver. Every query is first taken from a per-minute and a per-day budget; what
// the budget refuses waits for a later read (the answer is only a prior, never a label on its own). The counts
// are kept in IndexedDB, so a worker restart neither resets the caps nor loses the figures.
import type { LookupStats } from '../shared/messages';
import { getSetting, updateSetting, type SieveDb } from './db';

/** Queries per rolling minute: a 500-domain report fills the cache over ~8 minutes of reading, politely. */
export const LOOKUPS_PER_MINUTE = 60;
/** Queries per UTC day: a busy user's week of new tenants, not a page's mailing list. */
export const LOOKUPS_PER_DAY = 2000;

const STATS_KEY = 'lookup-stats';
const MINUTE_MS = 60_000;

interface StoredLookupStats {
  queriesSent: number;
  cacheHits: number;
  cacheMisses: number;
  heldBack: number;
  /** Send times within the last minute (at most LOOKUPS_PER_MINUTE of them). */
  recentSends: number[];
  /** UTC day (YYYY-MM-DD) of `sentToday`. */
  day: string;
  sentToday: number;
}

export interface LookupCaps {
  perMinute: number;
  perDay: number;
}

const DEFAULT_CAPS: LookupCaps = { perMinute: LOOKUPS_PER_MINUTE, perDay: LOOKUPS_PER_DAY };

const utcDay = (time: number): string => new Date(time).toISOString().slice(0, 10);

function readStats(stored: unknown, now: number): StoredLookupStats {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<StoredLookupStats>;
  const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);
  const today = utcDay(now);
  return {
    queriesSent: count(record.queriesSent),
    cacheHits: count(record.cacheHits),
    cacheMisses: count(record.cacheMisses),
    heldBack: count(record.heldBack),
    recentSends: Array.isArray(record.recentSends)
      ? record.recentSends.filter((time): time is number => typeof time === 'number' && time > now - MINUTE_MS && time <= now)
      : [],
    day: today,
    sentToday: record.day === today ? count(record.sentToday) : 0,
  };
}

/**
 * Takes up to `wanted` queries from the budget at `now` and records them as sent; returns how many may be sent.
 * One IndexedDB transaction, so concurrent lookups never overspend. The rest are counted as held back.
 */
export async function takeLookupBudget(wanted: number, now: number = Date.now(), caps: LookupCaps = DEFAULT_CAPS, db?: SieveDb): Promise<number> {
  let granted = 0;
  await updateSetting(
    STATS_KEY,
    (stored) => {
      const stats = readStats(stored, now);
      granted = Math.max(0, Math.min(wanted, caps.perMinute - stats.recentSends.length, caps.perDay - stats.sentToday));
      for (let k = 0; k < granted; k++) stats.recentSends.push(now);
      stats.sentToday += granted;
      stats.queriesSent += granted;
      stats.heldBack += wanted - granted;
      return stats;
    },
    db,
  );
  return granted;
}

/** Counts cache answers: `hits` domains answered from the cache, `misses` that needed the resolver. */
export async function recordLookupCache(hits: number, misses: number, now: number = Date.now(), db?: SieveDb): Promise<void> {
  if (hits === 0 && misses === 0) return;
  await updateSetting(
    STATS_KEY,
    (stored) => {
      const stats = readStats(stored, now);
      stats.cacheHits += hits;
      stats.cacheMisses += misses;
      return stats;
    },
    db,
  );
}

export async function lookupStats(now: number = Date.now(), caps: LookupCaps = DEFAULT_CAPS, db?: SieveDb): Promise<LookupStats> {
  const stats = readStats(await getSetting<unknown>(STATS_KEY, db), now);
  return {
    queriesSent: stats.queriesSent,
    cacheHits: stats.cacheHits,
    cacheMisses: stats.cacheMisses,
    heldBack: stats.heldBack,
    sentLastMinute: stats.recentSends.length,
    sentToday: stats.sentToday,
    perMinuteCap: caps.perMinute,
    perDayCap: caps.perDay,
  };
}
