// Marketo activities, one reader for the three ways they leave Marketo:
// - REST "Get Lead Activities": `{result: [{id, marketoGUID, leadId, activityDate, activityTypeId,
//   primaryAttributeValue, attributes: [{name: "User Agent"|"Link"|…, value}]}], nextPageToken}`
//   (https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/lead-database/activities);
// - the Bulk Activity Extract CSV: `marketoGUID,leadId,activityDate,activityTypeId,campaignId,
//   primaryAttributeValueId,primaryAttributeValue,attributes` where `attributes` is a JSON object
//   (https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/bulk-extract/bulk-activity-extract);
// - warehouse syncs of the same activities in snake case (`activity_date, activity_type_id, lead_id, user_agent,
//   link`, as Fivetran's Marketo connector writes them).
// Activity type ids 6 (Send Email), 7 (Email Delivered), 10 (Open Email) and 11 (Click Email) are Marketo's
// standard types (GET /rest/v1/activities/types.json). A lead is known by its id in these exports, not its address.
import { isObject, optionalText, optionalTime } from '../record-fields';
import { RecordProblem, type JsonObject, type JsonRecordFormat, type NormalizedRecord, type RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = { '6': 'sent', '7': 'delivered', '10': 'open', '11': 'click' };

/** `activityTypeId`, `activity_type_id`, `Activity Type ID` → `activitytypeid`. */
function squash(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The record's fields and its activity attributes under squashed names (`useragent`, `link`, `leadid`). */
function fieldsOf(record: JsonObject): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) fields.set(squash(key), value);
  let attributes = fields.get('attributes');
  if (typeof attributes === 'string' && attributes.trim().startsWith('{')) {
    try {
      attributes = JSON.parse(attributes) as unknown;
    } catch {
      throw new RecordProblem('the attributes cell is not valid JSON');
    }
  }
  const add = (name: unknown, value: unknown): void => {
    if (typeof name === 'string' && !fields.has(squash(name))) fields.set(squash(name), value);
  };
  if (Array.isArray(attributes)) for (const item of attributes) if (isObject(item)) add(item.name, item.value);
  if (isObject(attributes)) for (const [name, value] of Object.entries(attributes)) add(name, value);
  return fields;
}

/** Whether a header row (or a record's keys) is a Marketo activity: a lead id, an activity date and type. */
export function isMarketoActivity(keys: readonly string[]): boolean {
  const squashed = new Set(keys.map(squash));
  return squashed.has('leadid') && squashed.has('activitydate') && squashed.has('activitytypeid');
}

export const marketo: JsonRecordFormat = {
  name: 'marketo',
  title: 'Marketo activities',
  recognize(record: JsonObject): number {
    return isMarketoActivity(Object.keys(record)) ? 1 : 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const fields = fieldsOf(record);
    const type = optionalText(fields.get('activitytypeid'));
    const kind = (type !== undefined ? KINDS[type] : undefined) ?? 'other';
    const engagement = kind === 'open' || kind === 'click';
    const lead = optionalText(fields.get('email') ?? fields.get('leadid'));
    return {
      kind,
      recipient: lead?.toLowerCase(),
      timestamp: optionalTime(fields.get('activitydate'), 'activityDate'),
      userAgent: engagement ? optionalText(fields.get('useragent')) : undefined,
      url: kind === 'click' ? optionalText(fields.get('link')) : undefined,
      campaignId: optionalText(fields.get('campaignrunid') ?? fields.get('campaignid')),
    };
  },
};
