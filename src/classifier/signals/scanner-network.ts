// A network this campaign shows to be a scanner's egress: one address block (IPv4 /24, IPv6 /48) fetching for
// several recipients, almost every one of them in the machine band right after their own delivery (or before
// it). Scanners run from generic cloud space no vendor list holds (Azure, AWS, GCP) and one egress serves many
// mailboxes, each fetched as its message arrives; people behind one office address or gateway open and click
// over hours, and only a few of them answer within minutes. Once the block is known, its other fetches — the
// single-link scan, the pixel fetch, the re-scan hours later — are the same machine. Relays and gateways
// shared by many people (known ranges, Apple's prefetch agent, image proxies) never count.
import { machineBandOf } from '../learned-windows';
import { addEvidence, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const SCANNER_NETWORK_SIGNAL = declareSignal({
  id: 'scanner-network',
  stage: 'event',
  reasons: {
    "scanner-network": "Came from a network that, in this campaign, fetched for several recipients each right after their message arrived: a scanner's egress.",
  },
  evidence: {
    SCANNER_NETWORK: { code: 'scanner-network', weight: 3.2, kind: 'scanner', weak: false },
  },
});

export const SCANNER_NETWORK = SCANNER_NETWORK_SIGNAL.evidence.SCANNER_NETWORK;

/** Recipients a block must serve before its timing says anything. */
const MIN_RECIPIENTS = 4;
/** Share of the block's recipients whose first fetch there came in the machine band (or before delivery). */
const MACHINE_SHARE = 0.75;
/**
 * Timing alone also describes an office reading an all-hands mail within minutes behind one NAT. A scanner's
 * egress also shows, for some of its recipients, what people never do: a link sweep, or a bot, scripted or
 * long-outdated agent. At least this share of the block's recipients (and two) must show one of those there.
 */
const ANCHORED_SHARE = 0.2;
const MIN_ANCHORED = 2;
/**
 * Or: generic cloud space (no office, no home) fetching for recipients of several companies, or with one machine
 * sign among them, each right after delivery. One company's people on cloud desktops are one domain and read
 * with current browsers whenever they get to it.
 */
const CLOUD_MIN_RECIPIENTS = 3;
const CLOUD_MIN_DOMAINS = 2;

function excluded(ctx: ClassifierContext, i: number): boolean {
  const kind = ctx.rangeMatch[i]?.kind;
  if (kind === 'mail-proxy' || kind === 'web-gateway') return true;
  const ua = ctx.userAgent[i]!.kind;
  return ua === 'mpp' || ua === 'image-proxy';
}

/** A link sweep or an agent no person sends (bots, scripts, bare `Mozilla/5.0` clicks, long-outdated builds). */
function machineShaped(ctx: ClassifierContext, i: number): boolean {
  const ua = ctx.userAgent[i]!;
  if (ua.kind === 'scanner' || ua.kind === 'bot' || (ua.kind === 'browser' && ua.stale)) return true;
  if (ua.kind === 'mpp' && ctx.events[i]!.type === 'click') return true;
  return hasEvidence(ctx, i, SWEEP_CODES);
}

const SWEEP_CODES = ['link-burst', 'all-links', 'rapid-links'] as const;

function domainsOf(recipients: Iterable<string>): number {
  const domains = new Set<string>();
  for (const recipient of recipients) domains.add(recipient.slice(recipient.lastIndexOf('@') + 1));
  return domains.size;
}

export function scannerNetworkSignal(ctx: ClassifierContext): void {
  const band = machineBandOf(ctx.learned);
  // Per block: each recipient's first delay on it.
  const blocks = new Map<string, { first: Map<string, number>; anchored: Set<string>; events: number[]; cloud: boolean }>();
  for (let i = 0; i < ctx.events.length; i++) {
    const key = ctx.ipBlock[i];
    const recipient = ctx.events[i]!.recipient;
    if (key === undefined || recipient === undefined || excluded(ctx, i)) continue;
    let block = blocks.get(key);
    if (block === undefined) blocks.set(key, (block = { first: new Map(), anchored: new Set(), events: [], cloud: true }));
    if (ctx.rangeMatch[i]?.kind !== 'cloud') block.cloud = false;
    block.events.push(i);
    if (machineShaped(ctx, i)) block.anchored.add(recipient);
    const seconds = ctx.secondsAfterDelivery[i]!;
    if (Number.isNaN(seconds)) continue;
    const previous = block.first.get(recipient);
    if (previous === undefined || seconds < previous) block.first.set(recipient, seconds);
  }
  for (const block of blocks.values()) {
    const cloudAcrossCompanies =
      block.cloud && block.first.size >= CLOUD_MIN_RECIPIENTS && (domainsOf(block.first.keys()) >= CLOUD_MIN_DOMAINS || block.anchored.size >= 1);
    if (block.first.size < MIN_RECIPIENTS && !cloudAcrossCompanies) continue;
    let machineLike = 0;
    for (const seconds of block.first.values()) {
      // Before delivery (a deferred delivery scanned) or up to the end of the band (the scanner's own pixel
      // fetch comes seconds after delivery, ahead of the band of its link sweep).
      if (seconds <= band.toSeconds) machineLike++;
    }
    if (machineLike < MACHINE_SHARE * block.first.size) continue;
    if (block.anchored.size < Math.max(MIN_ANCHORED, ANCHORED_SHARE * block.first.size) && !cloudAcrossCompanies) continue;
    for (const i of block.events) addEvidence(ctx, i, SCANNER_NETWORK);
  }
}
