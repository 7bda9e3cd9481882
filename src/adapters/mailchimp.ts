// Mailchimp campaign reports: the recipient activity lists (Opened / Clicked: one row per contact with counts),
// click performance (URL, total, unique) and a contact's member activity feed. Hosts are per data centre
// (us1…us21.admin.mailchimp.com); the report id is the `id` query parameter on every report tab.
import type { Adapter } from './types';
import { emailIn } from '../page-reader/page-facts';

export const mailchimp: Adapter = {
  id: 'mailchimp',
  name: 'Mailchimp',
  matches: [
    'https://*.admin.mailchimp.com/reports/*',
    'https://*.admin.mailchimp.com/lists/members/view*',
    'https://*.admin.mailchimp.com/audience/contact-profile*',
  ],
  examples: {
    match: [
      'https://us21.admin.mailchimp.com/reports/activity/opened?id=8830416',
      'https://us21.admin.mailchimp.com/reports/activity/clicked?id=8830416',
      'https://us6.admin.mailchimp.com/reports/click-performance?id=8830416',
      'https://us6.admin.mailchimp.com/lists/members/view?id=412987',
      'https://us21.admin.mailchimp.com/audience/contact-profile?contact_id=7f3c2a&tab=activity',
    ],
    noMatch: [
      'https://us21.admin.mailchimp.com/campaigns/',
      'https://mailchimp.com/reports/activity/opened?id=8830416',
      'https://us21.admin.mailchimp.com.evil.example/reports/summary?id=1',
      'https://login.mailchimp.com/',
    ],
  },
  pageKinds: ['recipient-counts', 'link-clicks', 'event-activity'],
  supportedPages: [
    'Mailchimp: campaign report → Activity (Opened, Clicked)',
    'Mailchimp: campaign report → Click performance',
    'Mailchimp: contact profile → Activity',
  ],
  pageKindFor(url) {
    if (/\/reports\/activity\//.test(url.pathname)) return 'recipient-counts';
    if (/\/reports\/click/.test(url.pathname)) return 'link-clicks';
    if (/\/(lists\/members|audience\/contact-profile)/.test(url.pathname)) return 'event-activity';
    return undefined;
  },
  pageRecipient(doc) {
    // A contact profile's activity has no email column: the address is in the profile header.
    if (!/\/(lists\/members|audience\/contact-profile)/.test(doc.location?.pathname ?? '')) return undefined;
    return emailIn(doc.querySelector('main header')?.textContent ?? undefined);
  },
  findTables(doc) {
    return Array.from(doc.querySelectorAll('main table, [role="main"] table, #report-content, [data-testid="activity-feed"]'));
  },
  campaignKey(url) {
    const id = url.searchParams.get('id');
    if (/\/reports\//.test(url.pathname) && id) return `mailchimp:${url.host}:report:${id}`;
    const contact = url.searchParams.get('contact_id') ?? url.searchParams.get('id');
    return contact ? `mailchimp:${url.host}:contact:${contact}` : undefined;
  },
};
