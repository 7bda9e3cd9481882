// Reading one value out of a cell or field as exports and report pages write it: the client address in an
// "IP" cell, the recipient in "Ana Lopez <ana@contoso.com>". Shared by the importers and the page reader so
// both read the same text the same way. Addresses are checked by the one full IP parser (src/ranges/ip.ts)
// instead of patterns: an IPv6 pattern either misses compressed forms or takes a clock time ("17:08:31") for
// an address. Pure: no browser or DOM globals.
import { parseIPv4, parseIPv6Into } from '../ranges/ip';

const ipv6Scratch = new Uint32Array(4);

/** A whole text that is an IP address (v4 dotted quad, or v6 in any RFC 4291/5952 form, zone allowed). */
export function isIpAddress(text: string): boolean {
  return parseIPv4(text) !== undefined || (text.includes(':') && parseIPv6Into(text, ipv6Scratch));
}

// Not after "/": "Chrome/152.0.0.0" in a user agent is a version, not an address.
const IPV4_CANDIDATE = /(?:^|[^\d./])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/g;
/** Runs of hex digits, colons and dots that could be an IPv6 address (checked by the parser). */
const IPV6_CANDIDATE = /[0-9a-f]*:[0-9a-f:.]*[0-9a-f.:]/gi;

/**
 * The first IP address anywhere in a text ("IP: 81.2.69.160 (GB)", "Opened from 2a01:111:f400::1"), lower-cased;
 * undefined when there is none. IPv4 first: a text with both names the client's v4 address more often.
 */
export function findIp(text: string): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  for (const match of text.matchAll(IPV4_CANDIDATE)) {
    const candidate = match[1]!;
    if (parseIPv4(candidate) !== undefined) return candidate;
  }
  if (!text.includes(':')) return undefined;
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    const candidate = match[0].replace(/^:(?!:)|(?<!:):$/g, '');
    // At least a "::" or three colons: "17:08:31" and "10:30" are times, and the parser refuses them anyway.
    if ((candidate.includes('::') || candidate.split(':').length > 3) && parseIPv6Into(candidate, ipv6Scratch)) {
      return candidate.toLowerCase();
    }
  }
  return undefined;
}

/**
 * The client address in an IP field as exports write it: "40.94.29.12", "40.94.29.12:443",
 * "[2a01:111:f400::1]:443", "172.225.6.10, 10.0.0.1" (a forwarding chain: the first is the client),
 * "IP: 81.2.69.160 (GB)". Undefined when there is none (a place name in a "Location" column).
 */
export function extractIp(text: string): string | undefined {
  // Most fields are a bare dotted quad: returned as it is, without trimming or unquoting copies.
  if (parseIPv4(text) !== undefined) return text;
  const trimmed = text.trim().replace(/^["']|["']$/g, '');
  if (isIpAddress(trimmed)) return trimmed.includes(':') ? trimmed.toLowerCase() : trimmed;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed)?.[1];
  if (bracketed !== undefined && isIpAddress(bracketed)) return bracketed.toLowerCase();
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed)?.[1];
  if (withPort !== undefined && parseIPv4(withPort) !== undefined) return withPort;
  // The first token only (not a split of the whole text: a 100 KB cell would become thousands of strings).
  const first = /^[^\s,;]+/.exec(trimmed)?.[0] ?? '';
  if (first !== trimmed && first.length > 0) {
    const firstIp = extractIp(first);
    if (firstIp !== undefined) return firstIp;
  }
  return findIp(trimmed);
}

/**
 * An e-mail address inside a text: the one pattern for addresses in export cells and on report pages. Letters of
 * any script, the local part's usual punctuation, a dotted domain ending in a top-level name. It finds the
 * address a person reads in "Ana Lopez <ana@contoso.com>" or "/track?email=ana@contoso.com" (not the "?" or "=").
 */
export const EMAIL_ADDRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/iu;
const WHOLE_EMAIL_ADDRESS = new RegExp(`^(?:${EMAIL_ADDRESS.source})$`, 'iu');

/** The first e-mail address in a text, lower-cased, or undefined. */
export function findEmail(text: string): string | undefined {
  return EMAIL_ADDRESS.exec(text)?.[0].toLowerCase();
}

const EVERY_EMAIL_ADDRESS = new RegExp(EMAIL_ADDRESS.source, 'giu');

/** The distinct e-mail addresses in a text, lower-cased ("Jordan <j@x.org>" → ["j@x.org"]). */
export function emailAddressesIn(text: string): string[] {
  return [...new Set((text.match(EVERY_EMAIL_ADDRESS) ?? []).map((address) => address.toLowerCase()))];
}

/** Whether a whole text is one e-mail address. */
export function isEmailAddress(text: string): boolean {
  return WHOLE_EMAIL_ADDRESS.test(text);
}

/**
 * A count as reports and exports write it: "1204", "1,204", "1 204", "1.204" (digits grouped by thousands with a
 * comma, dot, space or narrow space), "3.0". Undefined for anything else ("12.5", "3 of 4", "-2"): a rate or a
 * ratio is not a count.
 */
export function parseCount(text: string): number | undefined {
  const trimmed = text.trim();
  const plain = /^(\d+)(?:\.0+)?$/.exec(trimmed);
  if (plain) return Number(plain[1]);
  if (/^\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+$/.test(trimmed)) return Number(trimmed.replace(/\D/g, ''));
  return undefined;
}

const PLAIN_RECIPIENT = /^[^\s<>"'(),;]+$/;

/**
 * One recipient key for every shape an export or page writes it in: "Ana Lopez <Ana.Lopez@contoso.com>",
 * "mailto:ana@x", "  ANA@X  " → "ana.lopez@contoso.com" / "ana@x". Ids without "@" are kept (lower-cased).
 */
export function normalizeRecipient(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase().replace(/^mailto:/, '');
  if (trimmed.length === 0) return undefined;
  if (PLAIN_RECIPIENT.test(trimmed)) return trimmed;
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(trimmed)?.[1];
  return bracketed ?? findEmail(trimmed) ?? trimmed;
}
