// JSON.parse for export records, keeping integer ids that a double cannot hold. Mailjet's MessageID
// (e.g. 19421777835146490, documented at https://dev.mailjet.com/email/guides/webhooks/) is above 2^53, so
// JSON.parse turns 19421777835146491 into …492 and two messages share one id. Such integers are read as
// their decimal text instead; every other value parses exactly as JSON.parse would.

import { scanString } from './json-scanner';

/** Digits from which an integer may exceed Number.MAX_SAFE_INTEGER (9007199254740991 has 16). */
const UNSAFE_DIGITS = /\d{16}/;

export function parseExportJson(text: string): unknown {
  return JSON.parse(UNSAFE_DIGITS.test(text) ? quoteUnsafeIntegers(text) : text) as unknown;
}

/** Wrap every integer literal outside strings that is not a safe integer in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = scanString(text, i + 1).end;
      if (end < 0) break; // an unclosed string: JSON.parse will say so
      i = end;
      continue;
    }
    if (char !== '-' && (char === undefined || char < '0' || char > '9')) continue;
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) continue;
    const literal = match[0];
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(Number(literal))) {
      parts.push(text.slice(copiedUpTo, i), `"${literal}"`);
      copiedUpTo = i + literal.length;
    }
    i += literal.length - 1;
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}
