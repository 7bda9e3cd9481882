// The audit's machine-readable outputs: one JSON document (the conventions §2 contract), NDJSON (one event per
// line, for `jq`/log tools and files too big to load whole) and CSV (one event per row, for spreadsheets).
// Written in pieces so a 500k-event report never becomes one giant string.
import { LABELS, type EventVerdict } from '../shared/types';

export const OUTPUT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface AuditOutput {
  format: string;
  summary: object;
  /** Sorted by record index. */
  verdicts: readonly EventVerdict[];
}

/**
 * Events per write: enough to keep syscalls few (~60 KB each), few enough that the joined text stays below V8's
 * large-object size (128 KB, https://v8.dev/blog/trash-talk): a larger string goes to the old generation at once
 * and lives until the next full collection, so a big report would pile up its written text there.
 */
const EVENTS_PER_WRITE = 500;

/** One event of the JSON document and of NDJSON: the contract's fields (conventions §2). */
export function eventObject(verdict: EventVerdict): object {
  return {
    index: verdict.sourceIndex,
    type: verdict.type,
    recipient: verdict.recipient ?? null,
    label: verdict.label,
    score: Math.round(verdict.score * 1000) / 1000,
    reasons: verdict.reasons,
  };
}

/** JSON of a number as JSON.stringify writes it (non-finite numbers are null). */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** JSON of the few texts every event repeats: labels and types (fixed), reason lists (mostly shared frozen arrays). */
const FIXED_JSON = new Map<string, string>([...LABELS, 'open', 'click'].map((text) => [text, JSON.stringify(text)]));
const reasonListJson = new WeakMap<readonly string[], string>();

function reasonsJson(reasons: readonly string[]): string {
  if (reasons.length === 0) return '[]';
  let text = reasonListJson.get(reasons);
  if (text === undefined) {
    text = JSON.stringify(reasons);
    // The classifier's reason lists are frozen and shared by many events; a list made for one event is not kept.
    if (Object.isFrozen(reasons)) reasonListJson.set(reasons, text);
  }
  return text;
}

/**
 * The same text as JSON.stringify(eventObject(verdict)), written directly: one string per event instead of an
 * object and its serialisation (a 500k-event report writes half a million of them).
 */
export function eventJson(verdict: EventVerdict): string {
  const recipient = verdict.recipient === undefined ? 'null' : JSON.stringify(verdict.recipient);
  return (
    `{"index":${jsonNumber(verdict.sourceIndex)},"type":${FIXED_JSON.get(verdict.type) ?? JSON.stringify(verdict.type)},"recipient":${recipient},` +
    `"label":${FIXED_JSON.get(verdict.label) ?? JSON.stringify(verdict.label)},"score":${jsonNumber(Math.round(verdict.score * 1000) / 1000)},"reasons":${reasonsJson(verdict.reasons)}}`
  );
}

export const CSV_COLUMNS = ['index', 'type', 'recipient', 'label', 'score', 'reasons'] as const;

/**
 * One CSV cell: quoted when it holds a delimiter, quote or line break; a cell a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (https://owasp.org/www-community/attacks/CSV_Injection): recipients come from the export, not from us.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(verdict: EventVerdict): string {
  const score = Math.round(verdict.score * 1000) / 1000;
  return [verdict.sourceIndex, verdict.type, csvCell(verdict.recipient ?? ''), verdict.label, score, csvCell(verdict.reasons.join(';'))].join(',');
}

export async function writeEvents(output: OutputFormat, report: AuditOutput, write: (text: string) => Promise<void>): Promise<void> {
  const { verdicts } = report;
  let pieces: string[] = [];
  if (output === 'json') {
    await write(`{"format":${JSON.stringify(report.format)},"summary":${JSON.stringify(report.summary)},"events":[`);
  } else if (output === 'csv') {
    pieces.push(`${CSV_COLUMNS.join(',')}\n`);
  }
  for (let i = 0; i < verdicts.length; i++) {
    const verdict = verdicts[i]!;
    if (output === 'json') pieces.push((i === 0 ? '\n' : ',\n') + eventJson(verdict));
    else if (output === 'ndjson') pieces.push(`${eventJson(verdict)}\n`);
    else pieces.push(`${csvRow(verdict)}\n`);
    if (pieces.length >= EVENTS_PER_WRITE) {
      await write(pieces.join(''));
      pieces = [];
    }
  }
  if (output === 'json') pieces.push('\n]}\n');
  if (pieces.length > 0) await write(pieces.join(''));
}
