// Cloudflare Email Security (formerly Area 1).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const CLOUDFLARE_ENTRIES: RangeEntry[] = [
  {
    vendor: "cloudflare",
    kind: "scanner",
    tag: "email-security",
    source: "https://developers.cloudflare.com/email-security/deployment/inline/reference/egress-ips/",
    date: "2026-11-24",
    note: "Egress IPs for inline deployment (United States list; Europe adds 52.58.35.43 and 35.157.195.63; India and Australia use the US list). Retro-scan and link crawling come from the same egress.",
    cidrs: [
      "35.157.195.63/32", "52.0.67.109/32", "52.11.209.211/32", "52.58.35.43/32", "52.89.255.11/32",
      "54.173.50.115/32", "104.30.32.0/19", "134.195.26.0/23", "158.51.64.0/26", "158.51.65.0/26",
      "2405:8100:c400::/38",
    ],
  },
];
