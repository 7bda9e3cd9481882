// Which mail stack receives a recipient domain's mail, told from its MX host names (conventions §3 "Recipient
// mail host (MX)"). Pure: no browser globals, so the classifier, the UI and the CLI can all use it. The DNS
// lookup itself lives in src/background/mx-lookup.ts and only runs when the user opted in.
import type { MailHost } from './types';
import { vendorName } from './vendors';

/** Every MailHost once, in the order the UI lists them (a record, so the compiler checks none is missing). */
const MAIL_HOST_ORDER = {
  microsoft365: 1, google: 2, proofpoint: 3, mimecast: 4, barracuda: 5, cisco: 6, messagelabs: 7, trendmicro: 8, other: 9,
} satisfies Record<MailHost, number>;
const MAIL_HOST_IDS = Object.keys(MAIL_HOST_ORDER) as MailHost[];

/** Plain names for the UI, one per MailHost: the vendor registry's names (one name per vendor everywhere). */
export const MAIL_HOST_NAMES: Record<MailHost, string> = Object.fromEntries(
  MAIL_HOST_IDS.map((host) => [host, vendorName(host)]),
) as Record<MailHost, string>;

/** Every MailHost, in the order the UI lists them. */
export const MAIL_HOSTS: readonly MailHost[] = MAIL_HOST_IDS;

/**
 * Host-name suffixes of each vendor's inbound gateways, matched on a label boundary. Sources: the vendors'
 * onboarding pages for the MX values they hand out.
 * - Microsoft 365: `<domain-token>.mail.protection.outlook.com`; DNSSEC/DANE tenants get
 *   `<token>.<x>-v1.mx.microsoft` (learn.microsoft.com, "Inbound SMTP DANE with DNSSEC"); US Government
 *   (GCC High/DoD) `<token>.mail.protection.office365.us`. Consumer Outlook.com uses
 *   `*.olc.protection.outlook.com`, which is deliberately NOT a tenant gateway and stays `other`.
 * - Proofpoint: `mx0a-<id>.pphosted.com` (Enterprise), `mx1-us1.ppe-hosted.com` (Essentials).
 * - Mimecast: `<region>-smtp-inbound-1.mimecast.com`, South Africa `za-smtp-inbound-1.mimecast.co.za`,
 *   Offshore/Jersey `je-smtp-inbound-1.mimecast-offshore.com`.
 * - Barracuda Email Security Service: `d<id>.ess.barracudanetworks.com` (and `*.ess.<region>.…`).
 * - Cisco Secure Email (IronPort cloud): `mx1.hc<id>.iphmx.com`.
 * - Symantec/Broadcom Email Security.cloud: `cluster<n>.<region>.messagelabs.com`.
 * - Trend Micro Email Security: `<id>.in.tmes.trendmicro.com`, `.trendmicro.eu`, regional `tmes.trendmicro.*`.
 * - Google: `aspmx.l.google.com` + `alt<n>.aspmx.l.google.com` + `aspmx<n>.googlemail.com` (classic set),
 *   `smtp.google.com` (the single MX Google has handed out since 2023), `gmail-smtp-in.l.google.com` (gmail.com).
 */
const SUFFIXES: ReadonlyArray<readonly [string, MailHost]> = [
  ['mail.protection.outlook.com', 'microsoft365'],
  ['mx.microsoft', 'microsoft365'],
  ['mail.protection.office365.us', 'microsoft365'],
  ['pphosted.com', 'proofpoint'],
  ['ppe-hosted.com', 'proofpoint'],
  ['mimecast.com', 'mimecast'],
  ['mimecast.co.za', 'mimecast'],
  ['mimecast-offshore.com', 'mimecast'],
  ['barracudanetworks.com', 'barracuda'],
  ['iphmx.com', 'cisco'],
  ['messagelabs.com', 'messagelabs'],
  ['trendmicro.com', 'trendmicro'],
  ['trendmicro.eu', 'trendmicro'],
  ['aspmx.l.google.com', 'google'],
  ['googlemail.com', 'google'],
  ['gmail-smtp-in.l.google.com', 'google'],
];

/** Exact host names (a suffix match would also catch unrelated `*.google.com` hosts). */
const EXACT: Readonly<Record<string, MailHost>> = {
  'smtp.google.com': 'google',
};

/** `tmes.trendmicro.co.jp`, `tmes.trendmicro.com.au`, …: Trend Micro's regional sites under country TLDs. */
const TREND_MICRO_REGIONAL = /(?:^|\.)tmes\.trendmicro\.[a-z]{2,3}(?:\.[a-z]{2})?$/;

function normaliseHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

/** The vendor of one MX host name, `other` when it is none we know. */
export function mailHostOfExchange(exchange: string): MailHost {
  const host = normaliseHostName(exchange);
  if (host === '') return 'other';
  const exact = Object.prototype.hasOwnProperty.call(EXACT, host) ? EXACT[host] : undefined;
  if (exact) return exact;
  for (const [suffix, vendor] of SUFFIXES) {
    if (host === suffix || host.endsWith(`.${suffix}`)) return vendor;
  }
  if (TREND_MICRO_REGIONAL.test(host)) return 'trendmicro';
  return 'other';
}

/**
 * The mail host of a domain from its MX host names, lowest preference (most preferred) first. The first
 * exchange decides: senders deliver to it whenever it is up, so its filter is the one that fetches the links; a
 * vendor that only appears as a backup MX sees mail only during an outage. No MX, or a null MX (RFC 7505 `.`),
 * is `other`.
 */
export function mailHostFromMx(exchanges: string[]): MailHost {
  const primary = exchanges.map(normaliseHostName).find((host) => host !== '');
  return primary === undefined ? 'other' : mailHostOfExchange(primary);
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The lower-cased domain of an email address (`"Ann <Ann@Contoso.COM>"` → `contoso.com`), or undefined for a
 * recipient id that is not an email (ESP subscriber ids, hashes, IP-literal domains, single-label hosts).
 * Internationalised domains come back in their ASCII (punycode) form, the form DNS is asked in.
 */
export function recipientDomain(recipient: string): string | undefined {
  let address = recipient.trim();
  const bracketed = /<([^<>]+)>\s*$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1].trim();
  if (address.toLowerCase().startsWith('mailto:')) address = address.slice('mailto:'.length);
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return undefined;
  const local = address.slice(0, at);
  if (/\s/.test(local)) return undefined;
  let domain = address.slice(at + 1).replace(/\.$/, '');
  if (domain.startsWith('[') || /\s/.test(domain)) return undefined;
  if (/[^\x00-\x7f]/.test(domain)) {
    // WHATWG URL applies UTS #46 (IDNA) mapping: `bücher.de` → `xn--bcher-kva.de`.
    try {
      domain = new URL(`http://${domain}/`).hostname;
    } catch {
      return undefined;
    }
  }
  domain = domain.toLowerCase();
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return undefined;
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  const tld = labels[labels.length - 1] as string;
  // A top-level domain is letters (or an IDN `xn--` label); an all-digit one means an IP address.
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return undefined;
  return domain;
}

/** A zero count for every MailHost. */
export function emptyMailHostCounts(): Record<MailHost, number> {
  const counts = {} as Record<MailHost, number>;
  for (const host of MAIL_HOSTS) counts[host] = 0;
  return counts;
}

/**
 * Distinct recipients per mail host. A recipient counts once however many events it has (addresses compared
 * case-insensitively); recipients that are not emails, or whose domain has no entry in `hosts` (not looked up,
 * or the lookup failed), are not counted, so the UI can show "n not known" as the difference from its total.
 */
export function countRecipientsByMailHost(
  recipients: Iterable<string>,
  hosts: Record<string, MailHost>,
): Record<MailHost, number> {
  const counts = emptyMailHostCounts();
  const seen = new Set<string>();
  for (const recipient of recipients) {
    const key = recipient.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const domain = recipientDomain(recipient);
    if (domain === undefined || !Object.prototype.hasOwnProperty.call(hosts, domain)) continue;
    const host = hosts[domain];
    if (host !== undefined && Object.prototype.hasOwnProperty.call(counts, host)) counts[host] += 1;
  }
  return counts;
}
