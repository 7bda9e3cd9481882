// The generator models what conventions §3 reports (so the acceptance figures mean something): scanner bursts
// a median ~43 s after delivery with two thirds at 20–60 s and about a quarter at 1–5 min, the scanner's open
// ~9 s after send; B2B clicks mostly scanners; consumer opens mostly Apple prefetches; fast people present.
// The export serialisers use the documented field names (conventions §4).
import { generateCampaign, Random } from './campaign';
import { EXPORT_FORMATS, serializeCampaign } from './formats';

function share(values: number[], test: (value: number) => boolean): number {
  return values.filter(test).length / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('campaign generator', () => {
  const b2b = generateCampaign({ seed: 4242, kind: 'b2b', recipients: 3000 });
  const consumer = generateCampaign({ seed: 4242, kind: 'consumer', recipients: 3000 });
  const delivered = new Map(b2b.campaign.deliveries!.map((d) => [d.recipient, d.deliveredAt]));

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCampaign({ seed: 4242, kind: 'b2b', recipients: 3000 }).campaign).toEqual(b2b.campaign);
    expect(generateCampaign({ seed: 4243, kind: 'b2b', recipients: 3000 }).campaign.events.length).not.toBe(b2b.campaign.events.length);
    const a = new Random(1);
    const b = new Random(1);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
  });

  it('puts scanner link sweeps where the field data does (first click per scanned recipient)', () => {
    const firstScannerClick = new Map<string, number>();
    b2b.campaign.events.forEach((event, i) => {
      if (event.type !== 'click' || b2b.truth[i] !== 'scanner') return;
      const seconds = (event.timestamp! - delivered.get(event.recipient!)!) / 1000;
      const previous = firstScannerClick.get(event.recipient!);
      if (previous === undefined || seconds < previous) firstScannerClick.set(event.recipient!, seconds);
    });
    // Greylisted deliveries (scanned before the delivery event) are excluded from the timing shares.
    const delays = [...firstScannerClick.values()].filter((s) => s >= 0);
    expect(median(delays)).toBeGreaterThan(38);
    expect(median(delays)).toBeLessThan(50);
    expect(share(delays, (s) => s >= 20 && s < 60)).toBeGreaterThan(0.58);
    expect(share(delays, (s) => s >= 60 && s < 300)).toBeGreaterThan(0.2);
    expect(share(delays, (s) => s < 10)).toBeLessThan(0.02);
    expect([...firstScannerClick.values()].some((s) => s < 0)).toBe(true);
  });

  it("puts the scanner's own open a median ~9 s after delivery", () => {
    const opens = b2b.campaign.events
      .map((event, i) => ({ event, truth: b2b.truth[i] }))
      .filter(({ event, truth }) => event.type === 'open' && truth === 'scanner')
      .map(({ event }) => (event.timestamp! - delivered.get(event.recipient!)!) / 1000)
      .filter((s) => s >= 0 && s < 120);
    expect(median(opens)).toBeGreaterThan(6);
    expect(median(opens)).toBeLessThan(13);
  });

  it('makes most B2B clicks scanners and most consumer opens Apple prefetches', () => {
    const clickTruth = b2b.campaign.events.map((e, i) => [e, b2b.truth[i]] as const).filter(([e]) => e.type === 'click');
    expect(share(clickTruth.map(([, t]) => (t === 'scanner' ? 1 : 0)), (v) => v === 1)).toBeGreaterThan(0.8);
    const consumerOpens = consumer.campaign.events.map((e, i) => [e, consumer.truth[i]] as const).filter(([e]) => e.type === 'open');
    expect(share(consumerOpens.map(([, t]) => (t === 'proxy' ? 1 : 0)), (v) => v === 1)).toBeGreaterThan(0.5);
    for (const [event, truth] of consumerOpens) if (truth === 'proxy') expect(event.userAgent).toBe('Mozilla/5.0');
  });

  it('includes the hard cases: fast people, Private Relay clickers, gateway users, unlisted scanners', () => {
    expect(b2b.fastHuman.filter(Boolean).length).toBeGreaterThan(20);
    const humanClicks = consumer.campaign.events.filter((e, i) => e.type === 'click' && consumer.truth[i] === 'human');
    expect(humanClicks.some((e) => e.ip!.startsWith('172.225.') || e.ip!.startsWith('2a09:bac2:'))).toBe(true);
    const b2bPeople = b2b.campaign.events.filter((_, i) => b2b.truth[i] === 'human');
    expect(b2bPeople.some((e) => /^(165\.225|136\.226|147\.161)\./.test(e.ip!))).toBe(true);
    const scannerEvents = b2b.campaign.events.filter((_, i) => b2b.truth[i] === 'scanner');
    expect(scannerEvents.some((e) => /^(20\.51|20\.98|3\.86|18\.206|51\.89|35\.180)\./.test(e.ip!) && /Chrome\/15\d/.test(e.userAgent!))).toBe(true);
  });

  it('keeps truth aligned with events and recipients with their truth sets', () => {
    expect(b2b.truth).toHaveLength(b2b.campaign.events.length);
    expect(b2b.campaign.events.every((event, i) => event.sourceIndex === i)).toBe(true);
    for (const recipient of b2b.humanClickers) {
      expect(b2b.campaign.events.some((e, i) => e.recipient === recipient && e.type === 'click' && b2b.truth[i] === 'human')).toBe(true);
    }
  });
});

describe('export serialisers', () => {
  const generated = generateCampaign({ seed: 5, kind: 'mixed', recipients: 200 });

  it.each(EXPORT_FORMATS)('%s: one record per delivery and event, truth aligned by record', (format) => {
    const exported = serializeCampaign(generated, format);
    expect(exported.recordCount).toBe(generated.campaign.deliveries!.length + generated.campaign.events.length);
    expect(exported.recordTruth.filter((t) => t !== undefined)).toHaveLength(generated.campaign.events.length);
  });

  it('uses the documented field names', () => {
    const sendgrid = JSON.parse(serializeCampaign(generated, 'sendgrid-webhook').text) as Array<Record<string, unknown>>;
    const sgOpen = sendgrid.find((r) => r.event === 'open')!;
    expect(Object.keys(sgOpen)).toEqual(expect.arrayContaining(['email', 'timestamp', 'event', 'ip', 'useragent', 'sg_event_id', 'sg_message_id', 'sg_machine_open']));
    expect(Number.isInteger(sgOpen.timestamp)).toBe(true);
    expect(sendgrid.some((r) => r.event === 'delivered')).toBe(true);

    const mailgun = JSON.parse(serializeCampaign(generated, 'mailgun').text) as { items: Array<Record<string, unknown>> };
    const mgClick = mailgun.items.find((r) => r.event === 'clicked')!;
    expect(Object.keys(mgClick)).toEqual(expect.arrayContaining(['event', 'timestamp', 'recipient', 'ip', 'client-info', 'url', 'message']));
    expect(Object.keys(mgClick['client-info'] as object)).toEqual(expect.arrayContaining(['client-type', 'client-os', 'device-type', 'client-name', 'user-agent', 'bot']));

    const postmark = JSON.parse(serializeCampaign(generated, 'postmark').text) as Array<Record<string, unknown>>;
    expect(postmark.find((r) => r.RecordType === 'Delivery')).toHaveProperty('DeliveredAt');
    expect(Object.keys(postmark.find((r) => r.RecordType === 'Click')!)).toEqual(expect.arrayContaining(['Recipient', 'ReceivedAt', 'UserAgent', 'Geo', 'OriginalLink', 'MessageID']));

    const csvHeader = serializeCampaign(generated, 'csv').text.split('\n')[0];
    expect(csvHeader).toBe('Email,Event,Timestamp,IP Address,User Agent,URL');
  });
});
