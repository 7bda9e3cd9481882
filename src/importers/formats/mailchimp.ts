// Mailchimp Marketing API email activity (GET /reports/{campaign_id}/email-activity):
// `{emails: [{email_address, activity: [{action, timestamp, url, ip}]}]}`
// (https://mailchimp.com/developer/marketing/api/email-activity-reports/). The envelope's records list is
// `emails`: each element is one record (conventions §2), so every activity of one email shares that email's
// index, and an email with no activity still takes its place in the count.
import { isObject, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: ReadonlyMap<string, RecordKind> = new Map([
  ['open', 'open'],
  ['click', 'click'],
]);

export const mailchimp: JsonRecordFormat = {
  name: 'mailchimp',
  title: 'Mailchimp email activity',
  recognize(record: JsonObject): number {
    if ('email_address' in record && Array.isArray(record.activity)) return 1;
    if ('email_address' in record && typeof record.action === 'string') return 1;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord | NormalizedRecord[] {
    if (Array.isArray(record.activity)) {
      const recipient = record.email_address;
      const campaignId = record.campaign_id;
      return record.activity
        .filter(isObject)
        .map((activity) => readActivity({ ...activity, email_address: recipient, campaign_id: campaignId }));
    }
    return readActivity(record);
  },
};

function readActivity(record: JsonObject): NormalizedRecord {
  const kind = KINDS.get(optionalText(record.action)?.toLowerCase() ?? '') ?? 'other';
  return {
    kind,
    recipient: optionalRecipient(record.email_address),
    timestamp: optionalTime(record.timestamp, 'timestamp'),
    ip: optionalText(record.ip),
    url: kind === 'click' ? optionalText(record.url) : undefined,
    campaignId: optionalText(record.campaign_id),
  };
}
