// Hornetsecurity (incl. Vade, acquired 2024) Spam and Malware Protection.
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const HORNETSECURITY_ENTRIES: RangeEntry[] = [
  {
    vendor: "hornetsecurity",
    kind: "scanner",
    tag: "smp",
    source: "http://faq-de.hornetsecurity.com/en/support/solutions/articles/9000135863-not-possible-to-connect-to-smarthost-for-outgoing-emails",
    date: "2026-11-24",
    note: "Hornetsecurity tells customers to \"allow the complete Hornetsecurity range\" on port 25 and lists it on its onboarding site (not publicly fetchable). These two blocks are its mail-filter networks (RIPE registrations of antispameurope GmbH, now Hornetsecurity: https://rdap.org/ip/94.100.128.0). Vade (acquired 2024) publishes no separate list; extend when the onboarding list is at hand.",
    cidrs: [
      "83.246.65.0/24", "94.100.128.0/20",
    ],
  },
];
