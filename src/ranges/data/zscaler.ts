// Zscaler Internet Access cloud enforcement nodes (a web gateway: people browse through it).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const ZSCALER_ENTRIES: RangeEntry[] = [
  {
    vendor: "zscaler",
    kind: "web-gateway",
    source: "https://config.zscaler.com/zscaler.net/cenr",
    date: "2026-11-24",
    note: "Cloud Enforcement Node Ranges of zscaler.net (the published aggregates). Corporate users click through these every day: a match is context, never proof of a scanner (conventions §3).",
    cidrs: [
      "8.25.203.0/24", "70.39.159.0/24", "89.167.131.0/24", "104.129.192.0/20", "136.226.0.0/16", "137.83.128.0/18",
      "147.161.128.0/17", "165.225.0.0/17", "165.225.192.0/18", "167.103.0.0/16", "170.85.0.0/16", "185.46.212.0/22",
      "199.168.148.0/22", "213.152.228.0/24", "2400:7aa0::/32", "2a03:eec0::/32",
    ],
  },
];
