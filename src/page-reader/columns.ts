// Which columns a found table has, from what its header cells say (the shared vocabulary in src/shared/columns.ts),
// and what kind of page those columns make. A list without a header row gets its columns guessed from its cells.
import { inferColumns, normalizeEventType, normalizeHeader, type ColumnField, type ColumnMap } from '../shared/columns';
import { parseDate } from '../shared/dates';
import type { EventType } from '../shared/types';
import type { PageKind } from '../adapters/types';
import type { HeaderGuess } from './find-tables';
import { EMAIL_ADDRESS, findIp } from '../shared/cell-values';
import { URL_TEXT } from './cell-values';
import { eventWordKind, type EventWordKind } from './event-words';

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
// An info glyph and the tooltip text after it ("User agent ⓘ As reported by the client"): not the column's name.
const INFO_NOTE = /\s*[\u24d8\u2139\u{1F6C8}]\uFE0F?(?:\s.*)?$/u;
// A bracketed note after the column's name says its zone or unit ("Date (GMT+00:00)", "Time [UTC]"): not its name.
const BRACKETED_NOTE = /\s*[([][^()[\]]{1,40}[)\]]\s*$/;
// A share or rate of clicks/opens ("Click rate", "% of clicks") is not a count.
const RATE_HEADER = /%|\b(?:rate|percent|percentage|ratio|share)\b/i;

/** Columns named by the headers, keeping only confident matches. */
export function headerColumns(headers: string[]): ColumnMap {
  if (headers.some((header) => header.length > MAX_HEADER_LENGTH)) return {};
  const columns = inferColumns(headers.map((header) => (header ?? '').replace(INFO_NOTE, '').replace(SORT_HINT, '').replace(BRACKETED_NOTE, '')));
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

/** Which event a timestamp header implies when there is no event column ("Opened at", "Click time"). */
export function typeFromHeader(header: string | undefined): EventType | undefined {
  const kind = header ? normalizeEventType(header) : 'other';
  return kind === 'open' || kind === 'click' ? kind : undefined;
}

export function findUniqueClicksColumn(headers: string[], columns: ColumnMap): number | undefined {
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
export function linkCountColumns(headers: string[], columns: ColumnMap): { total?: number; unique?: number } {
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
export function tableColumns(headers: string[]): { columns: ColumnMap; linkCounts: { total?: number; unique?: number } } {
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

/**
 * Header texts for a list without a header row, from its cells: a column of event words ("Opened",
 * "Link clicked", "Delivered"), one of dates, one of addresses, IPs or links. Needs an event column and a
 * date column, each filled in most rows, and at least two rows: a menu or a card list never qualifies.
 */
// "Open", "View", "Read", "Click" alone are buttons on a list of things, not events that happened; a link or an
// address never names an event (event-words.ts strips them).
const GUESSED_EVENT_KINDS = new Set<EventWordKind>(['open', 'click', 'delivered', 'sent', 'machine']);
const isEvent = (text: string) =>
  text.length <= 40 && !/^(?:open|view|read|click|details|preview)$/i.test(text) && GUESSED_EVENT_KINDS.has(eventWordKind(text));

export const guessHeadersFromCells: HeaderGuess = (sample) => {
  if (sample.length < 2) return undefined;
  const width = Math.max(...sample.map((cells) => cells.length));
  // Cheap gate first (this runs on every repeated-children container of a page): some cell names an event.
  if (!sample.some((cells) => cells.some(isEvent))) return undefined;
  const headers: string[] = [];
  const most = (test: (text: string) => boolean, column: number) => {
    const texts = sample.map((cells) => cells[column] ?? '').filter((text) => text.length > 0);
    return texts.length >= 2 && texts.filter(test).length / sample.length >= 0.6;
  };
  const isDate = (text: string) => /\d/.test(text) && text.length <= 60 && parseDate(text, { now: Date.now() }) !== undefined && !EMAIL_ADDRESS.test(text);
  for (let column = 0; column < width; column += 1) {
    if (!headers.includes('Event') && most(isEvent, column)) headers.push('Event');
    else if (!headers.includes('Time') && most(isDate, column)) headers.push('Time');
    else if (!headers.includes('Email') && most((text) => EMAIL_ADDRESS.test(text), column)) headers.push('Email');
    else if (!headers.includes('IP') && most((text) => findIp(text) !== undefined, column)) headers.push('IP');
    else if (!headers.includes('URL') && most((text) => URL_TEXT.test(text), column)) headers.push('URL');
    else headers.push('');
  }
  return headers.includes('Event') && headers.includes('Time') ? headers : undefined;
};
