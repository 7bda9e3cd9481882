// Mailgun Logs: one row per event of a sending domain (accepted, delivered, opened, clicked, failed…).
import type { Adapter } from './types';

export const mailgun: Adapter = {
  id: 'mailgun',
  name: 'Mailgun',
  matches: ['https://app.mailgun.com/app/sending/domains/*/logs*', 'https://app.mailgun.com/mg/sending/*/logs*', 'https://app.mailgun.com/app/logs*'],
  examples: {
    match: [
      'https://app.mailgun.com/app/sending/domains/mg.fernhill-coffee.com/logs',
      'https://app.mailgun.com/mg/sending/mg.fernhill-coffee.com/logs?event=opened',
      'https://app.mailgun.com/app/logs/mg.fernhill-coffee.com',
    ],
    noMatch: [
      'https://app.mailgun.com/app/sending/domains/mg.fernhill-coffee.com/settings',
      'https://app.mailgun.com/app/dashboard',
      'https://www.mailgun.com/app/logs',
    ],
  },
  pageKinds: ['event-activity'],
  supportedPages: ['Mailgun: Sending → Logs'],
  campaignKey(url) {
    const domain =
      /\/domains\/([^/]+)/.exec(url.pathname)?.[1] ??
      /\/sending\/(?!domains\/)([^/]+)/.exec(url.pathname)?.[1] ??
      /\/logs\/([^/]+)/.exec(url.pathname)?.[1];
    // Logs are per sending domain; a campaign tag filter narrows them to one campaign.
    const tag = url.searchParams.get('tag') ?? url.searchParams.get('tags');
    return domain ? `mailgun:${domain}${tag ? `:tag:${tag}` : ''}` : undefined;
  },
};
