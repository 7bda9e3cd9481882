// SparkPost events: the Events API response `{results: [{type: open|initial_open|click|delivery|injection|…,
// rcpt_to, timestamp, ip_address, user_agent, target_link_url, injection_time, message_id, campaign_id}]}`
// (https://developers.sparkpost.com/api/events/) and webhook batches, where each element wraps the same event as
// `{msys: {track_event|message_event|…: {…}}}` (https://developers.sparkpost.com/api/webhooks/).
// `injection_time` is when SparkPost accepted the message: the event's own send time.
import { isObject, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = {
  open: 'open',
  initial_open: 'open',
  amp_open: 'open',
  amp_initial_open: 'open',
  click: 'click',
  amp_click: 'click',
  delivery: 'delivered',
  injection: 'sent',
};

/** The event inside a webhook's `{msys: {<category>_event: {…}}}`; the record itself otherwise. */
function unwrap(record: JsonObject): JsonObject {
  const msys = record.msys;
  if (!isObject(msys)) return record;
  for (const value of Object.values(msys)) if (isObject(value)) return value;
  return record;
}

/** SparkPost writes times as ISO text (Events API) or epoch seconds in a string (webhooks). */
function time(value: unknown, field: string): number | undefined {
  return optionalTime(value, field, typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? 'seconds' : 'auto');
}

export const sparkpost: JsonRecordFormat = {
  name: 'sparkpost',
  title: 'SparkPost events',
  recognize(record: JsonObject): number {
    if (isObject(record.msys)) return 1;
    if ('rcpt_to' in record && typeof record.type === 'string') return 1;
    if ('transmission_id' in record && 'injection_time' in record) return 1;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const event = unwrap(record);
    const kind = KINDS[optionalText(event.type)?.toLowerCase() ?? ''] ?? 'other';
    const engagement = kind === 'open' || kind === 'click';
    return {
      kind,
      recipient: optionalRecipient(event.rcpt_to ?? event.raw_rcpt_to),
      timestamp: time(event.timestamp, 'timestamp'),
      // `sending_ip` is SparkPost's own MTA; `ip_address` on an open or click is the reader's.
      ip: engagement ? optionalText(event.ip_address) : undefined,
      userAgent: engagement ? optionalText(event.user_agent) : undefined,
      url: kind === 'click' ? optionalText(event.target_link_url) : undefined,
      messageId: optionalText(event.message_id),
      sentAt: time(event.injection_time, 'injection_time'),
      campaignId: optionalText(event.campaign_id),
    };
  },
};
