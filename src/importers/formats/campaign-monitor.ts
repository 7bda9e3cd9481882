// Campaign Monitor API: GET campaigns/{id}/opens.json and clicks.json answer `{Results: [{EmailAddress, ListID,
// Date (account time, minute resolution), IPAddress, Latitude, Longitude, City, …, URL (clicks)}], ResultsOrderedBy,
// PageNumber, PageSize, RecordsOnThisPage, TotalNumberOfRecords, NumberOfPages}`
// (https://www.campaignmonitor.com/api/v3-3/campaigns/#campaign-opens). Opens and clicks share one shape; a click
// names its URL. Bounces (`BounceType`) and unsubscribes come in the same shape from their own endpoints.
import { optionalRecipient, optionalText, optionalTime } from '../record-fields';
import type { JsonObject, JsonRecordFormat, NormalizedRecord } from '../types';

export const campaignMonitor: JsonRecordFormat = {
  name: 'campaign-monitor',
  title: 'Campaign Monitor opens/clicks',
  recognize(record: JsonObject): number {
    if ('EmailAddress' in record && 'ListID' in record && 'Date' in record) return 1;
    return 0;
  },
  read(record: JsonObject): NormalizedRecord {
    const url = optionalText(record.URL);
    const other = 'BounceType' in record || 'Reason' in record;
    const kind = other ? 'other' : url !== undefined ? 'click' : 'open';
    return {
      kind,
      recipient: optionalRecipient(record.EmailAddress),
      timestamp: optionalTime(record.Date, 'Date'),
      ip: kind === 'other' ? undefined : optionalText(record.IPAddress),
      url: kind === 'click' ? url : undefined,
    };
  },
};
