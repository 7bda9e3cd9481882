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

const PLAIN_RECIPIENT = /^[^\s<>"'(),;]+$/;
const EMBEDDED_EMAIL = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/;

/**
 * One recipient key for every shape an export writes it in: "Ana Lopez <Ana.Lopez@contoso.com>",
 * "mailto:ana@x", "  ANA@X  " → "ana.lopez@contoso.com" / "ana@x". Ids without "@" are kept (lower-cased).
 */
export function normalizeRecipient(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase().replace(/^mailto:/, '');
  if (trimmed.length === 0) return undefined;
  if (PLAIN_RECIPIENT.test(trimmed)) return trimmed;
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(trimmed)?.[1];
  return bracketed ?? EMBEDDED_EMAIL.exec(trimmed)?.[0].replace(/^mailto:/, '') ?? trimmed;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV4_ANYWHERE = /(?:^|[^\d.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\d.])/;
const IPV6 = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w+)?$|^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,6}:\d{1,3}(?:\.\d{1,3}){3}$/i;

/** An IPv6 address: compressed ("::"), all eight groups, or IPv4-mapped. Not a clock time like "17:08:31". */
function isIpv6(text: string): boolean {
  if (!IPV6.test(text)) return false;
  return text.includes('::') || text.split(':').length === 8 || /\d\.\d/.test(text);
}

function validIpv4(text: string): boolean {
  const match = IPV4.exec(text);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * The client address in an IP field as exports write it: "40.94.29.12", "40.94.29.12:443",
 * "[2a01:111:f400::1]:443", "172.225.6.10, 10.0.0.1" (a forwarding chain: the first is the client),
 * "IP: 81.2.69.160 (GB)". Undefined when there is none (a place name in a "Location" column).
 */
export function extractIp(text: string): string | undefined {
  const trimmed = text.trim().replace(/^["']|["']$/g, '');
  if (validIpv4(trimmed)) return trimmed;
  if (isIpv6(trimmed)) return trimmed;
  const bracketed = /^\[([0-9a-f:.%\w]+)\](?::\d+)?$/i.exec(trimmed)?.[1];
  if (bracketed !== undefined && isIpv6(bracketed)) return bracketed;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed)?.[1];
  if (withPort !== undefined && validIpv4(withPort)) return withPort;
  const first = trimmed.split(/[\s,;]+/)[0] ?? '';
  if (first !== trimmed) {
    const firstIp = extractIp(first);
    if (firstIp !== undefined) return firstIp;
  }
  const embedded = IPV4_ANYWHERE.exec(trimmed)?.[1];
  return embedded !== undefined && validIpv4(embedded) ? embedded : undefined;
}
