// Realistic variations of ESP exports written without looking at the original fixtures
// (test/fixtures/exports/unseen/): envelopes under unlisted names, downloads cut short, and more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importText } from '../../src/importers/index';

const UNSEEN = join(__dirname, '..', 'fixtures', 'exports', 'unseen');
const read = (name: string): string => readFileSync(join(UNSEEN, name), 'utf8');
const indexAndType = (text: string, fileName = 'export.json') =>
  importText(text, { fileName }).campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient]);

describe('JSON envelopes under names no format lists', () => {
  it('reads `{meta, data: […]}` as records indexed by position in `data`', () => {
    const result = importText(read('generic-data-envelope.json'), { fileName: 'generic-data-envelope.json' });
    expect(result.errors).toEqual([]);
    expect(result.recordCount).toBe(3);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.url])).toEqual([
      [0, 'open', 'ana.lopez@contoso.com', undefined],
      [1, 'click', 'ana.lopez@contoso.com', 'https://example.com/offer'],
      [2, 'click', 'carla@gmail.com', 'https://example.com/offer'],
    ]);
  });

  it('finds the records one level down (`{response: {Results: […], Count}}`) and picks the array of objects, not of strings', () => {
    const records = [
      { email: 'a@x.example', event: 'delivered', timestamp: 1739466002, sg_event_id: 'd' },
      { email: 'a@x.example', event: 'open', timestamp: 1739466011, ip: '81.2.69.160', sg_event_id: 'o' },
      { email: 'a@x.example', event: 'click', timestamp: 1739466100, url: 'https://e.example/a', sg_event_id: 'c' },
    ];
    const text = JSON.stringify({ response: { tags: ['a', 'b', 'c', 'd', 'e'], Results: records, Count: 3 } });
    expect(indexAndType(text)).toEqual([
      [1, 'open', 'a@x.example'],
      [2, 'click', 'a@x.example'],
    ]);
  });

  it('still reads a single webhook payload with nested arrays as one record', () => {
    const result = importText(read('postmark-open-webhook.json'));
    expect(result.format).toBe('postmark');
    expect(result.recordCount).toBe(1);
    expect(result.campaign.events.map((event) => event.ip)).toEqual(['40.94.29.12']);
  });

  it('an object that is neither a record nor an envelope is still reported by its keys', () => {
    const result = importText('{"hello":"world","count":3}');
    expect(result.campaign.events).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/not a record of any known export format \(its keys: hello, count\)/);
  });
});

describe('JSON exports cut short', () => {
  it('keeps the complete records of an array that never closes, and says the file is truncated', () => {
    const result = importText(read('truncated.json'));
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient])).toEqual([[0, 'open', 'a@b.c']]);
    expect(result.errors.map((error) => error.message)).toEqual([
      'line 2: the file ends before the JSON array is closed (truncated download?); the records before that point were read',
    ]);
  });

  it('drops only the record the cut went through', () => {
    const full = read('sendgrid-webhook.json');
    const cut = full.slice(0, full.indexOf('"email":"ben@icloud.com","timestamp":1739466150') + 40);
    const result = importText(cut);
    expect(result.campaign.events.map((event) => event.sourceIndex)).toEqual([2, 3, 4, 5]);
    expect(result.errors.map((error) => error.message)).toEqual([
      'line 9: the file ends inside this record (truncated JSON?); it was skipped',
    ]);
  });

  it('a complete record followed by a cut envelope array (Mailgun without its paging) keeps the records', () => {
    const full = read('mailgun-events.json');
    const cut = full.slice(0, full.indexOf('],\n  "paging"'));
    const result = importText(cut);
    expect(result.format).toBe('mailgun');
    expect(result.campaign.events.map((event) => event.sourceIndex)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(result.errors).toHaveLength(1);
  });
});

describe('CSV headers that only contain a field word', () => {
  it('Constant Contact clicks: "Device type" is neither the event type nor a user agent', () => {
    const result = importText(read('constant-contact-clicks.csv'), { fileName: 'constant-contact-clicks.csv' });
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.url, event.userAgent])).toEqual([
      [0, 'click', 'https://example.com/offer', undefined],
      [1, 'click', 'https://example.com/blog', undefined],
      [2, 'click', 'https://example.com/offer', undefined],
    ]);
    // "2/13/2025 2:01 PM": month first, 12-hour clock.
    expect(result.campaign.events[2]?.timestamp).toBe(Date.UTC(2025, 1, 13, 14, 1));
  });

  it('Klaviyo metric export: "Metric" is the event type, "Event ID" is not, "Received Email" is a delivery', () => {
    const result = importText(read('klaviyo-events.csv'), { fileName: 'klaviyo-events.csv' });
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.ip])).toEqual([
      [0, 'open', 'ana.lopez@contoso.com', '40.94.29.12'],
      [1, 'click', 'ana.lopez@contoso.com', '40.94.29.12'],
      [2, 'open', 'ben@icloud.com', '172.225.6.10'],
    ]);
    expect(result.campaign.events[2]?.sourceBotHint).toBe('Machine Open');
    expect(result.campaign.deliveries?.map((delivery) => delivery.recipient)).toEqual(['ben@icloud.com']);
  });

  it('a "Browser / Device" or "Client" column keeps real agents and drops categories', () => {
    const csv = [
      'Email,Event,Date,Browser / Device',
      'a@x.example,open,2025-02-13 17:00:11,Mozilla/5.0',
      'b@x.example,open,2025-02-13 17:00:12,Desktop',
      'c@x.example,open,2025-02-13 17:00:13,Microsoft Office Existence Discovery',
      'd@x.example,open,2025-02-13 17:00:14,Apple Mail',
    ].join('\n');
    const events = importText(csv, { fileName: 'opens.csv' }).campaign.events;
    expect(events.map((event) => event.userAgent)).toEqual(['Mozilla/5.0', undefined, 'Microsoft Office Existence Discovery', undefined]);
  });

  it('a "User Agent" column wins over a "Client" column before it', () => {
    const csv = ['Email,Event,Date,Client,User Agent', 'a@x.example,open,2025-02-13 17:00:11,Apple Mail,Mozilla/5.0'].join('\n');
    expect(importText(csv).campaign.events.map((event) => event.userAgent)).toEqual(['Mozilla/5.0']);
  });
});

describe('format variants seen in the wild', () => {
  it('Mailgun Logs API: `@timestamp` ISO text instead of epoch seconds', () => {
    const result = importText(read('mailgun-logs-api.json'));
    expect(result.format).toBe('mailgun');
    const open = result.campaign.events.find((event) => event.sourceIndex === 2);
    expect(open?.timestamp).toBe(Date.UTC(2025, 1, 13, 17, 0, 11, 770));
    expect(result.campaign.deliveries?.map((delivery) => delivery.recipient)).toEqual(['ana.lopez@contoso.com', 'dave@acme-corp.example']);
  });

  it('Mailgun webhooks stored as `{signature, event-data}`, as an array or one payload', () => {
    expect(indexAndType(read('mailgun-webhooks.json'))).toEqual(indexAndType(read('mailgun-events.json')));
    expect(indexAndType(read('mailgun-webhook-single.json'))).toEqual([[0, 'open', 'ana.lopez@contoso.com']]);
  });

  it('SES SNS notifications whose Message is already an object', () => {
    const result = importText(read('ses-sns-message-object.json'));
    expect(result.format).toBe('ses');
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.url])).toEqual([
      [0, 'open', 'ana.lopez@contoso.com', undefined],
      [1, 'click', 'carla@gmail.com', 'https://example.com/offer'],
    ]);
  });
});

describe('JSON values written one after another', () => {
  const sendgridIndexes = [
    [2, 'open', 'ana.lopez@contoso.com'],
    [3, 'click', 'ana.lopez@contoso.com'],
    [4, 'click', 'ana.lopez@contoso.com'],
    [5, 'click', 'ana.lopez@contoso.com'],
    [7, 'open', 'ben@icloud.com'],
    [9, 'open', 'carla@gmail.com'],
    [10, 'click', 'carla@gmail.com'],
  ];

  it('SendGrid webhook POST bodies logged one array per line: every element is a record, counted across lines', () => {
    const result = importText(read('sendgrid-webhook-batches.ndjson'));
    expect(result.errors).toEqual([]);
    expect(result.recordCount).toBe(12);
    expect(result.recordFormat).toBe('sendgrid-webhook');
    expect(indexAndType(read('sendgrid-webhook-batches.ndjson'))).toEqual(sendgridIndexes);
  });

  it('pretty-printed objects back to back (`jq .` output) read like NDJSON', () => {
    const result = importText(read('sendgrid-jq-pretty.json'), { fileName: 'sendgrid-jq-pretty.json' });
    expect(result.errors).toEqual([]);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient])).toEqual(sendgridIndexes);
    const postmark = importText(read('postmark-webhooks-concatenated.json'));
    expect(postmark.recordFormat).toBe('postmark');
    expect(postmark.campaign.events.map((event) => event.sourceIndex)).toEqual([1, 2, 3, 5]);
  });

  it('Mailgun pages saved one per line: the items of each page are the records', () => {
    expect(indexAndType(read('mailgun-pages.ndjson'))).toEqual(indexAndType(read('mailgun-events.json')));
  });

  it('streams a sequence in small chunks the same as whole', async () => {
    const { importChunks } = await import('../../src/importers/index');
    const text = read('sendgrid-jq-pretty.json');
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const streamed = await importChunks(chunks);
    expect(streamed.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient])).toEqual(sendgridIndexes);
  });

  it('a broken value in a sequence is reported and the values after it are still read', () => {
    const text = '{\n  "email": "a@x.example", "event": "open", "timestamp": 1739466011, "sg_event_id": "1"\n}\n{\n  "email": "b@x.example", "event": "open", "timestamp": "soon", "sg_event_id": "2"\n}\n{\n  "email": "c@x.example", "event": "click", "timestamp": 1739466100, "url": "https://e.example", "sg_event_id": "3"\n}\n';
    const result = importText(text);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.recipient])).toEqual([
      [0, 'a@x.example'],
      [2, 'c@x.example'],
    ]);
    expect(result.errors.map((error) => error.line)).toEqual([4]);
  });
});

describe('the time column header names the zone', () => {
  it('"Opened At (CET)" times are Central European; --time-zone still wins; cells with an offset keep it', () => {
    const csv = [
      'E-mail Address,Event Type,Opened At (CET),Client IP',
      'a@x.example,Opened,2025-02-13 18:00:11,81.2.69.160',
      'b@x.example,Opened,2025-02-13T18:00:11+02:00,81.2.69.161',
    ].join('\r\n');
    expect(importText(csv).campaign.events.map((event) => event.timestamp)).toEqual([
      Date.UTC(2025, 1, 13, 17, 0, 11),
      Date.UTC(2025, 1, 13, 16, 0, 11),
    ]);
    expect(importText(csv, { timeZone: 'UTC' }).campaign.events[0]?.timestamp).toBe(Date.UTC(2025, 1, 13, 18, 0, 11));
  });

  it('"Date (America/New_York)" follows daylight saving', () => {
    const csv = ['Email,Event,Date (America/New_York)', 'a@x.example,open,2025-07-01 12:00', 'a@x.example,open,2025-01-01 12:00'].join('\n');
    expect(importText(csv).campaign.events.map((event) => event.timestamp)).toEqual([
      Date.UTC(2025, 6, 1, 16, 0),
      Date.UTC(2025, 0, 1, 17, 0),
    ]);
  });
});

describe('an event column no header wording names', () => {
  it("Brevo's log export ('st_text'): Sent and Delivered rows are not opens", () => {
    const result = importText(read('brevo-logs-export.csv'), { fileName: 'brevo-logs-export.csv' });
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type])).toEqual([
      [2, 'open'],
      [3, 'click'],
      [4, 'click'],
      [6, 'click'],
    ]);
    expect(result.campaign.deliveries?.map((delivery) => delivery.recipient)).toEqual(['ana.lopez@contoso.com', 'carla@gmail.com']);
  });

  it('finds it by its values under any header ("Result"), but not in a subject line', () => {
    const csv = [
      'Email,Subject,Result,When',
      'a@x.example,Did you open it?,Delivered,2025-02-13 17:00:02',
      'a@x.example,Did you open it?,Opened,2025-02-13 17:05:00',
      'a@x.example,Did you open it?,Bounce,2025-02-13 17:06:00',
    ].join('\n');
    const result = importText(csv);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type])).toEqual([[1, 'open']]);
  });

  it('a list with no event words at all is still read by the URL cell', () => {
    const csv = ['Email,When,Link', 'a@x.example,2025-02-13 17:00:02,', 'a@x.example,2025-02-13 17:05:00,https://e.example/a'].join('\n');
    expect(importText(csv).campaign.events.map((event) => event.type)).toEqual(['open', 'click']);
  });
});

describe('columns found by their values', () => {
  it('headers in a language the vocabulary lacks (Polish, semicolons): agent, IP and event words still found', () => {
    const csv = [
      'Adres e-mail;Zdarzenie;Data otwarcia;Adres IP;Przeglądarka',
      'ana@x.pl;otwarcie;13.02.2025 17:00:11;40.94.29.12;Mozilla/5.0 (Windows NT 10.0)',
      'ben@x.pl;kliknięcie;13.02.2025 17:00:43;81.2.69.160;Mozilla/5.0 (iPhone)',
    ].join('\n');
    const events = importText(csv).campaign.events;
    expect(events.map((event) => [event.sourceIndex, event.type, event.recipient, event.ip, event.userAgent])).toEqual([
      [0, 'open', 'ana@x.pl', '40.94.29.12', 'Mozilla/5.0 (Windows NT 10.0)'],
      [1, 'click', 'ben@x.pl', '81.2.69.160', 'Mozilla/5.0 (iPhone)'],
    ]);
    expect(events[0]?.timestamp).toBe(Date.UTC(2025, 1, 13, 17, 0, 11));
  });

  it('a header of words with no Latin letters (Japanese) is still the header', () => {
    const csv = ['メールアドレス,イベント,日時', 'ana@x.jp,open,2025-02-13 17:00:11', 'ben@x.jp,click,2025-02-13 17:00:43'].join('\n');
    const result = importText(csv);
    expect(result.errors).toEqual([]);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient])).toEqual([
      [0, 'open', 'ana@x.jp'],
      [1, 'click', 'ben@x.jp'],
    ]);
  });

  it('a CSV with no header row: every row is data and indexes start at the first line', () => {
    const csv = [
      'ana@x.com,open,2025-02-13 17:00:11,40.94.29.12,Mozilla/5.0 (Windows NT 10.0),',
      'ana@x.com,click,2025-02-13 17:00:43,40.94.29.12,Mozilla/5.0 (Windows NT 10.0),https://e.com/a',
      'ben@x.com,delivered,2025-02-13 17:00:02,,,',
    ].join('\n');
    const result = importText(csv);
    expect(result.recordCount).toBe(3);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.ip, event.url])).toEqual([
      [0, 'open', '40.94.29.12', undefined],
      [1, 'click', '40.94.29.12', 'https://e.com/a'],
    ]);
    expect(result.campaign.deliveries?.map((delivery) => delivery.recipient)).toEqual(['ben@x.com']);
  });

  it('numbers are not taken for times: a count column next to an unknown date header', () => {
    const csv = ['Email,Opens,Wann', 'a@x.example,3,2025-02-13 17:00:11'].join('\n');
    const events = importText(csv).campaign.events;
    expect(events.map((event) => [event.type, event.count, event.timestamp])).toEqual([['open', 3, Date.UTC(2025, 1, 13, 17, 0, 11)]]);
  });

  it('a file of notes is still refused', () => {
    const result = importText('just some notes\nnothing to see\n');
    expect(result.campaign.events).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/no email\/recipient or date\/time column found/);
  });
});

describe('user agents written without quotes', () => {
  it('joins the pieces of "(KHTML, like Gecko)" back so the URL stays in its column', () => {
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0 Safari/537.36';
    const csv = [
      'email,event,timestamp,ip,user_agent,url',
      `ana@x.com,open,2025-02-13 17:00:11,40.94.29.12,${chrome},`,
      `ana@x.com,click,2025-02-13 17:00:43,40.94.29.12,${chrome},https://e.com/a`,
      'ben@x.com,click,2025-02-13 17:00:43,81.2.69.160,Mozilla/5.0,https://e.com/b',
      'cat@x.com,click,2025-02-13 17:00:44,81.2.69.161,"Mozilla/5.0 (X11, Linux)",https://e.com/c,',
    ].join('\n');
    const events = importText(csv).campaign.events;
    expect(events.map((event) => [event.userAgent, event.url])).toEqual([
      [chrome, undefined],
      [chrome, 'https://e.com/a'],
      ['Mozilla/5.0', 'https://e.com/b'],
      ['Mozilla/5.0 (X11, Linux)', 'https://e.com/c'],
    ]);
  });
});

describe('the recipient mail stack the export itself names', () => {
  it('Mailgun delivered events: delivery-status.mx-host gives each domain its mail host', () => {
    const campaign = importText(read('mailgun-events.json')).campaign;
    expect(campaign.recipientMailHosts).toEqual({ 'contoso.com': 'microsoft365', 'acme-corp.example': 'proofpoint' });
  });

  it("SendGrid's activity CSV: the mx column", () => {
    const campaign = importText(read('sendgrid-activity.csv')).campaign;
    expect(campaign.recipientMailHosts).toEqual({ 'contoso.com': 'microsoft365', 'icloud.com': 'other' });
  });

  it('an export without MX names none', () => {
    expect(importText(read('sendgrid-webhook.json')).campaign.recipientMailHosts).toBeUndefined();
  });
});

describe('Brevo marketing-campaign webhooks', () => {
  it('read the click URL from `URL` and the send time from `ts_sent`', () => {
    const result = importText(read('brevo-marketing-webhooks.json'));
    expect(result.format).toBe('brevo');
    expect(result.recordCount).toBe(4);
    expect(result.campaign.sentAt).toBe(1739466000000);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.url])).toEqual([
      [0, 'open', undefined],
      [1, 'click', 'https://example.com/offer'],
      [2, 'click', 'https://example.com/blog'],
    ]);
  });
});

describe('Iterable clicks', () => {
  it('an emailClick with only `href` keeps its link', () => {
    const line = JSON.stringify({ email: 'a@x.example', eventName: 'emailClick', dataFields: { createdAt: '2025-02-13 17:00:43 +00:00', href: 'https://e.example/a', ip: '81.2.69.160' } });
    expect(importText(line + '\n' + line.replace('/a', '/b')).campaign.events.map((event) => event.url)).toEqual(['https://e.example/a', 'https://e.example/b']);
  });
});

describe('JSON of an export with no dedicated reader, nested', () => {
  it('reads recipient.email, client.ip, client.user_agent and link.url like headers', () => {
    const records = [
      { event: 'open', recipient: { email: 'Ana@X.com', name: 'Ana' }, occurred_at: '2025-02-13T17:00:11Z', client: { ip: '40.94.29.12', user_agent: 'Mozilla/5.0 (Windows NT 10.0)' } },
      { event: 'click', recipient: { email: 'ana@x.com' }, occurred_at: '2025-02-13T17:00:43Z', client: { ip: '40.94.29.12', user_agent: 'Mozilla/5.0 (Windows NT 10.0)' }, link: { url: 'https://e.com/a', id: 3 } },
    ];
    const result = importText(JSON.stringify({ data: records }));
    expect(result.format).toBe('json');
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.timestamp, event.ip, event.userAgent, event.url])).toEqual([
      [0, 'open', 'ana@x.com', Date.UTC(2025, 1, 13, 17, 0, 11), '40.94.29.12', 'Mozilla/5.0 (Windows NT 10.0)', undefined],
      [1, 'click', 'ana@x.com', Date.UTC(2025, 1, 13, 17, 0, 43), '40.94.29.12', 'Mozilla/5.0 (Windows NT 10.0)', 'https://e.com/a'],
    ]);
  });
});

describe('sender-side addresses are never the reader IP', () => {
  it('"Sending IP" and "outbound_ip" columns are not the event IP, by header or by value', () => {
    const csv = [
      'Email,Event,Date,Sending IP,outbound_ip',
      'a@x.example,open,2025-02-13 17:00:11,149.72.1.1,185.41.28.109',
      'a@x.example,click,2025-02-13 17:00:43,149.72.1.1,185.41.28.109',
    ].join('\n');
    expect(importText(csv).campaign.events.map((event) => event.ip)).toEqual([undefined, undefined]);
    const withReader = csv.replace('outbound_ip', 'Client IP');
    expect(importText(withReader).campaign.events.map((event) => event.ip)).toEqual(['185.41.28.109', '185.41.28.109']);
  });
});

describe('one row per recipient with a time column per kind', () => {
  it('"Email | Opened | Clicked" holding times: each filled time is its own open or click of that row', () => {
    const csv = ['Email,Opened,Clicked', 'a@x.example,2025-02-13 17:05:00,', 'b@x.example,2025-02-13 17:06:00,2025-02-13 17:07:00'].join('\n');
    const events = importText(csv).campaign.events;
    expect(events.map((event) => [event.sourceIndex, event.type, event.recipient, event.timestamp, event.url])).toEqual([
      [0, 'open', 'a@x.example', Date.UTC(2025, 1, 13, 17, 5), undefined],
      [1, 'open', 'b@x.example', Date.UTC(2025, 1, 13, 17, 6), undefined],
      [1, 'click', 'b@x.example', Date.UTC(2025, 1, 13, 17, 7), undefined],
    ]);
  });

  it('an event-per-row export with a "Clicked URL" column is not mistaken for it', () => {
    const csv = ['Email,Event,Opened At,Clicked URL', 'a@x.example,click,2025-02-13 17:05:00,https://e.example/a'].join('\n');
    expect(importText(csv).campaign.events.map((event) => [event.type, event.url])).toEqual([['click', 'https://e.example/a']]);
  });
});

describe('Yes/No flag columns', () => {
  it('"Opened"/"Clicked" holding Yes/No mark one open/click per row, and the send date is not their time', () => {
    const csv = ['Email,Sent Date,Opened,Clicked', 'a@x.example,2025-02-13 17:00:00,Yes,No', 'b@x.example,2025-02-13 17:00:00,Yes,Yes', 'c@x.example,2025-02-13 17:00:00,No,No'].join('\n');
    const result = importText(csv);
    expect(result.errors).toEqual([]);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.count, event.timestamp])).toEqual([
      [0, 'open', 'a@x.example', 1, undefined],
      [1, 'open', 'b@x.example', 1, undefined],
      [1, 'click', 'b@x.example', 1, undefined],
    ]);
  });
});
