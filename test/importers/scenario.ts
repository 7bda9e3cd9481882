// Facts of the one scenario that test/fixtures/exports/make-fixtures.py renders in every export format, and an
// independent way to list a fixture's raw records (plain JSON.parse / papaparse), to check `sourceIndex`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

export const EXPORTS_DIR = join(__dirname, '..', 'fixtures', 'exports');
export const SENT_AT = Date.UTC(2025, 1, 13, 17, 0, 0);

export function readFixture(name: string): string {
  return readFileSync(join(EXPORTS_DIR, name), 'utf8');
}

export const LINK_COUNT = 5;
export const SCANNER_IPS = { alice: '40.94.12.7', bob: '148.163.130.5', ivan: '209.222.82.10' };
/** Opens and clicks that are readable (the bad record excluded), per recipient. */
export const ENGAGEMENT = {
  'alice@contoso.com': { opens: 2, clicks: 6 },
  'bob@fabrikam.com': { opens: 0, clicks: 5 },
  'ivan@northwind.example': { opens: 0, clicks: 3 },
  'carol@icloud.com': { opens: 1, clicks: 0 },
  'dave@gmail.com': { opens: 1, clicks: 1 },
  'erin@example.org': { opens: 1, clicks: 1 },
  'grace@tailspin.example': { opens: 1, clicks: 0 },
} as const;
export const DELIVERED_RECIPIENTS = 8; // nine recipients, henry bounced

export interface FixtureCase {
  file: string;
  format: string;
  recordFormat?: string;
  records: number;
  /** Which optional event fields the format carries. */
  carries: { ip: boolean; userAgent: boolean; deliveries: boolean; sentAt: boolean };
  /** Bot hint expected on carol's Apple MPP open, when the source gives one. */
  mppHint?: string;
  badRecord: { index: number; line: number; field: string };
}

export const FIXTURES: FixtureCase[] = [
  { file: 'sendgrid-webhook.json', format: 'sendgrid-webhook', records: 41, carries: { ip: true, userAgent: true, deliveries: true, sentAt: true }, mppHint: 'sg_machine_open', badRecord: { index: 33, line: 430, field: 'timestamp' } },
  { file: 'sendgrid-webhook.ndjson', format: 'ndjson', recordFormat: 'sendgrid-webhook', records: 41, carries: { ip: true, userAgent: true, deliveries: true, sentAt: true }, mppHint: 'sg_machine_open', badRecord: { index: 33, line: 34, field: 'timestamp' } },
  { file: 'sendgrid-activity.csv', format: 'sendgrid-csv', records: 41, carries: { ip: false, userAgent: true, deliveries: true, sentAt: true }, badRecord: { index: 33, line: 35, field: 'processed' } },
  { file: 'mailgun-events.json', format: 'mailgun', records: 41, carries: { ip: true, userAgent: true, deliveries: true, sentAt: true }, mppHint: 'mailgun-bot:apple', badRecord: { index: 33, line: 792, field: 'timestamp' } },
  { file: 'postmark-webhooks.json', format: 'postmark', records: 32, carries: { ip: true, userAgent: true, deliveries: true, sentAt: false }, badRecord: { index: 24, line: 520, field: 'ReceivedAt' } },
  { file: 'mailchimp-email-activity.json', format: 'mailchimp', records: 9, carries: { ip: true, userAgent: false, deliveries: false, sentAt: false }, badRecord: { index: 5, line: 151, field: 'timestamp' } },
  { file: 'brevo-webhooks.json', format: 'brevo', records: 41, carries: { ip: false, userAgent: true, deliveries: true, sentAt: true }, mppHint: 'brevo-proxy-open', badRecord: { index: 33, line: 507, field: 'ts_epoch' } },
  { file: 'mailjet-events.json', format: 'mailjet', records: 32, carries: { ip: true, userAgent: true, deliveries: true, sentAt: false }, badRecord: { index: 24, line: 352, field: 'time' } },
  { file: 'ses-sns-events.json', format: 'ses', records: 41, carries: { ip: true, userAgent: true, deliveries: true, sentAt: true }, badRecord: { index: 33, line: 299, field: 'open.timestamp' } },
  { file: 'iterable-events.ndjson', format: 'ndjson', recordFormat: 'iterable', records: 33, carries: { ip: true, userAgent: true, deliveries: false, sentAt: true }, badRecord: { index: 25, line: 26, field: 'createdAt' } },
  { file: 'hubspot-events.json', format: 'hubspot', records: 41, carries: { ip: false, userAgent: true, deliveries: true, sentAt: true }, badRecord: { index: 33, line: 600, field: 'created' } },
  { file: 'generic-activity.csv', format: 'csv', records: 41, carries: { ip: true, userAgent: true, deliveries: true, sentAt: true }, badRecord: { index: 33, line: 35, field: 'Date' } },
];

/** The fixture's records in file order, read without the importers: what `sourceIndex` must point at. */
export function rawRecords(file: string): Array<Record<string, unknown>> {
  const text = readFixture(file);
  if (file.endsWith('.csv')) {
    return Papa.parse<Record<string, unknown>>(text, { header: true, skipEmptyLines: true }).data;
  }
  if (file.endsWith('.ndjson')) {
    return text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  const root = JSON.parse(text) as unknown;
  if (Array.isArray(root)) return root as Array<Record<string, unknown>>;
  const envelope = root as Record<string, unknown>;
  // Mailchimp's records list is `emails`: one record per email, its activities inside it (conventions §2).
  for (const key of ['emails', 'items', 'events', 'Opens', 'Clicks', 'Records']) {
    if (Array.isArray(envelope[key])) return envelope[key] as Array<Record<string, unknown>>;
  }
  return [envelope];
}

/** The recipient a raw record names, in whichever field its format uses. */
export function rawRecipient(record: Record<string, unknown>): string | undefined {
  if (typeof record.Message === 'string') {
    const inner = JSON.parse(record.Message) as { mail: { destination: string[] } };
    return inner.mail.destination[0];
  }
  for (const key of ['email', 'recipient', 'Recipient', 'email_address', 'Email Address']) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}
