// Check Point Harmony Email & Collaboration (Avanan).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const CHECKPOINT_ENTRIES: RangeEntry[] = [
  {
    vendor: "checkpoint-avanan",
    kind: "scanner",
    tag: "harmony-email",
    source: "https://sc1.checkpoint.com/documents/Avanan_Admin_Guide/Topics-Harmony-Email-Collaboration-Admin-Guide/Getting-Started/Activating-O365-Mail/O365-Footprint-Other-Changes.htm",
    date: "2026-11-24",
    note: "Addresses Avanan adds to the Microsoft 365 connection filter, all regions (US, EU, AU, CA, UAE). The page writes 3.27.51.178/28, which has host bits set; it is stored as its block 3.27.51.176/28.",
    cidrs: [
      "3.27.51.160/28", "3.27.51.176/28", "3.29.194.128/28", "3.29.194.144/28", "3.99.253.64/28", "3.99.253.80/28",
      "3.101.216.128/28", "3.101.216.144/28", "3.105.224.60/32", "3.214.204.181/32", "3.252.108.160/28",
      "3.252.108.176/28", "13.39.103.0/28", "13.39.103.16/28", "13.211.69.231/32", "15.222.110.90/32",
      "18.143.136.64/28", "18.143.136.80/28", "35.174.145.124/32", "44.211.178.96/28", "44.211.178.112/28",
      "52.17.62.50/32", "52.60.189.48/32", "52.212.19.177/32",
    ],
  },
];
