// HubSpot marketing email details → Recipients: the contacts with their email events (filterable by
// Opened / Clicked / Delivered). HubSpot renders real tables with hashed styled-components classes.
import type { Adapter } from './types';

export const hubspot: Adapter = {
  id: 'hubspot',
  name: 'HubSpot',
  // EU data-centre accounts use app-eu1.hubspot.com with the same paths.
  matches: ['https://app.hubspot.com/email/*/details/*', 'https://app-eu1.hubspot.com/email/*/details/*'],
  examples: {
    match: [
      'https://app.hubspot.com/email/4471823/details/183920471/recipients',
      'https://app.hubspot.com/email/4471823/details/183920471/recipients?eventType=CLICK',
      'https://app-eu1.hubspot.com/email/26001734/details/98811202/recipients',
    ],
    noMatch: [
      'https://app.hubspot.com/email/4471823/manage/state/sent',
      'https://app.hubspot.com/contacts/4471823/objects/0-1/views/all/list',
      'https://hubspot.com/email/4471823/details/183920471/recipients',
    ],
  },
  pageKinds: ['event-activity'],
  supportedPages: ['HubSpot: Marketing email → Details → Recipients'],
  campaignKey(url) {
    const email = /\/email\/(\d+)\/details\/(\d+)/.exec(url.pathname);
    return email ? `hubspot:${email[1]}:${email[2]}` : undefined;
  },
};
