// Same scanning session: once an event of a recipient is clearly a scanner (a link burst, a scanner network,
// a bot agent), the recipient's other fetches within a few minutes from the same network block, or with the
// very same out-of-date or non-browser agent string, are the same machine — typically its image fetch
// (a median 9 s after send) ahead of the link sweep (a median 43 s, conventions §3). Relays and gateways
// shared by many people are excluded, and a current browser's agent string alone is not enough (people
// share those).
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import type { Label } from '../../shared/types';
import { hasTimeWithin } from '../sorted-times';
import { declareSignal } from '../signal';

export const SCANNER_SESSION_SIGNAL = declareSignal({
  id: 'scanner-session',
  stage: 'relational',
  reasons: {
    "same-ip-as-scanner": "Same network and minutes as this recipient's scanner activity (or its re-scan hours later with an outdated agent): the same scanning session.",
    "same-agent-as-scanner": "The same out-of-date or non-browser agent as this recipient's scanner activity, minutes apart: the same scanning session.",
  },
  evidence: {
    SAME_NETWORK: { code: 'same-ip-as-scanner', weight: 2.8, kind: 'scanner', weak: false },
    SAME_AGENT: { code: 'same-agent-as-scanner', weight: 2.8, kind: 'scanner', weak: false },
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

// Times are appended in the recipient's time order, so each list is ascending.
function near(times: number[] | undefined, time: number): boolean {
  return hasTimeWithin(times, time, SESSION_MS);
}

export function scannerSessionSignal(ctx: ClassifierContext, stage1: readonly Label[]): void {
  for (const indices of ctx.byRecipient.values()) {
    let blocks: Map<string, number[]> | undefined;
    let agents: Map<string, number[]> | undefined;
    for (const i of indices) {
      if (stage1[i] !== 'scanner') continue;
      const event = ctx.events[i]!;
      if (Number.isNaN(event.time)) continue;
      const kind = ctx.rangeMatch[i]?.kind;
      const key = ctx.ipBlock[i];
      if (key !== undefined && kind !== 'mail-proxy' && kind !== 'web-gateway') {
        blocks ??= new Map();
        const list = blocks.get(key) ?? [];
        list.push(event.time);
        blocks.set(key, list);
      }
      const ua = ctx.userAgent[i]!;
      if (event.userAgent !== undefined && ua.kind !== 'missing' && ua.kind !== 'mpp' && !(ua.kind === 'browser' && !ua.stale)) {
        agents ??= new Map();
        const list = agents.get(event.userAgent) ?? [];
        list.push(event.time);
        agents.set(event.userAgent, list);
      }
    }
    if (blocks === undefined && agents === undefined) continue;
    for (const i of indices) {
      if (stage1[i] === 'scanner') continue;
      const event = ctx.events[i]!;
      if (ctx.userAgent[i]!.kind === 'image-proxy' || Number.isNaN(event.time)) continue;
      const key = ctx.ipBlock[i];
      const ua = ctx.userAgent[i]!;
      const machineAgent = ua.kind === 'scanner' || ua.kind === 'bot' || (ua.kind === 'browser' && ua.stale);
      if (key !== undefined && (near(blocks?.get(key), event.time) || (machineAgent && hasTimeWithin(blocks?.get(key), event.time, RESCAN_MS)))) {
        addEvidence(ctx, i, SAME_NETWORK);
      } else if (event.userAgent !== undefined && near(agents?.get(event.userAgent), event.time)) {
        addEvidence(ctx, i, SAME_AGENT);
      }
    }
  }
}
