// IP address and CIDR parsing shared by the range index, the official-format parsers and the options page.
// Pure code: no browser or DOM. The lookup path (`parseIPv4`, `parseIPv6Into`) allocates nothing and never
// throws; the build path works in BigInt, which is exact for 128-bit arithmetic and only runs once per load.
//
// Textual rules follow Node's `net.isIP` (RFC 4291 §2.2 text forms, RFC 6874 zone ids): dotted-quad IPv4
// with no leading zeros (inet_aton would read `010` as octal 8, so we refuse the ambiguity instead of
// guessing), IPv6 with at most one `::`, 1-4 hex digits per group and an optional trailing dotted quad.

export type IpVersion = 4 | 6;

export interface Cidr {
  version: IpVersion;
  /** First address of the block (host bits cleared), as an unsigned integer. */
  start: bigint;
  /** Last address of the block, inclusive. */
  end: bigint;
  prefixLength: number;
  /** True when the written address had bits set below the prefix (e.g. `10.0.0.1/8`). */
  hostBitsSet: boolean;
}

const IPV4_MAX = (1n << 32n) - 1n;
const IPV6_MAX = (1n << 128n) - 1n;

/** Largest address of a family, as BigInt. */
export function maxAddress(version: IpVersion): bigint {
  return version === 4 ? IPV4_MAX : IPV6_MAX;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * Parses dotted-quad IPv4 in `text[from, to)` to an unsigned 32-bit number; -1 when it is not one.
 * Kept index-based so the IPv6 parser can reuse it for an embedded IPv4 tail without slicing.
 */
function parseIPv4Span(text: string, from: number, to: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      if (leadingZero) return -1;
      if (digits === 0 && code === 48) leadingZero = true;
      octet = octet * 10 + (code - 48);
      digits += 1;
      if (digits > 3 || octet > 255) return -1;
    } else if (code === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
      leadingZero = false;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

/** Dotted-quad IPv4 → unsigned 32-bit number, or undefined. Never throws. */
export function parseIPv4(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const value = parseIPv4Span(text, 0, text.length);
  return value < 0 ? undefined : value;
}

/**
 * Parses IPv6 text (compressed forms, embedded IPv4 tail, `%zone` suffix, optional `[...]` brackets) into four
 * big-endian 32-bit words written to `out`. Returns false, leaving `out` unspecified, when the text is not IPv6.
 * Allocation-free so the index can call it per lookup.
 */
const ZONE_ID = /^[0-9a-zA-Z.:-]+$/;

export function parseIPv6Into(text: string, out: Uint32Array): boolean {
  if (typeof text !== 'string') return false;
  let from = 0;
  let to = text.length;
  if (to > 1 && text.charCodeAt(0) === 91 /* [ */ && text.charCodeAt(to - 1) === 93 /* ] */) {
    from = 1;
    to -= 1;
  }
  // RFC 6874 zone id: what follows '%' names an interface, not part of the address. Like Node's isIPv6, the
  // zone must be non-empty and made of letters, digits, '-', '.' and ':' (so `::%%` is not an address).
  for (let i = from; i < to; i += 1) {
    if (text.charCodeAt(i) === 37 /* % */) {
      if (i === to - 1 || !ZONE_ID.test(text.slice(i + 1, to))) return false;
      to = i;
      break;
    }
  }
  if (to - from < 2) return false;

  // Up to 8 groups; `gap` is the group index where '::' sits (-1 when absent).
  const groups = GROUP_SCRATCH;
  let count = 0;
  let gap = -1;
  let i = from;
  if (text.charCodeAt(i) === 58 /* : */) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
    if (i === to) {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
      out[3] = 0;
      return true;
    }
  }
  while (i < to) {
    // Find the end of this group.
    let j = i;
    let group = 0;
    let hexDigits = 0;
    let sawDot = false;
    while (j < to) {
      const code = text.charCodeAt(j);
      if (code === 58) break;
      if (code === 46) sawDot = true;
      j += 1;
    }
    if (sawDot) {
      // Embedded IPv4 must be the final 32 bits.
      if (j !== to || count > 6) return false;
      const v4 = parseIPv4Span(text, i, j);
      if (v4 < 0) return false;
      groups[count] = Math.floor(v4 / 65536);
      groups[count + 1] = v4 % 65536;
      count += 2;
      i = j;
      break;
    }
    for (let k = i; k < j; k += 1) {
      const digit = hexValue(text.charCodeAt(k));
      if (digit < 0) return false;
      group = group * 16 + digit;
      hexDigits += 1;
    }
    if (hexDigits === 0 || hexDigits > 4 || count === 8) return false;
    groups[count] = group;
    count += 1;
    if (j === to) {
      i = j;
      break;
    }
    // j points at ':'.
    if (text.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === to) return false; // trailing single ':'
    }
  }
  if (gap >= 0) {
    if (count > 7) return false;
  } else if (count !== 8) {
    return false;
  }
  const zeros = 8 - count;
  let word = 0;
  let index = 0;
  for (let g = 0; g < 8; g += 1) {
    let value: number;
    if (gap >= 0 && g >= gap && g < gap + zeros) value = 0;
    else {
      value = groups[index] ?? 0;
      index += 1;
    }
    if (g % 2 === 0) word = value * 65536;
    else out[g >> 1] = word + value;
  }
  return true;
}

const GROUP_SCRATCH = new Array<number>(8).fill(0);

/** Four big-endian 32-bit words → 128-bit BigInt. */
export function wordsToBigInt(words: ArrayLike<number>): bigint {
  return (
    (BigInt(words[0] ?? 0) << 96n) |
    (BigInt(words[1] ?? 0) << 64n) |
    (BigInt(words[2] ?? 0) << 32n) |
    BigInt(words[3] ?? 0)
  );
}

export type ParsedIp = { version: 4; value: bigint } | { version: 6; value: bigint };

/**
 * Any textual address → its family and value. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) stays version 6 here;
 * callers that want the IPv4 meaning use `unmapIPv4`.
 */
export function parseIp(text: string): ParsedIp | undefined {
  if (typeof text !== 'string') return undefined;
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { version: 4, value: BigInt(v4) };
  const words = new Uint32Array(4);
  if (!parseIPv6Into(text, words)) return undefined;
  return { version: 6, value: wordsToBigInt(words) };
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2) → the IPv4 value; undefined for any other IPv6 value. */
export function unmapIPv4(value: bigint): bigint | undefined {
  return value >> 32n === 0xffffn ? value & IPV4_MAX : undefined;
}

/** Parses `a.b.c.d/n`, `v6/n`, or a bare address (as /32 or /128). Undefined when malformed. Never throws. */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash < 0 ? trimmed : trimmed.slice(0, slash);
  if (addressText.includes('%')) return undefined; // a zone id has no place in a network
  const address = parseIp(addressText);
  if (!address) return undefined;
  const bits = address.version === 4 ? 32 : 128;
  let prefixLength = bits;
  if (slash >= 0) {
    const lengthText = trimmed.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(lengthText)) return undefined;
    prefixLength = Number(lengthText);
    if (prefixLength > bits) return undefined;
  }
  const hostBits = BigInt(bits - prefixLength);
  const hostMask = (1n << hostBits) - 1n;
  const start = address.value & ~hostMask & maxAddress(address.version);
  return {
    version: address.version,
    start,
    end: start | hostMask,
    prefixLength,
    hostBitsSet: (address.value & hostMask) !== 0n,
  };
}

/** IPv4 value → dotted quad. */
export function formatIPv4(value: bigint | number): string {
  const n = Number(value);
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** IPv6 value → RFC 5952 canonical text (lower case, longest zero run of ≥2 groups compressed). */
export function formatIPv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

/** Canonical CIDR text for a block (host bits already cleared). */
export function formatCidr(cidr: Pick<Cidr, 'version' | 'start' | 'prefixLength'>): string {
  const address = cidr.version === 4 ? formatIPv4(cidr.start) : formatIPv6(cidr.start);
  return `${address}/${cidr.prefixLength}`;
}

/** Orders CIDRs: IPv4 before IPv6, then by start address, then broader before narrower. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefixLength - b.prefixLength;
}

/** An inclusive address interval of one family. */
export interface AddressInterval {
  start: bigint;
  end: bigint;
}

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: readonly AddressInterval[]): AddressInterval[] {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: AddressInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end + 1n) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/** `minuend` minus `subtrahend`, both any intervals; the result is merged and sorted. */
export function subtractIntervals(
  minuend: readonly AddressInterval[],
  subtrahend: readonly AddressInterval[],
): AddressInterval[] {
  const keep = mergeIntervals(minuend);
  const cut = mergeIntervals(subtrahend);
  const result: AddressInterval[] = [];
  let c = 0;
  for (const interval of keep) {
    let start = interval.start;
    while (c < cut.length && (cut[c] as AddressInterval).end < start) c += 1;
    let k = c;
    while (k < cut.length && (cut[k] as AddressInterval).start <= interval.end) {
      const hole = cut[k] as AddressInterval;
      if (hole.start > start) result.push({ start, end: hole.start - 1n });
      if (hole.end >= interval.end) {
        start = interval.end + 1n;
        break;
      }
      start = hole.end + 1n;
      k += 1;
    }
    if (start <= interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

/** Smallest list of CIDR blocks that exactly covers an interval. */
export function intervalToCidrs(version: IpVersion, interval: AddressInterval): Cidr[] {
  const bits = version === 4 ? 32 : 128;
  const cidrs: Cidr[] = [];
  let start = interval.start;
  while (start <= interval.end) {
    // Largest block aligned at `start` that does not run past the end.
    let hostBits = 0;
    while (hostBits < bits) {
      const size = 1n << BigInt(hostBits + 1);
      if ((start & (size - 1n)) !== 0n || start + size - 1n > interval.end) break;
      hostBits += 1;
    }
    const end = start + (1n << BigInt(hostBits)) - 1n;
    cidrs.push({ version, start, end, prefixLength: bits - hostBits, hostBitsSet: false });
    start = end + 1n;
  }
  return cidrs;
}

/**
 * Collapses a list of CIDR texts into the smallest equivalent sorted list (merging adjacent and nested
 * blocks). Unparsable items are dropped; parsers report them before calling this.
 */
export function aggregateCidrs(texts: Iterable<string>): string[] {
  const parsed: Cidr[] = [];
  for (const text of texts) {
    const cidr = parseCidr(text);
    if (cidr) parsed.push(cidr);
  }
  return aggregateParsedCidrs(parsed);
}

/** `aggregateCidrs` for blocks already parsed (saves a second parse of large lists). */
export function aggregateParsedCidrs(cidrs: Iterable<Pick<Cidr, 'version' | 'start' | 'end'>>): string[] {
  const byVersion: Record<IpVersion, AddressInterval[]> = { 4: [], 6: [] };
  for (const cidr of cidrs) byVersion[cidr.version].push({ start: cidr.start, end: cidr.end });
  const out: string[] = [];
  for (const version of [4, 6] as const) {
    for (const interval of mergeIntervals(byVersion[version])) {
      for (const cidr of intervalToCidrs(version, interval)) out.push(formatCidr(cidr));
    }
  }
  return out;
}
