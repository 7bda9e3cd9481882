// Every export format, read from fixtures of one scenario (test/fixtures/exports/make-fixtures.py): the same
// campaign must come out of each, with record indexes that point at the right records of the file.
import { importText, listFormats } from '../../src/importers/index';
import {
  DELIVERED_RECIPIENTS,
  ENGAGEMENT,
  FIXTURES,
  LINK_COUNT,
  SCANNER_IPS,
  SENT_AT,
  rawRecipient,
  rawRecords,
  readFixture,
} from './scenario';

describe.each(FIXTURES)('$file', (fixture) => {
  const result = importText(readFixture(fixture.file), { fileName: fixture.file });
  const events = result.campaign.events;

  it('is detected as its format and counts every record', () => {
    expect(result.format).toBe(fixture.format);
    expect(result.recordFormat).toBe(fixture.recordFormat);
    expect(listFormats()).toContain(fixture.format);
    expect(result.recordCount).toBe(fixture.records);
    expect(result.recordCount).toBe(rawRecords(fixture.file).length);
  });

  it('yields the scenario opens and clicks per recipient', () => {
    const seen: Record<string, { opens: number; clicks: number }> = {};
    for (const event of events) {
      const tally = (seen[event.recipient ?? '?'] ??= { opens: 0, clicks: 0 });
      if (event.type === 'open') tally.opens++;
      else tally.clicks++;
    }
    const expected = Object.fromEntries(
      Object.entries(ENGAGEMENT)
        .filter(([, counts]) => fixture.file !== 'postmark-opens-api.json' || counts.opens > 0)
        .map(([recipient, counts]) => [recipient, { ...counts }]),
    );
    expect(seen).toEqual(expected);
  });

  it('gives each event the index of its own record in the file', () => {
    const raw = rawRecords(fixture.file);
    for (const event of events) {
      expect(rawRecipient(raw[event.sourceIndex]!)?.toLowerCase()).toBe(event.recipient);
    }
    // One event per record, except where a record holds several activities (a Mailchimp email element).
    const indexes = events.map((event) => event.sourceIndex);
    if (fixture.format !== 'mailchimp') expect(new Set(indexes).size).toBe(indexes.length);
  });

  it('keeps the scanner burst: all links of alice within ~1 s, 43 s after the send', () => {
    const burst = events.filter((event) => event.recipient === 'alice@contoso.com' && event.type === 'click' && event.timestamp! < SENT_AT + 60_000);
    expect(burst).toHaveLength(LINK_COUNT);
    expect(new Set(burst.map((event) => event.url)).size).toBe(LINK_COUNT);
    const times = burst.map((event) => event.timestamp!);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(SENT_AT + 43_000);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(2_000);
    if (fixture.carries.ip) expect(burst.every((event) => event.ip === SCANNER_IPS.alice)).toBe(true);
    else expect(burst.every((event) => event.ip === undefined)).toBe(true);
    if (fixture.carries.userAgent) expect(burst[0]!.userAgent).toMatch(/Chrome\/86/);
  });

  it('keeps the person: erin opens after 3 h and clicks 30 s later', () => {
    const erin = events.filter((event) => event.recipient === 'erin@example.org');
    const open = erin.find((event) => event.type === 'open')!;
    expect(open.timestamp).toBe(SENT_AT + 10_800_000);
    const click = erin.find((event) => event.type === 'click');
    if (click) {
      expect(click.timestamp! - open.timestamp!).toBe(30_000);
      expect(click.url).toBe('https://shop.example.com/spring-sale?utm_source=email');
    }
  });

  it('turns delivered events into per-recipient deliveries and processed ones into the send time', () => {
    if (fixture.carries.deliveries) {
      expect(result.campaign.deliveredCount).toBe(DELIVERED_RECIPIENTS);
      expect(result.campaign.deliveries).toHaveLength(DELIVERED_RECIPIENTS);
      const alice = result.campaign.deliveries!.find((delivery) => delivery.recipient === 'alice@contoso.com')!;
      expect(alice.deliveredAt).toBe(SENT_AT + 3_000);
      expect(result.campaign.deliveries!.some((delivery) => delivery.recipient === 'henry@nowhere.example')).toBe(false);
    } else {
      expect(result.campaign.deliveredCount).toBeUndefined();
    }
    expect(result.campaign.sentAt).toBe(fixture.carries.sentAt ? SENT_AT : undefined);
    expect(importText(readFixture(fixture.file), { sentAt: SENT_AT + 5 }).campaign.sentAt).toBe(SENT_AT + 5);
  });

  it("carries the source's own machine verdict on the Apple MPP open", () => {
    const carol = events.find((event) => event.recipient === 'carol@icloud.com')!;
    expect(carol.sourceBotHint).toBe(fixture.mppHint);
    if (fixture.carries.userAgent) expect(carol.userAgent).toBe('Mozilla/5.0');
    const dave = events.find((event) => event.recipient === 'dave@gmail.com' && event.type === 'open')!;
    expect(dave.sourceBotHint).toBeUndefined();
  });

  it('skips the bad record with its line and a reason a person can act on, and reads the rest', () => {
    const { index, line, field } = fixture.badRecord;
    expect(result.skippedCount).toBe(1);
    expect(result.errors).toEqual([{ record: index, line, message: `line ${line} (record ${index}): ${field} 'abc' is not a date` }]);
    expect(events.some((event) => event.sourceIndex === index)).toBe(false);
    expect(rawRecipient(rawRecords(fixture.file)[index]!)).toBe('frank@adventure-works.example');
  });
});

describe('Postmark Opens API envelope', () => {
  const result = importText(readFixture('postmark-opens-api.json'));
  it('reads {TotalCount, Opens:[…]} records without RecordType as opens', () => {
    expect(result.format).toBe('postmark');
    expect(result.recordCount).toBe(7);
    expect(result.campaign.events.map((event) => [event.type, event.recipient])).toEqual([
      ['open', 'alice@contoso.com'],
      ['open', 'carol@icloud.com'],
      ['open', 'dave@gmail.com'],
      ['open', 'grace@tailspin.example'],
      ['open', 'alice@contoso.com'],
      ['open', 'erin@example.org'],
    ]);
    expect(result.campaign.events[0]).toMatchObject({ ip: SCANNER_IPS.alice, timestamp: SENT_AT + 9_000 });
    expect(result.errors.map((error) => error.message)).toEqual(["line 54 (record 2): ReceivedAt 'abc' is not a date"]);
  });
});

describe('German semicolon CSV with day-first dates in Berlin time', () => {
  it('infers the columns, the delimiter and the day order, and applies the time zone', () => {
    const result = importText(readFixture('generic-de-semicolon.csv'), { timeZone: 'Europe/Berlin' });
    expect(result.format).toBe('csv');
    expect(result.recordCount).toBe(41);
    expect(result.campaign.events).toHaveLength(22);
    expect(result.campaign.deliveredCount).toBe(DELIVERED_RECIPIENTS);
    expect(result.campaign.sentAt).toBe(SENT_AT);
    const erinOpen = result.campaign.events.find((event) => event.recipient === 'erin@example.org' && event.type === 'open');
    expect(erinOpen?.timestamp).toBe(SENT_AT + 10_800_000);
    expect(result.errors[0]?.message).toBe("line 35 (record 33): Zeitpunkt 'abc' is not a date");
  });
});

describe('single payloads and wrappers', () => {
  it('reads one Postmark webhook object as one record', () => {
    const result = importText(JSON.stringify({ RecordType: 'Click', Recipient: 'Jo@Example.com', ReceivedAt: '2025-02-13T17:00:43Z', OriginalLink: 'https://a.example/x', UserAgent: 'UA', Geo: { IP: '40.94.1.1' }, MessageID: 'm-1' }));
    expect(result.format).toBe('postmark');
    expect(result.campaign.events).toEqual([
      { type: 'click', sourceIndex: 0, recipient: 'jo@example.com', timestamp: SENT_AT + 43_000, ip: '40.94.1.1', userAgent: 'UA', url: 'https://a.example/x', messageId: 'm-1' },
    ]);
  });

  it('reads a Mailgun webhook {signature, event-data}', () => {
    const payload = { signature: { token: 't', timestamp: '1', signature: 's' }, 'event-data': { event: 'clicked', timestamp: 1739466043.5, recipient: 'a@b.example', ip: '52.100.1.1', url: 'https://x.example', 'client-info': { 'user-agent': 'python-requests/2.31', bot: '' } } };
    const result = importText(JSON.stringify(payload));
    expect(result.format).toBe('mailgun');
    expect(result.campaign.events[0]).toEqual({ type: 'click', sourceIndex: 0, recipient: 'a@b.example', timestamp: SENT_AT + 43_500, ip: '52.100.1.1', userAgent: 'python-requests/2.31', url: 'https://x.example' });
  });

  it('unwraps SES events delivered by Lambda ({Records:[{Sns:{Message}}]}) and lists every delivered recipient', () => {
    const delivery = { eventType: 'Delivery', mail: { messageId: 'm', destination: ['a@x.example', 'b@x.example'] }, delivery: { timestamp: '2025-02-13T17:00:03.000Z', recipients: ['a@x.example', 'b@x.example'] } };
    const open = { eventType: 'Open', mail: { messageId: 'm', destination: ['a@x.example'] }, open: { ipAddress: '17.58.1.1', timestamp: '2025-02-13T17:03:00.000Z', userAgent: 'Mozilla/5.0' } };
    const text = JSON.stringify({ Records: [delivery, open].map((event) => ({ EventSource: 'aws:sns', Sns: { Type: 'Notification', Message: JSON.stringify(event) } })) });
    const result = importText(text);
    expect(result.format).toBe('ses');
    expect(result.campaign.deliveredCount).toBe(2);
    expect(result.campaign.deliveries).toEqual([
      { recipient: 'a@x.example', deliveredAt: SENT_AT + 3_000, messageId: 'm' },
      { recipient: 'b@x.example', deliveredAt: SENT_AT + 3_000, messageId: 'm' },
    ]);
    expect(result.campaign.events).toEqual([{ type: 'open', sourceIndex: 1, recipient: 'a@x.example', timestamp: SENT_AT + 180_000, ip: '17.58.1.1', userAgent: 'Mozilla/5.0', messageId: 'm' }]);
  });

  it('reads NDJSON that mixes formats line by line', () => {
    const lines = [
      { event: 'open', time: 1739466185, email: 'm@x.example', MessageID: 1, mj_campaign_id: 2, agent: 'Mozilla/5.0', ip: '17.58.1.2' },
      { eventName: 'emailClick', email: 'i@x.example', dataFields: { createdAt: '2025-02-13 17:00:31 +00:00', url: 'https://u.example', ip: '1.2.3.4' } },
      { type: 'OPEN', recipient: 'h@x.example', created: 1739466200000, filteredEvent: true },
    ];
    const result = importText(lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(result.format).toBe('ndjson');
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.sourceBotHint])).toEqual([
      [0, 'open', 'm@x.example', undefined],
      [1, 'click', 'i@x.example', undefined],
      [2, 'open', 'h@x.example', 'hubspot-filtered'],
    ]);
  });
});

describe('format override', () => {
  it('reads a file with --format even when detection would guess differently', () => {
    // Records without SendGrid's sg_* ids are ambiguous; forcing the format decides.
    const text = JSON.stringify([{ email: 'a@x.example', timestamp: 1739466043, event: 'click', url: 'https://u.example', ip: '40.94.0.9' }]);
    const result = importText(text, { format: 'sendgrid-webhook' });
    expect(result.format).toBe('sendgrid-webhook');
    expect(result.campaign.events[0]).toMatchObject({ type: 'click', ip: '40.94.0.9', timestamp: SENT_AT + 43_000 });
  });

  it('explains an unknown format name with the list of names', () => {
    const result = importText('[]', { format: 'sendgird' });
    expect(result.errors).toEqual([{ record: -1, message: `unknown format 'sendgird'; known formats: ${listFormats().join(', ')}` }]);
    expect(result.campaign.events).toEqual([]);
  });

  it('refuses a JSON format for a CSV file with a hint', () => {
    const result = importText('email,event\na@x.example,open\n', { format: 'mailgun' });
    expect(result.errors[0]?.message).toMatch(/expects JSON.*choose the format 'csv'/);
  });
});

describe('campaign key', () => {
  it("uses the ESP's campaign id when the records name one", () => {
    expect(importText(readFixture('mailchimp-email-activity.json')).campaign.id).toBe('mailchimp:42694e9e57');
    expect(importText(readFixture('hubspot-events.json')).campaign.id).toBe('hubspot:7777');
    expect(importText(readFixture('mailjet-events.json')).campaign.id).toBe('mailjet:7173');
    expect(importText(readFixture('iterable-events.ndjson')).campaign.id).toBe('iterable:1212');
  });

  it('falls back to a fingerprint of the source that is stable for the same file and differs for another', () => {
    const first = importText(readFixture('mailgun-events.json')).campaign.id;
    expect(first).toMatch(/^mailgun:[0-9a-f]{8}-\d+$/);
    expect(importText(readFixture('mailgun-events.json')).campaign.id).toBe(first);
    const edited = readFixture('mailgun-events.json').replace('mgEv000', 'mgEv999');
    expect(importText(edited).campaign.id).not.toBe(first);
  });
});

describe('JSON records of an export without a dedicated reader', () => {
  it('reads flat records whose keys read like headers', () => {
    const records = [
      { Email: 'a@x.example', 'Event Type': 'Opened Email', Timestamp: '2025-02-13T17:00:09Z', 'IP Address': '40.94.1.1', 'User Agent': 'UA' },
      { Email: 'a@x.example', 'Event Type': 'Clicked Email', Timestamp: 1739466043, 'IP Address': '40.94.1.1', URL: 'https://x.example' },
      { Email: 'b@x.example', 'Event Type': 'Received Email', Timestamp: '2025-02-13T17:00:03Z' },
      { Email: 'c@x.example', 'Event Type': 'Opened Email', Timestamp: 'soon' },
    ];
    const result = importText(JSON.stringify(records));
    expect(result.format).toBe('json');
    expect(result.campaign.events).toEqual([
      { type: 'open', sourceIndex: 0, recipient: 'a@x.example', timestamp: SENT_AT + 9_000, ip: '40.94.1.1', userAgent: 'UA' },
      { type: 'click', sourceIndex: 1, recipient: 'a@x.example', timestamp: SENT_AT + 43_000, ip: '40.94.1.1', url: 'https://x.example' },
    ]);
    expect(result.errors.map((error) => error.message)).toEqual(["line 1 (record 3): Timestamp 'soon' is not a date"]);
    // Klaviyo-style "Received Email" is the delivery.
    expect(result.campaign.deliveries).toEqual([{ recipient: 'b@x.example', deliveredAt: SENT_AT + 3_000 }]);
  });
});

describe('messages for records that are not records', () => {
  it('names the line and says what is wrong', () => {
    const ndjson = '{"event":"open","email":"a@x.example","timestamp":1739466009,"sg_event_id":"1"}\n{"event":"open",\n42\n';
    const result = importText(ndjson);
    expect(result.campaign.events).toHaveLength(1);
    expect(result.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^line 2 \(record 1\): the record is not valid JSON \(.+\)$/),
      'line 3 (record 2): the record is a number, not a JSON object with fields',
    ]);
  });
});
