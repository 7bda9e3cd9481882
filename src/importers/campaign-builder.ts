// Collects normalised records into a `Campaign`: opens/clicks become events (with the record's index),
// delivered records become per-recipient deliveries, send records give the send time; the rest is counted.
import { mailHostOfExchange, recipientDomain } from '../shared/mail-host';
import { EVENT_FIELD_LIMITS } from '../shared/messages';
import type { Campaign, Delivery, EngagementEvent, MailHost } from '../shared/types';
import { EventColumnsBuilder } from './event-columns';
import { extractIp, normalizeRecipient } from './record-fields';
import type { ImportError, NormalizedRecord } from './types';

/** Keep the first problems only: a broken 500k-row file should not produce a 500k-line report. */
export const MAX_REPORTED_ERRORS = 1000;

/**
 * Distinct values kept for sharing. Exports repeat a few user agents, links and bot flags over hundreds of
 * thousands of events: one shared copy per value keeps memory to the distinct values. Recipients, addresses
 * and message ids are mostly distinct per recipient, and looking each up cost more time than it saved memory
 * (profiled on a 200k-event SendGrid export), so they are not pooled.
 */
const MAX_INTERNED_VALUES = 50_000;

/**
 * A copy that no longer points into the text it was cut from (a CSV cell papaparse cut out of a batch), so the
 * batch can be freed. V8 makes a substring of 13 or more characters a "sliced string" pointing into its parent;
 * shorter ones are copies already. A JSON round trip yields one flat string of the value's own size, exact for
 * any text (lone surrogates included); the old `(' ' + value).slice(1)` left a sliced string over a fresh parent,
 * 32 bytes more per kept value (measured on 200k addresses: 88 → 56 bytes each).
 */
function detached(value: string): string {
  return value.length > 12 ? (JSON.parse(JSON.stringify(value)) as string) : value;
}

class StringPool {
  private readonly values = new Map<string, string>();

  share(value: string): string {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    const copy = detached(value);
    if (this.values.size < MAX_INTERNED_VALUES) this.values.set(copy, copy);
    return copy;
  }
}

/** Field names as a person reads them in a warning. */
const FIELD_NAMES: Record<keyof typeof EVENT_FIELD_LIMITS, string> = {
  recipient: 'the recipient',
  ip: 'the IP address',
  userAgent: 'the user agent',
  url: 'the URL',
  messageId: 'the message id',
  sourceBotHint: "the ESP's bot flag",
};

/**
 * An imported open or click. Built by a constructor rather than as `{ type, sourceIndex }` extended field by
 * field: V8 keeps an object literal's later fields in a separate property array (about 60 bytes more per event
 * on a 200k-event export), while objects made by one constructor get room for them inside the object
 * (https://v8.dev/blog/fast-properties, "in-object slack tracking"). The optional fields are only declared, so an
 * event still has exactly the fields its record gave; clones and JSON see a plain object.
 */
class ImportedEvent implements EngagementEvent {
  declare recipient?: string;
  declare timestamp?: number;
  declare ip?: string;
  declare userAgent?: string;
  declare url?: string;
  declare messageId?: string;
  declare sourceBotHint?: string;
  declare count?: number;

  constructor(
    public type: EngagementEvent['type'],
    public sourceIndex: number,
  ) {}
}

export class CampaignBuilder {
  private readonly pool = new StringPool();
  /** Set by readers whose values are substrings of a larger text (CSV cells): unpooled values are copied. */
  detachValues = false;
  /** ImportOptions.messageIds: false leaves message ids out. */
  keepMessageIds = true;
  readonly events: EngagementEvent[] = [];
  /** ImportOptions.eventColumns: events go here, as columns, instead of into `events`. */
  private columns: EventColumnsBuilder | undefined;

  /** Keep the events as columns (`Campaign.eventColumns`) instead of one object each. */
  keepEventsAsColumns(): void {
    this.columns ??= new EventColumnsBuilder();
  }
  private readonly deliveries = new Map<string, Delivery>();
  private readonly deliveredRecipients = new Set<string>();
  private earliestSend: number | undefined;
  /** Per-recipient send times the records state (Mandrill `msg.ts`, SparkPost `injection_time`, HubSpot `sentBy`). */
  private readonly sendTimes = new Map<string, number>();
  /** Campaign ids named by records; more than one means a mixed file with no single id. */
  private readonly campaignIds = new Set<string>();
  readonly errors: ImportError[] = [];
  skippedCount = 0;
  recordCount = 0;

  /** Claim the next record index (every record gets one, readable or not). */
  nextIndex(): number {
    return this.recordCount++;
  }

  addError(record: number, line: number | undefined, reason: string): void {
    this.skippedCount++;
    if (this.errors.length >= MAX_REPORTED_ERRORS) return;
    const where = line === undefined ? `record ${record}` : record < 0 ? `line ${line}` : `line ${line} (record ${record})`;
    const error: ImportError = { record, message: `${where}: ${reason}` };
    if (line !== undefined) error.line = line;
    this.errors.push(error);
  }

  /** A record that was read but changed on the way (a field cut): reported, not counted as skipped. */
  addWarning(record: number, line: number | undefined, reason: string): void {
    if (this.errors.length >= MAX_REPORTED_ERRORS) return;
    const where = line === undefined ? `record ${record}` : `line ${line} (record ${record})`;
    const error: ImportError = { record, message: `${where}: ${reason}` };
    if (line !== undefined) error.line = line;
    this.errors.push(error);
  }

  /**
   * A field value within EVENT_FIELD_LIMITS (the limits the extension's messages accept, src/shared/messages.ts):
   * one 2,000-character agent or 600-character id must not make the whole import fail. Cut with a warning.
   */
  private capped(field: keyof typeof EVENT_FIELD_LIMITS, value: string, index: number, line: number | undefined): string {
    const limit = EVENT_FIELD_LIMITS[field];
    if (value.length <= limit) return value;
    this.addWarning(index, line, `${FIELD_NAMES[field]} is ${value.length.toLocaleString('en-US')} characters long; only the first ${limit.toLocaleString('en-US')} were kept`);
    return value.slice(0, limit);
  }

  /** A field value as the event keeps it: capped, and detached from the text it was cut from. */
  private kept(field: keyof typeof EVENT_FIELD_LIMITS, value: string, index: number, line: number | undefined): string {
    const capped = this.capped(field, value, index, line);
    return this.detachValues ? detached(capped) : capped;
  }

  /** A field value whose few distinct values repeat over many events: capped, one shared copy per value. */
  private shared(field: keyof typeof EVENT_FIELD_LIMITS, value: string, index: number, line: number | undefined): string {
    return this.pool.share(this.capped(field, value, index, line));
  }

  /** A problem with the whole file (not one record). */
  addFileError(reason: string, line?: number): void {
    const error: ImportError = { record: -1, message: reason };
    if (line !== undefined) error.line = line;
    this.errors.push(error);
  }

  addRecord(index: number, record: NormalizedRecord, line?: number): void {
    if (record.campaignId !== undefined && this.campaignIds.size < 2) this.campaignIds.add(record.campaignId);
    // Only engaged recipients' send times stand in for deliveries: one who opened was delivered, while a send
    // time on a bounce is no delivery at all.
    const engaged = record.kind === 'open' || record.kind === 'click';
    if (record.sentAt !== undefined && record.recipient !== undefined && engaged) this.noteSendTime(record.recipient, record.sentAt);
    else if (record.sentAt !== undefined) this.noteEarliestSend(record.sentAt);
    if (record.kind === 'open' || record.kind === 'click') {
      const named = record.recipient === undefined ? undefined : normalizeRecipient(record.recipient);
      const recipient = named === undefined ? undefined : this.kept('recipient', named, index, line);
      const address = record.ip === undefined ? undefined : extractIp(record.ip);
      const ip = address === undefined ? undefined : this.kept('ip', address, index, line);
      const userAgent = record.userAgent === undefined ? undefined : this.shared('userAgent', record.userAgent, index, line);
      const url = record.url === undefined ? undefined : this.shared('url', record.url, index, line);
      const messageId = record.messageId === undefined || !this.keepMessageIds ? undefined : this.kept('messageId', record.messageId, index, line);
      const hint = record.sourceBotHint === undefined ? undefined : this.shared('sourceBotHint', record.sourceBotHint, index, line);
      if (this.columns !== undefined) {
        this.columns.push(record.kind, index, recipient, record.timestamp, ip, userAgent, url, messageId, hint, record.count);
        return;
      }
      const event: EngagementEvent = new ImportedEvent(record.kind, index);
      if (recipient !== undefined) event.recipient = recipient;
      if (record.timestamp !== undefined) event.timestamp = record.timestamp;
      if (ip !== undefined) event.ip = ip;
      if (userAgent !== undefined) event.userAgent = userAgent;
      if (url !== undefined) event.url = url;
      if (messageId !== undefined) event.messageId = messageId;
      if (hint !== undefined) event.sourceBotHint = hint;
      if (record.count !== undefined) event.count = record.count;
      this.events.push(event);
      return;
    }
    if (record.kind === 'delivered') {
      for (const named of [record.recipient, ...(record.otherRecipients ?? [])]) {
        const normalized = named === undefined ? undefined : normalizeRecipient(named);
        if (normalized === undefined) continue;
        // Kept as a map key: detached like an event's recipient, or it would hold its CSV batch's text.
        const recipient = this.detachValues ? detached(normalized) : normalized;
        this.deliveredRecipients.add(recipient);
        if (record.mailExchange !== undefined) this.noteMailExchange(recipient, record.mailExchange);
        if (record.timestamp === undefined) continue;
        const known = this.deliveries.get(recipient);
        // A recipient delivered twice (a retry, a resend): the first acceptance is when scanners can start.
        if (!known || record.timestamp < known.deliveredAt) {
          const delivery: Delivery = { recipient, deliveredAt: record.timestamp };
          if (record.messageId !== undefined && this.keepMessageIds) delivery.messageId = record.messageId;
          this.deliveries.set(recipient, delivery);
        }
      }
      return;
    }
    if (record.kind === 'sent' && record.timestamp !== undefined) this.noteEarliestSend(record.timestamp);
  }

  private noteSendTime(named: string, sentAt: number): void {
    const normalized = normalizeRecipient(named);
    if (normalized === undefined) return;
    const recipient = this.detachValues ? detached(normalized) : normalized;
    const known = this.sendTimes.get(recipient);
    if (known === undefined || sentAt < known) this.sendTimes.set(recipient, sentAt);
    this.noteEarliestSend(sentAt);
  }

  private noteEarliestSend(sentAt: number): void {
    if (this.earliestSend === undefined || sentAt < this.earliestSend) this.earliestSend = sentAt;
  }

  /** Recipient domain → the mail stack its MX names; the first delivery seen for a domain decides. */
  private readonly mailHosts: Record<string, MailHost> = {};

  private noteMailExchange(recipient: string, exchange: string): void {
    const domain = recipientDomain(recipient);
    if (domain === undefined || Object.prototype.hasOwnProperty.call(this.mailHosts, domain)) return;
    this.mailHosts[domain] = mailHostOfExchange(exchange);
  }

  /**
   * `fingerprint` identifies the source when no campaign id does (a hash of the file's start and its length),
   * so re-importing the same file gives the same key.
   */
  build(options: { sentAt?: number; esp?: string; fingerprint?: string }): Campaign {
    const campaign: Campaign = { events: this.events };
    if (this.columns !== undefined) campaign.eventColumns = this.columns.build();
    if (options.esp) campaign.esp = options.esp;
    const [onlyCampaignId] = this.campaignIds.size === 1 ? [...this.campaignIds] : [];
    const key = onlyCampaignId ?? options.fingerprint;
    if (key !== undefined) campaign.id = `${options.esp ?? 'export'}:${key}`;
    const sentAt = options.sentAt ?? this.earliestSend;
    if (sentAt !== undefined) campaign.sentAt = sentAt;
    if (this.deliveredRecipients.size > 0) {
      campaign.deliveredCount = this.deliveredRecipients.size;
      // An engaged recipient with a stated send time but no delivered record is timed from its own send
      // (conventions §1: delivery falls back to the send time). Only beside a delivered count: deliveries alone
      // would become the rates' denominator, and engaged-only deliveries would make every rate 100 %.
      for (const [recipient, sentAt] of this.sendTimes) {
        if (!this.deliveries.has(recipient)) this.deliveries.set(recipient, { recipient, deliveredAt: sentAt });
      }
      campaign.deliveries = [...this.deliveries.values()];
    }
    if (Object.keys(this.mailHosts).length > 0) campaign.recipientMailHosts = { ...this.mailHosts };
    return campaign;
  }
}
