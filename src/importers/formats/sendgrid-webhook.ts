// SendGrid Event Webhook: a JSON array of events
// `{email, timestamp (Unix s), event, ip, useragent, url, sg_event_id, sg_message_id, sg_machine_open}`
// (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event). `processed` is SendGrid
// accepting the message (a send time); `delivered` is the recipient server accepting it.
import { botFlag, firstPresent, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = {
  open: 'open',
  click: 'click',
  delivered: 'delivered',
  processed: 'sent',
};

export const sendgridWebhook: JsonRecordFormat = {
  name: 'sendgrid-webhook',
  title: 'SendGrid Event Webhook',
  recognize(record: JsonObject): number {
    if ('sg_event_id' in record || 'sg_message_id' in record) return 1;
    if (typeof record.event === 'string' && 'email' in record && typeof record.timestamp === 'number' && !('ts_epoch' in record) && !('time' in record)) return 0.5;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const event = optionalText(record.event)?.toLowerCase() ?? '';
    const kind = KINDS[event] ?? 'other';
    const engagement = kind === 'open' || kind === 'click';
    return {
      kind,
      recipient: optionalRecipient(record.email),
      timestamp: optionalTime(record.timestamp, 'timestamp', 'seconds'),
      // On delivered/processed events `ip` is SendGrid's sending IP, not the reader's: only engagement keeps it.
      ip: engagement ? optionalText(record.ip) : undefined,
      userAgent: engagement ? optionalText(record.useragent) : undefined,
      url: kind === 'click' ? optionalText(record.url) : undefined,
      messageId: optionalText(record.sg_message_id),
      sourceBotHint: botFlag(record.sg_machine_open) ? 'sg_machine_open' : undefined,
      campaignId: optionalText(firstPresent(record, ['singlesend_id', 'marketing_campaign_id'])),
    };
  },
};
