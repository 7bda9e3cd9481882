// Turns the rows of one found table into events, deliveries or link stats. Columns come from the header text
// through the shared vocabulary (src/shared/columns.ts), dates through src/shared/dates.ts, so the page reader
// and the export importers read "Opened at", "Client IP" or "13/02/2025 17:08" the same way.
import { inferColumns, isSendEventType, normalizeEventType, normalizeHeader, type ColumnField, type ColumnMap } from '../../shared/columns';
import { parseDate } from '../../shared/dates';
import type { Delivery, EngagementEvent, EventType, LinkStat } from '../../shared/types';
import type { PageKind } from '../types';
import { descendants, textOf, type FoundTable, type HeaderGuess } from './find-tables';

export interface ReadOptions {
  /** "Now" for relative dates ("5 minutes ago"). */
  now: number;
  /** The zone the page says its times are in (IANA name or offset); UTC otherwise. */
  timeZone?: string;
  dayFirst?: boolean;
  /** Recipient of a per-message/per-profile page whose rows have no recipient column. */
  pageRecipient?: string;
  /** Event type of rows in a table without an event column. */
  defaultEventType?: EventType;
  /** Titles around the table ("Opened", the selected "Clicked" tab): the rows' type when nothing else says it. */
  tableTitles?: string[];
  /** The page's own host: links back into the ESP app are navigation, not the clicked URL. */
  pageHost?: string;
}

/** An event before it gets its page-wide sourceIndex. */
export type RowEvent = Omit<EngagementEvent, 'sourceIndex'>;

export type RowReading =
  | { kind: 'events'; events: RowEvent[] }
  | { kind: 'delivery'; delivery: Delivery }
  | { kind: 'link'; linkStat: LinkStat }
  /** "Processed"/"Accepted"/"Sent": the message entered the ESP's pipeline — the send time when no page label says it. */
  | { kind: 'sent'; sentAt: number }
  | { kind: 'skipped'; why: string };

export interface TableReader {
  table: FoundTable;
  columns: ColumnMap;
  pageKind: PageKind;
  /** Column of unique clicks in a link table (the shared vocabulary maps one column per field). */
  uniqueClicksColumn?: number;
  readRow(row: Element): RowReading;
}

/** What a header row says the table is, or undefined when it is not engagement data. */
export function pageKindOfColumns(columns: ColumnMap): PageKind | undefined {
  const has = (field: ColumnField) => columns[field] !== undefined;
  const mapped = Object.keys(columns).length;
  if (has('url') && has('clicks') && !has('recipient') && !has('eventType')) return 'link-clicks';
  if (has('recipient') && (has('opens') || has('clicks')) && !has('eventType')) return 'recipient-counts';
  if (mapped < 2) return undefined;
  if (has('eventType') && (has('timestamp') || has('recipient'))) return 'event-activity';
  if (has('timestamp') && (has('recipient') || has('ip') || has('userAgent') || has('url'))) return 'event-activity';
  return undefined;
}

// A header that only *contains* a known word in a long text ("Broadcasts stream · Time zone: UTC") is page
// chrome, not a column: columns are kept when the wording covers enough of the header (shared/columns.ts scores
// 0.4 + 0.5 × coverage for partial matches, 1 for exact ones), and header cells are short.
const MIN_COLUMN_CONFIDENCE = 0.55;
const MAX_HEADER_LENGTH = 60;

// Screen-reader hints that sortable table kits put inside the header cell ("Date Sorted descending",
// "Email address, activate to sort column ascending", "Event Sortable"): not part of the column's name.
const SORT_HINT = /[\s,;:–-]*\b(?:(?:click|activate|press) to sort\b.*|sort(?:ed|able)?(?: (?:by )?(?:column )?(?:ascending|descending|asc|desc|a to z|z to a))?|not sorted)\s*$/i;
// A share or rate of clicks/opens ("Click rate", "% of clicks") is not a count.
const RATE_HEADER = /%|\b(?:rate|percent|percentage|ratio|share)\b/i;

/** Columns named by the headers, keeping only confident matches. */
export function headerColumns(headers: string[]): ColumnMap {
  if (headers.some((header) => header.length > MAX_HEADER_LENGTH)) return {};
  const columns = inferColumns(headers.map((header) => (header ?? '').replace(SORT_HINT, '')));
  for (const field of Object.keys(columns) as ColumnField[]) {
    if ((columns[field]?.confidence ?? 0) < MIN_COLUMN_CONFIDENCE) delete columns[field];
  }
  for (const field of ['clicks', 'opens'] as const) {
    if (columns[field] && RATE_HEADER.test(columns[field].header)) delete columns[field];
  }
  return columns;
}

/** The test `findTables` uses to keep only tables whose headers name engagement data. */
export function isEngagementHeader(headers: string[]): boolean {
  return pageKindOfColumns(tableColumns(headers).columns) !== undefined;
}

const EMAIL = /[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}/i;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/;
// IPv6 needs "::" or at least five colons, so a time like 17:08:31 never reads as an address.
const IPV6 = /\b(?:[0-9a-f]{1,4}:){1,7}(?::|(?::[0-9a-f]{1,4}){1,7}|[0-9a-f]{1,4})\b/i;
const URL_TEXT = /\bhttps?:\/\/[^\s"'<>]+/i;

function findIp(text: string): string | undefined {
  const v4 = IPV4.exec(text)?.[0];
  if (v4) return v4;
  const v6 = IPV6.exec(text)?.[0];
  if (v6 && (v6.includes('::') || v6.split(':').length >= 6)) return v6.toLowerCase();
  return undefined;
}

function cellAt(cells: Array<Element | undefined>, match: { index: number } | undefined): Element | undefined {
  return match ? cells[match.index] : undefined;
}

/** A cell's full value: ESPs truncate long user agents and URLs visually and keep the whole text in a title. */
function fullText(cell: Element | undefined): string {
  if (!cell) return '';
  const text = textOf(cell);
  const titled =
    cell.getAttribute('title') ?? (cell.childElementCount > 0 ? descendants(cell).find((e) => e.hasAttribute('title'))?.getAttribute('title') : undefined) ?? '';
  return titled.length > text.replace(/…$/, '').length && titled.startsWith(text.replace(/…$/, '').slice(0, 8)) ? titled : text;
}

// A user-agent string names products with versions ("Mozilla/5.0 (…)", "python-requests/2.31") or a bot by
// name. "Device", "Client", "Browser" columns more often hold a category ("Desktop", "Mobile", "Apple Mail",
// "Gmail"): passed on as an agent, a bare word reads as a non-browser client (bot-ua) to the classifier.
const AGENT_SHAPE = /[a-z][\w.+-]*\/\d|\b(?:bot|crawler|spider|proxy|scanner|headless|preview|discovery|sentinel)\b/i;

/**
 * The row's user agent: the whole cell under a "User agent" header, a category column's cell only when it is
 * one. A short client name ("Chrome 99 / Windows", "Gmail") often carries the full agent in its tooltip.
 */
function agentText(cell: Element | undefined, columns: ColumnMap): string {
  if (!cell) return '';
  const text = fullText(cell);
  if (text === 'Mozilla/5.0' || AGENT_SHAPE.test(text)) return text;
  const titles = [cell, ...(cell.childElementCount > 0 ? descendants(cell) : [])].map((element) => element.getAttribute('title') ?? '');
  const titled = titles.find((title) => title.length > 0 && (title.trim() === 'Mozilla/5.0' || AGENT_SHAPE.test(title)));
  if (titled) return titled.trim();
  if (!text || /^[-–—]$/.test(text)) return '';
  return (columns.userAgent?.confidence ?? 0) >= 1 ? text : '';
}

// ESPs tag machine events beside the event name ("Opened" + an "Apple Privacy" / "Machine open" / "Bot" tag);
// the tag, with its tooltip, is the ESP's own hint (like SendGrid's sg_machine_open in exports).
const MACHINE_TAG = /\b(?:apple (?:mail )?privacy|privacy protection|machine (?:open|click)s?|mpp|bots?|bot (?:open|click)|prefetch(?:ed)?|filtered)\b/i;

function machineTag(typeCell: Element | undefined, typeText: string): string {
  if (!typeCell || typeCell.childElementCount === 0) return '';
  const inner = descendants(typeCell);
  // Most event cells hold one pill: look closer only when the text or a tooltip names a machine.
  if (!MACHINE_TAG.test(typeText) && !inner.some((element) => MACHINE_TAG.test(element.getAttribute('title') ?? ''))) return '';
  for (const element of inner) {
    const text = `${textOf(element, 120)} ${element.getAttribute('title') ?? ''} ${element.getAttribute('aria-label') ?? ''}`.trim();
    if (MACHINE_TAG.test(text)) return text;
  }
  return '';
}

function readTime(cell: Element | undefined, options: ReadOptions): number | undefined {
  if (!cell) return undefined;
  const dateOptions = { now: options.now, timeZone: options.timeZone, dayFirst: options.dayFirst };
  const inner = cell.childElementCount > 0 ? descendants(cell) : [];
  const machine = cell.getAttribute('datetime') ?? inner.find((e) => e.hasAttribute('datetime'))?.getAttribute('datetime');
  if (machine) {
    const parsed = parseDate(machine, dateOptions);
    if (parsed !== undefined) return parsed;
  }
  // "5 minutes ago" with the exact time in a tooltip: the tooltip is more precise.
  for (const titled of [cell, ...inner.filter((e) => e.hasAttribute('title'))]) {
    const title = titled.getAttribute('title');
    const parsed = title ? parseDate(title, dateOptions) : undefined;
    if (parsed !== undefined) return parsed;
  }
  return parseDate(textOf(cell), dateOptions);
}

function readUrl(cell: Element | undefined, pageHost: string | undefined): string | undefined {
  if (!cell) return undefined;
  const anchors = cell.tagName === 'A' ? [cell] : cell.childElementCount > 0 ? descendants(cell).filter((e) => e.tagName === 'A') : [];
  for (const anchor of anchors) {
    const href = anchor.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) continue;
    try {
      if (pageHost && new URL(href).host === pageHost) continue;
    } catch {
      continue;
    }
    return href;
  }
  const text = fullText(cell);
  return URL_TEXT.exec(text)?.[0] ?? (/^[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*$/i.test(text) ? text : undefined);
}

function readRecipient(cell: Element | undefined, row?: Element): string | undefined {
  // No column names the recipient (an unknown wording, an untitled first column): an address in the row is one.
  if (!cell) return row ? EMAIL.exec(textOf(row))?.[0]?.toLowerCase() : undefined;
  const text = textOf(cell);
  const email =
    EMAIL.exec(text)?.[0] ??
    EMAIL.exec((cell.childElementCount > 0 ? descendants(cell).find((e) => /^mailto:/i.test(e.getAttribute('href') ?? '')) : undefined)?.getAttribute('href') ?? '')?.[0] ??
    // "Contact" named the person and an "Email" column beside it holds the address.
    (row ? EMAIL.exec(textOf(row))?.[0] : undefined);
  if (email) return email.toLowerCase();
  // No address shown: the ESP's contact name/id still groups a person's events (without a "?" or "–" avatar
  // placeholder in front of it).
  const name = text.replace(/^[^\p{L}\p{N}]+/u, '');
  return name.length > 0 && name.length <= 200 ? name.toLowerCase() : undefined;
}

// Fields an expanded detail row may add to the event row above it (Mailgun/SendGrid/Postmark "expand" panels
// list "IP address", "User agent", "URL" as label/value pairs under the row, in a one-cell row or panel).
const DETAIL_FIELDS: readonly ColumnField[] = ['ip', 'userAgent', 'url', 'messageId'];
const LABEL_VALUE = /^([^:]{2,40}):\s*(\S.*)$/;

/** The field a short label names ("IP address", "User-Agent", "Clicked URL"), when it names one confidently. */
function detailFieldOf(label: string): ColumnField | undefined {
  const trimmed = label.replace(/[:：]\s*$/, '').trim();
  if (trimmed.length < 2 || trimmed.length > 40) return undefined;
  const columns = headerColumns([trimmed]);
  return DETAIL_FIELDS.find((field) => columns[field] !== undefined);
}

/**
 * The expanded detail under a row: the next sibling when it is not a data row itself (a `<tr>` with one
 * spanning cell, a panel div without cells). Returns undefined when the next sibling is another data row.
 */
function detailOf(row: Element, table: FoundTable): Element | undefined {
  const next = row.nextElementSibling;
  if (!next) return undefined;
  // The next data row (the common case, cheap to tell): same element with several children.
  if (next.tagName === row.tagName && next.childElementCount >= 2 && next.getAttribute('role') === row.getAttribute('role')) {
    if (table.kind !== 'aria' || next.childElementCount === row.childElementCount) return undefined;
  }
  if (table.cellsOf(next).filter(Boolean).length >= 2) return undefined;
  return textOf(next, 20) ? next : undefined;
}

/** Label/value pairs of a detail panel (`<dt>/<dd>`, `<th>/<td>`, label + value spans, "Label: value" text). */
function readDetail(detail: Element): Partial<Record<ColumnField, string>> {
  const found: Partial<Record<ColumnField, string>> = {};
  for (const element of descendants(detail, 400)) {
    if (element.childElementCount > 1) continue;
    const text = textOf(element, 200);
    const inline = LABEL_VALUE.exec(text);
    let field = detailFieldOf(text);
    let value: string | undefined;
    if (field) {
      const valueElement = element.nextElementSibling ?? (element.parentElement !== detail ? element.parentElement?.nextElementSibling : null);
      value = valueElement ? fullText(valueElement) : undefined;
    } else if (inline && (field = detailFieldOf(inline[1] ?? ''))) {
      value = inline[2];
    }
    if (field && value && found[field] === undefined) found[field] = value.trim();
  }
  return found;
}

/** "1,204" → 1204; "—" or "" → 0; "3 (1 unique)" → 3. */
function readCount(cell: Element | undefined): number | undefined {
  if (!cell) return undefined;
  const digits = /\d[\d,.\u202f\u00a0 ]*/.exec(textOf(cell))?.[0];
  if (!digits) return 0;
  const value = Number(digits.replace(/[^\d]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** Which event a timestamp header implies when there is no event column ("Opened at", "Click time"). */
function typeFromHeader(header: string | undefined): EventType | undefined {
  const kind = header ? normalizeEventType(header) : 'other';
  return kind === 'open' || kind === 'click' ? kind : undefined;
}

function findUniqueClicksColumn(headers: string[], columns: ColumnMap): number | undefined {
  const taken = new Set(Object.values(columns).map((match) => match.index));
  const at = headers.findIndex((header, index) => {
    const words = normalizeHeader(header);
    return !taken.has(index) && /\bunique\b/.test(words) && /\bclick/.test(words);
  });
  if (at >= 0) return at;
  // "Unique clicks" took the clicks field: then the total column is the other click column.
  return undefined;
}

/**
 * A link table's total-clicks column: "Unique clicks" may have taken the clicks field while a "Total clicks"
 * (or bare "Total"/"Clicks") column sits beside it; the unique column is then the other one.
 */
function linkCountColumns(headers: string[], columns: ColumnMap): { total?: number; unique?: number } {
  const words = headers.map((header) => normalizeHeader(header.replace(SORT_HINT, '')));
  const isRate = (at: number) => RATE_HEADER.test(headers[at] ?? '');
  const unique = words.findIndex((text, at) => /\bunique\b/.test(text) && !isRate(at) && (/\bclick/.test(text) || text === 'unique'));
  const total = words.findIndex((text, at) => at !== unique && !isRate(at) && (/^(total|total clicks|clicks|all clicks|click count)$/.test(text)));
  const result: { total?: number; unique?: number } = {};
  if (total >= 0) result.total = total;
  else if (columns.clicks && columns.clicks.index !== unique) result.total = columns.clicks.index;
  if (unique >= 0) result.unique = unique;
  return result;
}

/** The columns of a table: header columns, with a link table's total and unique click columns told apart. */
function tableColumns(headers: string[]): { columns: ColumnMap; linkCounts: { total?: number; unique?: number } } {
  const columns = headerColumns(headers);
  // A link table whose count headers are bare ("URL" | "Unique" | "Total") names no clicks field.
  if (columns.url && !columns.clicks && !columns.recipient && !columns.eventType) {
    const { total } = linkCountColumns(headers, columns);
    if (total !== undefined) columns.clicks = { index: total, header: headers[total] ?? '', confidence: 0.6 };
  }
  const linkCounts = columns.clicks && columns.url && !columns.recipient ? linkCountColumns(headers, columns) : {};
  if (linkCounts.total !== undefined && columns.clicks && linkCounts.total !== columns.clicks.index) {
    columns.clicks = { index: linkCounts.total, header: headers[linkCounts.total] ?? '', confidence: columns.clicks.confidence };
  }
  return { columns, linkCounts };
}

export function tableReader(table: FoundTable, options: ReadOptions): TableReader | undefined {
  const { columns, linkCounts } = tableColumns(table.headers);
  const pageKind = pageKindOfColumns(columns);
  if (!pageKind) return undefined;
  const uniqueClicksColumn =
    pageKind === 'link-clicks' ? (linkCounts.unique !== undefined && linkCounts.unique !== columns.clicks?.index ? linkCounts.unique : findUniqueClicksColumn(table.headers, columns)) : undefined;
  const impliedType =
    options.defaultEventType ??
    typeFromHeader(columns.timestamp?.header) ??
    typeFromHeader(columns.url?.header) ??
    (options.tableTitles ?? []).map(typeFromHeader).find((type) => type !== undefined);

  const readEventRow = (row: Element, cells: Array<Element | undefined>): RowReading => {
    const typeCell = cellAt(cells, columns.eventType);
    const typeText = typeCell ? textOf(typeCell) : '';
    const rowText = textOf(row);
    let kind = typeCell ? normalizeEventType(typeText) : 'other';
    const urlCell = cellAt(cells, columns.url);
    // No link column: a click row still often shows its link (a detail line, a timeline item).
    const url =
      readUrl(urlCell, options.pageHost) ??
      readUrl(typeCell, options.pageHost) ??
      (!typeCell || (!urlCell && normalizeEventType(typeText) === 'click') ? readUrl(row, options.pageHost) : undefined);
    if (!typeCell || (kind === 'other' && typeText === '')) kind = impliedType ?? (url ? 'click' : 'other');
    const recipient = readRecipient(cellAt(cells, columns.recipient), row) ?? options.pageRecipient;
    const timestamp = readTime(cellAt(cells, columns.timestamp), options);
    if (kind === 'delivered') {
      if (!recipient || timestamp === undefined) return { kind: 'skipped', why: 'delivery without recipient or time' };
      return { kind: 'delivery', delivery: { recipient, deliveredAt: timestamp } };
    }
    if (kind === 'other' && timestamp !== undefined && isSendEventType(typeText)) return { kind: 'sent', sentAt: timestamp };
    if (kind !== 'open' && kind !== 'click') return { kind: 'skipped', why: `not an engagement event: ${typeText}` };
    const ipCell = cellAt(cells, columns.ip);
    const event: RowEvent = { type: kind };
    if (recipient) event.recipient = recipient;
    if (timestamp !== undefined) event.timestamp = timestamp;
    // An expanded row shows what the columns leave out; the row's own cells win where both say something.
    const detailElement = detailOf(row, table);
    const detail = detailElement ? readDetail(detailElement) : {};
    const ip = findIp(ipCell ? textOf(ipCell) : rowText) ?? (detail.ip ? findIp(detail.ip) : undefined);
    if (ip) event.ip = ip;
    const userAgent = agentText(cellAt(cells, columns.userAgent), columns) || detail.userAgent;
    if (userAgent) event.userAgent = userAgent;
    const detailUrl = detail.url ? URL_TEXT.exec(detail.url)?.[0] : undefined;
    if (kind === 'click' && (url ?? detailUrl)) event.url = url ?? detailUrl;
    const messageId = textOf(cellAt(cells, columns.messageId)) || detail.messageId;
    if (messageId) event.messageId = messageId;
    const botHint = textOf(cellAt(cells, columns.botHint)) || machineTag(typeCell, typeText);
    if (botHint) event.sourceBotHint = botHint.slice(0, 128);
    return { kind: 'events', events: [event] };
  };

  const readCountsRow = (row: Element, cells: Array<Element | undefined>): RowReading => {
    const recipient = readRecipient(cellAt(cells, columns.recipient), row);
    if (!recipient) return { kind: 'skipped', why: 'no recipient' };
    const events: RowEvent[] = [];
    const opens = readCount(cellAt(cells, columns.opens));
    const clicks = readCount(cellAt(cells, columns.clicks));
    const timestamp = readTime(cellAt(cells, columns.timestamp), options);
    const ip = findIp(textOf(cellAt(cells, columns.ip)));
    const userAgent = agentText(cellAt(cells, columns.userAgent), columns);
    const base = { recipient, ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
    if (opens) events.push({ type: 'open', count: opens, ...base, ...(timestamp !== undefined ? { timestamp } : {}) });
    if (clicks) events.push({ type: 'click', count: clicks, ...base });
    if (events.length === 0) return { kind: 'skipped', why: 'no opens or clicks' };
    return { kind: 'events', events };
  };

  const readLinkRow = (cells: Array<Element | undefined>): RowReading => {
    const url = readUrl(cellAt(cells, columns.url), options.pageHost) ?? textOf(cellAt(cells, columns.url));
    const totalClicks = readCount(cellAt(cells, columns.clicks));
    if (!url || totalClicks === undefined) return { kind: 'skipped', why: 'no link or count' };
    const linkStat: LinkStat = { url, totalClicks };
    if (uniqueClicksColumn !== undefined) {
      const unique = readCount(cells[uniqueClicksColumn]);
      if (unique !== undefined) linkStat.uniqueClicks = unique;
    }
    return { kind: 'link', linkStat };
  };

  return {
    table,
    columns,
    pageKind,
    ...(uniqueClicksColumn !== undefined ? { uniqueClicksColumn } : {}),
    readRow(row) {
      const cells = table.cellsOf(row);
      // Expanded detail rows and group headers span the table with one cell: not data.
      if (cells.filter(Boolean).length < Math.min(2, table.headers.length)) return { kind: 'skipped', why: 'not a data row' };
      if (pageKind === 'link-clicks') return readLinkRow(cells);
      if (pageKind === 'recipient-counts') return readCountsRow(row, cells);
      return readEventRow(row, cells);
    },
  };
}

/**
 * Header texts for a list without a header row, from its cells: a column of event words ("Opened",
 * "Link clicked", "Delivered"), one of dates, one of addresses, IPs or links. Needs an event column and a
 * date column, each filled in most rows, and at least two rows: a menu or a card list never qualifies.
 */
export const guessHeadersFromCells: HeaderGuess = (sample) => {
  if (sample.length < 2) return undefined;
  const width = Math.max(...sample.map((cells) => cells.length));
  // Cheap gate first (this runs on every repeated-children container of a page): some cell names an event.
  if (!sample.some((cells) => cells.some((text) => text.length <= 40 && normalizeEventType(text) !== 'other'))) return undefined;
  const headers: string[] = [];
  const most = (test: (text: string) => boolean, column: number) => {
    const texts = sample.map((cells) => cells[column] ?? '').filter((text) => text.length > 0);
    return texts.length >= 2 && texts.filter(test).length / sample.length >= 0.6;
  };
  // "Open", "View", "Read", "Click" alone are buttons on a list of things, not events that happened.
  const isEvent = (text: string) =>
    text.length <= 40 && !/^(?:open|view|read|click|details|preview)$/i.test(text) && (normalizeEventType(text) !== 'other' || isSendEventType(text));
  const isDate = (text: string) => /\d/.test(text) && text.length <= 60 && parseDate(text, { now: Date.now() }) !== undefined && !EMAIL.test(text);
  for (let column = 0; column < width; column += 1) {
    if (!headers.includes('Event') && most(isEvent, column)) headers.push('Event');
    else if (!headers.includes('Time') && most(isDate, column)) headers.push('Time');
    else if (!headers.includes('Email') && most((text) => EMAIL.test(text), column)) headers.push('Email');
    else if (!headers.includes('IP') && most((text) => findIp(text) !== undefined, column)) headers.push('IP');
    else if (!headers.includes('URL') && most((text) => URL_TEXT.test(text), column)) headers.push('URL');
    else headers.push('');
  }
  return headers.includes('Event') && headers.includes('Time') ? headers : undefined;
};
