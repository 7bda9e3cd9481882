// Proofpoint Essentials and Proofpoint Protection Server / pphosted (URL Defense, TAP sandbox).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const PROOFPOINT_ENTRIES: RangeEntry[] = [
  {
    vendor: "proofpoint",
    kind: "scanner",
    tag: "essentials",
    source: "https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/000_gettingstarted/020_connectiondetails",
    date: "2026-11-24",
    note: "Proofpoint Essentials data-center ranges (US and EU) that customers allow-list for inbound mail; URL rewriting and sandboxing fetch from the same stack.",
    cidrs: [
      "62.209.50.0/24", "62.209.51.0/24", "67.231.144.0/20", "91.207.212.0/23", "91.209.104.0/24", "148.163.128.0/19",
      "185.132.180.0/22", "185.183.28.0/22",
    ],
  },
  {
    vendor: "proofpoint",
    kind: "scanner",
    tag: "pphosted",
    source: "https://proofpoint.my.site.com/support/PPSup_SupportInfo",
    date: "2026-11-24",
    note: "Proofpoint's own support page lists these networks as its service infrastructure (updates, PRS, hosted key service); 205.220.160.0/19 and 66.159.224.0/19 are Proofpoint-registered blocks announced by AS26211/AS22843 that carry pphosted (Protection Server cloud) traffic.",
    cidrs: [
      "66.159.224.0/19", "205.220.160.0/19", "208.36.134.0/24", "208.84.64.0/22", "208.86.200.0/22",
      "209.66.100.64/26",
    ],
  },
];
