// The per-campaign working set every signal reads: events cleaned of garbage, times, delivery times, IP owners
// and user-agent classes computed once (cached per distinct IP / UA string, since a 200k-event campaign has far
// fewer distinct values), and each recipient's events sorted by time. Signals only append evidence.
// Events are held as columns (typed arrays for numbers, references to the export's own strings), not as an
// object per event: a 200k-event campaign then costs a few megabytes here instead of a second copy of the
// events, and once the columns are read nothing needs the caller's event objects again (ClassifyOptions
// `consumeEvents`).
import type {
  Campaign,
  ClassifierSettings,
  EngagementEvent,
  EventColumns,
  EventType,
  LearnedWindows,
  MailHost,
  RangeLookup,
  RangeMatch,
} from '../shared/types';
import { doubled } from '../shared/typed-arrays';
import { IpBlockIds } from './ip-block';
import { classifyUserAgent, type UserAgentClass } from './user-agent';

/** Which machine label a piece of evidence points to when the event ends up a machine. */
export type EvidenceKind = 'scanner' | 'proxy' | 'neutral';

/** One signal's contribution to one event: log-odds (positive = machine, negative = person) and why. */
export interface Evidence {
  code: string;
  /** Log-odds added to the event's score; >0 pushes towards machine, <0 towards person. */
  weight: number;
  kind: EvidenceKind;
  /**
   * Weak evidence (timing, mail host, gateway IPs, stale browsers…) is summed but capped together, so weak
   * signals alone can make an event `suspect` but never a machine: a strong signal has to agree.
   */
  weak: boolean;
  /**
   * Context rather than something the fetch itself showed: when it came (timing), who the recipient is (mail
   * host), a shared gateway or office crowd. Context shifts the score, but a `suspect` flag needs at least one
   * piece of evidence about the fetch itself: a fast reader at a Microsoft 365 company is not suspect for that.
   */
  context?: boolean;
  vendor?: string;
}

export interface ClassifierContext {
  settings: ClassifierSettings;
  /** How many events (every column below has this length). */
  length: number;
  /** 1 where the event is a click, 0 an open (records without an open/click type are read as opens). */
  click: Uint8Array;
  /**
   * The record's position in the source (the event's own sourceIndex, else its position in the list): whole
   * numbers in an Int32Array (so a verdict holds a small integer, not a boxed double), else a Float64Array.
   */
  sourceIndex: Int32Array | Float64Array;
  /** ms UTC or NaN. */
  time: Float64Array;
  /** How many engagements the row stands for (1 unless a counts-only row says more). */
  count: Uint32Array;
  /** The address as the export wrote it (trimmed), undefined when none. */
  ip: Array<string | undefined>;
  /**
   * The user agent per event as a small id (exports repeat a few agents over many events): `agentTexts[id]` is
   * the string as the export wrote it (undefined when none), `agentClasses[id]` what it says (agentTextOf,
   * agentClassOf). Equal ids, equal strings.
   */
  agentId: Int32Array;
  agentTexts: Array<string | undefined>;
  agentClasses: UserAgentClass[];
  /** The clicked URL without its fragment (linkKey), undefined when none. */
  url: Array<string | undefined>;
  /** The ESP's own machine flag as text, undefined when none. */
  sourceBotHint: Array<string | undefined>;
  /** The time browser versions are judged against: the send time, else the median event time, else `now`. */
  referenceTime: number;
  /** True where the delivery time came from the recipient's own delivery record. */
  deliveryIsPerRecipient: Uint8Array;
  /** Seconds from delivery to the event, NaN when either is unknown. */
  secondsAfterDelivery: Float64Array;
  rangeMatch: Array<RangeMatch | undefined>;
  /** Event indices per recipient, sorted by time (unknown times last, then by position). */
  byRecipient: RecipientEvents;
  /** The message's links: the campaign's list when given, else the distinct clicked URLs when few. */
  knownLinks: Set<string> | undefined;
  recipientMailHosts: Record<string, MailHost> | undefined;
  hasOpens: boolean;
  hasClicks: boolean;
  /**
   * Network block (IPv4 /24, IPv6 /48) per event as a small integer (-1: no block), 0..blockCount-1, and
   * recipients likewise (-1: none), ids in order of first appearance: grouping by them takes arrays instead of
   * a hash map per event. `blockKey` gives a block's text (ipBlockKey) when one is needed.
   */
  blockId: Int32Array;
  blockCount: number;
  blockKey: (id: number) => string;
  recipientId: Int32Array;
  /** Recipient (trimmed, lower-case) per id. */
  recipientNames: string[];
  /**
   * The finest step the source's clock shows: 1 ms, 1 000 (Unix seconds, SendGrid/Mailjet) or 60 000 (pages
   * that print "17:08" with no seconds). Gaps shorter than this are invisible, so burst tests must not read a
   * shared stamp as "the same instant".
   */
  timeResolutionMs: number;
  /** Evidence per event, in the order the signals added it (EvidenceChains). */
  evidence: EvidenceChains;
  notes: Set<string>;
  /** Windows learned from this campaign (set before the signals run). */
  learned?: LearnedWindows;
}

/**
 * Every event's evidence as a chain through one shared list: `first[i]`/`last[i]` are the event's first and
 * last entry (-1: none), `next[entry]` the following entry. An array per event would cost ~30–180 bytes each
 * (V8 grows a one-item array to 17 slots on the first push); this costs 8 bytes per event and 12 per entry.
 */
export class EvidenceChains {
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private items: Evidence[] = [];
  private next = new Int32Array(1024);

  constructor(events: number) {
    this.first = new Int32Array(events).fill(-1);
    this.last = new Int32Array(events);
  }

  add(index: number, evidence: Evidence): void {
    const entry = this.items.length;
    this.items.push(evidence);
    if (entry === this.next.length) this.next = doubled(this.next);
    this.next[entry] = -1;
    if (this.first[index] === -1) this.first[index] = entry;
    else this.next[this.last[index]!] = entry;
    this.last[index] = entry;
  }

  /** True when any of the event's evidence has one of `codes`. */
  has(index: number, codes: readonly string[]): boolean {
    for (let entry = this.first[index]!; entry !== -1; entry = this.next[entry]!) {
      if (codes.includes(this.items[entry]!.code)) return true;
    }
    return false;
  }

  /** The event's evidence into `out` (emptied first), in the order it was added; returns `out`. */
  collect(index: number, out: Evidence[]): Evidence[] {
    out.length = 0;
    for (let entry = this.first[index]!; entry !== -1; entry = this.next[entry]!) out.push(this.items[entry]!);
    return out;
  }
}

export function addEvidence(ctx: ClassifierContext, index: number, evidence: Evidence): void {
  if (index < 0 || index >= ctx.length) return;
  ctx.evidence.add(index, evidence);
}

/** The event's evidence as a new array (for tests and tools; the classifier reads it into a reused one). */
export function evidenceOf(ctx: ClassifierContext, index: number): readonly Evidence[] {
  return ctx.evidence.collect(index, []);
}

export function hasEvidence(ctx: ClassifierContext, index: number, codes: readonly string[]): boolean {
  return ctx.evidence.has(index, codes);
}

/**
 * Each recipient's events in time order (unknown times last, ties by position), as views of one Int32Array:
 * a campaign with 50k recipients builds no 50k little arrays and no map of them. Recipients come in the order
 * of their first event in time order.
 */
export class RecipientEvents {
  constructor(
    /** Recipient ids in the order of their first event in time order. */
    private readonly order: Int32Array,
    /** Events of recipient id r are members[starts[r] .. starts[r + 1]). */
    private readonly starts: Int32Array,
    private readonly members: Int32Array,
    private readonly names: readonly string[],
  ) {}

  get size(): number {
    return this.order.length;
  }

  /** The events of recipient id `id` (a view, ascending time). */
  of(id: number): Int32Array {
    return this.members.subarray(this.starts[id]!, this.starts[id + 1]!);
  }

  /** Each recipient's events, recipients in order. */
  *values(): IterableIterator<Int32Array> {
    for (let k = 0; k < this.order.length; k++) yield this.of(this.order[k]!);
  }

  /** [recipient, its events] in order. */
  *entries(): IterableIterator<[string, Int32Array]> {
    for (let k = 0; k < this.order.length; k++) {
      const id = this.order[k]!;
      yield [this.names[id]!, this.of(id)];
    }
  }
}

/** The events of `indices` that `keep` accepts, as a plain array (in the same order). */
export function eventsWhere(indices: ArrayLike<number>, keep: (i: number) => boolean): number[] {
  const kept: number[] = [];
  for (let k = 0; k < indices.length; k++) if (keep(indices[k]!)) kept.push(indices[k]!);
  return kept;
}

/** The event's recipient (trimmed, lower-case), undefined when it has none. */
export function recipientOf(ctx: ClassifierContext, index: number): string | undefined {
  const id = ctx.recipientId[index]!;
  return id < 0 ? undefined : ctx.recipientNames[id];
}

/** The event's user-agent string as the export wrote it (undefined when none). */
export function agentTextOf(ctx: ClassifierContext, index: number): string | undefined {
  return ctx.agentTexts[ctx.agentId[index]!];
}

/** What the event's user agent says (computed once per distinct string). */
export function agentClassOf(ctx: ClassifierContext, index: number): UserAgentClass {
  return ctx.agentClasses[ctx.agentId[index]!]!;
}

/** The event's type. */
export function typeOf(ctx: ClassifierContext, index: number): EventType {
  return ctx.click[index] === 1 ? 'click' : 'open';
}

function finiteNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
}

function optionalString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Link identity: the URL without its fragment (a #anchor is the same page for a scanner and a person). */
export function linkKey(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

function timeOrder(times: Float64Array): ArrayLike<number> & Iterable<number> {
  const n = times.length;
  const order = new Uint32Array(n);
  let sorted = true;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const t = times[i]!;
    const key = Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
    if (key < previous) sorted = false;
    previous = key;
  }
  if (sorted) return order;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    keys[i] = Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  }
  return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
}

/** Above this many distinct clicked URLs the URLs are probably per-recipient tokens, not the message's links. */
const MAX_INFERRED_LINKS = 40;

export interface BuildOptions {
  /** Reference time (ms) for judging browser versions when the campaign has no times of its own. */
  now?: number;
  /**
   * The caller hands the events over: once they are read into columns, `campaign.events` is emptied (its
   * length set to 0) so the event objects can be collected while the classification runs.
   */
  consumeEvents?: boolean;
}

/** The send time, else the median event time, else `now` (NaN when none is known). */
function referenceTimeOf(sentAt: number, times: Float64Array, now: number | undefined): number {
  if (!Number.isNaN(sentAt)) return sentAt;
  let timed = 0;
  for (let i = 0; i < times.length; i++) if (!Number.isNaN(times[i]!)) timed++;
  if (timed > 0) {
    const sorted = new Float64Array(timed);
    let k = 0;
    let inOrder = true;
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      if (Number.isNaN(t)) continue;
      if (k > 0 && t < sorted[k - 1]!) inOrder = false;
      sorted[k++] = t;
    }
    // Activity logs are usually in time order already.
    if (!inOrder) sorted.sort();
    return sorted[Math.floor(timed / 2)]!;
  }
  return typeof now === 'number' && Number.isFinite(now) ? now : Number.NaN;
}

/**
 * `Campaign.eventColumns` when every column is there and long enough, else undefined (then those events are
 * left out and a note says so: the classifier never throws on what it is given).
 */
function readableColumns(value: unknown, notes: Set<string>): EventColumns | undefined {
  if (value === undefined || value === null) return undefined;
  const columns = value as Partial<EventColumns>;
  const n = columns.length;
  const longEnough = (column: unknown, kind?: typeof Uint8Array | typeof Float64Array): boolean =>
    (kind === undefined ? Array.isArray(column) : column instanceof kind) && (column as ArrayLike<unknown>).length >= (n as number);
  // Text columns are optional: one no event had is left out.
  const absentOrLongEnough = (column: unknown): boolean => column === undefined || longEnough(column);
  const readable =
    typeof n === 'number' &&
    Number.isInteger(n) &&
    n >= 0 &&
    longEnough(columns.click, Uint8Array) &&
    longEnough(columns.sourceIndex, Float64Array) &&
    longEnough(columns.timestamp, Float64Array) &&
    longEnough(columns.count, Float64Array) &&
    absentOrLongEnough(columns.recipient) &&
    absentOrLongEnough(columns.ip) &&
    absentOrLongEnough(columns.userAgent) &&
    absentOrLongEnough(columns.url) &&
    absentOrLongEnough(columns.sourceBotHint);
  if (readable) return columns as EventColumns;
  notes.add('Some events came as columns that could not be read; they were left out.');
  return undefined;
}

export function buildContext(
  campaign: Campaign,
  settings: ClassifierSettings,
  ranges: RangeLookup | undefined,
  options: BuildOptions = {},
): ClassifierContext {
  const notes = new Set<string>();
  const rawEvents: unknown[] = Array.isArray(campaign?.events) ? campaign.events : [];
  const columns = readableColumns(campaign?.eventColumns, notes);
  const fromObjects = rawEvents.length;
  const n = fromObjects + (columns?.length ?? 0);

  // Per-recipient delivery: the latest delivery record per recipient (a retry after greylisting re-delivers).
  const deliveryByRecipient = new Map<string, number>();
  if (Array.isArray(campaign?.deliveries)) {
    for (const delivery of campaign.deliveries) {
      if (delivery === null || typeof delivery !== 'object') continue;
      const recipient = optionalString(delivery.recipient)?.toLowerCase();
      const at = finiteNumber(delivery.deliveredAt);
      if (recipient === undefined || Number.isNaN(at)) continue;
      const previous = deliveryByRecipient.get(recipient);
      if (previous === undefined || at > previous) deliveryByRecipient.set(recipient, at);
    }
  }
  const sentAt = finiteNumber(campaign?.sentAt);

  // The events' own fields, cleaned of garbage, as columns: never null, type always open|click.
  const click = new Uint8Array(n);
  const sourceIndex = new Float64Array(n);
  const time = new Float64Array(n);
  const count = new Uint32Array(n);
  const ip: Array<string | undefined> = new Array(n);
  const agentId = new Int32Array(n);
  const agentIds = new Map<string | undefined, number>();
  const agentTexts: Array<string | undefined> = [];
  const url: Array<string | undefined> = new Array(n);
  const sourceBotHint: Array<string | undefined> = new Array(n);
  const recipientId = new Int32Array(n).fill(-1);
  const recipientIds = new Map<string, number>();
  const recipientNames: string[] = [];
  const ownDeliveryOfId: Array<number | undefined> = [];
  /** One event's fields as the source gives them (anything may be missing or of the wrong type). */
  const take = (i: number, type: unknown, position: unknown, timestamp: unknown, countValue: unknown, address: unknown, agent: unknown, link: unknown, hint: unknown, named: unknown): void => {
    if (type === 'click') click[i] = 1;
    else if (type !== 'open') notes.add('Some records had no open/click type; they were read as opens.');
    const stated = finiteNumber(position);
    sourceIndex[i] = Number.isNaN(stated) ? i : stated;
    time[i] = finiteNumber(timestamp);
    // A counts-only row stands for `count` engagements; nonsense counts fall back to one.
    const countNumber = finiteNumber(countValue);
    count[i] = countNumber >= 1 ? Math.min(Math.floor(countNumber), 1e9) : 1;
    ip[i] = optionalString(address);
    const agentText = typeof agent === 'string' ? agent : undefined;
    let agentNumber = agentIds.get(agentText);
    if (agentNumber === undefined) {
      agentNumber = agentTexts.length;
      agentIds.set(agentText, agentNumber);
      agentTexts.push(agentText);
    }
    agentId[i] = agentNumber;
    const linkText = optionalString(link);
    url[i] = linkText === undefined ? undefined : linkKey(linkText);
    sourceBotHint[i] = typeof hint === 'string' ? hint : typeof hint === 'boolean' ? String(hint) : undefined;
    const recipient = optionalString(named)?.toLowerCase();
    if (recipient !== undefined) {
      let id = recipientIds.get(recipient);
      if (id === undefined) {
        id = recipientNames.length;
        recipientIds.set(recipient, id);
        recipientNames.push(recipient);
        ownDeliveryOfId.push(deliveryByRecipient.get(recipient));
      }
      recipientId[i] = id;
    }
  };
  for (let i = 0; i < fromObjects; i++) {
    const raw = rawEvents[i];
    const record = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof EngagementEvent, unknown>>;
    take(i, record.type, record.sourceIndex, record.timestamp, record.count, record.ip, record.userAgent, record.url, record.sourceBotHint, record.recipient);
  }
  if (columns !== undefined) {
    const { ip: ips, userAgent: agents, url: urls, sourceBotHint: hints, recipient: recipients } = columns;
    for (let j = 0; j < columns.length; j++) {
      take(
        fromObjects + j,
        columns.click[j] === 1 ? 'click' : 'open',
        columns.sourceIndex[j],
        columns.timestamp[j],
        columns.count[j],
        ips?.[j],
        agents?.[j],
        urls?.[j],
        hints?.[j],
        recipients?.[j],
      );
    }
  }
  if (options.consumeEvents === true && n > 0) {
    // Nothing below reads the event objects or columns again: let the caller's copy go (see BuildOptions).
    try {
      if (columns !== undefined) delete campaign.eventColumns;
      rawEvents.length = 0;
    } catch {
      // A frozen campaign or list stays as it is; the classification does not depend on emptying it.
    }
  }

  const referenceTime = referenceTimeOf(sentAt, time, options.now);
  let wholePositions = true;
  for (let i = 0; i < n && wholePositions; i++) {
    const position = sourceIndex[i]!;
    wholePositions = (position | 0) === position && !Object.is(position, -0);
  }

  const deliveryIsPerRecipient = new Uint8Array(n);
  const secondsAfterDelivery = new Float64Array(n);
  const rangeMatch: Array<RangeMatch | undefined> = new Array(n);
  const blockId = new Int32Array(n).fill(-1);
  // Blocks get small integer ids (one hash lookup per event) so signals group by them in arrays; range lookups
  // are cheap enough per event that caching them per address cost more than it saved.
  const blockIds = new IpBlockIds();
  // One class per distinct agent (an absent agent reads as an empty one).
  const uaCache = new Map<string, UserAgentClass>();
  const agentClasses = agentTexts.map((ua) => {
    const uaKey = ua ?? '';
    let uaClass = uaCache.get(uaKey);
    if (uaClass === undefined) {
      uaClass = classifyUserAgent(ua, referenceTime);
      uaCache.set(uaKey, uaClass);
    }
    return uaClass;
  });
  const clickedUrls = new Set<string>();
  let hasOpens = false;
  let hasClicks = false;
  let missingTime = 0;
  let missingDelivery = 0;
  let missingIp = 0;
  let missingUa = 0;
  let missingRecipient = 0;

  for (let i = 0; i < n; i++) {
    if (click[i] === 0) hasOpens = true;
    else {
      hasClicks = true;
      const link = url[i];
      if (link !== undefined && clickedUrls.size <= MAX_INFERRED_LINKS) clickedUrls.add(link);
    }
    const id = recipientId[i]!;
    const own = id < 0 ? undefined : ownDeliveryOfId[id];
    const delivery = own ?? sentAt;
    const t = time[i]!;
    deliveryIsPerRecipient[i] = own === undefined ? 0 : 1;
    secondsAfterDelivery[i] = (t - delivery) / 1000;
    if (Number.isNaN(t)) missingTime++;
    else if (Number.isNaN(delivery)) missingDelivery++;

    const address = ip[i];
    if (address === undefined) {
      missingIp++;
      rangeMatch[i] = undefined;
    } else {
      blockId[i] = blockIds.idOf(address);
      let match: RangeMatch | undefined;
      if (ranges !== undefined) {
        try {
          match = ranges.lookup(address);
        } catch {
          match = undefined;
        }
      }
      rangeMatch[i] = match;
    }

    // An agent that is missing or blank (classifyUserAgent reads it trimmed).
    if (agentClasses[agentId[i]!]!.kind === 'missing') missingUa++;

    if (id < 0) missingRecipient++;
  }

  // Each recipient's events in time order (unknown times last, ties by position): one sort of all events,
  // skipped when the export is already in time order (activity logs usually are), then a counting sort by
  // recipient. Recipients keep the order of their first event in time order.
  const recipients = recipientNames.length;
  const inTimeOrder = timeOrder(time);
  const starts = new Int32Array(recipients + 1);
  const order = new Int32Array(recipients);
  let ordered = 0;
  for (let k = 0; k < n; k++) {
    const id = recipientId[inTimeOrder[k]!]!;
    if (id < 0) continue;
    if (starts[id + 1] === 0) order[ordered++] = id;
    starts[id + 1]!++;
  }
  for (let r = 0; r < recipients; r++) starts[r + 1]! += starts[r]!;
  const members = new Int32Array(starts[recipients]!);
  const next = starts.slice(0, recipients);
  for (let k = 0; k < n; k++) {
    const i = inTimeOrder[k]!;
    const id = recipientId[i]!;
    if (id >= 0) members[next[id]!++] = i;
  }
  const byRecipient = new RecipientEvents(order, starts, members, recipientNames);

  // A send time most events precede is wrong (a page in another time zone, a scheduled time typed by hand, the
  // end of a throttled send), not evidence that most readers were machines: nothing can be fetched before it is
  // sent. Without per-recipient deliveries, measure nothing from it.
  const fromSendTime = distrustedSendTime(deliveryIsPerRecipient, secondsAfterDelivery);
  if (fromSendTime !== undefined) {
    for (let i = 0; i < n; i++) {
      if (deliveryIsPerRecipient[i]) continue;
      secondsAfterDelivery[i] = Number.NaN;
    }
    notes.add(
      `${fromSendTime} of the events came more than a minute before the stated send time, so the send time looks wrong (time zone?); timing was not measured from it.`,
    );
  }

  const timeResolutionMs = timeResolution(time);
  if (timeResolutionMs >= 60_000) {
    notes.add('Event times show minutes only: links clicked in the same minute counted as weak evidence unless every link was hit.');
  }

  let knownLinks: Set<string> | undefined;
  if (Array.isArray(campaign?.links) && campaign.links.length > 0) {
    knownLinks = new Set(campaign.links.filter((l): l is string => typeof l === 'string').map(linkKey));
  } else if (clickedUrls.size >= 2 && clickedUrls.size <= MAX_INFERRED_LINKS) {
    knownLinks = clickedUrls;
  }

  if (n > 0) {
    if (missingTime === n) {
      notes.add('No event times: timing, burst and shared-IP signals were unavailable, so labels rest on IPs and user agents only.');
    } else if (missingTime > 0) {
      notes.add(`${missingTime} of ${n} events had no time; timing signals skipped them.`);
    }
    if (missingTime < n && Number.isNaN(sentAt) && deliveryByRecipient.size === 0) {
      notes.add('No send time or delivery events: time-since-delivery was unavailable (give the send time to improve this).');
    } else if (missingDelivery > 0 && missingTime < n) {
      notes.add(`${missingDelivery} events had no delivery or send time to measure from.`);
    }
    if (missingIp === n) notes.add('No IP addresses: scanner-network and shared-IP signals were unavailable.');
    else if (ranges === undefined) notes.add('No IP ranges index was given: scanner networks were not recognised.');
    if (missingUa === n) notes.add('No user agents: bot, Apple Mail Privacy Protection and image-proxy signals were unavailable.');
    if (missingRecipient === n) {
      notes.add('No recipients: per-recipient signals (bursts, repeats) and unique counts were unavailable.');
    } else if (missingRecipient > 0) {
      notes.add(`${missingRecipient} events had no recipient.`);
    }
  }

  return {
    settings,
    length: n,
    click,
    sourceIndex: wholePositions ? Int32Array.from(sourceIndex) : sourceIndex,
    time,
    count,
    ip,
    agentId,
    agentTexts,
    agentClasses,
    url,
    sourceBotHint,
    referenceTime,
    deliveryIsPerRecipient,
    secondsAfterDelivery,
    rangeMatch,
    byRecipient,
    knownLinks,
    recipientMailHosts:
      campaign?.recipientMailHosts !== null && typeof campaign?.recipientMailHosts === 'object'
        ? campaign.recipientMailHosts
        : undefined,
    hasOpens,
    hasClicks,
    blockId,
    blockCount: blockIds.size,
    blockKey: blockIds.keyReader(),
    recipientId,
    recipientNames,
    timeResolutionMs,
    evidence: new EvidenceChains(n),
    notes,
  };
}

/** Share of send-time-measured events before the send time above which the send time itself is doubted. */
const DISTRUST_SEND_TIME_SHARE = 0.2;
const DISTRUST_SEND_TIME_MIN_EVENTS = 5;
/** Same tolerance as the before-delivery signal's against the send time. */
const SEND_TIME_EARLY_S = -60;

/** "k%" when the send time is contradicted by the events, else undefined. */
function distrustedSendTime(perRecipient: Uint8Array, secondsAfterDelivery: Float64Array): string | undefined {
  let measured = 0;
  let early = 0;
  for (let i = 0; i < perRecipient.length; i++) {
    if (perRecipient[i]) continue;
    const seconds = secondsAfterDelivery[i]!;
    if (Number.isNaN(seconds)) continue;
    measured++;
    if (seconds < SEND_TIME_EARLY_S) early++;
  }
  if (measured < DISTRUST_SEND_TIME_MIN_EVENTS || early / measured < DISTRUST_SEND_TIME_SHARE) return undefined;
  return `${Math.round((100 * early) / measured)} %`;
}

/** Steps a source's clock may show, finest first. */
const RESOLUTIONS_MS = [60_000, 1_000];
/** A few stray stamps (a different page section, a rounding importer) do not change the resolution. */
const RESOLUTION_SHARE = 0.98;
const RESOLUTION_MIN_EVENTS = 3;

/** The coarsest step that (almost) every timed event's stamp is a multiple of; 1 ms when none is. */
export function timeResolution(times: ArrayLike<number>): number {
  let timed = 0;
  const multiples = new Array<number>(RESOLUTIONS_MS.length).fill(0);
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (Number.isNaN(t)) continue;
    timed++;
    for (let r = 0; r < RESOLUTIONS_MS.length; r++) if (t % RESOLUTIONS_MS[r]! === 0) multiples[r]!++;
  }
  if (timed < RESOLUTION_MIN_EVENTS) return 1;
  for (let r = 0; r < RESOLUTIONS_MS.length; r++) {
    if (multiples[r]! >= RESOLUTION_SHARE * timed) return RESOLUTIONS_MS[r]!;
  }
  return 1;
}
