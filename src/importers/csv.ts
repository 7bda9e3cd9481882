// CSV exports: generic CSV with header inference (papaparse for the cells, src/shared/columns.ts for the
// header vocabulary) and SendGrid's Email Activity CSV (fixed columns, formats/sendgrid-csv.ts).
// Rows stream: the splitter cuts records, papaparse parses them in batches.
import Papa from 'papaparse';
import { inferColumns, normalizeEventType, normalizeHeader, SENDER_SIDE_WORDS, type ColumnField, type ColumnMap } from '../shared/columns';
import { parseDate } from '../shared/dates';
import { zoneFromLabel } from '../shared/dates';
import type { CampaignBuilder } from './campaign-builder';
import { CsvRecordSplitter, type CsvRecordText } from './csv-splitter';
import { isMarketoActivity, marketo } from './formats/marketo';
import { sendgridCsvColumns } from './formats/sendgrid-csv';
import { kindOfTypeText, readMappedRow, type MappedRowOptions } from './mapped-row';
import { extractIp, normalizeRecipient, quote } from './record-fields';
import { isEmailAddress } from '../shared/cell-values';
import { RecordProblem, type NormalizedRecord, type RecordKind } from './types';

export type CsvFlavour = 'csv' | 'sendgrid-csv';

const BATCH_SIZE = 2000;
/** Unclosed-quote warnings listed one by one; the rest are counted in one line. */
const MAX_QUOTE_WARNINGS = 20;
/** Rows looked at to find the header (exports sometimes start with a title or a blank line). */
const HEADER_SEARCH_ROWS = 10;

/** Data rows looked at to find an event-type column by its values. */
const EVENT_VALUE_SAMPLE_ROWS = 200;
/** Share of a column's filled cells that must be event words for it to be the event type. */
const EVENT_VALUE_MIN_SHARE = 0.8;
/** Non-engagement statuses ESPs write in an event column (they are events, just not opens or clicks). */
const STATUS_WORDS =
  /^(sent|send|processed|accepted|queued|requests?|delivered|bounced?|hard ?bounce|soft ?bounce|blocked|deferred|dropped|failed|rejected|spam|complaint|unsubscribed?|invalid|error|deferral)$/;

/** Data rows looked at to find columns by their values. */
const VALUE_SAMPLE_ROWS = 200;
/** Share of a column's filled cells that must look like the field. */
const VALUE_MIN_SHARE = 0.8;

const VALUE_TESTS: ReadonlyArray<readonly [ColumnField, (cell: string) => boolean]> = [
  ['recipient', (cell) => isEmailAddress(normalizeRecipient(cell) ?? '')],
  ['timestamp', (cell) => /\D/.test(cell) ? /\d/.test(cell) && parseDate(cell) !== undefined : parseDate(cell) !== undefined && cell.length >= 10],
  // The longest address with a zone is well under 64 characters: longer cells are not IP columns.
  ['ip', (cell) => cell.length <= 64 && extractIp(cell) === cell.trim()],
  ['url', (cell) => /^https?:\/\/\S+$/i.test(cell)],
  ['userAgent', (cell) => /^Mozilla\/\d/.test(cell) || /\/[\d.]+\s*(\(|$)/.test(cell)],
];

const SEND_TIME_HEADER = /(^| )(sent|send|sending|delivered|delivery|scheduled|created|subscribed|signup|joined|optin)( |$)/;

/**
 * A column holding each row's own send time (HubSpot's `sent_by_created`: when the SENT event behind this event
 * happened; SparkPost's `injection_time`): the recipient's delivery time when the file has no delivered rows.
 */
const ROW_SEND_TIME_HEADER = /^(sent by created|sent at|send time|sent time|sent date|send date|injection time|sent on|date sent)$/;

/** Flag cells: yes/no, true/false, y/n, x, 1/0 (English, German, French, Spanish, Dutch). */
const YES_NO = /^(yes|no|y|n|true|false|x|1|0|ja|nein|oui|non|si|sí|nee)$/i;

/** A link as exports write it: with a scheme, "www.", or host/path. */
const LINK_LIKE = /^(https?:\/\/|www\.|[a-z0-9-]+(\.[a-z0-9-]+)+\/)/i;

/** Share of the filled cells of one column that pass a test (1 when the column is empty). */
function shareOf(rows: string[][], index: number, test: (cell: string) => boolean): number {
  let filled = 0;
  let passing = 0;
  for (const row of rows) {
    const cell = (row[index] ?? '').trim();
    if (cell.length === 0) continue;
    filled++;
    if (test(cell)) passing++;
  }
  return filled === 0 ? 1 : passing / filled;
}

/**
 * `known` plus the fields it lacks, found by what the cells of the unused columns look like (addresses, dates,
 * IPs, links, agents). Every column serves one field.
 */
function columnsFromValues(rows: string[][], known: ColumnMap, headers: readonly string[] = []): ColumnMap {
  const map: ColumnMap = { ...known };
  // "Opened: Yes/No" is a flag, not a time: it says the row stands for one open (or click).
  for (const field of ['timestamp', 'url'] as const) {
    const match = map[field];
    if (!match || shareOf(rows, match.index, (cell) => YES_NO.test(cell)) < VALUE_MIN_SHARE) continue;
    const kind = normalizeEventType(headers[match.index] ?? match.header);
    if (kind !== 'open' && kind !== 'click') continue;
    const countField = kind === 'open' ? 'opens' : 'clicks';
    delete map[field];
    if (!map[countField]) map[countField] = { ...match, confidence: 0.5 };
  }
  // A header can name a field its cells are not: "Clicked" holding the click's time is no URL column.
  const urlIndex = map.url?.index;
  if (urlIndex !== undefined && shareOf(rows, urlIndex, (cell) => LINK_LIKE.test(cell)) < 0.5) delete map.url;
  const used = new Set(Object.values(map).map((match) => match?.index));
  const width = Math.max(0, ...rows.map((row) => row.length));
  for (const [field, looksLike] of VALUE_TESTS) {
    if (map[field] !== undefined) continue;
    for (let index = 0; index < width; index++) {
      if (used.has(index)) continue;
      if (field === 'ip' && SENDER_SIDE_WORDS.test(normalizeHeader(headers[index] ?? ''))) continue;
      // The send or delivery time is not when a recipient opened: taking it would make every event look
      // like it came seconds after delivery.
      if (field === 'timestamp' && SEND_TIME_HEADER.test(normalizeHeader(headers[index] ?? ''))) continue;
      let filled = 0;
      let matching = 0;
      for (const row of rows) {
        const cell = (row[index] ?? '').trim();
        if (cell.length === 0) continue;
        filled++;
        if (looksLike(cell)) matching++;
      }
      if (filled > 0 && matching / filled >= VALUE_MIN_SHARE) {
        map[field] = { index, header: '', confidence: 0.5 };
        used.add(index);
        break;
      }
    }
  }
  return map;
}

/** The kind of a short cell that reads as an event word, or undefined for any other text. */
function eventWordKind(cell: string): RecordKind | undefined {
  if (cell.length > 30 || /[?!@/]/.test(cell)) return undefined;
  const words = normalizeHeader(cell);
  if (words.length === 0 || words.split(' ').length > 3) return undefined;
  const kind = kindOfTypeText(cell);
  if (kind !== 'other') return kind;
  return STATUS_WORDS.test(words) ? 'other' : undefined;
}

export class CsvImporter {
  private readonly splitter: CsvRecordSplitter;
  private batch: CsvRecordText[] = [];
  private delimiter: string | undefined;
  private columns: ColumnMap | undefined;
  private headers: string[] = [];
  private dayFirst = false;
  /** Per-kind time columns of a recipient-level table (see findKindTimeColumns). */
  private kindTimeColumns: Array<{ index: number; kind: 'open' | 'click'; columns: ColumnMap }> | undefined;
  /** The zone named by the time column's header ('' when none). */
  private headerZone: string | undefined;
  private unusable = false;
  private readonly defaultKind: RecordKind;
  /** Rows whose unquoted user agent was split at its commas and joined back, and the first one's line. */
  private mendedAgentRows = 0;
  private firstMendedLine: number | undefined;
  /** Records that unclosed quotes would have merged (each split back into its lines). */
  private mergedQuoteRecords = 0;
  /** The column of each row's own send time (ROW_SEND_TIME_HEADER), when there is one. */
  private sendTimeColumn: number | undefined;
  /** Rows that are records of a known format with fixed column names (Marketo activities), read by that format. */
  private recordReader: typeof marketo | undefined;

  /** The format of the rows when a known format reads them (`marketo`); undefined for header-inferred CSV. */
  get recordFormat(): string | undefined {
    return this.recordReader?.name;
  }

  constructor(
    private readonly builder: CampaignBuilder,
    private readonly flavour: CsvFlavour,
    private readonly options: { fileName?: string; timeZone?: string },
  ) {
    // Papaparse's cells are substrings of the batch text: copied, so no event keeps a whole batch alive.
    builder.detachValues = true;
    this.splitter = new CsvRecordSplitter((record) => {
      this.batch.push(record);
      if (this.batch.length >= BATCH_SIZE) this.flush();
    });
    // A CSV without an event column is a list of one kind; the file name usually says which.
    const name = (options.fileName ?? '').toLowerCase();
    this.defaultKind = /click|klick|clic/.test(name) ? 'click' : /open|öffn|ouvert|apert/.test(name) ? 'open' : 'other';
  }

  push(chunk: string): void {
    this.splitter.push(chunk);
  }

  finish(): void {
    this.splitter.finish();
    this.flush();
    if (this.mendedAgentRows > 0) {
      this.builder.addFileError(
        `line ${this.firstMendedLine}: a user agent written without quotes was split at its commas; its pieces were joined back into one cell (${this.mendedAgentRows} row${this.mendedAgentRows === 1 ? '' : 's'})`,
        this.firstMendedLine,
      );
    }
    if (this.mergedQuoteRecords > MAX_QUOTE_WARNINGS) {
      this.builder.addFileError(`… and ${this.mergedQuoteRecords - MAX_QUOTE_WARNINGS} more places where an unclosed quote was read as plain text (${this.mergedQuoteRecords} in all)`);
    }
    if (this.columns === undefined && !this.unusable) this.builder.addFileError('the CSV file has no header row and no data');
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    let batch = this.batch;
    this.batch = [];
    // A broken record goes to papaparse as an empty line so the rows stay aligned with the records.
    const text = batch.map((record) => (record.brokenQuote ? '' : record.text)).join('\n');
    if (this.delimiter === undefined) {
      const preview = Papa.parse<string[]>(batch.slice(0, HEADER_SEARCH_ROWS).map((record) => record.text).join('\n'), {
        preview: HEADER_SEARCH_ROWS,
      });
      this.delimiter = preview.meta.delimiter || ',';
    }
    const parsed = Papa.parse<string[]>(text, { delimiter: this.delimiter });
    let rows = parsed.data;
    if (rows.length !== batch.length || parsed.errors.some((error) => error.type === 'Quotes')) {
      ({ batch, rows } = this.parseOneByOne(batch));
    }
    let first = 0;
    if (this.columns === undefined) {
      first = this.chooseHeader(rows, batch);
      if (this.columns === undefined) return;
      this.dayFirst = this.guessDayFirst(rows.slice(first));
      this.inferEventTypeColumn(rows.slice(first));
      this.findKindTimeColumns(rows.slice(first));
    }
    for (let i = first; i < batch.length; i++) {
      const record = batch[i];
      if (record === undefined) continue;
      const index = this.builder.nextIndex();
      if (this.unusable) continue;
      if (record.brokenQuote) {
        this.builder.addError(index, record.line, 'a quote (") is never closed, so the row could not be split into cells; fix the quoting');
        continue;
      }
      const raw = rows[i] ?? [];
      const cells = this.mendUnquotedAgent(raw);
      if (cells !== raw) {
        this.mendedAgentRows++;
        this.firstMendedLine ??= record.line;
      }
      try {
        const read = this.readRow(cells);
        if (Array.isArray(read)) for (const item of read) this.builder.addRecord(index, item, record.line);
        else this.builder.addRecord(index, read, record.line);
      } catch (error) {
        const reason = error instanceof RecordProblem ? error.message : `could not be read (${String(error)})`;
        this.builder.addError(index, record.line, reason);
      }
    }
  }

  /**
   * Papaparse and the splitter disagree, or papaparse finds bad quoting: each record is parsed alone. A record
   * that spans lines only because a quote was opened and never closed properly (`"Mozilla/5.0 (X11` on one row,
   * closed by the next row's quote) would merge rows: it is split back into its lines, each read with its
   * quotes as plain text, and a warning names the lines. A single line that still yields several rows is broken.
   */
  private parseOneByOne(batch: CsvRecordText[]): { batch: CsvRecordText[]; rows: string[][] } {
    const delimiter = this.delimiter ?? ',';
    const records: CsvRecordText[] = [];
    const rows: string[][] = [];
    for (const record of batch) {
      if (record.brokenQuote) {
        records.push(record);
        rows.push([]);
        continue;
      }
      const parsed = Papa.parse<string[]>(record.text, { delimiter });
      const badQuotes = parsed.errors.some((error) => error.type === 'Quotes');
      if (record.text.includes('\n') && (badQuotes || parsed.data.length !== 1)) {
        const lines = record.text.split('\n').map((line) => line.replace(/\r$/, ''));
        const last = record.line + lines.length - 1;
        this.mergedQuoteRecords++;
        if (this.mergedQuoteRecords <= MAX_QUOTE_WARNINGS) {
          this.builder.addFileError(
            `line ${record.line}: a quote (") opened here is not closed where CSV expects, which would merge lines ${record.line}–${last} into one row; each line was read as its own row, quotes as plain text`,
            record.line,
          );
        }
        lines.forEach((line, offset) => {
          if (line.trim().length === 0) return;
          records.push({ text: line, line: record.line + offset });
          // A quote character no file contains: the line's quotes are read as text.
          const cells = Papa.parse<string[]>(line, { delimiter, quoteChar: '\u0000' }).data[0] ?? [];
          rows.push(cells.map((cell) => cell.replace(/^\s*"/, '').replace(/"\s*$/, '').replace(/""/g, '"')));
        });
        continue;
      }
      if (parsed.data.length !== 1) {
        record.brokenQuote = true;
        records.push(record);
        rows.push([]);
        continue;
      }
      records.push(record);
      rows.push(parsed.data[0] ?? []);
    }
    return { batch: records, rows };
  }

  /** Pick the header row among the first rows; returns the index of the first data row. */
  private chooseHeader(rows: string[][], batch: CsvRecordText[]): number {
    const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
    for (let i = 0; i < limit && this.flavour === 'csv'; i++) {
      const row = (rows[i] ?? []).map((cell) => String(cell).replace(/^\uFEFF/, ''));
      if (!isMarketoActivity(row)) continue;
      this.headers = row;
      this.columns = {};
      this.recordReader = marketo;
      return i + 1;
    }
    let best = -1;
    let bestScore = 0;
    let bestMap: ColumnMap = {};
    for (let i = 0; i < limit; i++) {
      const row = rows[i] ?? [];
      const map = this.flavour === 'sendgrid-csv' ? sendgridCsvColumns(row) : inferColumns(row);
      const score = Object.values(map).reduce((sum, match) => sum + (match && match.confidence >= 0.6 ? match.confidence : 0), 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
        bestMap = map;
      }
      if (score >= 2) break; // the first row naming two fields is the header
    }
    const headerRow = best < 0 ? 0 : best;
    if (this.flavour === 'csv') {
      // Headers in words we do not know ("Adres e-mail", "メールアドレス"), or no header row at all: the cells
      // say which columns hold addresses, dates, IPs, links and agents.
      if (best < 0) {
        const asData = columnsFromValues(rows.slice(0, VALUE_SAMPLE_ROWS), {});
        if (asData.recipient !== undefined && asData.timestamp !== undefined) {
          // The first row is data: there is no header to exclude, so data rows (and indexes) start at row 0.
          const width = Math.max(...rows.slice(0, VALUE_SAMPLE_ROWS).map((row) => row.length));
          this.headers = Array.from({ length: width }, (_, i) => `column ${i + 1}`);
          for (const match of Object.values(asData)) if (match) match.header = this.headers[match.index] ?? '';
          this.columns = asData;
          return 0;
        }
        bestMap = columnsFromValues(rows.slice(1, 1 + VALUE_SAMPLE_ROWS), {}, rows[0] ?? []);
        if (bestMap.recipient !== undefined || bestMap.timestamp !== undefined) best = 0;
      } else {
        bestMap = columnsFromValues(rows.slice(headerRow + 1, headerRow + 1 + VALUE_SAMPLE_ROWS), bestMap, rows[headerRow] ?? []);
      }
    }
    this.headers = (rows[headerRow] ?? []).map((cell) => String(cell));
    const sendTimeColumn = this.headers.findIndex((header) => ROW_SEND_TIME_HEADER.test(normalizeHeader(header)));
    if (sendTimeColumn >= 0 && !Object.values(bestMap).some((match) => match?.index === sendTimeColumn)) this.sendTimeColumn = sendTimeColumn;
    for (const match of Object.values(bestMap)) if (match && match.header === '') match.header = this.headers[match.index] ?? '';
    this.columns = bestMap;
    const line = batch[headerRow]?.line ?? 1;
    if (best < 0 || (bestMap.recipient === undefined && bestMap.timestamp === undefined)) {
      this.unusable = true;
      const shown = this.headers.slice(0, 12).join(', ');
      this.builder.addFileError(
        `line ${line}: no email/recipient or date/time column found in the header (${quote(shown)}); ` +
          'name the columns (e.g. email, event, timestamp, ip, user agent, url) or choose the format by hand',
      );
    }
    return headerRow + 1;
  }

  /**
   * No header names the event type ("st_text" in Brevo's log export, "Result", "Kind"): take the column whose
   * cells are event words ("Delivered", "Opened", "Clicked", "Bounce"). Without it a file mixing deliveries
   * and opens would read every row without a URL as an open.
   */
  private inferEventTypeColumn(rows: string[][]): void {
    const columns = this.columns;
    if (!columns || columns.eventType || columns.opens || columns.clicks || this.flavour !== 'csv') return;
    const used = new Set(Object.values(columns).map((match) => match?.index));
    const sample = rows.slice(0, EVENT_VALUE_SAMPLE_ROWS);
    let best: { index: number; share: number } | undefined;
    for (let index = 0; index < this.headers.length; index++) {
      if (used.has(index)) continue;
      let filled = 0;
      let events = 0;
      let engagement = 0;
      for (const row of sample) {
        const cell = (row[index] ?? '').trim();
        if (cell.length === 0) continue;
        filled++;
        const kind = eventWordKind(cell);
        if (kind === undefined) continue;
        events++;
        if (kind === 'open' || kind === 'click') engagement++;
      }
      const share = filled === 0 ? 0 : events / filled;
      if (engagement > 0 && share >= EVENT_VALUE_MIN_SHARE && (!best || share > best.share)) best = { index, share };
    }
    if (best) columns.eventType = { index: best.index, header: this.headers[best.index] ?? '', confidence: 0.5 };
  }

  /**
   * A user agent written without quotes splits at its commas ("(KHTML, like Gecko)"), pushing the URL and
   * every later cell one column right. When a row is wider than the header and the agent cell has an open
   * parenthesis, the pieces are joined back until the parentheses balance.
   */
  private mendUnquotedAgent(cells: string[]): string[] {
    const agentIndex = this.columns?.userAgent?.index;
    let extra = cells.length - this.headers.length;
    if (agentIndex === undefined || extra <= 0 || this.headers.length === 0) return cells;
    let agent = cells[agentIndex] ?? '';
    let joined = 0;
    const unbalanced = (text: string): boolean => (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
    while (extra > 0 && unbalanced(agent) && agentIndex + joined + 1 < cells.length) {
      joined++;
      extra--;
      agent += `${this.delimiter ?? ','}${cells[agentIndex + joined] ?? ''}`;
    }
    if (joined === 0) return cells;
    return [...cells.slice(0, agentIndex), agent, ...cells.slice(agentIndex + joined + 1)];
  }

  /** Day-first when any date cell of the sample starts with a field > 12 ("13/02/2025"). */
  private guessDayFirst(rows: string[][]): boolean {
    const column = this.columns?.timestamp?.index;
    if (column === undefined) return false;
    let dayFirst = 0;
    let monthFirst = 0;
    for (const row of rows.slice(0, 500)) {
      const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(row[column] ?? '');
      if (!match) continue;
      if (Number(match[1]) > 12) dayFirst++;
      if (Number(match[2]) > 12) monthFirst++;
    }
    return dayFirst > monthFirst;
  }

  /**
   * One row per recipient with a time column per kind ("Email | Opened | Clicked", "Open Date | Click Date"):
   * no event column, and an open-named and a click-named column that both hold dates. Each filled time is
   * then its own open or click record.
   */
  private findKindTimeColumns(rows: string[][]): void {
    const columns = this.columns;
    if (!columns || columns.eventType || columns.opens || columns.clicks || this.flavour !== 'csv') return;
    const dated = (index: number): boolean =>
      shareOf(rows.slice(0, VALUE_SAMPLE_ROWS), index, (cell) => parseDate(cell, { dayFirst: this.dayFirst }) !== undefined) >= VALUE_MIN_SHARE &&
      rows.slice(0, VALUE_SAMPLE_ROWS).some((row) => (row[index] ?? '').trim() !== '');
    let open: number | undefined;
    let click: number | undefined;
    this.headers.forEach((header, index) => {
      const kind = normalizeEventType(header);
      if (kind === 'open' && open === undefined && dated(index)) open = index;
      if (kind === 'click' && click === undefined && dated(index)) click = index;
    });
    if (open === undefined || click === undefined) return;
    const without = { ...columns };
    delete without.timestamp;
    const forKind = (index: number): ColumnMap => ({ ...without, timestamp: { index, header: this.headers[index] ?? '', confidence: 0.5 } });
    const forClick = forKind(click);
    if (forClick.url?.index === click) delete forClick.url;
    const forOpen = forKind(open);
    delete forOpen.url;
    this.kindTimeColumns = [
      { index: open, kind: 'open', columns: forOpen },
      { index: click, kind: 'click', columns: forClick },
    ];
  }

  private readRow(cells: string[]): NormalizedRecord | NormalizedRecord[] {
    if (this.recordReader) {
      const record: Record<string, string> = {};
      this.headers.forEach((header, index) => {
        const cell = cells[index];
        if (cell !== undefined && cell !== '') record[header] = cell;
      });
      return this.recordReader.read(record);
    }
    const read = this.readMapped(cells);
    const sentText = this.sendTimeColumn === undefined ? '' : (cells[this.sendTimeColumn] ?? '').trim();
    if (sentText === '') return read;
    // A send time that does not read as a date is left out, not an error: the event itself is fine.
    const sentAt = parseDate(sentText, this.options.timeZone ? { timeZone: this.options.timeZone } : {});
    if (sentAt === undefined) return read;
    return Array.isArray(read) ? read.map((record) => ({ ...record, sentAt })) : { ...read, sentAt };
  }

  private readMapped(cells: string[]): NormalizedRecord | NormalizedRecord[] {
    const options: MappedRowOptions = { dayFirst: this.dayFirst, defaultKind: this.defaultKind };
    // --time-zone wins; else the zone the time column's header names ("Opened At (CET)"); else UTC.
    this.headerZone ??= zoneFromLabel(this.columns?.timestamp?.header ?? '') ?? '';
    const timeZone = this.options.timeZone || this.headerZone;
    if (timeZone) options.timeZone = timeZone;
    if (this.kindTimeColumns) {
      const records: NormalizedRecord[] = [];
      for (const { index, kind, columns } of this.kindTimeColumns) {
        if ((cells[index] ?? '').trim() === '') continue;
        const read = readMappedRow(cells, columns, { ...options, defaultKind: kind });
        for (const record of Array.isArray(read) ? read : [read]) records.push({ ...record, kind });
      }
      return records;
    }
    return readMappedRow(cells, this.columns ?? {}, options);
  }
}
