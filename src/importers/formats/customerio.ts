// Customer.io reporting webhooks: one POST per event, `{event_id, object_type: email|push|sms|…, metric:
// sent|delivered|opened|clicked|…, timestamp (Unix s), data{customer_id, identifiers{email}, recipient,
// delivery_id, href, campaign_id|broadcast_id|…}}` (https://docs.customer.io/api/webhooks/). Logged one per
// line (NDJSON) or collected in an array. Only email events are opens and clicks of a mail.
import { firstPresent, isObject, optionalRecipient, optionalText, optionalTime, pick } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = { opened: 'open', clicked: 'click', delivered: 'delivered', sent: 'sent' };

export const customerio: JsonRecordFormat = {
  name: 'customerio',
  title: 'Customer.io reporting webhooks',
  recognize(record: JsonObject): number {
    if (typeof record.metric === 'string' && 'object_type' in record && isObject(record.data)) return 1;
    if (typeof record.metric === 'string' && 'event_id' in record && isObject(record.data)) return 0.8;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const data = isObject(record.data) ? record.data : {};
    const objectType = optionalText(record.object_type)?.toLowerCase();
    const metric = optionalText(record.metric)?.toLowerCase() ?? '';
    const kind = objectType === undefined || objectType === 'email' ? (KINDS[metric] ?? 'other') : 'other';
    return {
      kind,
      recipient: optionalRecipient(
        firstPresent(data, ['recipient', 'email_address']) ?? pick(data, ['identifiers', 'email']) ?? data.customer_id,
      ),
      timestamp: optionalTime(record.timestamp, 'timestamp', 'seconds'),
      url: kind === 'click' ? optionalText(data.href) : undefined,
      messageId: optionalText(data.delivery_id),
      campaignId: optionalText(firstPresent(data, ['campaign_id', 'broadcast_id', 'newsletter_id', 'transactional_message_id'])),
    };
  },
};
