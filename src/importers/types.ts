// Types shared by the export importers. An importer turns one export file into the shared `Campaign`
// (src/shared/types.ts) plus a list of the records it had to skip and why.
import type { Campaign } from '../shared/types';

/** A record that could not be read. `record` is its 0-based index (-1 for a problem with the whole file). */
export interface ImportError {
  record: number;
  /** 1-based line in the file where the record starts, when the container has lines (CSV, NDJSON, JSON). */
  line?: number;
  /** A sentence a person can act on, starting with where: "line 12: timestamp 'abc' is not a date". */
  message: string;
}

export interface ImportResult {
  /** Format name as accepted by `--format` (`sendgrid-webhook`, `csv`, `ndjson`, …). */
  format: string;
  /** For NDJSON (and JSON when forced): the format of the records inside, e.g. `sendgrid-webhook`. */
  recordFormat?: string;
  campaign: Campaign;
  /** The first MAX_REPORTED_ERRORS problems; `skippedCount` counts them all. */
  errors: ImportError[];
  /** Records seen, readable or not (the `index` space of the CLI output). */
  recordCount: number;
  /** Records skipped because they could not be read. */
  skippedCount: number;
  /**
   * Why the file could not be read as text at all, continuing its name: "is a ZIP archive or an Excel/OpenDocument
   * workbook; …". Set by `importBytes` only; then there are no records.
   */
  unreadable?: string;
  /** The text encoding the bytes were read in (`importBytes` only). */
  encoding?: string;
}

export interface ImportOptions {
  /** Force a format (one of `listFormats()`); default: detect. */
  format?: string;
  /** Campaign send time, ms UTC (the delivery fallback when the file has no delivered events). */
  sentAt?: number;
  /** File name: a hint for detection (`.csv`, `.ndjson`) and for the event type of type-less CSVs (`opens.csv`). */
  fileName?: string;
  /** IANA zone or ±hh:mm for zone-less times in the file (default UTC). */
  timeZone?: string;
  /**
   * false: leave message ids out of events and deliveries. For callers that never read them (the classifier
   * does not; the command line prints none): an id is ~40–60 bytes on each of hundreds of thousands of events.
   * Default true (the extension's report export lists them).
   */
  messageIds?: boolean;
  /**
   * true: give the opens and clicks as columns (`campaign.eventColumns`, `campaign.events` left empty) instead of
   * one object each. For callers that hand them straight to the classifier (the command line): less memory and
   * far less garbage-collector work on big exports. Default false.
   */
  eventColumns?: boolean;
}

/** What one source record says, before it becomes an event, a delivery or nothing. */
export type RecordKind = 'open' | 'click' | 'delivered' | 'sent' | 'other';

export interface NormalizedRecord {
  kind: RecordKind;
  /** Lower-cased email address or recipient id. */
  recipient?: string;
  /** More recipients of one delivery record (SES lists every recipient of the message). */
  otherRecipients?: string[];
  timestamp?: number;
  ip?: string;
  userAgent?: string;
  url?: string;
  messageId?: string;
  sourceBotHint?: string;
  /** Recipient-level tables: how many opens/clicks this row stands for. */
  count?: number;
  /**
   * The MX host the ESP handed a delivered message to (Mailgun `delivery-status.mx-host`, SendGrid activity
   * `mx`): the recipient domain's mail stack, told by the export itself.
   */
  mailExchange?: string;
  /** The ESP's campaign id when the record names one (part of the campaign's stable key). */
  campaignId?: string;
  /**
   * When this recipient's message was sent, as the record itself says (Mandrill `msg.ts`, SparkPost
   * `injection_time`, HubSpot `sentBy.created`): the recipient's delivery time when no delivered record names one.
   */
  sentAt?: number;
}

/** A record this reader cannot use; the message says why ("timestamp 'abc' is not a date"). */
export class RecordProblem extends Error {}

export type JsonObject = Record<string, unknown>;

/** One JSON export format (webhook payload, API response element). */
export interface JsonRecordFormat {
  name: string;
  /** Human name for messages. */
  title: string;
  /** 0 = not this format … 1 = surely this format. Never throws. */
  recognize(record: JsonObject): number;
  /** Envelope elements that hold several records (Mailchimp `emails[].activity[]`). */
  expand?(element: JsonObject): unknown[];
  /** Throws RecordProblem for a record it cannot use. */
  read(record: JsonObject): NormalizedRecord | NormalizedRecord[];
}

/**
 * Envelope keys whose array holds the records (Mailgun `items`, Postmark `Opens`/`Clicks`, SparkPost `results`,
 * Campaign Monitor `Results`, Marketo `result`, JSON:API `data` as Klaviyo's events API, …).
 */
export const RECORD_ARRAY_KEYS = ['items', 'Opens', 'Clicks', 'emails', 'events', 'Records', 'results', 'Results', 'result', 'data'] as const;
