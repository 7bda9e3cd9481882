// A network this campaign shows to be a scanner's egress: one address block (IPv4 /24, IPv6 /48) fetching for
// several recipients, almost every one of them in the machine band right after their own delivery (or before
// it). Scanners run from generic cloud space no vendor list holds (Azure, AWS, GCP) and one egress serves many
// mailboxes, each fetched as its message arrives; people behind one office address or gateway open and click
// over hours, and only a few of them answer within minutes. Once the block is known, its other fetches — the
// single-link scan, the pixel fetch, the re-scan hours later — are the same machine. Relays and gateways
// shared by many people (known ranges, Apple's prefetch agent, image proxies) never count.
import { machineBandOf } from '../learned-windows';
import { addEvidence, agentClassOf, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import { groupById } from '../group-by-id';
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
  const ua = agentClassOf(ctx, i).kind;
  return ua === 'mpp' || ua === 'image-proxy';
}

/** A link sweep or an agent no person sends (bots, scripts, bare `Mozilla/5.0` clicks, long-outdated builds). */
function machineShaped(ctx: ClassifierContext, i: number): boolean {
  const ua = agentClassOf(ctx, i);
  if (ua.kind === 'scanner' || ua.kind === 'bot' || (ua.kind === 'browser' && ua.stale)) return true;
  if (ua.kind === 'mpp' && ctx.click[i] === 1) return true;
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
  const { starts, members } = groupById(ctx.blockId, ctx.blockCount, (i) => ctx.recipientId[i]! >= 0 && !excluded(ctx, i));
  // Per block: each recipient's first delay on it (NaN: none measured), and whether it looked machine-shaped
  // there. Scratch arrays by recipient id, cleared after each block.
  const first = new Float64Array(ctx.recipientNames.length).fill(Number.NaN);
  const anchoredMark = new Uint8Array(ctx.recipientNames.length);
  const timed: number[] = [];
  for (let g = 0; g < ctx.blockCount; g++) {
    const from = starts[g]!;
    const to = starts[g + 1]!;
    if (from === to) continue;
    let cloud = true;
    let anchored = 0;
    timed.length = 0;
    for (let m = from; m < to; m++) {
      const i = members[m]!;
      const recipient = ctx.recipientId[i]!;
      if (ctx.rangeMatch[i]?.kind !== 'cloud') cloud = false;
      if (anchoredMark[recipient] === 0 && machineShaped(ctx, i)) {
        anchoredMark[recipient] = 1;
        anchored++;
      }
      const seconds = ctx.secondsAfterDelivery[i]!;
      if (Number.isNaN(seconds)) continue;
      const previous = first[recipient]!;
      if (Number.isNaN(previous)) {
        timed.push(recipient);
        first[recipient] = seconds;
      } else if (seconds < previous) first[recipient] = seconds;
    }
    const firstCount = timed.length;
    const cloudAcrossCompanies =
      cloud && firstCount >= CLOUD_MIN_RECIPIENTS && (domainsOf(timed.map((r) => ctx.recipientNames[r]!)) >= CLOUD_MIN_DOMAINS || anchored >= 1);
    let machineLike = 0;
    // Before delivery (a deferred delivery scanned) or up to the end of the band (the scanner's own pixel
    // fetch comes seconds after delivery, ahead of the band of its link sweep).
    for (const recipient of timed) if (first[recipient]! <= band.toSeconds) machineLike++;
    for (const recipient of timed) first[recipient] = Number.NaN;
    for (let m = from; m < to; m++) anchoredMark[ctx.recipientId[members[m]!]!] = 0;
    if (firstCount < MIN_RECIPIENTS && !cloudAcrossCompanies) continue;
    if (machineLike < MACHINE_SHARE * firstCount) continue;
    if (anchored < Math.max(MIN_ANCHORED, ANCHORED_SHARE * firstCount) && !cloudAcrossCompanies) continue;
    for (let m = from; m < to; m++) addEvidence(ctx, members[m]!, SCANNER_NETWORK);
  }
}
