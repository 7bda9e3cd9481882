// Reads one row whose cells were matched to fields by header wording (src/shared/columns.ts): a generic CSV
// row, or a flat JSON record of an unknown export whose keys read like headers.
import { isSendEventType, normalizeEventType, type ColumnField, type ColumnMap } from '../shared/columns';
import { parseDate } from '../shared/dates';
import { botFlag, quote } from './record-fields';
import { RecordProblem, type NormalizedRecord, type RecordKind } from './types';

export interface MappedRowOptions {
  dayFirst: boolean;
  timeZone?: string;
  /** The kind of a row when no column says it ('other' = decide by the URL cell). */
  defaultKind: RecordKind;
}

// An IP cell holds hex digits, dots and colons only; a "Location" column may hold a place instead.
const IP_LIKE = /^[0-9a-f:.]+$/i;

export function readMappedRow(
  cells: ReadonlyArray<string | undefined>,
  columns: ColumnMap,
  options: MappedRowOptions,
): NormalizedRecord | NormalizedRecord[] {
  const cell = (field: ColumnField): string | undefined => cellOf(cells, columns, field);
  const header = (field: ColumnField): string => columns[field]?.header ?? field;

  const recipient = cell('recipient')?.toLowerCase();
  const dateText = cell('timestamp');
  const timeOfDayText = cell('timeOfDay');
  let timestamp: number | undefined;
  if (dateText !== undefined) {
    const dateOptions: { dayFirst: boolean; timeZone?: string } = { dayFirst: options.dayFirst };
    if (options.timeZone) dateOptions.timeZone = options.timeZone;
    // "Date" + "Time" columns: read them together; a date cell that already has its time reads alone.
    if (timeOfDayText !== undefined) timestamp = parseDate(`${dateText} ${timeOfDayText}`, dateOptions);
    timestamp ??= parseDate(dateText, dateOptions);
    if (timestamp === undefined) throw new RecordProblem(`${header('timestamp')} ${quote(dateText)} is not a date`);
  }
  const ipText = cell('ip');
  const ip = ipText !== undefined && IP_LIKE.test(ipText) && /[.:]/.test(ipText) ? ipText : undefined;
  const botText = cell('botHint');
  const bot = botText === undefined ? undefined : botFlag(botText);
  const base: NormalizedRecord = { kind: 'other' };
  if (recipient !== undefined) base.recipient = recipient;
  if (timestamp !== undefined) base.timestamp = timestamp;
  if (ip !== undefined) base.ip = ip;
  const userAgent = cell('userAgent');
  if (userAgent !== undefined) base.userAgent = userAgent;
  const messageId = cell('messageId');
  if (messageId !== undefined) base.messageId = messageId;
  if (bot !== undefined) base.sourceBotHint = /^(true|1|yes|y)$/i.test(bot) ? header('botHint') : `${header('botHint')}:${bot}`;
  const url = cell('url');

  if (columns.eventType) {
    const kind = kindOfTypeText(cell('eventType') ?? '');
    if (kind === 'click' && url !== undefined) base.url = url;
    return checked({ ...base, kind });
  }
  if (columns.opens || columns.clicks) {
    // A recipient-level table ("Email, Opens, Clicks"): one open and one click record with their counts.
    const records: NormalizedRecord[] = [];
    for (const [field, kind] of [['opens', 'open'], ['clicks', 'click']] as const) {
      const text = cell(field);
      if (text === undefined) continue;
      const count = Number(text.replace(/[\s,]/g, ''));
      if (!Number.isFinite(count) || count < 0) throw new RecordProblem(`${header(field)} ${quote(text)} is not a count`);
      if (count > 0) records.push({ ...base, kind, count });
    }
    return records.map(checked);
  }
  const kind: RecordKind = options.defaultKind !== 'other' ? options.defaultKind : url !== undefined ? 'click' : 'open';
  if (kind === 'click' && url !== undefined) base.url = url;
  return checked({ ...base, kind });
}

function cellOf(cells: ReadonlyArray<string | undefined>, columns: ColumnMap, field: ColumnField): string | undefined {
  const match = columns[field];
  if (!match) return undefined;
  const value = cells[match.index];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

// An export repeats a handful of type words ("Opened", "Clicked") over every row: remember their kinds.
const kindCache = new Map<string, RecordKind>();
const MAX_CACHED_TYPE_WORDS = 1000;

function kindOfTypeText(typeText: string): RecordKind {
  let kind = kindCache.get(typeText);
  if (kind === undefined) {
    const type = normalizeEventType(typeText);
    kind = type === 'other' ? (isSendEventType(typeText) ? 'sent' : 'other') : type;
    if (kindCache.size >= MAX_CACHED_TYPE_WORDS) kindCache.clear();
    kindCache.set(typeText, kind);
  }
  return kind;
}

function checked(record: NormalizedRecord): NormalizedRecord {
  if ((record.kind === 'open' || record.kind === 'click') && record.recipient === undefined && record.timestamp === undefined) {
    throw new RecordProblem(`this ${record.kind} has neither a recipient nor a time`);
  }
  return record;
}
