// The one data model every path shares: adapters (page rows) and importers (export files) both produce a
// `Campaign`; the classifier turns it into a `CampaignReport`. Nothing here may touch browser or DOM globals.

export type EventType = 'open' | 'click';

export const LABELS = ['human', 'scanner', 'proxy', 'suspect'] as const;
export type Label = (typeof LABELS)[number];

/** One open or click of one recipient, with whatever the source shows. Missing fields stay undefined. */
export interface EngagementEvent {
  type: EventType;
  /** Position of the record in its source (export record index or page row index), counting every record. */
  sourceIndex: number;
  /** Email address or the ESP's recipient id, lower-cased by the reader. */
  recipient?: string;
  /** Milliseconds since the Unix epoch, UTC. */
  timestamp?: number;
  ip?: string;
  userAgent?: string;
  url?: string;
  messageId?: string;
  /**
   * The ESP's own machine/bot verdict when the source carries one (SendGrid `sg_machine_open`,
   * Mailgun `client-info.bot`, HubSpot `filteredEvent`). A hint, not a verdict.
   */
  sourceBotHint?: string;
  /** For recipient-level tables that show counts instead of events: how many opens/clicks this row stands for. */
  count?: number;
}

/**
 * Opens and clicks as one typed array or list per field, row i of every column being one event: the fields of
 * `EngagementEvent` without an object per event (a 2M-event export then holds a few columns, not 2M objects with
 * their boxed times, which the garbage collector would copy and trace again and again).
 */
export interface EventColumns {
  length: number;
  /** 1 for a click, 0 for an open. */
  click: Uint8Array;
  sourceIndex: Float64Array;
  /** Milliseconds since the Unix epoch, UTC; NaN when the record had none. */
  timestamp: Float64Array;
  /** NaN when the record had none (one engagement). */
  count: Float64Array;
  /** Each text column is left out (undefined) when no event has that field: no list of nothing per event. */
  recipient?: Array<string | undefined>;
  ip?: Array<string | undefined>;
  userAgent?: Array<string | undefined>;
  url?: Array<string | undefined>;
  messageId?: Array<string | undefined>;
  sourceBotHint?: Array<string | undefined>;
}

/** When the receiving server accepted the message for one recipient. */
export interface Delivery {
  recipient: string;
  /** Milliseconds since the Unix epoch, UTC. */
  deliveredAt: number;
  messageId?: string;
}

/** One row of an aggregate click table (Mailchimp click performance: URL, total, unique). */
export interface LinkStat {
  url: string;
  totalClicks: number;
  uniqueClicks?: number;
}

/** What kind of mail stack a recipient's domain uses, from its MX (opt-in lookup). */
export type MailHost =
  | 'microsoft365'
  | 'google'
  | 'proofpoint'
  | 'mimecast'
  | 'barracuda'
  | 'cisco'
  | 'messagelabs'
  | 'trendmicro'
  | 'other';

export interface Campaign {
  /** Stable key: ESP + campaign id when known, else a hash of the source. */
  id?: string;
  name?: string;
  esp?: string;
  /** The ESP account or sub-account the page or export belongs to (for grouping history by client). */
  account?: string;
  /** Campaign send time, ms UTC; the delivery fallback when per-recipient delivery is unknown. */
  sentAt?: number;
  /** Delivered recipients (denominator of rates). When absent the classifier uses the recipients it saw. */
  deliveredCount?: number;
  deliveries?: Delivery[];
  events: EngagementEvent[];
  /**
   * More events, held as columns instead of objects: what an importer gives when asked to
   * (`ImportOptions.eventColumns`). The classifier reads `events` and then these, so a campaign may carry either.
   */
  eventColumns?: EventColumns;
  /** The message's links when known (for the all-links signal). */
  links?: string[];
  /** Aggregate click table rows, for the link-floor estimate. */
  linkStats?: LinkStat[];
  /** recipient domain → mail host, when the user opted in to the MX lookup. */
  recipientMailHosts?: Record<string, MailHost>;
  /** The ESP's own counters as the page or export states them ("Opened 61", "Recipients 38"). */
  espTotals?: EspTotals;
}

/** Totals the ESP itself reports, shown as "reported by the ESP" beside ours; never recomputed from rows. */
export interface EspTotals {
  recipients?: number;
  delivered?: number;
  opens?: number;
  uniqueOpens?: number;
  clicks?: number;
  uniqueClicks?: number;
}

// ---- IP ownership (implemented by src/ranges; the classifier only sees this interface) ----

export type RangeKind = 'scanner' | 'mail-proxy' | 'web-gateway' | 'cloud';

export interface RangeMatch {
  /** Stable vendor id, kebab-case: `microsoft`, `proofpoint`, `apple-icloud`, `google`, … */
  vendor: string;
  kind: RangeKind;
  /** Optional finer tag, e.g. `safe-links`, `image-proxy`. */
  tag?: string;
}

export interface RangeLookup {
  /** Who owns this address; undefined for unknown or unparsable input. Never throws. */
  lookup(ip: string): RangeMatch | undefined;
}

// ---- Classifier settings and output ----

export interface ClassifierSettings {
  /** Strict: qualified numbers drop `suspect` too. */
  strict: boolean;
  /** URL substrings or /regex/ patterns of hidden honeypot links; a hit marks the recipient's burst scanner. */
  honeypotPatterns: string[];
  /** Score at or above which an event is a machine (scanner/proxy). */
  machineThreshold: number;
  /** Score at or above which a human event is flagged `suspect`. */
  suspectThreshold: number;
  /**
   * `learned`: the burst window is estimated from each campaign's own clicks (src/classifier/learned-windows.ts);
   * `fixed`: `burstWindowSeconds` is used as is, whatever the campaign shows (2 s included).
   */
  burstWindowMode: BurstWindowMode;
  /** Seconds within which distinct links of one recipient form a burst, when `burstWindowMode` is `fixed`. */
  burstWindowSeconds: number;
}

export const BURST_WINDOW_MODES = ['learned', 'fixed'] as const;
export type BurstWindowMode = (typeof BURST_WINDOW_MODES)[number];

export const DEFAULT_CLASSIFIER_SETTINGS: ClassifierSettings = {
  strict: false,
  honeypotPatterns: [],
  machineThreshold: 0.6,
  suspectThreshold: 0.35,
  burstWindowMode: 'learned',
  burstWindowSeconds: 2,
};

export interface EventVerdict {
  /** Same as the event's sourceIndex. */
  sourceIndex: number;
  type: EventType;
  recipient?: string;
  label: Label;
  /** 0 = surely a person, 1 = surely a machine. */
  score: number;
  /** Stable kebab-case reason codes (see classifier/reasons.ts). */
  reasons: string[];
  /** Scanner/proxy vendor when known (from the IP index or the user agent). */
  vendor?: string;
  /**
   * The ESP's own machine/bot flag on this event (the event's `sourceBotHint`) and whether our label agrees
   * (machine label ↔ flag present): a second opinion shown beside the row.
   */
  espFlag?: { flag: string; agrees: boolean };
  /** True when the event carried nothing to judge (no time, address or agent): the label is a default, not a verdict. */
  unjudged?: boolean;
}

export interface RateSet {
  uniqueOpens: number;
  uniqueClicks: number;
  /** Fractions 0..1 over delivered recipients; undefined when nothing says how many were delivered. */
  openRate?: number;
  clickRate?: number;
  /** unique clickers / unique openers. */
  clickToOpenRate?: number;
}

export interface LinkReport {
  url: string;
  rawClicks: number;
  qualifiedClicks: number;
  rawUniqueClicks: number;
  qualifiedUniqueClicks: number;
  /** True when the number comes from the link-floor estimate instead of per-event labels. */
  estimated?: boolean;
  /** utility link (privacy, unsubscribe, social, view in browser…) */
  utility?: boolean;
}

export interface CampaignSummary {
  delivered?: number;
  totalEvents: number;
  raw: RateSet;
  qualified: RateSet;
  byLabel: Record<Label, number>;
  byReason: Record<string, number>;
  byVendor: Record<string, number>;
  /** Distinct recipients per mail host, when the user opted in to the MX lookup (added by the worker). */
  byMailHost?: Partial<Record<MailHost, number>>;
  links: LinkReport[];
  /** Aggregate link tables: the estimate and its basis in plain words. */
  linkFloor?: { scannerShare: number; basis: string };
  /** Unsubscribe-link clicks labelled scanner (a warning when > 0). */
  scannerUnsubscribes: number;
  /** Seconds after delivery per event, for the timing histogram: [seconds, label]. */
  timing: Array<[number, Label]>;
  /** What was missing and how it lowered confidence, in plain words. */
  notes: string[];
  /** Plausible range of the qualified (people) numbers from the per-event probabilities. */
  qualifiedRanges?: QualifiedRanges;
  /** Windows the classifier learned from this campaign's own events. */
  learned?: LearnedWindows;
  /** The ESP's own counters, copied from the campaign (never recomputed). */
  espTotals?: EspTotals;
}

/** An interval [low, high] at `level` (e.g. 0.95) for each qualified figure; rates are fractions 0..1. */
export interface QualifiedRanges {
  level: number;
  uniqueOpens?: [number, number];
  uniqueClicks?: [number, number];
  openRate?: [number, number];
  clickRate?: [number, number];
}

/** What the classifier estimated from the campaign itself ("machine bursts: links ≤ 6 s apart, 20 s–4 min after delivery"). */
export interface LearnedWindows {
  /** Seconds within which one recipient's distinct links form a machine burst. */
  burstWindowSeconds: number;
  /** `learned` from this campaign, `setting` when the user's fixed window overrides, `default` when too few events. */
  burstWindowSource: 'learned' | 'setting' | 'default';
  /** Seconds after delivery in which machine fetches cluster, when learned. */
  machineBand?: { fromSeconds: number; toSeconds: number };
  /** Plain words on what the estimate rests on ("from 412 gaps between one recipient's clicks"). */
  basis: string;
}

/** One recipient's engagement, raw and qualified (counts of events, `count` rows weighted). */
export interface RecipientEngagement {
  recipient: string;
  rawOpens: number;
  rawClicks: number;
  qualifiedOpens: number;
  qualifiedClicks: number;
}

export interface CampaignReport {
  verdicts: EventVerdict[];
  summary: CampaignSummary;
  /** Per recipient raw vs qualified opens/clicks (recipients seen in the events). */
  recipients?: RecipientEngagement[];
}
