// Documented quirks of single formats that the shared scenario does not exercise.
import { importText } from '../../src/importers/index';

const SENT_AT = Date.UTC(2025, 1, 13, 17, 0, 0);

function only(records: object[], format?: string) {
  return importText(JSON.stringify(records), format ? { format } : {});
}

describe('format details', () => {
  it("Brevo: falls back to `date`, written in Brevo's CET/CEST account time, and never uses sending_ip", () => {
    const result = only([{ event: 'opened', email: 'a@x.example', date: '2025-02-13 18:00:09', 'message-id': '<m>', sending_ip: '185.41.28.109', user_agent: 'UA' }], 'brevo');
    expect(result.campaign.events).toEqual([{ type: 'open', sourceIndex: 0, recipient: 'a@x.example', timestamp: SENT_AT + 9_000, userAgent: 'UA', messageId: '<m>' }]);
    const summer = only([{ event: 'opened', email: 'a@x.example', date: '2025-07-13 19:00:00', 'message-id': '<m>' }], 'brevo');
    expect(summer.campaign.events[0]?.timestamp).toBe(Date.UTC(2025, 6, 13, 17, 0, 0));
  });

  it('Mailjet: `sent` is the recipient server accepting the message, so a delivery', () => {
    const result = only([{ event: 'sent', time: 1739466003, email: 'a@x.example', MessageID: 5, mj_campaign_id: 1 }]);
    expect(result.campaign.deliveries).toEqual([{ recipient: 'a@x.example', deliveredAt: SENT_AT + 3_000, messageId: '5' }]);
    expect(result.campaign.sentAt).toBeUndefined();
  });

  it('Mailgun `accepted`, Iterable `emailSend`, HubSpot `PROCESSED` give the send time (the earliest wins)', () => {
    expect(only([
      { event: 'accepted', timestamp: 1739466001.5, recipient: 'b@x.example', 'log-level': 'info' },
      { event: 'accepted', timestamp: 1739466000.25, recipient: 'a@x.example', 'log-level': 'info' },
    ]).campaign.sentAt).toBe(SENT_AT + 250);
    expect(only([{ email: 'a@x.example', eventName: 'emailSend', dataFields: { createdAt: '2025-02-13 17:00:00 +00:00' } }]).campaign.sentAt).toBe(SENT_AT);
    expect(only([{ type: 'PROCESSED', recipient: 'a@x.example', created: SENT_AT, emailCampaignId: 1 }]).campaign.sentAt).toBe(SENT_AT);
  });

  it('a recipient delivered twice keeps the first delivery; deliveredCount counts recipients', () => {
    const result = only([
      { email: 'a@x.example', timestamp: 1739466010, event: 'delivered', sg_event_id: '1' },
      { email: 'A@x.example', timestamp: 1739466003, event: 'delivered', sg_event_id: '2' },
      { email: 'b@x.example', timestamp: 1739466004, event: 'delivered', sg_event_id: '3' },
    ]);
    expect(result.campaign.deliveredCount).toBe(2);
    expect(result.campaign.deliveries).toEqual([
      { recipient: 'a@x.example', deliveredAt: SENT_AT + 3_000 },
      { recipient: 'b@x.example', deliveredAt: SENT_AT + 4_000 },
    ]);
  });

  it('SendGrid: only engagement events keep `ip` (on deliveries it is the sending IP)', () => {
    const result = only([
      { email: 'a@x.example', timestamp: 1739466003, event: 'delivered', ip: '167.89.1.10', sg_event_id: '1' },
      { email: 'a@x.example', timestamp: 1739466009, event: 'open', ip: '40.94.1.1', useragent: 'UA', sg_machine_open: false, sg_event_id: '2' },
    ]);
    expect(result.campaign.events).toEqual([{ type: 'open', sourceIndex: 1, recipient: 'a@x.example', timestamp: SENT_AT + 9_000, ip: '40.94.1.1', userAgent: 'UA' }]);
  });

  it('SES: a timestamp of the wrong kind names the nested field', () => {
    const result = only([{ eventType: 'Click', mail: { messageId: 'm', destination: ['a@x.example'] }, click: { timestamp: 'yesterday-ish', link: 'https://x.example' } }]);
    expect(result.errors[0]?.message).toBe("line 1 (record 0): click.timestamp 'yesterday-ish' is not a date");
  });

  it('HubSpot: `created` must be milliseconds; seconds are reported, not silently read as 1970', () => {
    const result = only([{ type: 'OPEN', recipient: 'a@x.example', created: 1739466009, emailCampaignId: 1 }]);
    expect(result.campaign.events).toEqual([]);
    expect(result.errors[0]?.message).toBe("line 1 (record 0): created '1739466009' is not a date");
  });
});
