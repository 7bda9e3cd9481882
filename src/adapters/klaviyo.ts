// Klaviyo: a campaign's recipient activity report (per-event rows) and a profile's activity feed (the events
// of one person, whose address is in the profile header).
import type { Adapter } from './types';
import { emailIn, textAfterLabel } from '../page-reader/page-facts';

export const klaviyo: Adapter = {
  id: 'klaviyo',
  name: 'Klaviyo',
  matches: ['https://www.klaviyo.com/campaign/*/reports/*', 'https://www.klaviyo.com/profile/*'],
  examples: {
    match: [
      'https://www.klaviyo.com/campaign/01JKQ7W4E9XH3M2N6P8R0T5V7Y/reports/recipient-activity',
      'https://www.klaviyo.com/profile/01HZ3B6N8Q2R4T6V8X0Z2B4D6F/activity',
    ],
    noMatch: [
      'https://www.klaviyo.com/campaigns/list',
      'https://www.klaviyo.com/dashboard',
      'https://klaviyo.com/profile/01HZ3B6N8Q2R4T6V8X0Z2B4D6F',
    ],
  },
  pageKinds: ['event-activity', 'message-events'],
  supportedPages: ['Klaviyo: campaign report → Recipient activity', 'Klaviyo: profile → Activity feed'],
  pageKindFor(url) {
    return url.pathname.startsWith('/profile/') ? 'message-events' : 'event-activity';
  },
  pageRecipient(doc) {
    if (!doc.location || !doc.location.pathname.startsWith('/profile/')) return undefined;
    return emailIn(textAfterLabel(doc, /^email\b/i)) ?? emailIn(doc.querySelector('header, h1')?.textContent ?? undefined);
  },
  campaignKey(url) {
    const campaign = /^\/campaign\/([^/]+)/.exec(url.pathname)?.[1];
    const profile = /^\/profile\/([^/]+)/.exec(url.pathname)?.[1];
    return campaign ? `klaviyo:campaign:${campaign}` : profile ? `klaviyo:profile:${profile}` : undefined;
  },
};
