// Export importers: one entry point for every export file. Detects the container (JSON document, NDJSON, CSV)
// and the ESP format, streams the records into a `Campaign`, and reports unreadable records instead of failing.
// Public entry points never throw.
import { CampaignBuilder } from './campaign-builder';
import { CsvImporter, type CsvFlavour } from './csv';
import { ExportDecoder } from './decode';
import { detectContainer, detectCsvFlavour, recognizeRecord, type Container } from './detect';
import { JSON_FORMATS, jsonFormatByName } from './formats';
import { JsonRecordPipeline } from './json-records';
import { includedResources, linksToIncluded, resolveRelationships } from './json-api';
import { batchRecords, JsonRecordSplitter, type SplitRecord } from './json-splitter';
import { parseExportJson, parseExportJsonList } from './json-parse';
import { JsonSequenceSplitter } from './json-sequence-splitter';
import { batchLineText, LineSplitter, type LineBatch } from './line-splitter';
import { isOneBracketedValue } from './json-scanner';
import { isObject } from './record-fields';
import { RECORD_ARRAY_KEYS, type ImportOptions, type ImportResult, type JsonObject, type JsonRecordFormat } from './types';

export type { ImportError, ImportOptions, ImportResult } from './types';

const CSV_FORMATS = ['sendgrid-csv', 'csv'] as const;

/** Names accepted by `format` / `--format`. */
export function listFormats(): string[] {
  return [...JSON_FORMATS.map((format) => format.name), ...CSV_FORMATS, 'ndjson'];
}

/** Every format a person can choose, with its name for people (the options import's format picker). */
export function formatChoices(): Array<{ name: string; title: string }> {
  return [
    ...JSON_FORMATS.map((format) => ({ name: format.name, title: format.title })),
    { name: 'sendgrid-csv', title: 'SendGrid Email Activity CSV' },
    { name: 'csv', title: 'Any CSV (columns found by their headers)' },
    { name: 'ndjson', title: 'NDJSON (one JSON record per line)' },
  ];
}

/** Other names people give the formats (ESP product names, old brand names, file-type words). */
const FORMAT_ALIASES: Record<string, string> = {
  'sendgrid-events': 'sendgrid-webhook',
  'sendgrid-event-webhook': 'sendgrid-webhook',
  'sendgrid-activity': 'sendgrid-csv',
  'sendgrid-email-activity': 'sendgrid-csv',
  sendinblue: 'brevo',
  'amazon-ses': 'ses',
  'aws-ses': 'ses',
  'ses-sns': 'ses',
  'mailgun-events': 'mailgun',
  'postmark-webhook': 'postmark',
  'mailchimp-email-activity': 'mailchimp',
  'iterable-events': 'iterable',
  'hubspot-events': 'hubspot',
  jsonl: 'ndjson',
  'json-lines': 'ndjson',
  tsv: 'csv',
};

/**
 * The canonical `--format` name for what a person typed: case and `_`/space are ignored, aliases resolve,
 * and plain `sendgrid` is kept as is (the container decides webhook JSON or activity CSV). Undefined when
 * unknown.
 */
export function resolveFormatName(name: string): string | undefined {
  if (typeof name !== 'string') return undefined;
  const key = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (key === 'sendgrid') return 'sendgrid';
  if (listFormats().includes(key)) return key;
  return FORMAT_ALIASES[key];
}

/** Head size that is always enough to tell the container apart (two lines, or a long first line). */
const DETECTION_HEAD_CHARS = 64 * 1024;
/** Characters hashed for the campaign key when the export names no campaign id. */
const FINGERPRINT_CHARS = 64 * 1024;

interface ContainerReader {
  push(chunk: string): void;
  finish(): void;
  format(): string;
  recordFormat?(): string | undefined;
}

/**
 * Push-based importer: feed text chunks in order, then `finish()`. Memory holds one batch of records plus
 * the campaign being built, so NDJSON and CSV files of any size stream; a JSON document streams record by
 * record through JsonRecordSplitter.
 */
export class StreamingImport {
  private readonly builder = new CampaignBuilder();
  private head = '';
  private reader: ContainerReader | undefined;
  private failed = false;
  private firstChunk = true;
  /** FNV-1a over the first FINGERPRINT_CHARS characters, plus the total length: the source's stable key. */
  private fingerprintHash = 0x811c9dc5;
  private fingerprintedChars = 0;
  private totalChars = 0;
  /** The canonical name of `options.format`. */
  private forcedFormat: string | undefined;

  constructor(private readonly options: ImportOptions = {}) {
    if (options.messageIds === false) this.builder.keepMessageIds = false;
    if (options.eventColumns === true) this.builder.keepEventsAsColumns();
    const forced = options.format;
    if (forced !== undefined) {
      const resolved = resolveFormatName(forced);
      if (resolved === undefined) this.fail(`unknown format '${forced}'; known formats: ${listFormats().join(', ')}`);
      else this.forcedFormat = resolved;
    }
  }

  push(chunk: string): void {
    if (this.failed || typeof chunk !== 'string' || chunk.length === 0) return;
    try {
      if (this.firstChunk) {
        chunk = chunk.replace(/^\uFEFF/, '');
        this.firstChunk = false;
      }
      this.fingerprint(chunk);
      if (this.reader) {
        this.reader.push(chunk);
        return;
      }
      this.head += chunk;
      const trimmed = this.head.trimStart();
      // A JSON head is read whole (up to DETECTION_HEAD_CHARS) so detection sees where the first value ends:
      // pretty-printed values back to back span many lines each.
      const jsonHead = trimmed.startsWith('{') || trimmed.startsWith('[');
      const lines = jsonHead ? [] : trimmed.split('\n', 3);
      if (this.head.length >= DETECTION_HEAD_CHARS || lines.length >= 3) this.start();
    } catch (error) {
      this.fail(`internal error while reading: ${String(error)}`);
    }
  }

  finish(): ImportResult {
    try {
      if (!this.failed && !this.reader) {
        if (this.head.trim().length === 0) this.fail('the file is empty');
        else this.start();
      }
      if (!this.failed) this.reader?.finish();
    } catch (error) {
      this.fail(`internal error while reading: ${String(error)}`);
    }
    const format = this.reader?.format() ?? this.forcedFormat ?? 'unknown';
    const recordFormat = this.reader?.recordFormat?.();
    const esp = recordFormat ?? format;
    const campaignOptions: { sentAt?: number; esp?: string; fingerprint?: string } = { esp };
    if (this.totalChars > 0) {
      campaignOptions.fingerprint = `${(this.fingerprintHash >>> 0).toString(16).padStart(8, '0')}-${this.totalChars}`;
    }
    if (this.options.sentAt !== undefined && Number.isFinite(this.options.sentAt)) campaignOptions.sentAt = this.options.sentAt;
    const result: ImportResult = {
      format,
      campaign: this.builder.build(campaignOptions),
      errors: this.builder.errors,
      recordCount: this.builder.recordCount,
      skippedCount: this.builder.skippedCount,
    };
    if (recordFormat !== undefined && recordFormat !== format) result.recordFormat = recordFormat;
    return result;
  }

  private fingerprint(chunk: string): void {
    this.totalChars += chunk.length;
    const take = Math.min(chunk.length, FINGERPRINT_CHARS - this.fingerprintedChars);
    let hash = this.fingerprintHash;
    for (let i = 0; i < take; i++) {
      hash ^= chunk.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    this.fingerprintHash = hash;
    this.fingerprintedChars += take;
  }

  /** A problem with the file that does not stop the import (an encoding warning), with its line when known. */
  addFileWarning(message: string, line?: number): void {
    this.builder.addFileError(message, line);
  }

  private fail(message: string): void {
    this.failed = true;
    this.builder.addFileError(message);
  }

  private start(): void {
    const head = this.head;
    this.head = '';
    const reader = this.createReader(head);
    if (!reader) return;
    this.reader = reader;
    reader.push(head);
  }

  private createReader(head: string): ContainerReader | undefined {
    let forced = this.forcedFormat;
    if (MANDRILL_FORM_BODY.test(head.trimStart())) return formBodyReader(this.builder, forced === undefined ? undefined : jsonFormatByName(forced));
    const detected = detectContainer(head, this.options.fileName);
    const container: Container = forced === 'ndjson' && detected !== 'json-seq' ? 'ndjson' : detected;
    if (forced === 'sendgrid') forced = container === 'csv' ? 'sendgrid-csv' : 'sendgrid-webhook';
    if (forced === 'ndjson' && detected === 'csv') {
      this.fail(`the format 'ndjson' expects one JSON object per line, but the file does not start with '{' or '[' (is it a CSV? choose the format 'csv')`);
      return undefined;
    }
    if (forced === 'csv' || forced === 'sendgrid-csv') {
      return csvReader(this.builder, forced, this.options);
    }
    let forcedJson: JsonRecordFormat | undefined;
    if (forced !== undefined && forced !== 'ndjson') {
      forcedJson = jsonFormatByName(forced);
      if (container === 'csv') {
        this.fail(`the format '${forced}' expects JSON, but the file does not start with '[' or '{' (is it a CSV? choose the format 'csv')`);
        return undefined;
      }
    }
    if (container === 'csv') return csvReader(this.builder, detectCsvFlavour(head), this.options);
    if (container === 'ndjson') return ndjsonReader(this.builder, forcedJson);
    if (container === 'json-seq') return jsonSequenceReader(this.builder, forcedJson);
    return jsonDocumentReader(this.builder, forcedJson);
  }
}

/** A webhook request body saved as it was posted: `mandrill_events=%5B%7B…` (application/x-www-form-urlencoded). */
const MANDRILL_FORM_BODY = /^mandrill_events=/;

/** The form body's `mandrill_events` field, URL-decoded, read as a JSON document (webhook bodies are small). */
function formBodyReader(builder: CampaignBuilder, forced: JsonRecordFormat | undefined): ContainerReader {
  const parts: string[] = [];
  let inner: ContainerReader | undefined;
  return {
    push: (chunk) => parts.push(chunk),
    finish: () => {
      const field = new URLSearchParams(parts.join('').trim()).get('mandrill_events');
      if (field === null || field.trim() === '') {
        builder.addFileError('line 1: the form body has no mandrill_events field');
        return;
      }
      inner = jsonDocumentReader(builder, forced);
      inner.push(field);
      inner.finish();
    },
    format: () => inner?.format() ?? 'mandrill',
  };
}

function csvReader(builder: CampaignBuilder, flavour: CsvFlavour, options: ImportOptions): ContainerReader {
  const csvOptions: { fileName?: string; timeZone?: string } = {};
  if (options.fileName !== undefined) csvOptions.fileName = options.fileName;
  if (options.timeZone !== undefined) csvOptions.timeZone = options.timeZone;
  const importer = new CsvImporter(builder, flavour, csvOptions);
  return {
    push: (chunk) => importer.push(chunk),
    finish: () => importer.finish(),
    format: () => flavour,
    recordFormat: () => importer.recordFormat,
  };
}

function ndjsonReader(builder: CampaignBuilder, forced: JsonRecordFormat | undefined): ContainerReader {
  const pipeline = new JsonRecordPipeline(builder, forced, () => undefined);
  const lines = new LineSplitter((batch) => acceptLines(pipeline, batch));
  return {
    push: (chunk) => lines.push(chunk),
    finish: () => {
      lines.finish();
      pipeline.finish();
    },
    format: () => 'ndjson',
    recordFormat: () => pipeline.formatName,
  };
}

function jsonSequenceReader(builder: CampaignBuilder, forced: JsonRecordFormat | undefined): ContainerReader {
  const pipeline = new JsonRecordPipeline(builder, forced, () => undefined);
  const values = new JsonSequenceSplitter((value) => acceptTopLevelText(pipeline, value.text, value.line));
  return {
    push: (chunk) => values.push(chunk),
    finish: () => {
      values.finish();
      pipeline.finish();
    },
    format: () => 'ndjson',
    recordFormat: () => pipeline.formatName,
  };
}

/** NDJSON lines parsed per batch (a few hundred keep the parsed records in V8's young generation). */
const MAX_LINES_PER_PARSE = 256;

/**
 * NDJSON lines: runs of lines that are each one bracketed value (isOneBracketedValue) are parsed with one
 * JSON.parse as an array; a run that does not parse, a blank, scalar or broken line, and a record with an
 * integer above 2^53 are read line by line as before, so errors name their line.
 */
function acceptLines(pipeline: JsonRecordPipeline, batch: LineBatch): void {
  const { source, starts, ends, firstLine } = batch;
  const count = starts.length;
  let i = 0;
  while (i < count) {
    let runEnd = i;
    while (runEnd < count && runEnd - i < MAX_LINES_PER_PARSE && isOneBracketedValue(source, starts[runEnd]!, contentEnd(source, ends[runEnd]!))) runEnd++;
    if (runEnd === i) {
      acceptLine(pipeline, batchLineText(batch, i), firstLine + i);
      i++;
      continue;
    }
    const values = parseExportJsonList(source.slice(starts[i], ends[runEnd - 1]).replaceAll('\n', ','), runEnd - i);
    for (let k = i; k < runEnd; k++) {
      const value = values?.[k - i];
      if (value === undefined) acceptLine(pipeline, batchLineText(batch, k), firstLine + k);
      else acceptTopLevelValue(pipeline, value, firstLine + k);
    }
    i = runEnd;
  }
}

/** Where a line's content ends: before a "\r" of a "\r\n" break. */
function contentEnd(source: string, end: number): number {
  return end > 0 && source.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** One NDJSON line read alone (blank lines are not records). */
function acceptLine(pipeline: JsonRecordPipeline, text: string, line: number): void {
  if (text.trim().length > 0) acceptTopLevelText(pipeline, text, line);
}

/**
 * One top-level value of NDJSON or of a JSON sequence: a record; an array of records (a logged webhook POST
 * body); or an envelope page (`{items: […], paging}`) whose records are its array's elements. Records are
 * indexed one after another across values.
 */
function acceptTopLevelText(pipeline: JsonRecordPipeline, text: string, line: number): void {
  const first = text.trimStart()[0];
  if (first !== '[' && first !== '{') {
    pipeline.acceptText(text, line);
    return;
  }
  let value: unknown;
  try {
    value = parseExportJson(text);
  } catch {
    pipeline.acceptText(text, line); // reports the parse error for this line
    return;
  }
  acceptTopLevelValue(pipeline, value, line);
}

/** A parsed top-level value that was an array or an object (see acceptTopLevelText). */
function acceptTopLevelValue(pipeline: JsonRecordPipeline, value: unknown, line: number): void {
  const records = Array.isArray(value) ? value : isObject(value) ? envelopeRecords(value) : undefined;
  if (records === undefined) pipeline.acceptValue(value, line);
  else for (const record of records) pipeline.acceptValue(record, line);
}

/** Whether any field of an object is an array holding an object (it may be an envelope). */
function hasArrayOfObjects(value: JsonObject): boolean {
  for (const key in value) {
    const child = value[key];
    if (Array.isArray(child) && child.some(isObject)) return true;
  }
  return false;
}

/** The records of an envelope object, or undefined when the object is a record itself (the usual case). */
function envelopeRecords(value: JsonObject): unknown[] | undefined {
  if (!hasArrayOfObjects(value) || recognizeRecord(value) !== undefined) return undefined;
  for (const key of RECORD_ARRAY_KEYS) {
    const child = value[key];
    if (Array.isArray(child)) return child;
  }
  return largestArrayOfObjects(value)?.records;
}

function jsonDocumentReader(builder: CampaignBuilder, forced: JsonRecordFormat | undefined): ContainerReader {
  let envelopeKey: string | undefined;
  const pipeline = new JsonRecordPipeline(builder, forced, () => envelopeKey);
  /** JSON:API records waiting for the document's `included` resources (json-api.ts); undefined when not held. */
  let held: SplitRecord[] | undefined;
  let decidedHolding = false;
  const splitter = new JsonRecordSplitter((batch) => {
    envelopeKey = splitter.recordKey;
    if (!decidedHolding) {
      const first = batchRecords(batch)[0];
      if (first) {
        decidedHolding = true;
        if (envelopeKey === 'data' && linksToIncluded(first.text)) held = [];
      }
    }
    if (held) held.push(...batchRecords(batch));
    else pipeline.acceptBatch(batch);
  });
  return {
    push: (chunk) => splitter.push(chunk),
    finish: () => {
      const end = splitter.finish();
      envelopeKey = splitter.recordKey;
      if (held) {
        let envelope: unknown;
        try {
          envelope = end.envelope === undefined ? undefined : parseExportJson(end.envelope);
        } catch {
          envelope = undefined; // a broken envelope has no usable `included`; the records still read alone
        }
        const resources = includedResources(envelope);
        for (const record of held) {
          let value: unknown;
          try {
            value = parseExportJson(record.text);
          } catch {
            pipeline.acceptText(record.text, record.line); // reports the parse error for this record
            continue;
          }
          pipeline.acceptValue(resolveRelationships(value, resources), record.line);
        }
      }
      const formRecords = end.envelope === undefined || end.hadRecordArray ? undefined : formFieldRecords(end.envelope);
      if (formRecords) {
        for (const record of formRecords) pipeline.acceptValue(record);
      } else if (!end.hadRecordArray && end.envelope !== undefined) {
        const unnamed = unnamedRecordArray(end.envelope);
        if (unnamed) {
          // An envelope under a name we do not list (`data`, `results`, `Data`, `response.items`…): its
          // array of objects is the records list, indexed by position in it.
          envelopeKey = unnamed.key;
          for (const record of unnamed.records) pipeline.acceptValue(record);
        } else {
          // No record array: the document is one record (a single webhook payload, an SNS notification).
          pipeline.acceptText(end.envelope, 1);
        }
      }
      pipeline.finish();
      for (const problem of end.problems) builder.addFileError(problem);
    },
    format: () => pipeline.formatName ?? 'json',
  };
}

/**
 * Mandrill posts its batch as the form field `mandrill_events` holding JSON text
 * (https://mailchimp.com/developer/transactional/docs/webhooks/); a receiver that logged the parsed form writes
 * `{"mandrill_events": "[…]"}`. The records of that text, or undefined for anything else.
 */
function formFieldRecords(text: string): unknown[] | undefined {
  if (!text.includes('mandrill_events')) return undefined;
  try {
    const form = parseExportJson(text);
    const field = isObject(form) ? form.mandrill_events : undefined;
    const records = typeof field === 'string' ? parseExportJson(field) : field;
    return Array.isArray(records) ? records : undefined;
  } catch {
    return undefined;
  }
}

/** Envelope depth searched for a record array under an unlisted name (`{response: {data: […]}}` is 2). */
const UNNAMED_ENVELOPE_DEPTH = 2;

/**
 * When a JSON document is an object that no format reads as a record, the largest array of objects inside it
 * (within UNNAMED_ENVELOPE_DEPTH levels) is taken as its records list. Undefined when the document is a
 * record itself, is not an object, or holds no array of objects.
 */
function unnamedRecordArray(text: string): { key: string; records: unknown[] } | undefined {
  let document: unknown;
  try {
    document = parseExportJson(text);
  } catch {
    return undefined;
  }
  if (!isObject(document) || recognizeRecord(document) !== undefined) return undefined;
  return largestArrayOfObjects(document);
}

/** The largest array (mostly) of objects within UNNAMED_ENVELOPE_DEPTH levels of an object. */
function largestArrayOfObjects(document: JsonObject): { key: string; records: unknown[] } | undefined {
  let best: { key: string; records: unknown[] } | undefined;
  const visit = (value: JsonObject, depth: number): void => {
    for (const [key, child] of Object.entries(value)) {
      if (Array.isArray(child)) {
        const objects = child.filter(isObject).length;
        if (objects > 0 && objects >= child.length / 2 && (!best || child.length > best.records.length)) {
          best = { key, records: child };
        }
      } else if (isObject(child) && depth < UNNAMED_ENVELOPE_DEPTH) {
        visit(child, depth + 1);
      }
    }
  };
  visit(document, 1);
  return best;
}

/** Import a whole export held in memory. Never throws; unreadable records are listed in `errors`. */
export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const importer = new StreamingImport(options);
  importer.push(typeof text === 'string' ? text : String(text ?? ''));
  return importer.finish();
}

/** Import an export that arrives in chunks (a file stream). Never rejects. */
export async function importChunks(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const importer = new StreamingImport(options);
  try {
    for await (const chunk of chunks) importer.push(chunk);
  } catch (error) {
    const result = importer.finish();
    result.errors.push({ record: -1, message: `reading the input failed: ${error instanceof Error ? error.message : String(error)}` });
    return result;
  }
  return importer.finish();
}

export interface ImportBytesControls {
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytesRead: number) => void;
  signal?: AbortSignal;
}

/**
 * Bytes decoded into one string at a time. A string over V8's regular object size (128 KiB) is allocated as a
 * "large object" in the old generation and freed only by a full mark-compact, so the CLI's 1 MiB reads kept
 * tens of MiB of spent chunk text alive; 32 KiB pieces (64 KiB as UTF-16) die young, in cheap scavenges.
 */
const DECODE_PIECE_BYTES = 32 * 1024;

/**
 * Import an export that arrives as bytes (a file stream, a File's slices): the one path for the CLI and the
 * options page, so both decode the same way (decode.ts). Never rejects except when `signal` aborts.
 */
export async function importBytes(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ImportOptions = {},
  { onBytes, signal }: ImportBytesControls = {},
): Promise<ImportResult> {
  const decoder = new ExportDecoder();
  const importer = new StreamingImport(options);
  let bytesRead = 0;
  let failure: string | undefined;
  try {
    for await (const chunk of chunks) {
      if (signal?.aborted) throw new DOMException('import cancelled', 'AbortError');
      bytesRead += chunk.length;
      for (let at = 0; at < chunk.length && decoder.refused === undefined; at += DECODE_PIECE_BYTES) {
        importer.push(decoder.push(at === 0 && chunk.length <= DECODE_PIECE_BYTES ? chunk : chunk.subarray(at, at + DECODE_PIECE_BYTES)));
      }
      onBytes?.(bytesRead);
      if (decoder.refused !== undefined) break;
    }
    if (decoder.refused === undefined) importer.push(decoder.finish());
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    failure = `reading the input failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (decoder.refused !== undefined) {
    return { format: 'unknown', campaign: { events: [] }, errors: [], recordCount: 0, skippedCount: 0, unreadable: decoder.refused };
  }
  for (const warning of decoder.warnings) importer.addFileWarning(`line ${warning.line}: ${warning.message}`, warning.line);
  if (decoder.unreportedInvalidSequences > 0) {
    importer.addFileWarning(`… and ${decoder.unreportedInvalidSequences} more places with bytes that are not UTF-8`);
  }
  const result = importer.finish();
  if (failure !== undefined) result.errors.push({ record: -1, message: failure });
  if (decoder.encoding !== undefined) result.encoding = decoder.encoding;
  return result;
}
