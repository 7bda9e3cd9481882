// Forcepoint Email Security Cloud (mailcontrol.com) and Forcepoint cloud web proxies.
// Curated by hand from the public source named in each entry (vendor page, the vendor's SPF record as a dns: URI, or the
// registry record of the vendor's network); the note says how. Lint: test/ranges/data-lint.test.ts.
import type { RangeEntry } from '../types';

export const FORCEPOINT_ENTRIES: RangeEntry[] = [
  {
    vendor: "forcepoint",
    kind: "scanner",
    tag: "email-cloud",
    source: "https://help.forcepoint.com/fpone/cloud-web/onlinehelp/guid-dec7d861-339e-4e66-b15a-c9dda594e081.html",
    date: "2026-11-24",
    note: "Forcepoint Email Security Cloud service networks (\"DNS records and service IP addresses\"), announced by AS44444 (FORCEPOINT-CLOUD).",
    cidrs: [
      "85.115.32.0/19", "103.1.196.0/22", "116.50.56.0/21", "208.87.232.0/21",
    ],
  },
  {
    vendor: "forcepoint",
    kind: "web-gateway",
    tag: "cloud-proxy",
    source: "https://rdap.org/ip/157.167.0.0",
    date: "2026-11-24",
    note: "Forcepoint ONE / Cloud Security Gateway web proxy egress (157.167.0.0/16, announced by AS44444). People browse through it: an IP match here is not proof of a machine (conventions §3).",
    cidrs: [
      "157.167.0.0/16",
    ],
  },
];
