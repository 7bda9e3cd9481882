// Klaviyo events API (GET /api/events, JSON:API): `{data: [{type: "event", id, attributes: {timestamp (Unix s),
// datetime, event_properties, uuid}, relationships: {metric: {data: {type, id}}, profile: {data: {type, id}}}}],
// included: [{type: "metric", id, attributes: {name}}, {type: "profile", id, attributes: {email}}]}`
// (https://developers.klaviyo.com/en/reference/get_events). The metric ("Opened Email", "Clicked Email",
// "Received Email") is the event type; it and the profile's address sit in `included` when the export asked for
// `include=metric,profile`; the document reader copies them into each event's relationship (json-api.ts).
// The legacy v1 timeline (`{object: "event", event_name, person{$email}, event_properties}`) is read too.
import { firstPresent, isObject, optionalRecipient, optionalText, optionalTime, pick } from '../record-fields';
import { RecordProblem, type JsonObject, type JsonRecordFormat, type NormalizedRecord, type RecordKind } from '../types';

const KINDS: Record<string, RecordKind> = {
  'opened email': 'open',
  'clicked email': 'click',
  'received email': 'delivered',
};

function metricName(record: JsonObject): string | undefined {
  return optionalText(
    pick(record, ['relationships', 'metric', 'data', 'attributes', 'name']) ??
      pick(record, ['attributes', 'metric', 'name']) ??
      firstPresent(record, ['event_name', 'metric_name']),
  );
}

export const klaviyo: JsonRecordFormat = {
  name: 'klaviyo',
  title: 'Klaviyo events',
  recognize(record: JsonObject): number {
    if (record.type === 'event' && isObject(record.attributes) && ('event_properties' in record.attributes || 'datetime' in record.attributes)) return 1;
    if (record.object === 'event' && 'event_name' in record) return 1;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const attributes = isObject(record.attributes) ? record.attributes : record;
    const properties = isObject(attributes.event_properties) ? attributes.event_properties : {};
    const url = optionalText(firstPresent(properties, ['URL', 'url', '$url']));
    const metric = metricName(record);
    let kind: RecordKind;
    if (metric !== undefined) kind = KINDS[metric.toLowerCase()] ?? 'other';
    else if (url !== undefined) kind = 'click';
    else throw new RecordProblem("the event's metric is not in the file (export the events with include=metric)");
    const linked = pick(record, ['relationships', 'profile', 'data']);
    const profile = isObject(linked) ? linked : {};
    const recipient =
      pick(profile, ['attributes', 'email']) ??
      pick(record, ['person', '$email']) ??
      pick(record, ['person', 'email']) ??
      pick(profile, ['id']);
    return {
      kind,
      recipient: optionalRecipient(recipient),
      timestamp:
        attributes.datetime !== undefined && attributes.datetime !== null
          ? optionalTime(attributes.datetime, 'datetime')
          : optionalTime(attributes.timestamp, 'timestamp', 'seconds'),
      url: kind === 'click' ? url : undefined,
      messageId: optionalText(firstPresent(properties, ['$event_id', '$message_interaction'])),
      campaignId: optionalText(properties.$message),
    };
  },
};
