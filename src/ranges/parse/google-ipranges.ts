// Google's published ranges: https://www.gstatic.com/ipranges/goog.json (all of Google) and
// https://www.gstatic.com/ipranges/cloud.json (customer-usable Google Cloud), both
// `{ syncToken, creationTime, prefixes: [{ ipv4Prefix } | { ipv6Prefix }, ...] }`. Google documents that
// goog.json minus cloud.json is Google's own space (https://support.google.com/a/answer/10026322).
import { formatCidr, intervalToCidrs, parseCidr, subtractIntervals, type AddressInterval } from '../ip';
import { canonicalCidr } from './cidr';
import { RangeSourceError } from './errors';

export interface GoogleIpRanges {
  creationTime?: string;
  cidrs: string[];
}

export function parseGoogleIpRanges(json: unknown): GoogleIpRanges {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RangeSourceError('expected a JSON object with "prefixes"');
  }
  const { prefixes, creationTime } = json as { prefixes?: unknown; creationTime?: unknown };
  if (!Array.isArray(prefixes)) throw new RangeSourceError('"prefixes" is missing or not a list');
  const cidrs = prefixes.map((prefix: unknown, position) => {
    const where = `prefix #${position + 1}`;
    if (typeof prefix !== 'object' || prefix === null) throw new RangeSourceError(`${where}: not an object`);
    const { ipv4Prefix, ipv6Prefix } = prefix as { ipv4Prefix?: unknown; ipv6Prefix?: unknown };
    const text = ipv4Prefix ?? ipv6Prefix;
    if (typeof text !== 'string') throw new RangeSourceError(`${where}: no ipv4Prefix or ipv6Prefix`);
    return canonicalCidr(text, where);
  });
  return { creationTime: typeof creationTime === 'string' ? creationTime : undefined, cidrs };
}

/** Addresses in `goog` that are in no `cloud` prefix, as the fewest CIDR blocks. */
export function subtractCidrs(goog: readonly string[], cloud: readonly string[]): string[] {
  const result: string[] = [];
  for (const version of [4, 6] as const) {
    const toIntervals = (list: readonly string[]): AddressInterval[] =>
      list.flatMap((text) => {
        const cidr = parseCidr(text);
        return cidr && cidr.version === version ? [{ start: cidr.start, end: cidr.end }] : [];
      });
    for (const interval of subtractIntervals(toIntervals(goog), toIntervals(cloud))) {
      for (const cidr of intervalToCidrs(version, interval)) result.push(formatCidr(cidr));
    }
  }
  return result;
}
