// Loopback copies of the official range lists the extension downloads (src/ranges/official-sources.ts), made at
// test time from small synthetic content in each list's own format: Microsoft's endpoints web service JSON,
// Google's goog.json / cloud.json, Apple's RFC 8805 egress CSV. Their prefixes are in benchmark space
// (198.18.0.0/15, RFC 2544) that no bundled entry covers, so an address in them is known only after a download.
// The browsers reach them through the egress recorder's tunnel to the fixture server, under the real host names.
import { officialSources, REFRESH_ORIGINS } from '../../../src/ranges/official-sources';
import type { LoopbackEnvironment } from './session';

export const OFFICIAL_HOSTS: readonly string[] = REFRESH_ORIGINS.map((origin) => new URL(origin.replace('/*', '/')).hostname);

/** Google states its lists' date (creationTime); the other two are dated by the day of the download. */
export const GOOGLE_LISTS_CREATED = '2026-11-20T23:03:47.000000';

/** An Apple relay egress address in the copy only (block 198.18.5.0/25), and a Microsoft Exchange one. */
export const APPLE_ONLY_ADDRESS = '198.18.5.17';
export const MICROSOFT_ONLY_ADDRESS = '198.19.2.40';

export interface OfficialListCopies {
  /** URL (without query) → body, as served. */
  files: Array<{ url: string; body: string; contentType: string }>;
  appleBlocks: number;
}

export function makeOfficialListCopies(): OfficialListCopies {
  const urls = officialSources('e2e');
  const microsoft = [
    { id: 1, serviceArea: 'Exchange', serviceAreaDisplayName: 'Exchange Online', ips: ['198.19.0.0/24', '198.19.1.0/24', '198.19.2.0/24', '198.19.3.0/24', '2001:db8:e0::/48'], tcpPorts: '25', expressRoute: false, category: 'Allow', required: true },
    { id: 2, serviceArea: 'SharePoint', serviceAreaDisplayName: 'SharePoint Online and OneDrive for Business', ips: ['198.19.100.0/24'], tcpPorts: '443', expressRoute: false, category: 'Optimize', required: true },
    { id: 3, serviceArea: 'Exchange', serviceAreaDisplayName: 'Exchange Online', urls: ['outlook.office.com'], tcpPorts: '443', expressRoute: false, category: 'Optimize', required: true },
  ];
  const google = (prefixes: string[]) =>
    JSON.stringify({ syncToken: '1763679827000', creationTime: GOOGLE_LISTS_CREATED, prefixes: prefixes.map((prefix) => (prefix.includes(':') ? { ipv6Prefix: prefix } : { ipv4Prefix: prefix })) }, null, 2);
  const goog = ['198.18.200.0/24', '198.18.201.0/24', '198.18.202.0/24', '198.18.203.0/24', '198.18.204.0/24', '198.18.250.0/24', '2001:db8:6006::/48'];
  const cloud = ['198.18.250.0/24'];
  // One row per city, as Apple's file has it; non-adjacent /25 blocks so they do not merge (the refresh wants 100+).
  const appleBlocks = 120;
  const appleRows = Array.from({ length: appleBlocks }, (_, k) => `198.18.${k}.0/25,US,US-CA,Los Angeles,`);
  appleRows.push('2001:db8:a991::/64,GB,GB-ENG,London,');
  const withoutQuery = (url: string) => url.split('?')[0]!;
  return {
    appleBlocks,
    files: [
      { url: withoutQuery(urls.microsoftEndpoints), body: JSON.stringify(microsoft, null, 2), contentType: 'application/json' },
      { url: urls.googleGoog, body: google(goog), contentType: 'application/json' },
      { url: urls.googleCloud, body: google(cloud), contentType: 'application/json' },
      { url: urls.appleEgress, body: `${appleRows.join('\n')}\n`, contentType: 'text/csv' },
    ],
  };
}

/** Serves the copies under the official URLs, reached through the egress recorder's tunnel; returns a stop. */
export function serveOfficialListCopies(env: LoopbackEnvironment, copies: OfficialListCopies = makeOfficialListCopies()): () => void {
  for (const file of copies.files) env.server.serve(file.url, file.body, file.contentType);
  for (const host of OFFICIAL_HOSTS) env.egress.tunnel(host, env.server.port);
  return () => {
    env.egress.stopTunnels();
    env.server.unserveAll();
  };
}
