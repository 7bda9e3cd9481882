// A small RangeLookup for classifier tests, built from the published ranges quoted in conventions §3 (Microsoft
// EOP/Safe Links) and the vendors' published netblocks (Proofpoint, Mimecast, Barracuda SPF; Apple's egress
// CSV; Google's goog.json; Zscaler's hub list). Independent of src/ranges so classifier tests do not depend on
// the bundled dataset; ipaddr.js does the matching (it is a test-only dependency here).
import ipaddr from 'ipaddr.js';
import type { RangeKind, RangeLookup, RangeMatch } from '../../src/shared/types';

const PUBLISHED: Array<{ vendor: string; kind: RangeKind; tag?: string; cidrs: string[] }> = [
  {
    vendor: 'microsoft',
    kind: 'scanner',
    cidrs: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'],
  },
  { vendor: 'microsoft', kind: 'scanner', tag: 'safe-links', cidrs: ['40.94.0.0/16'] },
  { vendor: 'proofpoint', kind: 'scanner', cidrs: ['67.231.144.0/20', '148.163.128.0/19', '205.220.160.0/19'] },
  { vendor: 'mimecast', kind: 'scanner', cidrs: ['91.220.42.0/24', '146.101.78.0/24', '63.128.21.0/24', '170.10.128.0/24'] },
  { vendor: 'barracuda', kind: 'scanner', cidrs: ['64.235.144.0/20', '209.222.80.0/21'] },
  {
    vendor: 'apple-icloud',
    kind: 'mail-proxy',
    tag: 'private-relay',
    cidrs: ['172.225.76.0/22', '172.225.248.0/22', '172.226.188.0/22', '2a09:bac2:8000::/34'],
  },
  { vendor: 'google', kind: 'mail-proxy', tag: 'image-proxy', cidrs: ['66.249.64.0/19', '74.125.0.0/16'] },
  { vendor: 'yahoo', kind: 'mail-proxy', tag: 'image-proxy', cidrs: ['67.195.176.0/20', '74.6.128.0/20', '72.30.0.0/18'] },
  { vendor: 'zscaler', kind: 'web-gateway', cidrs: ['136.226.0.0/16', '147.161.128.0/17', '165.225.0.0/17'] },
];

type Parsed = ReturnType<typeof ipaddr.parse>;
const TABLE = PUBLISHED.flatMap(({ cidrs, ...match }) =>
  cidrs.map((cidr) => ({ range: ipaddr.parseCIDR(cidr) as [Parsed, number], match: match as RangeMatch })),
);

export const testRanges: RangeLookup = {
  lookup(ip: string): RangeMatch | undefined {
    let address: Parsed;
    try {
      address = ipaddr.process(ip);
    } catch {
      return undefined;
    }
    for (const { range, match } of TABLE) {
      if (range[0].kind() === address.kind() && address.match(range)) return match;
    }
    return undefined;
  },
};
