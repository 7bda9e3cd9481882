// Streams the records out of one JSON document without building the whole document: a top-level array's
// elements, or the elements of an envelope's record array (`{items: […]}`, `{Opens: […]}`, …). Records come out
// in batches of the records that lie whole in one chunk, so the reader parses a batch with one JSON.parse
// (one call per record cost a third of a 200k-record import) while memory holds one batch instead of the
// whole tree (a 500k-event SendGrid export is ~150 MB of text and several times that as one parsed tree).
// A document with no record array (a single webhook payload) comes back whole from `finish()`.
import { findStringEnd, STRING_OPEN_ESCAPED } from './json-scanner';
import { RECORD_ARRAY_KEYS } from './types';

export interface SplitRecord {
  text: string;
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * Records that end in one chunk: record i is `source.slice(starts[i], ends[i])` (surrounding whitespace
 * included) and starts on line `lines[i]`. Between two records of a batch the source holds only the comma and
 * whitespace that separate them in the file, so `source.slice(starts[0], ends[last])` is the inside of their
 * JSON array whenever every record is valid JSON.
 */
export interface RecordBatch {
  source: string;
  starts: number[];
  ends: number[];
  lines: number[];
}

/** The text of record `i` of a batch, trimmed; empty for a blank record (`[1,,2]`), which is no record. */
export function batchRecordText(batch: RecordBatch, i: number): string {
  return batch.source.slice(batch.starts[i], batch.ends[i]).trim();
}

/** The records of a batch one by one, blank ones left out (tests, and readers that hold records to the end). */
export function batchRecords(batch: RecordBatch): SplitRecord[] {
  const records: SplitRecord[] = [];
  for (let i = 0; i < batch.starts.length; i++) {
    const text = batchRecordText(batch, i);
    if (text.length > 0) records.push({ text, line: batch.lines[i]! });
  }
  return records;
}

/**
 * Records per batch at most: a batch's parsed records are alive together, and a few hundred keep them in
 * V8's young generation (a whole 1 MiB chunk's ~4,000 records outlived scavenges and cost more GC).
 */
const MAX_BATCH_RECORDS = 256;

const RECORD_KEYS = new Set<string>(RECORD_ARRAY_KEYS);

const QUOTE = 34;
const NEWLINE = 10;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff;
}

export class JsonRecordSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  private rootKind: 'array' | 'object' | 'scalar' | undefined;
  /** Depth at which record elements sit (1 in a top-level array, 2 in an envelope's array). */
  private recordDepth = -1;
  private inRecordArray = false;
  /** Name of the envelope key whose array is being read (`items`, `Opens`, …). */
  recordKey: string | undefined;
  private foundRecordArray = false;
  // Current record being collected.
  private recordParts: string[] = [];
  private recordStart = -1;
  private recordLine = 0;
  // Envelope text outside record arrays (root objects only), so `finish()` can return it.
  private envelopeParts: string[] = [];
  private envelopeStart = -1;
  // Key capture at depth 1 of a root object.
  private expectKey = false;
  private keyParts: string[] = [];
  private keyStart = -1;
  private lastKey = '';
  private rootClosed = false;
  private trailingTextLine: number | undefined;
  // Records of the current chunk not yet handed over.
  private batchStarts: number[] = [];
  private batchEnds: number[] = [];
  private batchLines: number[] = [];

  constructor(private readonly onRecords: (batch: RecordBatch) => void) {}

  push(chunk: string): void {
    const length = chunk.length;
    if (this.rootKind === 'object' && !this.inRecordArray && !this.rootClosed) this.envelopeStart = 0;
    if (this.recordStart >= 0 || this.recordParts.length > 0) this.recordStart = 0;
    if (this.keyStart >= 0) this.keyStart = 0;
    for (let i = 0; i < length; i++) {
      if (this.inString) {
        // Raw line breaks cannot occur inside a JSON string, so jumping over it loses no line.
        const end = findStringEnd(chunk, i, this.escaped);
        if (end < 0) {
          this.escaped = end === STRING_OPEN_ESCAPED;
          break;
        }
        this.escaped = false;
        this.inString = false;
        i = end;
        if (this.keyStart >= 0) {
          this.keyParts.push(chunk.slice(this.keyStart, i));
          this.lastKey = this.keyParts.join('');
          this.keyParts = [];
          this.keyStart = -1;
        }
        continue;
      }
      if (this.inRecordArray && this.depth > this.recordDepth) {
        const next = this.skipInsideRecord(chunk, i);
        if (this.inString) break; // a string that goes on in the next chunk
        i = next - 1;
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (code === NEWLINE) this.line++;
      if (isWhitespace(code)) continue;
      if (this.rootClosed) {
        this.trailingTextLine ??= this.line;
        continue;
      }
      if (this.depth === 0 && this.rootKind === undefined) {
        if (code === OPEN_BRACKET) {
          this.rootKind = 'array';
          this.recordDepth = 1;
          this.inRecordArray = true;
          this.foundRecordArray = true;
        } else if (code === OPEN_BRACE) {
          this.rootKind = 'object';
          this.envelopeStart = i;
          this.expectKey = true;
        } else {
          this.rootKind = 'scalar';
          this.envelopeStart = i;
        }
      }
      const atRecordLevel = this.inRecordArray && this.depth === this.recordDepth;
      if (atRecordLevel && this.recordStart < 0 && code !== COMMA && code !== CLOSE_BRACKET) {
        this.recordStart = i;
        this.recordLine = this.line;
      }
      if (code === QUOTE) {
        this.inString = true;
        if (this.rootKind === 'object' && this.depth === 1 && this.expectKey) this.keyStart = i + 1;
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (
          code === OPEN_BRACKET &&
          this.rootKind === 'object' &&
          this.depth === 1 &&
          !this.inRecordArray &&
          RECORD_KEYS.has(this.lastKey) &&
          !this.foundRecordArray
        ) {
          // Entering the envelope's record array: keep "[" in the envelope, then stop copying until "]".
          this.envelopeParts.push(chunk.slice(this.envelopeStart, i + 1));
          this.envelopeStart = -1;
          this.inRecordArray = true;
          this.foundRecordArray = true;
          this.recordDepth = 2;
          this.recordKey = this.lastKey;
        }
        this.depth++;
        continue;
      }
      if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.depth--;
        if (this.inRecordArray && this.depth === this.recordDepth - 1) {
          this.endRecord(chunk, i);
          this.inRecordArray = false;
          if (this.rootKind === 'object') this.envelopeStart = i;
        }
        if (this.depth <= 0) {
          if (this.depth < 0) this.depth = 0;
          this.rootClosed = true;
          if (this.rootKind === 'object' && this.envelopeStart >= 0) {
            this.envelopeParts.push(chunk.slice(this.envelopeStart, i + 1));
            this.envelopeStart = -1;
          }
        }
        continue;
      }
      if (code === COMMA) {
        if (atRecordLevel) this.endRecord(chunk, i);
        if (this.rootKind === 'object' && this.depth === 1) this.expectKey = true;
        continue;
      }
      if (code === COLON && this.rootKind === 'object' && this.depth === 1) this.expectKey = false;
    }
    this.flushBatch(chunk);
    // Carry unfinished pieces over to the next chunk.
    if (this.recordStart >= 0) this.recordParts.push(chunk.slice(this.recordStart));
    if (this.keyStart >= 0) this.keyParts.push(chunk.slice(this.keyStart));
    if (this.envelopeStart >= 0 && (this.rootKind === 'object' || this.rootKind === 'scalar') && !this.inRecordArray) {
      this.envelopeParts.push(chunk.slice(this.envelopeStart));
      this.envelopeStart = -1;
    }
    if (this.recordStart >= 0) this.recordStart = -1;
  }

  /**
   * Inside a record (below record level) only strings, brackets and line breaks matter: one tight loop over
   * them, back to the caller where the record returns to record level (after its closing bracket) or where the
   * chunk ends (then `inString`/`escaped` say whether it ends inside a string).
   */
  private skipInsideRecord(chunk: string, from: number): number {
    const length = chunk.length;
    const floor = this.recordDepth;
    let depth = this.depth;
    let line = this.line;
    let at = from;
    for (; at < length; at++) {
      const code = chunk.charCodeAt(at);
      if (code === QUOTE) {
        const end = findStringEnd(chunk, at + 1, false);
        if (end < 0) {
          this.inString = true;
          this.escaped = end === STRING_OPEN_ESCAPED;
          at = length;
          break;
        }
        at = end;
      } else if (code === NEWLINE) {
        line++;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === floor) {
          at++;
          break;
        }
      }
    }
    this.depth = depth;
    this.line = line;
    return at;
  }

  private endRecord(chunk: string, end: number): void {
    if (this.recordStart < 0 && this.recordParts.length === 0) return;
    if (this.recordParts.length === 0) {
      // Whole in this chunk: batched. A blank one (`[}]`) makes the batch's JSON.parse fail; read one by one,
      // it is left out (batchRecordText is empty).
      this.batchStarts.push(this.recordStart);
      this.batchEnds.push(end);
      this.batchLines.push(this.recordLine);
      this.recordStart = -1;
      if (this.batchStarts.length >= MAX_BATCH_RECORDS) this.flushBatch(chunk);
      return;
    }
    // Begun in an earlier chunk: handed over alone, after the records before it.
    this.flushBatch(chunk);
    const start = this.recordStart < 0 ? end : this.recordStart;
    this.recordParts.push(chunk.slice(start, end));
    const text = this.recordParts.join('').trim();
    this.recordParts = [];
    this.recordStart = -1;
    if (text.length > 0) this.onRecords({ source: text, starts: [0], ends: [text.length], lines: [this.recordLine] });
  }

  private flushBatch(chunk: string): void {
    if (this.batchStarts.length === 0) return;
    const batch: RecordBatch = { source: chunk, starts: this.batchStarts, ends: this.batchEnds, lines: this.batchLines };
    this.batchStarts = [];
    this.batchEnds = [];
    this.batchLines = [];
    this.onRecords(batch);
  }

  /**
   * End of input. Returns the document outside its record array (the envelope, or the whole single record
   * when there was no record array) and structural problems.
   */
  finish(): { envelope?: string; hadRecordArray: boolean; rootKind?: string; problems: string[] } {
    const problems: string[] = [];
    if (this.inRecordArray && !this.inString && this.depth === this.recordDepth && this.recordParts.length > 0) {
      // The last record is whole but the array never closes: a download cut between records. Keep the record
      // (JSON.parse will still refuse it if it is not a value) and say the file is incomplete.
      const line = this.recordLine;
      this.endRecord('', 0);
      problems.push(`line ${line}: the file ends before the JSON array is closed (truncated download?); the records before that point were read`);
    } else if (this.inString || this.depth > 0) {
      if (this.recordParts.length > 0) {
        problems.push(`line ${this.recordLine}: the file ends inside this record (truncated JSON?); it was skipped`);
      } else {
        problems.push(`line ${this.line}: the file ends inside the JSON document (truncated?)`);
      }
    }
    if (this.trailingTextLine !== undefined) {
      problems.push(`line ${this.trailingTextLine}: unexpected text after the end of the JSON document; it was ignored`);
    }
    const envelope = this.envelopeParts.length > 0 ? this.envelopeParts.join('') : undefined;
    const result: { envelope?: string; hadRecordArray: boolean; rootKind?: string; problems: string[] } = {
      hadRecordArray: this.foundRecordArray,
      problems,
    };
    if (envelope !== undefined) result.envelope = envelope;
    if (this.rootKind !== undefined) result.rootKind = this.rootKind;
    return result;
  }
}
