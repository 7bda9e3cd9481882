// Trend Micro Email Security (TMES, formerly Hosted Email Security).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const TREND_MICRO_ENTRIES: RangeEntry[] = [
  {
    vendor: "trend-micro",
    kind: "scanner",
    tag: "tmes",
    source: "dns:spf.tmes.trendmicro.com?type=TXT",
    date: "2026-11-24",
    note: "ip4 mechanisms of spf.tmes.trendmicro.com, the include Trend Micro gives TMES customers (its further include spfb.tmes.trendmicro.com is not expanded here; refresh from SPF text to add it).",
    cidrs: [
      "13.213.174.128/25", "13.213.220.0/25", "13.238.202.0/25", "13.238.202.128/26", "18.176.203.128/25",
      "18.177.156.0/25", "18.185.115.0/25", "18.185.115.128/26", "18.208.22.64/26", "18.208.22.128/25",
    ],
  },
];
