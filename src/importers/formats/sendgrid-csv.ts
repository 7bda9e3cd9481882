// SendGrid Email Activity CSV export: the header begins `processed,message_id,event,…` and names its columns
// exactly (https://www.twilio.com/docs/sendgrid/ui/analytics-and-reporting/email-activity-feed). `processed`
// is the event's time in this export. `originating_ip`/`outbound_ip` are the sender's and SendGrid's
// addresses, never the reader's, so no column becomes the event IP.
import type { ColumnField, ColumnMap } from '../../shared/columns';

export const SENDGRID_CSV_HEADER_START = /^\s*"?processed"?\s*,\s*"?message_id"?\s*,\s*"?event"?\s*(,|$)/i;

const SENDGRID_COLUMNS: Partial<Record<ColumnField, string>> = {
  timestamp: 'processed',
  messageId: 'message_id',
  eventType: 'event',
  recipient: 'email',
  url: 'url',
  userAgent: 'user_agent',
  mailExchange: 'mx',
};

/** The column map of a SendGrid activity header row (fields it does not have stay unmapped). */
export function sendgridCsvColumns(row: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  const normalized = row.map((cell) => String(cell).trim().toLowerCase());
  for (const [field, name] of Object.entries(SENDGRID_COLUMNS) as Array<[ColumnField, string]>) {
    const index = normalized.indexOf(name);
    if (index >= 0) map[field] = { index, header: row[index] ?? name, confidence: 1 };
  }
  return map;
}
