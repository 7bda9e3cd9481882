// A seeded generator of realistic campaigns with ground truth, modelled on the field facts in
// conventions §3 — not on the classifier. Three list kinds:
//  - b2b: companies behind Microsoft 365 Safe Links, Proofpoint, Mimecast, Barracuda; most clicks are scanner
//    sweeps (bursts 20–60 s after delivery, 28 % at 1–5 min, a few hours before a greylisted delivery, some
//    slow sequential sweeps, later re-scans, time-of-click re-checks after people's clicks, some from networks
//    no list knows with ordinary browser agents); people behind office NATs and Zscaler gateways.
//  - consumer: most opens are Apple Mail Privacy Protection prefetches (`Mozilla/5.0` from Apple relays,
//    minutes after delivery); Gmail/Yahoo image-proxy opens are people; Safari users on iCloud Private Relay
//    click from Apple addresses; a few recipients sit behind scanners.
//  - mixed: both populations in one list.
// People include fast responders (open and click within a minute of delivery). Truth is per event.
// The hard behaviours of issue 13 (paced bursts, single-link scans, generic cloud egress, modern agents, shared
// egress, pixel fetches just before the burst, re-scans; fast responders, quick multi-link clickers (a link
// every 5–15 s), Outlook quick clickers, people whose browser sends the scanner's own agent string, Zscaler and
// Private Relay people) are named parameters (`Behaviours`); `HARD_BEHAVIOURS` sets them to the shares the issue
// reports. Every event carries the tags of the behaviours that made it, so a
// report can give recall and false-positive rate per behaviour.
import type { Campaign, Delivery, EngagementEvent, MailHost } from '../../src/shared/types';
import { mulberry32 } from './mulberry32';

export type TruthLabel = 'human' | 'scanner' | 'proxy';
export type ListKind = 'b2b' | 'consumer' | 'mixed';

export interface GeneratorOptions {
  seed: number;
  kind: ListKind;
  /** Recipients sent to (default 2000). */
  recipients?: number;
  /** Campaign send time (default 2026-10-14 14:00 UTC). */
  sentAt?: number;
  /** Share of listed vendors' scanner fetches from networks no list knows (default 0.12): a robustness knob. */
  unlistedScannerShare?: number;
  /** Hard behaviours (default ORDINARY_BEHAVIOURS); pass HARD_BEHAVIOURS or any mix. */
  behaviours?: Partial<Behaviours>;
}

/** The behaviours that make a campaign hard, each a share (0..1) of its population. */
export interface Behaviours {
  /** Sweeps that fetch the links one at a time, `pacedGapSeconds` apart (instead of all within ~1.5 s). */
  pacedBurstShare: number;
  pacedGapSeconds: readonly [number, number];
  /** Scanning tenants whose scanner fetches only one link (the first, or one at random). */
  singleLinkScanShare: number;
  /** Scanner egress from generic cloud space no vendor list holds (Azure 20.0.0.0/11, 52.160.0.0/11, AWS 3.0.0.0/9, GCP 34.64.0.0/10). */
  cloudEgressShare: number;
  /** Scanners sending a current desktop Chrome agent. */
  modernAgentShare: number;
  /** Scanner egress addresses shared by many tenants (a few addresses per vendor for the whole list). */
  sharedEgressShare: number;
  /** Sweeps whose pixel fetch comes 1–8 s before the first link (instead of a median 9 s after delivery). */
  pixelBeforeBurstShare: number;
  /** Scanned recipients whose message is scanned again 1–24 h later, and the share of re-scans that fetch the pixel too. */
  rescanShare: number;
  rescanPixelShare: number;
  /** People who open within `fastResponderSeconds` of delivery (half of them click seconds later). */
  fastResponderShare: number;
  fastResponderSeconds: readonly [number, number];
  /** Share of fast responders who click (undefined: as likely as anyone else). */
  fastResponderClickShare?: number;
  /** Clickers who click 2–3 different links within a minute, `multiLinkGapSeconds` apart. */
  multiLinkClickerShare: number;
  multiLinkGapSeconds: readonly [number, number];
  /** Desktop Outlook readers who click 2–8 s after their open. */
  outlookQuickClickerShare: number;
  /**
   * Desktop people at a company whose scanner sweeps with a current Chrome agent, whose own browser sends that
   * very agent string (same build, same Windows): only the network tells their clicks from the sweep.
   */
  sameAgentAsScannerShare: number;
  /** B2B tenants whose people browse through Zscaler. */
  zscalerShare: number;
  /** iPhone users whose Safari clicks go through iCloud Private Relay (Apple addresses). */
  privateRelayShare: number;
}

export const ORDINARY_BEHAVIOURS: Behaviours = {
  pacedBurstShare: 0.1,
  pacedGapSeconds: [2.5, 6],
  singleLinkScanShare: 0,
  cloudEgressShare: 0,
  modernAgentShare: 0,
  sharedEgressShare: 0,
  pixelBeforeBurstShare: 0,
  rescanShare: 0.08,
  rescanPixelShare: 0,
  fastResponderShare: 0.07,
  fastResponderSeconds: [10, 45],
  multiLinkClickerShare: 0,
  multiLinkGapSeconds: [6, 30],
  outlookQuickClickerShare: 0,
  sameAgentAsScannerShare: 0,
  zscalerShare: 0.2,
  privateRelayShare: 0.3,
};

/** The hard set as issue 13 describes it. */
export const HARD_BEHAVIOURS: Behaviours = {
  pacedBurstShare: 0.33,
  pacedGapSeconds: [2, 10],
  singleLinkScanShare: 0.25,
  cloudEgressShare: 0.4,
  modernAgentShare: 0.3,
  sharedEgressShare: 0.5,
  pixelBeforeBurstShare: 0.5,
  rescanShare: 0.15,
  rescanPixelShare: 0.5,
  fastResponderShare: 0.06,
  fastResponderSeconds: [5, 60],
  fastResponderClickShare: 0.5,
  multiLinkClickerShare: 0.25,
  // Quick readers: a link every 5–15 s (issue 13: people who click 2+ links within a minute).
  multiLinkGapSeconds: [5, 15],
  outlookQuickClickerShare: 0.3,
  sameAgentAsScannerShare: 0.5,
  zscalerShare: 0.3,
  privateRelayShare: 0.4,
};

export interface GeneratedCampaign {
  campaign: Campaign;
  /** Ground truth per event, parallel to campaign.events. */
  truth: TruthLabel[];
  /** True for events made by a fast human responder (person acting within a minute of delivery). */
  fastHuman: boolean[];
  /** Recipients whose message was delivered. */
  delivered: number;
  /** Recipients with at least one human open / click (the truth behind qualified unique rates). */
  humanOpeners: Set<string>;
  humanClickers: Set<string>;
  /** Scanner vendor per recipient whose mail is scanned (for diagnostics). */
  scannedBy: Map<string, string>;
  /** Per event: the behaviours that made it (`paced-burst`, `cloud-egress`, `fast-responder`, …). */
  tags: Array<readonly string[]>;
}

// ---- seeded randomness ----
export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    // Seed 0 would start mulberry32 from a zero state: take a fixed non-zero one instead.
    this.next = mulberry32(seed >>> 0 || 0x9e3779b9);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Like chance, but draws nothing when p is 0, so a behaviour left off does not change the campaign. */
  maybe(p: number): boolean {
    return p > 0 && this.next() < p;
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.uniform(lo, hi + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  normal(mean: number, sd: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median and log-sd. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }
}

// ---- networks ----
// Addresses inside published vendor ranges (conventions §3 and the bundled src/ranges data).
const VENDOR_BLOCKS: Record<string, string[]> = {
  // 40.94.0.0/16: Safe Links detonation; 40.107/16, 52.100/14, 104.47/17: Exchange Online Protection.
  microsoft: ['40.94.', '40.94.', '40.94.', '40.107.', '52.101.', '104.47.18', '104.47.75'],
  proofpoint: ['148.163.140', '148.163.152', '67.231.149', '67.231.155'],
  mimecast: ['91.220.42', '146.101.78', '63.128.21', '170.10.128'],
  barracuda: ['209.222.81', '209.222.84', '64.235.150', '64.235.155'],
};
// Networks no bundled list knows: cloud sandboxes and regional scanning farms (Azure, AWS, OVH space).
const UNLISTED_SCANNER_BLOCKS = ['20.51.18', '20.51.19', '20.98.144', '3.86.211', '3.86.37', '18.206.44', '51.89.7', '35.180.9'];
/** Generic cloud space, [first octet, second octet low, high]: Azure 20.0.0.0/11 and 52.160.0.0/11, AWS 3.0.0.0/9, GCP 34.64.0.0/10. */
const CLOUD_SPACE: ReadonlyArray<readonly [number, number, number]> = [
  [20, 0, 31],
  [52, 160, 191],
  [3, 0, 127],
  [34, 64, 127],
];

function cloudIp(random: Random): string {
  const [first, lo, hi] = random.pick(CLOUD_SPACE);
  return `${first}.${random.int(lo, hi)}.${random.int(0, 255)}.${octet(random)}`;
}
const APPLE_RELAY_V4 = ['172.225.76', '172.225.77', '172.225.78', '172.225.79', '172.225.248', '172.225.249', '172.226.188', '172.226.190'];
// Apple's full egress list has ~287k rows; some of its blocks are outside any bundled subset.
const APPLE_RELAY_UNLISTED_V4 = ['172.224.229', '172.224.240', '104.28.38', '104.28.87'];
const GOOGLE_PROXY_BLOCKS = ['66.249.84', '66.249.88', '66.249.93', '74.125.210', '74.125.212'];
const YAHOO_PROXY_BLOCKS = ['67.195.183', '74.6.131', '72.30.35'];
const ZSCALER_BLOCKS = ['165.225.38', '165.225.72', '165.225.110', '136.226.64', '136.226.80', '147.161.166'];
/** First octets of ordinary access networks (cable, DSL, mobile) outside every vendor list. */
const RESIDENTIAL_FIRST_OCTETS = [24, 50, 68, 71, 73, 76, 81, 82, 86, 90, 92, 94, 99, 174, 185, 187, 189, 201];

function octet(random: Random): number {
  return random.int(1, 254);
}

/** `a.b.` = a /16 (two random octets), `a.b.c` = a /24. */
function inBlock(random: Random, block: string): string {
  if (block.endsWith('.')) return `${block}${random.int(0, 255)}.${octet(random)}`;
  return `${block}.${octet(random)}`;
}

function residentialIp(random: Random): string {
  if (random.chance(0.12)) {
    // IPv6 from cable/mobile providers (Comcast 2601::/20, T-Mobile 2607:fb90::/32).
    const prefix = random.pick(['2601:', '2607:fb90:']);
    const groups = Array.from({ length: prefix === '2601:' ? 7 : 6 }, () => random.int(0, 0xffff).toString(16));
    return prefix + groups.join(':');
  }
  return `${random.pick(RESIDENTIAL_FIRST_OCTETS)}.${random.int(0, 255)}.${random.int(0, 255)}.${octet(random)}`;
}

function appleRelayIp(random: Random): string {
  if (random.chance(0.2)) {
    const groups = Array.from({ length: 5 }, () => random.int(0, 0xffff).toString(16));
    return `2a09:bac2:${random.int(0x8000, 0xbfff).toString(16)}:${groups.join(':')}`;
  }
  const block = random.chance(0.12) ? random.pick(APPLE_RELAY_UNLISTED_V4) : random.pick(APPLE_RELAY_V4);
  return `${block}.${octet(random)}`;
}

// ---- user agents ----
// Chrome ~155 in mid-October 2026 (a major every four weeks from Chrome 120 in December 2023).
const CURRENT_CHROME = 155;
const MPP_UA = 'Mozilla/5.0';
const GMAIL_PROXY_UA = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const YAHOO_PROXY_UA = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';

function chromeWindows(version: number, edge = false): string {
  const base = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`;
  return edge ? `${base} Edg/${version}.0.0.0` : base;
}

function personDesktopUa(random: Random): string {
  // Some companies pin old browsers (locked-down Windows images): people with stale agents exist too.
  if (random.chance(0.03)) {
    return random.chance(0.5) ? chromeWindows(109) : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko';
  }
  const version = CURRENT_CHROME - random.int(0, 2);
  return random.weighted([
    [chromeWindows(version), 45],
    [chromeWindows(version, true), 30],
    [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`, 10],
    [`Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${version - 12}.0) Gecko/20100101 Firefox/${version - 12}.0`, 7],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15', 8],
  ] as const);
}

function personMobileUa(random: Random, iphone: boolean): string {
  if (iphone) {
    return 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1';
  }
  return `Mozilla/5.0 (Linux; Android 15; ${random.pick(['Pixel 9', 'SM-S928B', 'SM-A556B'])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CURRENT_CHROME - random.int(0, 2)}.0.0.0 Mobile Safari/537.36`;
}

/** Opens by a person's mail client that fetches images itself (not via a proxy). */
function personOpenUa(random: Random, desktop: boolean): string {
  if (desktop && random.chance(0.5)) return 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)';
  if (desktop && random.chance(0.2)) return 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
  return desktop ? personDesktopUa(random) : personMobileUa(random, false);
}

function scannerUa(random: Random, vendor: string): string {
  const stale = random.int(70, 128);
  return random.weighted([
    [chromeWindows(stale), 40],
    [chromeWindows(CURRENT_CHROME - random.int(0, 3)), 22],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko', 8],
    ['Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/7.0)', 4],
    [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${stale}.0.0.0 Safari/537.36`, 7],
    [`python-requests/2.${random.int(20, 32)}.0`, 4],
    [vendor === 'barracuda' ? 'Barracuda Sentinel (EE)' : 'Go-http-client/1.1', 4],
    [vendor === 'microsoft' ? 'Microsoft Office Existence Discovery' : 'curl/8.5.0', 4],
    [MPP_UA, 2],
    [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${stale}.0.0.0 Safari/537.36`, 5],
  ] as const);
}

// ---- the message ----
function messageLinks(kind: ListKind): string[] {
  const content =
    kind === 'consumer'
      ? [
          'https://shop.northwind-outdoor.com/sale/autumn?utm_source=newsletter',
          'https://shop.northwind-outdoor.com/p/trail-jacket?utm_source=newsletter',
          'https://shop.northwind-outdoor.com/p/hiking-boots?utm_source=newsletter',
          'https://shop.northwind-outdoor.com/stores?utm_source=newsletter',
        ]
      : [
          'https://www.contoso-analytics.com/webinar/q4-forecasting?utm_source=email',
          'https://www.contoso-analytics.com/reports/benchmark-2026?utm_source=email',
          'https://www.contoso-analytics.com/pricing?utm_source=email',
          'https://www.contoso-analytics.com/blog/data-quality?utm_source=email',
        ];
  return [
    ...content,
    'https://www.linkedin.com/company/contoso-analytics',
    'https://email.contoso-analytics.com/view-in-browser/8841',
    'https://www.contoso-analytics.com/privacy',
    'https://email.contoso-analytics.com/unsubscribe?c=8841',
  ];
}
const CONTENT_LINKS = 4;

// ---- populations ----
interface Tenant {
  domain: string;
  mailHost: MailHost;
  /** Scanner vendor whose sweeps hit this tenant's mail, if any. */
  scanner?: string;
  officeBlock: string;
  zscaler: boolean;
  /** The tenant's scanner fetches only one link. */
  singleLink: boolean;
  /** Where the tenant's scanner fetches from (undefined: the vendor's listed networks, as before). */
  egress?: ScannerEgress;
}

/** A scanner's egress for one tenant: generic cloud space, and whether shared with other tenants. */
interface ScannerEgress {
  ip: () => string;
  tags: readonly string[];
}

const B2B_HOSTS: ReadonlyArray<readonly [MailHost, number]> = [
  ['microsoft365', 50],
  ['proofpoint', 14],
  ['mimecast', 11],
  ['barracuda', 5],
  ['google', 14],
  ['other', 6],
];

function makeTenant(random: Random, index: number, behaviours: Behaviours, sharedEgress: Map<string, string[]>): Tenant {
  const mailHost = random.weighted(B2B_HOSTS);
  // Who actually sweeps links on arrival: Defender Safe Links is licensed by most but not all M365 tenants.
  const scanProbability: Record<MailHost, number> = {
    microsoft365: 0.85,
    proofpoint: 0.95,
    mimecast: 0.9,
    barracuda: 0.85,
    cisco: 0.8,
    messagelabs: 0.8,
    trendmicro: 0.8,
    google: 0.05,
    other: 0.25,
  };
  let scanner: string | undefined;
  if (random.chance(scanProbability[mailHost])) {
    scanner =
      mailHost === 'microsoft365' || mailHost === 'proofpoint' || mailHost === 'mimecast' || mailHost === 'barracuda'
        ? mailHost === 'microsoft365'
          ? 'microsoft'
          : mailHost
        : 'unlisted';
  }
  const tenant: Tenant = {
    domain: `${random.pick(['acme', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'hooli', 'vandelay', 'soylent', 'tyrell'])}-${index}.com`,
    mailHost,
    officeBlock: `${random.pick(RESIDENTIAL_FIRST_OCTETS)}.${random.int(0, 255)}.${random.int(0, 255)}`,
    zscaler: random.chance(behaviours.zscalerShare),
    singleLink: random.maybe(behaviours.singleLinkScanShare),
  };
  if (scanner !== undefined) {
    tenant.scanner = scanner;
    const egress = scannerEgress(random, scanner, behaviours, sharedEgress);
    if (egress !== undefined) tenant.egress = egress;
  }
  return tenant;
}

/**
 * Generic cloud egress (a share of tenants), shared across tenants or the tenant's own; undefined keeps the
 * vendor's listed networks. A shared egress is a handful of addresses per vendor used for the whole list.
 */
function scannerEgress(random: Random, vendor: string, behaviours: Behaviours, sharedEgress: Map<string, string[]>): ScannerEgress | undefined {
  const cloud = random.maybe(behaviours.cloudEgressShare);
  const shared = random.maybe(behaviours.sharedEgressShare);
  if (!cloud && !shared) return undefined;
  const tags = [...(cloud ? ['cloud-egress'] : []), ...(shared ? ['shared-egress'] : [])];
  const fresh = (): string => (cloud ? cloudIp(random) : inBlock(random, random.pick(VENDOR_BLOCKS[vendor] ?? UNLISTED_SCANNER_BLOCKS)));
  if (!shared) {
    const own = Array.from({ length: random.int(1, 3) }, fresh);
    return { ip: () => random.pick(own), tags };
  }
  const key = `${vendor}:${cloud ? 'cloud' : 'listed'}`;
  let pool = sharedEgress.get(key);
  if (pool === undefined) sharedEgress.set(key, (pool = Array.from({ length: 6 }, fresh)));
  const addresses = pool;
  return { ip: () => random.pick(addresses), tags };
}

type ConsumerProvider = 'gmail' | 'yahoo' | 'icloud' | 'outlook' | 'isp' | 'smallbiz';

interface Builder {
  random: Random;
  events: EngagementEvent[];
  truth: TruthLabel[];
  fastHuman: boolean[];
  humanOpeners: Set<string>;
  humanClickers: Set<string>;
  links: string[];
  unlistedShare: number;
  behaviours: Behaviours;
  tags: Array<readonly string[]>;
  /** Scanner egress shared across tenants, per vendor and kind. */
  sharedEgress: Map<string, string[]>;
}

function push(
  b: Builder,
  event: Omit<EngagementEvent, 'sourceIndex'>,
  truth: TruthLabel,
  fast = false,
  tags: readonly string[] = [],
): void {
  b.events.push({ ...event, timestamp: Math.round(event.timestamp!), sourceIndex: b.events.length });
  b.truth.push(truth);
  b.fastHuman.push(fast);
  b.tags.push(fast && !tags.includes('fast-responder') ? [...tags, 'fast-responder'] : tags);
  if (truth === 'human' && event.recipient !== undefined) {
    (event.type === 'open' ? b.humanOpeners : b.humanClickers).add(event.recipient);
  }
}

/** Scanner burst start after the first delivery attempt, seconds (conventions §3 field data). */
function scannerStartDelay(random: Random): number {
  return random.weighted([
    [() => random.uniform(2, 10), 0.5],
    [() => random.uniform(10, 20), 3],
    [() => Math.min(60, Math.max(20, random.normal(43, 10))), 66],
    [() => Math.exp(random.uniform(Math.log(60), Math.log(300))), 28],
    [() => random.uniform(300, 1800), 2.5],
  ] as const)();
}

function scannerIp(random: Random, vendor: string, unlistedShare: number): string {
  if (vendor === 'unlisted' || random.chance(unlistedShare)) return `${random.pick(UNLISTED_SCANNER_BLOCKS)}.${octet(random)}`;
  return inBlock(random, random.pick(VENDOR_BLOCKS[vendor] ?? UNLISTED_SCANNER_BLOCKS));
}

/** Default share of a listed vendor's fetches that come from networks no list knows. */
const DEFAULT_UNLISTED_SHARE = 0.12;

interface SweepPlan {
  vendor: string;
  /** The tenant's own egress, if it has one; else the vendor's networks. */
  egress?: ScannerEgress;
  singleLink: boolean;
  withOpen: boolean;
  /** Extra tags (`rescan`). */
  tags?: readonly string[];
}

/** Sweeps the recipient's message; answers the sweep's agent string when it is a current Chrome's. */
function scannerSweep(b: Builder, recipient: string, plan: SweepPlan, anchor: number): string | undefined {
  const { random, behaviours } = b;
  const { vendor, egress } = plan;
  const pickIp = (): string => (egress !== undefined ? egress.ip() : scannerIp(random, vendor, b.unlistedShare));
  const sessionIp = pickIp();
  const oneIp = random.chance(0.7);
  const modern = random.maybe(behaviours.modernAgentShare);
  const ua = modern ? chromeWindows(CURRENT_CHROME - random.int(0, 2)) : scannerUa(random, vendor);
  // The scanner's own image fetch: a median 9 s after send, or (pixel-before-burst) seconds before the first link.
  // Some gateways fetch images with another component (another agent string) than the link detonation.
  let open: { ua: string; ip: string; delayS: number; beforeBurst: boolean } | undefined;
  if (plan.withOpen && random.chance(0.6)) {
    const openUa = random.chance(0.2) ? scannerUa(random, vendor) : ua;
    const delayS = random.logNormal(9, 0.6);
    const ip = oneIp ? sessionIp : pickIp();
    open = { ua: openUa, ip, delayS, beforeBurst: random.maybe(behaviours.pixelBeforeBurstShare) };
  }
  const start = anchor + scannerStartDelay(random) * 1000;
  const linkChoice = plan.singleLink
    ? 'one'
    : random.weighted([
        ['all', 70],
        ['some', 22],
        ['one', 8],
      ] as const);
  let chosen: string[];
  if (linkChoice === 'all') chosen = [...b.links];
  else if (plan.singleLink) chosen = [random.chance(0.5) ? b.links[0]! : random.pick(b.links.slice(0, CONTENT_LINKS))];
  else if (linkChoice === 'one') chosen = [random.pick(b.links.slice(0, CONTENT_LINKS))];
  else {
    const count = random.int(2, b.links.length - 1);
    chosen = [...b.links].sort(() => random.next() - 0.5).slice(0, count);
  }
  // Most sweeps fetch in parallel (all within ~1.5 s); paced ones walk the links one by one, seconds apart.
  const walking = random.chance(behaviours.pacedBurstShare);
  const paced = walking && chosen.length > 1;
  const tags = [
    ...(egress?.tags ?? []),
    ...(modern ? ['modern-agent'] : []),
    ...(plan.tags ?? []),
  ];
  const clickTags = [...tags, ...(linkChoice === 'one' ? ['single-link'] : []), ...(paced ? ['paced-burst'] : [])];
  if (open !== undefined) {
    const openAt = open.beforeBurst ? start - Math.min(8, open.delayS) * 1000 : anchor + open.delayS * 1000;
    push(b, { type: 'open', recipient, timestamp: openAt, ip: open.ip, userAgent: open.ua }, 'scanner', false, open.beforeBurst ? [...tags, 'pixel-before-burst'] : tags);
  }
  const [gapFrom, gapTo] = behaviours.pacedGapSeconds;
  let t = start;
  for (const url of chosen) {
    const at = walking ? t : start + random.uniform(0, 1600);
    t += random.uniform(gapFrom * 1000, gapTo * 1000);
    push(b, { type: 'click', recipient, timestamp: at, ip: oneIp ? sessionIp : pickIp(), userAgent: ua, url }, 'scanner', false, clickTags);
  }
  return modern ? ua : undefined;
}

interface Person {
  desktop: boolean;
  ip: () => string;
  clickUa: string;
  /** Opens are visible (a client that fetches images) unless MPP caches them. */
  openUa: string | undefined;
  openIp: () => string;
  /** Reads in desktop Outlook (fetches images itself, opens links in the browser). */
  outlook: boolean;
  tags: readonly string[];
}

function personEngagement(
  b: Builder,
  recipient: string,
  deliveredAt: number,
  person: Person,
  openProbability: number,
  clickProbability: number,
  recheckVendor: string | undefined,
): void {
  const { random } = b;
  const opens = random.chance(openProbability);
  const blindClicker = !opens && random.chance(clickProbability * 0.12);
  if (!opens && !blindClicker) return;
  const { behaviours } = b;
  const fast = random.chance(behaviours.fastResponderShare);
  const [fastFrom, fastTo] = behaviours.fastResponderSeconds;
  // When the person first opens: fast responders within a minute; others over hours (median ~2.5 h).
  const firstLook = deliveredAt + (fast ? random.uniform(fastFrom, fastTo) : Math.min(72 * 3600, random.logNormal(2.5 * 3600, 1.4))) * 1000;
  const tags = person.tags;
  if (opens && person.openUa !== undefined) {
    push(b, { type: 'open', recipient, timestamp: firstLook, ip: person.openIp(), userAgent: person.openUa }, 'human', fast, tags);
    let later = firstLook;
    while (random.chance(0.3)) {
      later += random.logNormal(3 * 3600, 1.2) * 1000;
      push(b, { type: 'open', recipient, timestamp: later, ip: person.openIp(), userAgent: person.openUa }, 'human', fast, tags);
    }
  }
  const clickShare = fast && behaviours.fastResponderClickShare !== undefined ? behaviours.fastResponderClickShare : clickProbability;
  if (!(blindClicker || random.chance(clickShare))) return;
  const outlookQuick = person.outlook && random.maybe(behaviours.outlookQuickClickerShare);
  let clickAt = firstLook + (fast ? random.uniform(4, 15) : outlookQuick ? random.uniform(2, 8) : random.logNormal(45, 1.0)) * 1000;
  const multiLink = random.maybe(behaviours.multiLinkClickerShare);
  const clicks = multiLink
    ? random.int(2, 3)
    : random.weighted([
        [1, 80],
        [2, 17],
        [3, 3],
      ] as const);
  const clickTags = [...tags, ...(outlookQuick ? ['outlook-quick-clicker'] : []), ...(multiLink ? ['multi-link-clicker'] : [])];
  const content = b.links.slice(0, CONTENT_LINKS);
  const ip = person.ip();
  for (let k = 0; k < clicks; k++) {
    // Mostly content links; now and then the person does click a footer link.
    const url = random.chance(0.93) ? random.pick(content) : random.pick(b.links.slice(CONTENT_LINKS));
    push(b, { type: 'click', recipient, timestamp: clickAt, ip, userAgent: person.clickUa, url }, 'human', fast, clickTags);
    if (recheckVendor !== undefined && random.chance(0.3)) {
      // Time-of-click protection re-fetches the link from the gateway 5–30 s later.
      push(
        b,
        { type: 'click', recipient, timestamp: clickAt + random.uniform(5, 30) * 1000, ip: scannerIp(random, recheckVendor, b.unlistedShare), userAgent: scannerUa(random, recheckVendor), url },
        'scanner',
        false,
        ['recheck'],
      );
    }
    // The next link: usually after reading a while; quick multi-link clickers within the minute; now and then,
    // on a desktop, a second tab opened within a second or two (on a phone, tapping a link leaves the mail app,
    // so no such quick second tap).
    clickAt += (multiLink ? random.uniform(...behaviours.multiLinkGapSeconds) : person.desktop && random.chance(0.1) ? random.uniform(0.6, 2.5) : random.logNormal(120, 1.0)) * 1000;
  }
}

function b2bRecipient(b: Builder, recipient: string, tenant: Tenant, deliveredAt: number, firstAttempt: number, scannedBy: Map<string, string>): void {
  const { random } = b;
  let sweepAgent: string | undefined;
  if (tenant.scanner !== undefined && random.chance(0.93)) {
    scannedBy.set(recipient, tenant.scanner);
    const plan: SweepPlan = { vendor: tenant.scanner, singleLink: tenant.singleLink, withOpen: true };
    if (tenant.egress !== undefined) plan.egress = tenant.egress;
    sweepAgent = scannerSweep(b, recipient, plan, firstAttempt);
    // Some gateways sweep again hours later.
    if (random.chance(b.behaviours.rescanShare)) {
      const withOpen = random.maybe(b.behaviours.rescanPixelShare);
      scannerSweep(b, recipient, { ...plan, withOpen, tags: ['rescan'] }, deliveredAt + random.uniform(1, 24) * 3600_000);
    }
  }
  const desktop = random.chance(0.65);
  const iphone = !desktop && random.chance(0.55);
  const mpp = iphone && random.chance(0.4);
  const officeIp = () => (tenant.zscaler ? `${random.pick(ZSCALER_BLOCKS)}.${octet(random)}` : `${tenant.officeBlock}.${octet(random)}`);
  const ip = desktop ? officeIp : () => residentialIp(random);
  const sameAgent = desktop && sweepAgent !== undefined && random.maybe(b.behaviours.sameAgentAsScannerShare);
  const clickUa = sameAgent ? sweepAgent! : desktop ? personDesktopUa(random) : personMobileUa(random, iphone);
  const openUa = mpp ? undefined : iphone ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148' : personOpenUa(random, desktop);
  const person: Person = {
    desktop,
    ip,
    clickUa,
    openUa,
    openIp: ip,
    outlook: openUa !== undefined && openUa.includes('Microsoft Outlook'),
    tags: [...(desktop && tenant.zscaler ? ['zscaler'] : []), ...(sameAgent ? ['same-agent-as-scanner'] : [])],
  };
  if (mpp) mppPrefetch(b, recipient, deliveredAt);
  const recheck = tenant.scanner !== undefined && tenant.scanner !== 'unlisted' ? tenant.scanner : undefined;
  personEngagement(b, recipient, deliveredAt, person, 0.24, 0.22, recheck);
}

function mppPrefetch(b: Builder, recipient: string, deliveredAt: number): void {
  const { random } = b;
  // Apple prefetches on delivery to the device: within minutes, sometimes again later.
  const at = deliveredAt + Math.min(6 * 3600, random.logNormal(180, 1.2)) * 1000;
  push(b, { type: 'open', recipient, timestamp: at, ip: appleRelayIp(random), userAgent: MPP_UA }, 'proxy');
  if (random.chance(0.15)) {
    push(b, { type: 'open', recipient, timestamp: at + random.uniform(2, 30) * 3600_000, ip: appleRelayIp(random), userAgent: MPP_UA }, 'proxy');
  }
}

function consumerRecipient(b: Builder, recipient: string, provider: ConsumerProvider, deliveredAt: number, firstAttempt: number, scannedBy: Map<string, string>): void {
  const { random } = b;
  if (provider === 'smallbiz' && random.chance(0.7)) {
    const vendor = random.weighted([
      ['microsoft', 55],
      ['proofpoint', 15],
      ['mimecast', 15],
      ['unlisted', 15],
    ] as const);
    scannedBy.set(recipient, vendor);
    const plan: SweepPlan = { vendor, singleLink: random.maybe(b.behaviours.singleLinkScanShare), withOpen: true };
    const egress = scannerEgress(random, vendor, b.behaviours, b.sharedEgress);
    if (egress !== undefined) plan.egress = egress;
    scannerSweep(b, recipient, plan, firstAttempt);
  }
  // Apple Mail on iPhone/Mac reads most consumer mail; most of those users keep Mail Privacy Protection on.
  const appleMail = provider === 'icloud' ? random.chance(0.95) : provider === 'gmail' ? random.chance(0.35) : random.chance(0.5);
  const mpp = appleMail && random.chance(0.9);
  const iphone = appleMail || random.chance(0.3);
  const privateRelay = iphone && random.chance(b.behaviours.privateRelayShare);
  const homeIp = residentialIp(random);
  const clickIp = () => (privateRelay ? appleRelayIp(random) : random.chance(0.8) ? homeIp : residentialIp(random));
  let openUa: string | undefined;
  let openIp: () => string = clickIp;
  if (mpp) openUa = undefined;
  else if (provider === 'gmail') {
    openUa = GMAIL_PROXY_UA;
    openIp = () => `${random.pick(GOOGLE_PROXY_BLOCKS)}.${octet(random)}`;
  } else if (provider === 'yahoo') {
    openUa = YAHOO_PROXY_UA;
    openIp = () => `${random.pick(YAHOO_PROXY_BLOCKS)}.${octet(random)}`;
  } else openUa = iphone ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148' : personOpenUa(random, random.chance(0.5));
  if (mpp) mppPrefetch(b, recipient, deliveredAt);
  const desktop = !iphone && random.chance(0.5);
  const person: Person = {
    desktop,
    ip: clickIp,
    clickUa: iphone ? personMobileUa(random, true) : desktop ? personDesktopUa(random) : personMobileUa(random, false),
    openUa,
    openIp,
    outlook: openUa !== undefined && openUa.includes('Microsoft Outlook'),
    tags: privateRelay ? ['private-relay'] : [],
  };
  personEngagement(b, recipient, deliveredAt, person, 0.3, 0.14, undefined);
}

const CONSUMER_PROVIDERS: ReadonlyArray<readonly [ConsumerProvider, number]> = [
  ['gmail', 36],
  ['yahoo', 8],
  ['icloud', 16],
  ['outlook', 14],
  ['isp', 21],
  ['smallbiz', 5],
];
const PROVIDER_DOMAINS: Record<ConsumerProvider, string[]> = {
  gmail: ['gmail.com'],
  yahoo: ['yahoo.com'],
  icloud: ['icloud.com', 'me.com'],
  outlook: ['outlook.com', 'hotmail.com'],
  isp: ['comcast.net', 'att.net', 'web.de', 'orange.fr'],
  smallbiz: ['bakery-42.com', 'dental-care-7.com', 'law-office-3.com'],
};

export function generateCampaign(options: GeneratorOptions): GeneratedCampaign {
  const random = new Random(options.seed);
  const total = options.recipients ?? 2000;
  const sentAt = options.sentAt ?? Date.UTC(2026, 9, 14, 14, 0, 0);
  const links = messageLinks(options.kind);
  const b: Builder = {
    random,
    events: [],
    truth: [],
    fastHuman: [],
    humanOpeners: new Set(),
    humanClickers: new Set(),
    links,
    unlistedShare: options.unlistedScannerShare ?? DEFAULT_UNLISTED_SHARE,
    behaviours: { ...ORDINARY_BEHAVIOURS, ...options.behaviours },
    tags: [],
    sharedEgress: new Map(),
  };
  const deliveries: Delivery[] = [];
  const scannedBy = new Map<string, string>();
  const recipientMailHosts: Record<string, MailHost> = {};
  const tenants: Tenant[] = [];
  // The ESP hands mail out over ~15 minutes for 2000 recipients.
  const sendSpreadMs = (total / 2000) * 15 * 60_000;

  for (let r = 0; r < total; r++) {
    const b2b = options.kind === 'b2b' || (options.kind === 'mixed' && random.chance(0.5));
    let recipient: string;
    let tenant: Tenant | undefined;
    let provider: ConsumerProvider | undefined;
    if (b2b) {
      // Companies of 5–40 recipients each.
      if (tenants.length === 0 || random.chance(1 / 18)) tenants.push(makeTenant(random, tenants.length, b.behaviours, b.sharedEgress));
      tenant = random.chance(0.7) ? tenants[tenants.length - 1]! : random.pick(tenants);
      recipient = `user${r}@${tenant.domain}`;
      recipientMailHosts[tenant.domain] = tenant.mailHost;
    } else {
      provider = random.weighted(CONSUMER_PROVIDERS);
      recipient = `reader${r}@${random.pick(PROVIDER_DOMAINS[provider])}`;
    }
    // 2.5 % bounce: no delivery, no engagement.
    if (random.chance(0.025)) continue;
    const firstAttempt = sentAt + (r / total) * sendSpreadMs + random.logNormal(3, 0.8) * 1000;
    // Greylisting: the first attempt is deferred (and scanned then); the delivery event comes minutes–hours later.
    const greylisted = random.chance(0.04);
    const deliveredAt = greylisted ? firstAttempt + random.uniform(5 * 60, 3 * 3600) * 1000 : firstAttempt;
    deliveries.push({ recipient, deliveredAt: Math.round(deliveredAt), messageId: `msg-${options.seed}-${r}` });
    if (tenant !== undefined) b2bRecipient(b, recipient, tenant, deliveredAt, firstAttempt, scannedBy);
    else consumerRecipient(b, recipient, provider!, deliveredAt, firstAttempt, scannedBy);
  }

  // The export lists events in time order, as ESP activity logs do.
  const order = b.events.map((_, i) => i).sort((x, y) => b.events[x]!.timestamp! - b.events[y]!.timestamp! || x - y);
  const events = order.map((i, position) => ({ ...b.events[i]!, sourceIndex: position }));
  const truth = order.map((i) => b.truth[i]!);
  const fastHuman = order.map((i) => b.fastHuman[i]!);
  const tags = order.map((i) => b.tags[i]!);
  const campaign: Campaign = {
    id: `generated-${options.kind}-${options.seed}`,
    name: `Generated ${options.kind} campaign (seed ${options.seed})`,
    sentAt,
    deliveredCount: deliveries.length,
    deliveries,
    events,
    links,
  };
  if (Object.keys(recipientMailHosts).length > 0) campaign.recipientMailHosts = recipientMailHosts;
  return {
    campaign,
    truth,
    fastHuman,
    delivered: deliveries.length,
    humanOpeners: b.humanOpeners,
    humanClickers: b.humanClickers,
    scannedBy,
    tags,
  };
}
