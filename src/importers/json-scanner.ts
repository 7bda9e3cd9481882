// The one place that knows where JSON strings end, used by everything that looks at JSON text without parsing
// it (the record splitter, the value-sequence splitter, container detection, the big-integer guard). Strings are
// skipped by jumping from quote to quote with indexOf and counting the backslashes before each quote, so a 5 MB
// string full of escapes costs one pass, not one pass per escape (the old loops rescanned for the next quote
// after every backslash). Resumable across chunks: a string may end in a later chunk, even right after a
// backslash.

const BACKSLASH = 92;
const QUOTE = 34;

/** findStringEnd: the string goes on in the next chunk. */
export const STRING_OPEN = -1;
/** findStringEnd: the string goes on in the next chunk, whose first character is escaped. */
export const STRING_OPEN_ESCAPED = -2;

/**
 * Find the end of a JSON string whose content starts at `from` (just after the opening quote, or at the start
 * of a later chunk); `escapedAtStart`: the previous chunk ended on an unpaired backslash. The index of the
 * closing quote, or STRING_OPEN / STRING_OPEN_ESCAPED when the string does not end in `text` (a number, not an
 * object: the splitter's hot loop meets ~10 strings per record).
 */
export function findStringEnd(text: string, from: number, escapedAtStart: boolean): number {
  let at = from;
  if (escapedAtStart) {
    if (at >= text.length) return STRING_OPEN_ESCAPED;
    at++; // the escaped character itself, whatever it is
  }
  // Backslashes before `floor` were paired up already (or are the opening quote's side): never count them.
  const floor = at;
  for (;;) {
    const quote = text.indexOf('"', at);
    const stop = quote < 0 ? text.length : quote;
    let backslashes = 0;
    for (let k = stop - 1; k >= floor && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (quote < 0) return backslashes % 2 === 1 ? STRING_OPEN_ESCAPED : STRING_OPEN;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/** Depth and string state of a scan that may continue in the next chunk. */
export interface JsonScanState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

export function newScanState(): JsonScanState {
  return { depth: 0, inString: false, escaped: false };
}

/**
 * Scan `text` from `from` for the end of the current top-level value (state.depth counts open brackets; call
 * at the value's first "{" or "[" with depth 0). Returns the index of the bracket that closes it, or -1 when it
 * does not close in `text`; `state` then carries over to the next chunk.
 */
export function findValueEnd(text: string, from: number, state: JsonScanState): number {
  let at = from;
  const length = text.length;
  while (at < length) {
    if (state.inString) {
      const end = findStringEnd(text, at, state.escaped);
      if (end < 0) {
        state.escaped = end === STRING_OPEN_ESCAPED;
        return -1;
      }
      state.inString = false;
      state.escaped = false;
      at = end + 1;
      continue;
    }
    const code = text.charCodeAt(at);
    if (code === QUOTE) state.inString = true;
    else if (code === 123 || code === 91) state.depth++;
    else if (code === 125 || code === 93) {
      state.depth--;
      if (state.depth <= 0) {
        state.depth = 0;
        return at;
      }
    }
    at++;
  }
  return -1;
}

/**
 * Whether `text[from, to)` is one JSON object or array by its brackets and strings: it opens at `from` and the
 * bracket that closes it is the last character before `to`. Lines that pass can be parsed joined by commas as
 * one JSON array, each line one element (NDJSON batches); one that does not is parsed alone.
 */
export function isOneBracketedValue(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if (to - from < 2 || (first !== 123 && first !== 91)) return false;
  let depth = 0;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const end = findStringEnd(text, at + 1, false);
      if (end < 0 || end >= to) return false;
      at = end;
    } else if (code === 123 || code === 91) {
      depth++;
    } else if (code === 125 || code === 93) {
      depth--;
      if (depth === 0) return at === to - 1;
    }
  }
  return false;
}
