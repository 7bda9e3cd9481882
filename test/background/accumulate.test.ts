import { emptyAccumulation, mergePage, toCampaign } from '../../src/background/accumulate';
import type { Campaign } from '../../src/shared/types';

const sent = Date.parse('2025-02-13T17:00:00Z');

function page(rows: Array<[key: string, recipient: string, secondsAfterSend: number]>): {
  campaign: Campaign;
  rowKeys: string[];
} {
  return {
    campaign: {
      name: 'Spring launch',
      sentAt: sent,
      deliveredCount: 1200,
      events: rows.map(([, recipient, seconds], index) => ({
        type: 'open',
        sourceIndex: index,
        recipient,
        timestamp: sent + seconds * 1000,
      })),
    },
    rowKeys: rows.map(([key]) => key),
  };
}

describe('page accumulation', () => {
  it('accumulates the pages of one report and does not count a row seen twice', () => {
    let acc = emptyAccumulation('mailchimp:42', 'mailchimp');
    acc = mergePage(acc, page([['a', 'ana@contoso.com', 41], ['b', 'bo@fabrikam.com', 3600]]), 1);
    acc = mergePage(acc, page([['c', 'cy@example.org', 50], ['d', 'di@example.org', 7200]]), 2);
    // Page 1 visited again (the user went back): same keys, nothing is added.
    acc = mergePage(acc, page([['a', 'ana@contoso.com', 41], ['b', 'bo@fabrikam.com', 3600]]), 3);
    const { campaign, rowKeys } = toCampaign(acc);
    expect(rowKeys).toEqual(['a', 'b', 'c', 'd']);
    expect(campaign.events.map((e) => e.recipient)).toEqual([
      'ana@contoso.com',
      'bo@fabrikam.com',
      'cy@example.org',
      'di@example.org',
    ]);
    expect(campaign.events.map((e) => e.sourceIndex)).toEqual([0, 1, 2, 3]);
    expect(campaign.deliveredCount).toBe(1200);
    expect(campaign.sentAt).toBe(sent);
    expect(acc.updatedAt).toBe(3);
  });

  it('keeps earlier metadata when a later page does not show it', () => {
    let acc = emptyAccumulation('k', 'sendgrid');
    acc = mergePage(acc, page([['a', 'ana@contoso.com', 41]]), 1);
    acc = mergePage(acc, { campaign: { events: [], linkStats: [{ url: 'https://x.test/p', totalClicks: 9 }] }, rowKeys: [] }, 2);
    const { campaign } = toCampaign(acc);
    expect(campaign.name).toBe('Spring launch');
    expect(campaign.linkStats).toEqual([{ url: 'https://x.test/p', totalClicks: 9 }]);
  });
});
