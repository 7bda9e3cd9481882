// Mimecast Email Security, every region (grid).
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const MIMECAST_ENTRIES: RangeEntry[] = [
  {
    vendor: "mimecast",
    kind: "scanner",
    tag: "region-eu",
    source: "dns:eu._netblocks.mimecast.com?type=TXT",
    date: "2026-11-24",
    note: "Mimecast Europe (UK) grid: ip4 mechanisms of the SPF record eu._netblocks.mimecast.com (part of _netblocks.mimecast.com, which Mimecast tells customers to include; listing per region at https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707). Mimecast moved to its own ranges in 2022-2023; this is the post-move record.",
    cidrs: [
      "91.220.42.0/24", "146.101.78.0/24", "147.28.36.0/24", "185.58.85.0/24", "185.58.86.0/24", "193.7.206.0/25",
      "193.7.207.0/25", "195.130.217.0/24", "207.82.80.0/24", "213.167.75.0/25", "213.167.81.0/25",
    ],
  },
  {
    vendor: "mimecast",
    kind: "scanner",
    tag: "region-us",
    source: "dns:us._netblocks.mimecast.com?type=TXT",
    date: "2026-11-24",
    note: "Mimecast United States grid: ip4 mechanisms of the SPF record us._netblocks.mimecast.com (part of _netblocks.mimecast.com, which Mimecast tells customers to include; listing per region at https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707). Mimecast moved to its own ranges in 2022-2023; this is the post-move record.",
    cidrs: [
      "63.128.21.0/24", "170.10.128.0/24", "170.10.129.0/24", "170.10.132.56/29", "170.10.132.64/29",
      "170.10.133.0/24", "185.58.84.93/32", "205.139.110.0/24", "207.211.30.64/26", "207.211.30.128/25",
      "207.211.31.0/25", "207.211.41.113/32", "216.145.221.0/24", "216.205.24.0/24",
    ],
  },
  {
    vendor: "mimecast",
    kind: "scanner",
    tag: "region-za",
    source: "dns:za._netblocks.mimecast.com?type=TXT",
    date: "2026-11-24",
    note: "Mimecast South Africa grid: ip4 mechanisms of the SPF record za._netblocks.mimecast.com (part of _netblocks.mimecast.com, which Mimecast tells customers to include; listing per region at https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707). Mimecast moved to its own ranges in 2022-2023; this is the post-move record.",
    cidrs: [
      "41.74.192.0/22", "41.74.196.0/22", "41.74.200.0/23", "41.74.204.0/23", "41.74.206.0/24",
    ],
  },
  {
    vendor: "mimecast",
    kind: "scanner",
    tag: "region-de",
    source: "dns:de._netblocks.mimecast.com?type=TXT",
    date: "2026-11-24",
    note: "Mimecast Germany grid: ip4 mechanisms of the SPF record de._netblocks.mimecast.com (part of _netblocks.mimecast.com, which Mimecast tells customers to include; listing per region at https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707). Mimecast moved to its own ranges in 2022-2023; this is the post-move record.",
    cidrs: [
      "51.163.158.0/24", "62.140.7.0/24", "62.140.10.21/32", "194.104.108.21/32", "194.104.108.240/29",
      "194.104.109.0/24", "194.104.110.21/32", "194.104.110.240/28", "194.104.111.0/24",
    ],
  },
  {
    vendor: "mimecast",
    kind: "scanner",
    tag: "region-au",
    source: "dns:au._netblocks.mimecast.com?type=TXT",
    date: "2026-11-24",
    note: "Mimecast Australia grid: ip4 mechanisms of the SPF record au._netblocks.mimecast.com (part of _netblocks.mimecast.com, which Mimecast tells customers to include; listing per region at https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707). Mimecast moved to its own ranges in 2022-2023; this is the post-move record.",
    cidrs: [
      "103.13.69.0/24", "103.96.20.22/32", "103.96.20.96/28", "103.96.21.0/24", "103.96.22.22/32", "103.96.22.96/28",
      "103.96.23.0/24", "124.47.150.0/24", "124.47.189.0/24", "180.189.28.0/24", "216.145.217.0/24",
    ],
  },
  {
    vendor: "mimecast",
    kind: "scanner",
    tag: "region-ca",
    source: "dns:ca._netblocks.mimecast.com?type=TXT",
    date: "2026-11-24",
    note: "Mimecast Canada grid: ip4 mechanisms of the SPF record ca._netblocks.mimecast.com (part of _netblocks.mimecast.com, which Mimecast tells customers to include; listing per region at https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707). Mimecast moved to its own ranges in 2022-2023; this is the post-move record.",
    cidrs: [
      "170.10.144.126/32", "170.10.144.240/29", "170.10.145.0/24", "170.10.146.126/32", "170.10.146.240/29",
      "170.10.147.0/24", "216.145.216.0/24",
    ],
  },
];
