// Rates never exceed 100 %: whoever opened or clicked was delivered to, even when the delivery records the
// source shows (one page of a log) miss them.
import { classifyCampaign } from '../../src/classifier/index';
import type { Campaign } from '../../src/shared/types';

const sent = Date.parse('2025-06-02T09:00:00Z');
const reader = (sourceIndex: number, recipient: string, hours: number) => ({
  type: 'open' as const,
  sourceIndex,
  recipient,
  timestamp: sent + hours * 3_600_000,
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ip: '81.2.69.142',
});

describe('delivered base', () => {
  it('adds engaged recipients missing from the delivery records', () => {
    const campaign: Campaign = {
      sentAt: sent,
      deliveries: [{ recipient: 'ana@example.org', deliveredAt: sent + 2000 }],
      events: [reader(0, 'ana@example.org', 2), reader(1, 'bo@example.org', 3)],
    };
    const { summary } = classifyCampaign(campaign);
    expect(summary.delivered).toBe(2);
    expect(summary.raw.openRate).toBe(1);
    expect(summary.notes.join(' ')).toMatch(/without a delivery record/);
  });

  it('keeps a stated delivered count unless fewer than the recipients who engaged', () => {
    const events = [reader(0, 'ana@example.org', 2), reader(1, 'bo@example.org', 3), reader(2, 'cy@example.org', 4)];
    expect(classifyCampaign({ sentAt: sent, deliveredCount: 240, events }).summary.raw.openRate).toBeCloseTo(3 / 240);
    const inconsistent = classifyCampaign({ sentAt: sent, deliveredCount: 2, events }).summary;
    expect(inconsistent.delivered).toBe(3);
    expect(inconsistent.raw.openRate).toBe(1);
  });
});
