// Brevo (Sendinblue) transactional webhook: `event, email, ts_epoch (ms, UTC), date (account tz), user_agent,
// link, sending_ip` (https://developers.brevo.com/docs/transactional-webhooks). `sending_ip` is documented as
// "ip used to send message": Brevo's own MTA, not the reader, so it is not the event's IP. `request` is the
// send; `proxy_open`/`unique_proxy_open` are Brevo's own Apple-MPP verdicts, kept as the bot hint.
import { firstPresent, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = {
  opened: 'open',
  unique_opened: 'open',
  open: 'open',
  proxy_open: 'open',
  unique_proxy_open: 'open',
  click: 'click',
  clicked: 'click',
  delivered: 'delivered',
  request: 'sent',
  sent: 'sent',
};

// Brevo's docs: "date : CET/CEST Timezone".
const BREVO_DATE_ZONE = 'Europe/Paris';

export const brevo: JsonRecordFormat = {
  name: 'brevo',
  title: 'Brevo webhook',
  recognize(record: JsonObject): number {
    if ('ts_epoch' in record || 'ts_event' in record || 'X-Mailin-custom' in record) return 1;
    if (typeof record.event === 'string' && 'email' in record && 'message-id' in record) return 0.7;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord | NormalizedRecord[] {
    const event = optionalText(record.event)?.toLowerCase() ?? '';
    const kind = KINDS[event] ?? 'other';
    // ts_epoch is documented as ms, but Brevo's own sample shows seconds: the magnitude decides.
    let timestamp = optionalTime(record.ts_epoch, 'ts_epoch');
    timestamp ??= optionalTime(record.ts_event ?? record.ts, record.ts_event ? 'ts_event' : 'ts', 'seconds');
    timestamp ??= optionalTime(record.date ?? record.date_event, record.date ? 'date' : 'date_event', 'auto', BREVO_DATE_ZONE);
    const read: NormalizedRecord = {
      kind,
      recipient: optionalRecipient(record.email),
      timestamp,
      ip: optionalText(record.ip),
      userAgent: optionalText(record.user_agent),
      // Transactional webhooks say `link`; marketing-campaign webhooks say `URL`.
      url: kind === 'click' ? optionalText(firstPresent(record, ['link', 'url', 'URL'])) : undefined,
      messageId: optionalText(record['message-id']),
      sourceBotHint: event.includes('proxy_open') ? 'brevo-proxy-open' : undefined,
      campaignId: optionalText(record.camp_id),
    };
    // Marketing-campaign webhooks carry the campaign's send time on every event (`ts_sent`, Unix seconds):
    // the delivery fallback when the file has no delivered events.
    const sentAt = kind !== 'sent' ? optionalTime(record.ts_sent, 'ts_sent', 'seconds') : undefined;
    return sentAt === undefined ? read : [read, { kind: 'sent', timestamp: sentAt }];
  },
};
