// Feeds the opt-in MX lookup into classification. Two gates, both required: the user turned the lookup on in
// the options, AND granted the host permission for the resolver's origin. Without both, only domains known
// without asking (gmail.com…) and earlier cached answers are used, and nothing leaves the machine.
import browser from 'webextension-polyfill';
import { countRecipientsByMailHost, recipientDomain } from '../shared/mail-host';
import type { Settings } from '../shared/settings';
import type { Campaign, CampaignReport, MailHost } from '../shared/types';
import { recordLookupCache, takeLookupBudget } from './lookup-budget';
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

/**
 * Domains considered per read: the most frequent ones. A mail host is a prior for the tenants that matter in a
 * report; a page listing 50,000 one-recipient domains gets its most common 5,000 looked at, not all.
 */
const MAX_DOMAINS_PER_READ = 5000;

/** Recipient domains, most frequent first (the lookup caps how many it asks per run). */
function domainsByFrequency(campaign: Campaign): string[] {
  const counts = new Map<string, number>();
  for (const event of campaign.events) {
    const domain = event.recipient ? recipientDomain(event.recipient) : undefined;
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_DOMAINS_PER_READ).map(([domain]) => domain);
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
  if (allowed) await recordLookupCache(fromCache.cached, fromCache.skipped.length).catch(() => undefined);
  if (allowed && fromCache.skipped.length > 0) {
    // Every query is taken from the per-minute and per-day budget first: a page cannot drive the lookup.
    const network = lookupMailHosts(fromCache.skipped, { resolverUrl, budget: (wanted) => takeLookupBudget(wanted) });
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
