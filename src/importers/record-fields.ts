// Reading typed values out of untyped export records, with messages that say what was wrong.
import { epochToMs, parseDate } from '../shared/dates';
import { RecordProblem, type JsonObject } from './types';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follow a dotted path ("client-info.user-agent" is one key; use an array for nested keys). */
export function pick(record: JsonObject, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A non-empty trimmed string, or undefined. Numbers become strings (ids). */
export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

export function optionalRecipient(value: unknown): string | undefined {
  return optionalText(value)?.toLowerCase();
}

/** Quote a value for a message, shortened so one huge cell cannot flood the report. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return `'${text.length > 40 ? `${text.slice(0, 37)}...` : text}'`;
}

export type EpochUnit = 'seconds' | 'milliseconds' | 'auto';

/**
 * A time field: a number in the documented unit, a numeric string, or a date text. Missing → undefined;
 * present but unreadable → RecordProblem naming the field and the value.
 */
export function optionalTime(
  value: unknown,
  field: string,
  unit: EpochUnit = 'auto',
  timeZone?: string,
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let result: number | undefined;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))) {
    const number = Number(value);
    if (unit === 'seconds') result = number > 1e8 && number < 1e11 ? Math.round(number * 1000) : undefined;
    else if (unit === 'milliseconds') result = number > 1e11 && number < 1e14 ? Math.round(number) : undefined;
    else result = epochToMs(number);
  } else if (typeof value === 'string') {
    result = parseDate(value, timeZone ? { timeZone } : {});
  }
  if (result === undefined) throw new RecordProblem(`${field} ${quote(value)} is not a date`);
  return result;
}

/** The first present value among several field names (exports rename fields across API versions). */
export function firstPresent(record: JsonObject, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** Truthy bot flags: true, "true", 1, "1", "yes", or a non-empty vendor name ("apple", "gmail"). */
export function botFlag(value: unknown): string | undefined {
  if (value === true || value === 1) return 'true';
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '' || /^(false|0|no|none|null|n)$/i.test(trimmed)) return undefined;
    return trimmed;
  }
  return undefined;
}

// Addresses and recipients are read by the module the page reader uses too.
export { extractIp, normalizeRecipient } from '../shared/cell-values';
