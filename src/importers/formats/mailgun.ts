// Mailgun Events API: `{items: [{event: accepted|delivered|opened|clicked, timestamp (epoch float), recipient,
// ip, geolocation, client-info{client-type, client-os, device-type, client-name, user-agent, bot}, url,
// message{headers{message-id}}}]}` (https://documentation.mailgun.com/docs/mailgun/user-manual/events/).
// Webhooks POST the same event inside `{signature, "event-data": {...}}`.
import { botFlag, isObject, optionalRecipient, optionalText, optionalTime, pick } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = {
  opened: 'open',
  clicked: 'click',
  delivered: 'delivered',
  accepted: 'sent',
};

function unwrap(record: JsonObject): JsonObject {
  const inner = record['event-data'];
  return isObject(inner) ? inner : record;
}

export const mailgun: JsonRecordFormat = {
  name: 'mailgun',
  title: 'Mailgun events',
  recognize(record: JsonObject): number {
    const event = unwrap(record);
    if ('client-info' in event || 'log-level' in event || 'delivery-status' in event) return 1;
    if (isObject(record['event-data'])) return 1;
    if (typeof event.event === 'string' && 'recipient' in event && typeof event.timestamp === 'number') return 0.6;
    if (typeof event.event === 'string' && 'recipient' in event && typeof event['@timestamp'] === 'string') return 0.6;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const event = unwrap(record);
    const kind = KINDS[optionalText(event.event)?.toLowerCase() ?? ''] ?? 'other';
    const clientInfo = isObject(event['client-info']) ? event['client-info'] : {};
    return {
      kind,
      recipient: optionalRecipient(event.recipient),
      // The Events API gives epoch seconds; the newer Logs API gives `@timestamp` as ISO text.
      timestamp:
        event.timestamp !== undefined && event.timestamp !== null
          ? optionalTime(event.timestamp, 'timestamp', 'seconds')
          : optionalTime(event['@timestamp'], '@timestamp'),
      ip: kind === 'open' || kind === 'click' ? optionalText(event.ip) : undefined,
      userAgent: optionalText(clientInfo['user-agent']),
      url: kind === 'click' ? optionalText(event.url) : undefined,
      messageId: optionalText(pick(event, ['message', 'headers', 'message-id'])),
      mailExchange: kind === 'delivered' ? optionalText(pick(event, ['delivery-status', 'mx-host'])) : undefined,
      // Mailgun names the machine it recognised ("apple", "gmail"); keep the name as the hint.
      sourceBotHint: ((): string | undefined => {
        const bot = botFlag(clientInfo.bot);
        return bot === undefined ? undefined : `mailgun-bot:${bot}`;
      })(),
    };
  },
};
