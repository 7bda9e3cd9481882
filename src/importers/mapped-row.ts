// Reads one row whose cells were matched to fields by header wording (src/shared/columns.ts): a generic CSV
// row, or a flat JSON record of an unknown export whose keys read like headers.
import { isSendEventType, normalizeEventType, normalizeHeader, type ColumnField, type ColumnMap } from '../shared/columns';
import { parseDate } from '../shared/dates';
import { botFlag, extractIp, quote } from './record-fields';
import { parseCount } from '../shared/cell-values';
import { RecordProblem, type NormalizedRecord, type RecordKind } from './types';

export interface MappedRowOptions {
  dayFirst: boolean;
  timeZone?: string;
  /** The kind of a row when no column says it ('other' = decide by the URL cell). */
  defaultKind: RecordKind;
}


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
  const ip = ipText === undefined ? undefined : extractIp(ipText);
  const botText = cell('botHint');
  const bot = botText === undefined ? undefined : botFlag(botText);
  const base: NormalizedRecord = { kind: 'other' };
  if (recipient !== undefined) base.recipient = recipient;
  if (timestamp !== undefined) base.timestamp = timestamp;
  if (ip !== undefined) base.ip = ip;
  const userAgent = cell('userAgent');
  if (userAgent !== undefined && (namesUserAgent(header('userAgent')) || looksLikeUserAgent(userAgent))) {
    base.userAgent = userAgent;
  }
  const mailExchange = cell('mailExchange');
  if (mailExchange !== undefined && /^[a-z0-9.-]+\.[a-z]{2,}\.?$/i.test(mailExchange)) base.mailExchange = mailExchange;
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
      const flag = /^(yes|y|true|x|ja|oui|si|sí)$/i.test(text) ? 1 : /^(no|n|false|nein|non|nee)$/i.test(text) ? 0 : undefined;
      const count = flag ?? parseCount(text) ?? Number.NaN;
      if (!Number.isFinite(count) || count < 0) throw new RecordProblem(`${header(field)} ${quote(text)} is not a count`);
      if (count > 0) records.push({ ...base, kind, count });
    }
    return records.map(checked);
  }
  const kind: RecordKind = options.defaultKind !== 'other' ? options.defaultKind : url !== undefined ? 'click' : 'open';
  if (kind === 'click' && url !== undefined) base.url = url;
  return checked({ ...base, kind });
}

// Words that make a short, slash-less client text an agent worth keeping ("Microsoft Office Existence
// Discovery", "GoogleImageProxy", "Barracuda Sentinel"): the classifier reads these as bots or proxies.
const AGENT_WORDS = /bot|crawl|spider|scan|proxy|preview|fetch|check|python|curl|wget|java|okhttp|headless|phantom|discovery|sentinel|http|mozilla|outlook-/i;

/**
 * Whether a "Browser / Device" or "Client" cell is a user-agent string rather than a category ("Desktop",
 * "Mobile", "Apple Mail", "Chrome 91"). A category read as a user agent looks like no browser at all, so a
 * person on a phone would be taken for a bot; real agents carry a product/version, a comment in parentheses,
 * or one of AGENT_WORDS.
 */
export function looksLikeUserAgent(text: string): boolean {
  if (/[/(;]/.test(text) || AGENT_WORDS.test(text)) return true;
  return text.split(/\s+/).length >= 4;
}

/** A column headed "User Agent" holds agents whatever they look like; "Browser", "Device", "Client" may not. */
function namesUserAgent(headerText: string): boolean {
  return /^(user ?agent|ua|user agent string|http user agent)$/.test(normalizeHeader(headerText));
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

export function kindOfTypeText(typeText: string): RecordKind {
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
