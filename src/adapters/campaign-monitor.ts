// Campaign Monitor recipient activity (<account>.createsend.com): one row per subscriber action (opened,
// clicked a link) with the time in the account's zone, which the report states ("All times shown in …").
import type { Adapter } from './types';

export const campaignMonitor: Adapter = {
  id: 'campaign-monitor',
  name: 'Campaign Monitor',
  matches: ['https://*.createsend.com/campaigns/reports/*', 'https://*.createsend.com/reports/*'],
  examples: {
    match: [
      'https://fernhill.createsend.com/campaigns/reports/recipientactivity?cID=6F2B4D8E1A3C5E7F',
      'https://fernhill.createsend.com/campaigns/reports/recipientactivity?cID=6F2B4D8E1A3C5E7F&page=2',
    ],
    noMatch: [
      'https://fernhill.createsend.com/subscribers/',
      'https://www.campaignmonitor.com/reports/',
      'https://fernhill.createsend.com/campaigns/',
    ],
  },
  pageKinds: ['event-activity'],
  supportedPages: ['Campaign Monitor: campaign report → Recipient activity'],
  campaignKey(url) {
    const id = url.searchParams.get('cID');
    return id ? `campaign-monitor:${url.host}:${id}` : undefined;
  },
};
