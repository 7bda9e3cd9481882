// Postmark: a message stream's Activity list (one row per message with its latest status) and a message's
// details page (its events: delivered, opened with client and IP, clicked link).
import type { Adapter } from './types';
import { emailIn, textAfterLabel } from '../page-reader/page-facts';

export const postmark: Adapter = {
  id: 'postmark',
  name: 'Postmark',
  matches: ['https://account.postmarkapp.com/servers/*/streams/*/messages*', 'https://account.postmarkapp.com/servers/*/streams/*/activity*'],
  examples: {
    match: [
      'https://account.postmarkapp.com/servers/9182736/streams/broadcast/messages',
      'https://account.postmarkapp.com/servers/9182736/streams/broadcast/messages/5c2e7a34-2f1d-4b8e-9d07-8a3f61e0c5b2',
      'https://account.postmarkapp.com/servers/9182736/streams/outbound/activity?status=opened',
    ],
    noMatch: [
      'https://account.postmarkapp.com/servers/9182736/streams/broadcast/statistics',
      'https://account.postmarkapp.com/servers',
      'https://postmarkapp.com/servers/9182736/streams/outbound/messages',
    ],
  },
  pageKinds: ['event-activity', 'message-events'],
  supportedPages: ['Postmark: a message stream’s Activity', 'Postmark: a message’s details (event history)'],
  pageKindFor(url) {
    return /\/messages\/[0-9a-f-]{20,}/i.test(url.pathname) ? 'message-events' : undefined;
  },
  pageRecipient(doc) {
    return emailIn(textAfterLabel(doc, /^(to|recipient)\b/i));
  },
  campaignKey(url) {
    const stream = /\/servers\/(\d+)\/streams\/([^/]+)/.exec(url.pathname);
    return stream ? `postmark:${stream[1]}:${stream[2]}` : undefined;
  },
};
