// Held-out campaign generator (issue 13 acceptance), written blind: it knows nothing of how the classifier or
// its own generator work. It draws realistic campaigns from what public sources say about scanners and proxies
// (shared/conventions.md §3, shared/external-samples/scanner-evidence.md) with per-event truth and a behaviour tag.
// It keeps its own PRNG (Rng, below) and its own export writers (writers.ts) on purpose, instead of the shared
// test/generator/mulberry32.ts and test/generator/formats.ts: a held-out set must not share code with what it
// judges, so a change to the team's generator or writers can never move the acceptance figures with it.

export type Truth = 'human' | 'scanner' | 'proxy';
export type SetName = 'ordinary' | 'hard';

export interface TruthEvent {
  type: 'open' | 'click';
  recipient: string;
  /** ms UTC */
  at: number;
  ip: string;
  userAgent: string;
  url?: string;
  truth: Truth;
  /** Behaviour that produced it, e.g. `scanner:burst`, `human:fast`, `proxy:mpp`. */
  tag: string;
  /** Extra descriptors for error analysis: `egress:cloud`, `ua:modern`, `shared-egress`, `vendor:microsoft`… */
  traits: string[];
  /** ESP flag the export would carry (Mailgun client-info.bot, SendGrid sg_machine_open). */
  espBot?: 'apple' | 'generic';
  messageId: string;
}

export interface Recipient {
  email: string;
  /** When the ESP records the delivered event (ms UTC). */
  deliveredAt: number;
  messageId: string;
  mxHost: string;
  fastResponder: boolean;
}

export interface HeldoutCampaign {
  name: string;
  set: SetName;
  seed: number;
  sentAt: number;
  links: string[];
  recipients: Recipient[];
  /** Sorted by time. */
  events: TruthEvent[];
}

// ---- PRNG: mulberry32 ----
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** log-uniform between lo and hi */
  logRange(lo: number, hi: number): number {
    return Math.exp(this.range(Math.log(lo), Math.log(hi)));
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// ---- Address space ----
/** A random address inside a CIDR block. */
export function ipIn(rng: Rng, cidr: string): string {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const parts = base!.split('.').map(Number);
  const start = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  const size = 2 ** (32 - bits);
  const n = (start + 1 + Math.floor(rng.next() * (size - 2))) >>> 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

type Vendor = 'microsoft' | 'proofpoint' | 'mimecast' | 'barracuda';

/** Published / announced blocks per gateway vendor (see conventions §3). */
const VENDOR_BLOCKS: Record<Vendor, string[]> = {
  // EOP outbound 40.92.0.0/15, 40.107.0.0/16, 104.47.0.0/17; Safe Links detonation seen from 40.94.0.0/16.
  microsoft: ['40.92.0.0/15', '40.94.0.0/16', '40.94.0.0/16', '40.107.0.0/16', '104.47.0.0/17'],
  // Proofpoint pphosted (AS26211 / AS22843)
  proofpoint: ['148.163.128.0/19', '67.231.144.0/20', '205.220.160.0/20'],
  // Mimecast (AS30031) US / EU / ZA
  mimecast: ['205.139.110.0/24', '207.211.30.0/24', '216.205.24.0/24', '185.58.84.0/22', '41.74.192.0/21'],
  // Barracuda ESS (AS15324)
  barracuda: ['64.235.144.0/20', '209.222.80.0/21', '35.174.145.0/24'],
};
const VENDOR_MX: Record<Vendor, (d: string) => string> = {
  microsoft: (d) => `${d.replace(/\./g, '-')}.mail.protection.outlook.com`,
  proofpoint: (d) => `mx0a-00${Math.abs(hash(d)) % 900000}.pphosted.com`,
  mimecast: () => 'us-smtp-inbound-1.mimecast.com',
  barracuda: (d) => `${d.replace(/\./g, '-')}.ess.barracudanetworks.com`,
};
const CLOUD_BLOCKS = ['20.0.0.0/11', '52.160.0.0/11', '3.0.0.0/9', '34.64.0.0/10'];
const APPLE_RELAY = ['17.58.0.0/16', '17.57.0.0/16', '104.28.0.0/16', '172.224.0.0/16', '172.225.0.0/16', '172.226.0.0/16', '146.75.0.0/16', '140.248.0.0/16'];
const GMAIL_PROXY = ['66.249.80.0/20', '66.102.0.0/20', '64.233.160.0/19'];
const YAHOO_PROXY = ['74.6.0.0/16', '87.248.96.0/19'];
const ZSCALER = ['165.225.0.0/17', '136.226.0.0/16', '147.161.128.0/17'];
/** Ordinary ISP / office space (none of it a cloud or gateway block). */
const ISP = ['24.0.0.0/12', '71.0.0.0/12', '73.0.0.0/10', '76.0.0.0/12', '81.128.0.0/11', '82.0.0.0/11', '86.0.0.0/11', '90.0.0.0/10', '93.0.0.0/12', '109.144.0.0/12', '176.0.0.0/12', '188.0.0.0/12', '213.0.0.0/12'];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

// ---- User agents ----
const STALE_SCANNER_UA = [
  'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.109 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.132 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.136 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.140 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0.4692.99 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.54 Safari/537.36',
  'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
];
const MODERN_WIN_CHROME = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/152.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/151.0.0.0 Safari/537.36',
];
const HUMAN_DESKTOP = [
  ...MODERN_WIN_CHROME,
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/152.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/152.0.0.0 Safari/537.36 Edg/152.0.0.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:156.0) Gecko/20100101 Firefox/156.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
];
const HUMAN_MOBILE = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 15; SM-S931B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/152.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 16; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/151.0.0.0 Mobile Safari/537.36',
];
const IPHONE_SAFARI = HUMAN_MOBILE[0]!;
const OUTLOOK_DESKTOP = 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)';
const GMAIL_PROXY_UA = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const YAHOO_PROXY_UA = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';
const MPP_UA = 'Mozilla/5.0';

// ---- Campaign drawing ----
const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

interface ScannerTenant {
  vendor: Vendor;
  /** Egress addresses this tenant's scanner uses. */
  egress: string[];
  egressTraits: string[];
  uaPool: string[];
  uaTrait: string;
  singleLink: boolean;
  clicks: boolean;
  opens: boolean;
}

export function generateCampaign(set: SetName, seed: number, size = 700): HeldoutCampaign {
  const rng = new Rng(seed * 7919 + (set === 'hard' ? 104729 : 0));
  const hard = set === 'hard';
  const sentAt = Date.UTC(2026, 10, 3 + seed, 13 + (seed % 4), 0, 0);
  const b2bShare = [0.7, 0.35, 0.55][seed % 3]!;
  const nLinks = rng.int(4, 8);
  const slug = `c${seed}${set[0]}`;
  const links = Array.from({ length: nLinks - 1 }, (_, i) => `https://news.example-brand.com/${slug}/article-${i + 1}?utm_source=email&utm_campaign=${slug}`);
  links.push(`https://news.example-brand.com/unsubscribe?c=${slug}`);
  const contentLinks = links.slice(0, -1);

  const events: TruthEvent[] = [];
  const recipients: Recipient[] = [];

  // Shared scanner egress, one per vendor (hard: about half the scanning tenants use it).
  const sharedEgress = new Map<Vendor, { ips: string[]; traits: string[] }>();
  const egressFor = (vendor: Vendor): { ips: string[]; traits: string[] } => {
    const cloud = hard && rng.chance(0.4);
    const block = cloud ? rng.pick(CLOUD_BLOCKS) : rng.pick(VENDOR_BLOCKS[vendor]);
    const n = rng.int(1, 3);
    return { ips: Array.from({ length: n }, () => ipIn(rng, block)), traits: [cloud ? 'egress:cloud' : 'egress:vendor'] };
  };
  for (const v of Object.keys(VENDOR_BLOCKS) as Vendor[]) {
    const e = egressFor(v);
    sharedEgress.set(v, { ips: e.ips.slice(0, 1), traits: [...e.traits, 'shared-egress'] });
  }

  // Companies (B2B) with a tenant-wide mail stack.
  const nCompanies = Math.max(8, Math.round((size * b2bShare) / 12));
  const companies = Array.from({ length: nCompanies }, (_, i) => {
    const domain = `corp${i}-${slug}.example.com`;
    const gw = rng.chance(0.62);
    const vendor: Vendor = rng.pick(['microsoft', 'microsoft', 'microsoft', 'proofpoint', 'mimecast', 'barracuda'] as const);
    let tenant: ScannerTenant | undefined;
    if (gw) {
      const shared = hard && rng.chance(0.5);
      const e = shared ? sharedEgress.get(vendor)! : egressFor(vendor);
      const modern = hard && rng.chance(0.3);
      tenant = {
        vendor,
        egress: e.ips,
        egressTraits: e.traits,
        uaPool: modern ? MODERN_WIN_CHROME : STALE_SCANNER_UA,
        uaTrait: modern ? 'ua:modern' : 'ua:stale',
        singleLink: hard && vendor === 'microsoft' && rng.chance(0.25),
        clicks: vendor === 'microsoft' ? true : rng.chance(0.85),
        opens: rng.chance(0.75),
      };
    }
    const office = ipIn(rng, rng.pick(ISP));
    const zscaler = hard && rng.chance(0.2);
    const zIp = zscaler ? ipIn(rng, rng.pick(ZSCALER)) : office;
    const outlookShop = rng.chance(0.5);
    return { domain, tenant, vendor, office: zIp, zscaler, outlookShop, mx: tenant ? VENDOR_MX[vendor](domain) : `mail.${domain}` };
  });

  let msg = 0;
  for (let r = 0; r < size; r++) {
    const b2b = rng.next() < b2bShare;
    const company = b2b ? rng.pick(companies) : undefined;
    const consumerKind = rng.pick(['gmail', 'gmail', 'gmail', 'yahoo', 'apple', 'apple', 'outlook', 'isp'] as const);
    const domain = company ? company.domain : { gmail: 'gmail.com', yahoo: 'yahoo.com', apple: 'icloud.com', outlook: 'outlook.com', isp: 'comcast.net' }[consumerKind];
    const email = `u${r}.${slug}@${domain}`;
    const messageId = `<${slug}.${++msg}.${Math.floor(rng.next() * 1e9).toString(36)}@mta.example-brand.com>`;
    // Arrival at the receiving side: throttled sending over ~10 minutes.
    const arrival = sentAt + rng.range(2 * S, 10 * MIN);
    const deferred = hard && company?.tenant !== undefined && rng.chance(0.08);
    const deliveredAt = deferred ? arrival + rng.range(1 * HOUR, 5 * HOUR) : arrival;
    // Apple Mail users: all icloud; some B2B and consumer people read in Apple Mail too.
    const appleMail = consumerKind === 'apple' && !company ? true : rng.chance(company ? 0.12 : 0.15);
    const fast = rng.chance(0.06);
    const rec: Recipient = {
      email,
      deliveredAt: Math.round(deliveredAt),
      messageId,
      mxHost: company ? company.mx : { gmail: 'gmail-smtp-in.l.google.com', yahoo: 'mta7.am0.yahoodns.net', apple: 'mx01.mail.icloud.com', outlook: 'outlook-com.olc.protection.outlook.com', isp: 'mx.comcast.net' }[consumerKind],
      fastResponder: fast,
    };
    recipients.push(rec);
    const push = (e: Omit<TruthEvent, 'recipient' | 'messageId'>): void => {
      events.push({ ...e, at: Math.round(e.at), recipient: email, messageId });
    };

    // --- gateway scanner ---
    const t = company?.tenant;
    if (t) {
      const traits = [`vendor:${t.vendor}`, ...t.egressTraits, t.uaTrait];
      const ipOf = (): string => rng.pick(t.egress);
      const scanAt = arrival + rng.logRange(20 * S, 5 * MIN);
      if (t.opens) {
        const openAt = hard && t.clicks && rng.chance(0.5) ? scanAt - rng.range(1 * S, 8 * S) : arrival + rng.range(2 * S, 15 * S);
        const tag = openAt > scanAt - 10 * S && openAt < scanAt ? 'scanner:pixel-before-burst' : 'scanner:open';
        push({ type: 'open', at: openAt, ip: ipOf(), userAgent: rng.pick(t.uaPool), truth: 'scanner', tag, traits: deferred ? [...traits, 'deferred'] : traits, espBot: rng.chance(0.15) ? 'generic' : undefined });
      }
      if (t.clicks) {
        const paced = hard && rng.chance(1 / 3);
        const targets = t.singleLink ? [rng.pick(links)] : rng.chance(0.85) ? links : contentLinks;
        let at = scanAt;
        const ua = rng.pick(t.uaPool);
        const ip = ipOf();
        const tag = t.singleLink ? 'scanner:single-link' : paced ? 'scanner:paced-burst' : 'scanner:burst';
        const tr = deferred ? [...traits, 'deferred'] : traits;
        for (const url of targets) {
          push({ type: 'click', at, ip, userAgent: ua, url, truth: 'scanner', tag, traits: tr, espBot: rng.chance(0.15) ? 'generic' : undefined });
          at += paced ? rng.range(2 * S, 10 * S) : rng.range(30, 2 * S / targets.length);
        }
        // re-scan hours later
        if (hard && rng.chance(0.2)) {
          let at2 = deliveredAt + rng.range(2 * HOUR, 20 * HOUR);
          const ip2 = ipOf();
          for (const url of t.singleLink ? targets : rng.chance(0.5) ? targets : [rng.pick(targets)]) {
            push({ type: 'click', at: at2, ip: ip2, userAgent: rng.pick(t.uaPool), url, truth: 'scanner', tag: 'scanner:rescan', traits: tr });
            at2 += rng.range(50, 1500);
          }
        }
      }
    }

    // --- Apple MPP prefetch ---
    if (appleMail) {
      const relay = ipIn(rng, rng.pick(APPLE_RELAY));
      push({ type: 'open', at: deliveredAt + rng.logRange(3 * S, 40 * MIN), ip: relay, userAgent: MPP_UA, truth: 'proxy', tag: 'proxy:mpp', traits: [], espBot: 'apple' });
      if (rng.chance(0.3)) push({ type: 'open', at: deliveredAt + rng.logRange(1 * HOUR, 48 * HOUR), ip: ipIn(rng, rng.pick(APPLE_RELAY)), userAgent: MPP_UA, truth: 'proxy', tag: 'proxy:mpp-refetch', traits: [], espBot: 'apple' });
    }

    // --- the person ---
    const opens = fast || rng.chance(company ? 0.3 : 0.35);
    if (!opens) continue;
    let personIp: string;
    let openUa: string;
    let clickUa: string;
    let openIp: string;
    let openTag = 'human:open';
    const clickTag = 'human:click';
    const traits: string[] = [];
    if (company) {
      personIp = company.office;
      if (company.zscaler) traits.push('zscaler');
      const mobile = rng.chance(0.3);
      clickUa = mobile ? rng.pick(HUMAN_MOBILE) : rng.pick(HUMAN_DESKTOP);
      openUa = company.outlookShop && !mobile ? OUTLOOK_DESKTOP : clickUa;
      openIp = mobile ? ipIn(rng, rng.pick(ISP)) : personIp;
      if (mobile) personIp = openIp;
      if (openUa === OUTLOOK_DESKTOP) openTag = 'human:outlook-open';
    } else {
      personIp = ipIn(rng, rng.pick(ISP));
      clickUa = rng.chance(0.55) ? rng.pick(HUMAN_MOBILE) : rng.pick(HUMAN_DESKTOP);
      openIp = personIp;
      openUa = clickUa;
      if (consumerKind === 'gmail') {
        openIp = ipIn(rng, rng.pick(GMAIL_PROXY));
        openUa = GMAIL_PROXY_UA;
        openTag = 'human:gmail-proxy-open';
      } else if (consumerKind === 'yahoo') {
        openIp = ipIn(rng, rng.pick(YAHOO_PROXY));
        openUa = YAHOO_PROXY_UA;
        openTag = 'human:yahoo-proxy-open';
      }
    }
    if (appleMail) {
      // The person's own open is hidden behind MPP's cache; their clicks come from Safari / the phone.
      clickUa = IPHONE_SAFARI;
      if (hard && rng.chance(0.4)) {
        personIp = ipIn(rng, rng.pick(APPLE_RELAY));
        traits.push('icloud-private-relay');
      }
    }
    const outlookQuick = hard && openUa === OUTLOOK_DESKTOP && rng.chance(0.25);
    const firstOpen = fast || outlookQuick ? deliveredAt + rng.range(5 * S, 60 * S) : deliveredAt + rng.logRange(3 * MIN, 4 * 24 * HOUR);
    const tagFor = (base: string): string => (fast ? 'human:fast' : outlookQuick ? 'human:outlook-quick' : base);
    const visibleOpen = !appleMail;
    const nOpens = rng.chance(0.3) ? 2 : 1;
    for (let k = 0; k < nOpens && visibleOpen; k++) {
      const at = k === 0 ? firstOpen : firstOpen + rng.logRange(10 * MIN, 30 * HOUR);
      push({ type: 'open', at, ip: openIp, userAgent: openUa, truth: 'human', tag: k === 0 ? tagFor(openTag) : openTag, traits: [...traits] });
    }
    const clicks = fast ? rng.chance(0.5) : outlookQuick ? true : rng.chance(0.22);
    if (!clicks) continue;
    const nClicks = outlookQuick ? 1 : rng.chance(0.3) ? 2 : 1;
    const multiQuick = hard && rng.chance(0.35);
    const chosen = rng.shuffle([...contentLinks]).slice(0, multiQuick ? rng.int(2, 3) : nClicks);
    let at = firstOpen + (fast || outlookQuick ? rng.range(3 * S, 20 * S) : rng.logRange(5 * S, 3 * MIN));
    for (const url of chosen) {
      const tag = multiQuick ? 'human:multi-click-quick' : tagFor(clickTag);
      push({ type: 'click', at, ip: personIp, userAgent: clickUa, url, truth: 'human', tag, traits: [...traits, ...(fast && multiQuick ? ['fast'] : [])] });
      at += multiQuick ? rng.range(4 * S, 25 * S) : rng.logRange(20 * S, 20 * MIN);
    }
    if (fast && multiQuick) for (const e of events.slice(-chosen.length)) e.tag = 'human:fast';
  }
  events.sort((a, b) => a.at - b.at);
  return { name: `${set}-${seed}`, set, seed, sentAt, links, recipients, events };
}
