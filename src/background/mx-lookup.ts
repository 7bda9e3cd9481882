// Opt-in recipient mail-host lookup: asks a DNS-over-HTTPS resolver for the MX of recipient domains and maps
// them to a MailHost (src/shared/mail-host.ts). Uses the JSON API that Cloudflare
// (https://developers.cloudflare.com/1.1.1.1/encryption/dns-over-https/make-api-requests/dns-json/) and Google
// (https://developers.google.com/speed/public-dns/docs/doh/json) both serve:
//   GET {resolver}?name=example.com&type=MX   accept: application/dns-json
//   → {"Status":0,"Answer":[{"name":"example.com","type":15,"TTL":300,"data":"10 mx.example.net."}]}
//
// PRIVACY: only recipient DOMAINS leave the machine, never addresses, and only to the resolver the user chose.
// This module does not check the user's consent or the host permission: the worker calls it only when the
// user enabled the lookup in the options AND granted the optional host permission for the resolver's origin.
// Nothing here fetches anything on import or on its own.
import { mailHostFromMx } from '../shared/mail-host';
import type { MailHost } from '../shared/types';
import { getMxMany, putMx, type SieveDb } from './db';

/** A week: tenants move mail stacks rarely, and a stale answer only shifts a prior, never a label on its own. */
export const DEFAULT_MX_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Requests in flight at once: polite to a public resolver, still ~100 domains/s at typical 40 ms answers. */
export const DEFAULT_MX_CONCURRENCY = 4;
/** Per request. Public DoH resolvers answer in well under a second; a slow one should not stall a report. */
export const DEFAULT_MX_TIMEOUT_MS = 5_000;
/** Network lookups per run; the rest wait for the next run (cache hits and free-mail domains do not count). */
export const DEFAULT_MX_MAX_DOMAINS = 500;
/** A DoH JSON answer for an MX set is a few hundred bytes; anything far bigger is not one. */
const MAX_ANSWER_CHARS = 64 * 1024;

/**
 * Consumer mailbox domains answered without asking anyone. Gmail is Google's own filter; consumer Outlook.com
 * (`*.olc.protection.outlook.com`) is not a Microsoft 365 tenant gateway and has no Safe Links detonation, so
 * it is `other`, like the other free-mail providers.
 */
export const KNOWN_MAIL_DOMAINS: Readonly<Record<string, MailHost>> = {
  'gmail.com': 'google',
  'googlemail.com': 'google',
  ...Object.fromEntries(
    [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'hotmail.co.uk',
      'hotmail.fr',
      'hotmail.de',
      'hotmail.it',
      'hotmail.es',
      'live.co.uk',
      'live.fr',
      'outlook.fr',
      'outlook.de',
      'yahoo.com',
      'ymail.com',
      'rocketmail.com',
      'yahoo.co.uk',
      'yahoo.fr',
      'yahoo.de',
      'yahoo.es',
      'yahoo.it',
      'yahoo.co.jp',
      'yahoo.com.br',
      'icloud.com',
      'me.com',
      'mac.com',
      'aol.com',
      'gmx.com',
      'gmx.de',
      'gmx.net',
      'web.de',
      'mail.com',
      'proton.me',
      'protonmail.com',
      'pm.me',
      'yandex.ru',
      'yandex.com',
      'mail.ru',
      'qq.com',
      '163.com',
      '126.com',
      'naver.com',
      'comcast.net',
      'att.net',
      'verizon.net',
      'orange.fr',
      'free.fr',
      'laposte.net',
      't-online.de',
      'libero.it',
      'fastmail.com',
      'tutanota.com',
    ].map((domain) => [domain, 'other' as MailHost]),
  ),
};

export interface MxLookupOptions {
  /** DoH JSON endpoint, e.g. `https://cloudflare-dns.com/dns-query` or `https://dns.google/resolve`. */
  resolverUrl: string;
  fetch?: typeof fetch;
  /** The run's clock, ms since the epoch (cache age and the `checkedAt` written). */
  now?: number;
  maxDomains?: number;
  concurrency?: number;
  timeoutMs?: number;
  cacheTtlMs?: number;
  /** The database holding the MX cache; the extension's own when omitted. */
  db?: SieveDb;
  /**
   * How many of `wanted` queries may be sent now (the per-minute and per-day caps, see lookup-budget.ts). The
   * rest are returned in `skipped` for a later run. Without it, only `maxDomains` bounds a run.
   */
  budget?: (wanted: number) => Promise<number>;
}

export interface MxLookupResult {
  /** Domain (lower case) → mail host, for every domain answered: known free mail, cache, or resolver. */
  hosts: Record<string, MailHost>;
  /** Domains asked of the resolver in this run, answered or not. */
  looked: number;
  /** Domains answered from the IndexedDB cache. */
  cached: number;
  /** Domains with no usable answer (timeout, HTTP error, garbage, SERVFAIL, not a domain); not cached. */
  failed: string[];
  /** Domains left for a later run because this one reached `maxDomains`. */
  skipped: string[];
}

/** The outcome of one DoH answer: an MX set (possibly empty), or why it is unusable. */
export type DohMxAnswer = { ok: true; exchanges: string[] } | { ok: false; reason: string };

const DNS_TYPE_MX = 15;
/** RFC 1035 RCODEs: 0 NOERROR, 3 NXDOMAIN. Anything else (SERVFAIL, REFUSED, …) says nothing about the domain. */
const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;

/**
 * Reads a DoH JSON answer. NOERROR with no MX records and NXDOMAIN are real answers (no mail gateway: the empty
 * set); the exchanges come back sorted by preference, lowest (most preferred) first.
 */
export function parseDohMxAnswer(body: unknown): DohMxAnswer {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'not a DNS JSON answer' };
  const record = body as Record<string, unknown>;
  const status = record.Status;
  if (typeof status !== 'number') return { ok: false, reason: 'not a DNS JSON answer' };
  if (status === RCODE_NXDOMAIN) return { ok: true, exchanges: [] };
  if (status !== RCODE_NOERROR) return { ok: false, reason: `resolver status ${status}` };
  const answers = record.Answer;
  if (answers === undefined) return { ok: true, exchanges: [] };
  if (!Array.isArray(answers)) return { ok: false, reason: 'Answer is not a list' };
  const found: Array<{ preference: number; exchange: string; order: number }> = [];
  for (const answer of answers) {
    // A CNAME (type 5) may precede the MX records of its target; only MX records matter here.
    if (typeof answer !== 'object' || answer === null || (answer as { type?: unknown }).type !== DNS_TYPE_MX) continue;
    const data = (answer as { data?: unknown }).data;
    const match = typeof data === 'string' ? /^\s*(\d{1,5})\s+(\S+)\s*$/.exec(data) : null;
    if (!match) return { ok: false, reason: 'MX record without "preference host"' };
    found.push({ preference: Number(match[1]), exchange: (match[2] as string).toLowerCase(), order: found.length });
  }
  found.sort((a, b) => a.preference - b.preference || a.order - b.order);
  return { ok: true, exchanges: found.map((entry) => entry.exchange) };
}

const DOMAIN_NAME = /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.+$/, '');
}

async function readCache(domains: string[], db: SieveDb | undefined): Promise<Array<{ host: MailHost; checkedAt: number } | undefined>> {
  try {
    return await getMxMany(domains, db);
  } catch {
    return domains.map(() => undefined); // An unreadable cache is a miss, not a failure of the run.
  }
}

async function writeCache(domain: string, host: MailHost, checkedAt: number, db: SieveDb | undefined): Promise<void> {
  try {
    await putMx(domain, { host, checkedAt }, db);
  } catch {
    // The answer is still good for this run; the next run asks again.
  }
}

async function askResolver(
  url: URL,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<DohMxAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url.href, {
      headers: { accept: 'application/dns-json' },
      signal: controller.signal,
      credentials: 'omit',
    });
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    const text = await response.text();
    if (text.length > MAX_ANSWER_CHARS) return { ok: false, reason: 'answer too large' };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'answer is not JSON' };
    }
    return parseDohMxAnswer(body);
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timed out' : 'network error' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Mail hosts of recipient domains: known free-mail domains first, then the IndexedDB cache (fresh for
 * `cacheTtlMs`), then the resolver for the rest, at most `maxDomains` of them, `concurrency` at a time, each
 * within `timeoutMs`. Pass the domains most common among the recipients first: those are the ones looked up
 * when the cap bites. Never throws: unusable answers are listed in `failed` and not cached.
 */
export async function lookupMailHosts(domains: string[], options: MxLookupOptions): Promise<MxLookupResult> {
  const now = options.now ?? Date.now();
  const ttl = options.cacheTtlMs ?? DEFAULT_MX_CACHE_TTL_MS;
  const maxDomains = Math.max(0, options.maxDomains ?? DEFAULT_MX_MAX_DOMAINS);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_MX_CONCURRENCY));
  const timeoutMs = options.timeoutMs ?? DEFAULT_MX_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const db = options.db;

  const result: MxLookupResult = { hosts: {}, looked: 0, cached: 0, failed: [], skipped: [] };
  const candidates: string[] = [];
  for (const domain of new Set(domains.map(normaliseDomain))) {
    const known = Object.prototype.hasOwnProperty.call(KNOWN_MAIL_DOMAINS, domain) ? KNOWN_MAIL_DOMAINS[domain] : undefined;
    if (known) result.hosts[domain] = known;
    else if (DOMAIN_NAME.test(domain)) candidates.push(domain);
    else result.failed.push(domain);
  }

  const cachedRecords = await readCache(candidates, db);
  const toAsk: string[] = [];
  candidates.forEach((domain, index) => {
    const cached = cachedRecords[index];
    // A record from the future (the clock moved back) is treated as stale rather than trusted forever.
    const age = cached ? now - cached.checkedAt : Number.NaN;
    if (cached && age >= 0 && age < ttl) {
      result.hosts[domain] = cached.host;
      result.cached += 1;
    } else if (toAsk.length < maxDomains) {
      toAsk.push(domain);
    } else {
      result.skipped.push(domain);
    }
  });
  if (toAsk.length === 0) return result;
  if (options.budget) {
    const allowed = Math.max(0, Math.min(toAsk.length, await options.budget(toAsk.length)));
    result.skipped.push(...toAsk.splice(allowed));
    if (toAsk.length === 0) return result;
  }

  let resolver: URL;
  try {
    resolver = new URL(options.resolverUrl);
  } catch {
    result.failed.push(...toAsk);
    return result;
  }
  if (resolver.protocol !== 'https:' && resolver.protocol !== 'http:') {
    result.failed.push(...toAsk);
    return result;
  }

  const failures = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toAsk.length) {
      const domain = toAsk[next] as string;
      next += 1;
      const url = new URL(resolver.href);
      url.searchParams.set('name', domain);
      url.searchParams.set('type', 'MX');
      result.looked += 1;
      const answer = await askResolver(url, fetchImpl, timeoutMs);
      if (!answer.ok) {
        failures.add(domain);
        continue;
      }
      const host = mailHostFromMx(answer.exchanges);
      result.hosts[domain] = host;
      await writeCache(domain, host, now, db);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, toAsk.length) }, worker));
  // Report failures in the caller's order, whatever order the answers came back in.
  result.failed.push(...toAsk.filter((domain) => failures.has(domain)));
  return result;
}
