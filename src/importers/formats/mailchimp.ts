// Mailchimp Marketing API email activity (GET /reports/{campaign_id}/email-activity):
// `{emails: [{email_address, activity: [{action, timestamp, url, ip}]}]}`
// (https://mailchimp.com/developer/marketing/api/email-activity-reports/). Each activity is one record; the
// record index counts activities across all emails in order.
import { isObject, optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord, RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = { open: 'open', click: 'click' };

export const mailchimp: JsonRecordFormat = {
  name: 'mailchimp',
  title: 'Mailchimp email activity',
  recognize(record: JsonObject): number {
    if ('email_address' in record && Array.isArray(record.activity)) return 1;
    if ('email_address' in record && typeof record.action === 'string') return 1;
    return 0;
  },
  expand(element: JsonObject): unknown[] {
    if (!Array.isArray(element.activity)) return [element];
    const recipient = element.email_address;
    const campaignId = element.campaign_id;
    return element.activity.map((activity) =>
      isObject(activity) ? { ...activity, email_address: recipient, campaign_id: campaignId } : activity,
    );
  },
  read(record: JsonObject): NormalizedRecord {
    const kind = KINDS[optionalText(record.action)?.toLowerCase() ?? ''] ?? 'other';
    return {
      kind,
      recipient: optionalRecipient(record.email_address),
      timestamp: optionalTime(record.timestamp, 'timestamp'),
      ip: optionalText(record.ip),
      url: kind === 'click' ? optionalText(record.url) : undefined,
      campaignId: optionalText(record.campaign_id),
    };
  },
};
