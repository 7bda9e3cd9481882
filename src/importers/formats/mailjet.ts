// Mailjet event API (webhooks): `event, time (Unix s), email, ip, agent, url, MessageID`
// (https://dev.mailjet.com/email/guides/webhooks/). Mailjet's `sent` means the recipient's server accepted
// the message, i.e. a delivery.
import { optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = { open: 'open', click: 'click', sent: 'delivered' };

export const mailjet: JsonRecordFormat = {
  name: 'mailjet',
  title: 'Mailjet events',
  recognize(record: JsonObject): number {
    if ('mj_campaign_id' in record || 'mj_contact_id' in record || 'mj_message_id' in record) return 1;
    if (typeof record.event === 'string' && 'time' in record && ('MessageID' in record || 'agent' in record)) return 0.8;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const kind = KINDS[optionalText(record.event)?.toLowerCase() ?? ''] ?? 'other';
    return {
      kind,
      recipient: optionalRecipient(record.email),
      timestamp: optionalTime(record.time, 'time', 'seconds'),
      ip: kind === 'open' || kind === 'click' ? optionalText(record.ip) : undefined,
      userAgent: optionalText(record.agent),
      url: kind === 'click' ? optionalText(record.url) : undefined,
      messageId: optionalText(record.MessageID ?? record.mj_message_id),
      campaignId: optionalText(record.mj_campaign_id),
    };
  },
};
