// SendGrid Email Activity: the feed of messages with their latest event, and the per-message event panel
// (a drawer listing Processed, Delivered, Open, Click with time, IP and user agent) for one recipient.
import type { Adapter } from './types';
import { emailIn, textAfterLabel } from '../page-reader/page-facts';

export const sendgrid: Adapter = {
  id: 'sendgrid',
  name: 'SendGrid',
  matches: ['https://app.sendgrid.com/email_activity*'],
  examples: {
    match: [
      'https://app.sendgrid.com/email_activity',
      'https://app.sendgrid.com/email_activity?filters=%5B%7B%22val%22%3A%5B%22open%22%5D%7D%5D',
      'https://app.sendgrid.com/email_activity/e1b5c7f0a9d34c2e.filter0001p3mdw1-12345-67AB12CD-1.0',
    ],
    noMatch: [
      'https://app.sendgrid.com/statistics',
      'https://app.sendgrid.com/marketing/singleSends',
      'https://sendgrid.com/email_activity',
    ],
  },
  pageKinds: ['event-activity', 'message-events'],
  supportedPages: ['SendGrid: Email Activity (the feed and a message’s event panel)'],
  pageKindFor(url) {
    return /\/email_activity\/[^/]+/.test(url.pathname) ? 'message-events' : undefined;
  },
  findTables(doc) {
    // The event panel is a dialog; when it is open its events are what the user is looking at.
    const panel = doc.querySelector('[role="dialog"]');
    return panel ? [panel] : Array.from(doc.querySelectorAll('main'));
  },
  pageRecipient(doc) {
    const panel = doc.querySelector('[role="dialog"]');
    return panel ? emailIn(textAfterLabel(panel, /^(to|recipient)\b/i)) : undefined;
  },
};
