// The formats added from their documented shapes (no real export was public): Mandrill webhook batches (also as
// the posted form field), SparkPost events and webhooks, Customer.io reporting webhooks, Klaviyo's JSON:API
// events, HubSpot's email events API, Marketo activities (REST, bulk CSV), Campaign Monitor and Mailchimp's
// email-activity JSON. Each record below follows the field names of the page cited in its format file.
import { importText } from '../../src/importers/index';

const SENT = Date.UTC(2025, 1, 13, 17, 0, 0);
const seconds = (ms: number): number => ms / 1000;

function mandrillEvent(event: string, tsOffsetS: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event,
    ts: seconds(SENT) + tsOffsetS,
    _id: 'fa239ebedd0a4831a3eefa59e880d8b2',
    msg: { ts: seconds(SENT), email: 'Ana.Lopez@contoso.com', _id: 'fa239ebedd0a4831a3eefa59e880d8b2', state: 'sent', opens: [], clicks: [] },
    ...extra,
  };
}

const MANDRILL_BATCH = [
  mandrillEvent('send', 0),
  mandrillEvent('open', 9, { ip: '40.94.29.12', user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0 Safari/537.36', location: {} }),
  mandrillEvent('click', 11, { ip: '40.94.29.12', user_agent: 'Mozilla/5.0', url: 'https://shop.example.com/sale' }),
  { type: 'whitelist', action: 'add', entry: { email: 'someone@example.com', detail: 'example', created_at: '2014-01-15 12:03:19' } },
];

describe('Mandrill webhook batch', () => {
  it('reads opens and clicks with each message’s own send time, and counts the sync event as a record', () => {
    const result = importText(JSON.stringify(MANDRILL_BATCH));
    expect(result.format).toBe('mandrill');
    expect(result.recordCount).toBe(4);
    expect(result.skippedCount).toBe(0);
    expect(result.campaign.events.map((event) => [event.type, event.sourceIndex, event.recipient])).toEqual([
      ['open', 1, 'ana.lopez@contoso.com'],
      ['click', 2, 'ana.lopez@contoso.com'],
    ]);
    const [open, click] = result.campaign.events;
    expect(open!.timestamp).toBe(SENT + 9000);
    expect(open!.ip).toBe('40.94.29.12');
    expect(click!.url).toBe('https://shop.example.com/sale');
    expect(result.campaign.sentAt).toBe(SENT);
  });

  it('reads the batch as posted: the URL-encoded mandrill_events form field, and the logged form as JSON', () => {
    const posted = `mandrill_events=${encodeURIComponent(JSON.stringify(MANDRILL_BATCH)).replace(/%20/g, '+')}`;
    const fromForm = importText(posted);
    expect(fromForm.format).toBe('mandrill');
    expect(fromForm.campaign.events.map((event) => event.type)).toEqual(['open', 'click']);
    const logged = importText(JSON.stringify({ mandrill_events: JSON.stringify(MANDRILL_BATCH) }));
    expect(logged.campaign.events.map((event) => event.sourceIndex)).toEqual([1, 2]);
  });
});

describe('SparkPost', () => {
  const event = (type: string, minutes: number, extra: Record<string, unknown> = {}) => ({
    type,
    rcpt_to: 'bob@fabrikam.com',
    timestamp: new Date(SENT + minutes * 60_000).toISOString(),
    injection_time: new Date(SENT).toISOString(),
    message_id: '000443ee14578172be22',
    transmission_id: '65832150921904138',
    campaign_id: 'spring-sale',
    sending_ip: '192.0.2.10',
    ...extra,
  });

  it('reads the events API response: initial_open and open are opens, clicks keep their link, injection is the send', () => {
    const body = {
      results: [
        event('injection', 0),
        event('delivery', 0.05),
        event('initial_open', 1, { ip_address: '66.102.8.232', user_agent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' }),
        event('open', 30, { ip_address: '81.2.69.160', user_agent: 'Mozilla/5.0 (iPhone)' }),
        event('click', 31, { ip_address: '81.2.69.160', target_link_url: 'https://shop.example.com/new' }),
      ],
      total_count: 5,
      links: {},
    };
    const result = importText(JSON.stringify(body, null, 2));
    expect(result.format).toBe('sparkpost');
    expect(result.recordCount).toBe(5);
    expect(result.campaign.events.map((item) => [item.type, item.sourceIndex])).toEqual([
      ['open', 2],
      ['open', 3],
      ['click', 4],
    ]);
    expect(result.campaign.events[0]!.ip).toBe('66.102.8.232');
    expect(result.campaign.events[2]!.url).toBe('https://shop.example.com/new');
    expect(result.campaign.deliveries).toEqual([{ recipient: 'bob@fabrikam.com', deliveredAt: SENT + 3000, messageId: '000443ee14578172be22' }]);
    expect(result.campaign.sentAt).toBe(SENT);
    expect(result.campaign.id).toBe('sparkpost:spring-sale');
  });

  it('reads webhook batches ({msys: {track_event}}) with epoch-second strings', () => {
    const batch = [
      { msys: { track_event: { ...event('click', 0.5, { target_link_url: 'https://shop.example.com/sale', ip_address: '40.94.29.12' }), timestamp: String(seconds(SENT) + 30), injection_time: String(seconds(SENT)) } } },
    ];
    const result = importText(JSON.stringify(batch));
    expect(result.format).toBe('sparkpost');
    expect(result.campaign.events[0]).toMatchObject({ type: 'click', timestamp: SENT + 30_000, ip: '40.94.29.12' });
  });
});

describe('Customer.io reporting webhooks (one POST per line)', () => {
  it('reads email opens and clicks, and leaves push/SMS metrics aside', () => {
    const lines = [
      { event_id: '01E4C4CT6YDC7Y5M7FE1GWWPQJ', object_type: 'email', metric: 'delivered', timestamp: seconds(SENT) + 2, data: { customer_id: '42', delivery_id: 'RPILAgABcRhIBqSp7kiPekGBIeVh', recipient: 'carol@icloud.com', identifiers: { id: '42', email: 'carol@icloud.com' }, campaign_id: 9 } },
      { event_id: '01E4C4CT6YDC7Y5M7FE1GWWPQK', object_type: 'email', metric: 'opened', timestamp: seconds(SENT) + 40, data: { customer_id: '42', delivery_id: 'RPILAgABcRhIBqSp7kiPekGBIeVh', recipient: 'carol@icloud.com', campaign_id: 9 } },
      { event_id: '01E4C4CT6YDC7Y5M7FE1GWWPQL', object_type: 'email', metric: 'clicked', timestamp: seconds(SENT) + 41, data: { customer_id: '42', delivery_id: 'RPILAgABcRhIBqSp7kiPekGBIeVh', identifiers: { email: 'carol@icloud.com' }, href: 'https://shop.example.com/sale', link_id: 3, campaign_id: 9 } },
      { event_id: '01E4C4CT6YDC7Y5M7FE1GWWPQM', object_type: 'push', metric: 'opened', timestamp: seconds(SENT) + 50, data: { customer_id: '42', delivery_id: 'x' } },
    ];
    const result = importText(lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(result.format).toBe('ndjson');
    expect(result.recordFormat).toBe('customerio');
    expect(result.recordCount).toBe(4);
    expect(result.campaign.events.map((event) => [event.type, event.sourceIndex, event.recipient, event.url])).toEqual([
      ['open', 1, 'carol@icloud.com', undefined],
      ['click', 2, 'carol@icloud.com', 'https://shop.example.com/sale'],
    ]);
    expect(result.campaign.deliveries?.[0]?.deliveredAt).toBe(SENT + 2000);
  });
});

describe('Klaviyo events API (JSON:API)', () => {
  const page = {
    data: [
      { type: 'event', id: 'e1', attributes: { timestamp: seconds(SENT) + 5, datetime: new Date(SENT + 5000).toISOString(), uuid: 'u1', event_properties: { $message: '01HMSG', Subject: 'Spring sale' } }, relationships: { metric: { data: { type: 'metric', id: 'RcvMtr' } }, profile: { data: { type: 'profile', id: 'P1' } } } },
      { type: 'event', id: 'e2', attributes: { timestamp: seconds(SENT) + 45, datetime: new Date(SENT + 45_000).toISOString(), uuid: 'u2', event_properties: { $message: '01HMSG', 'Client Name': 'Apple Mail' } }, relationships: { metric: { data: { type: 'metric', id: 'OpnMtr' } }, profile: { data: { type: 'profile', id: 'P1' } } } },
      { type: 'event', id: 'e3', attributes: { timestamp: seconds(SENT) + 46, datetime: new Date(SENT + 46_000).toISOString(), uuid: 'u3', event_properties: { $message: '01HMSG', URL: 'https://shop.example.com/sale' } }, relationships: { metric: { data: { type: 'metric', id: 'ClkMtr' } }, profile: { data: { type: 'profile', id: 'P1' } } } },
    ],
    included: [
      { type: 'metric', id: 'RcvMtr', attributes: { name: 'Received Email', integration: { name: 'Klaviyo' } } },
      { type: 'metric', id: 'OpnMtr', attributes: { name: 'Opened Email' } },
      { type: 'metric', id: 'ClkMtr', attributes: { name: 'Clicked Email' } },
      { type: 'profile', id: 'P1', attributes: { email: 'dave@gmail.com' } },
    ],
    links: { self: 'https://a.klaviyo.com/api/events', next: null },
  };

  it('takes each event’s metric and address from `included`, which comes after the records', () => {
    const result = importText(JSON.stringify(page, null, 1));
    expect(result.format).toBe('klaviyo');
    expect(result.recordCount).toBe(3);
    expect(result.campaign.events.map((event) => [event.type, event.sourceIndex, event.recipient])).toEqual([
      ['open', 1, 'dave@gmail.com'],
      ['click', 2, 'dave@gmail.com'],
    ]);
    expect(result.campaign.events[1]!.url).toBe('https://shop.example.com/sale');
    expect(result.campaign.deliveries).toEqual([{ recipient: 'dave@gmail.com', deliveredAt: SENT + 5000 }]);
    expect(result.campaign.id).toBe('klaviyo:01HMSG');
  });

  it('without `included`, says how to export the metric instead of guessing the open, and still reads clicks by their URL', () => {
    const result = importText(JSON.stringify({ ...page, included: undefined }));
    expect(result.campaign.events.map((event) => [event.type, event.recipient])).toEqual([['click', 'p1']]);
    expect(result.errors.map((error) => error.message)).toEqual([
      "line 1 (record 0): the event's metric is not in the file (export the events with include=metric)",
      "line 1 (record 1): the event's metric is not in the file (export the events with include=metric)",
    ]);
  });
});

describe('HubSpot email events API', () => {
  it('reads events[] with filteredEvent as the ESP flag and sentBy.created as each event’s send time', () => {
    const body = {
      events: [
        { type: 'DELIVERED', recipient: 'erin@example.org', created: SENT + 2000, id: 'd1', emailCampaignId: 9001, sentBy: { id: 's1', created: SENT } },
        { type: 'OPEN', recipient: 'erin@example.org', created: SENT + 6200, filteredEvent: true, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0', emailCampaignId: 9001, sentBy: { id: 's1', created: SENT } },
        { type: 'OPEN', recipient: 'frank@example.org', created: SENT + 3_600_000, filteredEvent: false, emailCampaignId: 9001, sentBy: { id: 's2', created: SENT + 1000 } },
      ],
      hasMore: false,
      offset: 'abc',
    };
    const result = importText(JSON.stringify(body));
    expect(result.format).toBe('hubspot');
    expect(result.campaign.events.map((event) => [event.recipient, event.sourceBotHint])).toEqual([
      ['erin@example.org', 'hubspot-filtered'],
      ['frank@example.org', undefined],
    ]);
    expect(result.campaign.events[0]!.messageId).toBe('s1');
    // frank has no delivered event: his own send time stands in for it.
    expect(result.campaign.deliveries).toEqual([
      { recipient: 'erin@example.org', deliveredAt: SENT + 2000, messageId: 's1' },
      { recipient: 'frank@example.org', deliveredAt: SENT + 1000 },
    ]);
  });
});

describe('Marketo activities', () => {
  const GMAIL_CHECKER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0';

  it('reads the REST activities response by activity type id, with the agent and link from attributes', () => {
    const body = {
      requestId: 'e42b#14272d07d78',
      success: true,
      nextPageToken: 'WQV2VQVPPCKHC6AQYVK7JDSA3I',
      moreResult: false,
      result: [
        { id: 1, marketoGUID: 'g1', leadId: 1305232, activityDate: '2025-02-13T17:00:00Z', activityTypeId: 7, primaryAttributeValue: 'Spring.Email', attributes: [] },
        { id: 2, marketoGUID: 'g2', leadId: 1305232, activityDate: '2025-02-13T17:00:08Z', activityTypeId: 10, primaryAttributeValue: 'Spring.Email', attributes: [{ name: 'User Agent', value: GMAIL_CHECKER }, { name: 'Device', value: 'unknown' }] },
        { id: 3, marketoGUID: 'g3', leadId: 1305232, activityDate: '2025-02-13T17:05:00Z', activityTypeId: 11, primaryAttributeValue: 'Spring.Email', attributes: [{ name: 'Link', value: 'https://shop.example.com/sale' }] },
        { id: 4, marketoGUID: 'g4', leadId: 77, activityDate: '2025-02-13T17:06:00Z', activityTypeId: 1, primaryAttributeValue: 'https://shop.example.com/', attributes: [] },
      ],
    };
    const result = importText(JSON.stringify(body));
    expect(result.format).toBe('marketo');
    expect(result.recordCount).toBe(4);
    expect(result.campaign.events.map((event) => [event.type, event.sourceIndex, event.recipient, event.userAgent ?? event.url])).toEqual([
      ['open', 1, '1305232', GMAIL_CHECKER],
      ['click', 2, '1305232', 'https://shop.example.com/sale'],
    ]);
    expect(result.campaign.deliveries?.[0]?.deliveredAt).toBe(SENT);
  });

  it('reads the bulk activity extract CSV, whose attributes cell is JSON', () => {
    const csv = [
      'marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes',
      `g1,1305232,2025-02-13T17:00:08Z,10,2314,1931,Spring.Email,"${JSON.stringify({ 'User Agent': GMAIL_CHECKER, Device: 'unknown' }).replace(/"/g, '""')}"`,
      `g2,1305232,2025-02-13T17:05:00Z,11,2314,1931,Spring.Email,"${JSON.stringify({ Link: 'https://shop.example.com/sale' }).replace(/"/g, '""')}"`,
      'g3,1305232,2025-02-13T17:00:00Z,6,2314,1931,Spring.Email,{}',
    ].join('\n');
    const result = importText(csv, { fileName: 'activities.csv' });
    expect(result.format).toBe('csv');
    expect(result.recordFormat).toBe('marketo');
    expect(result.campaign.events.map((event) => [event.type, event.sourceIndex, event.userAgent ?? event.url])).toEqual([
      ['open', 0, GMAIL_CHECKER],
      ['click', 1, 'https://shop.example.com/sale'],
    ]);
    expect(result.campaign.sentAt).toBe(SENT);
  });
});

describe('Campaign Monitor API JSON', () => {
  it('reads Results[] of opens and clicks (a click names its URL)', () => {
    const row = { EmailAddress: 'subs+1@example.com', ListID: '512a3bc5', IPAddress: '192.168.126.87', City: 'Sydney', CountryCode: 'AU' };
    const body = {
      Results: [
        { ...row, Date: '2025-02-13 17:01:00' },
        { ...row, Date: '2025-02-13 17:01:00', URL: 'http://example.com/sale' },
      ],
      ResultsOrderedBy: 'date',
      OrderDirection: 'asc',
      PageNumber: 1,
      PageSize: 1000,
      RecordsOnThisPage: 2,
      TotalNumberOfRecords: 2,
      NumberOfPages: 1,
    };
    const result = importText(JSON.stringify(body));
    expect(result.format).toBe('campaign-monitor');
    expect(result.campaign.events.map((event) => [event.type, event.timestamp, event.ip])).toEqual([
      ['open', SENT + 60_000, '192.168.126.87'],
      ['click', SENT + 60_000, '192.168.126.87'],
    ]);
  });
});

describe('Mailchimp email-activity JSON', () => {
  it('reads emails[].activity[] with the email’s index for each of its activities', () => {
    const body = {
      emails: [
        { campaign_id: '42694e9e57', list_id: '8e423a4179', email_id: 'a1', email_address: 'gina@example.com', activity: [
          { action: 'open', timestamp: '2025-02-13T17:02:28+00:00', ip: '66.102.8.232' },
          { action: 'click', timestamp: '2025-02-13T17:02:30+00:00', url: 'https://shop.example.com/sale', ip: '66.102.8.232' },
        ] },
        { campaign_id: '42694e9e57', list_id: '8e423a4179', email_id: 'a2', email_address: 'hal@example.com', activity: [] },
        { campaign_id: '42694e9e57', list_id: '8e423a4179', email_id: 'a3', email_address: 'ida@example.com', activity: [{ action: 'bounce', type: 'hard', timestamp: '2025-02-13T17:00:05+00:00' }] },
      ],
      campaign_id: '42694e9e57',
      total_items: 3,
    };
    const result = importText(JSON.stringify(body));
    expect(result.format).toBe('mailchimp');
    expect(result.recordCount).toBe(3);
    expect(result.campaign.events.map((event) => [event.type, event.sourceIndex])).toEqual([
      ['open', 0],
      ['click', 0],
    ]);
    expect(result.campaign.id).toBe('mailchimp:42694e9e57');
  });
});
