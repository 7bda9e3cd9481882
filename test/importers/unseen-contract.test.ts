// Every hand-written export in test/fixtures/exports/unseen/ against the CLI contract (conventions §2):
// each readable file yields open/click events whose indexes are record positions, and each unusable file is
// refused with a reason. The expected record counts were counted by hand from the files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importText } from '../../src/importers/index';

const UNSEEN = join(__dirname, '..', 'fixtures', 'exports', 'unseen');

/** Files a person could not audit: each must fail with a message, never with events. */
const UNUSABLE = new Set(['empty.json', 'garbage.bin', 'generic-unrecognised.csv', 'not-export.json', 'whitespace.csv']);

/** Records per file (top-level elements, envelope items, CSV data rows, NDJSON values), counted by hand. */
const RECORDS: Record<string, number> = {
  'brevo-api-events.json': 5,
  'brevo-logs-export.csv': 7,
  'brevo-webhooks.json': 6,
  'campaign-monitor-opens.csv': 3,
  'constant-contact-clicks.csv': 3,
  'generic-iso-offset.csv': 4,
  'generic-semicolon-eu.csv': 6,
  'generic-tab-us.tsv': 6,
  'generic-unix-ms.csv': 4,
  'generic-unix-s.csv': 5,
  'generic-wording.csv': 8,
  'hubspot-events.json': 6,
  'iterable-events.ndjson': 6,
  'klaviyo-events.csv': 4,
  'mailchimp-email-activity.json': 4,
  'mailgun-events.json': 10,
  'mailgun-logs-api.json': 10,
  'mailjet-events.json': 6,
  'mixed.ndjson': 9,
  'postmark-clicks-api.json': 2,
  'postmark-open-webhook.json': 1,
  'postmark-opens-api.json': 3,
  'postmark-webhooks-array.json': 6,
  'sendgrid-activity.csv': 7,
  'sendgrid-jq-pretty.json': 12,
  'sendgrid-webhook-batches.ndjson': 12,
  'sendgrid-webhook.json': 12,
  'ses-events.json': 8,
  'ses-firehose.ndjson': 4,
};

const files = readdirSync(UNSEEN).sort();

describe('unseen exports: the CLI contract', () => {
  it.each(files.filter((file) => !UNUSABLE.has(file)))('%s', (file) => {
    const result = importText(readFileSync(join(UNSEEN, file), 'utf8'), { fileName: file });
    const events = result.campaign.events;
    expect(events.length).toBeGreaterThan(0);
    if (RECORDS[file] !== undefined) expect(result.recordCount).toBe(RECORDS[file]);
    for (const event of events) {
      expect(['open', 'click']).toContain(event.type);
      expect(event.sourceIndex).toBeGreaterThanOrEqual(0);
      expect(event.sourceIndex).toBeLessThan(result.recordCount);
      expect(event.recipient).toMatch(/^[^\s<>A-Z]+@[^\s<>A-Z]+$/);
      expect(event.timestamp).toBeGreaterThan(Date.UTC(2025, 0, 1));
      expect(event.timestamp).toBeLessThan(Date.UTC(2025, 11, 31));
      if (event.ip !== undefined) expect(event.ip).toMatch(/^[\d.]+$|^[0-9a-f:]+$/i);
    }
    // Indexes follow the input order (the CLI sorts by them; equal indexes are one record's several events).
    const indexes = events.map((event) => event.sourceIndex);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it.each([...UNUSABLE])('%s is refused with a reason', (file) => {
    const result = importText(readFileSync(join(UNSEEN, file), 'latin1'), { fileName: file });
    expect(result.campaign.events).toEqual([]);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
