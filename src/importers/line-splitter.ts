// Splits streamed text into lines (for NDJSON), carrying a partial line across chunks. The lines that end in one
// chunk come out together, so the reader can parse many of them with one JSON.parse.

/**
 * Consecutive lines: line i is `source.slice(starts[i], ends[i])` (its "\n" left out, a "\r" before it kept)
 * and is line number `firstLine + i` of the file.
 */
export interface LineBatch {
  source: string;
  starts: number[];
  ends: number[];
  firstLine: number;
}

/** The text of line `i` of a batch without its line break ("\r\n" or "\n"). */
export function batchLineText(batch: LineBatch, i: number): string {
  const end = batch.ends[i]!;
  const start = batch.starts[i]!;
  return batch.source.slice(start, end > start && batch.source.charCodeAt(end - 1) === 13 ? end - 1 : end);
}

export class LineSplitter {
  private pending = '';
  private lineNumber = 0;

  constructor(private readonly onLines: (batch: LineBatch) => void) {}

  push(chunk: string): void {
    const text = this.pending + chunk;
    this.pending = '';
    const starts: number[] = [];
    const ends: number[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      starts.push(start);
      ends.push(newline);
      start = newline + 1;
    }
    this.pending = text.slice(start);
    if (starts.length === 0) return;
    const firstLine = this.lineNumber + 1;
    this.lineNumber += starts.length;
    this.onLines({ source: text, starts, ends, firstLine });
  }

  finish(): void {
    if (this.pending.length === 0) return;
    const text = this.pending;
    this.pending = '';
    this.lineNumber++;
    this.onLines({ source: text, starts: [0], ends: [text.length], firstLine: this.lineNumber });
  }
}
