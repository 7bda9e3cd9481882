// "Refresh from official sources": downloads the vendors' own machine-readable lists, validates them, and swaps
// the stored range dataset in one IndexedDB write. Modelled on uBlock Origin's assets.json updater: bundled
// copy first, remote update only on request, with a timeout and validation, and the old copy kept on any
// failure. Nothing here runs unless the user presses the button after granting the optional host permission
// for REFRESH_ORIGINS (the options page requests it; ranges-service checks it).
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../ranges/data';
import { RangeIndex } from '../ranges/index';
import { parseAppleEgressCsv } from '../ranges/parse/apple-egress';
import { RangeSourceError } from '../ranges/parse/errors';
import { parseGoogleIpRanges, subtractCidrs } from '../ranges/parse/google-ipranges';
import { parseMicrosoftEndpoints } from '../ranges/parse/microsoft-endpoints';
import type { RangeEntry } from '../ranges/types';
import { putDataset, type SieveDb, type StoredDataset } from './db';

export { officialSources, REFRESH_ORIGINS, type RefreshSourceId, type RefreshSources } from '../ranges/official-sources';
import type { RefreshSourceId, RefreshSources } from '../ranges/official-sources';
import { officialSources } from '../ranges/official-sources';

const SOURCE_NAMES: Record<RefreshSourceId, string> = {
  microsoftEndpoints: 'Microsoft 365 endpoint list',
  googleGoog: "Google's address list (goog.json)",
  googleCloud: "Google Cloud's address list (cloud.json)",
  appleEgress: "Apple's iCloud Private Relay list",
};

const MB = 1024 * 1024;
/**
 * Size ceilings, a few times today's size so growth passes and a runaway response does not: the endpoints JSON
 * is ~90 KB, goog.json ~10 KB, cloud.json ~100 KB, Apple's CSV ~12 MB (2026).
 */
export const DEFAULT_MAX_BYTES: Record<RefreshSourceId, number> = {
  microsoftEndpoints: 2 * MB,
  googleGoog: 2 * MB,
  googleCloud: 4 * MB,
  appleEgress: 48 * MB,
};

/**
 * Fewest prefixes a source must yield to be believed. Today: Exchange ~40, Google-operated ~80, Apple ~14k
 * merged. Far lower floors, so a real shrink passes while an empty or cut-off answer does not.
 */
export const DEFAULT_MIN_PREFIXES: Record<RefreshSourceId, number> = {
  microsoftEndpoints: 4,
  googleGoog: 4,
  googleCloud: 1,
  appleEgress: 100,
};

export interface RefreshOptions {
  fetch?: typeof fetch;
  sources?: Partial<RefreshSources>;
  /** Per download. */
  timeoutMs?: number;
  maxBytes?: Partial<Record<RefreshSourceId, number>>;
  minPrefixes?: Partial<Record<RefreshSourceId, number>>;
  now?: () => number;
  db?: SieveDb;
}

export type RefreshResult =
  | { ok: true; dataset: StoredDataset; prefixCount: number }
  | { ok: false; reason: string };

class RefreshError extends Error {}

async function download(
  id: RefreshSourceId,
  url: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
  maxBytes: number,
): Promise<string> {
  const name = SOURCE_NAMES[id];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: controller.signal, cache: 'no-store', credentials: 'omit' });
    } catch (error) {
      if (controller.signal.aborted) throw new RefreshError(`${name}: no answer within ${Math.round(timeoutMs / 1000)} seconds.`);
      throw new RefreshError(`${name} could not be reached (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (!response.ok) throw new RefreshError(`${name}: the server answered ${response.status} ${response.statusText}`.trim() + '.');
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(name, maxBytes);
    if (!response.body) {
      const text = await response.text();
      if (text.length > maxBytes) throw tooLarge(name, maxBytes);
      return text;
    }
    // Read in chunks so an oversized body is refused without holding all of it.
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        if (controller.signal.aborted) throw new RefreshError(`${name}: no complete answer within ${Math.round(timeoutMs / 1000)} seconds.`);
        throw new RefreshError(`${name}: the download broke off.`);
      }
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(name, maxBytes);
      }
      chunks.push(chunk.value);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(name: string, maxBytes: number): RefreshError {
  return new RefreshError(`${name} is larger than ${Math.round(maxBytes / MB)} MB; it was refused.`);
}

function parseWith<T>(id: RefreshSourceId, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const detail = error instanceof RangeSourceError || error instanceof SyntaxError ? error.message : String(error);
    throw new RefreshError(`${SOURCE_NAMES[id]} could not be read: ${detail}.`);
  }
}

function requireCount(id: RefreshSourceId, cidrs: readonly string[], minimum: number): void {
  if (cidrs.length === 0) throw new RefreshError(`${SOURCE_NAMES[id]} came back empty.`);
  if (cidrs.length < minimum) {
    throw new RefreshError(`${SOURCE_NAMES[id]} has only ${cidrs.length} ranges (expected at least ${minimum}); it looks cut off.`);
  }
}

/** Downloads and validates every official source; throws a RefreshError with a plain sentence on any problem. */
async function downloadOfficialEntries(options: RefreshOptions, fetchedOn: string): Promise<RangeEntry[]> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sources = { ...officialSources(), ...options.sources };
  const maxBytes = { ...DEFAULT_MAX_BYTES, ...options.maxBytes };
  const minPrefixes = { ...DEFAULT_MIN_PREFIXES, ...options.minPrefixes };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const get = (id: RefreshSourceId): Promise<string> => download(id, sources[id], fetchImpl, timeoutMs, maxBytes[id]);

  const [microsoftText, googText, cloudText, appleText] = await Promise.all([
    get('microsoftEndpoints'),
    get('googleGoog'),
    get('googleCloud'),
    get('appleEgress'),
  ]);

  const exchange = parseWith('microsoftEndpoints', () => parseMicrosoftEndpoints(JSON.parse(microsoftText)));
  requireCount('microsoftEndpoints', exchange, minPrefixes.microsoftEndpoints);
  const googList = parseWith('googleGoog', () => parseGoogleIpRanges(JSON.parse(googText)));
  const goog = googList.cidrs;
  requireCount('googleGoog', goog, minPrefixes.googleGoog);
  const cloudList = parseWith('googleCloud', () => parseGoogleIpRanges(JSON.parse(cloudText)));
  const cloud = cloudList.cidrs;
  requireCount('googleCloud', cloud, minPrefixes.googleCloud);
  const googleOwn = subtractCidrs(goog, cloud);
  const apple = parseWith('appleEgress', () => parseAppleEgressCsv(appleText));
  requireCount('appleEgress', apple, minPrefixes.appleEgress);

  const stripQuery = (url: string): string => url.split('?')[0] as string;
  // The list's own date where it states one (Google's creationTime); otherwise the day it was downloaded.
  const ownDate = (creationTime: string | undefined): string =>
    creationTime && /^\d{4}-\d{2}-\d{2}/.test(creationTime) ? creationTime.slice(0, 10) : fetchedOn;
  return [
    {
      vendor: 'microsoft',
      kind: 'scanner',
      tag: 'exchange-online',
      cidrs: exchange,
      source: stripQuery(sources.microsoftEndpoints),
      date: fetchedOn,
      note: 'Every range of serviceArea "Exchange" (EOP mail flow and Exchange Online service endpoints).',
    },
    {
      vendor: 'google',
      kind: 'mail-proxy',
      tag: 'image-proxy',
      cidrs: googleOwn,
      source: sources.googleGoog,
      date: ownDate(googList.creationTime),
      note: 'goog.json minus cloud.json: Google-operated space, where GoogleImageProxy fetches for Gmail readers.',
    },
    {
      vendor: 'google-cloud',
      kind: 'cloud',
      cidrs: cloud,
      source: sources.googleCloud,
      date: ownDate(cloudList.creationTime),
      note: 'Customer-usable Google Cloud: anyone can run a scanner or a VPN here.',
    },
    {
      vendor: 'apple-icloud',
      kind: 'mail-proxy',
      tag: 'private-relay',
      cidrs: apple,
      source: sources.appleEgress,
      date: fetchedOn,
      note: "Apple's full Private Relay egress list (Mail Privacy Protection prefetch and Safari Private Relay).",
    },
  ];
}

/**
 * Downloads the official lists and, only when every one of them is valid, replaces the stored dataset with the
 * refreshed one (downloaded entries plus the curated bundled entries) in a single write. On any failure the
 * stored dataset is untouched and the reason comes back in plain words.
 */
export async function refreshFromOfficialSources(options: RefreshOptions = {}): Promise<RefreshResult> {
  const now = options.now ?? Date.now;
  try {
    const fetchedAt = now();
    const fetched = await downloadOfficialEntries(options, new Date(fetchedAt).toISOString().slice(0, 10));
    // Curated entries come after the downloaded ones: for the same block in the same layer the later entry wins
    // (see RangeIndex), so a curated tag such as `eop` or `safe-links` survives a refresh.
    const entries = [...fetched, ...BUNDLED_ENTRIES];
    const index = RangeIndex.build(entries);
    if (index.stats.skippedPrefixes > 0) throw new RefreshError('The downloaded lists contain ranges the index cannot read.');
    const dataset: StoredDataset = { version: BUNDLED_DATASET_VERSION, source: 'refreshed', fetchedAt, entries };
    await putDataset(dataset, options.db);
    return { ok: true, dataset, prefixCount: index.stats.prefixes };
  } catch (error) {
    if (error instanceof RefreshError) return { ok: false, reason: `${error.message} The previous range list is still in use.` };
    return { ok: false, reason: `Refresh failed: ${error instanceof Error ? error.message : String(error)}. The previous range list is still in use.` };
  }
}
