// Each signal's behaviour on small realistic situations, through the public entry point (so the evidence has to
// survive scoring and show up as the label and reason a user would see).
import { classifyCampaign } from '../../src/classifier';
import { timeWeights } from '../../src/classifier/signals/time-since-delivery';
import type { Campaign, EngagementEvent, EventVerdict } from '../../src/shared/types';
import { testRanges } from './test-ranges';

const SENT = Date.UTC(2026, 9, 14, 14, 0, 0);
const at = (seconds: number) => SENT + seconds * 1000;
const CHROME_NOW =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36';
const CHROME_2018 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1';
const LINKS = [
  'https://www.contoso.com/webinar',
  'https://www.contoso.com/pricing',
  'https://www.contoso.com/report',
  'https://www.contoso.com/privacy',
  'https://email.contoso.com/unsubscribe?c=1',
];

type Draft = Omit<EngagementEvent, 'sourceIndex'>;

function campaignOf(events: Draft[], extra: Partial<Campaign> = {}): Campaign {
  return { sentAt: SENT, deliveredCount: 100, links: LINKS, events: events.map((e, i) => ({ ...e, sourceIndex: i })), ...extra };
}

function classify(events: Draft[], extra: Partial<Campaign> = {}, settings = {}): EventVerdict[] {
  return classifyCampaign(campaignOf(events, extra), { ranges: testRanges, settings }).verdicts;
}

/** People reading over the day: first events spread from minutes to hours after send. */
function backgroundReaders(count: number): Draft[] {
  return Array.from({ length: count }, (_, k) => ({
    type: 'open' as const,
    recipient: `reader${k}@example.org`,
    timestamp: at(300 + k * 397),
    ip: `73.12.${k % 250}.${(k * 7) % 250}`,
    userAgent: CHROME_NOW,
  }));
}

describe('link burst and all links', () => {
  it('labels a Safe Links sweep of every link within a second a scanner from Microsoft', () => {
    const sweep = LINKS.map((url, k) => ({ type: 'click' as const, recipient: 'ann@corp.com', timestamp: at(43) + k * 180, ip: '40.94.31.7', userAgent: CHROME_2018, url }));
    const verdicts = classify(sweep);
    for (const verdict of verdicts) {
      expect(verdict.label).toBe('scanner');
      expect(verdict.vendor).toBe('microsoft');
      expect(verdict.reasons).toEqual(expect.arrayContaining(['all-links', 'scanner-ip:microsoft']));
    }
  });

  it('catches an unlisted sweep on breadth alone, but not one person clicking two links minutes apart', () => {
    const sweep = LINKS.slice(0, 3).map((url, k) => ({ type: 'click' as const, recipient: 'bob@corp.com', timestamp: at(50) + k * 300, ip: '20.51.18.9', userAgent: CHROME_NOW, url }));
    const person = [
      { type: 'open' as const, recipient: 'cy@corp.com', timestamp: at(3600), ip: '73.1.2.3', userAgent: CHROME_NOW },
      { type: 'click' as const, recipient: 'cy@corp.com', timestamp: at(3640), ip: '73.1.2.3', userAgent: CHROME_NOW, url: LINKS[0] },
      { type: 'click' as const, recipient: 'cy@corp.com', timestamp: at(3900), ip: '73.1.2.3', userAgent: CHROME_NOW, url: LINKS[1] },
    ];
    const verdicts = classify([...sweep, ...person, ...backgroundReaders(40)]);
    expect(verdicts.slice(0, 3).map((v) => v.label)).toEqual(['scanner', 'scanner', 'scanner']);
    expect(verdicts[0]!.reasons).toContain('link-burst');
    expect(verdicts.slice(3, 6).map((v) => v.label)).toEqual(['human', 'human', 'human']);
  });

  it('sees a sequential sweep (a link every few seconds) as rapid-links', () => {
    const walk = LINKS.slice(0, 3).map((url, k) => ({ type: 'click' as const, recipient: 'di@corp.com', timestamp: at(60 + k * 4), ip: '3.86.211.4', userAgent: CHROME_NOW, url }));
    const verdicts = classify([...walk, ...backgroundReaders(40)]);
    expect(verdicts[1]!.reasons).toContain('rapid-links');
    expect(verdicts[1]!.label).toBe('scanner');
  });
});

describe('an unidentified pixel fetch before the sweep (pages without address or agent)', () => {
  // A Mailchimp-like activity page: times, recipients and links only.
  const sweepOf = (recipient: string, startS: number) =>
    LINKS.slice(0, 4).map((url, k) => ({ type: 'click' as const, recipient, timestamp: at(startS) + k * 400, url }));
  const readers = Array.from({ length: 30 }, (_, k) => ({ type: 'open' as const, recipient: `r${k}@example.org`, timestamp: at(1800 + k * 911) }));

  it('takes an open seconds after delivery, in the minute before the same recipient’s sweep, for the scanner’s', () => {
    const verdicts = classify([{ type: 'open', recipient: 'kb@freight.example', timestamp: at(9) }, ...sweepOf('kb@freight.example', 41), ...readers]);
    expect(verdicts.slice(1, 5).every((v) => v.label === 'scanner')).toBe(true);
    expect(verdicts[0]!.label).toBe('scanner');
    expect(verdicts[0]!.reasons).toContain('pixel-before-sweep');
  });

  it('leaves it to its timing when it came later, when nothing swept the message, or when its agent says who opened', () => {
    const later = classify([{ type: 'open', recipient: 'ah@legal.example', timestamp: at(32) }, ...sweepOf('ah@legal.example', 40), ...readers]);
    expect(later[0]!.reasons).not.toContain('pixel-before-sweep');
    expect(later[0]!.label).not.toBe('scanner');
    const unswept = classify([
      { type: 'open', recipient: 'fast@people.example', timestamp: at(9) },
      { type: 'click', recipient: 'fast@people.example', timestamp: at(30), url: LINKS[0] },
      ...readers,
    ]);
    expect(unswept.map((v) => v.label)).not.toContain('scanner');
    const withAgent = classify([
      { type: 'open', recipient: 'kb@freight.example', timestamp: at(9), userAgent: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)' },
      ...sweepOf('kb@freight.example', 41),
      ...readers,
    ]);
    expect(withAgent[0]!.reasons).not.toContain('pixel-before-sweep');
  });
});

describe('IP ranges', () => {
  it('never labels a Safari click from an iCloud Private Relay address a scanner', () => {
    const verdicts = classify([
      { type: 'click', recipient: 'eve@icloud.com', timestamp: at(95), ip: '172.225.77.40', userAgent: IPHONE_SAFARI, url: LINKS[0] },
    ]);
    expect(verdicts[0]!.label).toBe('human');
  });

  it("labels Apple's prefetch (exactly Mozilla/5.0) a proxy, with or without a known relay address", () => {
    const verdicts = classify([
      { type: 'open', recipient: 'fay@icloud.com', timestamp: at(170), ip: '172.225.77.41', userAgent: 'Mozilla/5.0' },
      { type: 'open', recipient: 'gus@me.com', timestamp: at(200), ip: '104.28.38.9', userAgent: 'Mozilla/5.0' },
    ]);
    expect(verdicts.map((v) => v.label)).toEqual(['proxy', 'proxy']);
    expect(verdicts[0]!.reasons).toEqual(expect.arrayContaining(['mpp-ua', 'proxy-ip:apple-icloud']));
    expect(verdicts[0]!.vendor).toBe('apple-icloud');
  });

  it('keeps Gmail and Yahoo image-proxy opens human, with the reason saying so', () => {
    const verdicts = classify([
      { type: 'open', recipient: 'hal@gmail.com', timestamp: at(25), ip: '66.249.84.12', userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' },
      { type: 'open', recipient: 'ida@yahoo.com', timestamp: at(7200), ip: '67.195.183.3', userAgent: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html' },
    ]);
    expect(verdicts.map((v) => v.label)).toEqual(['human', 'human']);
    expect(verdicts[0]!.reasons).toContain('image-proxy:gmail');
    expect(verdicts[1]!.reasons).toContain('image-proxy:yahoo');
  });

  it('treats a Zscaler gateway address as weak evidence: a person browsing through it stays qualified', () => {
    const verdicts = classify([
      { type: 'open', recipient: 'jo@corp.com', timestamp: at(1800), ip: '165.225.38.17', userAgent: CHROME_NOW },
      { type: 'click', recipient: 'jo@corp.com', timestamp: at(1850), ip: '165.225.38.17', userAgent: CHROME_NOW, url: LINKS[1] },
    ]);
    expect(verdicts.map((v) => v.label)).toEqual(['human', 'human']);
    expect(verdicts[1]!.reasons).toContain('gateway-ip:zscaler');
  });
});

describe('user agents', () => {
  it('labels an explicit scanner agent a scanner and names the vendor when the agent does', () => {
    const verdicts = classify([
      { type: 'click', recipient: 'kim@corp.com', timestamp: at(5000), ip: '81.2.3.4', userAgent: 'Barracuda Sentinel (EE)', url: LINKS[0] },
      { type: 'click', recipient: 'lou@corp.com', timestamp: at(6000), ip: '81.2.3.5', userAgent: 'python-requests/2.31.0', url: LINKS[0] },
    ]);
    expect(verdicts.map((v) => v.label)).toEqual(['scanner', 'scanner']);
    expect(verdicts[0]!.vendor).toBe('barracuda');
    expect(verdicts[1]!.reasons).toContain('bot-ua');
  });

  it('counts a years-old desktop Chrome as weak evidence only', () => {
    const verdicts = classify([{ type: 'click', recipient: 'max@corp.com', timestamp: at(9000), ip: '81.2.3.6', userAgent: CHROME_2018, url: LINKS[0] }]);
    expect(verdicts[0]!.reasons).toContain('stale-browser-ua');
    expect(verdicts[0]!.label).not.toBe('scanner');
  });
});

describe('timing', () => {
  it('adapts: an early mode the campaign shows weighs in, a spread-out campaign gives early events little weight', () => {
    const denseEarly = [...Array.from({ length: 60 }, (_, k) => 20 + (k % 40)), ...Array.from({ length: 40 }, (_, k) => 600 + k * 900)];
    const spread = Array.from({ length: 100 }, (_, k) => 30 + k * 700);
    const dense = timeWeights(denseEarly);
    const calm = timeWeights(spread);
    // Bin 2 is 20–60 s.
    expect(dense[2]!).toBeGreaterThan(2);
    expect(calm[2]!).toBeLessThan(1);
    expect(Math.max(...dense)).toBeLessThanOrEqual(2.2);
  });

  it('never makes a fast person a scanner on timing alone, even in a campaign full of early scanner bursts', () => {
    const scannerBursts = Array.from({ length: 40 }, (_, r) =>
      LINKS.map((url, k) => ({ type: 'click' as const, recipient: `s${r}@corp.com`, timestamp: at(40 + (r % 15)) + k * 100, ip: `40.94.${r}.9`, userAgent: CHROME_2018, url })),
    ).flat();
    const fastPerson = [
      { type: 'open' as const, recipient: 'fast@corp.com', timestamp: at(25), ip: '73.9.9.9', userAgent: CHROME_NOW },
      { type: 'click' as const, recipient: 'fast@corp.com', timestamp: at(38), ip: '73.9.9.9', userAgent: CHROME_NOW, url: LINKS[0] },
    ];
    const verdicts = classify([...fastPerson, ...scannerBursts]);
    expect(verdicts[1]!.reasons).toContain('seconds-after-delivery');
    expect(verdicts[0]!.label).not.toBe('scanner');
    expect(verdicts[1]!.label).not.toBe('scanner');
  });

  it('labels a click hours before the recipient’s delivery (greylisting deferral) a scanner', () => {
    const verdicts = classify(
      [{ type: 'click', recipient: 'ned@corp.com', timestamp: at(60), ip: '81.7.7.7', userAgent: CHROME_NOW, url: LINKS[2] }],
      { deliveries: [{ recipient: 'ned@corp.com', deliveredAt: at(2 * 3600) }] },
    );
    expect(verdicts[0]!.reasons[0]).toBe('before-delivery');
    expect(verdicts[0]!.label).not.toBe('human');
  });
});

describe('relations between events', () => {
  it('labels the person who comes back later from their own browser human (later-human-repeat)', () => {
    const sweep = LINKS.map((url, k) => ({ type: 'click' as const, recipient: 'ola@corp.com', timestamp: at(44) + k * 120, ip: '40.94.8.8', userAgent: CHROME_2018, url }));
    const later = { type: 'click' as const, recipient: 'ola@corp.com', timestamp: at(47), ip: '86.1.1.1', userAgent: CHROME_NOW, url: LINKS[0] };
    const hoursLater = { ...later, timestamp: at(3 * 3600) };
    const verdicts = classify([...sweep, later, hoursLater]);
    expect(verdicts.slice(0, LINKS.length).every((v) => v.label === 'scanner')).toBe(true);
    expect(verdicts[LINKS.length]!.reasons).toContain('later-human-repeat');
    expect(verdicts[LINKS.length]!.label).toBe('human');
    expect(verdicts[LINKS.length + 1]!.label).toBe('human');
  });

  it('labels the gateway re-check 5–30 s after a person’s click a scanner', () => {
    const verdicts = classify([
      { type: 'open', recipient: 'pat@corp.com', timestamp: at(4000), ip: '86.2.2.2', userAgent: CHROME_NOW },
      { type: 'click', recipient: 'pat@corp.com', timestamp: at(4030), ip: '86.2.2.2', userAgent: CHROME_NOW, url: LINKS[1] },
      { type: 'click', recipient: 'pat@corp.com', timestamp: at(4042), ip: '20.51.18.77', userAgent: CHROME_NOW, url: LINKS[1] },
    ]);
    expect(verdicts[1]!.label).toBe('human');
    expect(verdicts[2]!.reasons).toContain('recheck-after-click');
    expect(verdicts[2]!.label).toBe('scanner');
  });

  it('gives the scanner’s own image fetch the same session as its link sweep', () => {
    const open = { type: 'open' as const, recipient: 'quin@corp.com', timestamp: at(9), ip: '20.51.18.30', userAgent: CHROME_NOW };
    const sweep = LINKS.map((url, k) => ({ type: 'click' as const, recipient: 'quin@corp.com', timestamp: at(41) + k * 90, ip: '20.51.18.31', userAgent: CHROME_NOW, url }));
    const verdicts = classify([open, ...sweep]);
    expect(verdicts[0]!.reasons).toContain('same-ip-as-scanner');
    expect(verdicts[0]!.label).toBe('scanner');
  });

  it('flags one network fetching for many recipients within seconds (shared-ip)', () => {
    const farm = Array.from({ length: 6 }, (_, r) => ({ type: 'click' as const, recipient: `r${r}@corp.com`, timestamp: at(7200 + r * 2), ip: `51.89.7.${10 + r}`, userAgent: CHROME_NOW, url: LINKS[0] }));
    const verdicts = classify(farm);
    expect(verdicts.every((v) => v.reasons.includes('shared-ip'))).toBe(true);
    expect(verdicts.every((v) => v.label === 'scanner')).toBe(true);
  });

  it('marks a honeypot hit and the same recipient’s activity within ±10 s, not a click a minute later', () => {
    const verdicts = classify(
      [
        { type: 'click', recipient: 'ray@corp.com', timestamp: at(7000), ip: '81.3.3.3', userAgent: CHROME_NOW, url: 'https://www.contoso.com/p/trap-7' },
        { type: 'click', recipient: 'ray@corp.com', timestamp: at(7006), ip: '81.3.3.3', userAgent: CHROME_NOW, url: LINKS[3] },
        { type: 'click', recipient: 'ray@corp.com', timestamp: at(7300), ip: '86.3.3.3', userAgent: CHROME_NOW, url: LINKS[0] },
      ],
      {},
      { honeypotPatterns: ['/trap-\\d+/'] },
    );
    expect(verdicts[0]!.reasons[0]).toBe('honeypot');
    expect(verdicts[1]!.reasons).toContain('near-honeypot');
    expect(verdicts.map((v) => v.label)).toEqual(['scanner', 'scanner', 'human']);
  });
});

describe('weak priors', () => {
  it('uses the ESP’s bot hint and the recipient’s mail host as evidence, not as verdicts', () => {
    const verdicts = classify(
      [{ type: 'open', recipient: 'sue@corp.com', timestamp: at(20000), ip: '81.4.4.4', userAgent: CHROME_NOW, sourceBotHint: 'true' }],
      { recipientMailHosts: { 'corp.com': 'proofpoint' } },
    );
    expect(verdicts[0]!.reasons).toEqual(expect.arrayContaining(['source-bot-hint', 'mail-host:proofpoint']));
    expect(verdicts[0]!.label).not.toBe('scanner');
  });

  it('reads an ESP’s proxy tag in any wording on an open as Apple’s prefetch, not on a Gmail proxy or a click', () => {
    const verdicts = classify([
      { type: 'open', recipient: 'jo@icloud.com', timestamp: at(450), ip: '17.58.101.52', sourceBotHint: 'Geöffnet (Proxy)' },
      { type: 'open', recipient: 'al@me.com', timestamp: at(900), sourceBotHint: 'Loaded by proxy' },
      { type: 'open', recipient: 'bo@gmail.com', timestamp: at(7200), ip: '66.249.93.84', sourceBotHint: 'Gmail proxy' },
      { type: 'click', recipient: 'cy@corp.com', timestamp: at(8000), ip: '81.4.4.7', userAgent: CHROME_NOW, url: LINKS[0], sourceBotHint: 'Proxy' },
    ]);
    expect(verdicts.slice(0, 3).map((v) => v.label)).toEqual(['proxy', 'proxy', 'human']);
    // Proxy is a label for opens only; a click the ESP tags stays a person's or a suspect, never Apple's.
    expect(['human', 'suspect']).toContain(verdicts[3]!.label);
  });

  it('notes a click with no open before it (weak)', () => {
    const verdicts = classify([
      { type: 'open', recipient: 'other@corp.com', timestamp: at(20000), ip: '81.4.4.5', userAgent: CHROME_NOW },
      { type: 'click', recipient: 'tim@corp.com', timestamp: at(20000), ip: '81.4.4.6', userAgent: CHROME_NOW, url: LINKS[0] },
    ]);
    expect(verdicts[1]!.reasons).toContain('click-without-open');
    expect(verdicts[1]!.label).toBe('human');
  });
});
