// The compiled range index: every CIDR of every entry flattened once into non-overlapping, sorted address
// segments held in typed arrays, answered by binary search (uBlock Origin's lesson: index once at load into
// typed arrays, then lookups touch no objects). IPv4 segments are pairs of Uint32; IPv6 segments are four
// big-endian Uint32 words per bound, so a lookup needs no BigInt.
//
// Precedence, decided at build time so lookups never weigh candidates:
//   1. a higher `priority` layer beats a lower one everywhere it covers (user ranges over bundled data);
//   2. within a layer the most specific block wins (EOP's /16 inside a wider Microsoft block keeps its tag);
//   3. the same block listed twice in one layer: the later entry wins.
import type { RangeLookup, RangeMatch } from '../shared/types';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from './data';
import { parseCidr, parseIPv4, parseIPv6Into, type IpVersion } from './ip';
import type { RangeEntry } from './types';

export { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES };
export type { RangeEntry };

interface Segment {
  start: bigint;
  end: bigint;
  payload: number;
}

interface Block {
  start: bigint;
  end: bigint;
  prefixLength: number;
  order: number;
  payload: number;
}

/** Figures about a built index, for the benchmark and the options page. */
export interface RangeIndexStats {
  entries: number;
  /** CIDRs read from the entries. */
  prefixes: number;
  /** CIDRs that did not parse and were left out. */
  skippedPrefixes: number;
  ipv4Segments: number;
  ipv6Segments: number;
}

export class RangeIndex implements RangeLookup {
  private readonly scratch = new Uint32Array(4);

  private constructor(
    private readonly matches: readonly RangeMatch[],
    private readonly v4Starts: Uint32Array,
    private readonly v4Ends: Uint32Array,
    private readonly v4Payloads: Uint32Array,
    private readonly v6Starts: Uint32Array,
    private readonly v6Ends: Uint32Array,
    private readonly v6Payloads: Uint32Array,
    readonly stats: RangeIndexStats,
  ) {}

  /** Compiles entries into an index. Unparsable CIDRs are skipped and counted in `stats.skippedPrefixes`. */
  static build(entries: readonly RangeEntry[]): RangeIndex {
    const matches: RangeMatch[] = [];
    const matchIds = new Map<string, number>();
    const layers = new Map<number, Record<IpVersion, Block[]>>();
    let prefixes = 0;
    let skippedPrefixes = 0;
    let order = 0;
    for (const entry of entries) {
      const key = `${entry.vendor}\u0000${entry.kind}\u0000${entry.tag ?? ''}`;
      let payload = matchIds.get(key);
      if (payload === undefined) {
        payload = matches.length;
        const match: RangeMatch = { vendor: entry.vendor, kind: entry.kind };
        if (entry.tag) match.tag = entry.tag;
        matches.push(Object.freeze(match));
        matchIds.set(key, payload);
      }
      const priority = entry.priority ?? 0;
      let layer = layers.get(priority);
      if (!layer) {
        layer = { 4: [], 6: [] };
        layers.set(priority, layer);
      }
      for (const text of entry.cidrs) {
        prefixes += 1;
        const cidr = parseCidr(text);
        if (!cidr) {
          skippedPrefixes += 1;
          continue;
        }
        order += 1;
        layer[cidr.version].push({
          start: cidr.start,
          end: cidr.end,
          prefixLength: cidr.prefixLength,
          order,
          payload,
        });
      }
    }

    const priorities = [...layers.keys()].sort((a, b) => a - b);
    const compiled: Record<IpVersion, Segment[]> = { 4: [], 6: [] };
    for (const version of [4, 6] as const) {
      let segments: Segment[] = [];
      for (const priority of priorities) {
        const blocks = layers.get(priority)?.[version] ?? [];
        segments = overlay(segments, flattenLayer(blocks));
      }
      compiled[version] = joinAdjacent(segments);
    }

    const v4 = compiled[4];
    const v4Starts = new Uint32Array(v4.length);
    const v4Ends = new Uint32Array(v4.length);
    const v4Payloads = new Uint32Array(v4.length);
    v4.forEach((segment, i) => {
      v4Starts[i] = Number(segment.start);
      v4Ends[i] = Number(segment.end);
      v4Payloads[i] = segment.payload;
    });
    const v6 = compiled[6];
    const v6Starts = new Uint32Array(v6.length * 4);
    const v6Ends = new Uint32Array(v6.length * 4);
    const v6Payloads = new Uint32Array(v6.length);
    v6.forEach((segment, i) => {
      writeWords(segment.start, v6Starts, i * 4);
      writeWords(segment.end, v6Ends, i * 4);
      v6Payloads[i] = segment.payload;
    });
    return new RangeIndex(matches, v4Starts, v4Ends, v4Payloads, v6Starts, v6Ends, v6Payloads, {
      entries: entries.length,
      prefixes,
      skippedPrefixes,
      ipv4Segments: v4.length,
      ipv6Segments: v6.length,
    });
  }

  /** Who owns this address. IPv4, IPv6 (any text form, zone id, brackets) and IPv4-mapped IPv6. Never throws. */
  lookup(ip: string): RangeMatch | undefined {
    if (typeof ip !== 'string' || ip.length === 0) return undefined;
    let text = ip;
    if (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1))) text = text.trim();
    const v4 = parseIPv4(text);
    if (v4 !== undefined) return this.lookupV4(v4);
    const words = this.scratch;
    if (!parseIPv6Into(text, words)) return undefined;
    // IPv4-mapped IPv6 (RFC 4291 §2.5.5.2): the dual-stack socket's view of an IPv4 client.
    if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) return this.lookupV4(words[3] as number);
    return this.lookupV6(words);
  }

  private lookupV4(address: number): RangeMatch | undefined {
    const starts = this.v4Starts;
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if ((starts[mid] as number) <= address) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0 || (this.v4Ends[found] as number) < address) return undefined;
    return this.matches[this.v4Payloads[found] as number];
  }

  private lookupV6(words: Uint32Array): RangeMatch | undefined {
    const starts = this.v6Starts;
    const w0 = words[0] as number;
    const w1 = words[1] as number;
    const w2 = words[2] as number;
    const w3 = words[3] as number;
    let low = 0;
    let high = this.v6Payloads.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (compareWords(starts, mid * 4, w0, w1, w2, w3) <= 0) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0 || compareWords(this.v6Ends, found * 4, w0, w1, w2, w3) < 0) return undefined;
    return this.matches[this.v6Payloads[found] as number];
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Sign of (stored words at `base`) − (w0..w3). */
function compareWords(array: Uint32Array, base: number, w0: number, w1: number, w2: number, w3: number): number {
  let a = array[base] as number;
  if (a !== w0) return a < w0 ? -1 : 1;
  a = array[base + 1] as number;
  if (a !== w1) return a < w1 ? -1 : 1;
  a = array[base + 2] as number;
  if (a !== w2) return a < w2 ? -1 : 1;
  a = array[base + 3] as number;
  if (a !== w3) return a < w3 ? -1 : 1;
  return 0;
}

function writeWords(value: bigint, target: Uint32Array, offset: number): void {
  target[offset] = Number((value >> 96n) & 0xffffffffn);
  target[offset + 1] = Number((value >> 64n) & 0xffffffffn);
  target[offset + 2] = Number((value >> 32n) & 0xffffffffn);
  target[offset + 3] = Number(value & 0xffffffffn);
}

/**
 * One layer's CIDR blocks → disjoint segments where each address carries its most specific block.
 * CIDR blocks never partly overlap (two blocks are nested or disjoint), so a stack sweep over blocks sorted by
 * start, broader first, sees each block only inside the blocks that contain it.
 */
function flattenLayer(blocks: Block[]): Segment[] {
  blocks.sort((a, b) =>
    a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.prefixLength - b.prefixLength || a.order - b.order,
  );
  const segments: Segment[] = [];
  const stack: Block[] = [];
  let cursor = 0n;
  const emit = (start: bigint, end: bigint, payload: number): void => {
    if (start <= end) segments.push({ start, end, payload });
  };
  for (const block of blocks) {
    let top = stack[stack.length - 1];
    while (top && top.end < block.start) {
      emit(cursor, top.end, top.payload);
      if (top.end + 1n > cursor) cursor = top.end + 1n;
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (top) emit(cursor, block.start - 1n, top.payload);
    cursor = block.start;
    stack.push(block);
  }
  while (stack.length > 0) {
    const top = stack.pop() as Block;
    emit(cursor, top.end, top.payload);
    if (top.end + 1n > cursor) cursor = top.end + 1n;
  }
  return segments;
}

/** `upper` segments replace whatever `lower` had at the same addresses. Both inputs sorted and disjoint. */
function overlay(lower: Segment[], upper: Segment[]): Segment[] {
  if (lower.length === 0) return upper;
  if (upper.length === 0) return lower;
  const kept: Segment[] = [];
  let u = 0;
  for (const segment of lower) {
    let start = segment.start;
    while (u < upper.length && (upper[u] as Segment).end < start) u += 1;
    let k = u;
    while (k < upper.length && (upper[k] as Segment).start <= segment.end) {
      const hole = upper[k] as Segment;
      if (hole.start > start) kept.push({ start, end: hole.start - 1n, payload: segment.payload });
      start = hole.end + 1n;
      if (start > segment.end) break;
      k += 1;
    }
    if (start <= segment.end) kept.push({ start, end: segment.end, payload: segment.payload });
  }
  const merged = kept.concat(upper);
  merged.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return merged;
}

/** Joins touching segments that answer the same match, so the arrays stay as short as the data allows. */
function joinAdjacent(segments: Segment[]): Segment[] {
  const joined: Segment[] = [];
  for (const segment of segments) {
    const last = joined[joined.length - 1];
    if (last && last.payload === segment.payload && last.end + 1n === segment.start) last.end = segment.end;
    else joined.push({ ...segment });
  }
  return joined;
}

let bundledIndex: RangeIndex | undefined;

/** The index of the data shipped with the extension, built on first use and kept. */
export function getBundledIndex(): RangeIndex {
  bundledIndex ??= RangeIndex.build(BUNDLED_ENTRIES);
  return bundledIndex;
}
