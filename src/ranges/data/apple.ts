// Apple iCloud Private Relay egress, which Mail Privacy Protection uses to prefetch images.
// Apple publishes the egress as one RFC 8805 CSV (https://mask-api.icloud.com/egress-ip-ranges.csv, ~287k rows);
// the relay is run by operators (Akamai, Cloudflare, Fastly) from their own blocks, so the bundled copy lists
// those operator blocks instead of the rows: one entry per operator, each block checked to hold only relay rows of
// Apple's list as of 2026-08 and, together, every IPv4 and IPv6 row of it (test/ranges/apple-coverage.test.ts
// checks against a snapshot when one is present). The registry record (RDAP) of each block names its operator.
// Safari users on Private Relay click from these same addresses: an Apple IP alone never makes a click a scanner
// (conventions §3). Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

const OFFICIAL_LIST = "https://mask-api.icloud.com/egress-ip-ranges.csv";

export const APPLE_ENTRIES: RangeEntry[] = [
  {
    vendor: "apple-icloud",
    kind: "mail-proxy",
    tag: "private-relay",
    source: OFFICIAL_LIST,
    date: "2026-12-06",
    note: "Akamai-operated relay egress (registry: https://rdap.arin.net/registry/ip/172.224.0.0, Akamai Technologies; Akamai's relay IPv6 https://rdap.db.ripe.net/ip/2a02:26f7::, https://rdap.arin.net/registry/ip/2606:54c0::). 172.225/16 and 172.226/16 carry relay rows throughout; of 172.224/16 only 172.224.224.0/19 does. Blocks summarise the rows of Apple's list as of 2026-08.",
    cidrs: ["172.224.224.0/19", "172.225.0.0/16", "172.226.0.0/16", "2606:54c0::/32", "2606:54c3::/32", "2a02:26f7::/32"],
  },
  {
    vendor: "apple-icloud",
    kind: "mail-proxy",
    tag: "private-relay",
    source: OFFICIAL_LIST,
    date: "2026-12-06",
    note: "Cloudflare-operated relay egress (registry: https://rdap.arin.net/registry/ip/104.28.0.0, Cloudflare, Inc.; https://rdap.db.ripe.net/ip/2a09:bac2::). Apple's list has rows across 104.28.0.0/16 that the earlier bundled subset missed.",
    cidrs: ["104.28.0.0/16", "2a09:bac2::/32", "2a09:bac3::/32"],
  },
  {
    vendor: "apple-icloud",
    kind: "mail-proxy",
    tag: "private-relay",
    source: OFFICIAL_LIST,
    date: "2026-12-06",
    note: "Fastly-operated relay egress (registry: https://rdap.arin.net/registry/ip/146.75.0.0 and https://rdap.arin.net/registry/ip/140.248.0.0, Fastly, Inc.; https://rdap.db.ripe.net/ip/2a04:4e41::). Only the parts of those blocks that carry rows of Apple's list: 146.75.128.0/17 and 140.248.0.0/18.",
    cidrs: ["140.248.0.0/18", "146.75.128.0/17", "2a04:4e41::/32"],
  },
];
