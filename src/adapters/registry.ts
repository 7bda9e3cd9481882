// Every ESP adapter, in one array (refined-github's feature list). The content script picks the first adapter
// whose `matches` cover the page URL; unknown pages on granted sites fall back to the generic reader.
import { activecampaign } from './activecampaign';
import { brevo } from './brevo';
import { campaignMonitor } from './campaign-monitor';
import { genericAdapter } from './generic';
import { hubspot } from './hubspot';
import { klaviyo } from './klaviyo';
import { mailchimp } from './mailchimp';
import { mailgun } from './mailgun';
import { postmark } from './postmark';
import { sendgrid } from './sendgrid';
import { urlMatches } from './match-pattern';
import type { Adapter } from './types';

export const ADAPTERS: readonly Adapter[] = [
  mailchimp,
  sendgrid,
  mailgun,
  postmark,
  hubspot,
  klaviyo,
  brevo,
  activecampaign,
  campaignMonitor,
];

/** Plain-words list of the pages Scanner Sieve reads (for the "no engagement table found" state). */
export const SUPPORTED_PAGES: string[] = ADAPTERS.flatMap((adapter) => adapter.supportedPages);

/** The adapter for a URL, or the generic reader. */
export function adapterForUrl(url: string): Adapter {
  return ADAPTERS.find((adapter) => urlMatches(adapter.matches, url)) ?? genericAdapter;
}

export function adapterById(id: string): Adapter | undefined {
  return ADAPTERS.find((adapter) => adapter.id === id) ?? (id === genericAdapter.id ? genericAdapter : undefined);
}
