// Brevo logs: transactional logs on app-smtp.brevo.com and email campaign logs on app.brevo.com. Brevo writes
// dates day-first ("13-02-2025 17:08:31") in the account's time zone, which the page states above the table.
import type { Adapter } from './types';

export const brevo: Adapter = {
  id: 'brevo',
  name: 'Brevo',
  matches: ['https://app-smtp.brevo.com/log*', 'https://app.brevo.com/camp/*', 'https://app.brevo.com/*/logs*'],
  examples: {
    match: [
      'https://app-smtp.brevo.com/log',
      'https://app-smtp.brevo.com/log?event=opened&days=7',
      'https://app.brevo.com/camp/report/144/logs',
    ],
    noMatch: ['https://app.brevo.com/contact/list', 'https://app-smtp.brevo.com/statistics', 'https://www.brevo.com/log'],
  },
  pageKinds: ['event-activity'],
  supportedPages: ['Brevo: Transactional → Logs', 'Brevo: email campaign report → Logs'],
  dayFirst: true,
  campaignKey(url) {
    const campaign = /\/camp\/report\/(\d+)/.exec(url.pathname)?.[1];
    return campaign ? `brevo:campaign:${campaign}` : `brevo:${url.host}:logs`;
  },
};
