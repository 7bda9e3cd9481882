// Google's own (non-Cloud) address space, where Gmail's GoogleImageProxy fetches images for a reader.
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const GOOGLE_ENTRIES: RangeEntry[] = [
  {
    vendor: "google",
    kind: "mail-proxy",
    tag: "image-proxy",
    source: "https://www.gstatic.com/ipranges/goog.json",
    date: "2026-11-24",
    note: "A subset of goog.json prefixes (Google-operated, none in cloud.json) that carry Gmail image-proxy fetches (UA \"via ggpht.com GoogleImageProxy\"). Such opens are a person reading (conventions §1: label human). The full goog.json minus cloud.json set comes with \"Refresh from official sources\".",
    cidrs: [
      "64.233.160.0/19", "66.102.0.0/20", "66.249.64.0/19", "72.14.192.0/18", "74.125.0.0/16", "108.177.0.0/17",
      "142.250.0.0/15", "172.217.0.0/16", "173.194.0.0/16", "209.85.128.0/17", "216.58.192.0/19",
    ],
  },
];
