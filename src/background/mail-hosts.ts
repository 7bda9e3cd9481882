// Feeds the opt-in MX lookup into classification. Two gates, both required: the user turned the lookup on in
// the options, AND granted the host permission for the resolver's origin. Without both, only domains known
// without asking (gmail.com…) and earlier cached answers are used, and nothing leaves the machine.
import browser from 'webextension-polyfill';
import { countRecipientsByMailHost, recipientDomain } from '../shared/mail-host';
import type { Settings } from '../shared/settings';
import type { Campaign, CampaignReport, MailHost } from '../shared/types';
import { lookupMailHosts } from './mx-lookup';

function resolverOriginPattern(resolverUrl: string): string | undefined {
  try {
    return `${new URL(resolverUrl).origin}/*`;
  } catch {
    return undefined;
  }
}

async function lookupAllowed(settings: Settings): Promise<boolean> {
  if (!settings.mxLookup.enabled) return false;
  const origin = resolverOriginPattern(settings.mxLookup.resolverUrl);
  return origin !== undefined && (await browser.permissions.contains({ origins: [origin] }));
}

/** Recipient domains, most frequent first (the lookup caps how many it asks per run). */
function domainsByFrequency(campaign: Campaign): string[] {
  const counts = new Map<string, number>();
  for (const event of campaign.events) {
    const domain = event.recipient ? recipientDomain(event.recipient) : undefined;
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([domain]) => domain);
}

/**
 * Adds `recipientMailHosts` to the campaign. `waitForNetwork` false (page rows, where the user is looking at the
 * page now): answer from the cache at once and let the network lookup fill the cache for the next read.
 */
export async function withMailHosts(
  campaign: Campaign,
  settings: Settings,
  waitForNetwork: boolean,
): Promise<Campaign> {
  const domains = domainsByFrequency(campaign);
  if (domains.length === 0) return campaign;
  const allowed = await lookupAllowed(settings);
  const resolverUrl = settings.mxLookup.resolverUrl;
  const fromCache = await lookupMailHosts(domains, { resolverUrl, maxDomains: 0 });
  let hosts = fromCache.hosts;
  if (allowed && fromCache.skipped.length > 0) {
    const network = lookupMailHosts(fromCache.skipped, { resolverUrl });
    if (waitForNetwork) hosts = { ...hosts, ...(await network).hosts };
    else void network.catch(() => undefined);
  }
  return Object.keys(hosts).length > 0 ? { ...campaign, recipientMailHosts: { ...campaign.recipientMailHosts, ...hosts } } : campaign;
}

/** Distinct recipients per mail host, for the popup's breakdown. */
export function mailHostBreakdown(campaign: Campaign): Partial<Record<MailHost, number>> | undefined {
  const hosts = campaign.recipientMailHosts;
  if (!hosts || Object.keys(hosts).length === 0) return undefined;
  const recipients = campaign.events.flatMap((event) => (event.recipient ? [event.recipient] : []));
  const counts = countRecipientsByMailHost(recipients, hosts);
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

export function attachMailHosts(report: CampaignReport, campaign: Campaign): CampaignReport {
  const byMailHost = mailHostBreakdown(campaign);
  return byMailHost ? { ...report, summary: { ...report.summary, byMailHost } } : report;
}
