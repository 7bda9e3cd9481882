// Where the range dataset can be refreshed from: the vendors' official lists. A module of its own so the
// options page can name the origins to request without bundling the parsers and the dataset.

export type RefreshSourceId = 'microsoftEndpoints' | 'googleGoog' | 'googleCloud' | 'appleEgress';
export type RefreshSources = Record<RefreshSourceId, string>;

/**
 * The official URLs. Microsoft's web service wants a fresh GUID per client as `clientrequestid`
 * (https://learn.microsoft.com/en-us/microsoft-365/enterprise/microsoft-365-ip-web-service).
 */
export function officialSources(clientRequestId: string = crypto.randomUUID()): RefreshSources {
  return {
    microsoftEndpoints: `https://endpoints.office.com/endpoints/worldwide?clientrequestid=${clientRequestId}`,
    googleGoog: 'https://www.gstatic.com/ipranges/goog.json',
    googleCloud: 'https://www.gstatic.com/ipranges/cloud.json',
    appleEgress: 'https://mask-api.icloud.com/egress-ip-ranges.csv',
  };
}

/** Host permissions the options page must request (optional_host_permissions) before a refresh. */
export const REFRESH_ORIGINS: readonly string[] = [
  'https://endpoints.office.com/*',
  'https://www.gstatic.com/*',
  'https://mask-api.icloud.com/*',
];

