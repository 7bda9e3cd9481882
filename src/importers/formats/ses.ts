// Amazon SES event publishing: `eventType Open|Click|Delivery|Send|…, mail{messageId, destination[]},
// open|click{ipAddress, timestamp, userAgent, link}, delivery{timestamp, recipients[]}`
// (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html). Records often
// arrive wrapped by SNS (`{Type: "Notification", Message: "<json string>"}`) or by Lambda
// (`{Records: [{Sns: {Message}}]}`); older notifications say `notificationType` instead of `eventType`.
import { RecordProblem, type JsonObject, type JsonRecordFormat, type NormalizedRecord, type RecordKind } from '../types';
import { isObject, optionalRecipient, optionalText, optionalTime, quote } from '../record-fields';

const KINDS: Record<string, RecordKind> = { open: 'open', click: 'click', delivery: 'delivered', send: 'sent' };

/** The SES event inside an SNS or Lambda wrapper; the record itself when unwrapped. */
function unwrap(record: JsonObject): JsonObject {
  const sns = isObject(record.Sns) ? record.Sns : record;
  const message = sns.Message;
  if (typeof message === 'string' && (sns.Type === 'Notification' || 'TopicArn' in sns || sns !== record)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      throw new RecordProblem(`SNS Message ${quote(message)} is not JSON`);
    }
    if (!isObject(parsed)) throw new RecordProblem('SNS Message is not a JSON object');
    return parsed;
  }
  // Stored notifications whose Message was already decoded (a log pipeline, a hand-made archive).
  if (isObject(message) && (sns.Type === 'Notification' || 'TopicArn' in sns || sns !== record)) return message;
  return record;
}

export const ses: JsonRecordFormat = {
  name: 'ses',
  title: 'Amazon SES events',
  recognize(record: JsonObject): number {
    const sns = isObject(record.Sns) ? record.Sns : record;
    if (typeof sns.Message === 'string' && /"(eventType|notificationType)"/.test(sns.Message)) return 1;
    if (isObject(sns.Message) && ('eventType' in sns.Message || 'notificationType' in sns.Message)) return 1;
    if (('eventType' in record || 'notificationType' in record) && isObject(record.mail)) return 1;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const event = unwrap(record);
    const type = optionalText(event.eventType ?? event.notificationType)?.toLowerCase() ?? '';
    const kind = KINDS[type] ?? 'other';
    const mail = isObject(event.mail) ? event.mail : {};
    const destination = Array.isArray(mail.destination) ? mail.destination.map(optionalRecipient) : [];
    const messageId = optionalText(mail.messageId);
    if (kind === 'delivered') {
      const delivery = isObject(event.delivery) ? event.delivery : {};
      const recipients = (Array.isArray(delivery.recipients) ? delivery.recipients.map(optionalRecipient) : destination)
        .filter((recipient): recipient is string => recipient !== undefined);
      return {
        kind,
        recipient: recipients[0],
        otherRecipients: recipients.length > 1 ? recipients.slice(1) : undefined,
        timestamp: optionalTime(delivery.timestamp ?? mail.timestamp, 'delivery.timestamp'),
        messageId,
      };
    }
    if (kind === 'open' || kind === 'click') {
      const detail = isObject(event[type]) ? (event[type] as JsonObject) : {};
      return {
        kind,
        // SES open/click events do not say which of several destinations acted; the first is the usual one.
        recipient: destination.find((recipient) => recipient !== undefined),
        timestamp: optionalTime(detail.timestamp, `${type}.timestamp`),
        ip: optionalText(detail.ipAddress),
        userAgent: optionalText(detail.userAgent),
        url: kind === 'click' ? optionalText(detail.link) : undefined,
        messageId,
      };
    }
    return { kind, timestamp: optionalTime(mail.timestamp, 'mail.timestamp'), messageId };
  },
};
