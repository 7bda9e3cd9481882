// Symantec / Broadcom Email Security.cloud (MessageLabs).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const SYMANTEC_ENTRIES: RangeEntry[] = [
  {
    vendor: "symantec",
    kind: "scanner",
    tag: "messagelabs",
    source: "dns:spf.messagelabs.com?type=TXT",
    date: "2026-11-24",
    note: "ip4 mechanisms of spf.messagelabs.com; Broadcom lists the same \"Cloud security services IP ranges\" for inbound lock-down (https://knowledge.broadcom.com/external/article/421057/restricting-your-email-traffic.html). Click-time link following runs from these ranges.",
    cidrs: [
      "46.226.48.0/21", "67.219.240.0/20", "85.158.136.0/21", "95.131.104.0/21", "103.9.96.0/22", "117.120.16.0/21",
      "193.109.254.0/23", "194.106.220.0/23", "195.245.230.0/23", "216.82.240.0/20",
    ],
  },
];
