// Splits a stream of whole JSON values written one after another — `jq` output without -c (pretty-printed
// objects back to back), webhook bodies appended to a log (`[…]` arrays, one POST each) — into the text of
// each top-level value. NDJSON with one value per line is read by LineSplitter instead, so one broken line
// cannot swallow the lines after it.

export interface SequenceValue {
  text: string;
  /** 1-based line where the value starts. */
  line: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

export class JsonSequenceSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  private parts: string[] = [];
  private collecting = false;
  private valueLine = 0;
  /** A bare scalar or junk at the top level runs to the end of its line. */
  private bareValue = false;

  constructor(private readonly onValue: (value: SequenceValue) => void) {}

  push(chunk: string): void {
    let start = this.collecting ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (!this.collecting) {
        if (code === NEWLINE) this.line++;
        if (code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff || code === 44) continue;
        this.collecting = true;
        this.valueLine = this.line;
        start = i;
        this.bareValue = code !== 123 && code !== 91; // not "{" or "["
        if (!this.bareValue) this.depth = 0;
      }
      if (this.bareValue) {
        if (code === NEWLINE) {
          this.emit(chunk.slice(start, i));
          this.line++;
        }
        continue;
      }
      if (code === NEWLINE) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) this.inString = false;
        continue;
      }
      if (code === QUOTE) this.inString = true;
      else if (code === 123 || code === 91) this.depth++;
      else if (code === 125 || code === 93) {
        this.depth--;
        if (this.depth <= 0) this.emit(chunk.slice(start, i + 1));
      }
    }
    if (this.collecting && start >= 0) this.parts.push(chunk.slice(start));
  }

  /** End of input: a value still open is handed over as it is (JSON.parse will say what is wrong). */
  finish(): void {
    if (this.collecting) this.emit('');
  }

  private emit(lastPart: string): void {
    this.parts.push(lastPart);
    const text = this.parts.join('').trim();
    this.parts = [];
    this.collecting = false;
    this.bareValue = false;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    if (text.length > 0) this.onValue({ text, line: this.valueLine });
  }
}
