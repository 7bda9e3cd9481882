// Which client an audit belongs to, and merges that always end at one client.
import { describe, expect, it } from 'vitest';
import { clientKeyOf, defaultClientName, pointOf, resolveClient } from '../../src/background/clients';
import { emptySummary } from '../setup/summary';

describe('clients', () => {
  it('takes the account the page or export names, else the page’s host, else the ESP', () => {
    expect(clientKeyOf({ account: '  Acme Corp ', url: 'https://app.sendgrid.com/x', esp: 'sendgrid' })).toBe('account:acme corp');
    expect(clientKeyOf({ url: 'https://us5.admin.mailchimp.com/reports/summary?id=1', esp: 'mailchimp' })).toBe('host:us5.admin.mailchimp.com');
    expect(clientKeyOf({ esp: 'sendgrid-webhook' })).toBe('esp:sendgrid-webhook');
    expect(defaultClientName('account:acme corp', 'Acme Corp')).toBe('Acme Corp');
    expect(defaultClientName('esp:sendgrid-webhook')).toBe('SendGrid Event Webhook');
  });

  it('follows merges to one client and never loops on a cycle', () => {
    const settings = { names: {}, accounts: {}, mergedInto: { a: 'b', b: 'c', x: 'y', y: 'x' } };
    expect(resolveClient(settings, 'a')).toBe('c');
    expect(resolveClient(settings, 'c')).toBe('c');
    expect(['x', 'y']).toContain(resolveClient(settings, 'x'));
  });

  it('keeps raw and people numbers of each reading', () => {
    const point = pointOf(
      emptySummary({ raw: { uniqueOpens: 30, uniqueClicks: 12, openRate: 0.6 }, qualified: { uniqueOpens: 9, uniqueClicks: 3, openRate: 0.18 } }),
      1000,
    );
    expect(point).toEqual({ at: 1000, rawOpens: 30, rawClicks: 12, peopleOpens: 9, peopleClicks: 3, rawOpenRate: 0.6, peopleOpenRate: 0.18 });
  });
});
