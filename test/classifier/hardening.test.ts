// Behaviour added when the classifier was hardened against shapes its own generator does not make: coarse
// clocks, wrong send times, office NATs, desktop Outlook's agent, and unsafe honeypot regexes.
import { classifyCampaign } from '../../src/classifier';
import { timeResolution } from '../../src/classifier/context';
import { provableGapMs } from '../../src/classifier/signals/link-burst';
import { compileHoneypots, honeypotPatternProblem } from '../../src/classifier/signals/honeypot';
import { classifyUserAgent } from '../../src/classifier/user-agent';
import { getBundledIndex } from '../../src/ranges';
import type { Campaign, EngagementEvent, EventVerdict } from '../../src/shared/types';

const SENT = Date.UTC(2026, 10, 2, 15, 0, 0);
const at = (seconds: number) => SENT + seconds * 1000;
const CHROME_NOW = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36';
const CHROME_OLD = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.159 Safari/537.36';
const OUTLOOK_DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; Microsoft Outlook 16.0.5095; ms-office; MSOffice 16)';
const LINKS = ['https://ex.com/a', 'https://ex.com/b', 'https://ex.com/c', 'https://ex.com/d'];
const ranges = getBundledIndex();

type Draft = Omit<EngagementEvent, 'sourceIndex'>;
function run(events: Draft[], extra: Partial<Campaign> = {}, settings = {}) {
  const campaign: Campaign = { sentAt: SENT, deliveredCount: 100, links: LINKS, events: events.map((e, i) => ({ ...e, sourceIndex: i })), ...extra };
  return classifyCampaign(campaign, { ranges, settings });
}
const labels = (verdicts: EventVerdict[]) => verdicts.map((v) => v.label);
const clean = (times: number[]): Float64Array => Float64Array.from(times);

describe('clock resolution', () => {
  it('reads milliseconds, Unix seconds and minute-only stamps', () => {
    expect(timeResolution(clean([at(1.234), at(5.5), at(9)]))).toBe(1);
    expect(timeResolution(clean([at(1), at(5), at(9), at(61)]))).toBe(1000);
    expect(timeResolution(clean([at(60), at(120), at(3600), at(7200)]))).toBe(60_000);
    expect(timeResolution(clean([at(60), Number.NaN]))).toBe(1);
  });

  it('only proves a 2 s burst from a gap that truncation cannot have shrunk', () => {
    expect(provableGapMs(2000, 1)).toBe(2000);
    expect(provableGapMs(2000, 1000)).toBe(1000);
    expect(provableGapMs(2000, 60_000)).toBeLessThan(0);
  });

  it('keeps a person who opened two links in the same minute a person when stamps show minutes only', () => {
    const events: Draft[] = [];
    for (let r = 0; r < 10; r++) {
      const minute = 60 * (60 + 17 * r);
      events.push({ type: 'open', recipient: `p${r}@x.com`, timestamp: at(minute), ip: `73.1.${r}.9`, userAgent: CHROME_NOW });
      events.push({ type: 'click', recipient: `p${r}@x.com`, timestamp: at(minute), ip: `73.1.${r}.9`, userAgent: CHROME_NOW, url: LINKS[0] });
      events.push({ type: 'click', recipient: `p${r}@x.com`, timestamp: at(minute), ip: `73.1.${r}.9`, userAgent: CHROME_NOW, url: LINKS[1] });
    }
    const { verdicts } = run(events);
    expect(verdicts.filter((v) => v.label === 'scanner' || v.label === 'proxy')).toEqual([]);
    // Still flagged for review: two links in one minute is weak evidence, not none.
    expect(verdicts.filter((v) => v.type === 'click').every((v) => v.reasons.includes('link-burst'))).toBe(true);
  });

  it('still calls a whole-message sweep in one minute stamp a scanner', () => {
    const sweep = LINKS.map((url) => ({ type: 'click' as const, recipient: 's@corp.com', timestamp: at(60), ip: '34.12.1.1', userAgent: CHROME_OLD, url }));
    const people = Array.from({ length: 6 }, (_, r) => ({ type: 'open' as const, recipient: `q${r}@x.com`, timestamp: at(60 * (90 + 41 * r)), ip: `73.2.${r}.1`, userAgent: CHROME_NOW }));
    const { verdicts } = run([...sweep, ...people]);
    expect(labels(verdicts.slice(0, 4))).toEqual(['scanner', 'scanner', 'scanner', 'scanner']);
    expect(verdicts.slice(4).every((v) => v.label === 'human')).toBe(true);
  });

  it('does not read a person’s 3 s gap, truncated to 2 s by Unix-second stamps, as a burst', () => {
    const events: Draft[] = [];
    for (let r = 0; r < 8; r++) {
      const t = 3600 + 900 * r;
      events.push({ type: 'click', recipient: `u${r}@x.com`, timestamp: at(t), ip: `73.3.${r}.1`, userAgent: CHROME_NOW, url: LINKS[0] });
      events.push({ type: 'click', recipient: `u${r}@x.com`, timestamp: at(t + 2), ip: `73.3.${r}.1`, userAgent: CHROME_NOW, url: LINKS[1] });
    }
    const { verdicts } = run(events);
    expect(verdicts.every((v) => v.label === 'human')).toBe(true);
  });
});

describe('a send time the events contradict', () => {
  it('is not measured from (and says so), instead of calling every early reader a scanner', () => {
    const events: Draft[] = Array.from({ length: 12 }, (_, r) => ({
      type: 'open' as const,
      recipient: `tz${r}@x.com`,
      timestamp: at(-3 * 3600 + 600 * r),
      ip: `73.4.${r}.1`,
      userAgent: CHROME_NOW,
    }));
    const report = run(events);
    expect(report.verdicts.every((v) => v.label === 'human' && !v.reasons.includes('before-delivery'))).toBe(true);
    expect(report.summary.notes.some((note) => note.includes('send time looks wrong'))).toBe(true);
  });

  it('still trusts per-recipient delivery records (greylisting scans before delivery)', () => {
    const events: Draft[] = [{ type: 'click', recipient: 'g@x.com', timestamp: at(40), ip: '34.1.1.1', userAgent: CHROME_OLD, url: LINKS[0] }];
    const report = run(events, { deliveries: [{ recipient: 'g@x.com', deliveredAt: at(4 * 3600) }] });
    expect(report.verdicts[0]!.reasons).toContain('before-delivery');
  });
});

describe('one address, many recipients', () => {
  it('keeps forty people reading an all-hands mail behind one NAT within minutes people', () => {
    const events: Draft[] = [];
    for (let r = 0; r < 40; r++) {
      const t = 30 + ((r * 53) % 210);
      events.push({ type: 'open', recipient: `staff${r}@acme.com`, timestamp: at(t), ip: '203.0.113.25', userAgent: OUTLOOK_DESKTOP });
      if (r % 2 === 0) events.push({ type: 'click', recipient: `staff${r}@acme.com`, timestamp: at(t + 20), ip: '203.0.113.25', userAgent: CHROME_NOW, url: LINKS[0] });
    }
    const { verdicts } = run(events);
    expect(verdicts.filter((v) => v.label === 'scanner')).toEqual([]);
  });

  it('still calls an isolated sweep of many recipients within seconds a scanner, whatever its agent', () => {
    for (const userAgent of [CHROME_NOW, CHROME_OLD]) {
      const farm = Array.from({ length: 8 }, (_, r) => ({ type: 'click' as const, recipient: `t${r}@tenant.com`, timestamp: at(5400 + r), ip: `51.89.7.${10 + r}`, userAgent, url: LINKS[0] }));
      const { verdicts } = run(farm);
      expect(verdicts.every((v) => v.label === 'scanner' && v.reasons.includes('shared-ip'))).toBe(true);
    }
  });
});

describe('user agents', () => {
  it('reads desktop Outlook’s Trident-based image fetch as a mail client, not an outdated browser', () => {
    expect(classifyUserAgent(OUTLOOK_DESKTOP, SENT)).toEqual({ kind: 'other', stale: false });
    expect(classifyUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko', SENT).stale).toBe(true);
    expect(classifyUserAgent('Microsoft Office Existence Discovery', SENT).kind).toBe('scanner');
  });
});

describe('honeypot patterns', () => {
  it('refuses regexes the linear-time matcher cannot run and keeps the others', () => {
    for (const unsafe of ['(a+)+$', '(a|aa)*', '(\\w+\\.)*x', '(a+){2,9}', '([a-z]+)-\\1', 'x'.repeat(201)]) {
      expect(honeypotPatternProblem(unsafe), unsafe).toBeDefined();
    }
    for (const safe of ['trap-\\d+', '(?:hp|trap)-\\d+', '(?:a)+', 'a{2,}', '(x+)?', '[(+)]+', '(?<n>a)+', 'hidden\\.gif$', '.*a.*b.*c']) {
      expect(honeypotPatternProblem(safe), safe).toBeUndefined();
    }
  });

  it('treats unwrapped patterns as plain substrings (regex characters included) and reports refused ones', () => {
    const { matchers, refused } = compileHoneypots(['a.b', '/(a+)+$/', '/trap-\\d+/i', '/[unclosed/']);
    expect(matchers).toHaveLength(2);
    expect(matchers[0]!('https://x.com/a.b')).toBe(true);
    expect(matchers[0]!('https://x.com/axb')).toBe(false);
    expect(matchers[1]!('https://x.com/TRAP-42')).toBe(true);
    expect(refused.map((r) => r.pattern)).toEqual(['/(a+)+$/', '/[unclosed/']);
  });

  it('classifies a long adversarial URL quickly with an evil pattern configured, and notes the refusal', () => {
    // Unguarded, (a+)+b and (x|x)*y backtrack exponentially on these runs with no b / y (seconds to hours).
    const url = `https://x.com/${'a'.repeat(28)}/${'x'.repeat(28)}/${'z'.repeat(5000)}`;
    const started = Date.now();
    const report = run([{ type: 'click', recipient: 'e@x.com', timestamp: at(3600), ip: '73.9.9.9', userAgent: CHROME_NOW, url }], {}, { honeypotPatterns: ['/(a+)+b/', '/(x|x)*y/'] });
    // Not a wall-time assertion on the product: an unguarded (a+)+ would not return at all on this input.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.verdicts[0]!.label).toBe('human');
    expect(report.summary.notes.filter((note) => note.startsWith('Honeypot pattern'))).toHaveLength(2);
  });
});

describe('agent-rotating sandboxes', () => {
  it('catches a sweep of every link from one address even when each fetch claims a different browser', () => {
    const sweep = LINKS.map((url, k) => ({
      type: 'click' as const,
      recipient: 'rot@corp.com',
      timestamp: at(45) + k * 200,
      ip: '35.33.120.109',
      userAgent: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${151 + k}.0.0.0 Safari/537.36`,
      url,
    }));
    // The person clicks one link during the sweep, from home: not swept up.
    const person = { type: 'click' as const, recipient: 'rot@corp.com', timestamp: at(45.3), ip: '73.5.5.5', userAgent: CHROME_NOW, url: LINKS[2] };
    const { verdicts } = run([...sweep, person]);
    expect(labels(verdicts.slice(0, 4))).toEqual(['scanner', 'scanner', 'scanner', 'scanner']);
    expect(verdicts[4]!.label).not.toBe('scanner');
  });
});

describe('timing with minute-only stamps', () => {
  it('does not treat a reader stamped in the send minute as faster than any person', () => {
    const events: Draft[] = [];
    for (let r = 0; r < 300; r++) {
      // An engaged consumer list: eight readers in the first minute (stamped 15:00), the rest over the day.
      const minute = r < 8 ? 0 : 2 + ((r * 37) % 900);
      events.push({ type: 'open', recipient: `m${r}@x.com`, timestamp: at(60 * minute), ip: `73.6.${r % 250}.${1 + (r % 7)}`, userAgent: CHROME_NOW });
    }
    const { verdicts, summary } = run(events, { deliveredCount: 1000 });
    expect(verdicts.slice(0, 8).every((v) => v.label === 'human')).toBe(true);
    expect(summary.notes.some((note) => note.includes('minutes only'))).toBe(true);
  });
});
