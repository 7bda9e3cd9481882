// HubSpot email events API (GET /email/public/v1/events → `{events: […], hasMore, offset}`): `type
// OPEN|CLICK|DELIVERED|SENT|PROCESSED|…, recipient, created (ms), userAgent, url, filteredEvent`
// (https://legacydocs.hubspot.com/docs/methods/email/email_events_overview). `filteredEvent: true` is
// HubSpot's own bot verdict, kept as the hint. `sentBy {id, created}` names the SENT event behind each event, so
// its `created` is this recipient's send time.
import { botFlag, firstPresent, optionalRecipient, optionalText, optionalTime, pick } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = { open: 'open', click: 'click', delivered: 'delivered', sent: 'sent', processed: 'sent' };

export const hubspot: JsonRecordFormat = {
  name: 'hubspot',
  title: 'HubSpot email events',
  recognize(record: JsonObject): number {
    if ('filteredEvent' in record || 'emailCampaignId' in record || 'sentBy' in record) return 1;
    if (typeof record.type === 'string' && /^[A-Z_]+$/.test(record.type) && 'recipient' in record && 'created' in record) return 0.8;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const kind = KINDS[optionalText(record.type)?.toLowerCase() ?? ''] ?? 'other';
    return {
      kind,
      recipient: optionalRecipient(record.recipient),
      timestamp: optionalTime(record.created, 'created', 'milliseconds'),
      ip: optionalText(firstPresent(record, ['ipAddress', 'ip'])),
      userAgent: optionalText(record.userAgent),
      url: kind === 'click' ? optionalText(record.url) : undefined,
      messageId: optionalText(record.smtpId ?? pick(record, ['sentBy', 'id'])),
      sentAt: optionalTime(pick(record, ['sentBy', 'created']), 'sentBy.created', 'milliseconds'),
      sourceBotHint: botFlag(record.filteredEvent) ? 'hubspot-filtered' : undefined,
      campaignId: optionalText(record.emailCampaignId),
    };
  },
};
