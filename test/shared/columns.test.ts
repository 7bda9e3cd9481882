import fc from 'fast-check';
import { inferColumns, isSendEventType, normalizeEventType, normalizeHeader } from '../../src/shared/columns';

function indexes(headers: string[]): Record<string, number> {
  const map = inferColumns(headers);
  return Object.fromEntries(Object.entries(map).map(([field, match]) => [field, match!.index]));
}

describe('inferColumns on header rows of real export shapes', () => {
  it('Mailchimp-style UI export', () => {
    expect(indexes(['Email Address', 'First Name', 'Last Name', 'Opens', 'Clicks', 'Last Changed'])).toMatchObject({
      recipient: 0,
      opens: 3,
      clicks: 4,
    });
  });

  it('activity table with English wordings', () => {
    expect(indexes(['Email Address', 'Activity', 'Date', 'IP Address', 'User Agent', 'Link'])).toEqual({
      recipient: 0,
      eventType: 1,
      timestamp: 2,
      ip: 3,
      userAgent: 4,
      url: 5,
    });
  });

  it('German and French wordings, with punctuation and accents', () => {
    expect(indexes(['E-Mail-Adresse', 'Aktion', 'Zeitpunkt', 'IP-Adresse', 'Browser', 'Link'])).toEqual({
      recipient: 0, eventType: 1, timestamp: 2, ip: 3, userAgent: 4, url: 5,
    });
    expect(indexes(['Adresse e-mail', 'Événement', 'Horodatage', 'Adresse IP', 'Navigateur', 'Lien'])).toEqual({
      recipient: 0, eventType: 1, timestamp: 2, ip: 3, userAgent: 4, url: 5,
    });
  });

  it('snake_case API column names', () => {
    expect(indexes(['email', 'event', 'timestamp', 'ip', 'useragent', 'url', 'sg_message_id', 'sg_machine_open'])).toEqual({
      recipient: 0, eventType: 1, timestamp: 2, ip: 3, userAgent: 4, url: 5, messageId: 6, botHint: 7,
    });
  });

  it('tells "Opened at" (a time) from "Opens" (a count), and "Client IP" from "Email client"', () => {
    expect(indexes(['Recipient', 'Opened At', 'Opens', 'Client IP', 'Email Client'])).toEqual({
      recipient: 0, timestamp: 1, opens: 2, ip: 3, userAgent: 4,
    });
  });

  it('gives exact wordings full confidence and contained ones less', () => {
    const map = inferColumns(['Email', 'Subscriber email (primary)']);
    expect(map.recipient).toEqual({ index: 0, header: 'Email', confidence: 1 });
    const partial = inferColumns(['Subscriber email (primary)']);
    expect(partial.recipient?.index).toBe(0);
    expect(partial.recipient?.confidence).toBeLessThan(1);
  });

  it('leaves unknown headers unmapped and never gives one column two fields', () => {
    expect(inferColumns(['Foo', 'Bar', 'Baz'])).toEqual({});
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }), (headers) => {
        const map = inferColumns(headers);
        const used = Object.values(map).map((match) => match!.index);
        expect(new Set(used).size).toBe(used.length);
        for (const index of used) expect(index).toBeLessThan(headers.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('normalises headers case- and punctuation-insensitively', () => {
    expect(normalizeHeader('  E-Mail_Adresse ')).toBe('e mail adresse');
    expect(normalizeHeader('Empfänger')).toBe('empfanger');
    expect(normalizeHeader('User-Agent')).toBe(normalizeHeader('user agent'));
  });
});

describe('normalizeEventType', () => {
  it.each([
    ['opened', 'open'], ['open', 'open'], ['Opened email', 'open'], ['OPEN', 'open'], ['unique_opened', 'open'],
    ['emailOpen', 'open'], ['Geöffnet', 'open'], ['proxy_open', 'open'],
    ['click', 'click'], ['clicked', 'click'], ['Clicked link', 'click'], ['CLICK', 'click'], ['emailClick', 'click'],
    ['Geklickt', 'click'],
    ['delivered', 'delivered'], ['Delivery', 'delivered'], ['Received Email', 'delivered'], ['DELIVERED', 'delivered'], ['Zugestellt', 'delivered'],
    ['processed', 'other'], ['bounce', 'other'], ['hard_bounce', 'other'], ['Unsubscribed', 'other'],
    ['spam complaint', 'other'], ['failed', 'other'], ['', 'other'],
  ])('%s → %s', (text, kind) => {
    expect(normalizeEventType(text)).toBe(kind);
  });

  it('recognises send hand-offs separately from deliveries', () => {
    for (const text of ['processed', 'accepted', 'Sent', 'emailSend', 'request']) expect(isSendEventType(text)).toBe(true);
    for (const text of ['delivered', 'open', 'bounce']) expect(isSendEventType(text)).toBe(false);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => ['open', 'click', 'delivered', 'other'].includes(normalizeEventType(text))));
  });
});

describe('normalizeEventType on failures and negations', () => {
  it.each(['Not delivered', 'delivery failed', 'Delivery failure', 'non delivered'])('%s is not a delivery', (text) => {
    expect(normalizeEventType(text)).toBe('other');
  });
});

describe('separate date and time columns', () => {
  it('maps "Date" + "Time" to timestamp + timeOfDay, and a lone "Time" to timestamp', () => {
    expect(indexes(['Email', 'Date', 'Time', 'Event'])).toEqual({ recipient: 0, timestamp: 1, timeOfDay: 2, eventType: 3 });
    expect(indexes(['email', 'time', 'event'])).toEqual({ recipient: 0, timestamp: 1, eventType: 2 });
  });
});

describe('inferColumns: headers that merely contain a field word', () => {
  it('identifier columns are not event types, times or URLs', () => {
    const columns = inferColumns(['Event ID', 'Timestamp', 'Metric', 'Email', 'Link Key', 'URL']);
    expect(columns.eventType?.header).toBe('Metric');
    expect(columns.url?.header).toBe('URL');
  });

  it('a type or status of something else is not the event type', () => {
    for (const header of ['Device type', 'Bounce Type', 'Campaign Status', 'Client Type', 'Message Type']) {
      expect(inferColumns(['Email', 'Date', header]).eventType).toBeUndefined();
    }
    expect(inferColumns(['Email', 'Date', 'Email Status']).eventType?.header).toBe('Email Status');
  });

  it('parts of a client (type, OS, version) are not the user agent; "Browser / Device" is', () => {
    expect(inferColumns(['Email', 'Date', 'Device Type', 'Client OS', 'Browser Version']).userAgent).toBeUndefined();
    expect(inferColumns(['Email', 'Date', 'Browser / Device']).userAgent?.header).toBe('Browser / Device');
  });
});
