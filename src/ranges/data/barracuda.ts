// Barracuda Email Gateway Defense (Email Security Service, ess.barracudanetworks.com).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const BARRACUDA_ENTRIES: RangeEntry[] = [
  {
    vendor: "barracuda",
    kind: "scanner",
    tag: "ess",
    source: "dns:spf.ess.barracudanetworks.com?type=TXT",
    date: "2026-11-24",
    note: "The US Email Gateway Defense range from Barracuda's SPF record spf.ess.barracudanetworks.com, which its setup wizard tells customers to include (https://campus.barracuda.com/product/emailgatewaydefense/). Link Protection and Sentinel fetch from Barracuda's own network (64.235.144.0/20, registered to Barracuda Networks, AS15324).",
    cidrs: [
      "64.235.144.0/20", "209.222.80.0/21",
    ],
  },
];
