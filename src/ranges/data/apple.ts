// Apple iCloud Private Relay egress, which Mail Privacy Protection uses to prefetch images.
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const APPLE_ENTRIES: RangeEntry[] = [
  {
    vendor: "apple-icloud",
    kind: "mail-proxy",
    tag: "private-relay",
    source: "https://mask-api.icloud.com/egress-ip-ranges.csv",
    date: "2026-11-24",
    note: "Documented subset: the widest blocks of Apple's RFC 8805 egress list (IPv4 /22-/23 and the Cloudflare and Fastly relay IPv6 aggregates, list as of 2026-08). The full list (~287k rows) is too large to bundle; \"Refresh from official sources\" loads it. Safari users on Private Relay click from these same addresses: an Apple IP alone never makes a click a scanner (conventions §3).",
    cidrs: [
      "140.248.0.0/23", "140.248.4.0/23", "140.248.12.0/23", "146.75.128.0/23", "146.75.134.0/23", "146.75.148.0/23",
      "146.75.222.0/23", "146.75.232.0/23", "146.75.236.0/23", "146.75.244.0/23", "146.75.248.0/23",
      "146.75.252.0/23", "172.225.18.0/23", "172.225.30.0/23", "172.225.32.0/23", "172.225.40.0/23",
      "172.225.54.0/23", "172.225.58.0/23", "172.225.64.0/23", "172.225.70.0/23", "172.225.76.0/22",
      "172.225.90.0/23", "172.225.98.0/23", "172.225.112.0/23", "172.225.120.0/23", "172.225.126.0/23",
      "172.225.188.0/23", "172.225.202.0/23", "172.225.220.0/23", "172.225.226.0/23", "172.225.236.0/23",
      "172.225.248.0/22", "172.226.8.0/22", "172.226.30.0/23", "172.226.68.0/23", "172.226.174.0/23",
      "172.226.188.0/22", "2606:54c0::/35", "2606:54c0:2000::/38", "2606:54c0:2400::/39", "2606:54c0:2600::/40",
      "2606:54c0:2800::/37", "2606:54c0:3000::/36", "2606:54c0:4000::/40", "2606:54c0:4200::/39",
      "2606:54c0:4400::/39", "2606:54c0:4700::/40", "2606:54c0:4800::/37", "2606:54c0:5000::/38",
      "2606:54c0:5400::/40", "2606:54c0:5600::/39", "2606:54c0:5800::/37", "2606:54c0:6000::/35",
      "2606:54c0:8000::/34", "2606:54c0:c000::/36", "2606:54c0:d000::/38", "2a09:bac2::/35", "2a09:bac2:2000::/38",
      "2a09:bac2:2400::/39", "2a09:bac2:2600::/40", "2a09:bac2:2800::/37", "2a09:bac2:3000::/36",
      "2a09:bac2:4000::/40", "2a09:bac2:4200::/39", "2a09:bac2:4400::/39", "2a09:bac2:4700::/40",
      "2a09:bac2:4800::/37", "2a09:bac2:5000::/38", "2a09:bac2:5400::/40", "2a09:bac2:5600::/39",
      "2a09:bac2:5800::/37", "2a09:bac2:6000::/35", "2a09:bac2:8000::/34", "2a09:bac2:c000::/36",
      "2a09:bac2:d000::/38", "2a09:bac2:d400::/40", "2a09:bac3::/35", "2a09:bac3:2000::/38", "2a09:bac3:2400::/39",
      "2a09:bac3:2600::/40", "2a09:bac3:2800::/37", "2a09:bac3:3000::/36", "2a09:bac3:4000::/40",
      "2a09:bac3:4200::/39", "2a09:bac3:4400::/39", "2a09:bac3:4700::/40", "2a09:bac3:4800::/37",
      "2a09:bac3:5000::/38", "2a09:bac3:5400::/40", "2a09:bac3:5600::/39", "2a09:bac3:5800::/37",
      "2a09:bac3:6000::/35", "2a09:bac3:8000::/34", "2a09:bac3:c000::/36", "2a09:bac3:d000::/38",
      "2a09:bac3:d400::/40",
    ],
  },
];
