// Same scanning session: once an event of a recipient is clearly a scanner (a link burst, a scanner network,
// a bot agent), the recipient's other fetches within a few minutes from the same network block, or with the
// very same out-of-date or non-browser agent string, are the same machine — typically its image fetch
// (a median 9 s after send) ahead of the link sweep (a median 43 s, conventions §3). Relays and gateways
// shared by many people are excluded, and a current browser's agent string alone is not enough (people
// share those).
import { addEvidence, agentClassOf, agentTextOf, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import { machineBandOf } from '../learned-windows';
import type { Label } from '../../shared/types';
import { hasTimeWithin } from '../sorted-times';
import { declareSignal } from '../signal';

export const SCANNER_SESSION_SIGNAL = declareSignal({
  id: 'scanner-session',
  stage: 'relational',
  reasons: {
    "same-ip-as-scanner": "Same network and minutes as this recipient's scanner activity (or its re-scan hours later with an outdated agent): the same scanning session.",
    "same-agent-as-scanner": "The same out-of-date or non-browser agent as this recipient's scanner activity, minutes apart: the same scanning session.",
    "pixel-before-sweep": "An open with no address or agent to tell who fetched it, seconds after delivery and in the minute before this recipient's link sweep: the scanner's own image fetch.",
  },
  evidence: {
    SAME_NETWORK: { code: 'same-ip-as-scanner', weight: 2.8, kind: 'scanner', weak: false },
    SAME_AGENT: { code: 'same-agent-as-scanner', weight: 2.8, kind: 'scanner', weak: false },
    PIXEL_BEFORE_SWEEP: { code: 'pixel-before-sweep', weight: 2.8, kind: 'scanner', weak: false },
  },
});

const SESSION_MS = 5 * 60_000;
/**
 * Gateways re-scan hours later (a day or more, conventions §3) from the same fleet: a fetch from the network of
 * the recipient's scanner that itself shows a long-outdated or non-browser agent is the re-scan, not the person.
 */
const RESCAN_MS = 48 * 3600_000;
const SAME_NETWORK = SCANNER_SESSION_SIGNAL.evidence.SAME_NETWORK;
const SAME_AGENT = SCANNER_SESSION_SIGNAL.evidence.SAME_AGENT;
/**
 * Pages that show neither address nor agent leave nothing to tie a fetch to the sweep but its time. A scanner
 * fetches the pixel a median 9 s after delivery and sweeps the links a median 43 s after (conventions §3, the
 * field data of craft-campaign issue 546): an unidentified open in the first seconds after delivery (up to about
 * twice that median), in the minute before the recipient's own link sweep, is the sweep's. People who open that
 * fast are few (fast readers spread over the first minute or more), and fewer still have their message swept
 * within the minute after; a later open is left to its timing, and one with an agent or address is judged by
 * those.
 */
const PIXEL_BEFORE_SWEEP = SCANNER_SESSION_SIGNAL.evidence.PIXEL_BEFORE_SWEEP;
const PIXEL_LEAD_MS = 60_000;
const PIXEL_AFTER_DELIVERY_S = 20;
const SWEEP_CODES: readonly string[] = ['link-burst', 'all-links', 'rapid-links'];

// Times are appended in the recipient's time order, so each list is ascending.
function near(times: number[] | undefined, time: number): boolean {
  return hasTimeWithin(times, time, SESSION_MS);
}

export function scannerSessionSignal(ctx: ClassifierContext, stage1: readonly Label[]): void {
  const band = machineBandOf(ctx.learned);
  for (const indices of ctx.byRecipient.values()) {
    unidentifiedPixelBeforeSweep(ctx, stage1, indices, band.toSeconds);
    let blocks: Map<number, number[]> | undefined;
    let agents: Map<number, number[]> | undefined; // by agent id (equal ids, equal strings)
    for (const i of indices) {
      if (stage1[i] !== 'scanner') continue;
      if (Number.isNaN(ctx.time[i]!)) continue;
      const kind = ctx.rangeMatch[i]?.kind;
      const key = ctx.blockId[i]!;
      if (key >= 0 && kind !== 'mail-proxy' && kind !== 'web-gateway') {
        blocks ??= new Map();
        const list = blocks.get(key) ?? [];
        list.push(ctx.time[i]!);
        blocks.set(key, list);
      }
      const ua = agentClassOf(ctx, i);
      if (agentTextOf(ctx, i) !== undefined && ua.kind !== 'missing' && ua.kind !== 'mpp' && !(ua.kind === 'browser' && !ua.stale)) {
        agents ??= new Map();
        const list = agents.get(ctx.agentId[i]!) ?? [];
        list.push(ctx.time[i]!);
        agents.set(ctx.agentId[i]!, list);
      }
    }
    if (blocks === undefined && agents === undefined) continue;
    for (const i of indices) {
      if (stage1[i] === 'scanner') continue;
      if (agentClassOf(ctx, i).kind === 'image-proxy' || Number.isNaN(ctx.time[i]!)) continue;
      const key = ctx.blockId[i]!;
      const ua = agentClassOf(ctx, i);
      const machineAgent = ua.kind === 'scanner' || ua.kind === 'bot' || (ua.kind === 'browser' && ua.stale);
      if (key >= 0 && (near(blocks?.get(key), ctx.time[i]!) || (machineAgent && hasTimeWithin(blocks?.get(key), ctx.time[i]!, RESCAN_MS)))) {
        addEvidence(ctx, i, SAME_NETWORK);
      } else if (agentTextOf(ctx, i) !== undefined && near(agents?.get(ctx.agentId[i]!), ctx.time[i]!)) {
        addEvidence(ctx, i, SAME_AGENT);
      }
    }
  }
}

function unidentifiedPixelBeforeSweep(ctx: ClassifierContext, stage1: readonly Label[], indices: Int32Array, bandEndSeconds: number): void {
  // The recipient's first machine sweep (times are in the recipient's order).
  let sweepAt = Number.NaN;
  for (const i of indices) {
    if (ctx.click[i] === 1 && stage1[i] === 'scanner' && !Number.isNaN(ctx.time[i]!) && hasEvidence(ctx, i, SWEEP_CODES)) {
      sweepAt = ctx.time[i]!;
      break;
    }
  }
  if (Number.isNaN(sweepAt)) return;
  const slackMs = ctx.timeResolutionMs > 1 ? ctx.timeResolutionMs : 0;
  for (const i of indices) {
    if (ctx.click[i] !== 0 || stage1[i] === 'scanner' || ctx.ip[i] !== undefined || agentClassOf(ctx, i).kind !== 'missing') continue;
    const seconds = ctx.secondsAfterDelivery[i]!;
    if (!(seconds >= 0 && seconds <= Math.min(bandEndSeconds, PIXEL_AFTER_DELIVERY_S))) continue;
    const lead = sweepAt - ctx.time[i]!;
    if (lead >= -slackMs && lead <= PIXEL_LEAD_MS + slackMs) addEvidence(ctx, i, PIXEL_BEFORE_SWEEP);
  }
}
