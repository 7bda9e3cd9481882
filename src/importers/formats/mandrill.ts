// Mandrill (Mailchimp Transactional) webhooks: a batch `[{event, ts, msg{ts, email, _id, …}, ip, user_agent,
// url, …}]`, POSTed as the form field `mandrill_events` (https://mailchimp.com/developer/transactional/docs/webhooks/).
// `ts` is when the event happened and `msg.ts` when the message was sent, so every event carries its own send
// time. Sync events (`{type, action, entry}`, whitelist/blacklist changes) have no `msg` and are not mail events.
import { isObject, optionalRecipient, optionalText, optionalTime, pick } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = { open: 'open', click: 'click', send: 'sent', delivered: 'delivered' };

export const mandrill: JsonRecordFormat = {
  name: 'mandrill',
  title: 'Mandrill webhook events',
  recognize(record: JsonObject): number {
    if (typeof record.event === 'string' && isObject(record.msg) && ('ts' in record || '_id' in record)) return 1;
    // Sync events share the batch: recognised so they are counted as records of the file, not as unreadable.
    if (typeof record.type === 'string' && typeof record.action === 'string' && isObject(record.entry)) return 0.5;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const msg = isObject(record.msg) ? record.msg : {};
    const kind = KINDS[optionalText(record.event)?.toLowerCase() ?? ''] ?? 'other';
    const engagement = kind === 'open' || kind === 'click';
    return {
      kind,
      recipient: optionalRecipient(msg.email),
      timestamp: optionalTime(record.ts, 'ts', 'seconds'),
      ip: engagement ? optionalText(record.ip) : undefined,
      userAgent: engagement ? optionalText(record.user_agent) : undefined,
      url: kind === 'click' ? optionalText(record.url) : undefined,
      messageId: optionalText(msg._id ?? record._id),
      sentAt: optionalTime(msg.ts, 'msg.ts', 'seconds'),
      campaignId: optionalText(pick(msg, ['metadata', 'campaign_id'])),
    };
  },
};
