// Yahoo Mail (Oath/Yahoo Inc.) network, home of YahooMailProxy image fetches.
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const YAHOO_ENTRIES: RangeEntry[] = [
  {
    vendor: "yahoo",
    kind: "mail-proxy",
    tag: "image-proxy",
    source: "https://rdap.org/autnum/26101",
    date: "2026-11-24",
    note: "Yahoo documents its image proxy (UA \"YahooMailProxy\", https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html) but publishes no address list. These blocks are Yahoo Mail's own networks: 98.136.0.0/14 is Yahoo's registered block, the rest are prefixes originated by AS26101 (YAHOO-BF1, Oath Holdings). Opens through the proxy are a person reading (conventions §1).",
    cidrs: [
      "67.195.176.0/20", "67.195.192.0/19", "72.30.0.0/18", "74.6.96.0/19", "74.6.128.0/20", "98.136.0.0/14",
    ],
  },
];
