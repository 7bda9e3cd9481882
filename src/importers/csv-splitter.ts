// Splits streamed CSV text into records (one record = one row, which may span lines inside quotes), so the
// rows can be handed to papaparse in batches while the file streams, each with the line it starts on.
// A quote that is never closed would swallow the rest of the file; past MAX_RECORD_LINES lines the record is
// cut back to its first line and reported, and reading resumes on the next line.

export interface CsvRecordText {
  text: string;
  /** 1-based line where the record starts. */
  line: number;
  /** Set when the record was cut because of an unbalanced quote. */
  brokenQuote?: boolean;
}

/** A quoted cell spanning more lines than this is taken to be an unclosed quote. */
export const MAX_RECORD_LINES = 200;

export class CsvRecordSplitter {
  private buffer = '';
  private scanFrom = 0;
  private inQuotes = false;
  private recordLine = 1;
  private linesInRecord = 0;

  constructor(private readonly onRecord: (record: CsvRecordText) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    this.scan();
  }

  finish(): void {
    for (;;) {
      this.scan();
      if (this.buffer.length === 0) return;
      if (this.inQuotes) {
        this.emit(this.cutAtFirstLine(), true);
        continue;
      }
      this.emit(this.buffer.replace(/\r$/, ''), false);
      this.buffer = '';
      this.scanFrom = 0;
      return;
    }
  }

  private scan(): void {
    rescan: for (;;) {
      const buffer = this.buffer;
      let recordStart = 0;
      const length = buffer.length;
      for (let i = this.scanFrom; i < length; i++) {
        const code = buffer.charCodeAt(i);
        if (code === 34) {
          this.inQuotes = !this.inQuotes;
        } else if (code === 10) {
          if (this.inQuotes) {
            this.linesInRecord++;
            if (this.linesInRecord > MAX_RECORD_LINES) {
              this.buffer = buffer.slice(recordStart);
              this.emit(this.cutAtFirstLine(), true);
              continue rescan;
            }
            continue;
          }
          let end = i;
          if (end > recordStart && buffer.charCodeAt(end - 1) === 13) end--;
          this.emit(buffer.slice(recordStart, end), false);
          recordStart = i + 1;
        }
      }
      this.buffer = buffer.slice(recordStart);
      this.scanFrom = this.buffer.length;
      return;
    }
  }

  /** Drop the buffered record's first line (returned) and rescan the rest as fresh records. */
  private cutAtFirstLine(): string {
    const newline = this.buffer.indexOf('\n');
    const first = newline < 0 ? this.buffer : this.buffer.slice(0, newline);
    this.buffer = newline < 0 ? '' : this.buffer.slice(newline + 1);
    this.scanFrom = 0;
    this.inQuotes = false;
    return first.replace(/\r$/, '');
  }

  private emit(text: string, brokenQuote: boolean): void {
    const line = this.recordLine;
    // The next record starts after every line this one used.
    const usedLines = brokenQuote ? 1 : countNewlines(text) + 1;
    this.recordLine += usedLines;
    this.linesInRecord = 0;
    if (text.trim().length === 0) return; // blank lines are not records
    const record: CsvRecordText = { text, line };
    if (brokenQuote) record.brokenQuote = true;
    this.onRecord(record);
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
