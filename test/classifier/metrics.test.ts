// Campaign numbers: raw vs qualified unique opens/clicks and rates, per-link clicks, counts by label/reason/
// vendor, the scanner-unsubscribe warning, and the degraded inputs (times only, counts only, link table only).
import { classifyCampaign } from '../../src/classifier';
import { estimateLinkFloor, utilityKind } from '../../src/classifier/link-floor';
import type { Campaign, EngagementEvent } from '../../src/shared/types';
import { generateCampaign } from '../generator/campaign';
import { testRanges } from './test-ranges';

const SENT = Date.UTC(2026, 9, 14, 14, 0, 0);
const at = (seconds: number) => SENT + seconds * 1000;
const CHROME_NOW =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36';
const LINKS = ['https://www.contoso.com/webinar', 'https://www.contoso.com/pricing', 'https://email.contoso.com/unsubscribe?c=1'];

function withIndex(events: Array<Omit<EngagementEvent, 'sourceIndex'>>): EngagementEvent[] {
  return events.map((event, i) => ({ ...event, sourceIndex: i }));
}

describe('rates and counts', () => {
  // ann: scanner sweep (3 links) + her own later open and click; bob: Apple prefetch only; cy: a person.
  const campaign: Campaign = {
    sentAt: SENT,
    deliveredCount: 10,
    links: LINKS,
    events: withIndex([
      ...LINKS.map((url, k) => ({ type: 'click' as const, recipient: 'ann@corp.com', timestamp: at(43) + k * 200, ip: '40.94.1.1', userAgent: CHROME_NOW, url })),
      { type: 'open', recipient: 'ann@corp.com', timestamp: at(5400), ip: '86.1.1.1', userAgent: CHROME_NOW },
      { type: 'click', recipient: 'ann@corp.com', timestamp: at(5460), ip: '86.1.1.1', userAgent: CHROME_NOW, url: LINKS[1] },
      { type: 'open', recipient: 'bob@icloud.com', timestamp: at(200), ip: '172.225.77.2', userAgent: 'Mozilla/5.0' },
      { type: 'open', recipient: 'cy@home.net', timestamp: at(9000), ip: '73.3.3.3', userAgent: CHROME_NOW },
    ]),
  };
  const report = classifyCampaign(campaign, { ranges: testRanges });

  it('counts raw and qualified unique opens and clicks over delivered recipients', () => {
    const { raw, qualified, delivered } = report.summary;
    expect(delivered).toBe(10);
    expect(raw).toMatchObject({ uniqueOpens: 3, uniqueClicks: 1, openRate: 0.3, clickRate: 0.1 });
    expect(qualified).toMatchObject({ uniqueOpens: 2, uniqueClicks: 1, openRate: 0.2, clickRate: 0.1, clickToOpenRate: 0.5 });
  });

  it('reports per recipient, per link, per label, reason and vendor', () => {
    const ann = report.recipients!.find((r) => r.recipient === 'ann@corp.com')!;
    expect(ann).toMatchObject({ rawClicks: 4, qualifiedClicks: 1, rawOpens: 1, qualifiedOpens: 1 });
    const pricing = report.summary.links.find((link) => link.url === LINKS[1])!;
    expect(pricing).toMatchObject({ rawClicks: 2, qualifiedClicks: 1, rawUniqueClicks: 1, qualifiedUniqueClicks: 1, utility: false });
    expect(report.summary.byLabel).toEqual({ human: 3, scanner: 3, proxy: 1, suspect: 0 });
    expect(report.summary.byVendor).toEqual({ microsoft: 3, 'apple-icloud': 1 });
    expect(report.summary.byReason['scanner-ip:microsoft']).toBe(3);
    expect(report.summary.timing).toContainEqual([43, 'scanner']);
  });

  it('warns when scanners clicked the unsubscribe link', () => {
    expect(report.summary.scannerUnsubscribes).toBe(1);
    expect(report.summary.links.find((link) => link.url === LINKS[2])!.utility).toBe(true);
    expect(report.summary.notes.join(' ')).toMatch(/unsubscribe-link clicks came from scanners/);
  });

  it('drops suspects from qualified numbers only in strict mode', () => {
    const suspectCampaign: Campaign = {
      sentAt: SENT,
      deliveredCount: 4,
      events: withIndex([
        // A years-old browser with an ESP bot hint and no open: weak signals only, so `suspect`.
        { type: 'click', recipient: 'dee@corp.com', timestamp: at(30000), ip: '81.5.5.5', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36', url: LINKS[0], sourceBotHint: 'true' },
        { type: 'open', recipient: 'eli@corp.com', timestamp: at(30000), ip: '81.5.5.6', userAgent: CHROME_NOW },
      ]),
    };
    const normal = classifyCampaign(suspectCampaign, { ranges: testRanges });
    expect(normal.verdicts[0]!.label).toBe('suspect');
    expect(normal.summary.qualified.uniqueClicks).toBe(1);
    const strict = classifyCampaign(suspectCampaign, { ranges: testRanges, settings: { strict: true } });
    expect(strict.summary.qualified.uniqueClicks).toBe(0);
  });
});

describe('degraded inputs', () => {
  it('with no delivered count, deliveries or send time: counts, no rates, and notes saying why', () => {
    const report = classifyCampaign({
      events: withIndex([{ type: 'click', recipient: 'a@b.com', timestamp: at(100), url: LINKS[0] }]),
    });
    expect(report.summary.raw.clickRate).toBeUndefined();
    expect(report.summary.raw.uniqueClicks).toBe(1);
    const notes = report.summary.notes.join(' ');
    expect(notes).toMatch(/delivered recipients is unknown/);
    expect(notes).toMatch(/No send time/);
    expect(notes).toMatch(/No IP addresses/);
  });

  it('with times only (no IPs, agents or recipients), says what it lacked and never calls timing alone a scanner', () => {
    const generated = generateCampaign({ seed: 9, kind: 'b2b', recipients: 300 });
    const timesOnly: Campaign = {
      sentAt: generated.campaign.sentAt,
      deliveredCount: generated.delivered,
      events: generated.campaign.events.map(({ type, timestamp, sourceIndex }) => ({ type, timestamp, sourceIndex })),
    };
    const report = classifyCampaign(timesOnly);
    // Raw scores (before calibration, whose per-evidence tables map many context-only scores to the same probability) keep the order.
    const raw = classifyCampaign(timesOnly, { uncalibrated: true });
    expect(report.verdicts).toHaveLength(timesOnly.events.length);
    const notes = report.summary.notes.join(' ');
    expect(notes).toMatch(/No IP addresses/);
    expect(notes).toMatch(/No user agents/);
    expect(notes).toMatch(/No recipients/);
    // Timing alone is context: it never makes a scanner, nor even a suspect (a fast reader is not suspect for
    // being fast), but with the dense early mode it raises early events' scores above late ones'.
    expect(report.summary.byLabel.scanner).toBe(0);
    expect(report.summary.byLabel.suspect).toBe(0);
    const early = raw.verdicts.filter((_, i) => (timesOnly.events[i]!.timestamp! - timesOnly.sentAt!) / 1000 < 60);
    const late = raw.verdicts.filter((_, i) => (timesOnly.events[i]!.timestamp! - timesOnly.sentAt!) / 1000 > 3 * 3600);
    const mean = (verdicts: typeof early) => verdicts.reduce((sum, v) => sum + v.score, 0) / verdicts.length;
    expect(mean(early)).toBeGreaterThan(mean(late) + 0.1);
  });

  it('with counts only (recipient-level rows), sums the counts and labels each row', () => {
    const report = classifyCampaign({
      deliveredCount: 50,
      events: withIndex([
        { type: 'open', recipient: 'a@corp.com', count: 4 },
        { type: 'click', recipient: 'a@corp.com', count: 3 },
        { type: 'click', recipient: 'b@corp.com', count: 1e12 },
      ]),
    });
    expect(report.verdicts.map((v) => v.label)).toEqual(['human', 'human', 'human']);
    expect(report.recipients!.find((r) => r.recipient === 'a@corp.com')).toMatchObject({ rawOpens: 4, rawClicks: 3 });
    expect(report.summary.raw.uniqueClicks).toBe(2);
    expect(report.summary.notes.join(' ')).toMatch(/No event times/);
  });

  it('with a link table only, reports estimated human clicks per link and the basis in plain words', () => {
    const report = classifyCampaign({
      events: [],
      linkStats: [
        { url: 'https://shop.example.com/sale', totalClicks: 980, uniqueClicks: 610 },
        { url: 'https://shop.example.com/boots', totalClicks: 720, uniqueClicks: 455 },
        { url: 'https://www.facebook.com/exampleshop', totalClicks: 300, uniqueClicks: 240 },
        { url: 'https://example.us1.list-manage.com/unsubscribe?u=1', totalClicks: 310, uniqueClicks: 250 },
        { url: 'https://shop.example.com/privacy', totalClicks: 290, uniqueClicks: 236 },
      ],
    });
    const sale = report.summary.links.find((link) => link.url.endsWith('/sale'))!;
    expect(sale).toMatchObject({ estimated: true, rawUniqueClicks: 610, qualifiedUniqueClicks: 610 - 240 });
    expect(report.summary.linkFloor!.basis).toMatch(/3 utility links .* median of 240 unique clicks/);
    expect(report.summary.linkFloor!.scannerShare).toBeCloseTo((300 + 300 + 300 + 300 + 290) / 2600, 5);
    expect(report.summary.notes.join(' ')).toMatch(/Only a link table/);
  });
});

describe('link floor', () => {
  it('recognises utility links by what they are', () => {
    expect(utilityKind('https://shop.us1.list-manage.com/unsubscribe?u=1')).toBe('unsubscribe');
    expect(utilityKind('https://shop.example.com/email/preferences')).toBe('preferences');
    expect(utilityKind('https://www.linkedin.com/company/x')).toBe('social');
    expect(utilityKind('https://shop.example.com/view-in-browser/8')).toBe('view-in-browser');
    expect(utilityKind('https://shop.example.com/legal/terms')).toBe('terms');
    expect(utilityKind('https://shop.example.com/products/boots')).toBeUndefined();
  });

  it('falls back to the least-clicked link without utility links, and gives up with fewer than three links', () => {
    const fallback = estimateLinkFloor([
      { url: 'https://a.test/1', totalClicks: 500 },
      { url: 'https://a.test/2', totalClicks: 200 },
      { url: 'https://a.test/3', totalClicks: 180 },
    ])!;
    expect(fallback.basis).toMatch(/least-clicked link \(180 unique clicks\)/);
    expect(fallback.links.map((link) => link.qualifiedClicks)).toEqual([320, 20, 0]);
    expect(estimateLinkFloor([{ url: 'https://a.test/1', totalClicks: 5 }])).toBeUndefined();
    expect(estimateLinkFloor('not a table')).toBeUndefined();
  });
});
