// Apple's iCloud Private Relay egress list, https://mask-api.icloud.com/egress-ip-ranges.csv: an RFC 8805
// geofeed, one `prefix,country,region,city,` row per line (~287k rows). Only the prefix matters here.
import { aggregateParsedCidrs, type Cidr } from '../ip';
import { requireCidr } from './cidr';

/**
 * The egress prefixes, merged into the fewest blocks (adjacent per-city rows collapse). A bad row throws a
 * RangeSourceError naming its line; an empty file gives an empty list (the caller decides what empty means).
 */
export function parseAppleEgressCsv(text: string): string[] {
  const cidrs: Cidr[] = [];
  let lineNumber = 0;
  for (const rawLine of text.split('\n')) {
    lineNumber += 1;
    const line = rawLine.trim();
    // RFC 8805 §2.1.1: '#' starts a comment line.
    if (line === '' || line.startsWith('#')) continue;
    const comma = line.indexOf(',');
    const prefix = (comma < 0 ? line : line.slice(0, comma)).trim();
    cidrs.push(requireCidr(prefix, `line ${lineNumber}`));
  }
  return aggregateParsedCidrs(cidrs);
}
