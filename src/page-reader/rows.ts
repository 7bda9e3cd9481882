// Turns the rows of one found table into events, deliveries or link stats. Columns come from the header text
// through the shared vocabulary (src/shared/columns.ts), dates through src/shared/dates.ts, so the page reader
// and the export importers read "Opened at", "Client IP" or "13/02/2025 17:08" the same way.
import type { ColumnMap } from '../shared/columns';
import { emailAddressesIn } from '../shared/cell-values';
import { parseDate, zoneFromLabel } from '../shared/dates';
import type { Delivery, EngagementEvent, EventType, LinkStat } from '../shared/types';
import type { PageKind } from '../adapters/types';
import { agentInRow, agentText, botHintOf, cellAt, findIp, readCount, readRecipient, readTime, readUrl, URL_TEXT } from './cell-values';
import { findUniqueClicksColumn, pageKindOfColumns, tableColumns, typeFromHeader } from './columns';
import { detailOf, readDetail } from './detail-panels';
import { textOf } from './dom-walk';
import { eventWordOf, type EventWordKind } from './event-words';
import type { FoundTable } from './find-tables';

// Bounced and failed deliveries in the words ESP pages use (English, German, French, Spanish, Portuguese).
const BOUNCE_WORDS = /bounce|fail|reject|undeliver|dropped|blocked|abgewiesen|unzustellbar|fehlgeschlagen|rebond|échou|rebot|rechaz|fall[oó]|devolvid|rejeitad/i;
/** A "recipient" cell that holds only a number ("500", "4,000", "41 %"): a count of people, not a person. */
const COUNT_ONLY = /^[\d\s,.%]+$/;

/**
 * The addresses a short row shows ("Jordan Blake <jordan@…>" heading a group of rows), or undefined for a row
 * too long to be a header (a data row, a long note).
 */
export function addressesOfShortRow(row: Element): string[] | undefined {
  const text = textOf(row, 400);
  return text.length <= 300 ? emailAddressesIn(text) : undefined;
}

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
  /** `unknownEvent`: the event cell holds words that name no event ("New", "Qualified"): not an event column. */
  | {
      kind: 'skipped';
      why: string;
      unknownEvent?: boolean;
      notData?: boolean;
      /** The recipient of a bounce/failure row: not delivered, though the page's "sent to N" counts them. */
      bounced?: string;
    };

export interface TableReader {
  table: FoundTable;
  columns: ColumnMap;
  pageKind: PageKind;
  /** Column of unique clicks in a link table (the shared vocabulary maps one column per field). */
  uniqueClicksColumn?: number;
  readRow(row: Element): RowReading;
}

export function tableReader(table: FoundTable, tableOptions: ReadOptions): TableReader | undefined {
  const { columns, linkCounts } = tableColumns(table.headers);
  // "Date (GMT+00:00)", "Zeit (MEZ)": the time column's own zone wins over the page's statement.
  const headerZone = columns.timestamp ? zoneFromLabel(table.headers[columns.timestamp.index] ?? '') : undefined;
  const options: ReadOptions = headerZone ? { ...tableOptions, timeZone: headerZone } : tableOptions;
  const pageKind = pageKindOfColumns(columns);
  if (!pageKind) return undefined;
  const uniqueClicksColumn =
    pageKind === 'link-clicks' ? (linkCounts.unique !== undefined && linkCounts.unique !== columns.clicks?.index ? linkCounts.unique : findUniqueClicksColumn(table.headers, columns)) : undefined;
  const impliedType =
    options.defaultEventType ??
    typeFromHeader(columns.timestamp?.header) ??
    typeFromHeader(columns.url?.header) ??
    (options.tableTitles ?? []).map(typeFromHeader).find((type) => type !== undefined);

  // "Date" | "Time" in two columns: the row's time is the two together ("Dec 4, 2026" + "12:05 PM").
  const readRowTime = (cells: Array<Element | undefined>): number | undefined => {
    const dateCell = cellAt(cells, columns.timestamp);
    const timeCell = columns.timeOfDay ? cellAt(cells, columns.timeOfDay) : undefined;
    const timeText = timeCell ? textOf(timeCell) : '';
    const dateText = timeText ? textOf(dateCell) : '';
    if (timeText && dateText && !/\d:\d\d/.test(dateText)) {
      const together = parseDate(`${dateText} ${timeText}`, options);
      if (together !== undefined) return together;
    }
    return readTime(dateCell, options);
  };

  // A group header row ("Jordan Blake <jordan@…>" across the table) names the recipient of the rows under it.
  let groupRecipient: string | undefined;

  const readEventRow = (row: Element, cells: Array<Element | undefined>): RowReading => {
    const typeCell = cellAt(cells, columns.eventType);
    const word = typeCell ? eventWordOf(typeCell) : undefined;
    const rowText = textOf(row);
    const urlCell = cellAt(cells, columns.url);
    // No link column: a click row still often shows its link (a detail line, a timeline item). The link never
    // says what the event was; only the event cell does (event-words.ts).
    const url =
      readUrl(urlCell, options.pageHost) ??
      readUrl(typeCell, options.pageHost) ??
      (!typeCell || (!urlCell && word?.kind === 'click') ? readUrl(row, options.pageHost) : undefined);
    let kind: EventWordKind = word?.kind ?? 'unknown';
    // No event column, or an empty event cell: the table's title or its time/link header says the type.
    if (!word || (kind === 'unknown' && word.text === '')) kind = impliedType ?? (urlCell && url ? 'click' : 'unknown');
    // A machine tag alone ("Filtered", "Loaded by proxy"): an image load is an open; otherwise the table's type,
    // else a row with a clicked link is a click and one without is an open.
    if (kind === 'machine') kind = /\bload|image|pixel/i.test(word?.text ?? '') ? 'open' : impliedType ?? (url ? 'click' : 'open');
    const recipient = readRecipient(cellAt(cells, columns.recipient), row) ?? groupRecipient ?? options.pageRecipient;
    const timestamp = readRowTime(cells);
    // "Recipients 500" and no time: a row about a campaign or an A/B variant, not one person's event.
    if (timestamp === undefined && recipient !== undefined && COUNT_ONLY.test(recipient)) return { kind: 'skipped', why: 'a count, not a recipient' };
    if (kind === 'delivered') {
      if (!recipient || timestamp === undefined) return { kind: 'skipped', why: 'delivery without recipient or time' };
      return { kind: 'delivery', delivery: { recipient, deliveredAt: timestamp } };
    }
    if (kind === 'sent' && timestamp !== undefined) return { kind: 'sent', sentAt: timestamp };
    if (kind !== 'open' && kind !== 'click') {
      const skipped: RowReading = { kind: 'skipped', why: `not an engagement event: ${word?.text ?? ''}`, unknownEvent: kind === 'unknown' && !!word?.text };
      if (kind === 'other-event' && recipient && BOUNCE_WORDS.test(word?.text ?? '')) skipped.bounced = recipient;
      return skipped;
    }
    const ipCell = cellAt(cells, columns.ip);
    const event: RowEvent = { type: kind };
    if (recipient) event.recipient = recipient;
    if (timestamp !== undefined) event.timestamp = timestamp;
    // An expanded row shows what the columns leave out; the row's own cells win where both say something.
    const detailElement = detailOf(row, table);
    const detail = detailElement ? readDetail(detailElement) : {};
    // A "Location" column may hold a city: the address is then elsewhere in the row.
    const ip = (ipCell ? findIp(textOf(ipCell)) : undefined) ?? findIp(rowText) ?? (detail.ip ? findIp(detail.ip) : undefined);
    if (ip) event.ip = ip;
    const userAgent = agentText(cellAt(cells, columns.userAgent), columns) || detail.userAgent || agentInRow(row);
    if (userAgent) event.userAgent = userAgent;
    const detailUrl = detail.url ? URL_TEXT.exec(detail.url)?.[0] : undefined;
    if (kind === 'click' && (url ?? detailUrl)) event.url = url ?? detailUrl;
    const messageId = textOf(cellAt(cells, columns.messageId)) || detail.messageId;
    if (messageId) event.messageId = messageId;
    const botHint = botHintOf(cellAt(cells, columns.botHint)) ?? word?.machineTag;
    if (botHint) event.sourceBotHint = botHint;
    return { kind: 'events', events: [event] };
  };

  const readCountsRow = (row: Element, cells: Array<Element | undefined>): RowReading => {
    const recipient = readRecipient(cellAt(cells, columns.recipient), row);
    // "Recipients 500" on a campaign or A/B variant row is a count of people, not a person.
    if (!recipient || COUNT_ONLY.test(recipient)) return { kind: 'skipped', why: 'no recipient' };
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
      // Expanded detail rows and group headers span the table with one cell: not data. A group header with one
      // address names the recipient of the rows that follow, until the next one.
      if (cells.filter(Boolean).length < Math.min(2, table.headers.length)) {
        const addresses = addressesOfShortRow(row);
        if (addresses?.length === 1) groupRecipient = addresses[0];
        return { kind: 'skipped', why: 'not a data row', notData: true };
      }
      if (pageKind === 'link-clicks') return readLinkRow(cells);
      if (pageKind === 'recipient-counts') return readCountsRow(row, cells);
      return readEventRow(row, cells);
    },
  };
}

