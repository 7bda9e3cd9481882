// Hard classifier scenarios, written blind (issue 13 acceptance): built only from conventions §1/§3 and the public
// observations in shared/external-samples/scanner-evidence.md, without reading the classifier, the range data or
// the generator. Each scenario is one realistic, mixed campaign (ordinary people and ordinary gateway bursts around
// the case under test); every event states the labels it may get (`accept`) and a one-line `why`, and events that
// share a `why` form one checked group. Most expectations are exact; `KEPT` (human or suspect) and `FLAGGED`
// (scanner or suspect) are used only where the evidence itself is weak, and say so in their `why`.
//
// The shape follows independent-scenarios.ts (a named Campaign plus per-event truth), widened from one truth label
// to a set of accepted labels so ambiguous cases can be honest.
import type { Campaign, Delivery, EngagementEvent, Label, MailHost } from '../../src/shared/types';
import { mulberry32 } from '../generator/mulberry32';

export interface HardEvent extends EngagementEvent {
  /** Labels that are right for this event (first one is the truth; the rest are tolerated). */
  accept: readonly Label[];
  /** One line: why this is the expected label (also the group name in the test). */
  why: string;
}

export interface HardScenario {
  name: string;
  /** What the scenario tests, in a sentence. */
  about: string;
  campaign: Campaign;
  /** Events in source order; `sourceIndex` equals the position. */
  events: HardEvent[];
}

// ---- label sets ----
export const HUMAN: readonly Label[] = ['human'];
/** A person whose evidence a careful classifier may still flag (kept in qualified numbers either way). */
export const KEPT: readonly Label[] = ['human', 'suspect'];
/** A machine fetch (scanner, or proxy for opens). */
export const MACHINE: readonly Label[] = ['scanner', 'proxy'];
export const PROXY: readonly Label[] = ['proxy'];
/** Probably a machine, but the evidence alone cannot prove it: flagged or labelled machine, never plain human. */
export const FLAGGED: readonly Label[] = ['scanner', 'proxy', 'suspect'];
/** Apple-relay open without an agent: MPP most likely, a person cannot be ruled out. */
export const PROXY_OR_KEPT: readonly Label[] = ['proxy', 'suspect', 'human'];

// ---- time ----
export const HARD_SENT_AT = Date.UTC(2026, 10, 17, 14, 0, 0); // Tue 17 Nov 2026, 14:00 UTC
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

// ---- links ----
const SHOP = [
  'https://www.northwind-outfitters.com/winter-sale?utm_source=newsletter&utm_campaign=w47',
  'https://www.northwind-outfitters.com/collections/parkas?utm_source=newsletter&utm_campaign=w47',
  'https://www.northwind-outfitters.com/journal/layering-guide?utm_source=newsletter&utm_campaign=w47',
  'https://www.northwind-outfitters.com/stores?utm_source=newsletter&utm_campaign=w47',
  'https://www.northwind-outfitters.com/email/unsubscribe?u=8f3a2c',
];
const B2B = [
  'https://go.ledgerly.io/webinar/q1-close?utm_medium=email',
  'https://go.ledgerly.io/case-study/harbor-logistics?utm_medium=email',
  'https://go.ledgerly.io/pricing?utm_medium=email',
  'https://www.ledgerly.io/privacy',
  'https://go.ledgerly.io/preferences/unsubscribe?c=77120',
];

// ---- user agents ----
const UA = {
  chromeWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edgeWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
  safariIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
  iosMail: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  macMail: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36',
  firefoxWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:158.0) Gecko/20100101 Firefox/158.0',
  thunderbird: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Thunderbird/140.5.0',
  outlook: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
  gmailProxy: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  yahooProxy: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
  mpp: 'Mozilla/5.0',
  gmailChecker:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0',
  chrome109Win7: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36',
  chrome146Win: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36',
};
/** Pinned old builds seen from Safe Links / gateways (scanner-evidence.md #1–#4, #8). */
const STALE = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.54 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0.4692.99 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.109 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.132 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.110 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.136 Safari/537.36',
  'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36',
  'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)',
];
const STALE_SAFE_LINKS = STALE.slice(0, 6);

const FIRST = ['nora', 'liam', 'ava', 'mateo', 'zoe', 'omar', 'ines', 'tariq', 'maya', 'jonas', 'priya', 'lucas', 'hana',
  'diego', 'freya', 'sami', 'elena', 'kofi', 'ruth', 'arjun', 'lena', 'tomas', 'yara', 'felix', 'aisha', 'owen', 'mila',
  'karl', 'sofia', 'ben'];
const LAST = ['park', 'novak', 'reyes', 'okafor', 'lindqvist', 'haddad', 'moreau', 'brennan', 'sato', 'keller', 'iyer',
  'costa', 'walsh', 'fischer', 'adeyemi', 'rossi', 'nguyen', 'dahl', 'marsh', 'quinn'];

type Stripped = 'ip' | 'userAgent' | 'seconds';

class Camp {
  private readonly raw: Array<Omit<HardEvent, 'sourceIndex'>> = [];
  private readonly deliveries: Delivery[] = [];
  private readonly deliveredAt = new Map<string, number>();
  private readonly used = new Set<string>();
  readonly rand: () => number;
  private nameCounter = 0;

  constructor(
    seed: number,
    readonly sentAt = HARD_SENT_AT,
  ) {
    this.rand = mulberry32(seed);
    this.nameCounter = Math.floor(this.rand() * 97);
  }

  between(lo: number, hi: number): number {
    return lo + this.rand() * (hi - lo);
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.between(lo, hi + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  /** A fresh, unique address at `domain`. */
  person(domain: string): string {
    for (;;) {
      const n = this.nameCounter++;
      const address = `${FIRST[n % FIRST.length]}.${LAST[(n * 7 + 3) % LAST.length]}@${domain}`;
      if (!this.used.has(address)) {
        this.used.add(address);
        return address;
      }
    }
  }

  /** Record delivery `afterSendSeconds` after the send. */
  deliver(recipient: string, afterSendSeconds: number): string {
    const at = this.sentAt + Math.round(afterSendSeconds * S);
    this.deliveredAt.set(recipient, at);
    this.deliveries.push({ recipient, deliveredAt: at });
    return recipient;
  }
  /** A delivered recipient at `domain` (delivery 0–`spread` s after send). */
  recipient(domain: string, spread = 90): string {
    return this.deliver(this.person(domain), this.between(1, spread));
  }
  silent(domain: string, count: number): void {
    for (let i = 0; i < count; i++) this.recipient(domain, 240);
  }

  /** Absolute time for `seconds` after this recipient's delivery (send time when not delivered). */
  at(recipient: string, seconds: number): number {
    return (this.deliveredAt.get(recipient) ?? this.sentAt) + Math.round(seconds * S);
  }

  open(recipient: string, seconds: number, ip: string | undefined, userAgent: string | undefined,
    accept: readonly Label[], why: string, extra: Partial<EngagementEvent> = {}): void {
    this.raw.push({ type: 'open', recipient, timestamp: this.at(recipient, seconds), ip, userAgent, accept, why, ...extra });
  }

  click(recipient: string, seconds: number, url: string, ip: string | undefined, userAgent: string | undefined,
    accept: readonly Label[], why: string, extra: Partial<EngagementEvent> = {}): void {
    // `proxy` is for opens only (conventions §1): a machine click must be `scanner`.
    const clickAccept = accept.length > 1 ? accept.filter((label) => label !== 'proxy') : accept;
    this.raw.push({ type: 'click', recipient, timestamp: this.at(recipient, seconds), ip, userAgent, url,
      accept: clickAccept, why, ...extra });
  }

  build(name: string, about: string, extra: Partial<Campaign> & { strip?: Stripped[]; sendTimeOnly?: boolean;
    clientName?: (event: Omit<HardEvent, 'sourceIndex'>) => string } = {}): HardScenario {
    const { strip = [], sendTimeOnly = false, clientName, ...campaignExtra } = extra;
    const ordered = [...this.raw].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    const events: HardEvent[] = ordered.map((event, sourceIndex) => {
      const out: HardEvent = { ...event, sourceIndex };
      if (strip.includes('ip')) delete out.ip;
      if (clientName) out.userAgent = clientName(event);
      if (strip.includes('userAgent')) delete out.userAgent;
      if (strip.includes('seconds') && out.timestamp !== undefined) out.timestamp = Math.floor(out.timestamp / MIN) * MIN;
      const record = out as unknown as Record<string, unknown>;
      for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
      return out;
    });
    // A source that shows minutes shows every time that way, deliveries and send time included.
    const clock = (ms: number) => (strip.includes('seconds') ? Math.floor(ms / MIN) * MIN : ms);
    const campaign: Campaign = {
      id: `hard:${name}`,
      name,
      sentAt: clock(this.sentAt),
      deliveredCount: this.deliveries.length,
      ...(sendTimeOnly ? {} : { deliveries: this.deliveries.map((d) => ({ ...d, deliveredAt: clock(d.deliveredAt) })) }),
      // The classifier gets plain events: the truth fields are not part of what it sees.
      events: events.map(({ accept: _accept, why: _why, ...event }) => event),
      ...campaignExtra,
    };
    return { name, about, campaign, events };
  }
}

// ---- address helpers ----
function octet(c: Camp, lo = 1, hi = 254): number {
  return c.int(lo, hi);
}
/** A consumer broadband / office address (no cloud, vendor or Apple space). */
function home(c: Camp): string {
  const roll = c.rand();
  if (roll < 0.12) {
    const hex = () => c.int(0x1000, 0xffff).toString(16);
    return `${c.pick(['2a02:c7c', '2600:1700', '2a01:cb1d', '2001:4dd0'])}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
  }
  const first = c.pick([73, 98, 71, 76, 24, 86, 90, 79, 92, 109, 151, 187, 201, 81, 82, 94, 212, 217]);
  return `${first}.${octet(c)}.${octet(c)}.${octet(c)}`;
}
/** Mobile carrier CGNAT / IPv6 (T-Mobile US, Verizon, Vodafone UK, Orange FR). */
function mobile(c: Camp): string {
  const hex = () => c.int(0x1000, 0xffff).toString(16);
  const roll = c.rand();
  if (roll < 0.35) return `172.56.${octet(c)}.${octet(c)}`;
  if (roll < 0.55) return `2607:fb90:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
  if (roll < 0.75) return `2a01:4c8:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
  return `174.${c.int(192, 255)}.${octet(c)}.${octet(c)}`;
}
const net = {
  eop: (c: Camp) =>
    c.pick([`40.107.${octet(c)}.${octet(c)}`, `104.47.${octet(c, 0, 127)}.${octet(c)}`, `52.${c.int(100, 103)}.${octet(c)}.${octet(c)}`]),
  safeLinks: (c: Camp) => `40.94.${octet(c)}.${octet(c)}`,
  // Proofpoint announces 148.163.128.0–159.255 (AS22843/26211), not the whole /17.
  proofpoint: (c: Camp) => `148.163.${c.pick([128, 129, 130, ...Array.from({ length: 28 }, (_, k) => 132 + k)])}.${octet(c)}`,
  mimecast: (c: Camp) => c.pick([`205.139.110.${octet(c)}`, `207.211.30.${octet(c)}`, `216.205.24.${octet(c)}`]),
  barracuda: (c: Camp) => `209.222.${c.pick([81, 83])}.${octet(c)}`,
  azure: (c: Camp) => c.pick([`20.${c.int(0, 31)}.${octet(c)}.${octet(c)}`, `52.${c.int(160, 191)}.${octet(c)}.${octet(c)}`]),
  aws: (c: Camp) => `3.${c.int(0, 127)}.${octet(c)}.${octet(c)}`,
  gcp: (c: Camp) => `34.${c.int(64, 127)}.${octet(c)}.${octet(c)}`,
  googleProxy: (c: Camp) => c.pick([`66.249.${c.int(80, 95)}.${octet(c)}`, `66.102.${c.int(0, 15)}.${octet(c)}`]),
  googleOwn: (c: Camp) => c.pick([`66.249.${c.int(80, 95)}.${octet(c)}`, `74.125.${octet(c)}.${octet(c)}`, `209.85.${c.int(128, 255)}.${octet(c)}`]),
  yahoo: (c: Camp) => `98.137.${octet(c)}.${octet(c)}`,
  appleRelay: (c: Camp) =>
    c.pick([`104.28.${octet(c)}.${octet(c)}`, `172.${c.int(224, 226)}.${octet(c)}.${octet(c)}`, `146.75.${octet(c)}.${octet(c)}`,
      `140.248.${octet(c)}.${octet(c)}`]),
  zscaler: (c: Camp) => c.pick([`165.225.${octet(c)}.${octet(c)}`, `136.226.${octet(c)}.${octet(c)}`, `147.161.${octet(c)}.${octet(c)}`]),
};

const PERSON_OPEN_UAS = [UA.outlook, UA.iosMail, UA.macMail, UA.thunderbird, UA.outlook, UA.iosMail];
const PERSON_CLICK_UAS = [UA.chromeWin, UA.edgeWin, UA.chromeMac, UA.safariMac, UA.safariIos, UA.androidChrome, UA.firefoxWin];

// ---- the crowd around each case: ordinary people and ordinary gateway bursts ----
interface BackdropOptions {
  people?: number;
  scanners?: number;
  links?: readonly string[];
  scannerNet?: (c: Camp) => string;
  scannerDomain?: string;
  peopleDomains?: readonly string[];
}
function backdrop(c: Camp, options: BackdropOptions = {}): void {
  const links = options.links ?? SHOP;
  const content = links.slice(0, 3);
  const domains = options.peopleDomains ?? ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'comcast.net', 'btinternet.com'];
  for (let i = 0; i < (options.people ?? 6); i++) {
    const domain = domains[i % domains.length]!;
    const r = c.recipient(domain);
    const openAt = c.between(4 * 60, 7 * 3600);
    const ip = home(c);
    if (domain === 'gmail.com') {
      c.open(r, openAt, net.googleProxy(c), UA.gmailProxy, HUMAN, 'backdrop: Gmail reader, image proxy fetch when they open (human)');
    } else if (domain === 'yahoo.com') {
      c.open(r, openAt, net.yahoo(c), UA.yahooProxy, HUMAN, 'backdrop: Yahoo reader, image proxy fetch when they open (human)');
    } else if (domain === 'icloud.com') {
      c.open(r, c.between(3, 40), net.appleRelay(c), UA.mpp, PROXY, 'backdrop: Apple MPP prefetch from the relay, Mozilla/5.0 (proxy)');
    } else {
      c.open(r, openAt, ip, c.pick(PERSON_OPEN_UAS), HUMAN, 'backdrop: reader opening minutes to hours later from home/office');
    }
    if (c.rand() < 0.5) {
      c.click(r, openAt + c.between(20, 300), c.pick(content), ip, c.pick(PERSON_CLICK_UAS), HUMAN,
        'backdrop: reader clicking one link after opening, from home/office');
    }
  }
  const scannerNet = options.scannerNet ?? net.eop;
  const scannerDomain = options.scannerDomain ?? 'contoso-freight.com';
  for (let i = 0; i < (options.scanners ?? 3); i++) {
    const r = c.recipient(scannerDomain);
    const ip = scannerNet(c);
    const ua = c.pick(STALE);
    c.open(r, c.between(5, 14), ip, ua, MACHINE, 'backdrop: gateway pixel fetch seconds after delivery from vendor space');
    let t = c.between(20, 70);
    for (const url of links) {
      c.click(r, t, url, ip, ua, MACHINE, 'backdrop: gateway burst, every link (unsubscribe too) within ~1 s');
      t += c.between(0.05, 0.35);
    }
  }
  c.silent(options.peopleDomains?.[0] ?? 'hotmail.com', 6);
}

/** A scanner that fetches the pixel and then every link one at a time, `gapLo`–`gapHi` s apart, in page order. */
function pacedScan(c: Camp, r: string, startS: number, links: readonly string[], ipFor: () => string, uaFor: () => string,
  gapLo: number, gapHi: number, why: string, accept: readonly Label[] = MACHINE): void {
  c.open(r, startS - c.between(2, 9), ipFor(), uaFor(), accept, `${why} (its pixel fetch)`);
  let t = startS;
  for (const url of links) {
    c.click(r, t, url, ipFor(), uaFor(), accept, why);
    t += c.between(gapLo, gapHi);
  }
}

// =====================================================================================================
// Hard scanners
// =====================================================================================================

function pacedProofpoint(): HardScenario {
  const c = new Camp(101);
  const domains = ['harborlogistics.com', 'quarry-partners.com', 'medline-regional.org', 'tessaro.eu'];
  for (let i = 0; i < 8; i++) {
    const r = c.recipient(domains[i % domains.length]!);
    // Proofpoint rotates addresses and agents per request (scanner-evidence #25).
    pacedScan(c, r, c.between(30, 75), B2B, () => net.proofpoint(c), () => c.pick(STALE), 3, 8,
      'paced Proofpoint scan: every link one at a time 3–8 s apart, in page order, from 148.163.x');
    if (i % 3 === 0) {
      const office = `${c.pick([62, 81, 195])}.${octet(c)}.${octet(c)}.${octet(c)}`;
      c.click(r, c.between(2 * H / S, 5 * H / S), B2B[c.int(0, 2)]!, office, UA.edgeWin, HUMAN,
        'the real recipient clicking one link hours later from the office (human)');
    }
  }
  backdrop(c, { links: B2B, scannerNet: net.proofpoint, scannerDomain: 'fenwick-law.com', peopleDomains: ['gmail.com', 'outlook.com', 'northpeak.io'] });
  return c.build('paced burst from Proofpoint space', 'A gateway that fetches links 3–8 s apart instead of within 1–2 s.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'proofpoint' as MailHost])),
  });
}

function pacedAws(): HardScenario {
  const c = new Camp(102);
  const domains = ['brightwater-energy.com', 'kellerman-ag.de'];
  for (let i = 0; i < 6; i++) {
    const r = c.recipient(domains[i % 2]!);
    const base = `3.${c.pick([72, 73, 120, 121])}.${octet(c)}`;
    pacedScan(c, r, c.between(25, 80), SHOP, () => `${base}.${octet(c)}`, () => UA.chromeWin, 2, 10,
      'paced scan from AWS 3.0.0.0/9 with current Chrome on Windows: every link 2–10 s apart, unsubscribe too');
  }
  backdrop(c, { people: 8 });
  return c.build('paced burst from generic AWS space, current Chrome', 'Paced link-by-link scanning from cloud space no vendor list names, with a modern agent.');
}

function singleLinkEop(): HardScenario {
  const c = new Camp(103);
  const domains = ['vantage-dental.com', 'orbitalfoods.com', 'pinecrest-school.org', 'stratus-hr.co.uk'];
  for (let i = 0; i < 8; i++) {
    const r = c.recipient(domains[i % domains.length]!);
    const ip = net.eop(c);
    const ua = c.pick(STALE);
    const t = c.between(20, 240);
    c.open(r, t - c.between(2, 8), ip, ua, MACHINE, 'single-link scan: pixel from Microsoft EOP seconds before its one click');
    c.click(r, t, SHOP[0]!, ip, ua, MACHINE, 'single-link scan: only the first link, 20 s–4 min after delivery, from Microsoft EOP');
  }
  for (let i = 0; i < 3; i++) {
    const r = c.recipient(c.pick(['gmail.com', 'sky.com', 'verizon.net']));
    const ip = home(c);
    const t = c.between(40, 200);
    c.open(r, t - c.between(15, 40), ip, UA.iosMail, HUMAN, 'person opening in iPhone Mail within a few minutes (human)');
    c.click(r, t, SHOP[0]!, ip, UA.safariIos, HUMAN, 'person clicking the first link within minutes from home (human, same shape as the scan)');
  }
  backdrop(c);
  return c.build('single-link scans from Microsoft EOP', 'Scanners that fetch only the first link, one per recipient, from known Microsoft space.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'microsoft365' as MailHost])),
  });
}

function singleLinkGcp(): HardScenario {
  const c = new Camp(104);
  const domains = ['atlas-insurance.com', 'greenfield-clinic.org', 'rovercap.com', 'mistral-ing.fr', 'lakeshore-cu.org', 'novaprint.co'];
  const pool = Array.from({ length: 3 }, () => net.gcp(c));
  for (let i = 0; i < 9; i++) {
    const r = c.recipient(domains[i % domains.length]!);
    const ip = c.pick(pool);
    const t = c.between(20, 240);
    c.open(r, t - c.between(1, 6), ip, UA.chromeWin, MACHINE, 'single-link scan from GCP 34.64.0.0/10: pixel seconds before the click');
    c.click(r, t, SHOP[0]!, ip, UA.chromeWin, MACHINE,
      'single-link scan from three GCP addresses shared by 9 recipients of 6 companies, first link only, 20 s–4 min after delivery');
  }
  // A lone single-link fetch from Azure: nothing but timing, cloud space and a current agent.
  const lone = c.recipient('quillon-partners.com');
  const loneIp = net.azure(c);
  c.open(lone, 88, loneIp, UA.chromeWin, FLAGGED, 'lone Azure single-link fetch (its pixel): likely a scanner, evidence thin');
  c.click(lone, 95, SHOP[0]!, loneIp, UA.chromeWin, FLAGGED, 'lone Azure single-link fetch 95 s after delivery: likely a scanner, evidence thin');
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(c.pick(['gmail.com', 'hotmail.co.uk', 'orange.fr']));
    const ip = home(c);
    const t = c.between(60, 240);
    c.open(r, t - c.between(20, 50), ip, c.pick([UA.outlook, UA.macMail]), HUMAN, 'person opening within minutes (human)');
    c.click(r, t, SHOP[0]!, ip, c.pick([UA.chromeWin, UA.chromeMac]), HUMAN,
      'person clicking only the first link 1–4 min after delivery from home, current Chrome (human)');
  }
  backdrop(c);
  return c.build('single-link scans from GCP space shared across companies', 'First-link-only fetches from cloud space with a modern agent, next to people doing the same from home.');
}

function azureModern(): HardScenario {
  const c = new Camp(105);
  const domains = ['cobaltworks.com', 'meridian-travel.com', 'eastgate-bank.com'];
  for (let i = 0; i < 6; i++) {
    const r = c.recipient(domains[i % 3]!);
    const ip = net.azure(c);
    c.open(r, c.between(6, 15), ip, UA.chromeWin, MACHINE, 'Azure-hosted scanner pixel fetch seconds after delivery, current Chrome');
    let t = c.between(25, 70);
    for (const url of SHOP) {
      c.click(r, t, url, ip, UA.chromeWin, MACHINE,
        'scanner in Azure 20.0.0.0/11 / 52.160.0.0/11 with current Chrome on Windows: every link incl. unsubscribe within ~1.5 s');
      t += c.between(0.1, 0.4);
    }
  }
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(domains[i % 3]!);
    const ip = net.azure(c);
    pacedScan(c, r, c.between(30, 90), SHOP.slice(0, 4), () => ip, () => UA.edgeWin, 4, 9,
      'scanner in Azure space with current Edge: content links one at a time 4–9 s apart');
  }
  backdrop(c, { people: 8 });
  return c.build('generic Azure space with current Chrome/Edge', 'Scanners that look like a current Windows browser and come from cloud space no vendor list names.');
}

function sharedEgress(): HardScenario {
  const c = new Camp(106);
  const egress = '193.36.225.74';
  const domains = ['holloway-group.com', 'sunbright.nl', 'arcadia-retail.com', 'peakform.io', 'verdant-labs.com', 'cresthaven.org'];
  for (let i = 0; i < 14; i++) {
    const r = c.recipient(domains[i % domains.length]!, 600);
    const ua = c.pick(STALE);
    const t = c.between(30, 200);
    c.open(r, c.between(8, 25), egress, ua, MACHINE, 'shared scanner egress: pixel fetch seconds after delivery');
    c.click(r, t, SHOP[c.int(0, 1)]!, egress, ua, MACHINE,
      'one egress IP fetching for 14 recipients at 6 different companies, each 30–200 s after their delivery');
  }
  // An office NAT: many people at ONE company behind one address, over hours — people.
  const nat = '81.134.202.17';
  for (let i = 0; i < 8; i++) {
    const r = c.recipient('pembroke-accountancy.co.uk');
    const t = c.between(10 * 60, 3 * 3600);
    c.open(r, t, nat, UA.outlook, HUMAN, 'office NAT: colleagues at one company behind one address, opening in Outlook (human)');
    if (i % 2 === 0) c.click(r, t + c.between(20, 120), SHOP[c.int(0, 2)]!, nat, UA.edgeWin, HUMAN, 'office NAT: colleague clicking one link (human)');
  }
  backdrop(c);
  return c.build('one scanner egress IP shared across companies', 'A single address fetching for many recipients at different companies, next to a genuine office NAT.');
}

function rescans(): HardScenario {
  const c = new Camp(107);
  const domains = ['granite-legal.com', 'oakmont-health.org', 'tidewater-ports.com'];
  for (let i = 0; i < 6; i++) {
    const r = c.recipient(domains[i % 3]!);
    const ip = net.mimecast(c);
    const ua = c.pick(STALE);
    c.open(r, c.between(5, 12), ip, ua, MACHINE, 'Mimecast first pass: pixel seconds after delivery');
    let t = c.between(30, 60);
    for (const url of SHOP) {
      c.click(r, t, url, ip, ua, MACHINE, 'Mimecast first pass: every link within ~1 s');
      t += c.between(0.1, 0.5);
    }
    // Re-scans hours later, one link at a time from the same fleet.
    const later = [c.between(2.5, 4) * 3600, c.between(24, 30) * 3600];
    for (const at of later) {
      c.click(r, at, SHOP[c.int(0, 1)]!, net.mimecast(c), c.pick(STALE), MACHINE,
        'Mimecast re-scan hours later (2.5–30 h): one link from the same vendor fleet, stale agent');
    }
    if (i % 2 === 0) {
      const office = `${c.pick([62, 80, 212])}.${octet(c)}.${octet(c)}.${octet(c)}`;
      const at = c.between(1.5, 6) * 3600;
      c.open(r, at - 30, office, UA.outlook, HUMAN, 'the real recipient opening in Outlook hours later (human)');
      c.click(r, at, SHOP[0]!, office, UA.edgeWin, HUMAN, 'the real recipient clicking hours later, between the scans (human)');
    }
  }
  backdrop(c);
  return c.build('re-scans hours later', 'A gateway that scans at delivery and again hours and a day later, with the real person clicking in between.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'mimecast' as MailHost])),
  });
}

function safeLinksDetonation(): HardScenario {
  const c = new Camp(108);
  const domains = ['fabrikam-mfg.com', 'woodgrove-realty.com', 'litware-edu.org'];
  for (let i = 0; i < 7; i++) {
    const r = c.recipient(domains[i % 3]!);
    c.open(r, c.between(6, 14), net.safeLinks(c), c.pick(STALE_SAFE_LINKS), MACHINE, 'Safe Links pixel fetch from 40.94.x.x seconds after delivery');
    // A detonation renders the page from several 40.94 addresses within ~2 s (scanner-evidence #2).
    const t = c.between(25, 90);
    const url = B2B[c.int(0, 1)]!;
    for (let k = 0; k < 3; k++) {
      c.click(r, t + k * c.between(0.4, 0.9), url, net.safeLinks(c), c.pick(STALE_SAFE_LINKS), MACHINE,
        'Safe Links detonation: one link from three 40.94.x.x addresses within 2 s, pinned old Chrome builds');
    }
  }
  // Greylisted: the detonation lands before the delivery event.
  const early = c.recipient('fabrikam-mfg.com');
  c.click(early, -140, B2B[0]!, net.safeLinks(c), STALE_SAFE_LINKS[3]!, MACHINE, 'Safe Links click 140 s before the delivery event (greylisting)');
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(domains[i % 3]!);
    const office = `${c.pick([193, 195, 62])}.${octet(c)}.${octet(c)}.${octet(c)}`;
    const t = c.between(20 * 60, 4 * 3600);
    c.open(r, t - c.between(10, 60), office, UA.outlook, HUMAN, 'M365 employee opening in Outlook desktop (human)');
    c.click(r, t, B2B[c.int(0, 2)]!, office, UA.edgeWin, HUMAN, 'M365 employee clicking from the office after the detonation (human)');
  }
  backdrop(c, { links: B2B, peopleDomains: ['gmail.com', 'outlook.com', 'icloud.com', 'bluewin.ch'] });
  return c.build('Safe Links detonations from 40.94.x.x', 'Detonations from the Safe Links space no published list covers, with pinned old Chrome builds.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'microsoft365' as MailHost])),
  });
}

function gmailChecker(): HardScenario {
  const c = new Camp(109);
  for (let i = 0; i < 8; i++) {
    const r = c.recipient('gmail.com', 20);
    c.open(r, c.between(1, 6), net.googleOwn(c), UA.gmailChecker, MACHINE,
      "Gmail's checker (Chrome/42 … Edge/12.246) from Google space seconds after send: a machine");
    if (i % 2 === 0) {
      const openAt = c.between(10 * 60, 8 * 3600);
      c.open(r, openAt, net.googleProxy(c), UA.gmailProxy, HUMAN, 'the Gmail user opening later: GoogleImageProxy (human)');
      if (i % 4 === 0) c.click(r, openAt + c.between(15, 90), SHOP[c.int(0, 2)]!, home(c), c.pick([UA.chromeWin, UA.androidChrome]), HUMAN,
        'the Gmail user clicking after opening (human)');
    }
  }
  for (let i = 0; i < 5; i++) {
    const r = c.recipient('gmail.com', 20);
    c.open(r, c.between(8, 45), net.googleProxy(c), UA.gmailProxy, HUMAN,
      'GoogleImageProxy fetch within a minute: a person with Gmail open reads it at once (human)');
    if (i % 2 === 0) c.open(r, c.between(2, 9) * 3600, net.googleProxy(c), UA.gmailProxy, HUMAN, 'GoogleImageProxy re-open hours later (human)');
  }
  backdrop(c);
  return c.build("Gmail's checker agent vs GoogleImageProxy", 'The Edge/12.246 checker is a machine; the image proxy is the person opening, even when fast.');
}

function recheckAfterClick(): HardScenario {
  const c = new Camp(110);
  for (let i = 0; i < 6; i++) {
    const r = c.recipient(c.pick(['harbor-insure.com', 'glenrock.com', 'tallis-partners.com']));
    const ip = home(c);
    const t = c.between(10 * 60, 3 * 3600);
    const url = SHOP[c.int(0, 2)]!;
    c.open(r, t - c.between(20, 90), ip, UA.macMail, HUMAN, 'person opening in Apple Mail (MPP off) from home (human)');
    c.click(r, t, url, ip, c.pick([UA.chromeMac, UA.safariMac]), HUMAN, 'person clicking one link from home (human)');
    if (i < 3) {
      c.click(r, t + c.between(5, 30), url, net.proofpoint(c), c.pick(STALE), MACHINE,
        're-check of the same link 5–30 s after the person, from Proofpoint space with a stale agent');
    } else {
      c.click(r, t + c.between(5, 30), url, `168.90.91.${octet(c)}`, UA.chrome146Win, FLAGGED,
        're-check 5–30 s after the person from an unlisted address, Windows Chrome 146 vs the person on a Mac: likely scanner');
    }
  }
  backdrop(c);
  return c.build('re-check after a person\'s click', 'One human click followed 5–30 s later by the same link from another network.');
}

function appleMpp(): HardScenario {
  const c = new Camp(111);
  for (let i = 0; i < 14; i++) {
    const r = c.recipient(c.pick(['icloud.com', 'me.com', 'mac.com']), 120);
    c.open(r, c.between(2, 50), net.appleRelay(c), UA.mpp, PROXY, 'Apple MPP prefetch: Mozilla/5.0 from an Apple relay operator block');
    if (i % 3 === 0) c.open(r, c.between(2, 9) * 3600, net.appleRelay(c), UA.mpp, PROXY, 'Apple MPP re-fetch hours later from the relay');
    if (i % 4 === 1) {
      c.click(r, c.between(5 * 60, 5 * 3600), SHOP[c.int(0, 2)]!, net.appleRelay(c), c.pick([UA.safariIos, UA.safariMac]), HUMAN,
        'Safari click through iCloud Private Relay: same Apple blocks, a person (human)');
    }
  }
  // An Outlook desktop user whose image download uses a bare WebKit agent (scanner-evidence #22): a person.
  const outlookMac = c.recipient('stonebridge-arch.com');
  c.open(outlookMac, 24 * 60, home(c), UA.macMail, HUMAN, 'bare WebKit open 24 min later from a home address: a person, not MPP');
  backdrop(c, { peopleDomains: ['gmail.com', 'outlook.com', 'comcast.net'] });
  return c.build('Apple MPP opens from relay operator blocks', 'Mozilla/5.0 opens from Akamai/Cloudflare/Fastly-run Apple relay space are proxy; Safari clicks from there are people.');
}

// =====================================================================================================
// People to leave alone
// =====================================================================================================

function fastResponders(): HardScenario {
  const c = new Camp(201);
  for (let i = 0; i < 14; i++) {
    const domain = c.pick(['comcast.net', 'btinternet.com', 'outlook.com', 'gmx.de', 'shaw.ca', 'free.fr']);
    const r = c.recipient(domain);
    const ip = c.rand() < 0.3 ? mobile(c) : home(c);
    const openAt = c.between(5, 60);
    c.open(r, openAt, ip, c.pick([UA.outlook, UA.iosMail, UA.macMail, UA.thunderbird]), HUMAN,
      'fast responder: opens 5–60 s after delivery from home or phone, current client (human)');
    if (i % 2 === 0) {
      c.click(r, openAt + c.between(6, 40), SHOP[c.int(0, 3)]!, ip, c.pick(PERSON_CLICK_UAS), HUMAN,
        'fast responder clicking one link seconds after opening (human)');
    }
  }
  backdrop(c, { people: 4, scanners: 3 });
  return c.build('fast responders within a minute of delivery', 'People who open within 5–60 s and half of whom click one link straight away.');
}

function multiLinkPeople(): HardScenario {
  const c = new Camp(202);
  for (let i = 0; i < 9; i++) {
    const r = c.recipient(c.pick(['gmail.com', 'hotmail.com', 'web.de', 'telus.net', 'virginmedia.com']));
    const ip = home(c);
    const ua = c.pick([UA.chromeWin, UA.chromeMac, UA.safariMac, UA.firefoxWin, UA.edgeWin]);
    const openAt = c.between(90, 4 * 3600);
    c.open(r, openAt, r.endsWith('gmail.com') ? net.googleProxy(c) : ip, r.endsWith('gmail.com') ? UA.gmailProxy : UA.thunderbird, HUMAN,
      'reader opening before a shopping spree (human)');
    // 2–3 of the 4 content links, not in page order, 4–25 s apart, all within a minute.
    const order = [2, 0, 1, 3].slice(0, c.int(2, 3)).sort(() => c.rand() - 0.5);
    let t = openAt + c.between(10, 40);
    for (const k of order) {
      c.click(r, t, SHOP[k]!, ip, ua, HUMAN, 'person opening 2–3 of 4 links in tabs, 4–25 s apart within a minute, from home (human)');
      t += c.between(4, 25);
    }
  }
  backdrop(c, { people: 4, scanners: 3 });
  return c.build('people clicking 2–3 links within a minute', 'Tab-opening shoppers: several links within a minute, but seconds apart and never all of them.');
}

function outlookFast(): HardScenario {
  const c = new Camp(203);
  const domains = ['northwind-traders.com', 'adventure-works.com', 'tailspin-toys.com'];
  const offices = domains.map(() => `${c.pick([62, 194, 213])}.${octet(c)}.${octet(c)}.${octet(c)}`);
  for (let i = 0; i < 10; i++) {
    const d = i % 3;
    const r = c.recipient(domains[d]!);
    const openAt = c.between(8, 40);
    c.open(r, openAt, offices[d], UA.outlook, HUMAN, 'Outlook desktop user: reading-pane open 8–40 s after delivery from the office (human)');
    if (i % 3 !== 2) {
      c.click(r, openAt + c.between(7, 30), B2B[c.int(0, 2)]!, offices[d], c.pick([UA.edgeWin, UA.chromeWin]), HUMAN,
        'Outlook desktop user clicking one link quickly, browser on the same office address (human)');
    }
  }
  // The tenants' own EOP scanner still scans some of the same mailboxes.
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(domains[i % 3]!);
    const ip = net.eop(c);
    const ua = c.pick(STALE);
    let t = c.between(20, 50);
    for (const url of B2B) {
      c.click(r, t, url, ip, ua, MACHINE, 'EOP burst on the same tenants: every link within ~1 s from Microsoft space');
      t += c.between(0.05, 0.3);
    }
  }
  backdrop(c, { people: 4, scanners: 0, links: B2B });
  return c.build('Outlook desktop users clicking quickly', 'ms-office opens seconds after delivery and a click 7–30 s later, next to the same tenants\' EOP bursts.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'microsoft365' as MailHost])),
  });
}

function zscalerCrowd(): HardScenario {
  const c = new Camp(204);
  const egress = Array.from({ length: 4 }, () => net.zscaler(c));
  for (let i = 0; i < 18; i++) {
    const r = c.recipient('globex-pharma.com', 300);
    const openAt = i < 4 ? c.between(20, 60) : c.between(5 * 60, 5 * 3600);
    c.open(r, openAt, c.pick(egress), UA.outlook, HUMAN, 'employee behind Zscaler: Outlook open through a shared gateway address (human)');
    if (i % 2 === 0) {
      c.click(r, openAt + c.between(10, 120), B2B[c.int(0, 2)]!, c.pick(egress), c.pick([UA.edgeWin, UA.chromeWin]), HUMAN,
        'employee behind Zscaler clicking one link (gateway address shared with colleagues) (human)');
    }
  }
  // Two colleagues clicking the same link from the same Zscaler address 3 s apart.
  const a = c.recipient('globex-pharma.com', 300);
  const b = c.recipient('globex-pharma.com', 300);
  c.click(a, 1800, B2B[0]!, egress[0], UA.edgeWin, HUMAN, 'two colleagues, same gateway address, same link 3 s apart (human)');
  c.click(b, 1803 + (c.at(a, 0) - c.at(b, 0)) / S, B2B[0]!, egress[0], UA.edgeWin, HUMAN,
    'two colleagues, same gateway address, same link 3 s apart (human)');
  backdrop(c, { links: B2B, scanners: 3 });
  return c.build('people behind Zscaler', 'A corporate crowd sharing web-gateway egress addresses, some fast.');
}

function privateRelaySafari(): HardScenario {
  const c = new Camp(205);
  for (let i = 0; i < 9; i++) {
    const r = c.recipient(c.pick(['icloud.com', 'me.com', 'gmail.com', 'fastmail.com']));
    c.open(r, c.between(3, 30), net.appleRelay(c), UA.mpp, PROXY, 'MPP prefetch from the Apple relay (proxy)');
    const t = i < 3 ? c.between(35, 90) : c.between(10 * 60, 6 * 3600);
    c.click(r, t, SHOP[c.int(0, 3)]!, net.appleRelay(c), c.pick([UA.safariIos, UA.safariMac]), HUMAN,
      'Safari click via iCloud Private Relay from an Apple block, some within 90 s (human)');
    if (i % 3 === 0) {
      c.click(r, t + c.between(20, 60), SHOP[c.int(0, 3)]!, net.appleRelay(c), UA.safariIos, HUMAN,
        'second Safari click 20–60 s later via a new relay address (human)');
    }
  }
  backdrop(c);
  return c.build('iCloud Private Relay Safari clickers', 'Clicks from Apple relay space with Safari agents are people even right after the MPP prefetch.');
}

function officeNat(): HardScenario {
  const c = new Camp(206);
  const nat = '212.58.231.40';
  for (let i = 0; i < 24; i++) {
    const r = c.recipient('marlow-engineering.co.uk', 45);
    const openAt = c.between(2 * 60, 15 * 60);
    c.open(r, openAt, nat, UA.outlook, HUMAN, 'colleagues at one company opening the all-hands mail in Outlook behind one NAT address (human)');
    if (i % 5 < 2) {
      c.click(r, openAt + c.between(10, 90), B2B[0]!, nat, UA.edgeWin, HUMAN,
        'colleagues clicking the same webinar link from one NAT, some seconds apart (human)');
    }
  }
  backdrop(c, { links: B2B, scanners: 2 });
  return c.build('office NAT crowd', 'Two dozen people behind one address opening within minutes and clicking the same link.');
}

function mobileUsers(): HardScenario {
  const c = new Camp(207);
  for (let i = 0; i < 12; i++) {
    const r = c.recipient(c.pick(['gmail.com', 'yahoo.com', 'att.net', 'vodafone.co.uk', 'orange.fr']));
    const openAt = c.between(10, 90);
    if (r.endsWith('gmail.com')) {
      c.open(r, openAt, net.googleProxy(c), UA.gmailProxy, HUMAN, 'Gmail app open on a phone (GoogleImageProxy) (human)');
    } else if (r.endsWith('yahoo.com')) {
      c.open(r, openAt, net.yahoo(c), UA.yahooProxy, HUMAN, 'Yahoo app open (YahooMailProxy) (human)');
    } else {
      c.open(r, openAt, mobile(c), UA.iosMail, HUMAN, 'iPhone Mail open (MPP off) on a carrier network (human)');
    }
    if (i % 2 === 0) {
      // A phone changes address between open and click (CGNAT, Wi-Fi to cellular).
      c.click(r, openAt + c.between(8, 50), SHOP[c.int(0, 3)]!, mobile(c), c.pick([UA.safariIos, UA.androidChrome, UA.samsung]), HUMAN,
        'mobile click on a carrier network, address differs from the open (human)');
    }
  }
  backdrop(c);
  return c.build('mobile users on carrier networks', 'Phones open and click within a minute or two, from CGNAT and IPv6 carrier space.');
}

function gmailImageProxy(): HardScenario {
  const c = new Camp(208);
  for (let i = 0; i < 12; i++) {
    const r = c.recipient(i % 4 === 3 ? 'googlemail.com' : 'gmail.com', 30);
    const first = i < 3 ? c.between(6, 30) : c.between(3 * 60, 10 * 3600);
    c.open(r, first, net.googleProxy(c), UA.gmailProxy, HUMAN, 'GoogleImageProxy fetch: the Gmail user opening (human), some within 30 s');
    const reopens = c.int(0, 2);
    for (let k = 0; k < reopens; k++) {
      c.open(r, first + c.between(60, 20 * 3600), net.googleProxy(c), UA.gmailProxy, HUMAN, 'GoogleImageProxy re-open later (human)');
    }
    if (i % 3 === 0) c.click(r, first + c.between(10, 120), SHOP[c.int(0, 2)]!, home(c), UA.chromeWin, HUMAN, 'Gmail user clicking after opening (human)');
  }
  for (let i = 0; i < 4; i++) {
    const r = c.recipient('yahoo.com', 30);
    c.open(r, c.between(20, 4 * 3600), net.yahoo(c), UA.yahooProxy, HUMAN, 'YahooMailProxy fetch: the Yahoo user opening (human)');
  }
  backdrop(c, { people: 3 });
  return c.build('Gmail image-proxy opens, fast and repeated', 'Image-proxy opens are people, including ones seconds after delivery and re-opens.');
}

function quickUnsubscribes(): HardScenario {
  const c = new Camp(209);
  for (let i = 0; i < 5; i++) {
    const r = c.recipient(c.pick(['aol.com', 'comcast.net', 'outlook.com', 'gmx.net']));
    const ip = home(c);
    const openAt = c.between(15, 90);
    c.open(r, openAt, ip, c.pick([UA.outlook, UA.iosMail, UA.thunderbird]), HUMAN, 'person opening quickly (human)');
    c.click(r, openAt + c.between(8, 60), SHOP[4]!, ip, c.pick(PERSON_CLICK_UAS), HUMAN,
      'real unsubscribe: only the unsubscribe link, 30 s–3 min after delivery, from home (human)');
  }
  backdrop(c, { scanners: 5 });
  return c.build('quick real unsubscribes', 'People who unsubscribe within a minute or two, next to gateway bursts that also hit unsubscribe.');
}

function doubleClick(): HardScenario {
  const c = new Camp(210);
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(c.pick(['sbcglobal.net', 'bigpond.com', 'libero.it']));
    const ip = home(c);
    const ua = c.pick([UA.chromeWin, UA.firefoxWin]);
    const openAt = c.between(2 * 60, 2 * 3600);
    c.open(r, openAt, ip, UA.outlook, HUMAN, 'person opening in Outlook (human)');
    const t = openAt + c.between(15, 60);
    const url = SHOP[c.int(0, 2)]!;
    c.click(r, t, url, ip, ua, KEPT, 'person double-clicking one link (two requests < 1 s apart, same address and agent): a person, a flag tolerated');
    c.click(r, t + c.between(0.3, 0.9), url, ip, ua, KEPT,
      'person double-clicking one link (two requests < 1 s apart, same address and agent): a person, a flag tolerated');
  }
  backdrop(c);
  return c.build('double-clicks on one link', 'A person whose one click arrives twice within a second.');
}

function cloudPcWorkers(): HardScenario {
  const c = new Camp(211);
  const vdi = Array.from({ length: 3 }, () => `20.${c.int(0, 31)}.${octet(c)}.${octet(c)}`);
  for (let i = 0; i < 7; i++) {
    const r = c.recipient('contoso-care.org');
    const ip = c.pick(vdi);
    const openAt = c.between(40 * 60, 6 * 3600);
    c.open(r, openAt, ip, UA.outlook, KEPT, 'Azure Virtual Desktop worker: Outlook open from Azure space hours later (person; cloud IP may flag)');
    if (i % 2 === 0) {
      c.click(r, openAt + c.between(20, 180), B2B[c.int(0, 2)]!, ip, UA.edgeWin, KEPT,
        'Azure Virtual Desktop worker clicking one link from Azure space hours later (person; cloud IP may flag)');
    }
  }
  backdrop(c, { links: B2B });
  return c.build('people on cloud desktops (Azure VDI)', 'People whose browser egress is Azure space: late, one link, after an Outlook open.', {
    recipientMailHosts: { 'contoso-care.org': 'microsoft365' },
  });
}

function legacyBrowserPeople(): HardScenario {
  const c = new Camp(212);
  for (let i = 0; i < 5; i++) {
    const r = c.recipient(c.pick(['stmarys-hospital.nhs.uk', 'county-records.gov', 'ridgeway-school.org']));
    const office = `${c.pick([194, 193, 152])}.${octet(c)}.${octet(c)}.${octet(c)}`;
    const openAt = c.between(30 * 60, 7 * 3600);
    c.open(r, openAt, office, UA.outlook, HUMAN, 'person on a locked-down PC opening in Outlook desktop (human)');
    c.click(r, openAt + c.between(20, 200), SHOP[c.int(0, 2)]!, office, UA.chrome109Win7, KEPT,
      'person on Windows 7 / Chrome 109 (last build) clicking one link hours later after opening: stale agent only, a flag tolerated');
  }
  backdrop(c);
  return c.build('people on pinned old browsers', 'Institution PCs stuck on Chrome 109 / Windows 7 clicking at human times.');
}

function mixedB2bDay(): HardScenario {
  const c = new Camp(213);
  // Each M365 recipient: EOP pixel + burst, then the person later from the office.
  const domains = ['fourthcoffee.com', 'proseware.com', 'wingtiptoys.com', 'alpineski.house'];
  for (let i = 0; i < 10; i++) {
    const r = c.recipient(domains[i % 4]!);
    const ip = net.eop(c);
    const ua = c.pick(STALE);
    c.open(r, c.between(5, 13), ip, ua, MACHINE, 'EOP pixel fetch seconds after delivery');
    let t = c.between(20, 60);
    for (const url of B2B) {
      c.click(r, t, url, ip, ua, MACHINE, 'EOP burst: every link within ~1 s');
      t += c.between(0.05, 0.3);
    }
    if (i % 2 === 0) {
      const office = `${c.pick([62, 195, 85])}.${octet(c)}.${octet(c)}.${octet(c)}`;
      const at = c.between(60, 45 * 60);
      c.open(r, at, office, UA.outlook, HUMAN, 'the person behind the scanned mailbox opening in Outlook, 1–45 min later (human)');
      c.click(r, at + c.between(10, 60), B2B[c.int(0, 2)]!, office, UA.edgeWin, HUMAN,
        'the person behind the scanned mailbox clicking one link after the burst (human)');
    }
  }
  backdrop(c, { links: B2B, scanners: 0 });
  return c.build('scanned mailboxes whose owners also click', 'A recipient with a scanner burst is not a machine for the rest of the campaign.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'microsoft365' as MailHost])),
  });
}

function smallSend(): HardScenario {
  const c = new Camp(214);
  // A sales team's 16-recipient send: too few events to learn anything from the campaign itself.
  const people = ['hartwell-mfg.com', 'bayside-dental.com', 'copperline.io', 'elmstreet-cafe.com'];
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(people[i]!, 20);
    const ip = home(c);
    const openAt = c.between(30, 150);
    c.open(r, openAt, ip, c.pick([UA.outlook, UA.iosMail]), HUMAN, 'prospect opening within 30 s–2.5 min of a small send (human)');
    c.click(r, openAt + c.between(10, 45), B2B[c.int(0, 2)]!, ip, c.pick([UA.edgeWin, UA.chromeWin, UA.safariIos]), HUMAN,
      'prospect clicking one link within a minute of opening, small send (human)');
  }
  const scanned = c.recipient('contoso-freight.com', 20);
  const ip = net.eop(c);
  c.open(scanned, 8, ip, STALE[1]!, MACHINE, 'EOP pixel fetch in a small send');
  let t = 38;
  for (const url of B2B) {
    c.click(scanned, t, url, ip, STALE[1]!, MACHINE, 'EOP burst in a small send: every link within ~1 s');
    t += 0.2;
  }
  c.silent('hartwell-mfg.com', 11);
  return c.build('small send with few events', 'A 16-recipient send: four prospects respond within minutes, one gateway burst; nothing to learn from.');
}

function households(): HardScenario {
  const c = new Camp(215);
  // Couples/flatmates subscribed with different providers behind one home router.
  for (let i = 0; i < 4; i++) {
    const ip = home(c);
    const a = c.recipient('gmail.com');
    const b = c.recipient(c.pick(['yahoo.com', 'outlook.com', 'icloud.com']));
    const t = c.between(20 * 60, 5 * 3600);
    c.click(a, t, SHOP[0]!, ip, UA.chromeMac, HUMAN, 'household: two subscribers at different providers share a home address (human)');
    c.click(b, t + c.between(60, 900) + (c.at(a, 0) - c.at(b, 0)) / S, SHOP[c.int(0, 1)]!, ip, UA.safariIos, HUMAN,
      'household: two subscribers at different providers share a home address (human)');
  }
  backdrop(c, { people: 8 });
  return c.build('households sharing one address', 'Two recipients at different providers on one home address minutes apart: shared, but people.');
}

function forwardsAndReturns(): HardScenario {
  const c = new Camp(216);
  for (let i = 0; i < 6; i++) {
    const r = c.recipient(c.pick(['outlook.com', 'gmx.de', 'comcast.net']));
    const homeIp = home(c);
    const workIp = `${c.pick([62, 194, 213])}.${octet(c)}.${octet(c)}.${octet(c)}`;
    const openAt = c.between(30 * 60, 4 * 3600);
    c.open(r, openAt, homeIp, UA.iosMail, HUMAN, 'reader opening on the phone in the evening (human)');
    c.click(r, openAt + c.between(20, 90), SHOP[0]!, homeIp, UA.safariIos, HUMAN, 'reader clicking on the phone (human)');
    // Next day at work: opens again, clicks the same link and another one, minutes apart.
    const next = openAt + c.between(16, 20) * 3600;
    c.open(r, next, workIp, UA.outlook, HUMAN, 'same reader re-opening next day at work (human)');
    c.click(r, next + c.between(30, 120), SHOP[0]!, workIp, UA.chromeWin, HUMAN, 'same reader returning to the same link next day from work (human)');
    c.click(r, next + c.between(200, 600), SHOP[2]!, workIp, UA.chromeWin, HUMAN, 'same reader returning to the same link next day from work (human)');
    if (i % 2 === 0) {
      // Forwarded to a colleague elsewhere: tracked under the original recipient, another address and device.
      const other = `${c.pick([86, 90, 109])}.${octet(c)}.${octet(c)}.${octet(c)}`;
      c.click(r, next + c.between(2, 6) * 3600, SHOP[1]!, other, UA.firefoxWin, HUMAN,
        'forwarded copy: a colleague clicks hours later from another network under the same recipient (human)');
    }
  }
  backdrop(c);
  return c.build('returning readers and forwarded copies', 'One recipient from several networks and devices across two days: a person (or two), not a scanner.');
}

function clickTimeCheck(): HardScenario {
  const c = new Camp(217);
  const domains = ['meridian-bank.com', 'halcyon-health.org', 'quarry-partners.com'];
  for (let i = 0; i < 6; i++) {
    const r = c.recipient(domains[i % 3]!);
    const office = `${c.pick([62, 81, 195])}.${octet(c)}.${octet(c)}.${octet(c)}`;
    const t = c.between(15 * 60, 5 * 3600);
    const url = B2B[c.int(0, 2)]!;
    c.open(r, t - c.between(30, 120), office, UA.outlook, HUMAN, 'person opening in Outlook at a Proofpoint tenant (human)');
    // URL Defense checks the target at click time, a second or two before the person's browser arrives.
    c.click(r, t - c.between(0.8, 2.5), url, net.proofpoint(c), c.pick(STALE), MACHINE,
      'click-time URL check from Proofpoint space 1–2.5 s before the person, same link, stale agent');
    c.click(r, t, url, office, UA.edgeWin, HUMAN, "person's own click arriving right after the gateway's click-time check (human)");
  }
  backdrop(c, { links: B2B, scannerNet: net.proofpoint, scannerDomain: 'fenwick-law.com' });
  return c.build('click-time URL check just before the person', 'A gateway fetch of the same link 1–2.5 s before the person\'s own click, hours after delivery.', {
    recipientMailHosts: Object.fromEntries(domains.map((d) => [d, 'proofpoint' as MailHost])),
  });
}

function explicitAgentsAndOpenOnly(): HardScenario {
  const c = new Camp(218);
  for (let i = 0; i < 5; i++) {
    const r = c.recipient(c.pick(['ridgeline-tech.com', 'saltmarsh.co.uk']));
    c.open(r, c.between(4, 15), net.barracuda(c), c.pick(STALE), MACHINE,
      'open-only scan: Barracuda ESS pixel fetch 4–15 s after delivery, no clicks');
  }
  const explicit = ['Barracuda Sentinel (EE)', 'python-requests/2.32.3', 'Go-http-client/1.1',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'];
  for (const agent of explicit) {
    const r = c.recipient(c.pick(['ridgeline-tech.com', 'saltmarsh.co.uk', 'kestrel-ops.com']));
    const ip = c.pick([net.aws(c), net.gcp(c), net.barracuda(c)]);
    c.click(r, c.between(30, 5 * 3600), SHOP[c.int(0, 1)]!, ip, agent, MACHINE,
      'self-declared automation agent (Barracuda Sentinel, python-requests, Go-http-client, HeadlessChrome) at any time');
  }
  backdrop(c);
  return c.build('open-only vendor scans and self-declared bots', 'Pixel-only fetches from a gateway and clicks whose agent names the tool.');
}

// =====================================================================================================
// Less information
// =====================================================================================================

/** People and EOP bursts, reused by the degraded-input scenarios below. */
function plainMix(c: Camp, links: readonly string[] = SHOP): void {
  for (let i = 0; i < 10; i++) {
    const r = c.recipient(c.pick(['comcast.net', 'outlook.com', 'btinternet.com', 'gmx.de']));
    const ip = home(c);
    const openAt = i < 3 ? c.between(20, 60) : c.between(5 * 60, 6 * 3600);
    c.open(r, openAt, ip, c.pick([UA.outlook, UA.iosMail, UA.thunderbird]), HUMAN, 'person opening (human)');
    if (i % 2 === 0) c.click(r, openAt + c.between(20, 180), links[c.int(0, 2)]!, ip, c.pick(PERSON_CLICK_UAS), HUMAN, 'person clicking one link (human)');
  }
  for (let i = 0; i < 4; i++) {
    const r = c.recipient(c.pick(['contoso-freight.com', 'litware-edu.org']));
    const ip = net.eop(c);
    const ua = c.pick(STALE);
    c.open(r, c.between(5, 12), ip, ua, MACHINE, 'gateway pixel fetch seconds after delivery');
    let t = c.between(25, 55);
    for (const url of links) {
      c.click(r, t, url, ip, ua, MACHINE, 'gateway burst: every link including unsubscribe in ~1 s');
      t += c.between(0.05, 0.3);
    }
  }
  c.silent('hotmail.com', 8);
}

function minuteResolution(): HardScenario {
  const c = new Camp(301);
  plainMix(c);
  // A person whose two clicks fall in the same minute stamp.
  for (let i = 0; i < 3; i++) {
    const r = c.recipient('shaw.ca');
    const ip = home(c);
    const t = c.between(20 * 60, 2 * 3600);
    c.open(r, t - 40, ip, UA.macMail, HUMAN, 'person opening (human)');
    c.click(r, t, SHOP[0]!, ip, UA.safariMac, KEPT, 'person with two clicks in the same minute stamp: two of five links, home address (a flag tolerated)');
    c.click(r, t + 12, SHOP[2]!, ip, UA.safariMac, KEPT, 'person with two clicks in the same minute stamp: two of five links, home address (a flag tolerated)');
  }
  return c.build('minute-resolution times', 'Page tables that show times to the minute: bursts and quick people share a stamp.', { strip: ['seconds'] });
}

function noIp(): HardScenario {
  const c = new Camp(302);
  plainMix(c, B2B);
  for (let i = 0; i < 3; i++) {
    const r = c.recipient('fabrikam-mfg.com');
    const ua = c.pick(STALE);
    let t = c.between(30, 80);
    for (const url of B2B) {
      c.click(r, t, url, undefined, ua, MACHINE, 'no address: stale-agent burst of every link within ~1 s, 30–80 s after delivery');
      t += c.between(0.1, 0.4);
    }
  }
  return c.build('no IP addresses', 'HubSpot-style events with time and agent but no address.', { strip: ['ip'] });
}

function noAgent(): HardScenario {
  const c = new Camp(303);
  plainMix(c);
  for (let i = 0; i < 4; i++) {
    const r = c.recipient('icloud.com');
    c.open(r, c.between(3, 30), net.appleRelay(c), UA.mpp, PROXY_OR_KEPT,
      'no agent: open from an Apple relay block seconds after delivery, most likely MPP (a person not ruled out)');
  }
  for (let i = 0; i < 3; i++) {
    const r = c.recipient('gmail.com');
    c.open(r, c.between(10 * 60, 5 * 3600), net.googleProxy(c), UA.gmailProxy, HUMAN, 'no agent: Google image-proxy open at a human time (human)');
  }
  return c.build('no user agents', 'Mailchimp-API-style activity: time, address and URL, no agent.', { strip: ['userAgent'] });
}

function clientNames(): HardScenario {
  const c = new Camp(304);
  plainMix(c);
  const name = (event: Omit<HardEvent, 'sourceIndex'>): string => {
    const ua = event.userAgent ?? '';
    if (ua.includes('ms-office')) return 'Outlook 2016';
    if (ua.includes('iPhone') || ua.includes('Android')) return 'Mobile';
    if (STALE.includes(ua)) return 'Unknown';
    if (ua === UA.mpp) return 'Apple Mail';
    return 'Desktop';
  };
  for (let i = 0; i < 3; i++) {
    const r = c.recipient('icloud.com');
    c.open(r, c.between(3, 30), net.appleRelay(c), UA.mpp, PROXY_OR_KEPT,
      'client name "Apple Mail" from an Apple relay block seconds after delivery: most likely MPP (a person not ruled out)');
  }
  return c.build('client names instead of agents', 'ESP pages that show "Desktop"/"Mobile"/"Unknown" in place of the agent.', { clientName: name });
}

function espFlags(): HardScenario {
  const c = new Camp(305);
  // Mailgun client-info.bot: `apple` on MPP opens, `generic` on gateway bursts (hints, not verdicts).
  for (let i = 0; i < 5; i++) {
    const r = c.recipient('icloud.com');
    c.open(r, c.between(3, 40), net.appleRelay(c), UA.mpp, PROXY, 'MPP open with the ESP flag bot=apple (proxy)', { sourceBotHint: 'apple' });
  }
  for (let i = 0; i < 3; i++) {
    const r = c.recipient('contoso-freight.com');
    const ip = net.eop(c);
    const ua = c.pick(STALE);
    let t = c.between(25, 60);
    for (const url of SHOP) {
      c.click(r, t, url, ip, ua, MACHINE, 'gateway burst with the ESP flag bot=generic (scanner)', { sourceBotHint: 'generic' });
      t += c.between(0.05, 0.3);
    }
  }
  // A flagged single fetch with nothing else against it: the flag alone tips it.
  for (let i = 0; i < 3; i++) {
    const r = c.recipient(c.pick(['vantage-dental.com', 'orbitalfoods.com']));
    c.open(r, c.between(4, 15), `${c.pick([45, 91, 185])}.${octet(c)}.${octet(c)}.${octet(c)}`, c.pick(STALE), FLAGGED,
      'ESP-flagged (bot=generic) open seconds after delivery with a stale agent, unlisted address: likely machine', { sourceBotHint: 'generic' });
  }
  // The ESP flags a person behind Zscaler (gateway address); everything else says person.
  for (let i = 0; i < 3; i++) {
    const r = c.recipient('globex-pharma.com');
    const ip = net.zscaler(c);
    const openAt = c.between(2 * 3600, 5 * 3600);
    c.open(r, openAt, ip, UA.outlook, KEPT, 'ESP flagged a Zscaler person (bot=generic) opening hours later in Outlook: a person, flag tolerated',
      { sourceBotHint: 'generic' });
    c.click(r, openAt + c.between(20, 90), SHOP[1]!, ip, UA.edgeWin, KEPT,
      'ESP flagged a Zscaler person (bot=generic) clicking one link after opening: a person, flag tolerated', { sourceBotHint: 'generic' });
  }
  plainMix(c);
  return c.build('ESP bot flags present', 'Mailgun-style client-info.bot hints on MPP, gateway bursts, a bare fetch and a wrongly flagged person.', { esp: 'mailgun' });
}

function sendTimeOnly(): HardScenario {
  const c = new Camp(306);
  // Batch send over ~25 minutes, but only the send time is known: people and scanners look "late".
  for (let i = 0; i < 8; i++) {
    const r = c.deliver(c.person(c.pick(['comcast.net', 'outlook.com', 'gmx.de'])), c.between(0, 25 * 60));
    const ip = home(c);
    const openAt = c.between(30, 3600);
    c.open(r, openAt, ip, c.pick([UA.outlook, UA.iosMail]), HUMAN, 'person opening (delivery unknown, batch send) (human)');
    if (i % 2 === 0) c.click(r, openAt + c.between(15, 120), SHOP[c.int(0, 2)]!, ip, c.pick(PERSON_CLICK_UAS), HUMAN, 'person clicking one link (human)');
  }
  for (let i = 0; i < 5; i++) {
    const r = c.deliver(c.person('woodgrove-realty.com'), c.between(0, 25 * 60));
    const ip = net.eop(c);
    const ua = c.pick(STALE);
    let t = c.between(20, 60);
    for (const url of SHOP) {
      c.click(r, t, url, ip, ua, MACHINE, 'gateway burst up to 25 min after the send time (batch delivery, no per-recipient time)');
      t += c.between(0.05, 0.3);
    }
  }
  for (let i = 0; i < 3; i++) {
    const r = c.deliver(c.person('brightwater-energy.com'), c.between(0, 25 * 60));
    const base = `3.${c.pick([72, 120])}.${octet(c)}`;
    pacedScan(c, r, c.between(25, 80), SHOP, () => `${base}.${octet(c)}`, () => UA.chromeWin, 2, 10,
      'paced AWS scan with only the send time known: every link 2–10 s apart');
  }
  return c.build('send time only, batch delivery', 'No per-recipient delivery: a 25-minute batch makes every time after send less telling.', { sendTimeOnly: true });
}

export function hardScenarios(): HardScenario[] {
  return [
    pacedProofpoint(),
    pacedAws(),
    singleLinkEop(),
    singleLinkGcp(),
    azureModern(),
    sharedEgress(),
    rescans(),
    safeLinksDetonation(),
    gmailChecker(),
    recheckAfterClick(),
    appleMpp(),
    fastResponders(),
    multiLinkPeople(),
    outlookFast(),
    zscalerCrowd(),
    privateRelaySafari(),
    officeNat(),
    mobileUsers(),
    gmailImageProxy(),
    quickUnsubscribes(),
    doubleClick(),
    cloudPcWorkers(),
    legacyBrowserPeople(),
    mixedB2bDay(),
    smallSend(),
    households(),
    forwardsAndReturns(),
    clickTimeCheck(),
    explicitAgentsAndOpenOnly(),
    minuteResolution(),
    noIp(),
    noAgent(),
    clientNames(),
    espFlags(),
    sendTimeOnly(),
  ];
}

/** Events grouped by their `why` (one checked expectation per group), in first-seen order. */
export function groupsOf(scenario: HardScenario): Array<[string, HardEvent[]]> {
  const groups = new Map<string, HardEvent[]>();
  for (const event of scenario.events) {
    const list = groups.get(event.why) ?? [];
    list.push(event);
    groups.set(event.why, list);
  }
  return [...groups];
}
