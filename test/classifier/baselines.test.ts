// The published rule sets behave as published, so the acceptance comparison is against the real rules.
import type { Campaign, EngagementEvent } from '../../src/shared/types';
import { BASELINES } from './baselines';
import { testRanges } from './test-ranges';

const SENT = Date.UTC(2026, 9, 14, 14, 0, 0);
const at = (seconds: number) => SENT + seconds * 1000;

function campaignOf(events: Array<Omit<EngagementEvent, 'sourceIndex'>>): Campaign {
  return { sentAt: SENT, events: events.map((event, i) => ({ ...event, sourceIndex: i })) };
}

describe('baseline rule sets', () => {
  const campaign = campaignOf([
    { type: 'open', recipient: 'a@x.com', timestamp: at(1.5), ip: '81.1.1.1', userAgent: 'Mozilla/5.0' },
    { type: 'click', recipient: 'a@x.com', timestamp: at(8), ip: '81.1.1.1', userAgent: 'Mozilla/5.0', url: 'https://l/1' },
    { type: 'click', recipient: 'b@x.com', timestamp: at(40), ip: '40.94.1.1', userAgent: 'python-requests/2.31', url: 'https://l/1' },
    { type: 'click', recipient: 'b@x.com', timestamp: at(40.6), ip: '40.94.1.1', userAgent: 'python-requests/2.31', url: 'https://l/2' },
    { type: 'click', recipient: 'c@x.com', timestamp: at(9), ip: '81.2.2.2', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/155.0.0.0 Safari/537.36', url: 'https://l/1' },
  ]);

  it('Marketo: two activities of one lead under a second apart', () => {
    expect(BASELINES['marketo-proximity']!(campaign)).toEqual(['human', 'human', 'scanner', 'scanner', 'human']);
  });

  it('Mautic: two of (under 2 s, IP list, UA list)', () => {
    // open at 1.5 s with a bot-listed agent (isbot lists bare Mozilla/5.0); b's clicks: listed IP and agent.
    expect(BASELINES['mautic-2-of-3']!(campaign, testRanges)).toEqual(['scanner', 'human', 'scanner', 'scanner', 'human']);
  });

  it('lemlist: under 5 s, or a click under 9 s after a bot open', () => {
    expect(BASELINES.lemlist!(campaign)).toEqual(['scanner', 'scanner', 'human', 'human', 'human']);
  });

  it('warmbly: open < 60 s, click < 30 s, scanner network < 600 s, two links < 5 s apart', () => {
    // b's two links 0.6 s apart and from a listed network; c clicks at 9 s (< 30 s); a's open at 1.5 s and click at 8 s.
    expect(BASELINES.warmbly!(campaign, testRanges)).toEqual(['scanner', 'scanner', 'scanner', 'scanner', 'scanner']);
    const later = campaignOf([
      { type: 'open', recipient: 'd@x.com', timestamp: at(61), ip: '81.3.3.3', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/155.0.0.0 Safari/537.36' },
      { type: 'click', recipient: 'd@x.com', timestamp: at(31), ip: '81.3.3.3', userAgent: 'x', url: 'https://l/1' },
      { type: 'click', recipient: 'e@x.com', timestamp: at(599), ip: '40.94.1.1', userAgent: 'x', url: 'https://l/1' },
      { type: 'click', recipient: 'e@x.com', timestamp: at(700), ip: '40.94.1.1', userAgent: 'x', url: 'https://l/1' },
      { type: 'click', recipient: 'f@x.com', timestamp: at(3600), ip: '81.4.4.4', userAgent: 'x', url: 'https://l/1' },
      { type: 'click', recipient: 'f@x.com', timestamp: at(3604.9), ip: '81.4.4.4', userAgent: 'x', url: 'https://l/2' },
      { type: 'click', recipient: 'g@x.com', timestamp: at(3600), ip: '81.5.5.5', userAgent: 'x', url: 'https://l/1' },
      { type: 'click', recipient: 'g@x.com', timestamp: at(3601), ip: '81.5.5.5', userAgent: 'x', url: 'https://l/1' },
    ]);
    expect(BASELINES.warmbly!(later, testRanges)).toEqual(['human', 'human', 'scanner', 'human', 'scanner', 'scanner', 'human', 'human']);
  });

  it('under 10 s after send', () => {
    expect(BASELINES['under-10-seconds']!(campaign)).toEqual(['scanner', 'scanner', 'human', 'human', 'scanner']);
  });

  it('MPP user agent: opens with exactly Mozilla/5.0', () => {
    expect(BASELINES['mpp-user-agent']!(campaign)).toEqual(['proxy', 'human', 'human', 'human', 'human']);
  });
});
