// Property tests: classifyCampaign never throws and always answers in the contract's shape, whatever arrives —
// garbage strings, NaN/∞ times, missing fields, huge counts, wrong types where the types say otherwise
// (an export or a page can hold anything), odd settings, a range index that misbehaves.
import fc from 'fast-check';
import { classifyCampaign } from '../../src/classifier';
import { LABELS, type Campaign, type EventColumns, type RangeLookup } from '../../src/shared/types';
import { testRanges } from './test-ranges';

const anyTime = fc.oneof(
  fc.double(),
  fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0),
  fc.constant(undefined),
);
const anyIp = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('40.94.12.7', '172.225.77.9', '165.225.38.1', '66.249.84.2', '::ffff:40.94.1.1', '999.1.1.1', ':::', ''),
  fc.string(),
  fc.constant(undefined),
);
const anyUa = fc.oneof(
  fc.constantFrom(
    'Mozilla/5.0',
    'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    'python-requests/2.31.0',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36',
  ),
  fc.string(),
  fc.constant(undefined),
);
const anyUrl = fc.oneof(fc.webUrl(), fc.constantFrom('https://x.test/unsubscribe', '#', 'https://x.test/a#b'), fc.string(), fc.constant(undefined));
const recipient = fc.oneof(fc.constantFrom('a@x.com', 'b@x.com', 'c@y.org', 'A@X.COM'), fc.emailAddress(), fc.string(), fc.constant(undefined));

const eventLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom('open', 'click'), fc.string(), fc.constant(undefined)),
    sourceIndex: fc.oneof(fc.nat(), fc.double(), fc.constant(undefined)),
    recipient,
    timestamp: anyTime,
    ip: anyIp,
    userAgent: anyUa,
    url: anyUrl,
    messageId: fc.option(fc.string(), { nil: undefined }),
    sourceBotHint: fc.oneof(fc.constantFrom('true', 'false', 'sg_machine_open', ''), fc.boolean(), fc.constant(undefined)),
    count: fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(1e300, 2 ** 53, Number.NaN), fc.constant(undefined)),
  },
  { requiredKeys: [] },
);

// Anything at all in the events array: mostly event-like records, sometimes null, numbers, strings, arrays.
const anyEvent = fc.oneof({ weight: 8, arbitrary: eventLike }, { weight: 1, arbitrary: fc.anything() });

const anyCampaign = fc.record(
  {
    sentAt: anyTime,
    deliveredCount: fc.oneof(fc.double(), fc.nat(), fc.constant(undefined)),
    deliveries: fc.option(
      fc.array(fc.oneof(fc.record({ recipient, deliveredAt: anyTime }, { requiredKeys: [] }), fc.anything()), { maxLength: 10 }),
      { nil: undefined },
    ),
    events: fc.array(anyEvent, { maxLength: 60 }),
    links: fc.option(fc.array(fc.oneof(anyUrl, fc.anything()), { maxLength: 6 }), { nil: undefined }),
    linkStats: fc.option(
      fc.array(fc.oneof(fc.record({ url: anyUrl, totalClicks: fc.oneof(fc.double(), fc.nat()), uniqueClicks: fc.oneof(fc.double(), fc.nat(), fc.constant(undefined)) }, { requiredKeys: [] }), fc.anything()), { maxLength: 8 }),
      { nil: undefined },
    ),
    recipientMailHosts: fc.option(fc.dictionary(fc.constantFrom('x.com', 'y.org', '__proto__', 'constructor'), fc.oneof(fc.constantFrom('microsoft365', 'google', 'other'), fc.string())), { nil: undefined }),
  },
  { requiredKeys: ['events'] },
);

const anySettings = fc.option(
  fc.record(
    {
      strict: fc.oneof(fc.boolean(), fc.anything()),
      honeypotPatterns: fc.oneof(fc.array(fc.oneof(fc.string(), fc.constantFrom('/[/', '/trap/i', '/(a+)+$/', 'hidden'))), fc.anything()),
      machineThreshold: fc.oneof(fc.double(), fc.anything()),
      suspectThreshold: fc.oneof(fc.double(), fc.anything()),
      burstWindowSeconds: fc.oneof(fc.double(), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

/** A range index that throws or answers nonsense for some inputs, to prove the classifier does not trust it. */
const flakyRanges: RangeLookup = {
  lookup(ip: string) {
    if (ip.length % 7 === 3) throw new Error('index exploded');
    return testRanges.lookup(ip);
  },
};

function eventsOf(campaign: unknown): unknown[] {
  return (campaign as { events: unknown[] }).events;
}

describe('classifyCampaign on arbitrary input', () => {
  it('never throws and answers one verdict per event, in order, with a valid label, score and reasons', () => {
    fc.assert(
      fc.property(anyCampaign, anySettings, fc.boolean(), (campaign, settings, flaky) => {
        const report = classifyCampaign(campaign as unknown as Campaign, {
          ranges: flaky ? flakyRanges : testRanges,
          settings: settings as never,
        });
        const events = eventsOf(campaign);
        expect(report.verdicts).toHaveLength(events.length);
        // The normal path handled it: the last-resort fallback was not needed.
        expect(report.summary.notes.join(' ')).not.toMatch(/could not read this input/);
        report.verdicts.forEach((verdict, position) => {
          expect(LABELS).toContain(verdict.label);
          expect(['open', 'click']).toContain(verdict.type);
          expect(Number.isFinite(verdict.score)).toBe(true);
          expect(verdict.score).toBeGreaterThanOrEqual(0);
          expect(verdict.score).toBeLessThanOrEqual(1);
          expect(verdict.reasons.every((reason) => typeof reason === 'string' && /^[a-z0-9-]+(:[a-z0-9.-]+)?$/.test(reason))).toBe(true);
          const source = events[position] as { sourceIndex?: unknown } | null;
          const given = source !== null && typeof source === 'object' ? source.sourceIndex : undefined;
          expect(verdict.sourceIndex).toBe(typeof given === 'number' && Number.isFinite(given) ? given : position);
        });
        const { summary } = report;
        expect(Object.values(summary.byLabel).reduce((a, b) => a + b, 0)).toBe(events.length);
        for (const rate of [summary.raw.openRate, summary.raw.clickRate, summary.qualified.openRate, summary.qualified.clickRate]) {
          if (rate !== undefined) expect(Number.isFinite(rate)).toBe(true);
        }
        expect(summary.qualified.uniqueOpens).toBeLessThanOrEqual(summary.raw.uniqueOpens);
        expect(summary.qualified.uniqueClicks).toBeLessThanOrEqual(summary.raw.uniqueClicks);
        expect(() => JSON.stringify(report)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic: the same campaign gives the same report', () => {
    fc.assert(
      fc.property(anyCampaign, (campaign) => {
        const first = classifyCampaign(campaign as unknown as Campaign, { ranges: testRanges });
        const second = classifyCampaign(campaign as unknown as Campaign, { ranges: testRanges });
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same report when the caller hands its events over (consumeEvents), and only then empties the list', () => {
    fc.assert(
      fc.property(anyCampaign, (campaign) => {
        const kept = structuredClone(campaign) as unknown as Campaign;
        const handedOver = structuredClone(campaign) as unknown as Campaign;
        const events = handedOver.events;
        const expected = classifyCampaign(kept, { ranges: testRanges });
        expect(kept.events.length).toBe((campaign as unknown as Campaign).events.length);
        const report = classifyCampaign(handedOver, { ranges: testRanges, consumeEvents: true });
        expect(JSON.stringify(report)).toBe(JSON.stringify(expected));
        expect(handedOver.events).toBe(events);
        expect(events).toHaveLength(0);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same report when events come as columns (Campaign.eventColumns), alone or after event objects', () => {
    /** Events as an importer with `eventColumns` gives them; fields keep whatever value the event had. */
    const columnsOf = (events: Array<Record<string, unknown>>): EventColumns => {
      const numberOr = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);
      const text = (name: string) => events.map((event) => event[name] as string | undefined);
      return {
        length: events.length,
        click: Uint8Array.from(events, (event) => (event.type === 'click' ? 1 : 0)),
        sourceIndex: Float64Array.from(events, (event) => numberOr(event.sourceIndex)),
        timestamp: Float64Array.from(events, (event) => numberOr(event.timestamp)),
        count: Float64Array.from(events, (event) => numberOr(event.count)),
        recipient: text('recipient'),
        ip: text('ip'),
        userAgent: text('userAgent'),
        url: text('url'),
        messageId: text('messageId'),
        sourceBotHint: text('sourceBotHint'),
      };
    };
    fc.assert(
      fc.property(anyCampaign, fc.boolean(), (campaign, handOver) => {
        const events = (campaign as unknown as Campaign).events as unknown[];
        // Columns hold opens and clicks only: what follows the last record without one goes into columns.
        let split = events.length;
        while (split > 0) {
          const event = events[split - 1] as { type?: unknown } | null;
          if (event === null || typeof event !== 'object' || Array.isArray(event) || (event.type !== 'open' && event.type !== 'click')) break;
          split--;
        }
        const expected = classifyCampaign(structuredClone(campaign) as unknown as Campaign, { ranges: testRanges });
        const columnar = structuredClone(campaign) as unknown as Campaign;
        columnar.eventColumns = columnsOf(columnar.events.slice(split) as unknown as Array<Record<string, unknown>>);
        columnar.events = columnar.events.slice(0, split);
        const report = classifyCampaign(columnar, { ranges: testRanges, consumeEvents: handOver });
        expect(JSON.stringify(report)).toBe(JSON.stringify(expected));
        expect(columnar.eventColumns === undefined).toBe(handOver && events.length > 0);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves out columns it cannot read, and says so', () => {
    const report = classifyCampaign({ events: [{ type: 'open', sourceIndex: 0, recipient: 'a@corp.example' }], eventColumns: { length: 3 } as unknown as EventColumns });
    expect(report.verdicts).toHaveLength(1);
    expect(report.summary.notes).toContain('Some events came as columns that could not be read; they were left out.');
  });

  it('still answers one verdict per handed-over event when classification fails after reading them', () => {
    const failingHosts = new Proxy({} as Record<string, never>, {
      getOwnPropertyDescriptor() {
        throw new Error('host table unreadable');
      },
    });
    const campaign = (): Campaign => ({
      sentAt: Date.UTC(2025, 1, 13, 17, 8),
      recipientMailHosts: failingHosts,
      events: [
        { type: 'open', recipient: 'a@corp.example', timestamp: Date.UTC(2025, 1, 13, 17, 9), sourceIndex: 4 },
        { type: 'click', recipient: 'b@corp.example', timestamp: Date.UTC(2025, 1, 13, 17, 10), url: 'https://x.example/', sourceIndex: 7 },
      ],
    });
    const expected = classifyCampaign(campaign(), { ranges: testRanges });
    expect(expected.summary.notes[0]).toContain('host table unreadable');
    const handedOver = campaign();
    const report = classifyCampaign(handedOver, { ranges: testRanges, consumeEvents: true });
    expect(handedOver.events).toHaveLength(0);
    expect(report).toEqual(expected);
    expect(report.verdicts.map((verdict) => [verdict.sourceIndex, verdict.type])).toEqual([
      [4, 'open'],
      [7, 'click'],
    ]);
  });

  it('survives inputs that are not campaigns at all', () => {
    for (const input of [null, undefined, 42, 'campaign', [], {}, { events: null }, { events: 'x' }, { events: [null, 1, 'a'] }]) {
      const report = classifyCampaign(input as unknown as Campaign);
      expect(report.verdicts.length).toBe(Array.isArray((input as { events?: unknown } | null)?.events) ? 3 : 0);
    }
  });
});
