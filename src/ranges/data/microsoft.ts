// Microsoft Exchange Online Protection (EOP) and Defender for Office 365 Safe Links.
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const MICROSOFT_ENTRIES: RangeEntry[] = [
  {
    vendor: "microsoft",
    kind: "scanner",
    tag: "eop",
    source: "https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges",
    date: "2026-11-24",
    note: "Exchange Online Protection mail-flow ranges (endpoint set ID 1/2, \"Exchange\", SMTP), also published as spf.protection.outlook.com. EOP fetches links and images while scanning. The full Exchange set (OWA, client access) comes with \"Refresh from official sources\".",
    cidrs: [
      "40.92.0.0/15", "40.107.0.0/16", "52.100.0.0/14", "104.47.0.0/17", "2a01:111:f400::/48", "2a01:111:f403::/48",
    ],
  },
  {
    vendor: "microsoft",
    kind: "scanner",
    tag: "safe-links",
    source: "https://learn.microsoft.com/en-us/defender-office-365/safe-links-about",
    date: "2026-11-24",
    note: "Microsoft documents Safe Links time-of-click and detonation scanning but publishes no egress list for it; 40.94.0.0/16 is the range phishing-simulation vendors publish for Safe Links/ATP pre-clicks (e.g. LUCY Security docs: \"The IP ranges for O365 ATP service are 40.94.0.0/16 and 104.47.0.0/16\"). Re-verify when Microsoft publishes one.",
    cidrs: [
      "40.94.0.0/16",
    ],
  },
];
