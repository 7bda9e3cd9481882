// Serialise a generated campaign to the export formats ESPs produce, with the documented field names
// (conventions §4), delivered events included, so importers and the whole import → classify path can be
// tested on the same ground truth. `recordTruth[k]` is the truth of record k (undefined for deliveries).
import type { GeneratedCampaign, TruthLabel } from './campaign';

export type ExportFormat = 'sendgrid-webhook' | 'mailgun' | 'postmark' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['sendgrid-webhook', 'mailgun', 'postmark', 'csv'];

export interface SerializedExport {
  format: ExportFormat;
  text: string;
  /** Per record (in file order): the event's truth and fast-responder flag; undefined for delivery records. */
  recordTruth: Array<{ truth: TruthLabel; fastHuman: boolean } | undefined>;
  recordCount: number;
}

interface Row {
  kind: 'delivered' | 'open' | 'click';
  recipient: string;
  timestamp: number;
  ip?: string;
  userAgent?: string;
  url?: string;
  messageId?: string;
  truth?: TruthLabel;
  fastHuman?: boolean;
}

/** Deliveries and events interleaved in time order, as an activity log lists them. */
function rows(generated: GeneratedCampaign): Row[] {
  const { campaign, truth, fastHuman } = generated;
  const messageIds = new Map<string, string>();
  const all: Row[] = [];
  for (const delivery of campaign.deliveries ?? []) {
    if (delivery.messageId !== undefined) messageIds.set(delivery.recipient, delivery.messageId);
    all.push({ kind: 'delivered', recipient: delivery.recipient, timestamp: delivery.deliveredAt, messageId: delivery.messageId });
  }
  campaign.events.forEach((event, i) => {
    all.push({
      kind: event.type,
      recipient: event.recipient!,
      timestamp: event.timestamp!,
      ip: event.ip,
      userAgent: event.userAgent,
      url: event.url,
      messageId: messageIds.get(event.recipient!),
      truth: truth[i],
      fastHuman: fastHuman[i],
    });
  });
  // Stable: deliveries first among equal times (they were pushed first).
  return all.map((row, k) => ({ row, k })).sort((a, b) => a.row.timestamp - b.row.timestamp || a.k - b.k).map(({ row }) => row);
}

function sendgrid(list: Row[]): string {
  return JSON.stringify(
    list.map((row, k) => {
      const record: Record<string, unknown> = {
        email: row.recipient,
        // SendGrid stamps whole Unix seconds.
        timestamp: Math.floor(row.timestamp / 1000),
        event: row.kind,
        sg_event_id: `evt-${k}`,
        sg_message_id: row.messageId,
      };
      if (row.kind !== 'delivered') {
        record.ip = row.ip;
        record.useragent = row.userAgent;
        // SendGrid flags Apple's prefetch itself.
        if (row.kind === 'open') record.sg_machine_open = row.userAgent === 'Mozilla/5.0';
      }
      if (row.kind === 'click') record.url = row.url;
      return record;
    }),
  );
}

function mailgun(list: Row[]): string {
  const items = list.map((row) => {
    const item: Record<string, unknown> = {
      event: row.kind === 'open' ? 'opened' : row.kind === 'click' ? 'clicked' : 'delivered',
      timestamp: row.timestamp / 1000,
      recipient: row.recipient,
      message: { headers: { 'message-id': row.messageId } },
    };
    if (row.kind !== 'delivered') {
      item.ip = row.ip;
      item.geolocation = { country: 'US', region: 'Unknown', city: 'Unknown' };
      item['client-info'] = {
        'client-type': row.userAgent === 'Mozilla/5.0' ? 'mobile browser' : 'browser',
        'client-os': 'unknown',
        'device-type': 'unknown',
        'client-name': 'unknown',
        'user-agent': row.userAgent,
        // Mailgun names Apple's prefetch in client-info.bot; empty otherwise.
        bot: row.userAgent === 'Mozilla/5.0' ? 'apple' : '',
      };
    }
    if (row.kind === 'click') item.url = row.url;
    return item;
  });
  return JSON.stringify({ items, paging: {} });
}

function postmark(list: Row[]): string {
  const firstOpenSeen = new Set<string>();
  return JSON.stringify(
    list.map((row) => {
      const iso = new Date(row.timestamp).toISOString();
      if (row.kind === 'delivered') {
        return { RecordType: 'Delivery', Recipient: row.recipient, DeliveredAt: iso, MessageID: row.messageId, ServerID: 1, Tag: '' };
      }
      const record: Record<string, unknown> = {
        RecordType: row.kind === 'open' ? 'Open' : 'Click',
        Recipient: row.recipient,
        ReceivedAt: iso,
        UserAgent: row.userAgent,
        Geo: { IP: row.ip, Country: 'United States' },
        MessageID: row.messageId,
      };
      if (row.kind === 'open') {
        record.FirstOpen = !firstOpenSeen.has(row.recipient);
        firstOpenSeen.add(row.recipient);
      } else record.OriginalLink = row.url;
      return record;
    }),
  );
}

function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(list: Row[]): string {
  const lines = ['Email,Event,Timestamp,IP Address,User Agent,URL'];
  for (const row of list) {
    lines.push(
      [row.recipient, row.kind, new Date(row.timestamp).toISOString(), row.ip, row.userAgent, row.url].map(csvField).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function serializeCampaign(generated: GeneratedCampaign, format: ExportFormat): SerializedExport {
  const list = rows(generated);
  const text =
    format === 'sendgrid-webhook' ? sendgrid(list) : format === 'mailgun' ? mailgun(list) : format === 'postmark' ? postmark(list) : csv(list);
  return {
    format,
    text,
    recordTruth: list.map((row) => (row.truth === undefined ? undefined : { truth: row.truth, fastHuman: row.fastHuman ?? false })),
    recordCount: list.length,
  };
}
