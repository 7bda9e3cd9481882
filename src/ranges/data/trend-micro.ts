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
    note: "ip4 mechanisms of spf.tmes.trendmicro.com, the include Trend Micro gives TMES customers; its include chain (spfb, spfc) follows as the next entries.",
    cidrs: [
      "13.213.174.128/25", "13.213.220.0/25", "13.238.202.0/25", "13.238.202.128/26", "18.176.203.128/25",
      "18.177.156.0/25", "18.185.115.0/25", "18.185.115.128/26", "18.208.22.64/26", "18.208.22.128/25",
    ],
  },
  {
    vendor: "trend-micro",
    kind: "scanner",
    tag: "tmes",
    source: "dns:spfb.tmes.trendmicro.com?type=TXT",
    date: "2026-11-24",
    note: "ip4 mechanisms of spfb.tmes.trendmicro.com, included by spf.tmes.trendmicro.com (record text as captured in a public SPF test corpus; re-resolve to verify).",
    cidrs: [
      "3.72.196.143/32", "18.156.0.20/32", "35.156.245.132/32", "52.70.252.86/32", "54.146.4.63/32",
      "54.174.82.86/32", "107.22.223.18/32",
    ],
  },
  {
    vendor: "trend-micro",
    kind: "scanner",
    tag: "tmes",
    source: "dns:spfc.tmes.trendmicro.com?type=TXT",
    date: "2026-11-24",
    note: "ip4 mechanisms of spfc.tmes.trendmicro.com, the last link of the spf.tmes.trendmicro.com chain (record text as captured in a public SPF test corpus; re-resolve to verify).",
    cidrs: [
      "15.168.49.64/26", "15.168.56.0/25", "15.168.56.128/26", "18.96.32.128/27", "18.97.0.160/27", "18.188.9.192/26",
      "18.188.239.128/26", "34.253.238.128/26", "34.253.238.192/26",
    ],
  },
];
