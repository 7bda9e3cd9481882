// Postmark webhooks: `RecordType` Delivery|Open|Click, `Recipient`, `DeliveredAt`/`ReceivedAt` (ISO),
// `UserAgent`, `Geo{IP,…}`, `OriginalLink`, `FirstOpen`, `MessageID`
// (https://postmarkapp.com/developer/webhooks/webhooks-overview). The Opens/Clicks APIs wrap the same records
// as `{TotalCount, Opens:[…]}` / `{TotalCount, Clicks:[…]}`; those records may lack RecordType.
import { isObject, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

function kindOf(record: JsonObject): RecordKind {
  const type = optionalText(record.RecordType)?.toLowerCase();
  if (type === 'open') return 'open';
  if (type === 'click') return 'click';
  if (type === 'delivery') return 'delivered';
  if (type !== undefined) return 'other';
  // API records without RecordType: a click has its link, an open has FirstOpen.
  if ('OriginalLink' in record || 'ClickLocation' in record) return 'click';
  if ('FirstOpen' in record || 'ReadSeconds' in record) return 'open';
  if ('DeliveredAt' in record) return 'delivered';
  return 'other';
}

export const postmark: JsonRecordFormat = {
  name: 'postmark',
  title: 'Postmark webhooks / Opens and Clicks API',
  recognize(record: JsonObject): number {
    if (typeof record.RecordType === 'string' && ('Recipient' in record || 'MessageID' in record)) return 1;
    if ('MessageID' in record && ('ReceivedAt' in record || 'DeliveredAt' in record)) return 0.9;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const kind = kindOf(record);
    const geo = isObject(record.Geo) ? record.Geo : {};
    const timeField = kind === 'delivered' ? 'DeliveredAt' : 'ReceivedAt';
    return {
      kind,
      recipient: optionalRecipient(record.Recipient ?? record.Email),
      timestamp: optionalTime(record[timeField] ?? record.ReceivedAt, timeField),
      ip: optionalText(geo.IP),
      userAgent: optionalText(record.UserAgent),
      url: kind === 'click' ? optionalText(record.OriginalLink) : undefined,
      messageId: optionalText(record.MessageID),
    };
  },
};
