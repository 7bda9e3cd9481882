// Turns JSON values (records of a JSON document or NDJSON lines) into campaign records: detects the ESP
// format from the first records, then reads each record with it (or with the format a stray record matches).
import type { CampaignBuilder } from './campaign-builder';
import { detectJsonFormat, recognizeRecord, safeRecognize } from './detect';
import { parseExportJson, parseExportJsonList } from './json-parse';
import { batchRecordText, type RecordBatch } from './json-splitter';
import { isObject } from './record-fields';
import { RecordProblem, type JsonRecordFormat } from './types';

/** Records looked at before the format is decided. */
const DETECTION_SAMPLE = 50;

interface PendingValue {
  value?: unknown;
  parseError?: string;
  line?: number;
}

export class JsonRecordPipeline {
  private pending: PendingValue[] = [];
  private format: JsonRecordFormat | undefined;
  private decided: boolean;

  constructor(
    private readonly builder: CampaignBuilder,
    forced: JsonRecordFormat | undefined,
    private readonly envelopeKey: () => string | undefined,
  ) {
    this.format = forced;
    this.decided = forced !== undefined;
  }

  get formatName(): string | undefined {
    return this.format?.name;
  }

  acceptText(text: string, line?: number): void {
    let entry: PendingValue;
    try {
      entry = { value: parseExportJson(text) };
    } catch (error) {
      entry = { parseError: `the record is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    if (line !== undefined) entry.line = line;
    this.accept(entry);
  }

  acceptValue(value: unknown, line?: number): void {
    if (this.decided) {
      this.handle(value, line);
      return;
    }
    const entry: PendingValue = { value };
    if (line !== undefined) entry.line = line;
    this.accept(entry);
  }

  /** The records of one batch, parsed together; one by one when the batch does not parse (to name the bad one). */
  acceptBatch(batch: RecordBatch): void {
    const { starts, ends, lines } = batch;
    const count = starts.length;
    const values = parseExportJsonList(batch.source.slice(starts[0], ends[count - 1]), count);
    for (let i = 0; i < count; i++) {
      const value = values?.[i];
      if (value !== undefined) {
        this.acceptValue(value, lines[i]);
        continue;
      }
      const text = batchRecordText(batch, i);
      if (text.length > 0) this.acceptText(text, lines[i]);
    }
  }

  finish(): void {
    this.decide();
  }

  private accept(entry: PendingValue): void {
    if (this.decided) {
      this.handleEntry(entry);
      return;
    }
    this.pending.push(entry);
    if (this.pending.length >= DETECTION_SAMPLE) this.decide();
  }

  private decide(): void {
    if (!this.decided) {
      const sample = this.pending.filter((entry) => entry.parseError === undefined).map((entry) => entry.value);
      this.format = detectJsonFormat(sample, this.envelopeKey());
      this.decided = true;
    }
    const pending = this.pending;
    this.pending = [];
    for (const entry of pending) this.handleEntry(entry);
  }

  private handleEntry(entry: PendingValue): void {
    if (entry.parseError !== undefined) this.builder.addError(this.builder.nextIndex(), entry.line, entry.parseError);
    else this.handle(entry.value, entry.line);
  }

  private handle(value: unknown, line: number | undefined): void {
    if (!isObject(value)) {
      this.builder.addError(this.builder.nextIndex(), line, `the record is ${describe(value)}, not a JSON object with fields`);
      return;
    }
    const main = this.format;
    const format = main && safeRecognize(main, value) > 0 ? main : recognizeRecord(value) ?? main;
    if (!format) {
      const keys = Object.keys(value).slice(0, 8).join(', ');
      this.builder.addError(
        this.builder.nextIndex(),
        line,
        `not a record of any known export format (its keys: ${keys || 'none'}); choose the format by hand if you know it`,
      );
      return;
    }
    let records: unknown[];
    try {
      records = format.expand ? format.expand(value) : [value];
    } catch {
      records = [value];
    }
    for (const record of records) {
      const index = this.builder.nextIndex();
      if (!isObject(record)) {
        this.builder.addError(index, line, `the record is ${describe(record)}, not a JSON object with fields`);
        continue;
      }
      try {
        const read = format.read(record);
        if (Array.isArray(read)) for (const item of read) this.builder.addRecord(index, item, line);
        else this.builder.addRecord(index, read, line);
      } catch (error) {
        const reason = error instanceof RecordProblem ? error.message : `could not be read as ${format.title} (${String(error)})`;
        this.builder.addError(index, line, reason);
      }
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
