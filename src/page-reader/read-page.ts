// Reads a whole page into one `Campaign`: finds the tables (the adapter's places first, the whole page as the
// fallback), reads every row in time-boxed chunks so the page never freezes, and keeps, per row element, the
// keys of the events it produced so the verdicts can be put back on the right rows.
import { CAMPAIGN_FIELD_LIMITS, fitEventToLimits, type CampaignIdentity } from '../shared/messages';
import { campaignIdentity } from './campaign-identity';
import type { Campaign, Delivery, EngagementEvent, LinkStat } from '../shared/types';
import type { Adapter, PageKind } from '../adapters/types';
import { guessHeadersFromCells, isEngagementHeader, typeFromHeader } from './columns';
import { descendants, textOf } from './dom-walk';
import { findTables, type FoundTable } from './find-tables';
import { findAccount, findCampaignName, findDeliveredStatement, findEspTotals, findSendLabelZone, findSendTime, findTimeZone, headingAbove } from './page-facts';
import { addressesOfShortRow, tableReader, type ReadOptions } from './rows';
import { pageDayFirst } from './date-order';

/** One page row that produced events (the rows that get marks). */
export interface ReadRow {
  element: Element;
  /** Keys of the events this row produced, parallel to `eventIndexes`. */
  keys: string[];
  /** Positions of those events in `campaign.events`. */
  eventIndexes: number[];
}

export interface PageReading {
  pageKind: PageKind | undefined;
  tables: FoundTable[];
  campaign: Campaign;
  /** Parallel to campaign.events. */
  rowKeys: string[];
  rows: ReadRow[];
  campaignKey: string;
  /** Which campaign this is and how the page showed it (identity.key === campaignKey). */
  identity: CampaignIdentity;
  /** Rows seen in the tables (data rows, read or skipped). */
  totalRows: number;
  /** The longest uninterrupted stretch of work, ms (the page is blocked for at most this long). */
  longestChunkMs: number;
  /** Event fields cut to the message limits (EVENT_FIELD_LIMITS): said in the popup, never a lost page. */
  cutFields: number;
}

export interface ReadPageOptions {
  signal?: AbortSignal;
  /** Work at most this long before yielding to the page (the bound is 50 ms; we stay well below). */
  chunkBudgetMs?: number;
  now?: number;
  onProgress?(done: number, total: number): void;
  /** How to give the page back its thread between chunks. */
  yieldToPage?(): Promise<void>;
  /** Page URL (defaults to the document's). */
  url?: string;
}

/**
 * 64-bit hash of a row's text (two 32-bit lanes, cyrb53's mixing), base 36: stable row keys with no collisions
 * to speak of in a 250 000-row page (32-bit keys collide about 7 times there: the birthday bound). Not a
 * security hash.
 */
export function hashText(text: string): string {
  let lane1 = 0xdeadbeef;
  let lane2 = 0x41c6ce57;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    lane1 = Math.imul(lane1 ^ code, 2654435761);
    lane2 = Math.imul(lane2 ^ code, 1597334677);
  }
  lane1 = Math.imul(lane1 ^ (lane1 >>> 16), 2246822507) ^ Math.imul(lane2 ^ (lane2 >>> 13), 3266489909);
  lane2 = Math.imul(lane2 ^ (lane2 >>> 16), 2246822507) ^ Math.imul(lane1 ^ (lane1 >>> 13), 3266489909);
  return (lane2 >>> 0).toString(36).padStart(7, '0') + (lane1 >>> 0).toString(36).padStart(7, '0');
}

/** Yields with the Scheduler API where it exists (Chromium), else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// "5 minutes ago" becomes "6 minutes ago" while the page stays open: such phrases must not change a row's key,
// or the worker would count the same row twice when the page re-renders.
const RELATIVE_TIME = /\b(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago\b|\bjust now\b/gi;

/** The row's text with relative-time phrases replaced by the exact times in their tooltips, when there are any. */
export function stableRowText(element: Element): string {
  const titles = descendants(element)
    .filter((node) => node.hasAttribute('datetime') || node.hasAttribute('title'))
    .map((node) => node.getAttribute('datetime') ?? node.getAttribute('title') ?? '')
    .join('|');
  return `${textOf(element).replace(RELATIVE_TIME, '')}|${titles}`;
}

export class ReadAborted extends Error {
  constructor() {
    super('page read aborted');
    this.name = 'ReadAborted';
  }
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * A campaign key within the message limit: a longer one (a 600-character id, a long filter) keeps its start and
 * ends with the hash of the whole, so two long keys that share a start still name two campaigns.
 */
export function fitKey(key: string): string {
  const limit = Math.min(CAMPAIGN_FIELD_LIMITS.id, CAMPAIGN_FIELD_LIMITS.campaignKey);
  return key.length <= limit ? key : `${key.slice(0, limit - 16)}#${hashText(key)}`;
}

/** Default campaign key: the ESP and the report's path (query and hash are filters, pages and tabs). */
export function defaultCampaignKey(esp: string, url: URL): string {
  return `${esp}:${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The recipient of a table nested in another table's row ("Jordan Blake <jordan@…>" as the group header above a
 * per-person detail table): the one address in the rows just above the enclosing row. Only for nested tables,
 * so an account address elsewhere on the page never becomes a recipient.
 */
function recipientAround(tableRoot: Element): string | undefined {
  const enclosingRow = tableRoot.parentElement?.closest('tr');
  if (!enclosingRow) return undefined;
  let row = enclosingRow.previousElementSibling;
  for (let step = 0; row && step < 4; step += 1, row = row.previousElementSibling) {
    const addresses = addressesOfShortRow(row);
    if (addresses?.length === 1) return addresses[0];
    if (addresses && addresses.length > 1) return undefined;
  }
  return undefined;
}

export async function readPage(doc: Document, adapter: Adapter, options: ReadPageOptions = {}): Promise<PageReading> {
  const budget = options.chunkBudgetMs ?? 12;
  const yieldToPage = options.yieldToPage ?? defaultYield;
  const url = new URL(options.url ?? doc.location?.href ?? 'about:blank');
  const nowMs = options.now ?? Date.now();
  let chunkStart = now();
  let longestChunkMs = 0;
  const checkpoint = async () => {
    const elapsed = now() - chunkStart;
    if (elapsed < budget) return;
    longestChunkMs = Math.max(longestChunkMs, elapsed);
    await yieldToPage();
    if (options.signal?.aborted) throw new ReadAborted();
    chunkStart = now();
  };
  if (options.signal?.aborted) throw new ReadAborted();

  const scopes = adapter.findTables?.(doc) ?? [];
  let tables = findTables(doc, isEngagementHeader, scopes);
  // The adapter's places are a preference, not a cage: a redesigned page falls back to the whole document.
  if (tables.length === 0 && scopes.length > 0) tables = findTables(doc, isEngagementHeader);
  // Still nothing with a header: a list whose cells say what they are (a message's event timeline).
  if (tables.length === 0) tables = findTables(doc, isEngagementHeader, undefined, guessHeadersFromCells);
  await checkpoint();

  // Labels inside the tables ("Delivered" rows, a "Subject" column) are data, not page facts.
  const tableRoots = tables.flatMap((table) => (table.headerRow ? [table.root, table.headerRow] : [table.root]));
  const readOptions: ReadOptions = { now: nowMs, pageHost: url.host };
  const dayFirst = adapter.dayFirst ?? pageDayFirst(doc, tables);
  if (dayFirst !== undefined) readOptions.dayFirst = dayFirst;
  // No "Times shown in …" statement: a zone written after the send time is the account's zone the table uses.
  const timeZone = findTimeZone(doc) ?? findSendLabelZone(doc, readOptions, tableRoots);
  if (timeZone) readOptions.timeZone = timeZone;
  const pageRecipient = adapter.pageRecipient?.(doc);
  if (pageRecipient) readOptions.pageRecipient = pageRecipient.toLowerCase();
  const sentAt = adapter.sendTime?.(doc) ?? findSendTime(doc, readOptions, tableRoots);
  const name = adapter.campaignName?.(doc) ?? findCampaignName(doc, tableRoots);
  const espTotals = findEspTotals(doc, tableRoots);
  const account = findAccount(doc, tableRoots);
  const deliveredStatement = findDeliveredStatement(doc, tableRoots);
  const adapterKey = adapter.campaignKey?.(url, doc);
  const identity = campaignIdentity(
    {
      url,
      doc,
      adapter,
      baseKey: adapterKey ?? defaultCampaignKey(adapter.id, url),
      adapterKeyed: adapterKey !== undefined,
      name,
      heading: textOf(doc.querySelector('h1') ?? undefined, 200) || undefined,
      exclude: tableRoots,
    },
    fitKey,
  );
  const campaignKey = identity.key;

  const events: EngagementEvent[] = [];
  const rowKeys: string[] = [];
  const deliveries: Delivery[] = [];
  const linkStats: LinkStat[] = [];
  const rows: ReadRow[] = [];
  const seenKeys = new Map<string, number>();
  const sentEvents: number[] = [];
  const totalRows = tables.reduce((sum, table) => sum + table.rows.length, 0);
  let done = 0;
  let sourceIndex = 0;
  let pageKind: PageKind | undefined = adapter.pageKindFor?.(url);
  const kinds: PageKind[] = [];
  const readTables: FoundTable[] = [];
  let cutFields = 0;
  // Recipients of bounce/failure rows: a "sent to N recipients" figure still counts them.
  const bounced = new Set<string>();

  for (const table of tables) {
    const defaultEventType = adapter.defaultEventType?.(doc, table.root);
    const tableOptions: ReadOptions = { ...readOptions, tableTitles: headingAbove(table.root) };
    const around = recipientAround(table.root);
    if (around) tableOptions.pageRecipient = around;
    if (defaultEventType) tableOptions.defaultEventType = defaultEventType;
    const reader = tableReader(table, tableOptions);
    if (!reader) continue;
    const start = { events: events.length, rows: rows.length, deliveries: deliveries.length, linkStats: linkStats.length, sent: sentEvents.length };
    let unknownEvents = 0;
    // Rows that are not data (an empty-state row "No activity yet" across the table, group headers).
    let layoutRows = 0;
    let timedEvents = 0;
    for (const element of table.rows) {
      const reading = reader.readRow(element);
      if (reading.kind === 'skipped' && reading.unknownEvent) unknownEvents += 1;
      if (reading.kind === 'skipped' && reading.notData) layoutRows += 1;
      if (reading.kind === 'skipped' && reading.bounced) bounced.add(reading.bounced);
      const index = sourceIndex;
      sourceIndex += 1;
      done += 1;
      if (reading.kind === 'delivery') deliveries.push(reading.delivery);
      else if (reading.kind === 'link') linkStats.push(reading.linkStat);
      else if (reading.kind === 'sent') sentEvents.push(reading.sentAt);
      else if (reading.kind === 'events') {
        const base = hashText(stableRowText(element));
        const row: ReadRow = { element, keys: [], eventIndexes: [] };
        for (const rowEvent of reading.events) {
          // One oversized cell (a 2 000-character agent) is cut to the message limit, never costs the page.
          const { event, cut } = fitEventToLimits(rowEvent);
          cutFields += cut.length;
          if (event.timestamp !== undefined) timedEvents += 1;
          // Identical rows on one page are distinct events (two opens in the same second): number repeats.
          const plain = `${base}:${event.type}`;
          const repeat = seenKeys.get(plain) ?? 0;
          seenKeys.set(plain, repeat + 1);
          const key = repeat === 0 ? plain : `${plain}#${repeat}`;
          row.keys.push(key);
          row.eventIndexes.push(events.length);
          rowKeys.push(key);
          events.push({ ...event, sourceIndex: index });
        }
        rows.push(row);
      }
      if ((done & 15) === 0) {
        options.onProgress?.(done, totalRows);
        await checkpoint();
      }
    }
    const eventRows = rows.length - start.rows;
    const declared = adapter.pageKindFor?.(url) !== undefined || adapter.defaultEventType !== undefined;
    // A table is an engagement table only when its rows carry events: an "event" column whose words mostly name
    // no event ("New", "Qualified", "Open" in a contacts list's lead status) is a status of something else, and
    // event rows without any time are not an activity log — unless the adapter declares this page's kind.
    // Open/click counts per person are a report only where the adapter reads such pages or the table's title says
    // it lists openers/clickers: a contacts list's "Opens" column is a statistic of the contact, not an event.
    const countsDeclared =
      adapter.pageKinds.includes('recipient-counts') ||
      (tableOptions.tableTitles ?? []).some((title) => typeFromHeader(title) !== undefined);
    // Rows that gave nothing (no open, click, delivery or link: a campaign list's "Sent" rows, an A/B
    // variant's counts) make a look-alike, not a report. An empty table is still a report with no events yet, and
    // so is a page the adapter declares whose rows so far only say the message was sent.
    const productive =
      eventRows > 0 ||
      deliveries.length > start.deliveries ||
      linkStats.length > start.linkStats ||
      table.rows.length === layoutRows ||
      (declared && sentEvents.length > start.sent);
    const notEvents =
      !productive ||
      (reader.pageKind === 'recipient-counts' && !countsDeclared) ||
      unknownEvents > eventRows ||
      (unknownEvents >= 2 && unknownEvents * 4 >= eventRows) ||
      (!declared && eventRows > 0 && timedEvents === 0 && !reader.columns.timestamp && (reader.pageKind === 'event-activity' || reader.pageKind === 'message-events'));
    if (notEvents) {
      events.length = start.events;
      rowKeys.length = start.events;
      rows.length = start.rows;
      deliveries.length = start.deliveries;
      linkStats.length = start.linkStats;
      sentEvents.length = start.sent;
      continue;
    }
    kinds.push(reader.pageKind);
    readTables.push(table);
  }
  longestChunkMs = Math.max(longestChunkMs, now() - chunkStart);
  options.onProgress?.(done, totalRows);

  // Per-event pages win over count pages (they say more), count pages over link tables.
  const precedence: PageKind[] = ['event-activity', 'message-events', 'recipient-counts', 'link-clicks'];
  // The URL's kind unless the tables read say otherwise (an "Activity" tab that lists events, not counts).
  const perEvent = kinds.includes('event-activity') || kinds.includes('message-events');
  if (pageKind === undefined || ((pageKind === 'recipient-counts' || pageKind === 'link-clicks') && perEvent)) {
    pageKind = precedence.find((kind) => kinds.includes(kind)) ?? pageKind;
  }
  const campaign: Campaign = { esp: adapter.id, events, id: campaignKey };
  if (name) campaign.name = name.slice(0, CAMPAIGN_FIELD_LIMITS.name);
  // No "Sent" label on the page: the earliest processed/accepted event of the rows is the send time.
  // A loop, not Math.min(...list): spreading 200 000 values overflows the call stack.
  let sentFromRows: number | undefined;
  for (const sent of sentEvents) if (sentFromRows === undefined || sent < sentFromRows) sentFromRows = sent;
  if (sentAt !== undefined) campaign.sentAt = sentAt;
  else if (sentFromRows !== undefined) campaign.sentAt = sentFromRows;
  if (deliveries.length > 0) campaign.deliveries = deliveries;
  const deliveredCount =
    deliveredStatement === undefined
      ? espTotals?.delivered
      : deliveredStatement.basis === 'audience'
        ? Math.max(0, deliveredStatement.count - bounced.size)
        : deliveredStatement.count;
  if (deliveredCount !== undefined) campaign.deliveredCount = deliveredCount;
  if (espTotals) campaign.espTotals = espTotals;
  if (account) campaign.account = account.slice(0, CAMPAIGN_FIELD_LIMITS.account);
  if (linkStats.length > 0) campaign.linkStats = linkStats;
  return { pageKind, tables: readTables, campaign, rowKeys, rows, campaignKey, identity, totalRows, longestChunkMs, cutFields };
}
