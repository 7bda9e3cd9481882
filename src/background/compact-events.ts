// An imported report's events, kept so a settings change can re-classify it (as page reports are). Exports run
// to 100k+ events, mostly repeating a few user agents, links and addresses, so they are stored by column: one
// string table (each distinct text once), ids into it per text field, one Float64Array per number field.
// IndexedDB stores typed arrays as they are (structured clone:
// https://developer.mozilla.org/docs/Web/API/Web_Workers_API/Structured_clone_algorithm), so an export takes about
// a quarter of the room of a list of objects (npm run bench import-storage: 100k events, 12 MB against 50 MB).
// Columns follow the fields the events have, so a field added to EngagementEvent later is kept without a change here.
import type { EngagementEvent } from '../shared/types';

export interface CompactEvents {
  count: number;
  /** Distinct texts; text columns refer to them as index + 1 (0 = the event has no such field). */
  strings: string[];
  text: Record<string, Uint32Array>;
  /** NaN = the event has no such field. */
  numbers: Record<string, Float64Array>;
  /** Values that are neither text nor a number (none today), as [event index, field, value]. */
  other: Array<[number, string, unknown]>;
}

export function compactEvents(events: readonly EngagementEvent[]): CompactEvents {
  const count = events.length;
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const text: Record<string, Uint32Array> = {};
  const numbers: Record<string, Float64Array> = {};
  const other: CompactEvents['other'] = [];
  events.forEach((event, at) => {
    for (const [field, value] of Object.entries(event)) {
      if (value === undefined) continue;
      if (typeof value === 'string') {
        let id = ids.get(value);
        if (id === undefined) {
          id = strings.push(value);
          ids.set(value, id);
        }
        (text[field] ??= new Uint32Array(count))[at] = id;
      } else if (typeof value === 'number' && !Number.isNaN(value)) {
        (numbers[field] ??= new Float64Array(count).fill(NaN))[at] = value;
      } else {
        other.push([at, field, value]);
      }
    }
  });
  return { count, strings, text, numbers, other };
}

export function expandEvents(compact: CompactEvents): EngagementEvent[] {
  const records: Array<Record<string, unknown>> = Array.from({ length: compact.count }, () => ({}));
  for (const [field, column] of Object.entries(compact.text)) {
    column.forEach((id, at) => {
      if (id !== 0) records[at]![field] = compact.strings[id - 1];
    });
  }
  for (const [field, column] of Object.entries(compact.numbers)) {
    column.forEach((value, at) => {
      if (!Number.isNaN(value)) records[at]![field] = value;
    });
  }
  for (const [at, field, value] of compact.other) records[at]![field] = value;
  return records as unknown as EngagementEvent[];
}

/** Stored size estimate, bytes, in the history's units (text at two bytes a character, as approxEventBytes). */
export function compactEventsBytes(compact: CompactEvents): number {
  let bytes = 64;
  for (const value of compact.strings) bytes += 2 * value.length + 16;
  for (const column of Object.values(compact.text)) bytes += column.byteLength;
  for (const column of Object.values(compact.numbers)) bytes += column.byteLength;
  bytes += 2 * JSON.stringify(compact.other).length;
  return bytes;
}
