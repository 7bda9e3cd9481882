// One network block (IPv4 /24, IPv6 /48) fetching for many different recipients within seconds: a scanning
// farm working through a tenant's mailboxes as the messages arrive. An office NAT can look the same when an
// all-hands mail is read at once, so with a person's agent the crowd alone stays weak. Apple relays and
// corporate web gateways carry many people, so they count for little.
import { addEvidence, agentClassOf, type ClassifierContext, type Evidence } from '../context';
import { groupById } from '../group-by-id';
import { declareSignal } from '../signal';

export const SHARED_IP_SIGNAL = declareSignal({
  id: 'shared-ip',
  stage: 'event',
  reasons: {
    "shared-ip": "The same network fetched for several different recipients within seconds.",
  },
  evidence: {
    CROWDED_NETWORK: { code: 'shared-ip', weight: 0.3, kind: 'neutral', weak: true, context: true },
    MANY_RECIPIENTS_EVIDENCE: { code: 'shared-ip', weight: 3.2, kind: 'scanner', weak: false },
    SOME_RECIPIENTS_EVIDENCE: { code: 'shared-ip', weight: 1.2, kind: 'scanner', weak: true },
  },
});

const CROWDED_NETWORK = SHARED_IP_SIGNAL.evidence.CROWDED_NETWORK;
const MANY_RECIPIENTS_EVIDENCE = SHARED_IP_SIGNAL.evidence.MANY_RECIPIENTS_EVIDENCE;
const SOME_RECIPIENTS_EVIDENCE = SHARED_IP_SIGNAL.evidence.SOME_RECIPIENTS_EVIDENCE;
/** The same crowd of people's agents (an office NAT at a busy moment): context, not a finding about the fetch. */
const PEOPLE_CROWD_EVIDENCE: Evidence = { ...SOME_RECIPIENTS_EVIDENCE, context: true };

const WINDOW_MS = 15_000;
/** Distinct recipients in the window for weak / strong evidence. */
const SOME_RECIPIENTS = 3;
const MANY_RECIPIENTS = 5;
/**
 * For people's agents the crowd must also stand out from the address's own background: a farm's sweep is most
 * of what its address does in ±5 min, while an office reading an all-hands mail keeps the address busy for
 * minutes (forty people in four minutes put five in any 15 s, yet are a small share of the ±5 min crowd).
 */
const BACKGROUND_WINDOW_MS = 5 * 60_000;
const ISOLATED_SHARE = 0.5;

/**
 * Per position of the time-sorted list: distinct recipients of the block within ±windowMs. `inWindow` counts
 * events per recipient id and is all zeros before and after.
 */
function recipientsAround(ctx: ClassifierContext, list: ArrayLike<number>, windowMs: number, inWindow: Int32Array): Int32Array {
  const counts = new Int32Array(list.length);
  const time = (k: number): number => ctx.time[list[k]!]!;
  const recipient = (k: number): number => ctx.recipientId[list[k]!]!;
  let distinct = 0;
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < list.length; k++) {
    const t = time(k);
    while (hi < list.length && time(hi) <= t + windowMs) {
      if (inWindow[recipient(hi)]!++ === 0) distinct++;
      hi++;
    }
    while (time(lo) < t - windowMs) {
      if (--inWindow[recipient(lo)]! === 0) distinct--;
      lo++;
    }
    counts[k] = distinct;
  }
  for (let k = lo; k < hi; k++) inWindow[recipient(k)] = 0;
  return counts;
}

/** A current browser, a mail client or an image proxy: what the people behind one NAT send. */
function personLikeAgent(ctx: ClassifierContext, i: number): boolean {
  const ua = agentClassOf(ctx, i);
  return (ua.kind === 'browser' && !ua.stale) || ua.kind === 'other' || ua.kind === 'image-proxy';
}

export function sharedIpSignal(ctx: ClassifierContext): void {
  const { starts, members } = groupById(
    ctx.blockId,
    ctx.blockCount,
    (i) => ctx.recipientId[i]! >= 0 && !Number.isNaN(ctx.time[i]!),
  );
  const inWindow = new Int32Array(ctx.recipientNames.length);
  for (let g = 0; g < ctx.blockCount; g++) {
    if (starts[g + 1]! - starts[g]! < SOME_RECIPIENTS) continue;
    // Time order, ties in event order (a stable sort of the ascending indices).
    const list = members.subarray(starts[g]!, starts[g + 1]!).sort((a, b) => ctx.time[a]! - ctx.time[b]! || a - b);
    const around = recipientsAround(ctx, list, WINDOW_MS, inWindow);
    let background: Int32Array | undefined;
    for (let k = 0; k < list.length; k++) {
      const recipients = around[k]!;
      if (recipients < SOME_RECIPIENTS) continue;
      const i = list[k]!;
      const kind = ctx.rangeMatch[i]?.kind;
      // Apple's prefetch fetches for every Apple Mail user of the list as the message arrives, from relay
      // egress shared by all of them (much of it missing from any bundled subset): a crowd of `Mozilla/5.0`
      // opens is the relay at work, not a scanning farm (conventions §3).
      const mppOpen = ctx.click[i] === 0 && agentClassOf(ctx, i).kind === 'mpp';
      const crowded = kind === 'mail-proxy' || kind === 'web-gateway' || mppOpen;
      if (crowded) {
        addEvidence(ctx, i, CROWDED_NETWORK);
        continue;
      }
      // Stale builds, bots and missing agents: a crowd within 15 s is strong. A person's agent (current
      // browser, mail client) on a busy address is what an office NAT looks like, so for it the crowd is strong
      // only when isolated (see BACKGROUND_WINDOW_MS), else weak.
      if (recipients >= MANY_RECIPIENTS) {
        if (!personLikeAgent(ctx, i)) {
          addEvidence(ctx, i, MANY_RECIPIENTS_EVIDENCE);
          continue;
        }
        background ??= recipientsAround(ctx, list, BACKGROUND_WINDOW_MS, inWindow);
        if (recipients >= ISOLATED_SHARE * background[k]!) {
          addEvidence(ctx, i, MANY_RECIPIENTS_EVIDENCE);
          continue;
        }
      }
      addEvidence(ctx, i, personLikeAgent(ctx, i) ? PEOPLE_CROWD_EVIDENCE : SOME_RECIPIENTS_EVIDENCE);
    }
  }
}
