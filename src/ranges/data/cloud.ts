// Generic cloud hosting space, where scanning sandboxes run (and, now and then, a person on a cloud desktop or
// VPN): a `cloud` match is weak context, never proof (src/classifier/signals/scanner-ip.ts). Only the large blocks
// scanners were seen fetching from are listed, each from its registry record (RDAP), which names the operator;
// the providers' own lists (AWS ip-ranges.json, Azure Service Tags, Google cloud.json) split them further.
// Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const CLOUD_ENTRIES: RangeEntry[] = [
  {
    vendor: "azure",
    kind: "cloud",
    source: "https://rdap.arin.net/registry/ip/20.0.0.0",
    date: "2026-12-06",
    note: "Microsoft's 20.0.0.0/11 and 52.160.0.0/11 (https://rdap.arin.net/registry/ip/52.160.0.0), Azure regions per the Azure IP Ranges and Service Tags file (https://www.microsoft.com/en-us/download/details.aspx?id=56519). Safe Links detonations were also seen from Microsoft addresses outside every EOP range (20.72.100.79 in https://github.com/edalzell/laravel-passwordless-login/issues/79; 40.94.x.x in https://github.com/gophish/gophish/issues/2646).",
    cidrs: ["20.0.0.0/11", "52.160.0.0/11"],
  },
  {
    vendor: "aws",
    kind: "cloud",
    source: "https://rdap.arin.net/registry/ip/3.0.0.0",
    date: "2026-12-06",
    note: "Amazon's 3.0.0.0/9, EC2 regions per https://ip-ranges.amazonaws.com/ip-ranges.json.",
    cidrs: ["3.0.0.0/9"],
  },
  {
    vendor: "google-cloud",
    kind: "cloud",
    source: "https://www.gstatic.com/ipranges/cloud.json",
    date: "2026-12-06",
    note: "34.64.0.0/10, registered to Google (https://rdap.arin.net/registry/ip/34.64.0.0); cloud.json's Google Cloud prefixes cover most of it (82 % in the 2024-04 snapshot).",
    cidrs: ["34.64.0.0/10"],
  },
];
