// Splits a stream of whole JSON values written one after another — `jq` output without -c (pretty-printed
// objects back to back), webhook bodies appended to a log (`[…]` arrays, one POST each) — into the text of
// each top-level value. NDJSON with one value per line is read by LineSplitter instead, so one broken line
// cannot swallow the lines after it.
import { findValueEnd, newScanState, type JsonScanState } from './json-scanner';

export interface SequenceValue {
  text: string;
  /** 1-based line where the value starts. */
  line: number;
}

const NEWLINE = 10;

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

export class JsonSequenceSplitter {
  private readonly scan: JsonScanState = newScanState();
  private line = 1;
  private parts: string[] = [];
  private collecting = false;
  private valueLine = 0;
  /** A bare scalar or junk at the top level runs to the end of its line. */
  private bareValue = false;

  constructor(private readonly onValue: (value: SequenceValue) => void) {}

  push(chunk: string): void {
    let at = 0;
    const length = chunk.length;
    while (at < length) {
      if (!this.collecting) {
        const code = chunk.charCodeAt(at);
        if (code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff || code === 44) {
          if (code === NEWLINE) this.line++;
          at++;
          continue;
        }
        this.collecting = true;
        this.valueLine = this.line;
        this.bareValue = code !== 123 && code !== 91; // not "{" or "["
      }
      if (this.bareValue) {
        const newline = chunk.indexOf('\n', at);
        if (newline < 0) {
          this.parts.push(chunk.slice(at));
          return;
        }
        this.emit(chunk.slice(at, newline));
        this.line++;
        at = newline + 1;
        continue;
      }
      const end = findValueEnd(chunk, at, this.scan);
      if (end < 0) {
        this.parts.push(chunk.slice(at));
        this.line += countNewlines(chunk, at, length);
        return;
      }
      this.line += countNewlines(chunk, at, end);
      this.emit(chunk.slice(at, end + 1));
      at = end + 1;
    }
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
    Object.assign(this.scan, newScanState());
    if (text.length > 0) this.onValue({ text, line: this.valueLine });
  }
}
