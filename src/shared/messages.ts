// The one protocol between the extension's parts. Every request type is listed in `MessageMap` with its payload
// and response; every receiver validates the payload AND who sent it, and fails closed (Bitwarden's pattern):
// a message that does not validate gets `{ ok: false, error }`, never a partial answer.
import type { Campaign, CampaignReport, EngagementEvent, RangeKind, RangeMatch } from './types';
import type { FilterMode, Settings, SettingsChanges } from './settings';

/** Where a request may come from. */
export type SenderContext = 'content' | 'extension-page';

/** Which campaign a page shows and how the reader knew (shown in the popup). */
export interface CampaignIdentity {
  /** Rows accumulate only under the same key; a changed key starts a fresh report. */
  key: string;
  /** What the user recognises: the campaign name, subject or id. */
  label: string;
  /** How it was found, in plain words: "campaign id 123 in the address", "heading 'Spring sale'", "tag filter 'promo'". */
  how: string;
}

export interface PageRowsPayload {
  /** The page URL (without hash) the rows were read on. */
  url: string;
  /** Adapter id (`sendgrid`, `mailchimp`, … or `generic`). */
  esp: string;
  pageKind: string;
  /** Key that groups the pages of one campaign report, so paginated rows accumulate. */
  campaignKey: string;
  /** Which campaign this is and how the reader knew; its key equals `campaignKey`. */
  identity?: CampaignIdentity;
  campaign: Campaign;
  /** A stable key per row, parallel to campaign.events, so accumulated rows are not counted twice. */
  rowKeys: string[];
}

/**
 * Why a report could not be kept in the history (the page is still labelled: classification comes first). The
 * popup shows it with the history's size and a way to free space.
 */
export interface StorageProblem {
  kind: 'quota' | 'error';
  /** The browser's words, for the curious. */
  message: string;
  /** Estimated size of the stored history (reports and accumulated rows), bytes. */
  historyBytes: number;
  /** The user's history cap, bytes. */
  historyCapBytes: number;
}

/** The stored history's size against its cap, and what the last pruning removed (shown in the options page). */
export interface HistoryStatus {
  reports: number;
  pinned: number;
  historyBytes: number;
  historyCapBytes: number;
  /** The last time reports were removed to stay under the cap, oldest first, pinned never. */
  lastPruned?: { at: number; reports: number; bytes: number; names: string[] };
}

/** DNS-over-HTTPS lookups of recipient mail hosts: what was asked, what the cache answered, what the caps held back. */
export interface LookupStats {
  /** Queries sent to the resolver, ever (since the counts were last reset). */
  queriesSent: number;
  /** Domains answered from the cache without a query. */
  cacheHits: number;
  /** Domains that needed a query (sent, or held back by a cap). */
  cacheMisses: number;
  /** Domains not asked because the per-minute or per-day cap was reached. */
  heldBack: number;
  sentLastMinute: number;
  sentToday: number;
  perMinuteCap: number;
  perDayCap: number;
}

export interface PageRowsResponse {
  report: CampaignReport;
  /** Verdicts for this page's rows, parallel to rowKeys (the accumulated report may hold more). */
  rowVerdicts: CampaignReport['verdicts'];
  /** Rows accumulated for this campaign across pages. */
  accumulatedRows: number;
  /** Set when the rows were labelled but could not be stored (full disk): say so, keep the labels. */
  storageProblem?: StorageProblem;
}

export type PageState =
  | { state: 'reading'; done: number; total: number }
  | { state: 'no-table'; supportedPages: string[] }
  /** An engagement table (or feed) was found but holds no opens or clicks yet, after a bounded wait. */
  | { state: 'no-events' }
  | { state: 'error'; message: string }
  | { state: 'ready' };

export interface TabReport {
  url?: string;
  /** The key the page's rows accumulate under (the popup fetches them for the CSV export). */
  campaignKey?: string;
  esp?: string;
  pageKind?: string;
  campaignName?: string;
  identity?: CampaignIdentity;
  page?: PageState;
  report?: CampaignReport;
  accumulatedRows?: number;
  /** The report shown could not be stored (see StorageProblem); absent when the last write succeeded. */
  storageProblem?: StorageProblem;
  updatedAt?: number;
}

export interface AuditRecord {
  id: string;
  esp: string;
  campaignName: string;
  source: 'page' | 'import';
  createdAt: number;
  summary: CampaignReport['summary'];
  /** Pinned reports are never pruned to stay under the history cap. */
  pinned?: boolean;
  /** Estimated stored size of this report and its accumulated rows, bytes (for the history cap). */
  bytes?: number;
  /**
   * A settings change could not reach this report: nothing it was classified from is stored (an import kept
   * before imports stored their events). Its numbers are from earlier settings; re-importing the file applies
   * today's.
   */
  settingsOutdated?: boolean;
}

/** One classification of an audit: raw vs people numbers at that time (history over time). */
export interface ClientPoint {
  at: number;
  rawOpens: number;
  rawClicks: number;
  peopleOpens: number;
  peopleClicks: number;
  rawOpenRate?: number;
  peopleOpenRate?: number;
  rawClickRate?: number;
  peopleClickRate?: number;
}

/** One client (ESP account, sub-account or host) with its audits, newest first, each with its points over time. */
export interface ClientHistory {
  key: string;
  name: string;
  /** Other clients merged into this one. */
  mergedKeys: string[];
  audits: Array<{ audit: AuditRecord; points: ClientPoint[] }>;
}

/** What the user changed about clients: names, merges, and the account names as the pages wrote them. */
export interface ClientSettings {
  names: Record<string, string>;
  mergedInto: Record<string, string>;
  accounts: Record<string, string>;
}

export interface UserRange {
  id: number;
  cidr: string;
  label: string;
  kind: RangeKind;
  addedAt: number;
}

export interface DatasetInfo {
  version: string;
  source: 'bundled' | 'refreshed';
  fetchedAt?: number;
  /** The newest date the dataset's own sources give (YYYY-MM-DD): what "newer" means on an update. */
  sourcesDate?: string;
  prefixCount: number;
  userRangeCount: number;
  /** The bundled dataset this version of the extension ships, to compare with (and go back to). */
  bundled?: { version: number; sourcesDate: string; prefixCount: number };
  /** An update replaced a refreshed dataset because the bundled one is newer by its sources' dates. */
  replaced?: { source: 'refreshed'; sourcesDate: string; prefixCount: number; fetchedAt: number };
  /** A refreshed dataset: each downloaded list (whose vendor, from which URL), with its own date and size. */
  lists?: Array<{ vendor: string; source: string; date: string; prefixCount: number }>;
}

export interface MessageMap {
  ping: { request: Record<string, never>; response: { version: string } };
  'page-rows': { request: PageRowsPayload; response: PageRowsResponse };
  'page-state': {
    request: { state: PageState; url: string; esp?: string; campaignName?: string; identity?: CampaignIdentity };
    response: null;
  };
  'get-tab-report': { request: { tabId: number }; response: TabReport };
  'get-settings': { request: Record<string, never>; response: Settings };
  /**
   * Saves the fields given (nested groups may be partial) into the stored settings, merged in one transaction:
   * a page sends only what it changed, so two pages saving at once both keep their change. Broadcast to open pages.
   */
  'save-settings': { request: { settings: SettingsChanges }; response: Settings };
  'classify-import': {
    /** With `importId`: the events sent before through `import-chunk` come first, then `campaign.events`. */
    request: { campaign: Campaign; fileName: string; format: string; importId?: string };
    /** `storageProblem`: the report is classified but could not be stored (a full disk); it is not in the history. */
    response: { report: CampaignReport; auditId: string; storageProblem?: StorageProblem };
  };
  /**
   * Part of a big import's events, buffered by the worker under `importId` until `classify-import` names it.
   * Chrome refuses runtime messages over 64 MiB of JSON; a 100 MB export's campaign is ~80 MB (measured).
   */
  'import-chunk': { request: { importId: string; events: EngagementEvent[] }; response: { buffered: number } };
  'list-audits': { request: Record<string, never>; response: AuditRecord[] };
  'delete-audit': { request: { id: string }; response: null };
  'clear-history': { request: Record<string, never>; response: null };
  'pin-audit': { request: { id: string; pinned: boolean }; response: null };
  'history-status': { request: Record<string, never>; response: HistoryStatus };
  'lookup-stats': { request: Record<string, never>; response: LookupStats };
  /** Replaces a refreshed range dataset with the one bundled with this version. */
  'use-bundled-ranges': { request: Record<string, never>; response: DatasetInfo };
  'lookup-ip': { request: { ip: string }; response: RangeMatch | null };
  'dataset-info': { request: Record<string, never>; response: DatasetInfo };
  'list-user-ranges': { request: Record<string, never>; response: UserRange[] };
  'add-user-range': { request: { cidr: string; label: string; kind: RangeKind }; response: UserRange };
  'remove-user-range': { request: { id: number }; response: null };
  'refresh-ranges': { request: Record<string, never>; response: DatasetInfo };
  /** The accumulated rows behind a page's report, for an export with every column the page showed. */
  'report-events': { request: { campaignKey: string }; response: EngagementEvent[] };
  'list-client-history': { request: Record<string, never>; response: ClientHistory[] };
  'rename-client': { request: { key: string; name: string }; response: null };
  'merge-clients': { request: { from: string; into: string }; response: null };
  'split-client': { request: { key: string }; response: null };
}

export type MessageType = keyof MessageMap;
export type RequestOf<T extends MessageType> = MessageMap[T]['request'];
export type ResponseOf<T extends MessageType> = MessageMap[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  channel: typeof CHANNEL;
  type: T;
  payload: RequestOf<T>;
}

export type Reply<T extends MessageType> = { ok: true; value: ResponseOf<T> } | { ok: false; error: string };

/** Marks our messages so stray messages from other code on the runtime are ignored. */
export const CHANNEL = 'scanner-sieve/v1';

// ---- validation ----

type Check = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmpty: Check = (value) => isRecord(value);
const str =
  (max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length <= max;
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const finite: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const shape =
  (fields: Record<string, Check>): Check =>
  (value) =>
    isRecord(value) && Object.entries(fields).every(([key, check]) => check(value[key]));
const arrayOf =
  (check: Check, max: number): Check =>
  (value) =>
    Array.isArray(value) && value.length <= max && value.every(check);

const RANGE_KINDS: readonly RangeKind[] = ['scanner', 'mail-proxy', 'web-gateway', 'cloud'];
// A campaign holds at most this many events per message: bigger imports are classified in the page that read them.
const MAX_EVENTS = 600_000;
/**
 * Events per `import-chunk` message: even with every field at its validated maximum (~11.6 KB an event) a chunk
 * stays under Chrome's 64 MiB message limit; typical events (~350 bytes) make ~2 MB messages.
 */
export const IMPORT_CHUNK_MAX_EVENTS = 5_000;

/**
 * The longest value each text field of an event may carry in a message. Readers and importers cut a longer cell
 * to this length (and say so) instead of sending it: one oversized cell must never cost the whole page or file.
 */
export const EVENT_FIELD_LIMITS = {
  recipient: 512,
  ip: 64,
  userAgent: 2048,
  url: 8192,
  messageId: 512,
  sourceBotHint: 128,
} as const satisfies Partial<Record<keyof EngagementEvent, number>>;

/**
 * The event with every text field cut to EVENT_FIELD_LIMITS, and the names of the fields that were cut (so the
 * reader or importer can say so). Used by the page reader and the importers alike.
 */
export function fitEventToLimits<E extends Partial<EngagementEvent>>(event: E): { event: E; cut: Array<keyof typeof EVENT_FIELD_LIMITS> } {
  const cut: Array<keyof typeof EVENT_FIELD_LIMITS> = [];
  let fitted = event;
  for (const field of Object.keys(EVENT_FIELD_LIMITS) as Array<keyof typeof EVENT_FIELD_LIMITS>) {
    const value = event[field];
    if (typeof value === 'string' && value.length > EVENT_FIELD_LIMITS[field]) {
      if (fitted === event) fitted = { ...event };
      (fitted as Record<string, unknown>)[field] = value.slice(0, EVENT_FIELD_LIMITS[field]);
      cut.push(field);
    }
  }
  return { event: fitted, cut };
}

/** The longest campaign id, name and row key a message may carry. */
export const CAMPAIGN_FIELD_LIMITS = { id: 512, name: 1024, account: 512, rowKey: 1024, campaignKey: 1024 } as const;

const isEvent: Check = shape({
  type: (value) => value === 'open' || value === 'click',
  sourceIndex: finite,
  recipient: optional(str(EVENT_FIELD_LIMITS.recipient)),
  timestamp: optional(finite),
  ip: optional(str(EVENT_FIELD_LIMITS.ip)),
  userAgent: optional(str(EVENT_FIELD_LIMITS.userAgent)),
  url: optional(str(EVENT_FIELD_LIMITS.url)),
  messageId: optional(str(EVENT_FIELD_LIMITS.messageId)),
  sourceBotHint: optional(str(EVENT_FIELD_LIMITS.sourceBotHint)),
  count: optional(finite),
} satisfies Record<keyof EngagementEvent, Check>);

const optionalCount = optional(finite);
const isEspTotals: Check = shape({
  recipients: optionalCount,
  delivered: optionalCount,
  opens: optionalCount,
  uniqueOpens: optionalCount,
  clicks: optionalCount,
  uniqueClicks: optionalCount,
});

const isIdentity: Check = shape({
  key: str(CAMPAIGN_FIELD_LIMITS.campaignKey),
  label: str(CAMPAIGN_FIELD_LIMITS.name),
  how: str(512),
});

export const isCampaign: Check = shape({
  id: optional(str(CAMPAIGN_FIELD_LIMITS.id)),
  name: optional(str(CAMPAIGN_FIELD_LIMITS.name)),
  account: optional(str(CAMPAIGN_FIELD_LIMITS.account)),
  espTotals: optional(isEspTotals),
  esp: optional(str(64)),
  sentAt: optional(finite),
  deliveredCount: optional(finite),
  deliveries: optional(
    arrayOf(shape({ recipient: str(512), deliveredAt: finite, messageId: optional(str(512)) }), MAX_EVENTS),
  ),
  events: arrayOf(isEvent, MAX_EVENTS),
  links: optional(arrayOf(str(8192), 5000)),
  linkStats: optional(
    arrayOf(shape({ url: str(8192), totalClicks: finite, uniqueClicks: optional(finite) }), 5000),
  ),
  recipientMailHosts: optional((value) => isRecord(value) && Object.values(value).every(str(32))),
});

const isPageState: Check = (value) =>
  isRecord(value) &&
  ((value.state === 'reading' && finite(value.done) && finite(value.total)) ||
    (value.state === 'no-table' && arrayOf(str(200), 100)(value.supportedPages)) ||
    value.state === 'no-events' ||
    (value.state === 'error' && str(2000)(value.message)) ||
    value.state === 'ready');

/** A client key is `account:<name>`, `host:<host>` or `esp:<id>`. */
const CLIENT_KEY_MAX = CAMPAIGN_FIELD_LIMITS.account + 16;

interface Rule {
  /** Which contexts may send this request. */
  from: readonly SenderContext[];
  payload: Check;
}

export const MESSAGE_RULES: { [T in MessageType]: Rule } = {
  ping: { from: ['content', 'extension-page'], payload: isEmpty },
  'page-rows': {
    from: ['content', 'extension-page'],
    payload: shape({
      url: str(8192),
      esp: str(64),
      pageKind: str(64),
      campaignKey: str(CAMPAIGN_FIELD_LIMITS.campaignKey),
      identity: optional(isIdentity),
      campaign: isCampaign,
      rowKeys: arrayOf(str(CAMPAIGN_FIELD_LIMITS.rowKey), MAX_EVENTS),
    }),
  },
  'page-state': {
    from: ['content', 'extension-page'],
    payload: shape({
      state: isPageState,
      url: str(8192),
      esp: optional(str(64)),
      campaignName: optional(str(CAMPAIGN_FIELD_LIMITS.name)),
      identity: optional(isIdentity),
    }),
  },
  'get-tab-report': { from: ['extension-page'], payload: shape({ tabId: finite }) },
  'get-settings': { from: ['content', 'extension-page'], payload: isEmpty },
  'save-settings': { from: ['extension-page'], payload: shape({ settings: isRecord }) },
  'classify-import': {
    from: ['extension-page'],
    payload: shape({ campaign: isCampaign, fileName: str(1024), format: str(64), importId: optional(str(64)) }),
  },
  'import-chunk': {
    from: ['extension-page'],
    payload: shape({ importId: str(64), events: arrayOf(isEvent, IMPORT_CHUNK_MAX_EVENTS) }),
  },
  'list-audits': { from: ['extension-page'], payload: isEmpty },
  'delete-audit': { from: ['extension-page'], payload: shape({ id: str(256) }) },
  'clear-history': { from: ['extension-page'], payload: isEmpty },
  'pin-audit': { from: ['extension-page'], payload: shape({ id: str(256), pinned: (value) => typeof value === 'boolean' }) },
  'history-status': { from: ['extension-page'], payload: isEmpty },
  'lookup-stats': { from: ['extension-page'], payload: isEmpty },
  'use-bundled-ranges': { from: ['extension-page'], payload: isEmpty },
  'lookup-ip': { from: ['extension-page'], payload: shape({ ip: str(64) }) },
  'dataset-info': { from: ['extension-page'], payload: isEmpty },
  'list-user-ranges': { from: ['extension-page'], payload: isEmpty },
  'add-user-range': {
    from: ['extension-page'],
    payload: shape({ cidr: str(64), label: str(200), kind: (value) => RANGE_KINDS.includes(value as RangeKind) }),
  },
  'remove-user-range': { from: ['extension-page'], payload: shape({ id: finite }) },
  'refresh-ranges': { from: ['extension-page'], payload: isEmpty },
  'report-events': { from: ['extension-page'], payload: shape({ campaignKey: str(CAMPAIGN_FIELD_LIMITS.campaignKey) }) },
  'list-client-history': { from: ['extension-page'], payload: isEmpty },
  'rename-client': { from: ['extension-page'], payload: shape({ key: str(CLIENT_KEY_MAX), name: str(200) }) },
  'merge-clients': { from: ['extension-page'], payload: shape({ from: str(CLIENT_KEY_MAX), into: str(CLIENT_KEY_MAX) }) },
  'split-client': { from: ['extension-page'], payload: shape({ key: str(CLIENT_KEY_MAX) }) },
};

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MESSAGE_RULES, value);
}

/** The parts of a runtime.MessageSender the receiver looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

/**
 * Which context a message came from, or undefined when it must be refused: another extension, or a sender
 * whose URL is neither one of our pages nor a web page with a tab.
 */
export function classifySender(sender: SenderInfo, ownId: string, ownOrigin: string): SenderContext | undefined {
  if (sender.id !== ownId || typeof sender.url !== 'string') return undefined;
  if (sender.url.startsWith(ownOrigin)) return 'extension-page';
  if (sender.tab && /^https:\/\//.test(sender.url)) return 'content';
  return undefined;
}

/** Validates an incoming message; returns the typed envelope or a reason to refuse it. */
export function validateMessage(
  message: unknown,
  context: SenderContext | undefined,
): { ok: true; envelope: Envelope } | { ok: false; error: string } {
  if (!isRecord(message) || message.channel !== CHANNEL) return { ok: false, error: 'not a Scanner Sieve message' };
  if (!isMessageType(message.type)) return { ok: false, error: `unknown message type ${String(message.type)}` };
  const rule = MESSAGE_RULES[message.type];
  if (!context || !rule.from.includes(context)) return { ok: false, error: `sender may not send ${message.type}` };
  if (!rule.payload(message.payload)) return { ok: false, error: `invalid payload for ${message.type}` };
  return { ok: true, envelope: message as unknown as Envelope };
}

// ---- messages to a report page (the popup and the worker send them with tabs.sendMessage) ----

/** What a report page's content script (or the demo page) obeys; it answers `{ ok: true, value: null }`. */
export interface PageMessageMap {
  /** The popup's "Show labels on the page" switch. */
  'set-marks-visible': { request: { visible: boolean }; response: null };
  /** Settings were saved: the page re-reads its rows (re-labelled by the worker) and follows mode and visibility. */
  'settings-changed': { request: { mode: FilterMode; showMarks: boolean }; response: null };
}

export type PageMessageType = keyof PageMessageMap;

export const PAGE_MESSAGE_RULES: { [T in PageMessageType]: Check } = {
  'set-marks-visible': shape({ visible: (value) => typeof value === 'boolean' }),
  'settings-changed': shape({
    mode: (value) => value === 'filter' || value === 'log-only',
    showMarks: (value) => typeof value === 'boolean',
  }),
};

export type PageEnvelope = { [T in PageMessageType]: { channel: typeof CHANNEL; type: T; payload: PageMessageMap[T]['request'] } }[PageMessageType];

/**
 * Validates a message arriving at a report page: ours (channel), from our own extension (a content script's
 * runtime.onMessage only hears its own extension, and the sender id must still match), a known type, a valid
 * payload. Anything else is undefined: ignored, so other listeners on the page's runtime keep working.
 */
export function validatePageMessage(message: unknown, sender: { id?: string }, ownId: string): PageEnvelope | undefined {
  if (!isRecord(message) || message.channel !== CHANNEL || sender.id !== ownId) return undefined;
  const type = message.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(PAGE_MESSAGE_RULES, type)) return undefined;
  if (!PAGE_MESSAGE_RULES[type as PageMessageType](message.payload)) return undefined;
  return message as unknown as PageEnvelope;
}

export function pageEnvelope<T extends PageMessageType>(type: T, payload: PageMessageMap[T]['request']) {
  return { channel: CHANNEL, type, payload };
}

// ---- broadcasts (worker → open pages) ----

/** What the worker tells open pages (popup, options, ESP pages) when stored data changed under them. */
export interface BroadcastMap {
  'settings-changed': { settings: Settings };
  /**
   * Stored reports were re-classified (new settings or range data) or pruned: a page showing one of them should
   * ask again. `auditIds`: the reports re-classified (`page:<campaign key>` or `import:…`).
   */
  'reports-changed': { reason: 'settings' | 'pruned' | 'dataset'; auditIds: string[] };
}
export type BroadcastType = keyof BroadcastMap;
export interface Broadcast<T extends BroadcastType = BroadcastType> {
  channel: typeof BROADCAST_CHANNEL;
  type: T;
  payload: BroadcastMap[T];
}
/** A channel of its own: the worker's request listener never mistakes a broadcast for a request. */
export const BROADCAST_CHANNEL = 'scanner-sieve/broadcast/v1';

export function isBroadcast(message: unknown): message is Broadcast {
  return isRecord(message) && message.channel === BROADCAST_CHANNEL && typeof message.type === 'string' && isRecord(message.payload);
}

export function envelope<T extends MessageType>(type: T, payload: RequestOf<T>): Envelope<T> {
  return { channel: CHANNEL, type, payload };
}
