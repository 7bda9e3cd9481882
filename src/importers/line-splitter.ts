// Splits streamed text into lines (for NDJSON), carrying a partial line across chunks.

export class LineSplitter {
  private pending = '';
  private lineNumber = 0;

  constructor(private readonly onLine: (text: string, line: number) => void) {}

  push(chunk: string): void {
    let start = 0;
    let text = this.pending + chunk;
    this.pending = '';
    for (let newline = text.indexOf('\n', start); newline >= 0; newline = text.indexOf('\n', start)) {
      this.lineNumber++;
      this.onLine(text.slice(start, newline).replace(/\r$/, ''), this.lineNumber);
      start = newline + 1;
    }
    this.pending = text.slice(start);
    text = '';
  }

  finish(): void {
    if (this.pending.length > 0) {
      this.lineNumber++;
      this.onLine(this.pending.replace(/\r$/, ''), this.lineNumber);
      this.pending = '';
    }
  }
}
