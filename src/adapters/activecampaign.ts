// ActiveCampaign campaign reports on <account>.activehosted.com. The report is a hash-routed single-page app
// (`/report/#/campaign/123/opens`), so the campaign key comes from the hash and navigation is hash changes.
import type { Adapter } from './types';

function campaignIdOf(url: URL): string | undefined {
  return /campaign\/(\d+)/.exec(url.hash)?.[1] ?? /campaign\/(\d+)/.exec(url.pathname)?.[1] ?? url.searchParams.get('c') ?? undefined;
}

export const activecampaign: Adapter = {
  id: 'activecampaign',
  name: 'ActiveCampaign',
  matches: ['https://*.activehosted.com/report/*', 'https://*.activehosted.com/app/reports/campaign*'],
  examples: {
    match: [
      'https://fernhill.activehosted.com/report/#/campaign/312/opens',
      'https://fernhill.activehosted.com/report/#/campaign/312/clicks',
      'https://fernhill.activehosted.com/app/reports/campaigns/312',
    ],
    noMatch: [
      'https://fernhill.activehosted.com/app/contacts',
      'https://fernhill.activehosted.com/app/campaigns',
      'https://activehosted.com.evil.example/report/#/campaign/312/opens',
    ],
  },
  pageKinds: ['recipient-counts', 'event-activity'],
  supportedPages: ['ActiveCampaign: campaign report → Opens, Clicks'],
  pageKindFor(url) {
    // The old report routes in the hash (`/report/#/campaign/312/opens`), the new one in the path (`/app/reports/campaign/412/opens`).
    const route = `${url.pathname}${url.hash}`;
    if (/\/opens/.test(route)) return 'recipient-counts';
    if (/\/(clicks|links)/.test(route)) return 'event-activity';
    return undefined;
  },
  defaultEventType(_doc, table) {
    // The Clicks tab lists one click per row with no event column.
    const heading = table.closest('section')?.querySelector('h2, h3')?.textContent ?? '';
    return /click/i.test(heading) ? 'click' : undefined;
  },
  campaignKey(url) {
    const id = campaignIdOf(url);
    return id ? `activecampaign:${url.host}:${id}` : undefined;
  },
};
