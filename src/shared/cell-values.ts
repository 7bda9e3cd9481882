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

const PLAIN_RECIPIENT = /^[^\s<>"'(),;]+$/;
const EMBEDDED_EMAIL = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/;

/**
 * One recipient key for every shape an export or page writes it in: "Ana Lopez <Ana.Lopez@contoso.com>",
 * "mailto:ana@x", "  ANA@X  " → "ana.lopez@contoso.com" / "ana@x". Ids without "@" are kept (lower-cased).
 */
export function normalizeRecipient(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase().replace(/^mailto:/, '');
  if (trimmed.length === 0) return undefined;
  if (PLAIN_RECIPIENT.test(trimmed)) return trimmed;
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(trimmed)?.[1];
  return bracketed ?? EMBEDDED_EMAIL.exec(trimmed)?.[0].replace(/^mailto:/, '') ?? trimmed;
}
