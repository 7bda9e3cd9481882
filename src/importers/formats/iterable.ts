// Iterable webhooks / event export: `{email, eventName, dataFields{createdAt, ip, userAgent, url, messageId}}`
// (https://support.iterable.com/hc/en-us/articles/208013936-System-Webhooks). `createdAt` is written like
// "2016-12-05 22:51:25 +00:00". `emailSend` is the send.
import { isObject, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = {
  emailopen: 'open',
  emailclick: 'click',
  emailsend: 'sent',
  emaildelivery: 'delivered',
  emaildelivered: 'delivered',
};

export const iterable: JsonRecordFormat = {
  name: 'iterable',
  title: 'Iterable events',
  recognize(record: JsonObject): number {
    if (typeof record.eventName === 'string' && isObject(record.dataFields)) return 1;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const kind = KINDS[optionalText(record.eventName)?.toLowerCase() ?? ''] ?? 'other';
    const data = isObject(record.dataFields) ? record.dataFields : {};
    return {
      kind,
      recipient: optionalRecipient(record.email ?? data.email),
      timestamp: optionalTime(data.createdAt ?? record.createdAt, 'createdAt'),
      ip: optionalText(data.ip),
      userAgent: optionalText(data.userAgent),
      // `url` is the clicked link; older click events only carry the anchor's `href`.
      url: kind === 'click' ? optionalText(data.url ?? data.href ?? data.linkUrl) : undefined,
      messageId: optionalText(data.messageId),
      campaignId: optionalText(data.campaignId),
    };
  },
};
