// JSON.parse for export records, keeping integer ids that a double cannot hold. Mailjet's MessageID
// (e.g. 19421777835146490, documented at https://dev.mailjet.com/email/guides/webhooks/) is above 2^53, so
// JSON.parse turns 19421777835146491 into …492 and two messages share one id. Such integers are read as
// their decimal text instead; every other value parses exactly as JSON.parse would.

import { findStringEnd } from './json-scanner';

/**
 * Parse, then look for integers a double could not hold; only then parse again with them quoted. Looking at the
 * parsed values is cheaper than scanning every record's text for 16-digit runs (profiled: the text scan was a
 * third of the parse time on a 200k-record export).
 */
export function parseExportJson(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  return holdsUnsafeInteger(value, 0) ? (JSON.parse(quoteUnsafeIntegers(text)) as unknown) : value;
}

/**
 * Several records with one JSON.parse: `list` is their texts joined by commas (the inside of a JSON array).
 * Undefined when the list is not valid JSON or does not hold `count` values (then parse the records one by one
 * to say which is broken). A record with an integer a double cannot hold comes back as undefined in its place:
 * parse its own text with parseExportJson.
 */
export function parseExportJsonList(list: string, count: number): Array<unknown> | undefined {
  let values: unknown;
  try {
    values = JSON.parse(`[${list}]`);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== count) return undefined;
  for (let i = 0; i < count; i++) if (holdsUnsafeInteger(values[i], 0)) values[i] = undefined;
  return values;
}

/** Nesting levels looked into (export records are shallow; deeper ids are not ours to keep exact). */
const MAX_DEPTH = 6;

function holdsUnsafeInteger(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsUnsafeInteger(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (holdsUnsafeInteger((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** Wrap every integer literal outside strings that is not a safe integer in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = findStringEnd(text, i + 1, false);
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
