// Format detection: which container (one JSON document, NDJSON, CSV) and which ESP format inside it.
import { JSON_FORMATS } from './formats';
import { findValueEnd, newScanState } from './json-scanner';
import { SENDGRID_CSV_HEADER_START } from './formats/sendgrid-csv';
import { isObject } from './record-fields';
import type { JsonRecordFormat } from './types';

export type Container = 'json' | 'ndjson' | 'json-seq' | 'csv';

/** Which envelope key suggests which format (a tie-breaker; records decide first). */
const ENVELOPE_HINTS: Record<string, string> = {
  items: 'mailgun',
  Opens: 'postmark',
  Clicks: 'postmark',
  emails: 'mailchimp',
  events: 'hubspot',
  Records: 'ses',
  results: 'sparkpost',
  Results: 'campaign-monitor',
  result: 'marketo',
  data: 'klaviyo',
};

/**
 * Decide the container from the start of the file (and its name). `head` should hold at least the first
 * two lines when there are two.
 */
export function detectContainer(head: string, fileName?: string): Container {
  const text = head.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const name = (fileName ?? '').toLowerCase();
  if (trimmed.startsWith('[')) {
    // Webhook POST bodies logged one per line (`[…]\n[…]`), or arrays written back to back.
    const after = textAfterFirstValue(trimmed);
    if (after === undefined || !/^[[{]/.test(after)) return 'json';
    return isWholeJson((trimmed.split('\n')[0] ?? '').trim()) ? 'ndjson' : 'json-seq';
  }
  if (trimmed.startsWith('{')) {
    if (/\.(ndjson|jsonl)$/.test(name)) return 'ndjson';
    // NDJSON: the first line is a whole JSON value and another line follows starting with "{".
    const lines = trimmed.split('\n');
    const first = (lines[0] ?? '').trim();
    const next = lines.slice(1).find((line) => line.trim().length > 0);
    if (next !== undefined && next.trim().startsWith('{')) {
      try {
        JSON.parse(first);
        return 'ndjson';
      } catch {
        // Not one value per line: pretty-printed values back to back (`jq .` output) are a sequence.
        return /^[[{]/.test(textAfterFirstValue(trimmed) ?? '') ? 'json-seq' : 'json';
      }
    }
    return /^[[{]/.test(textAfterFirstValue(trimmed) ?? '') ? 'json-seq' : 'json';
  }
  return 'csv';
}

function isWholeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text after the first top-level JSON value of `text` (which starts with "{" or "["), trimmed and without
 * a separating comma; undefined when that value does not end inside `text`.
 */
function textAfterFirstValue(text: string): string | undefined {
  const end = findValueEnd(text, 0, newScanState());
  return end < 0 ? undefined : text.slice(end + 1).replace(/^[\s,]+/, '');
}

/** The CSV flavour from the header line. */
export function detectCsvFlavour(head: string): 'sendgrid-csv' | 'csv' {
  const firstLine = head.replace(/^\uFEFF/, '').trimStart().split('\n')[0] ?? '';
  return SENDGRID_CSV_HEADER_START.test(firstLine) ? 'sendgrid-csv' : 'csv';
}

/** The JSON format that best explains a sample of records; undefined when none recognises any. */
export function detectJsonFormat(sample: readonly unknown[], envelopeKey?: string): JsonRecordFormat | undefined {
  let best: JsonRecordFormat | undefined;
  let bestScore = 0;
  const hinted = envelopeKey === undefined ? undefined : ENVELOPE_HINTS[envelopeKey];
  for (const format of JSON_FORMATS) {
    let score = 0;
    for (const record of sample) if (isObject(record)) score += safeRecognize(format, record);
    if (score > 0 && format.name === hinted) score += 0.25 * sample.length;
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

/** The format of one record alone (mixed NDJSON files). */
export function recognizeRecord(record: unknown): JsonRecordFormat | undefined {
  if (!isObject(record)) return undefined;
  let best: JsonRecordFormat | undefined;
  let bestScore = 0;
  for (const format of JSON_FORMATS) {
    const score = safeRecognize(format, record);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

export function safeRecognize(format: JsonRecordFormat, record: Record<string, unknown>): number {
  try {
    return format.recognize(record);
  } catch {
    return 0;
  }
}
