// Cisco Secure Email Cloud Gateway (iphmx.com, formerly IronPort Cloud Email Security).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const CISCO_ENTRIES: RangeEntry[] = [
  {
    vendor: "cisco",
    kind: "scanner",
    tag: "iphmx",
    source: "https://rdap.org/autnum/16417",
    date: "2026-11-24",
    note: "Cisco assigns each Cloud Gateway tenant its own addresses (sent in the welcome email, https://community.cisco.com/t5/security-knowledge-base/office-365-configuration-for-cloud-email-security-bypass/ta-p/3189638), so there is no public per-tenant list. These are the IronPort hosted-email networks registered to Cisco's AS16417 (IRONPORT-SYSTEMS-INC) that host iphmx.com (68.232.128.0/19 is the registered block; the others are the prefixes the AS originates).",
    cidrs: [
      "68.232.128.0/19", "139.138.24.0/22", "139.138.32.0/22", "139.138.38.0/23", "139.138.40.0/23",
      "139.138.46.0/23", "139.138.56.0/22", "207.54.73.0/24", "207.54.74.0/24", "207.54.80.0/23", "207.54.82.0/24",
      "207.54.84.0/22", "207.54.92.0/22",
    ],
  },
];
